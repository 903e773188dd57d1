package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// LoadRegions stores regions (the national division list, or a region tree
// of one's own), adding new ones and renaming changed ones; codes are never
// deleted (forms refer to them). Parents come before their children or are
// already stored. Each region's full name and path are derived here; a root
// of level 0 (全国) holds the provinces without prefixing their names.
func (s *Store) LoadRegions(ctx context.Context, regions []jixiao.Region, source string) (added, changed int, err error) {
	a, err := admin(ctx)
	if err != nil {
		return 0, 0, err
	}
	err = s.update(ctx, func(t *tx) error {
		added, changed = 0, 0
		known := map[string]jixiao.Region{}
		rows, err := t.query(ctx, "SELECT code, name, level, coalesce(parent, ''), full_name, path FROM regions")
		if err != nil {
			return err
		}
		for rows.Next() {
			var r jixiao.Region
			if err := rows.Scan(&r.Code, &r.Name, &r.Level, &r.Parent, &r.FullName, &r.Path); err != nil {
				rows.Close()
				return err
			}
			known[r.Code] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, r := range regions {
			r.Code, r.Name, r.Parent = strings.TrimSpace(r.Code), strings.TrimSpace(r.Name), strings.TrimSpace(r.Parent)
			if r.Code == "" || r.Name == "" || strings.Contains(r.Code, "/") {
				return errInvalidf("第 %d 个地区缺少代码或名称（或代码含 /）", i+1)
			}
			if r.Parent == r.Code {
				return errInvalidf("地区 %s 的上级是它自己", r.Code)
			}
			parentPath := ""
			if r.Parent != "" {
				p, ok := known[r.Parent]
				if !ok {
					return errInvalidf("地区 %s %s 的上级 %s 不存在（上级须在下级之前）", r.Code, r.Name, r.Parent)
				}
				parentPath = p.Path
				if r.FullName == "" && p.Level > 0 {
					r.FullName = p.FullName + r.Name
				}
			}
			if r.FullName == "" {
				r.FullName = r.Name
			}
			r.Path = parentPath + r.Code + "/"
			old, ok := known[r.Code]
			switch {
			case !ok:
				added++
			case old.Name != r.Name || old.Parent != r.Parent || old.FullName != r.FullName || old.Level != r.Level:
				if old.Path != r.Path {
					return errInvalidf("地区 %s 的上级从 %s 改为 %s：已存的自评表按原上级归属，不能移动地区", r.Code, old.Parent, r.Parent)
				}
				changed++
			default:
				continue
			}
			known[r.Code] = r
			if _, err := t.exec(ctx, `INSERT INTO regions (code, name, level, parent, full_name, path) VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, full_name = excluded.full_name`,
				r.Code, r.Name, r.Level, sql.NullString{String: r.Parent, Valid: r.Parent != ""}, r.FullName, r.Path); err != nil {
				return err
			}
		}
		if added+changed == 0 {
			return nil
		}
		return t.log(ctx, a, change{action: jixiao.ActionRegionLoad, object: "region", objectID: source,
			detail: fmt.Sprintf("从 %s 载入地区：新增 %d 个，更新 %d 个", source, added, changed)})
	})
	return added, changed, err
}

// Region returns a stored region by code.
func (s *Store) Region(ctx context.Context, code string) (*jixiao.Region, error) {
	var r *jixiao.Region
	err := s.view(ctx, func(t *tx) error {
		var err error
		r, err = t.region(ctx, code)
		return err
	})
	return r, err
}

func (t *tx) region(ctx context.Context, code string) (*jixiao.Region, error) {
	var r jixiao.Region
	err := t.queryRow(ctx, "SELECT code, name, level, coalesce(parent, ''), full_name, path FROM regions WHERE code = ?", code).
		Scan(&r.Code, &r.Name, &r.Level, &r.Parent, &r.FullName, &r.Path)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNotFoundf("地区代码 %s 不存在：请先载入地区（系统管理 → 地区 → 载入全国行政区划，或命令 jixiao region load）", code)
	}
	return &r, err
}

// Regions lists stored regions under parent ("" : the roots), or all when all is set.
func (s *Store) Regions(ctx context.Context, parent string, all bool) ([]jixiao.Region, error) {
	var out []jixiao.Region
	err := s.view(ctx, func(t *tx) error {
		q := "SELECT code, name, level, coalesce(parent, ''), full_name, path FROM regions"
		var args []any
		switch {
		case all:
		case parent == "":
			q += " WHERE parent IS NULL"
		default:
			q += " WHERE parent = ?"
			args = append(args, parent)
		}
		rows, err := t.query(ctx, q+" ORDER BY path", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r jixiao.Region
			if err := rows.Scan(&r.Code, &r.Name, &r.Level, &r.Parent, &r.FullName, &r.Path); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// FindRegion finds a stored region by its six-digit code or, failing
// that, by name (RegionByName): what a person types where a region is asked.
func (s *Store) FindRegion(ctx context.Context, codeOrName string) (*jixiao.Region, error) {
	r, err := s.Region(ctx, codeOrName)
	if jixiao.KindOf(err) == jixiao.KindNotFound {
		return s.RegionByName(ctx, codeOrName)
	}
	return r, err
}

// RegionByName finds a stored region by its full name (北京市朝阳区) or, when
// unique, its own name (朝阳区).
func (s *Store) RegionByName(ctx context.Context, name string) (*jixiao.Region, error) {
	var r *jixiao.Region
	err := s.view(ctx, func(t *tx) error {
		var err error
		r, err = t.regionByName(ctx, name)
		return err
	})
	return r, err
}

func (t *tx) regionByName(ctx context.Context, name string) (*jixiao.Region, error) {
	name = strings.TrimSpace(name)
	for _, q := range []string{"full_name = ?", "name = ?"} {
		rows, err := t.query(ctx, "SELECT code, name, level, coalesce(parent, ''), full_name, path FROM regions WHERE "+q+" ORDER BY path LIMIT 6", name)
		if err != nil {
			return nil, err
		}
		var found []jixiao.Region
		for rows.Next() {
			var r jixiao.Region
			if err := rows.Scan(&r.Code, &r.Name, &r.Level, &r.Parent, &r.FullName, &r.Path); err != nil {
				rows.Close()
				return nil, err
			}
			found = append(found, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return &found[0], nil
		}
		var names []string
		for _, r := range found {
			names = append(names, r.FullName+"（"+r.Code+"）")
		}
		return nil, errInvalidf("地区“%s”有多个：%s，请写出上级地区或代码", name, strings.Join(names, "、"))
	}
	return nil, errNotFoundf("地区“%s”不在已载入的地区中：请检查名称，或先载入地区（jixiao region load）", name)
}
