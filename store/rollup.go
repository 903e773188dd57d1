package store

import (
	"context"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/rollup"
)

// Member is a form a region form was rolled up from, at the version used.
type Member struct {
	FormID  int64  `json:"form_id"`
	Version int    `json:"version"`
	Org     string `json:"org"`
}

// RollupResult is a generated region form and what the rollup noticed.
type RollupResult struct {
	Form    *jixiao.StoredForm
	Members []Member
	Rollup  *rollup.Result
}

// RollupRegion rolls a department's approved member forms for a program and
// year — the unit forms of its units and the region forms of the
// departments under it — up into its region form, and stores it as a new
// version (a new draft the first time). The new version records which
// member revisions it was built from. Nothing that is not approved is
// rolled up; a member changed while the rollup ran is a conflict.
// With preview set nothing is stored.
func (s *Store) RollupRegion(ctx context.Context, deptID int64, program string, year int, preview bool) (*RollupResult, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var members []Member
	var docs []string
	var dept *jixiao.Organisation
	var region *jixiao.Region
	err = s.view(ctx, func(t *tx) error {
		if dept, err = t.org(ctx, deptID); err != nil {
			return err
		}
		if region, err = t.region(ctx, dept.Region); err != nil {
			return err
		}
		scope := jixiao.Scope{OrgID: dept.ID, OrgParent: dept.ParentID, Kind: jixiao.FormRegion, RegionPath: region.Path}
		if dept.Kind != jixiao.OrgDepartment || !a.CanEdit(scope) {
			return errForbiddenf("只有“%s”的审核人可以汇总它的地区表", dept.Name)
		}
		rows, err := t.query(ctx, `SELECT f.id, f.version, o.name, v.document FROM forms f
			JOIN organisations o ON o.id = f.org_id JOIN programs p ON p.id = f.program_id
			JOIN form_revisions v ON v.form_id = f.id AND v.version = f.version
			WHERE o.parent_id = ? AND p.name = ? AND f.year = ? AND f.status = 'approved'
			AND ((f.kind = 'unit' AND o.kind = 'unit') OR (f.kind = 'region' AND o.kind = 'department'))
			ORDER BY f.region_path, o.name`, dept.ID, program, year)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Member
			var doc string
			if err := rows.Scan(&m.FormID, &m.Version, &m.Org, &doc); err != nil {
				return err
			}
			members = append(members, m)
			docs = append(docs, doc)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	if len(members) == 0 {
		return nil, errInvalidf("“%s”下属单位还没有审核通过的 %d 年度“%s”自评表，无法汇总", dept.Name, year, program)
	}
	forms := make([]*jixiao.Form, len(docs))
	for i, d := range docs {
		if forms[i], err = readDocument([]byte(d)); err != nil {
			return nil, err
		}
	}
	res, err := rollup.Rollup(forms, rollup.Options{Region: region.FullName, LocalDept: dept.Name,
		Filler: a.Person, FillDate: s.now().In(chinaTime).Format("2006年1月2日")})
	if err != nil {
		return nil, err
	}
	out := &RollupResult{Members: members, Rollup: res}
	if preview {
		return out, nil
	}
	doc, err := s.document(res.Form)
	if err != nil {
		return nil, err
	}
	var id int64
	out.Form, err = s.changeForm(ctx, &id, func(t *tx) error {
		for _, m := range members {
			var v int
			var status string
			if err := t.queryRow(ctx, "SELECT version, status FROM forms WHERE id = ?", m.FormID).Scan(&v, &status); err != nil {
				return err
			}
			if v != m.Version || jixiao.FormStatus(status) != jixiao.StatusApproved {
				return errConflictf("“%s”的自评表在汇总期间发生了变化，请重新汇总", m.Org)
			}
		}
		var cur int
		err := t.queryRow(ctx, `SELECT f.id, f.version FROM forms f JOIN programs p ON p.id = f.program_id
			WHERE f.org_id = ? AND p.name = ? AND f.year = ? AND f.kind = 'region'`, dept.ID, program, year).Scan(&id, &cur)
		version := 1
		switch {
		case err == nil:
			if err := t.saveForm(ctx, a, id, cur, doc, "", "", jixiao.ActionFormRollup); err != nil {
				return err
			}
			version = cur + 1
		case isNoRows(err):
			if id, err = t.createForm(ctx, a, NewForm{Program: program, Year: year, OrgID: dept.ID, Kind: jixiao.FormRegion, Form: res.Form},
				doc, jixiao.ActionFormRollup); err != nil {
				return err
			}
		default:
			return err
		}
		for _, m := range members {
			if _, err := t.exec(ctx, "INSERT INTO rollup_members (form_id, version, member_id, member_version) VALUES (?, ?, ?, ?)",
				id, version, m.FormID, m.Version); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Members lists the member revisions a version of region form id was
// rolled up from.
func (s *Store) Members(ctx context.Context, id int64, version int) ([]Member, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []Member
	err = s.view(ctx, func(t *tx) error {
		if _, err := t.formScope(ctx, a, id); err != nil {
			return err
		}
		rows, err := t.query(ctx, `SELECT m.member_id, m.member_version, o.name FROM rollup_members m
			JOIN forms f ON f.id = m.member_id JOIN organisations o ON o.id = f.org_id
			WHERE m.form_id = ? AND m.version = ? ORDER BY f.region_path, o.name`, id, version)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m Member
			if err := rows.Scan(&m.FormID, &m.Version, &m.Org); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}
