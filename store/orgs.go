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

// CreateOrg adds an organisation in a region, under the department above it.
func (s *Store) CreateOrg(ctx context.Context, o jixiao.Organisation) (*jixiao.Organisation, error) {
	a, err := admin(ctx)
	if err != nil {
		return nil, err
	}
	o.Name = strings.TrimSpace(jixiao.WithoutControls(o.Name))
	if o.Name == "" || len(o.Name) > maxNameBytes {
		return nil, errInvalidf("单位名称不能为空，最多 %d 字节", maxNameBytes)
	}
	if !o.Kind.Valid() {
		return nil, errInvalidf("单位类型“%s”不存在；可用：central（中央主管部门）、department（地方主管部门）、unit（资金使用单位）", o.Kind)
	}
	err = s.update(ctx, func(t *tx) error {
		reg, err := t.region(ctx, o.Region)
		if err != nil {
			return err
		}
		if o.ParentID != 0 {
			p, err := t.org(ctx, o.ParentID)
			if err != nil {
				return err
			}
			if p.Kind == jixiao.OrgUnit {
				return errInvalidf("“%s”是资金使用单位，不能作为上级", p.Name)
			}
		} else if o.Kind == jixiao.OrgUnit {
			return errInvalidf("资金使用单位“%s”须有上级主管部门（下发任务、审核它的部门）", o.Name)
		}
		var n int
		if err := t.queryRow(ctx, "SELECT count(*) FROM organisations WHERE name = ?", o.Name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errConflictf("单位“%s”已存在", o.Name)
		}
		o.ID, err = t.insert(ctx, "INSERT INTO organisations (name, kind, region, parent_id, created_at) VALUES (?, ?, ?, ?, ?)",
			o.Name, string(o.Kind), o.Region, nullInt(o.ParentID), formatTime(t.now))
		if err != nil {
			return err
		}
		return t.log(ctx, a, change{action: jixiao.ActionOrgCreate, object: "organisation", objectID: strconv.FormatInt(o.ID, 10),
			detail: fmt.Sprintf("新建%s“%s”（%s）", o.Kind.Label(), o.Name, reg.FullName)})
	})
	if err != nil {
		return nil, err
	}
	return &o, nil
}

const orgColumns = "id, name, kind, region, coalesce(parent_id, 0)"

func scanOrg(row interface{ Scan(...any) error }) (*jixiao.Organisation, error) {
	var o jixiao.Organisation
	var kind string
	if err := row.Scan(&o.ID, &o.Name, &kind, &o.Region, &o.ParentID); err != nil {
		return nil, err
	}
	o.Kind = jixiao.OrgKind(kind)
	return &o, nil
}

func (t *tx) org(ctx context.Context, id int64) (*jixiao.Organisation, error) {
	o, err := scanOrg(t.queryRow(ctx, "SELECT "+orgColumns+" FROM organisations WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFoundf("单位编号 %d 不存在", id)
	}
	return o, err
}

// Org returns an organisation by id.
func (s *Store) Org(ctx context.Context, id int64) (*jixiao.Organisation, error) {
	var o *jixiao.Organisation
	err := s.view(ctx, func(t *tx) error {
		var err error
		o, err = t.org(ctx, id)
		return err
	})
	return o, err
}

// OrgByName returns an organisation by its exact name.
func (s *Store) OrgByName(ctx context.Context, name string) (*jixiao.Organisation, error) {
	var o *jixiao.Organisation
	err := s.view(ctx, func(t *tx) error {
		var err error
		o, err = scanOrg(t.queryRow(ctx, "SELECT "+orgColumns+" FROM organisations WHERE name = ?", strings.TrimSpace(name)))
		if errors.Is(err, sql.ErrNoRows) {
			return errNotFoundf("单位“%s”不存在：请先添加（jixiao org add）", name)
		}
		return err
	})
	return o, err
}

// Orgs lists organisations (all, for anyone signed in: names are not secret
// inside the system, and forms name them anyway).
func (s *Store) Orgs(ctx context.Context) ([]*jixiao.Organisation, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	var out []*jixiao.Organisation
	err := s.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, "SELECT "+orgColumns+" FROM organisations ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOrg(rows)
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return rows.Err()
	})
	return out, err
}

// Program returns the program of that name, creating it when it is new
// (inside t, logged). Two transactions creating the same new program at
// once (the first forms of a program, from two servers) both succeed: the
// second insert does nothing and reads the first's row.
func (t *tx) program(ctx context.Context, a *jixiao.Actor, name string) (int64, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return 0, errInvalidf("项目名称不能为空")
	}
	var id int64
	err := t.queryRow(ctx, "SELECT id FROM programs WHERE name = ?", name).Scan(&id)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return id, err
	}
	err = t.queryRow(ctx, "INSERT INTO programs (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return id, t.queryRow(ctx, "SELECT id FROM programs WHERE name = ?", name).Scan(&id)
	}
	if err != nil {
		return 0, err
	}
	return id, t.log(ctx, a, change{action: jixiao.ActionProgramCreate, object: "program", objectID: strconv.FormatInt(id, 10),
		detail: "新建项目“" + name + "”"})
}

// Programs lists the programs.
func (s *Store) Programs(ctx context.Context) ([]jixiao.Program, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	var out []jixiao.Program
	err := s.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, "SELECT id, name FROM programs ORDER BY name")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p jixiao.Program
			if err := rows.Scan(&p.ID, &p.Name); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}
