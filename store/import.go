package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	jixiao "github.com/jixiao/jixiao"
)

// Imported says what ImportForm did with a file's form.
type Imported string

// Import outcomes.
const (
	ImportCreated Imported = "created" // a new form
	ImportUpdated Imported = "updated" // a new version of the organisation's form
	ImportSkipped Imported = "skipped" // the same file was imported before
)

// ImportResult is the outcome of importing one form.
type ImportResult struct {
	Outcome Imported
	Form    *jixiao.StoredForm
	Reason  string // in Chinese, for skipped
}

// ImportForm stores a form read from a file for an organisation: a new
// form, or a new version of the organisation's form for the program and
// year while it is still editable. The same file (by the SHA-256 of its
// bytes, nf.SourceHash) imported again is skipped, so an import run twice,
// or run again after it was killed half-way, adds nothing twice. Each form
// is one transaction: a killed import leaves whole forms or none.
func (s *Store) ImportForm(ctx context.Context, nf NewForm) (*ImportResult, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	p, err := s.Prepare(nf.Form)
	if err != nil {
		return nil, err
	}
	return s.ImportPrepared(ctx, nf, p)
}

// importForm is ImportForm inside t (ImportBatch runs several in one).
func (t *tx) importForm(ctx context.Context, a *jixiao.Actor, nf NewForm, doc *document) (*ImportResult, error) {
	if nf.SourceHash == "" {
		return nil, errInvalidf("导入须给出文件内容的哈希")
	}
	res := &ImportResult{}
	var id int64
	err := func() error {
		var version int
		err := t.queryRow(ctx, `SELECT r.form_id, r.version FROM form_revisions r JOIN forms f ON f.id = r.form_id
			JOIN programs p ON p.id = f.program_id
			WHERE r.source_hash = ? AND p.name = ? AND f.year = ? AND f.org_id = ? ORDER BY r.version LIMIT 1`,
			nf.SourceHash, nf.Program, nf.Year, nf.OrgID).Scan(&id, &version)
		if err == nil {
			res.Outcome, res.Reason = ImportSkipped, fmt.Sprintf("与已导入的自评表 %d 第 %d 版是同一文件，已跳过", id, version)
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		kind := nf.Kind
		if kind == "" {
			kind = jixiao.FormUnit
		}
		var cur int
		err = t.queryRow(ctx, `SELECT f.id, f.version FROM forms f JOIN programs p ON p.id = f.program_id
			WHERE p.name = ? AND f.year = ? AND f.org_id = ? AND f.kind = ?`, nf.Program, nf.Year, nf.OrgID, string(kind)).Scan(&id, &cur)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res.Outcome = ImportCreated
			id, err = t.createForm(ctx, a, nf, doc, jixiao.ActionFormImport)
			return err
		case err != nil:
			return err
		}
		res.Outcome = ImportUpdated
		return t.saveForm(ctx, a, id, cur, doc, nf.Source, nf.SourceHash, jixiao.ActionFormImport)
	}()
	if err != nil {
		return nil, err
	}
	f, err := scanForm(t.queryRow(ctx, "SELECT "+formColumns+formFrom+" WHERE f.id = ?", id), t.d)
	if err != nil {
		return nil, err
	}
	res.Form = &f.StoredForm
	return res, nil
}
