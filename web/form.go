package web

import (
	"html/template"
	"net/http"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// formPage is the 自评表 page's data: the form in the official layout with
// its findings beside their cells, where it is in the workflow, what the
// user may do with it, its comment thread and its history.
type formPage struct {
	Form  *jixiao.StoredForm
	Sheet *sheet
	// SheetHTML is the stored form's sheet, rendered (sheetcache.go);
	// an edit in progress (edited) shows Sheet, rendered with the page.
	SheetHTML template.HTML
	Findings  []*finding
	Summary   jixiao.Summary
	Comments  []jixiao.Comment
	History   []*jixiao.LogEntry // newest first, at most historyShown
	// HistoryCut: the form has more entries than shown.
	HistoryCut bool
	May        permissions
	Done       string // what the last action did (after its redirect)
	Error      string // why the last action was refused
	// Draft is the text of a refused action, given back in its box
	// (DraftFor: return, approve or comment) so nothing typed is lost.
	Draft, DraftFor string

	// Editor is set when the user may change the form now (edit.go): the
	// sheet has inputs. edited is the form it shows when that is not the
	// stored one (a refused save, a row added, without scripts); focus the
	// field to focus.
	Editor *editor
	edited *jixiao.Form
	focus  string
}

func (p formPage) title() string  { return formTitle(p.Form) }
func (p printPage) title() string { return formTitle(p.Form) }

// formTitle names a form in the browser's title bar and tabs.
func formTitle(f *jixiao.StoredForm) string {
	return f.Org + " " + strconv.Itoa(f.Year) + " 年度自评表"
}

// permissions are the workflow actions the page offers the user (the store
// decides again when they are posted).
type permissions struct {
	Submit, Review, Comment bool
	Edit                    bool // the user may change the form's content (when its status lets them)
}

// formID reads the {id} of the path; a malformed id is "not found", as a
// form one may not see is.
func formID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, jixiao.Errorf(jixiao.KindNotFound, "自评表编号“%s”不对：应为正整数", r.PathValue("id"))
	}
	return id, nil
}

func (s *Server) formPage(w http.ResponseWriter, r *http.Request) {
	s.showForm(w, r, http.StatusOK, formPage{Done: doneMessages[r.URL.Query().Get("done")]})
}

// doneMessages say what an action did, shown after its redirect.
var doneMessages = map[string]string{
	"submit":  "已提交，等待上级主管部门审核。",
	"return":  "已退回填报单位，退回意见已记入留言。",
	"approve": "已审核通过，自评表已锁定。",
	"comment": "留言已发表。",
	// upload*.go, newform.go, edit_save.go: not workflow actions (formAction refuses them)
	"upload":  "已从上传的文件新建自评表（草稿，第 1 版）。请查看表中标注的问题，改正后提交审核。",
	"replace": "已用上传的文件替换，保存为新的一版；之前的各版保留在记录中。",
	"new":     "已新建空白自评表（草稿）。请在表中填写，完成后提交审核。",
	"save":    "已保存。",
}

// showForm renders form {id}; p carries what the last action said.
func (s *Server) showForm(w http.ResponseWriter, r *http.Request, code int, p formPage) {
	id, err := formID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	f, err := s.store.FormInfo(ctx, id) // the document only when the sheet must be rendered
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Form = f
	if p.May, err = s.permissions(r, f); err != nil {
		s.fail(w, r, err)
		return
	}
	switch {
	case p.May.editable(f) && p.edited != nil:
		p.Editor.offerRows(hasRowOps(p.edited))
		s.judgeEdit(&p, p.edited, p.focus)
	default:
		p.Editor = nil
		mode := sheetRead
		if p.May.editable(f) {
			mode = sheetEdit
		}
		if err := s.storedSheet(ctx, &p, f, mode); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if p.Comments, err = s.store.Comments(ctx, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.History, err = s.store.Log(ctx, store.LogFilter{FormID: id, Limit: historyShown + 1, Newest: true}); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(p.History) > historyShown {
		p.History, p.HistoryCut = p.History[:historyShown], true
	}
	s.render(w, r, code, "form", p)
}

// HistoryRows is the history table's rows. They are written in Go with
// html/template's escaping (sheet_html.go): fifty rows of four values were
// most of the page's template work.
func (p formPage) HistoryRows() template.HTML {
	var b htmlBuilder
	for _, e := range p.History {
		b.raw("\n      <tr><td>")
		b.text(displayTime(e.At))
		b.raw("</td><td>")
		b.text(e.Actor)
		b.raw("</td><td>")
		b.text(e.Action.Label())
		b.raw("</td><td>")
		b.text(e.Detail)
		b.raw("</td></tr>")
	}
	return b.html()
}

// historyShown bounds the history the form page shows, newest first: a
// form saved hundreds of times (autosave) would otherwise make every view
// of its page read and render them all.
const historyShown = 50

// permissions applies the workflow rules (jixiao.Actor) to f for the user.
func (s *Server) permissions(r *http.Request, f *jixiao.StoredForm) (permissions, error) {
	org, err := s.store.Org(r.Context(), f.OrgID)
	if err != nil {
		return permissions{}, err
	}
	a := jixiao.ActorFrom(r.Context())
	scope := jixiao.Scope{OrgID: f.OrgID, OrgParent: org.ParentID, Kind: f.Kind, RegionPath: f.RegionPath}
	edit, review := a.CanEdit(scope), a.CanReview(scope)
	return permissions{
		Submit:  edit && f.Status.Editable(),
		Review:  review && f.Status.InReview(),
		Comment: edit || review,
		Edit:    edit,
	}, nil
}

// printPage is the print view's data: the paper form alone.
type printPage struct {
	Form  *jixiao.StoredForm
	Sheet template.HTML // rendered (sheetcache.go)
}

// formPrint is the form in the A4 official layout without navigation or
// findings: printing it from the browser gives the paper form.
func (s *Server) formPrint(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.store.FormInfo(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sh, err := s.printSheet(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "print", printPage{Form: f, Sheet: sh})
}
