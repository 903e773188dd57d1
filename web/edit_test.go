package web_test

import (
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
	"github.com/jixiao/jixiao/internal/htmlform"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// editorValues are what a browser posts from the page's #editor form:
// its inputs, textareas and checked radios (buttons only when clicked).
func editorValues(t testing.TB, page string) url.Values {
	t.Helper()
	fields, err := htmlform.Fields([]byte(page), "editor")
	if err != nil {
		t.Fatalf("%v:\n%s", err, page)
	}
	return htmlform.Values(fields)
}

// htmxHeaders are the headers of a request htmx makes from this site.
func (c *client) htmx(trigger string) []string {
	return append(c.sameOrigin(), "HX-Request", "true", "HX-Trigger", trigger)
}

// slot is the content of the finding slot with id in a page or fragment.
func slot(body, id string) string {
	m := regexp.MustCompile(`<span id="` + id + `" class="notes"[^>]*>(.*?)</span></span>|<span id="` + id + `" class="notes"[^>]*></span>`).FindStringSubmatch(body)
	if m == nil {
		return "(no slot)"
	}
	return m[1]
}

// cleanForm is UnitA's form of the next year, without errors.
func (a *editorApp) cleanForm(t *testing.T) *jixiao.StoredForm {
	t.Helper()
	sf, err := a.S.CreateForm(storetest.As(a.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year + 1, OrgID: a.UnitA.ID, Form: storetest.CleanForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	return sf
}

// shownSlots are the ids of the finding slots of a page that show
// findings, as editor.js posts them.
func shownSlots(page string) string {
	var ids []string
	for _, m := range regexp.MustCompile(`<span id="(n-[^"]+)" class="notes"><span class="finding`).FindAllStringSubmatch(page, -1) {
		ids = append(ids, m[1])
	}
	return strings.Join(ids, " ")
}

type editorApp struct {
	*app
	form *jixiao.StoredForm
	path string
	unit *client
}

func newEditorApp(t *testing.T) *editorApp {
	t.Helper()
	a := newApp(t, web.Options{})
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.RefForm(t))
	unit := a.client(t)
	unit.login("zy_a")
	return &editorApp{app: a, form: f, path: "/forms/" + strconv.FormatInt(f.ID, 10), unit: unit}
}

// The unit's draft shows the editor: an input for every cell the unit
// writes, each labelled in Chinese and with its stable id, the computed
// rate read-only, row buttons; the reviewer and an approved form show the
// read-only sheet.
func TestEditorRendersInputs(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	page := a.unit.get(a.path)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", page.StatusCode, page.body)
	}
	checkNoInlineCode(t, "editor", page.body)
	for _, want := range []string{
		`<form id="editor"`, `name="_base" value="1"`, "editor.js",
		`<textarea id="f-ind-15-actual" name="ind.15.actual" aria-label="产出指标·成本指标·第1行 全年实际完成值" aria-describedby="n-ind-15-actual"`,
		`<input id="f-funds-1-budget" name="funds.1.budget" aria-label="资金情况·中央财政资金 全年预算数（A）" aria-describedby="n-funds-1-budget" value="10000">`,
		`<output id="c-funds-0-rate"`, ">11.900%</output>",
		`<label for="f-footer-filler">填表人：</label>`,
		`value="del-ind:15"`, `aria-label="在产出指标·成本指标下添加指标"`, `value="add-ind:19"`, `value="add-fund:-1"`,
		`<span id="n-ind-15-reason" class="notes"><span class="finding sev-error">`,
		"表中还有 3 个错误",
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the editor lacks %s", want)
		}
	}
	if v := editorValues(t, page.body); v.Get("ind.15.actual") != "591.764万" || v.Get("ind.n") != "30" || v.Get("funds.0.rate") != "11.900%" {
		t.Errorf("the editor posts %v", v)
	}

	rev := a.client(t)
	rev.login("zy_rev")
	if body := rev.get(a.path).body; strings.Contains(body, `id="editor"`) || strings.Contains(body, "<textarea id=\"f-") {
		t.Error("the reviewer gets the editor")
	}
	clean := a.cleanForm(t)
	if _, err := a.S.Submit(storetest.As(a.FillerA), clean.ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := a.S.Approve(storetest.As(a.RevChaoyang), clean.ID, 1, ""); err != nil {
		t.Fatal(err)
	}
	if body := a.unit.get("/forms/" + strconv.FormatInt(clean.ID, 10)).body; strings.Contains(body, `id="editor"`) || strings.Contains(body, "editor.js") {
		t.Error("an approved form shows the editor")
	}
}

// The live check answers the reference form's three cost-row errors in
// their cells; correcting one cost value takes its error away, and the
// computed rate follows the amounts. Nothing is saved.
func TestLiveCheck(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	v := editorValues(t, a.unit.get(a.path).body)
	check := func(v url.Values) *response {
		t.Helper()
		resp := a.unit.postForm(a.path+"/check", v, a.unit.htmx("editor")...)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("check: %d %s", resp.StatusCode, resp.body)
		}
		return resp
	}
	resp := check(v)
	for _, id := range []string{"n-ind-15-reason", "n-ind-17-reason", "n-ind-18-reason"} {
		if s := slot(resp.body, id); !strings.Contains(s, "sev-error") {
			t.Errorf("%s: %q, want its error", id, s)
		}
	}
	if n := strings.Count(resp.body, `class="finding sev-error"`); n != 3 {
		t.Errorf("%d errors, want 3", n)
	}
	if strings.Contains(resp.body, "<textarea") || strings.Contains(resp.body, "<input") {
		t.Error("the check replaces inputs")
	}
	v.Set("ind.15.actual", "540万")
	v.Set("funds.1.executed", "5000")
	v.Set("funds.0.executed", "5926.2") // the total still adds up
	resp = check(v)
	if s := slot(resp.body, "n-ind-15-reason"); s != "" {
		t.Errorf("the corrected row still has %q", s)
	}
	if n := strings.Count(resp.body, `class="finding sev-error"`); n != 2 {
		t.Errorf("%d errors after the correction, want 2", n)
	}
	if !strings.Contains(resp.body, `<output id="c-funds-1-rate" aria-label="资金情况·中央财政资金 预算执行率（自动计算）" hx-swap-oob="true">50.00%</output>`) {
		t.Error("the computed rate does not follow the amounts")
	}
	if !strings.Contains(resp.body, `<span class="bad">错误 2</span>`) {
		t.Error("the summary does not count 2 errors")
	}
	if f, _ := a.S.Form(storetest.As(a.FillerA), a.form.ID); f.Version != 1 {
		t.Error("the check saved")
	}
	// told which slots show findings (editor.js), the check answers only
	// those and the ones that have findings now
	v.Set("_shown", shownSlots(a.unit.get(a.path).body))
	resp = check(v)
	if !strings.Contains(resp.body, `<span id="n-ind-15-reason" class="notes" hx-swap-oob="true"></span>`) || strings.Contains(resp.body, `id="n-ind-0-name"`) ||
		!strings.Contains(resp.body, `id="n-ind-17-reason"`) {
		t.Errorf("the check told what shows answers:\n%s", resp.body)
	}
	v.Del("_shown")
	v.Set("ind.99.actual", "x")
	if resp := a.unit.postForm(a.path+"/check", v, a.unit.htmx("editor")...); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(resp.body, "无法识别的栏目") || !strings.Contains(resp.body, `id="edit-status"`) {
		t.Errorf("an unknown field: %d %s", resp.StatusCode, resp.body)
	}
	a.baseVersionsIntact(t)
}

// baseVersionsIntact fails the test when a base version the server keeps
// for the edits (baseVersion: read once, shared by every request) is not
// the stored one any more: an edit changed the shared copy.
func (a *editorApp) baseVersionsIntact(t *testing.T) {
	t.Helper()
	ctx := storetest.As(a.FillerA)
	revs, err := a.S.Revisions(ctx, a.form.ID)
	if err != nil {
		t.Fatal(err)
	}
	cached, kept := a.web.CachedDocuments(), 0
	for _, r := range revs {
		c, ok := cached[r.Hash]
		if !ok {
			continue
		}
		kept++
		stored, err := a.S.Revision(ctx, a.form.ID, r.Version)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(c, stored) {
			t.Errorf("the kept copy of version %d differs from the stored one: an edit changed it", r.Version)
		}
	}
	if kept == 0 {
		t.Error("no base version kept: the edits did not go through the cache")
	}
}

// Saving bumps the version, logs it and says so; the next save starts
// from the new version. Without scripts a save redirects to the page.
func TestSave(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	v := editorValues(t, a.unit.get(a.path).body)
	v.Set("ind.15.actual", "540万")
	resp := a.unit.postForm(a.path+"/save", v, a.unit.htmx("autosave")...)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Saved-Version") != "2" {
		t.Fatalf("save: %d %s", resp.StatusCode, resp.body)
	}
	for _, want := range []string{"已自动保存（第 2 版，", `<input type="hidden" id="edit-base" name="_base" value="2" hx-swap-oob="true">`,
		`id="submit-box" hx-swap-oob="true"`, "表中还有 2 个错误"} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("the save's answer lacks %s", want)
		}
	}
	f, err := a.S.Form(storetest.As(a.FillerA), a.form.ID)
	if err != nil || f.Version != 2 || f.Form.Indicators[15].Actual != "540万" || f.Errors != 2 {
		t.Fatalf("stored: %+v %v", f, err)
	}
	log, err := a.S.Log(storetest.As(a.FillerA), store.LogFilter{FormID: a.form.ID})
	if err != nil || !hasAction(log, jixiao.ActionFormSave) {
		t.Errorf("the save is not logged: %v", err)
	}
	// nothing changed since: no new version
	v.Set("_base", "2")
	if resp := a.unit.postForm(a.path+"/save", v, a.unit.htmx("save-button")...); resp.StatusCode != http.StatusOK ||
		resp.Header.Get("X-Saved-Version") != "2" || !strings.Contains(resp.body, "没有新的修改，无需保存（第 2 版") {
		t.Errorf("a save without changes: %d %s", resp.StatusCode, resp.Header.Get("X-Saved-Version"))
	}
	v.Set("notes", "无")
	resp = a.unit.post(a.path+"/save", v)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != a.path+"?done=save" {
		t.Fatalf("a save without scripts: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if page := a.unit.get(resp.Header.Get("Location")); !strings.Contains(page.body, "已保存。") || !strings.Contains(page.body, `name="_base" value="3"`) {
		t.Error("the page after a save does not say so or start from version 3")
	}
}

func hasAction(log []*jixiao.LogEntry, action jixiao.Action) bool {
	for _, e := range log {
		if e.Action == action {
			return true
		}
	}
	return false
}

// A save from an old version is never written over the newer one: it
// answers the conflict panel. Changes to different fields merge (both
// kept); a field both changed is listed with both values and saved as
// chosen; without a choice nothing is saved.
func TestSaveConflict(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	mine := editorValues(t, a.unit.get(a.path).body)
	theirs := editorValues(t, a.unit.get(a.path).body) // another tab, same version
	theirs.Set("notes", "无")
	theirs.Set("ind.16.actual", "210万")
	if resp := a.unit.postForm(a.path+"/save", theirs, a.unit.htmx("save-button")...); resp.StatusCode != http.StatusOK {
		t.Fatalf("their save: %d %s", resp.StatusCode, resp.body)
	}

	mine.Set("ind.15.actual", "540万")
	resp := a.unit.postForm(a.path+"/save", mine, a.unit.htmx("autosave")...)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, "保存冲突") || !strings.Contains(resp.body, "没有冲突，可以合并") ||
		!strings.Contains(resp.body, `value="merge"`) {
		t.Fatalf("a stale save: %d %s", resp.StatusCode, resp.body)
	}
	if f, _ := a.S.Form(storetest.As(a.FillerA), a.form.ID); f.Version != 2 || f.Form.Indicators[15].Actual != "591.764万" {
		t.Fatal("a stale save was written")
	}
	mine.Set("_op", "merge")
	resp = a.unit.postForm(a.path+"/save", mine, a.unit.htmx("merge")...)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, "已合并并保存（第 3 版") || !strings.Contains(resp.body, `<form id="editor"`) {
		t.Fatalf("merge: %d %s", resp.StatusCode, resp.body)
	}
	f, _ := a.S.Form(storetest.As(a.FillerA), a.form.ID)
	if f.Version != 3 || f.Form.Notes != "无" || f.Form.Indicators[16].Actual != "210万" || f.Form.Indicators[15].Actual != "540万" {
		t.Fatalf("merged: v%d %q %q %q", f.Version, f.Form.Notes, f.Form.Indicators[16].Actual, f.Form.Indicators[15].Actual)
	}
	if merged := editorValues(t, resp.body); merged.Get("_base") != "3" || merged.Get("notes") != "无" {
		t.Error("the merged editor does not show both sides at version 3")
	}

	// a real conflict: both change one cell
	mine = editorValues(t, a.unit.get(a.path).body)
	theirs = editorValues(t, a.unit.get(a.path).body)
	theirs.Set("ind.15.actual", "560万")
	a.unit.postForm(a.path+"/save", theirs, a.unit.htmx("save-button")...)
	mine.Set("ind.15.actual", "530万")
	resp = a.unit.postForm(a.path+"/save", mine, a.unit.htmx("save-button")...)
	for _, want := range []string{"产出指标·成本指标·第1行 全年实际完成值", "530万", "560万", `name="_pick.ind.15.actual" value="theirs"`, "保留我的", "采用对方的"} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("the conflict panel lacks %s", want)
		}
	}
	mine.Set("_op", "merge")
	if resp := a.unit.postForm(a.path+"/save", mine, a.unit.htmx("merge")...); resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, "还有 1 处冲突没有选择") {
		t.Fatalf("a merge without a choice: %d", resp.StatusCode)
	}
	mine.Set("_pick.ind.15.actual", "theirs")
	mine.Set("_theirs.ind.15.actual", "560万")
	if resp := a.unit.postForm(a.path+"/save", mine, a.unit.htmx("merge")...); resp.StatusCode != http.StatusOK {
		t.Fatalf("merge with a choice: %d %s", resp.StatusCode, resp.body)
	}
	if f, _ := a.S.Form(storetest.As(a.FillerA), a.form.ID); f.Version != 5 || f.Form.Indicators[15].Actual != "560万" {
		t.Errorf("the choice was not saved: v%d %q", f.Version, f.Form.Indicators[15].Actual)
	}
	// without scripts: the page again, with the panel, what was typed and
	// the version the edit started from (which the merge needs)
	mine.Del("_op")
	mine.Set("ind.15.actual", "520万")
	resp = a.unit.post(a.path+"/save", mine)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, "保存冲突") || !strings.Contains(resp.body, "520万") ||
		!strings.Contains(resp.body, `<form id="editor"`) || !strings.Contains(resp.body, `name="_base" value="3"`) {
		t.Errorf("a stale save without scripts: %d", resp.StatusCode)
	}
	a.baseVersionsIntact(t)
}

// Rows added and removed come back in the editor from the posted values,
// nothing typed lost and nothing saved; the new row has the focus.
func TestEditRows(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	v := editorValues(t, a.unit.get(a.path).body)
	v.Set("ind.0.actual", "改过的")
	v.Set("_op", "add-ind:19")
	resp := a.unit.postForm(a.path+"/rows", v, a.unit.htmx("editor")...)
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, `<textarea id="f-ind-20-name" name="ind.20.name" aria-label="产出指标·成本指标·第6行 三级指标" aria-describedby="n-ind-20-name" rows="2" autofocus>`+"\n指标6：</textarea>") ||
		!strings.Contains(resp.body, "已添加一行指标，尚未保存") {
		t.Fatalf("add a row: %d %s", resp.StatusCode, resp.body)
	}
	v = editorValues(t, resp.body)
	if v.Get("ind.n") != "31" || v.Get("ind.0.actual") != "改过的" || v.Get("ind.21.level2") != "经济效益指标" {
		t.Errorf("after adding: %v", v)
	}
	for _, tc := range []struct{ op, cat, check string }{
		{"del-ind:0", "", "ind.n=30"},
		{"add-fund:1", "", "funds.n=5"},
		{"del-fund:3", "", "funds.n=4"},
		{"add-cat", "过程指标/资金管理", "ind.0.level1=过程指标"},
	} {
		v.Set("_op", tc.op)
		v.Set("_cat", tc.cat)
		resp := a.unit.postForm(a.path+"/rows", v, a.unit.htmx("editor")...)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", tc.op, resp.StatusCode, resp.body)
		}
		v = editorValues(t, resp.body)
		key, want, _ := strings.Cut(tc.check, "=")
		if v.Get(key) != want {
			t.Errorf("after %s: %s = %q, want %q", tc.op, key, v.Get(key), want)
		}
	}
	if f, _ := a.S.Form(storetest.As(a.FillerA), a.form.ID); f.Version != 1 {
		t.Error("a row operation saved")
	}
	v.Set("_op", "add-cat")
	v.Set("_cat", "其他/杂项")
	if resp := a.unit.postForm(a.path+"/rows", v, a.unit.htmx("editor")...); resp.StatusCode != http.StatusUnprocessableEntity ||
		resp.Header.Get("HX-Reswap") != "none" || !strings.Contains(resp.body, "不在绩效指标体系中") || strings.Contains(resp.body, `<form id="editor"`) {
		t.Errorf("a category outside the taxonomy: %d %v %s", resp.StatusCode, resp.Header, resp.body)
	}
	v.Set("_op", "explode")
	if resp := a.unit.postForm(a.path+"/rows", v, a.unit.htmx("editor")...); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an unknown operation: %d", resp.StatusCode)
	}
	// the rows saved
	if resp := a.unit.postForm(a.path+"/save", v, a.unit.htmx("save-button")...); resp.StatusCode != http.StatusOK {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if f, _ := a.S.Form(storetest.As(a.FillerA), a.form.ID); len(f.Form.Indicators) != 31 || f.Form.Indicators[0].Level2 != "资金管理" {
		t.Errorf("the rows were not saved: %d", len(f.Form.Indicators))
	}
	a.baseVersionsIntact(t)
}

// Another unit's form is not found through the editor; a locked form is
// refused in Chinese and nothing changes.
func TestEditRefused(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	v := editorValues(t, a.unit.get(a.path).body)
	other := a.client(t)
	other.login("zy_b")
	for _, ep := range []string{"/check", "/save", "/rows"} {
		if resp := other.postForm(a.path+ep, v, other.htmx("editor")...); resp.StatusCode != http.StatusNotFound {
			t.Errorf("another unit's %s: %d", ep, resp.StatusCode)
		}
	}
	rev := a.client(t)
	rev.login("zy_rev")
	if resp := rev.postForm(a.path+"/save", v, rev.htmx("save-button")...); resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.body, "只能由该单位的填报人修改") {
		t.Errorf("the reviewer's save: %d %s", resp.StatusCode, resp.body)
	}
	clean := a.cleanForm(t)
	path := "/forms/" + strconv.FormatInt(clean.ID, 10)
	cv := editorValues(t, a.unit.get(path).body)
	if _, err := a.S.Submit(storetest.As(a.FillerA), clean.ID, 1); err != nil {
		t.Fatal(err)
	}
	resp := a.unit.postForm(path+"/save", cv, a.unit.htmx("autosave")...)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, "已提交，正在审核，不能修改") || strings.Contains(resp.body, "合并后保存") {
		t.Errorf("a save on a submitted form: %d %s", resp.StatusCode, resp.body)
	}
	if resp := a.unit.post(path+"/save", cv); resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, "不能修改") {
		t.Errorf("without scripts: %d", resp.StatusCode)
	}
	if resp := a.unit.postForm(path+"/save", cv, "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a save from another site: %d", resp.StatusCode)
	}
}

// What the editor's conflict handling asks of the store, on both
// backends: a save from a stale version is refused as a conflict and
// writes nothing; the version it started from can be read back as the
// merge's base; the merge saved on the current version keeps both sides'
// edits, and both saves are logged.
func TestEditConflictStorage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		ctx := storetest.As(w.FillerA)
		sf, err := s.CreateForm(ctx, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitA.ID, Form: storetest.RefForm(t)})
		if err != nil {
			t.Fatal(err)
		}
		base := storetest.RefForm(t) // CreateForm answers the summary, not the document
		theirs, _ := formedit.Apply(base, formedit.Values{"notes": {"无"}})
		if _, err := s.SaveForm(ctx, sf.ID, 1, theirs); err != nil {
			t.Fatal(err)
		}
		mine, _ := formedit.Apply(base, formedit.Values{"ind.15.actual": {"540万"}})
		if _, err := s.SaveForm(ctx, sf.ID, 1, mine); jixiao.KindOf(err) != jixiao.KindConflict {
			t.Fatalf("a stale save: %v", err)
		}
		old, err := s.Revision(ctx, sf.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		cur, err := s.Form(ctx, sf.ID)
		if err != nil || cur.Version != 2 {
			t.Fatalf("current: %v", err)
		}
		merged, conflicts := formedit.Merge(old, mine, cur.Form)
		if len(conflicts) != 0 {
			t.Fatalf("conflicts %v", conflicts)
		}
		if _, err := s.SaveForm(ctx, sf.ID, cur.Version, merged); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Form(ctx, sf.ID)
		if got.Version != 3 || got.Form.Notes != "无" || got.Form.Indicators[15].Actual != "540万" {
			t.Errorf("merged and saved: v%d %q %q", got.Version, got.Form.Notes, got.Form.Indicators[15].Actual)
		}
		log, err := s.Log(ctx, store.LogFilter{FormID: sf.ID})
		saves := 0
		for _, e := range log {
			if e.Action == jixiao.ActionFormSave {
				saves++
			}
		}
		if err != nil || saves != 2 {
			t.Errorf("%d saves logged, want 2: %v", saves, err)
		}
	})
}
