package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// MaxCommentBytes bounds a comment. A comment, a return's reason or an
// approval's note is kept as written, but for blank space at its ends and
// control characters (jixiao.WithoutControls).
const MaxCommentBytes = 20000

// Submit sends form id (at version) to its reviewer: a draft becomes
// submitted, a returned form resubmitted. Error-level findings must be
// fixed first; warnings never block. A first submission after the task's
// deadline is refused (the department may extend it); a resubmission after
// a return is not, as the department asked for it.
func (s *Store) Submit(ctx context.Context, id int64, version int) (*jixiao.StoredForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.changeForm(ctx, &id, func(t *tx) error {
		f, err := t.formScope(ctx, a, id)
		if err != nil {
			return err
		}
		if !a.CanEdit(f.scope) {
			return errForbiddenf("这不是您单位的表：只有“%s”的填报人可以提交它", f.Org)
		}
		if err := editable(f); err != nil {
			return err
		}
		if f.Version != version {
			return t.staleVersion(ctx, f, version)
		}
		if f.Errors > 0 {
			return t.errorsFirst(ctx, f)
		}
		next := jixiao.StatusSubmitted
		if f.Status == jixiao.StatusReturned {
			next = jixiao.StatusResubmitted
		}
		if f.Status == jixiao.StatusDraft && f.TaskID != 0 {
			var deadline string
			if err := t.queryRow(ctx, "SELECT deadline FROM tasks WHERE id = ?", f.TaskID).Scan(&deadline); err != nil {
				return err
			}
			if d := parseTime(deadline); t.now.After(d) {
				return errConflictf("已过截止时间（%s），不能提交；请联系上级主管部门延长截止时间", d.In(chinaTime).Format("2006-01-02 15:04"))
			}
		}
		if f.Kind == jixiao.FormRegion {
			if err := t.allUnitsApproved(ctx, f); err != nil {
				return err
			}
		}
		return t.transition(ctx, a, f, next, jixiao.ActionFormSubmit, "提交审核（第 "+strconv.Itoa(f.Version)+" 版）")
	})
}

// errorsFirst is the refusal of a submission while errors remain; it names
// the first few.
func (t *tx) errorsFirst(ctx context.Context, f *formRow) error {
	rows, err := t.query(ctx, "SELECT at, message FROM form_findings WHERE form_id = ? AND severity = 'error' ORDER BY seq LIMIT 3", f.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var at, msg string
		if err := rows.Scan(&at, &msg); err != nil {
			return err
		}
		if at != "" {
			msg = at + "：" + msg
		}
		msgs = append(msgs, msg)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	more := ""
	if f.Errors > len(msgs) {
		more = "等"
	}
	return errInvalidf("表中还有 %d 个错误，须先改正才能提交（警告不影响提交）：%s%s", f.Errors, strings.Join(msgs, "；"), more)
}

// Return sends a submitted form back to its unit with the reviewer's
// comment (required: the unit must know what to fix).
func (s *Store) Return(ctx context.Context, id int64, version int, comment string) (*jixiao.StoredForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(jixiao.WithoutControls(comment))
	if comment == "" {
		return nil, errInvalidf("退回时请写明原因和需要修改的地方")
	}
	if err := validComment(comment); err != nil {
		return nil, err
	}
	return s.changeForm(ctx, &id, func(t *tx) error {
		f, err := t.reviewable(ctx, a, id, version)
		if err != nil {
			return err
		}
		if err := t.comment(ctx, a, f, "return", comment); err != nil {
			return err
		}
		return t.transition(ctx, a, f, jixiao.StatusReturned, jixiao.ActionFormReturn, "退回："+comment)
	})
}

// Approve approves a submitted form and locks it. A region form is approved
// only once every unit form its department expects is approved.
func (s *Store) Approve(ctx context.Context, id int64, version int, note string) (*jixiao.StoredForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	note = strings.TrimSpace(jixiao.WithoutControls(note))
	if err := validComment(note); err != nil {
		return nil, err
	}
	return s.changeForm(ctx, &id, func(t *tx) error {
		f, err := t.reviewable(ctx, a, id, version)
		if err != nil {
			return err
		}
		if f.Errors > 0 {
			return t.errorsFirst(ctx, f)
		}
		if f.Kind == jixiao.FormRegion {
			if err := t.allUnitsApproved(ctx, f); err != nil {
				return err
			}
		}
		if note != "" {
			if err := t.comment(ctx, a, f, "approve", note); err != nil {
				return err
			}
		}
		return t.transition(ctx, a, f, jixiao.StatusApproved, jixiao.ActionFormApprove, "审核通过（第 "+strconv.Itoa(f.Version)+" 版），已锁定")
	})
}

// reviewable loads a form a may review and that waits for review at version.
func (t *tx) reviewable(ctx context.Context, a *jixiao.Actor, id int64, version int) (*formRow, error) {
	f, err := t.formScope(ctx, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanReview(f.scope) {
		return nil, errForbiddenf("您不能审核这张表：单位自评表由其上级主管部门的审核人审核")
	}
	switch {
	case f.Status == jixiao.StatusApproved:
		return nil, errConflictf("自评表已审核通过并锁定")
	case !f.Status.InReview():
		return nil, errConflictf("自评表当前状态是“%s”，尚未提交，不能审核", f.Status.Label())
	case f.Version != version:
		return nil, errConflictf("您看到的是第 %d 版，自评表现在是第 %d 版：请刷新后再审核", version, f.Version)
	}
	return f, nil
}

// transition moves f to status next and logs it.
func (t *tx) transition(ctx context.Context, a *jixiao.Actor, f *formRow, next jixiao.FormStatus, action jixiao.Action, detail string) error {
	q := "UPDATE forms SET status = ?, updated_at = ?, updated_by = ?"
	args := []any{string(next), formatTime(t.now), a.Name}
	if action == jixiao.ActionFormSubmit {
		q += ", submitted_at = coalesce(submitted_at, ?)"
		args = append(args, formatTime(t.now))
	}
	res, err := t.exec(ctx, q+" WHERE id = ? AND version = ? AND status = ?", append(args, f.ID, f.Version, string(f.Status))...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return errConflictf("自评表刚被别人修改或审核过，请刷新后再操作")
	}
	return t.log(ctx, a, change{action: action, object: "form", objectID: strconv.FormatInt(f.ID, 10), formID: f.ID,
		hashBefore: f.Hash, hashAfter: f.Hash,
		detail: fmt.Sprintf("%s → %s：%s", f.Status.Label(), next.Label(), detail)})
}

// allUnitsApproved refuses to go on with region form f while any unit form
// that f's department expects (its tasks for the program and year) is
// missing or not approved.
func (t *tx) allUnitsApproved(ctx context.Context, f *formRow) error {
	rows, err := t.query(ctx, `SELECT o.name, coalesce(uf.status, '')
		FROM tasks tk JOIN task_units u ON u.task_id = tk.id JOIN organisations o ON o.id = u.org_id
		LEFT JOIN forms uf ON uf.org_id = u.org_id AND uf.program_id = tk.program_id AND uf.year = tk.year AND uf.kind = 'unit'
		WHERE tk.issuer_id = ? AND tk.program_id = ? AND tk.year = ? ORDER BY o.name`, f.OrgID, f.ProgramID, f.Year)
	if err != nil {
		return err
	}
	defer rows.Close()
	var pending []string
	n := 0
	for rows.Next() {
		var name, status string
		if err := rows.Scan(&name, &status); err != nil {
			return err
		}
		if jixiao.FormStatus(status) != jixiao.StatusApproved {
			n++
			if len(pending) < 5 {
				label := "未填报"
				if status != "" {
					label = jixiao.FormStatus(status).Label()
				}
				pending = append(pending, name+"（"+label+"）")
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n > 0 {
		more := ""
		if n > len(pending) {
			more = fmt.Sprintf("等 %d 个单位", n)
		}
		return errConflictf("还有单位的自评表未审核通过：%s%s；全部通过后才能提交或审核地区汇总表", strings.Join(pending, "、"), more)
	}
	return nil
}

func validComment(s string) error {
	if len(s) > MaxCommentBytes {
		return errInvalidf("意见太长（%d 字节，最多 %d 字节）", len(s), MaxCommentBytes)
	}
	return nil
}

// AddComment adds a remark to form id; anyone who may see the form may
// comment on it (central viewers only read).
func (s *Store) AddComment(ctx context.Context, id int64, body string) (*jixiao.Comment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	body = strings.TrimSpace(jixiao.WithoutControls(body))
	if body == "" {
		return nil, errInvalidf("意见不能为空")
	}
	if err := validComment(body); err != nil {
		return nil, err
	}
	var c *jixiao.Comment
	err = s.update(ctx, func(t *tx) error {
		f, err := t.formScope(ctx, a, id)
		if err != nil {
			return err
		}
		if !a.System && !a.CanEdit(f.scope) && !a.CanReview(f.scope) {
			return errForbiddenf("只有填报单位和审核部门可以在这张表上留言")
		}
		if err := t.comment(ctx, a, f, "comment", body); err != nil {
			return err
		}
		return t.log(ctx, a, change{action: jixiao.ActionFormComment, object: "form", objectID: strconv.FormatInt(id, 10), formID: id,
			hashBefore: f.Hash, hashAfter: f.Hash, detail: "留言：" + body})
	})
	if err != nil {
		return nil, err
	}
	cs, err := s.Comments(ctx, id)
	if err == nil && len(cs) > 0 {
		c = &cs[len(cs)-1]
	}
	return c, err
}

func (t *tx) comment(ctx context.Context, a *jixiao.Actor, f *formRow, kind, body string) error {
	_, err := t.exec(ctx, "INSERT INTO comments (form_id, version, author_id, author, kind, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		f.ID, f.Version, nullInt(a.UserID), a.Name, kind, body, formatTime(t.now))
	return err
}

// Comments lists the comment thread of form id, oldest first.
func (s *Store) Comments(ctx context.Context, id int64) ([]jixiao.Comment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []jixiao.Comment
	err = s.view(ctx, func(t *tx) error {
		if _, err := t.formScope(ctx, a, id); err != nil {
			return err
		}
		rows, err := t.query(ctx, "SELECT id, version, author, kind, body, created_at FROM comments WHERE form_id = ? ORDER BY id", id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c := jixiao.Comment{FormID: id}
			var at string
			if err := rows.Scan(&c.ID, &c.Version, &c.Author, &c.Kind, &c.Body, &at); err != nil {
				return err
			}
			c.CreatedAt = parseTime(at)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
