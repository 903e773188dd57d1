package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/check"
)

// formRow is a stored form's row as the rules need it.
type formRow struct {
	jixiao.StoredForm
	scope jixiao.Scope
}

const formColumns = `f.id, f.program_id, p.name, f.year, f.org_id, o.name, coalesce(o.parent_id, 0), f.region, r.full_name,
	f.region_path, f.kind, f.status, f.version, coalesce(f.task_id, 0), f.errors, f.warnings,
	coalesce(CAST(f.budget AS TEXT), ''), coalesce(CAST(f.executed AS TEXT), ''), coalesce(CAST(f.rate AS TEXT), ''), f.updated_at, f.updated_by,
	coalesce(f.submitted_at, ''), f.hash`

const formFrom = ` FROM forms f JOIN programs p ON p.id = f.program_id JOIN organisations o ON o.id = f.org_id
	JOIN regions r ON r.code = f.region`

func scanForm(row interface{ Scan(...any) error }, d *dialect) (*formRow, error) {
	var f formRow
	var kind, status, updated, submitted string
	var budget, executed, rate any
	if err := row.Scan(&f.ID, &f.ProgramID, &f.Program, &f.Year, &f.OrgID, &f.Org, &f.scope.OrgParent, &f.Region, &f.RegionName,
		&f.RegionPath, &kind, &status, &f.Version, &f.TaskID, &f.Errors, &f.Warnings,
		&budget, &executed, &rate, &updated, &f.UpdatedBy, &submitted, &f.Hash); err != nil {
		return nil, err
	}
	f.Kind, f.Status, f.UpdatedAt = jixiao.FormKind(kind), jixiao.FormStatus(status), parseTime(updated)
	f.Budget, f.Executed, f.Rate = text(budget), text(executed), text(rate)
	if submitted != "" {
		t := parseTime(submitted)
		f.SubmittedAt = &t
	}
	f.scope.OrgID, f.scope.Kind, f.scope.RegionPath = f.OrgID, f.Kind, f.RegionPath
	return &f, nil
}

// text is a numeric or text column as text (PostgreSQL numeric arrives as
// text through pgx's database/sql driver, SQLite TEXT as string).
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []byte:
		return string(v)
	}
	return fmt.Sprint(v)
}

// formScope loads form id and checks that a may see it. A form the actor
// may not see is reported as not found, exactly like a form that does not
// exist: guessing ids tells nothing.
func (t *tx) formScope(ctx context.Context, a *jixiao.Actor, id int64) (*formRow, error) {
	f, err := scanForm(t.queryRow(ctx, "SELECT "+formColumns+formFrom+" WHERE f.id = ?", id), t.d)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !a.CanSee(f.scope)) {
		return nil, errNotFoundf("自评表 %d 不存在，或您无权查看", id)
	}
	return f, err
}

// NewForm is a form to create.
type NewForm struct {
	Program string
	Year    int
	OrgID   int64
	Kind    jixiao.FormKind // unit (default) or region
	Form    *jixiao.Form
	// Source and SourceHash name the file a form was imported from and the
	// SHA-256 of its bytes (import is idempotent by it).
	Source, SourceHash string
}

// CreateForm stores a new form as a draft, version 1.
func (s *Store) CreateForm(ctx context.Context, nf NewForm) (*jixiao.StoredForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	doc, err := s.document(nf.Form)
	if err != nil {
		return nil, err
	}
	var id int64
	return s.changeForm(ctx, &id, func(t *tx) error {
		id, err = t.createForm(ctx, a, nf, doc, jixiao.ActionFormCreate)
		return err
	})
}

func (t *tx) createForm(ctx context.Context, a *jixiao.Actor, nf NewForm, doc *document, action jixiao.Action) (int64, error) {
	if nf.Kind == "" {
		nf.Kind = jixiao.FormUnit
	}
	if nf.Kind != jixiao.FormUnit && nf.Kind != jixiao.FormRegion {
		return 0, errInvalidf("表的类型“%s”不对：应为 unit（单位表）或 region（地区汇总表）", nf.Kind)
	}
	if nf.Year < 2000 || nf.Year > 2100 {
		return 0, errInvalidf("年度 %d 不对：应为 2000 至 2100 之间的年份", nf.Year)
	}
	org, err := t.org(ctx, nf.OrgID)
	if err != nil {
		return 0, err
	}
	switch {
	case nf.Kind == jixiao.FormUnit && org.Kind != jixiao.OrgUnit:
		return 0, errInvalidf("“%s”是%s，单位自评表只能属于资金使用单位", org.Name, org.Kind.Label())
	case nf.Kind == jixiao.FormRegion && org.Kind != jixiao.OrgDepartment:
		return 0, errInvalidf("地区汇总表只能属于地方主管部门，而“%s”是%s", org.Name, org.Kind.Label())
	}
	reg, err := t.region(ctx, org.Region)
	if err != nil {
		return 0, err
	}
	scope := jixiao.Scope{OrgID: org.ID, OrgParent: org.ParentID, Kind: nf.Kind, RegionPath: reg.Path}
	if !a.CanEdit(scope) {
		return 0, errForbiddenf("您不能为“%s”填报自评表：只有该单位的填报人（地区汇总表：该部门的审核人）可以", org.Name)
	}
	programID, err := t.program(ctx, a, nf.Program)
	if err != nil {
		return 0, err
	}
	var existing int64
	err = t.queryRow(ctx, "SELECT id FROM forms WHERE program_id = ? AND year = ? AND org_id = ? AND kind = ?",
		programID, nf.Year, org.ID, string(nf.Kind)).Scan(&existing)
	if err == nil {
		return 0, errConflictf("“%s”%d 年度“%s”的自评表已存在（编号 %d），请打开它修改", org.Name, nf.Year, nf.Program, existing)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	var taskID int64
	if nf.Kind == jixiao.FormUnit {
		err := t.queryRow(ctx, `SELECT t.id FROM tasks t JOIN task_units u ON u.task_id = t.id
			WHERE t.program_id = ? AND t.year = ? AND u.org_id = ? ORDER BY t.id LIMIT 1`, programID, nf.Year, org.ID).Scan(&taskID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	now := formatTime(t.now)
	id, err := t.insert(ctx, `INSERT INTO forms (program_id, year, org_id, region, region_path, kind, status, version, task_id,
		hash, errors, warnings, budget, executed, rate, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		programID, nf.Year, org.ID, reg.Code, reg.Path, string(nf.Kind), string(jixiao.StatusDraft), nullInt(taskID),
		doc.hash, doc.report.Summary.Errors, doc.report.Summary.Warnings,
		decimalArg(doc.budget), decimalArg(doc.executed), decimalArg(doc.rate), now, now, a.Name)
	if err != nil {
		return 0, err
	}
	if err := t.storeVersion(ctx, a, id, 1, doc, nf.Source, nf.SourceHash); err != nil {
		return 0, err
	}
	detail := fmt.Sprintf("新建“%s”%d 年度“%s”的%s（第 1 版）", org.Name, nf.Year, nf.Program, kindLabel(nf.Kind))
	if nf.Source != "" {
		detail += "，来自文件 " + nf.Source
	}
	return id, t.log(ctx, a, change{action: action, object: "form", objectID: strconv.FormatInt(id, 10), formID: id,
		hashAfter: doc.hash, detail: detail})
}

func kindLabel(k jixiao.FormKind) string {
	if k == jixiao.FormRegion {
		return "地区汇总表"
	}
	return "单位自评表"
}

// storeVersion writes revision version of form id and replaces the form's
// judged indicator rows and findings with doc's.
func (t *tx) storeVersion(ctx context.Context, a *jixiao.Actor, id int64, version int, doc *document, source, sourceHash string) error {
	if _, err := t.exec(ctx, `INSERT INTO form_revisions (form_id, version, document, hash, source, source_hash, saved_by, saved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, version, string(doc.json), doc.hash, source, sourceHash, a.Name, formatTime(t.now)); err != nil {
		return err
	}
	for _, table := range []string{"form_indicators", "form_findings"} {
		if version == 1 {
			break // a new form has none yet
		}
		if _, err := t.exec(ctx, "DELETE FROM "+table+" WHERE form_id = ?", id); err != nil {
			return err
		}
	}
	// Rows go in chunks of up to rowsPerInsert a statement: one statement a
	// chunk instead of one a row (the driver's work per statement is most of
	// a small row's cost), and few distinct statement texts for the write
	// connection's statement cache (stmt.go).
	err := insertRows(ctx, t, "form_indicators (form_id, idx, level1, level2, name, status, completion, comparator)", 8,
		len(doc.report.Indicators), func(i int, args []any) []any {
			as := doc.report.Indicators[i]
			return append(args, id, as.Index, as.Level1, as.Level2, as.Name, string(as.Status), decimalArg(as.Completion), as.Comparator)
		})
	if err != nil {
		return err
	}
	err = insertRows(ctx, t, "form_findings (form_id, seq, rule, severity, at, message)", 6,
		len(doc.report.Findings), func(i int, args []any) []any {
			f := doc.report.Findings[i]
			return append(args, id, i, f.Rule, string(f.Severity), f.At, f.Message)
		})
	if err != nil {
		return err
	}
	return t.storeValues(ctx, id, doc)
}

func (s *Store) document(f *jixiao.Form) (*document, error) { return newDocument(f, s.Audit) }

// SaveForm stores a new version of form id. base is the version the edit
// started from: if someone saved in between, the save is refused as a
// conflict that says who and when, and nothing is lost.
func (s *Store) SaveForm(ctx context.Context, id int64, base int, f *jixiao.Form) (*jixiao.StoredForm, error) {
	return s.SaveFormFrom(ctx, id, base, f, "", "")
}

// SaveFormFrom is SaveForm of a form read from a file (an upload that
// replaces the form): the revision records the file's name and the SHA-256
// of its bytes, and the log says where the version came from.
func (s *Store) SaveFormFrom(ctx context.Context, id int64, base int, f *jixiao.Form, source, sourceHash string) (*jixiao.StoredForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	doc, err := s.document(f)
	if err != nil {
		return nil, err
	}
	return s.changeForm(ctx, &id, func(t *tx) error {
		return t.saveForm(ctx, a, id, base, doc, source, sourceHash, jixiao.ActionFormSave)
	})
}

func (t *tx) saveForm(ctx context.Context, a *jixiao.Actor, id int64, base int, doc *document, source, sourceHash string, action jixiao.Action) error {
	cur, err := t.formScope(ctx, a, id)
	if err != nil {
		return err
	}
	if !a.CanEdit(cur.scope) {
		return errForbiddenf("这不是您单位的表：“%s”的自评表只能由该单位的填报人修改", cur.Org)
	}
	if err := editable(cur); err != nil {
		return err
	}
	if cur.Version != base {
		return t.staleVersion(ctx, cur, base)
	}
	res, err := t.exec(ctx, `UPDATE forms SET version = version + 1, hash = ?, errors = ?, warnings = ?,
		budget = ?, executed = ?, rate = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		doc.hash, doc.report.Summary.Errors, doc.report.Summary.Warnings,
		decimalArg(doc.budget), decimalArg(doc.executed), decimalArg(doc.rate), formatTime(t.now), a.Name, id, base)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		// Another server saved between our read and our update.
		return t.staleVersion(ctx, cur, base)
	}
	if err := t.storeVersion(ctx, a, id, base+1, doc, source, sourceHash); err != nil {
		return err
	}
	detail := fmt.Sprintf("保存第 %d 版（%d 个错误、%d 个警告）", base+1, doc.report.Summary.Errors, doc.report.Summary.Warnings)
	if source != "" {
		detail += "，来自文件 " + source
	}
	return t.log(ctx, a, change{action: action, object: "form", objectID: strconv.FormatInt(id, 10), formID: id,
		hashBefore: cur.Hash, hashAfter: doc.hash, detail: detail})
}

// editable refuses changes to a form its owner may not change now.
func editable(f *formRow) error {
	switch f.Status {
	case jixiao.StatusApproved:
		return errConflictf("自评表已审核通过并锁定，不能再修改")
	case jixiao.StatusSubmitted, jixiao.StatusResubmitted:
		return errConflictf("自评表已提交，正在审核，不能修改；如需修改，请审核部门退回")
	}
	return nil
}

// staleVersion is the conflict of a save that started from an old version:
// it names who saved after it, and when.
func (t *tx) staleVersion(ctx context.Context, cur *formRow, base int) error {
	// The current version is read again: on PostgreSQL the save that beat
	// this one may have committed after cur was read (READ COMMITTED), and
	// the message must not call the version this one started from current.
	current := cur.Version
	if err := t.queryRow(ctx, "SELECT version FROM forms WHERE id = ?", cur.ID).Scan(&current); err != nil {
		return err
	}
	var by, at string
	var v int
	err := t.queryRow(ctx, "SELECT version, saved_by, saved_at FROM form_revisions WHERE form_id = ? AND version > ? ORDER BY version LIMIT 1",
		cur.ID, base).Scan(&v, &by, &at)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return errConflictf("保存冲突：您的修改基于第 %d 版，而当前是第 %d 版；请重新打开表单，合并修改后再保存", base, current)
		}
		return err
	}
	when := parseTime(at).In(chinaTime).Format("2006-01-02 15:04:05")
	return errConflictf("保存冲突：您的修改基于第 %d 版，%s 已于 %s 保存了第 %d 版（当前第 %d 版）；您的修改未保存，请重新打开表单，合并修改后再保存",
		base, by, when, v, current)
}

// changeForm runs fn in a transaction that may write and returns form *id
// as fn left it. The summary is read inside the transaction: read after the
// commit, it could be a later save by someone else, reported as the
// caller's, and a caller who took its version as the base of the next save
// would save over a version it never saw.
func (s *Store) changeForm(ctx context.Context, id *int64, fn func(*tx) error) (*jixiao.StoredForm, error) {
	var out *jixiao.StoredForm
	err := s.update(ctx, func(t *tx) error {
		if err := fn(t); err != nil {
			return err
		}
		f, err := scanForm(t.queryRow(ctx, "SELECT "+formColumns+formFrom+" WHERE f.id = ?", *id), t.d)
		if err != nil {
			return err
		}
		out = &f.StoredForm
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Form returns stored form id with its current document.
func (s *Store) Form(ctx context.Context, id int64) (*jixiao.StoredForm, error) {
	return s.form(ctx, id, true)
}

// FormInfo is form id as Form gives it but without its document (Form
// nil): what a page needs to find out whether it must read the document at
// all — a sheet already rendered for the version's hash (web's sheet
// cache) does not. Revision(id, Version) is the document.
func (s *Store) FormInfo(ctx context.Context, id int64) (*jixiao.StoredForm, error) {
	return s.form(ctx, id, false)
}

// form is form id, which the actor must be allowed to see, with its
// current document when withDocument.
func (s *Store) form(ctx context.Context, id int64, withDocument bool) (*jixiao.StoredForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var f *formRow
	var data string
	err = s.view(ctx, func(t *tx) error {
		var err error
		if f, err = t.formScope(ctx, a, id); err != nil || !withDocument {
			return err
		}
		return t.queryRow(ctx, "SELECT document FROM form_revisions WHERE form_id = ? AND version = ?", id, f.Version).Scan(&data)
	})
	if err != nil {
		return nil, err
	}
	if withDocument {
		if f.Form, err = readDocument([]byte(data)); err != nil {
			return nil, err
		}
	}
	return &f.StoredForm, nil
}

// Revisions lists every saved version of form id, oldest first.
func (s *Store) Revisions(ctx context.Context, id int64) ([]jixiao.Revision, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []jixiao.Revision
	err = s.view(ctx, func(t *tx) error {
		if _, err := t.formScope(ctx, a, id); err != nil {
			return err
		}
		rows, err := t.query(ctx, "SELECT version, hash, source, saved_by, saved_at FROM form_revisions WHERE form_id = ? ORDER BY version", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r := jixiao.Revision{FormID: id}
			var at string
			if err := rows.Scan(&r.Version, &r.Hash, &r.Source, &r.SavedBy, &at); err != nil {
				return err
			}
			r.SavedAt = parseTime(at)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// Revision returns the document of one saved version.
func (s *Store) Revision(ctx context.Context, id int64, version int) (*jixiao.Form, error) {
	data, err := s.revision(ctx, id, version, "document")
	if err != nil {
		return nil, err
	}
	return readDocument([]byte(data))
}

// RevisionHash is the hash of version version of form id's document: its
// name, for a cache of documents already read (web: the editor's base
// version, read again at every live check). Whoever may not see the form
// gets the not-found error Revision gives.
func (s *Store) RevisionHash(ctx context.Context, id int64, version int) (string, error) {
	return s.revision(ctx, id, version, "hash")
}

// revision is column of version version of form id, which the actor must
// be allowed to see.
func (s *Store) revision(ctx context.Context, id int64, version int, column string) (string, error) {
	a, err := actor(ctx)
	if err != nil {
		return "", err
	}
	var v string
	err = s.view(ctx, func(t *tx) error {
		if _, err := t.formScope(ctx, a, id); err != nil {
			return err
		}
		err := t.queryRow(ctx, "SELECT "+column+" FROM form_revisions WHERE form_id = ? AND version = ?", id, version).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return errNotFoundf("自评表 %d 没有第 %d 版", id, version)
		}
		return err
	})
	return v, err
}

// FormFilter selects stored forms. Zero fields select everything the actor
// may see.
type FormFilter struct {
	Program string
	Year    int
	Region  string // code: the region and everything under it
	Status  jixiao.FormStatus
	Kind    jixiao.FormKind
	OrgID   int64
	Search  string // part of the organisation's or region's name
	Limit   int    // page size (default 50, at most 10,000)
	Offset  int
}

// Forms lists the forms the actor may see, newest change first, and how
// many match in all (for paging).
func (s *Store) Forms(ctx context.Context, ff FormFilter) ([]*jixiao.StoredForm, int, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if ff.Limit <= 0 {
		ff.Limit = 50
	}
	ff.Limit = min(ff.Limit, 10000)
	var where []string
	var args []any
	add := func(cond string, v ...any) { where = append(where, cond); args = append(args, v...) }
	if vis, vargs := visibility(a); vis != "" {
		add(vis, vargs...)
	}
	if ff.Program != "" {
		add("p.name = ?", ff.Program)
	}
	if ff.Year != 0 {
		add("f.year = ?", ff.Year)
	}
	if ff.Status != "" {
		add("f.status = ?", string(ff.Status))
	}
	if ff.Kind != "" {
		add("f.kind = ?", string(ff.Kind))
	}
	if ff.OrgID != 0 {
		add("f.org_id = ?", ff.OrgID)
	}
	var out []*jixiao.StoredForm
	var total int
	err = s.view(ctx, func(t *tx) error {
		if ff.Region != "" {
			r, err := t.region(ctx, ff.Region)
			if err != nil {
				return err
			}
			add("f.region_path LIKE ?", r.Path+"%")
		}
		if q := strings.TrimSpace(ff.Search); q != "" {
			pat := "%" + escapeLike(q) + "%"
			add("(o.name LIKE ? ESCAPE '\\' OR r.full_name LIKE ? ESCAPE '\\')", pat, pat)
		}
		cond := ""
		if len(where) > 0 {
			cond = " WHERE " + strings.Join(where, " AND ")
		}
		if err := t.queryRow(ctx, "SELECT count(*)"+formFrom+cond, args...).Scan(&total); err != nil {
			return err
		}
		rows, err := t.query(ctx, "SELECT "+formColumns+formFrom+cond+" ORDER BY f.updated_at DESC, f.id DESC LIMIT ? OFFSET ?",
			append(args, ff.Limit, ff.Offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanForm(rows, t.d)
			if err != nil {
				return err
			}
			out = append(out, &f.StoredForm)
		}
		return rows.Err()
	})
	return out, total, err
}

// visibility is the SQL condition for the forms a may see (CanSee, as SQL).
func visibility(a *jixiao.Actor) (string, []any) {
	if a.System || a.Has(jixiao.RoleViewer) {
		return "", nil
	}
	var conds []string
	var args []any
	for _, g := range a.Grants {
		switch g.Role {
		case jixiao.RoleFiller:
			conds = append(conds, "f.org_id = ?")
			args = append(args, g.OrgID)
		case jixiao.RoleReviewer:
			conds = append(conds, "f.org_id = ?", "f.region_path LIKE ?")
			args = append(args, g.OrgID, g.RegionPath+"%")
		}
	}
	if len(conds) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// Report judges and audits stored form id as `jixiao check` does a file.
func (s *Store) Report(ctx context.Context, id int64) (*jixiao.Report, error) {
	f, err := s.Form(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.Judge(f.Form), nil
}

// Judge judges and audits a form already read (Form) with the store's
// configuration, as a save does, without reading it again.
func (s *Store) Judge(f *jixiao.Form) *jixiao.Report {
	r := check.Form(f, s.Audit)
	return &r
}

// rowsPerInsert bounds the rows of one INSERT (and so the statement texts
// the cache holds: one per chunk size).
const rowsPerInsert = 32

// insertRows inserts n rows of cols columns into table (with its column
// list), in chunks; row appends the arguments of row i.
func insertRows(ctx context.Context, t *tx, table string, cols, n int, row func(i int, args []any) []any) error {
	args := make([]any, 0, rowsPerInsert*cols)
	for start := 0; start < n; start += rowsPerInsert {
		end := min(start+rowsPerInsert, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		one := "(" + strings.Repeat("?, ", cols-1) + "?)"
		query := "INSERT INTO " + table + " VALUES " + strings.Repeat(one+", ", end-start-1) + one
		if _, err := t.exec(ctx, query, args...); err != nil {
			return err
		}
	}
	return nil
}
