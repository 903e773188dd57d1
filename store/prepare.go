package store

import (
	"context"

	jixiao "github.com/jixiao/jixiao"
)

// Prepared is a form made ready to store: its JSON document and its
// judgement, made outside any transaction. Judging is the costly part of a
// save; bulk import prepares forms on every core and stores them one after
// another, so that no form is judged twice.
type Prepared struct{ doc *document }

// Prepare judges and encodes f with the store's audit configuration.
func (s *Store) Prepare(f *jixiao.Form) (*Prepared, error) {
	doc, err := s.document(f)
	if err != nil {
		return nil, err
	}
	return &Prepared{doc: doc}, nil
}

// Form is the prepared form.
func (p *Prepared) Form() *jixiao.Form { return p.doc.form }

// Report is the prepared form's judgement, as it will be stored.
func (p *Prepared) Report() *jixiao.Report { return &p.doc.report }

// ImportPrepared is ImportForm for a form prepared by Prepare: p stands for
// nf.Form, which is not read.
func (s *Store) ImportPrepared(ctx context.Context, nf NewForm, p *Prepared) (*ImportResult, error) {
	out, err := s.ImportBatch(ctx, []ImportItem{{NewForm: nf, Prepared: p}})
	if err != nil {
		return nil, err
	}
	return out[0].Result, out[0].Err
}

// ImportItem is one form of a batch: what to store it as, and the form
// prepared by Prepare (which stands for NewForm.Form).
type ImportItem struct {
	NewForm
	Prepared *Prepared
}

// ImportOutcome is what ImportBatch did with one item: a result, or the
// error that refused this form alone.
type ImportOutcome struct {
	Result *ImportResult
	Err    error
}

// ImportBatch imports several prepared forms, each as ImportForm does, in
// one transaction: one commit, so one wait for the disk (SQLite's
// synchronous=FULL) for the batch, not one a form; that is what lets a bulk
// import keep up with reading. Each form runs inside a savepoint: a form
// refused (approved and locked, submitted, not a unit, …) is rolled back
// alone and gets its error in its outcome, and the others are stored. Only
// when the database itself fails is the whole batch refused (the error
// returned; nothing was stored). Either way a form is stored whole or not
// at all, and a caller who reports forms only after ImportBatch returned
// never reports one that a crash could take back.
func (s *Store) ImportBatch(ctx context.Context, items []ImportItem) ([]ImportOutcome, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ImportOutcome, len(items))
	err = s.update(ctx, func(t *tx) error {
		for i, it := range items {
			if it.Prepared == nil || it.Prepared.doc == nil {
				out[i].Err = errInvalidf("没有表单内容")
				continue
			}
			it.NewForm.Form = it.Prepared.doc.form
			const sp = "import_form" // released before the next form's
			if _, err := t.exec(ctx, "SAVEPOINT "+sp); err != nil {
				return err
			}
			res, err := t.importForm(ctx, a, it.NewForm, it.Prepared.doc)
			if err != nil {
				if err = s.translate(err); jixiao.KindOf(err) == jixiao.KindInternal {
					return err
				}
				if _, rerr := t.exec(ctx, "ROLLBACK TO SAVEPOINT "+sp); rerr != nil {
					return rerr
				}
				out[i].Err = err
			} else {
				out[i].Result = res
			}
			if _, err := t.exec(ctx, "RELEASE SAVEPOINT "+sp); err != nil {
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
