package web_test

import (
	"archive/zip"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// newForm stores f as unit filler u's form of the storetest program and
// year, under a task of its department due in a week.
func (a *app) newForm(t *testing.T, u *jixiao.User, org *jixiao.Organisation, f *jixiao.Form) *jixiao.StoredForm {
	t.Helper()
	sf, err := a.S.CreateForm(storetest.As(u), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: org.ID, Form: f})
	if err != nil {
		t.Fatal(err)
	}
	return sf
}

// The workflow through HTTP as browsers post it: the unit submits, the
// department returns with a comment, the unit resubmits, the department
// approves; each step redirects to the page, which says what happened. A
// stale version, an empty return comment, a cross-site post and a unit
// posting on another unit's form are refused, and nothing changes.
func TestWorkflowThroughHTTP(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	if _, err := a.S.IssueTask(storetest.As(a.RevChaoyang), store.NewTask{Program: storetest.Program, Year: storetest.Year,
		IssuerID: a.Chaoyang.ID, Deadline: time.Now().Add(7 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	page := "/forms/" + strconv.FormatInt(f.ID, 10)
	unit, dept, other := a.client(t), a.client(t), a.client(t)
	unit.login("zy_a")
	dept.login("zy_rev")
	other.login("zy_b")
	v1 := url.Values{"version": {"1"}}

	step := func(c *client, action string, v url.Values, wantStatus jixiao.FormStatus, wantText string) {
		t.Helper()
		resp := c.post(page+"/"+action, v)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page+"?done="+action {
			t.Fatalf("%s: %d %s %s", action, resp.StatusCode, resp.Header.Get("Location"), resp.body)
		}
		shown := c.get(resp.Header.Get("Location"))
		if !strings.Contains(shown.body, wantStatus.Label()) || !strings.Contains(shown.body, wantText) {
			t.Errorf("after %s the page lacks %q and %q:\n%s", action, wantStatus.Label(), wantText, shown.body)
		}
		checkNoInlineCode(t, action, shown.body)
	}
	refused := func(c *client, action string, v url.Values, code int, want string, header ...string) {
		t.Helper()
		resp := c.postForm(page+"/"+action, v, header...)
		if resp.StatusCode != code || !strings.Contains(resp.body, want) {
			t.Errorf("%s: %d, want %d with %q:\n%s", action, resp.StatusCode, code, want, resp.body)
		}
	}

	if resp := unit.get(page); !strings.Contains(resp.body, "提交审核") || strings.Contains(resp.body, "退回修改") {
		t.Errorf("the unit's draft page should offer 提交审核 only:\n%s", resp.body)
	}
	refused(unit, "submit", v1, http.StatusForbidden, "请求来自其他网站", "Sec-Fetch-Site", "cross-site")
	refused(other, "submit", v1, http.StatusNotFound, "不存在", other.sameOrigin()...)
	refused(unit, "submit", url.Values{"version": {"0"}}, http.StatusConflict, "保存冲突", unit.sameOrigin()...)
	step(unit, "submit", v1, jixiao.StatusSubmitted, "已提交，等待上级主管部门审核")

	if resp := dept.get(page); !strings.Contains(resp.body, "退回修改") || !strings.Contains(resp.body, "审核通过") || strings.Contains(resp.body, "提交审核</button>") {
		t.Errorf("the department's page should offer 退回修改 and 审核通过:\n%s", resp.body)
	}
	refused(dept, "return", v1, http.StatusUnprocessableEntity, "退回时请写明原因", dept.sameOrigin()...)
	// a comment typed on a stale page is given back, not lost
	refused(dept, "return", url.Values{"version": {"0"}, "comment": {"<b>旧页面上的意见</b>"}}, http.StatusConflict,
		"&lt;b&gt;旧页面上的意见&lt;/b&gt;</textarea>", dept.sameOrigin()...)
	refused(unit, "approve", v1, http.StatusForbidden, "您不能审核这张表", unit.sameOrigin()...)
	step(dept, "return", url.Values{"version": {"1"}, "comment": {"请补充成本指标超支的原因"}}, jixiao.StatusReturned, "请补充成本指标超支的原因")

	step(unit, "comment", url.Values{"comment": {"收到，马上修改"}}, jixiao.StatusReturned, "收到，马上修改")
	step(unit, "submit", v1, jixiao.StatusResubmitted, "已提交")
	step(dept, "approve", url.Values{"version": {"1"}, "comment": {"同意"}}, jixiao.StatusApproved, "已审核通过，自评表已锁定")
	refused(dept, "approve", v1, http.StatusConflict, "已审核通过并锁定", dept.sameOrigin()...)

	final := unit.get(page)
	for _, want := range []string{"提交", "退回", "审核通过", "请补充成本指标超支的原因", "收到，马上修改", "赵六（zy_rev）"} {
		if !strings.Contains(final.body, want) {
			t.Errorf("the history and thread lack %q", want)
		}
	}
	if strings.Contains(final.body, "提交审核</button>") || strings.Contains(final.body, "退回修改</button>") {
		t.Error("an approved form offers workflow buttons")
	}
	if resp := unit.post(page+"/publish", v1); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown action: %d", resp.StatusCode)
	}
}

// The 自评表 page shows the form in the official layout: merged cells as
// in the paper form, each finding in the cell it concerns with its Chinese
// message, and the findings listed with links to their cells. (Its
// reviewer sees it read-only; its unit sees the editor: edit_test.go.)
func TestFormPageOfficialLayout(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.RefForm(t))
	c := a.client(t)
	c.login("zy_rev")
	resp := c.get("/forms/" + strconv.FormatInt(f.ID, 10))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", resp.StatusCode, resp.body)
	}
	for _, want := range []string{
		`class="k-label" rowspan="5">资金情况（万元）</td>`, // the funds label spans its lines
		`class="k-value" rowspan="5">成本指标</td>`,
		// a cost row marked 已完成 carries its error, with how to fix it
		`已完成<span class="finding sev-error"><span class="tag">`, "请填写未完成的原因和改进措施",
	} {
		if !strings.Contains(resp.body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if n := strings.Count(resp.body, `class="finding sev-error"`); n != 3 {
		t.Errorf("%d errors beside cells, want 3", n)
	}
	if strings.Contains(resp.body, "提交审核</button>") {
		t.Error("a form with errors offers 提交审核")
	}
	print := c.get("/forms/" + strconv.FormatInt(f.ID, 10) + "/print")
	if print.StatusCode != http.StatusOK || strings.Contains(print.body, `class="top"`) || strings.Contains(print.body, "finding") ||
		!strings.Contains(print.body, "print.js") || !strings.Contains(print.body, "绩效目标自评表") {
		t.Errorf("the print view should be the paper form alone:\n%s", print.body)
	}
	a4 := false
	for _, src := range checkNoInlineCode(t, "print", print.body) {
		a4 = a4 || strings.Contains(c.get(src).body, "@page { size: A4 portrait;")
	}
	if !a4 {
		t.Error("the print view's stylesheet does not set an A4 page")
	}
}

// Downloads open: .docx and .xlsx are zip packages with their parts (and
// the review comments when asked for), .json reads back as the form.
func TestDownloads(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.RefForm(t))
	c := a.client(t)
	c.login("zy_rev")
	base := "/forms/" + strconv.FormatInt(f.ID, 10) + "/download/"
	for _, tc := range []struct {
		path, part, contentType string
	}{
		{"docx", "word/document.xml", "wordprocessingml"},
		{"docx?review=1", "word/comments.xml", "wordprocessingml"},
		{"xlsx", "xl/workbook.xml", "spreadsheetml"},
		{"xlsx?review=1", "xl/comments1.xml", "spreadsheetml"},
	} {
		resp := c.get(base + tc.path)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), tc.contentType) ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment; filename*=utf-8''") {
			t.Errorf("%s: %d %v", tc.path, resp.StatusCode, resp.Header)
			continue
		}
		z, err := zip.NewReader(strings.NewReader(resp.body), int64(len(resp.body)))
		if err != nil {
			t.Errorf("%s is not a zip package: %v", tc.path, err)
			continue
		}
		parts := map[string]bool{}
		for _, zf := range z.File {
			parts[zf.Name] = true
		}
		if !parts[tc.part] || !parts["[Content_Types].xml"] {
			t.Errorf("%s lacks %s: %v", tc.path, tc.part, parts)
		}
		if !strings.Contains(tc.path, "review") && (parts["word/comments.xml"] || parts["xl/comments1.xml"]) {
			t.Errorf("%s: a plain download has comments", tc.path)
		}
	}
	resp := c.get(base + "json")
	forms, err := jsonform.Reader{}.ReadForms("form.json", []byte(resp.body))
	if err != nil || len(forms) != 1 || forms[0].Header.Unit != "北京市朝阳区市场监督管理局" || len(forms[0].Indicators) != 30 {
		t.Errorf("the JSON download does not read back: %v", err)
	}
	// the same version downloads as the same bytes (the file's time is the form's)
	if again := c.get(base + "json"); again.body != resp.body {
		t.Error("two downloads of one version differ")
	}
	if resp := c.get(base + "pdf"); resp.StatusCode != http.StatusNotFound || !strings.Contains(resp.body, "可选 docx、xlsx、json") {
		t.Errorf("pdf: %d %s", resp.StatusCode, resp.body)
	}
	other := a.client(t)
	other.login("hd_rev")
	if resp := other.get(base + "docx"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another region's reviewer downloads the form: %d", resp.StatusCode)
	}
}

// The list filters by year, program, region and status, searches unit and
// region names, and pages with links that keep the filters.
func TestFormListFiltersAndPages(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	sys := storetest.System()
	for year := 2030; year < 2030+52; year++ { // 52 forms of UnitA: two pages of 50
		if _, err := a.S.CreateForm(sys, store.NewForm{Program: storetest.Program, Year: year, OrgID: a.UnitA.ID, Form: storetest.CleanForm(t)}); err != nil {
			t.Fatal(err)
		}
	}
	h := a.newForm(t, a.FillerH, a.UnitH, storetest.RefForm(t))
	c := a.client(t)
	c.login("central")
	rows := func(resp *response) int { return strings.Count(resp.body, `<a href="/forms/`) }
	for _, tc := range []struct {
		query string
		rows  int
		want  string
	}{
		{"", 50, "共 53 张，第 1 / 2 页"},
		{"?page=2", 3, "上一页"},
		{"?region=110108", 1, "海淀区知识产权服务中心"},
		{"?q=海淀", 1, "海淀区知识产权服务中心"},
		{"?q=%E6%9C%9D%E9%98%B3&year=2031", 1, "共 1 张"},
		{"?status=approved", 0, "没有符合条件的自评表"},
		{"?program=" + url.QueryEscape(storetest.Program) + "&status=draft", 50, `rel="next"`},
	} {
		resp := c.get("/forms" + tc.query)
		if resp.StatusCode != http.StatusOK || rows(resp) != tc.rows || !strings.Contains(resp.body, tc.want) {
			t.Errorf("/forms%s: %d, %d rows, want %d and %q", tc.query, resp.StatusCode, rows(resp), tc.rows, tc.want)
		}
	}
	next := c.get("/forms?status=draft")
	if !strings.Contains(next.body, `href="/forms?page=2&amp;status=draft"`) {
		t.Errorf("the next page's link does not keep the filter")
	}
	unit := a.client(t)
	unit.login("zy_a")
	if resp := unit.get("/forms?q=海淀"); rows(resp) != 0 || strings.Contains(resp.body, fmt.Sprintf(`/forms/%d"`, h.ID)) {
		t.Error("a unit's list shows another unit's form")
	}
}

// A form saved many times (autosave) shows its newest 50 history entries,
// newest first, and says that older ones are in the log.
func TestFormHistoryBounded(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	ctx := storetest.As(a.FillerA)
	f, err := a.S.CreateForm(ctx, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: a.UnitA.ID, Form: storetest.RefForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 60; v++ {
		form := storetest.RefForm(t)
		form.Notes = fmt.Sprintf("第 %d 次保存", v)
		if _, err := a.S.SaveForm(ctx, f.ID, v, form); err != nil {
			t.Fatal(err)
		}
	}
	c := a.client(t)
	c.login("zy_a")
	body := c.get(fmt.Sprint("/forms/", f.ID)).body
	i := strings.Index(body, `id="history-h"`)
	if i < 0 {
		t.Fatalf("no history:\n%s", body)
	}
	history := body[i:]
	if rows := strings.Count(history, "<tr><td>"); rows != 50 || !strings.Contains(history, "最近的 50 条，新的在前") {
		t.Errorf("%d history rows shown, want the newest 50 with the note", rows)
	}
	if first, last := strings.Index(history, "第 61 版"), strings.Index(history, "第 12 版"); first < 0 || last >= 0 && last < first {
		t.Errorf("not newest first (第 61 版 at %d, 第 12 版 at %d)", first, last)
	}
}
