package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
	"github.com/jixiao/jixiao/store"
)

// The form editor (issue 11, page 4): the 自评表 page shows the sheet with
// inputs when the user may change the form (edit_sheet.go), inside one
// <form> that posts the whole form with the version it started from
// (_base). Three endpoints take that post; none keeps state between
// requests, the page carries it (formedit.Apply: fields and rows):
//
//	POST /forms/{id}/check  the live check while typing: the findings beside
//	                        each cell, the summary and the computed cells, as
//	                        htmx out-of-band fragments (the inputs are never
//	                        replaced, so focus and caret stay)
//	POST /forms/{id}/save   autosave and 保存: store.SaveForm on _base; a
//	                        stale base is merged (edit_save.go)
//	POST /forms/{id}/rows   add or remove a row: the editor again, from the
//	                        posted values, nothing typed lost (edit_rows.go)
//
// Names the page posts that start with "_" are the editor's own controls;
// every other name is a form field (formedit).

// editBody bounds an editor post: the whole form, each cell at most
// jixiao.MaxCellBytes; real forms post a few tens of KB.
const editBody = 4 << 20

// editor is the editor's part of the form page.
type editor struct {
	Base      int    // the version the edit started from
	Status    string // the status line: saved, merged, refused
	StatusBad bool
	Conflicts *conflictPanel
	// Taxonomy is the categories a row may be added under: none on a
	// region form, whose rows follow its members.
	Taxonomy []formedit.Group
}

// edit is a posted editor request, read.
type edit struct {
	id       int64
	base     int
	baseForm *jixiao.Form // the version the edit started from
	form     *jixiao.Form // the form as the user sees it
	posted   url.Values
}

// readEdit reads the posted editor: the base version (which the store
// reads, deciding whether the user may see the form: another unit's form is
// not found) and the form as edited.
func (s *Server) readEdit(r *http.Request) (*edit, error) {
	id, err := formID(r)
	if err != nil {
		return nil, err
	}
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, badRequest("无法读取提交的内容：请刷新页面后再填写")
	}
	base, err := strconv.Atoi(r.PostForm.Get("_base"))
	if err != nil || base < 1 {
		return nil, badRequest("缺少自评表的版本号：请刷新页面后再填写")
	}
	values := formedit.Values{}
	for k, v := range r.PostForm {
		if !strings.HasPrefix(k, "_") {
			values[k] = v
		}
	}
	baseForm, err := s.baseVersion(r.Context(), id, base)
	if err != nil {
		return nil, err
	}
	f, err := formedit.Apply(baseForm, values)
	if err != nil {
		return nil, err
	}
	return &edit{id: id, base: base, baseForm: baseForm, form: f, posted: r.PostForm}, nil
}

// baseVersion is version base of form id, which an edit starts from, read
// again at every live check and save (document).
func (s *Server) baseVersion(ctx context.Context, id int64, base int) (*jixiao.Form, error) {
	hash, err := s.store.RevisionHash(ctx, id, base)
	if err != nil {
		return nil, err
	}
	return s.document(ctx, id, base, hash)
}

// editCheck is the live check: the posted form judged as a save would
// judge it, answered as fragments that replace only the finding slots, the
// computed cells and the summaries.
func (s *Server) editCheck(w http.ResponseWriter, r *http.Request) {
	e, err := s.readEdit(r)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	report := s.store.Judge(e.form)
	p := formPage{Summary: report.Summary}
	p.Sheet, p.Findings = newEditSheet(e.form, report.Findings, "", true)
	if shown, ok := r.PostForm["_shown"]; ok {
		unchanged(p.Sheet, strings.Fields(strings.Join(shown, " ")))
	}
	s.fragment(w, http.StatusOK, "editcheck", p)
}

// unchanged marks the slots the check need not answer: those without
// findings that show none now (editor.js posts the ids of the slots that
// show findings as _shown). Typing changes a few cells' findings; answering
// only those keeps the answer and the browser's work small.
func unchanged(sh *sheet, shown []string) {
	was := make(map[string]bool, len(shown))
	for _, id := range shown {
		was[id] = true
	}
	for b := range sh.Blocks {
		blk := &sh.Blocks[b]
		if blk.Edit != nil {
			blk.Edit.Same = len(blk.Findings) == 0 && !was[blk.Edit.Slot]
		}
		for _, row := range blk.Rows {
			for k := range row {
				if c := &row[k]; c.Edit != nil {
					c.Edit.Same = len(c.Findings) == 0 && !was[c.Edit.Slot]
				}
			}
		}
	}
}

// judgeEdit fills p's sheet, findings and summary for form f being edited.
func (s *Server) judgeEdit(p *formPage, f *jixiao.Form, focus string) {
	report := s.store.Judge(f)
	p.Summary = report.Summary
	p.Sheet, p.Findings = newEditSheet(f, report.Findings, focus, false)
}

// newEditor is the editor of a form at version base; rowOps: the form has
// row operations (hasRowOps).
func newEditor(base int, rowOps bool) *editor {
	e := &editor{Base: base}
	e.offerRows(rowOps)
	return e
}

// offerRows sets the categories a row may be added under: every one when
// the form has row operations, else none.
func (e *editor) offerRows(rowOps bool) {
	e.Taxonomy = nil
	if rowOps {
		e.Taxonomy = formedit.Taxonomy()
	}
}

// hasRowOps reports that f's rows may be added and removed: not on a
// region form, whose rows follow its members.
func hasRowOps(f *jixiao.Form) bool { return f.Aggregation == nil }

// htmx reports a request made by htmx (the editor's scripts), which is
// answered with fragments; without scripts the editor posts plain forms and
// gets whole pages.
func htmx(r *http.Request) bool { return r.Header.Get("HX-Request") == "true" }

// fragment writes the form view's template name alone: htmx swaps it in.
func (s *Server) fragment(w http.ResponseWriter, code int, name string, data any) {
	var buf bytes.Buffer
	if err := s.views.pages["form"].ExecuteTemplate(&buf, name, data); err != nil {
		s.log.Error("render fragment", "name", name, "err", err)
		code = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`<p id="edit-status" class="error" role="status" hx-swap-oob="true">服务器内部错误，请稍后再试；您填写的内容还在页面上，请先不要关闭页面。</p>`)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Jixiao-Editor", "1") // editor.js: swap this answer even with a 4xx status
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// editFail answers an editor request that cannot be done: for htmx the
// status line says why, swapped out of band only (HX-Reswap: none, so a
// row button's target, the editor, is never replaced by it; editor.js lets
// htmx swap it despite the 4xx); without scripts the error page. What the
// user typed stays on the page.
func (s *Server) editFail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	if !htmx(r) {
		s.fail(w, r, err)
		return
	}
	if code >= 500 { // as s.fail: a fault, a full or read-only disk
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "status", code, "err", err)
	}
	retryAfter(w, err)
	w.Header().Set("HX-Reswap", "none")
	s.fragment(w, code, "editstatus", formPage{Editor: &editor{Status: message(err), StatusBad: true}})
}

// editable reports whether the user may change stored form f now: the
// editor is shown instead of the read-only sheet.
func (p permissions) editable(f *jixiao.StoredForm) bool { return p.Edit && f.Status.Editable() }

// savedStatus is the status line after a save.
func savedStatus(what string, f *jixiao.StoredForm) string {
	return what + "（第 " + strconv.Itoa(f.Version) + " 版，" + f.UpdatedAt.In(store.ChinaTime()).Format("15:04") + "）"
}
