package store

import (
	"context"

	jixiao "github.com/jixiao/jixiao"
)

// Prepared is a form made ready to store: its JSON document and its
// judgement, made outside any transaction. Judging is the costly part of a
// save; bulk import prepares forms on every core and stores them one after
// another with ImportPrepared, so that no form is judged twice.
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
	if p == nil || p.doc == nil {
		return nil, errInvalidf("没有表单内容")
	}
	nf.Form = p.doc.form
	return s.importDocument(ctx, nf, p.doc)
}
