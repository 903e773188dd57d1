package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// NewTask is a task to issue.
type NewTask struct {
	Program  string
	Year     int
	IssuerID int64     // the department
	Deadline time.Time // forms are due by then
	UnitIDs  []int64   // the units expected; empty: every unit directly under the department
}

// IssueTask issues a department's self-evaluation task for a program and
// year to units under it, with a deadline (下发自评任务). Forms those units
// already hold for the program and year join the task.
func (s *Store) IssueTask(ctx context.Context, nt NewTask) (*jixiao.Task, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if nt.Year < 2000 || nt.Year > 2100 {
		return nil, errInvalidf("年度 %d 不对：应为 2000 至 2100 之间的年份", nt.Year)
	}
	if nt.Deadline.IsZero() {
		return nil, errInvalidf("请给出截止时间")
	}
	var id int64
	err = s.update(ctx, func(t *tx) error {
		issuer, err := t.org(ctx, nt.IssuerID)
		if err != nil {
			return err
		}
		if issuer.Kind != jixiao.OrgDepartment {
			return errInvalidf("只有地方主管部门可以下发自评任务，“%s”是%s", issuer.Name, issuer.Kind.Label())
		}
		if !a.System && !hasGrant(a, jixiao.RoleReviewer, issuer.ID) {
			return errForbiddenf("只有“%s”的审核人可以以它的名义下发任务", issuer.Name)
		}
		if !nt.Deadline.After(t.now) {
			return errInvalidf("截止时间 %s 已过，请给出将来的时间", nt.Deadline.In(chinaTime).Format("2006-01-02 15:04"))
		}
		units := nt.UnitIDs
		if len(units) == 0 {
			if units, err = t.childUnits(ctx, issuer.ID); err != nil {
				return err
			}
			if len(units) == 0 {
				return errInvalidf("“%s”下面还没有资金使用单位：请先添加单位（jixiao org add）", issuer.Name)
			}
		}
		programID, err := t.program(ctx, a, nt.Program)
		if err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, "SELECT count(*) FROM tasks WHERE program_id = ? AND year = ? AND issuer_id = ?", programID, nt.Year, issuer.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errConflictf("“%s”已下发过 %d 年度“%s”的自评任务；如需延期，请修改截止时间", issuer.Name, nt.Year, nt.Program)
		}
		dl := formatTime(nt.Deadline)
		if id, err = t.insert(ctx, "INSERT INTO tasks (program_id, year, issuer_id, deadline, first_deadline, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			programID, nt.Year, issuer.ID, dl, dl, formatTime(t.now)); err != nil {
			return err
		}
		for _, u := range units {
			o, err := t.org(ctx, u)
			if err != nil {
				return err
			}
			if o.Kind != jixiao.OrgUnit || o.ParentID != issuer.ID {
				return errInvalidf("“%s”不是“%s”下属的资金使用单位，不能向它下发任务", o.Name, issuer.Name)
			}
			if _, err := t.exec(ctx, "INSERT INTO task_units (task_id, org_id) VALUES (?, ?)", id, u); err != nil {
				return err
			}
			if _, err := t.exec(ctx, "UPDATE forms SET task_id = ? WHERE org_id = ? AND program_id = ? AND year = ? AND kind = 'unit' AND task_id IS NULL",
				id, u, programID, nt.Year); err != nil {
				return err
			}
		}
		return t.log(ctx, a, change{action: jixiao.ActionTaskIssue, object: "task", objectID: strconv.FormatInt(id, 10),
			detail: fmt.Sprintf("“%s”下发 %d 年度“%s”自评任务给 %d 个单位，截止 %s", issuer.Name, nt.Year, nt.Program, len(units),
				nt.Deadline.In(chinaTime).Format("2006-01-02 15:04"))})
	})
	if err != nil {
		return nil, err
	}
	return s.Task(ctx, id)
}

func hasGrant(a *jixiao.Actor, role jixiao.Role, orgID int64) bool {
	for _, g := range a.Grants {
		if g.Role == role && g.OrgID == orgID {
			return true
		}
	}
	return false
}

func (t *tx) childUnits(ctx context.Context, parent int64) ([]int64, error) {
	rows, err := t.query(ctx, "SELECT id FROM organisations WHERE parent_id = ? AND kind = 'unit' ORDER BY id", parent)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ExtendTask moves a task's deadline; forms submitted after the first
// deadline still count as late.
func (s *Store) ExtendTask(ctx context.Context, id int64, deadline time.Time) (*jixiao.Task, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	err = s.update(ctx, func(t *tx) error {
		tk, err := t.task(ctx, id)
		if err != nil {
			return err
		}
		if !a.System && !hasGrant(a, jixiao.RoleReviewer, tk.IssuerID) {
			return errForbiddenf("只有“%s”的审核人可以修改它下发的任务", tk.Issuer)
		}
		if !deadline.After(tk.Deadline) {
			return errInvalidf("新的截止时间应晚于现在的 %s", tk.Deadline.In(chinaTime).Format("2006-01-02 15:04"))
		}
		if _, err := t.exec(ctx, "UPDATE tasks SET deadline = ? WHERE id = ?", formatTime(deadline), id); err != nil {
			return err
		}
		return t.log(ctx, a, change{action: jixiao.ActionTaskExtend, object: "task", objectID: strconv.FormatInt(id, 10),
			detail: fmt.Sprintf("截止时间从 %s 延至 %s", tk.Deadline.In(chinaTime).Format("2006-01-02 15:04"), deadline.In(chinaTime).Format("2006-01-02 15:04"))})
	})
	if err != nil {
		return nil, err
	}
	return s.Task(ctx, id)
}

// Task returns a task with its expected units.
func (s *Store) Task(ctx context.Context, id int64) (*jixiao.Task, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	var tk *jixiao.Task
	err := s.view(ctx, func(t *tx) error {
		var err error
		tk, err = t.task(ctx, id)
		return err
	})
	return tk, err
}

const taskColumns = `t.id, t.program_id, p.name, t.year, t.issuer_id, o.name, t.deadline, t.first_deadline, t.created_at
	FROM tasks t JOIN programs p ON p.id = t.program_id JOIN organisations o ON o.id = t.issuer_id`

func (t *tx) scanTask(ctx context.Context, row interface{ Scan(...any) error }) (*jixiao.Task, error) {
	var tk jixiao.Task
	var dl, first, created string
	if err := row.Scan(&tk.ID, &tk.ProgramID, &tk.Program, &tk.Year, &tk.IssuerID, &tk.Issuer, &dl, &first, &created); err != nil {
		return nil, err
	}
	tk.Deadline, tk.FirstDue, tk.CreatedAt = parseTime(dl), parseTime(first), parseTime(created)
	return &tk, nil
}

func (t *tx) task(ctx context.Context, id int64) (*jixiao.Task, error) {
	tk, err := t.scanTask(ctx, t.queryRow(ctx, "SELECT "+taskColumns+" WHERE t.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFoundf("任务 %d 不存在", id)
	}
	if err != nil {
		return nil, err
	}
	return tk, t.expectedUnits(ctx, map[int64]*jixiao.Task{id: tk})
}

// Tasks lists every task (for a program and year when given) with the
// units it expects.
func (s *Store) Tasks(ctx context.Context, program string, year int) ([]*jixiao.Task, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	var out []*jixiao.Task
	err := s.view(ctx, func(t *tx) error {
		q := "SELECT " + taskColumns + " WHERE 1 = 1"
		var args []any
		if program != "" {
			q += " AND p.name = ?"
			args = append(args, program)
		}
		if year != 0 {
			q += " AND t.year = ?"
			args = append(args, year)
		}
		rows, err := t.query(ctx, q+" ORDER BY t.id", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		byID := map[int64]*jixiao.Task{}
		for rows.Next() {
			tk, err := t.scanTask(ctx, rows)
			if err != nil {
				return err
			}
			out = append(out, tk)
			byID[tk.ID] = tk
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		return t.expectedUnits(ctx, byID)
	})
	return out, err
}

// expectedUnits fills the units each task expects, in one query for all.
func (t *tx) expectedUnits(ctx context.Context, tasks map[int64]*jixiao.Task) error {
	if len(tasks) == 0 {
		return nil
	}
	rows, err := t.query(ctx, "SELECT task_id, org_id FROM task_units ORDER BY task_id, org_id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var task, unit int64
		if err := rows.Scan(&task, &unit); err != nil {
			return err
		}
		if tk := tasks[task]; tk != nil {
			tk.ExpectedIDs = append(tk.ExpectedIDs, unit)
		}
	}
	return rows.Err()
}

// Reporting is how the units of a region report for a program and year:
// every unit expected by some task, counted in its region and every region
// above it.
type Reporting struct {
	Region    jixiao.Region `json:"region"`
	Expected  int           `json:"expected"`
	Submitted int           `json:"submitted"` // submitted at least once (on time or late)
	OnTime    int           `json:"on_time"`   // first submitted by the first deadline
	Late      int           `json:"late"`
	Missing   int           `json:"missing"` // never submitted
	Approved  int           `json:"approved"`
}

// Rate is the reporting rate in percent (submitted ÷ expected), "" with no units.
func (r Reporting) Rate() string {
	if r.Expected == 0 {
		return ""
	}
	return strconv.FormatFloat(float64(r.Submitted)*100/float64(r.Expected), 'f', 1, 64) + "%"
}

// ReportingRates counts, for a program and year, the expected units of
// every region the actor may see, region by region, parents before children.
func (s *Store) ReportingRates(ctx context.Context, program string, year int) ([]Reporting, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	byPath := map[string]*Reporting{}
	err = s.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `SELECT r.path, coalesce(f.status, ''), coalesce(f.submitted_at, ''), tk.first_deadline, o.id, coalesce(o.parent_id, 0)
			FROM tasks tk JOIN programs p ON p.id = tk.program_id JOIN task_units u ON u.task_id = tk.id
			JOIN organisations o ON o.id = u.org_id JOIN regions r ON r.code = o.region
			LEFT JOIN forms f ON f.org_id = o.id AND f.program_id = tk.program_id AND f.year = tk.year AND f.kind = 'unit'
			WHERE p.name = ? AND tk.year = ?`, program, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var path, status, submitted, first string
			var orgID, parent int64
			if err := rows.Scan(&path, &status, &submitted, &first, &orgID, &parent); err != nil {
				return err
			}
			if !a.CanSee(jixiao.Scope{OrgID: orgID, OrgParent: parent, Kind: jixiao.FormUnit, RegionPath: path}) {
				continue
			}
			// Count the unit in its region and every region above.
			for i := 0; i < len(path); i++ {
				if path[i] != '/' {
					continue
				}
				p := path[:i+1]
				r := byPath[p]
				if r == nil {
					r = &Reporting{}
					byPath[p] = r
				}
				r.Expected++
				switch {
				case submitted == "":
					r.Missing++
				case submitted <= first:
					r.Submitted++
					r.OnTime++
				default:
					r.Submitted++
					r.Late++
				}
				if jixiao.FormStatus(status) == jixiao.StatusApproved {
					r.Approved++
				}
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for p, r := range byPath {
			code := p[:len(p)-1]
			if i := strings.LastIndexByte(code, '/'); i >= 0 {
				code = code[i+1:]
			}
			reg, err := t.region(ctx, code)
			if err != nil {
				return err
			}
			r.Region = *reg
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Reporting, 0, len(byPath))
	for _, r := range byPath {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Region.Path < out[j].Region.Path })
	return out, nil
}
