package store

import (
	"context"
	"database/sql"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/rollup"
)

// formValues is what a roll-up adds up from a judged form, in its stored
// form (table form_values).
func formValues(f *jixiao.Form, results []judge.Result) []byte {
	return rollup.EncodeValues(rollup.UnitValues(f, results))
}

// storeValues replaces form id's stored values with doc's.
func (t *tx) storeValues(ctx context.Context, id int64, doc *document) error {
	_, err := t.exec(ctx, `INSERT INTO form_values (form_id, data) VALUES (?, ?)
		ON CONFLICT (form_id) DO UPDATE SET data = excluded.data`, id, string(doc.values))
	return err
}

// RollupFilter selects the unit forms a stored roll-up adds up.
type RollupFilter struct {
	Program string
	Year    int
	Region  string            // code: the region and everything under it ("" everything the actor may see)
	Status  jixiao.FormStatus // only forms of this status ("" any; approved for a region form)
	Weight  jixiao.WeightBasis
}

// RollupStored rolls up the unit forms of a program and year from their
// stored values — no document is read, no phrase parsed — into every
// region on their paths up to the root (rollup.Totals): one query, its
// rows streamed into the sums. Only forms the actor may see are counted.
func (s *Store) RollupStored(ctx context.Context, rf RollupFilter) (*rollup.Totals, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := `SELECT f.region_path, v.data FROM forms f JOIN form_values v ON v.form_id = f.id
		JOIN programs p ON p.id = f.program_id WHERE p.name = ? AND f.year = ? AND f.kind = 'unit'`
	args := []any{rf.Program, rf.Year}
	if vis, vargs := visibility(a); vis != "" {
		q += " AND " + vis
		args = append(args, vargs...)
	}
	if rf.Status != "" {
		q += " AND f.status = ?"
		args = append(args, string(rf.Status))
	}
	tot := rollup.NewTotals(rf.Weight)
	err = s.view(ctx, func(t *tx) error {
		if rf.Region != "" {
			r, err := t.region(ctx, rf.Region)
			if err != nil {
				return err
			}
			q += " AND f.region_path LIKE ?"
			args = append(args, r.Path+"%")
		}
		rows, err := t.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var path string
		var data sql.RawBytes
		for rows.Next() {
			if err := rows.Scan(&path, &data); err != nil {
				return err
			}
			if err := tot.Add(path, data); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	tot.Finish()
	return tot, nil
}
