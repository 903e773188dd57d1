package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// EnsureUnit returns the fund-using unit called name, creating it under
// department deptID in region code when no organisation has that name: bulk
// import (`jixiao import --add-units --under 部门`) adds the units its
// files name. The region must lie in the department's region. An existing
// organisation of that name is returned as it is (created is false) when it
// is a unit under that department, and refused otherwise, so that a form is
// never filed under an organisation the operator did not mean. One
// transaction, logged, for administrators like CreateOrg.
func (s *Store) EnsureUnit(ctx context.Context, name string, deptID int64, region string) (o *jixiao.Organisation, created bool, err error) {
	a, err := admin(ctx)
	if err != nil {
		return nil, false, err
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 200 {
		return nil, false, errInvalidf("单位名称不能为空，最多 200 字节")
	}
	err = s.update(ctx, func(t *tx) error {
		dept, err := t.org(ctx, deptID)
		if err != nil {
			return err
		}
		if dept.Kind != jixiao.OrgDepartment {
			return errInvalidf("“%s”是%s，不是地方主管部门：新单位只能加在地方主管部门之下", dept.Name, dept.Kind.Label())
		}
		o, err = scanOrg(t.queryRow(ctx, "SELECT "+orgColumns+" FROM organisations WHERE name = ?", name))
		switch {
		case err == nil:
			if o.Kind != jixiao.OrgUnit || o.ParentID != dept.ID {
				return errConflictf("单位“%s”已存在，但不是“%s”下的资金使用单位", name, dept.Name)
			}
			return nil
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		reg, err := t.region(ctx, region)
		if err != nil {
			return err
		}
		deptRegion, err := t.region(ctx, dept.Region)
		if err != nil {
			return err
		}
		if !strings.HasPrefix(reg.Path, deptRegion.Path) {
			return errInvalidf("单位“%s”所在的%s不在“%s”管辖的%s之内：请换一个上级部门（--under），或核对表中的地区",
				name, reg.FullName, dept.Name, deptRegion.FullName)
		}
		o = &jixiao.Organisation{Name: name, Kind: jixiao.OrgUnit, Region: reg.Code, ParentID: dept.ID}
		if o.ID, err = t.insert(ctx, "INSERT INTO organisations (name, kind, region, parent_id, created_at) VALUES (?, ?, ?, ?, ?)",
			o.Name, string(o.Kind), o.Region, o.ParentID, formatTime(t.now)); err != nil {
			return err
		}
		created = true
		return t.log(ctx, a, change{action: jixiao.ActionOrgCreate, object: "organisation", objectID: strconv.FormatInt(o.ID, 10),
			detail: fmt.Sprintf("导入时新建资金使用单位“%s”（%s），上级“%s”", o.Name, reg.FullName, dept.Name)})
	})
	if err != nil {
		return nil, false, err
	}
	return o, created, nil
}
