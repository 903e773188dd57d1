package store

import (
	"context"
	"database/sql"

	jixiao "github.com/jixiao/jixiao"
)

// Read-only queries of the department and central pages (issue 11): what a
// department rolls up, and indicator results counted by category. Both
// count in SQL over the forms and judged indicator rows; no document is
// read.

// MemberForm is an organisation directly under a department — a unit, or a
// department of a region below — with its form of a program and year: a
// unit form for a unit, a region form for a department. These are what
// RollupRegion adds up once approved.
type MemberForm struct {
	OrgID    int64
	Org      string
	OrgKind  jixiao.OrgKind
	Expected bool               // a task of the department for the program and year expects it
	Form     *jixiao.StoredForm // nil: no form yet
}

// Pending reports whether the member holds up the department's region
// form: a task expects it and its form is missing or not approved (the
// rule that submitting and approving the region form applies).
func (m MemberForm) Pending() bool {
	return m.Expected && (m.Form == nil || m.Form.Status != jixiao.StatusApproved)
}

// MemberForms lists the organisations directly under department deptID
// with their forms of a program and year, units before departments, by
// name. The actor must be able to see the department's region (its
// reviewers, those of a department above, central viewers); otherwise the
// department is not found.
func (s *Store) MemberForms(ctx context.Context, deptID int64, program string, year int) ([]MemberForm, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []MemberForm
	err = s.view(ctx, func(t *tx) error {
		dept, err := t.org(ctx, deptID)
		if err != nil {
			return err
		}
		region, err := t.region(ctx, dept.Region)
		if err != nil {
			return err
		}
		scope := jixiao.Scope{OrgID: dept.ID, OrgParent: dept.ParentID, Kind: jixiao.FormRegion, RegionPath: region.Path}
		if dept.Kind != jixiao.OrgDepartment || !a.CanSee(scope) {
			return errNotFoundf("主管部门 %d 不存在", deptID)
		}
		byOrg := map[int64]int{}
		err = t.each(ctx, `SELECT o.id, o.name, o.kind, EXISTS (SELECT 1 FROM task_units u JOIN tasks tk ON tk.id = u.task_id
				JOIN programs p ON p.id = tk.program_id WHERE u.org_id = o.id AND tk.issuer_id = ? AND p.name = ? AND tk.year = ?)
			FROM organisations o WHERE o.parent_id = ? AND o.kind IN ('unit', 'department')
			ORDER BY CASE o.kind WHEN 'unit' THEN 0 ELSE 1 END, o.name, o.id`, []any{deptID, program, year, deptID},
			func(rows *sql.Rows) error {
				var m MemberForm
				var kind string
				if err := rows.Scan(&m.OrgID, &m.Org, &kind, &m.Expected); err != nil {
					return err
				}
				m.OrgKind = jixiao.OrgKind(kind)
				byOrg[m.OrgID] = len(out)
				out = append(out, m)
				return nil
			})
		if err != nil {
			return err
		}
		return t.each(ctx, "SELECT "+formColumns+formFrom+` WHERE o.parent_id = ? AND p.name = ? AND f.year = ?
			AND ((f.kind = 'unit' AND o.kind = 'unit') OR (f.kind = 'region' AND o.kind = 'department'))`,
			[]any{deptID, program, year}, func(rows *sql.Rows) error {
				f, err := scanForm(rows, t.d)
				if err != nil {
					return err
				}
				if i, ok := byOrg[f.OrgID]; ok {
					out[i].Form = &f.StoredForm
				}
				return nil
			})
	})
	return out, err
}

// CategoryFilter selects the unit forms whose indicators are counted.
type CategoryFilter struct {
	Program string
	Year    int
	Region  string // code: forms in that region and under it; "": all the actor may see
}

// CategoryCount is how the indicators of one level-2 category (数量指标,
// 成本指标…; CategoryUnknown for labels outside the taxonomy) were judged
// across forms.
type CategoryCount struct {
	Category                               jixiao.Category
	Met, NotMet, Qualitative, Undetermined int
}

// categoryOrder is the taxonomy's order of the categories, as forms list
// them; labels outside it come last.
var categoryOrder = []jixiao.Category{
	jixiao.CategoryProjectSetup, jixiao.CategoryPerformanceGoal, jixiao.CategoryFundInput,
	jixiao.CategoryFundManagement, jixiao.CategoryImplementation,
	jixiao.CategoryQuantity, jixiao.CategoryQuality, jixiao.CategoryTimeliness, jixiao.CategoryCost,
	jixiao.CategoryEconomic, jixiao.CategorySocial, jixiao.CategoryEcological, jixiao.CategorySustainable,
	jixiao.CategoryProjectEffect, jixiao.CategorySatisfaction, jixiao.CategoryUnknown,
}

// IndicatorCategories counts the judged indicator rows of the unit forms
// the actor may see, by category and status: one GROUP BY over the stored
// rows, then the level-2 labels as written (数量指标（20分）, 产出成本…)
// folded into their categories (jixiao.NormalizeLevel2), in the taxonomy's
// order.
func (s *Store) IndicatorCategories(ctx context.Context, cf CategoryFilter) ([]CategoryCount, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	where := "f.kind = 'unit'"
	var args []any
	if vis, vargs := visibility(a); vis != "" {
		where += " AND " + vis
		args = append(args, vargs...)
	}
	if cf.Program != "" {
		where += " AND p.name = ?"
		args = append(args, cf.Program)
	}
	if cf.Year != 0 {
		where += " AND f.year = ?"
		args = append(args, cf.Year)
	}
	byCat := map[jixiao.Category]*CategoryCount{}
	err = s.view(ctx, func(t *tx) error {
		if cf.Region != "" {
			r, err := t.region(ctx, cf.Region)
			if err != nil {
				return err
			}
			where += " AND f.region_path LIKE ?"
			args = append(args, r.Path+"%")
		}
		return t.each(ctx, `SELECT i.level2, i.status, count(*) FROM form_indicators i
			JOIN forms f ON f.id = i.form_id JOIN programs p ON p.id = f.program_id
			WHERE `+where+` GROUP BY i.level2, i.status`, args, func(rows *sql.Rows) error {
			var level2, status string
			var n int
			if err := rows.Scan(&level2, &status, &n); err != nil {
				return err
			}
			k := jixiao.NormalizeLevel2(level2)
			c := byCat[k]
			if c == nil {
				c = &CategoryCount{Category: k}
				byCat[k] = c
			}
			switch jixiao.Status(status) {
			case jixiao.StatusMet:
				c.Met += n
			case jixiao.StatusNotMet:
				c.NotMet += n
			case jixiao.StatusQualitative:
				c.Qualitative += n
			default:
				c.Undetermined += n
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	var out []CategoryCount
	for _, k := range categoryOrder {
		if c := byCat[k]; c != nil {
			out = append(out, *c)
		}
	}
	return out, nil
}
