package web

import (
	"bytes"
	"html/template"
	"sync"

	jixiao "github.com/jixiao/jixiao"
)

// The form page's sheet — the official layout with an input in every cell
// the unit writes, or read-only, with the findings beside their cells — is
// most of the page's work: judging the form, laying it out, and above all
// running the template over some three hundred cells (about half a form
// page's CPU; RELIABILITY.md, issue 12: load). It depends only on the
// stored document, which a version's hash names, and on whether it is
// editable; so it is rendered once per form, version and mode and kept,
// and the next reader of the same version gets it as it was rendered. A
// new version has a new hash: nothing is ever served stale, and servers
// sharing a database need no coordination.

// sheetKey names a rendered sheet: the form, its document's hash, the mode.
type sheetKey struct {
	id   int64
	hash string
	edit bool
}

// renderedSheet is a sheet as html/template wrote it, with what the rest
// of the page shows of the same judgement.
type renderedSheet struct {
	html     template.HTML // the escaped output of the "sheet" or "editsheet" template
	findings []*finding    // shared by every reader: never changed after rendering
	summary  jixiao.Summary
}

// maxCachedSheets bounds the cache (a sheet is about 70 KB): the forms
// being worked on now, not every form ever opened.
const maxCachedSheets = 256

// sheetCache keeps rendered sheets, dropping the oldest when full.
type sheetCache struct {
	mu    sync.Mutex
	m     map[sheetKey]*renderedSheet
	order []sheetKey // insertion order, for eviction
}

func (c *sheetCache) get(k sheetKey) *renderedSheet {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *sheetCache) put(k sheetKey, r *renderedSheet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[sheetKey]*renderedSheet{}
	}
	if _, ok := c.m[k]; ok {
		return
	}
	if len(c.order) >= maxCachedSheets {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[k] = r
	c.order = append(c.order, k)
}

// storedSheet fills p's sheet, findings and summary for stored form f as
// it is (not an edit in progress): from the cache, or judged and rendered
// now and cached. edit chooses the editor's sheet or the read-only one.
func (s *Server) storedSheet(p *formPage, f *jixiao.StoredForm, edit bool) error {
	k := sheetKey{f.ID, f.Hash, edit}
	if r := s.sheets.get(k); r != nil && f.Hash != "" {
		p.SheetHTML, p.Findings, p.Summary = r.html, r.findings, r.summary
		return nil
	}
	var buf bytes.Buffer
	if edit {
		s.judgeEdit(p, f.Form, "")
		if err := s.views.pages["form"].ExecuteTemplate(&buf, "editsheet", p); err != nil {
			return err
		}
	} else {
		report := s.store.Judge(f.Form)
		p.Summary = report.Summary
		p.Sheet, p.Findings = newSheet(f.Form, report.Findings)
		if err := s.views.pages["form"].ExecuteTemplate(&buf, "sheet", p.Sheet); err != nil {
			return err
		}
	}
	p.SheetHTML = template.HTML(buf.String()) // html/template's own output, escaped when rendered
	if f.Hash != "" {
		s.sheets.put(k, &renderedSheet{html: p.SheetHTML, findings: p.Findings, summary: p.Summary})
	}
	return nil
}
