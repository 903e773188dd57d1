package web

import (
	"context"
	"html/template"

	jixiao "github.com/jixiao/jixiao"
)

// The form page's sheet — the official layout with an input in every cell
// the unit writes, or read-only, with the findings beside their cells — is
// most of the page's work: judging the form, laying it out, and above all
// writing some three hundred cells (about half a form page's CPU while a
// template wrote them; sheet_html.go). It depends only on the stored
// document, which a version's hash names, and on whether it is editable;
// so it is rendered once per form, version and mode and kept, and the next
// reader of the same version gets it as it was rendered. A new version has
// a new hash: nothing is ever served stale, and servers sharing a database
// need no coordination.

// sheetMode is how a sheet is shown.
type sheetMode int

const (
	sheetRead  sheetMode = iota // read-only, findings beside their cells
	sheetEdit                   // the editor's inputs, findings beside them
	sheetPrint                  // the print view: the paper form alone
)

// sheetKey names a rendered sheet: the form, its document's hash, the mode.
type sheetKey struct {
	id   int64
	hash string
	mode sheetMode
}

// renderedSheet is a sheet's HTML as it was written, with what the rest
// of the page shows of the same judgement (none for the print view).
type renderedSheet struct {
	html     template.HTML // sheet.HTML or sheet.EditHTML (sheet_html.go)
	findings []*finding    // shared by every reader: never changed after rendering
	summary  jixiao.Summary
	rowOps   bool // the editor's: the form has row operations (newEditSheet)
}

// storedSheet fills p's sheet, findings and summary for stored form f as
// it is (not an edit in progress), in mode (sheetRead or sheetEdit), and in
// sheetEdit p's editor: from the cache, or judged and rendered now and
// cached. f may come without its document (Store.FormInfo): it is read
// only when the sheet is not in the cache.
func (s *Server) storedSheet(ctx context.Context, p *formPage, f *jixiao.StoredForm, mode sheetMode) error {
	r, err := s.sheet(ctx, f, mode, func(doc *jixiao.Form) *renderedSheet {
		report := s.store.Judge(doc)
		if mode == sheetEdit {
			sh, findings := newEditSheet(doc, report.Findings, "", false)
			return &renderedSheet{html: sh.EditHTML(f.ID), findings: findings, summary: report.Summary, rowOps: sh.rowOps}
		}
		sh, findings := newSheet(doc, report.Findings)
		return &renderedSheet{html: sh.HTML(), findings: findings, summary: report.Summary}
	})
	if err != nil {
		return err
	}
	p.SheetHTML, p.Findings, p.Summary = r.html, r.findings, r.summary
	if mode == sheetEdit {
		p.Editor = newEditor(f.Version, r.rowOps)
	}
	return nil
}

// printSheet is the print view's sheet of f, from the cache or rendered now.
func (s *Server) printSheet(ctx context.Context, f *jixiao.StoredForm) (template.HTML, error) {
	r, err := s.sheet(ctx, f, sheetPrint, func(doc *jixiao.Form) *renderedSheet {
		sh, _ := newSheet(doc, nil)
		return &renderedSheet{html: sh.HTML()}
	})
	if err != nil {
		return "", err
	}
	return r.html, nil
}

// sheet is f's sheet in mode from the cache, else what render makes of
// f's document (read now if f came without it), cached.
func (s *Server) sheet(ctx context.Context, f *jixiao.StoredForm, mode sheetMode, render func(*jixiao.Form) *renderedSheet) (*renderedSheet, error) {
	k := sheetKey{f.ID, f.Hash, mode}
	if r, ok := s.sheets.get(k); ok && f.Hash != "" {
		return r, nil
	}
	doc := f.Form
	if doc == nil {
		var err error
		if doc, err = s.document(ctx, f.ID, f.Version, f.Hash); err != nil {
			return nil, err
		}
	}
	r := render(doc)
	if f.Hash != "" {
		s.sheets.put(k, r)
	}
	return r, nil
}
