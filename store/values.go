package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/rollup"
)

// storedValues is what a roll-up adds up from a judged form, in its stored
// form (tables value_layouts and form_values, migration 0002).
type storedValues struct {
	layout, data []byte
	layoutHash   string
}

func formValues(f *jixiao.Form, results []judge.Result) storedValues {
	layout, data := rollup.EncodeValues(rollup.UnitValues(f, results))
	sum := sha256.Sum256(layout)
	return storedValues{layout: layout, data: data, layoutHash: hex.EncodeToString(sum[:])}
}

// storeValues replaces form id's stored values with doc's, adding its
// layout when no form had it yet.
func (t *tx) storeValues(ctx context.Context, id int64, doc *document) error {
	v := doc.values
	layoutID, err := t.layoutID(ctx, v.layoutHash)
	if errors.Is(err, sql.ErrNoRows) {
		// Two first forms of one shape at once on PostgreSQL: the second
		// INSERT waits for the first to commit, then does nothing, and the
		// SELECT after it finds the first's row.
		if _, err = t.exec(ctx, "INSERT INTO value_layouts (hash, layout) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING",
			v.layoutHash, string(v.layout)); err != nil {
			return err
		}
		layoutID, err = t.layoutID(ctx, v.layoutHash)
	}
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO form_values (form_id, layout_id, data) VALUES (?, ?, ?)
		ON CONFLICT (form_id) DO UPDATE SET layout_id = excluded.layout_id, data = excluded.data`, id, layoutID, string(v.data))
	return err
}

func (t *tx) layoutID(ctx context.Context, hash string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, "SELECT id FROM value_layouts WHERE hash = ?", hash).Scan(&id)
	return id, err
}

// RollupFilter selects the unit forms a stored roll-up adds up.
type RollupFilter struct {
	Program string
	Year    int
	// Region (a code) keeps the forms in that region and under it; the
	// regions above it then hold only those. "": all the actor may see.
	Region string
	Status jixiao.FormStatus // only forms of this status ("" any; approved for a region form)
	Weight jixiao.WeightBasis
}

// RollupStored rolls up the unit forms of a program and year from their
// stored values — no document is read, no phrase parsed — into every
// region on their paths up to the root (rollup.Totals): one query for the
// layouts the forms use, then one whose rows are streamed into the sums.
// Only forms the actor may see are counted.
func (s *Store) RollupStored(ctx context.Context, rf RollupFilter) (*rollup.Totals, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	where := []string{"p.name = ?", "f.year = ?", "f.kind = 'unit'"}
	args := []any{rf.Program, rf.Year}
	if vis, vargs := visibility(a); vis != "" {
		where = append(where, vis)
		args = append(args, vargs...)
	}
	if rf.Status != "" {
		where = append(where, "f.status = ?")
		args = append(args, string(rf.Status))
	}
	tot := rollup.NewTotals(rf.Weight)
	err = s.view(ctx, func(t *tx) error {
		if rf.Region != "" {
			r, err := t.region(ctx, rf.Region)
			if err != nil {
				return err
			}
			where = append(where, "f.region_path LIKE ?")
			args = append(args, r.Path+"%")
		}
		from := " FROM forms f LEFT JOIN form_values v ON v.form_id = f.id JOIN programs p ON p.id = f.program_id WHERE " +
			strings.Join(where, " AND ")
		layouts := map[int64]*rollup.Layout{}
		err := t.each(ctx, "SELECT l.id, l.layout FROM value_layouts l WHERE l.id IN (SELECT v.layout_id"+from+")", args,
			func(rows *sql.Rows) error {
				var id int64
				var text sql.RawBytes
				if err := rows.Scan(&id, &text); err != nil {
					return err
				}
				l, err := tot.Layout(text)
				layouts[id] = l
				return err
			})
		if err != nil {
			return err
		}
		var path string
		var formID int64
		var id sql.NullInt64
		var data sql.RawBytes
		return t.each(ctx, "SELECT f.region_path, f.id, v.layout_id, v.data"+from, args, func(rows *sql.Rows) error {
			if err := rows.Scan(&path, &formID, &id, &data); err != nil {
				return err
			}
			if !id.Valid {
				return &jixiao.Error{Kind: jixiao.KindInternal, Message: fmt.Sprintf(
					"自评表 %d 没有存储汇总数值（保存于数据库升级之前），无法从存储的数值汇总；请重新保存该表后再汇总", formID)}
			}
			l := layouts[id.Int64]
			if l == nil {
				return fmt.Errorf("form values: layout %d not read", id.Int64)
			}
			return tot.Add(path, l, data)
		})
	})
	if err != nil {
		return nil, err
	}
	tot.Finish()
	return tot, nil
}

// each runs a query and calls fn for each of its rows.
func (t *tx) each(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
