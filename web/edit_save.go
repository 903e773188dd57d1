package web

import (
	"net/http"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
)

// conflictPanel is what a save that started from an old version shows:
// the store's message (who saved in between, when), the fields both sides
// changed with a choice each, and the 合并后保存 button.
type conflictPanel struct {
	Message   string
	Conflicts []formedit.Conflict
	Version   int               // the current version, which the merge saves on
	Picks     map[string]string // choices already posted: field → mine | theirs
}

// editSave saves the posted form on the version it started from
// (autosave, 保存), or, with _op=merge, merges it with the current version
// and saves on that. A save is never made over a version the user has not
// seen: a stale base shows the conflict panel (saveConflict).
func (s *Server) editSave(w http.ResponseWriter, r *http.Request) {
	e, err := s.readEdit(r)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	if e.posted.Get("_op") == "merge" {
		s.mergeSave(w, r, e)
		return
	}
	if formedit.Equal(e.form, e.baseForm) {
		// nothing changed (typed and undone, 保存 twice): no new version,
		// when the user may save it at all (else the store says why not)
		if cur, err := s.store.Form(r.Context(), e.id); err == nil && cur.Version == e.base {
			if may, err := s.permissions(r, cur); err == nil && may.editable(cur) {
				s.saved(w, r, cur, cur.Form, "没有新的修改，无需保存", false)
				return
			}
		}
	}
	sf, err := s.store.SaveForm(r.Context(), e.id, e.base, e.form)
	if jixiao.KindOf(err) == jixiao.KindConflict {
		s.saveConflict(w, r, e, err)
		return
	}
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	what := "已保存"
	if r.Header.Get("HX-Trigger") == "autosave" {
		what = "已自动保存"
	}
	s.saved(w, r, sf, e.form, what, false)
}

// saved answers a successful save: for htmx the new base version, the
// status line and what depends on the version and the findings (the
// summary, the submit button, the page's version line) as out-of-band
// fragments, or the whole editor again after a merge (whole, because the
// merge brought the other side's changes into the cells); without scripts
// the page (post/redirect/get).
func (s *Server) saved(w http.ResponseWriter, r *http.Request, sf *jixiao.StoredForm, f *jixiao.Form, what string, whole bool) {
	w.Header().Set("X-Saved-Version", strconv.Itoa(sf.Version)) // editor.js: no more unsaved changes
	if !htmx(r) {
		http.Redirect(w, r, "/forms/"+strconv.FormatInt(sf.ID, 10)+"?done=save", http.StatusSeeOther)
		return
	}
	sf.Form = f // the store answers the summary; the document is the one saved
	p := formPage{Form: sf}
	var err error
	if p.May, err = s.permissions(r, sf); err != nil {
		s.editFail(w, r, err)
		return
	}
	p.Editor = newEditor(sf.Version, hasRowOps(sf.Form))
	p.Editor.Status = savedStatus(what, sf)
	s.judgeEdit(&p, sf.Form, "")
	name := "editsaved"
	if whole {
		name = "editwhole"
	}
	s.fragment(w, http.StatusOK, name, p)
}

// saveConflict answers a save refused as a conflict. A form that is no
// longer editable (submitted, approved) is refused with the store's
// message. A stale base is merged with the current version (formedit.Merge:
// base = the version the edit started from, theirs = the current one, mine
// = the post): when the other side holds nothing the user's edit lacks
// (their own earlier save), the edit is saved on the current version;
// otherwise the conflict panel lists the fields both changed, with a
// choice each, and nothing is saved until 合并后保存.
func (s *Server) saveConflict(w http.ResponseWriter, r *http.Request, e *edit, refusal error) {
	cur, err := s.store.Form(r.Context(), e.id)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	if !cur.Status.Editable() || cur.Version == e.base {
		s.editFail(w, r, refusal)
		return
	}
	merged, conflicts := formedit.Merge(e.baseForm, e.form, cur.Form)
	if len(conflicts) == 0 && formedit.Equal(merged, e.form) {
		sf, err := s.store.SaveForm(r.Context(), e.id, cur.Version, e.form)
		if err != nil {
			s.editFail(w, r, err)
			return
		}
		s.saved(w, r, sf, e.form, "已保存", false)
		return
	}
	// the store's advice (reopen the form and merge) is what the panel does
	msg := strings.Replace(message(refusal), "请重新打开表单，合并修改后再保存", "请在下面合并后保存", 1)
	panel := &conflictPanel{Message: msg, Conflicts: conflicts, Version: cur.Version, Picks: picks(e)}
	if htmx(r) {
		p := formPage{Form: cur, Editor: &editor{Conflicts: panel, Status: "未保存：有保存冲突，请在下方处理", StatusBad: true}}
		s.fragment(w, http.StatusConflict, "editconflict", p)
		return
	}
	s.showForm(w, r, http.StatusConflict, formPage{edited: e.form, Editor: &editor{Base: e.base, Conflicts: panel,
		Status: "未保存：有保存冲突，请在下方处理", StatusBad: true}})
}

// picks are the conflict choices posted: _pick.<field> = mine | theirs.
func picks(e *edit) map[string]string {
	out := map[string]string{}
	for k, v := range e.posted {
		if name, ok := strings.CutPrefix(k, "_pick."); ok && len(v) == 1 {
			out[name] = v[0]
		}
	}
	return out
}

// mergeSave is 合并后保存: the merge is made again against the current
// version (someone may have saved once more), each conflict takes the side
// chosen — a choice of theirs counts only if their value is still the one
// the user saw — and the result is saved on the current version. A
// conflict without a choice shows the panel again.
func (s *Server) mergeSave(w http.ResponseWriter, r *http.Request, e *edit) {
	cur, err := s.store.Form(r.Context(), e.id)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	merged, conflicts := formedit.Merge(e.baseForm, e.form, cur.Form)
	chosen := picks(e)
	var open []formedit.Conflict
	for _, c := range conflicts {
		switch {
		case c.Row || chosen[c.Name] == "mine":
		case chosen[c.Name] == "theirs" && e.posted.Get("_theirs."+c.Name) == c.Theirs:
			c.Choose(merged, true)
		default:
			open = append(open, c)
		}
	}
	if len(open) > 0 {
		panel := &conflictPanel{Message: "还有 " + strconv.Itoa(len(open)) + " 处冲突没有选择（或对方又修改了它）：请逐项选择“保留我的”或“采用对方的”后再合并保存",
			Conflicts: conflicts, Version: cur.Version, Picks: chosen}
		p := formPage{Form: cur, edited: e.form, Editor: &editor{Base: e.base, Conflicts: panel, Status: "未保存：请先处理冲突", StatusBad: true}}
		s.editorAgain(w, r, http.StatusConflict, p)
		return
	}
	sf, err := s.store.SaveForm(r.Context(), e.id, cur.Version, merged)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	s.saved(w, r, sf, merged, "已合并并保存", true)
}

// editorAgain shows the editor of p.edited again: for htmx the whole
// editor, else the whole page.
func (s *Server) editorAgain(w http.ResponseWriter, r *http.Request, code int, p formPage) {
	if !htmx(r) {
		s.showForm(w, r, code, p)
		return
	}
	var err error
	if p.May, err = s.permissions(r, p.Form); err != nil {
		s.editFail(w, r, err)
		return
	}
	base := p.Editor.Base
	*p.Editor = editor{Base: base, Status: p.Editor.Status, StatusBad: p.Editor.StatusBad, Conflicts: p.Editor.Conflicts}
	p.Editor.offerRows(hasRowOps(p.edited))
	s.judgeEdit(&p, p.edited, p.focus)
	s.fragment(w, code, "editwhole", p)
}
