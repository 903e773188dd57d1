// Package e2e drives the web application in a real headless Chromium
// (chromedp) through the scenario of issue 11, from a unit's upload to the
// department's region form, failing on any JavaScript or browser error and
// on any visible field without a label, with a screenshot of every step.
// It skips where Chromium is absent (scripts/chromium installs it) unless
// JIXIAO_REQUIRE_CHROMIUM=1.
package e2e

import (
	"context"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/reftest"
)

// The demo world's people in the scenario.
const (
	unitUser  = "cy_scj" // filler of 北京市朝阳区市场监督管理局, whose draft is the reference form
	unitName  = "北京市朝阳区市场监督管理局"
	otherName = "北京市朝阳区知识产权服务中心" // the other unit under 朝阳区: its form waits for review
	deptUser  = "chaoyang"       // reviewer of 北京市朝阳区知识产权局, the department above both
)

// The reference form's three errors: cost indicators over their cap marked
// 已完成 (in 未完成原因和改进措施). The scenario corrects the first by its
// value (under the cap, it is met) and the others by saying why.
var (
	costErrors = []string{"指标1：专利资助奖励", "指标3：知识产权质押贷款贴息资助", "指标4：重点企业资助"}
	costFixes  = []struct{ label, field, value string }{
		{costErrors[0], "actual", "550万"},
		{costErrors[1], "reason", "贷款规模扩大致贴息增加，下年度设置单户贴息上限"},
		{costErrors[2], "reason", "新增1家重点企业，下年度提前核定名单"},
	}
	returnNote = "请在“说明”栏写明审计和监督中是否发现问题（没有请填“无”），然后重新提交。"
)

func TestScenario(t *testing.T) {
	start := time.Now()
	exe := chromium(t)
	a := startApp(t)
	b := newBrowser(t, exe, a.url)
	t.Logf("application and browser started in %v", time.Since(start).Round(time.Millisecond))
	unitForm := a.world.Forms[unitName].ID

	// The unit signs in, uploads the reference .docx and sees, in the
	// preview, the three cost-row errors beside their cells; it saves.
	b.login(unitUser, demo.Password)
	b.step("upload-page",
		click(`nav.menu a[href="/upload"]`),
		chromedp.WaitVisible(chromedp.ID("file")),
	)
	b.step("upload-preview",
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{reftest.Path("docx")}),
		click("#upload-submit"),
		chromedp.WaitVisible(chromedp.ID("save")),
	)
	b.mustSee("h1", "chaoyang-2020-ip-ops.docx")
	wantErrorRows(t, b, costErrors)
	b.photo("upload-preview", "table.sheet .finding.sev-error", "center", viewportHeight)
	b.step("upload-save",
		click("#save"),
		chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)),
		chromedp.WaitVisible(chromedp.ID("editor")),
	)
	if got := b.location(); got.Path != formPath(unitForm) {
		t.Fatalf("after saving the upload the browser is at %s, want the form's page %s", got, formPath(unitForm))
	}

	// In the editor the unit corrects the first cost value by keyboard and
	// sees its error go (the live check); it says why for the others,
	// saves and submits.
	uploaded := storedForm(t, a, unitForm)
	wantErrorRows(t, b, costErrors)
	fix := costFixes[0]
	b.step("editor-live-check", b.typeInto(field(t, uploaded, fix.label, fix.field), fix.value), chromedp.KeyEvent(kb.Tab))
	wantErrorRows(t, b, costErrors[1:])
	// Tab goes on along the row, to its 未完成原因和改进措施
	if got, want := eval[string](b, `document.activeElement.id`), field(t, uploaded, fix.label, "reason"); got != want {
		t.Errorf("Tab from %s moved the focus to #%s, want #%s", fix.field, got, want)
	}
	b.photo("editor", "#"+field(t, uploaded, costErrors[1], "reason"), "center", viewportHeight)
	for _, fix := range costFixes[1:] {
		b.step("editor-fix", b.typeInto(field(t, uploaded, fix.label, fix.field), fix.value))
	}
	wantErrorRows(t, b, nil)
	waitSaved(t, a, b, unitForm, func(f *jixiao.Form) bool {
		for _, fix := range costFixes {
			in := f.Indicators[indicator(t, f, fix.label)]
			if map[string]string{"actual": in.Actual, "reason": in.Reason}[fix.field] != fix.value {
				return false
			}
		}
		return true
	})
	b.step("unit-submit",
		click(`#submit-box form[action$="/submit"] button`),
		chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)),
	)
	b.mustSee("#form-meta .status", jixiao.StatusSubmitted.Label())
	b.logout()

	// The department returns it with a comment.
	b.login(deptUser, demo.Password)
	b.step("dept-return",
		b.open(formPath(unitForm)),
		chromedp.WaitVisible(chromedp.ID("return-comment")),
		chromedp.SendKeys(chromedp.ID("return-comment"), returnNote),
		click(`form[action$="/return"] button`),
		chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)),
	)
	b.mustSee("#form-meta .status", jixiao.StatusReturned.Label())
	b.mustSee(".thread", returnNote)
	b.logout()

	// The unit reads the comment, fills 说明 and resubmits.
	b.login(unitUser, demo.Password)
	b.step("unit-returned", b.open(formPath(unitForm)), chromedp.WaitVisible(chromedp.ID("editor")))
	b.mustSee(".thread", returnNote)
	b.step("unit-fix", b.typeInto("f-notes", "无"))
	waitSaved(t, a, b, unitForm, func(f *jixiao.Form) bool { return f.Notes == "无" })
	b.step("unit-resubmit",
		click(`#submit-box form[action$="/submit"] button`),
		chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)),
	)
	b.mustSee("#form-meta .status", jixiao.StatusResubmitted.Label())
	b.logout()

	// The department approves the other unit's form and this one, then
	// generates the region form on the roll-up page.
	b.login(deptUser, demo.Password)
	for _, id := range []int64{a.world.Forms[otherName].ID, unitForm} {
		b.step("dept-approve",
			b.open(formPath(id)),
			chromedp.WaitVisible(chromedp.ID("approve-comment")),
			chromedp.SendKeys(chromedp.ID("approve-comment"), "同意。"),
			click(`form[action$="/approve"] button`),
			chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)),
		)
		b.mustSee("#form-meta .status", jixiao.StatusApproved.Label())
	}
	// the unit's form, as approved, downloads as a workbook that reads back
	// as it, with the corrected value
	path, name := b.downloadLink("download-unit-xlsx", `a[href="`+formPath(unitForm)+`/download/xlsx"]`)
	if want := unitName + "-2020-自评表.xlsx"; name != want {
		t.Errorf("the workbook is named %q, want %q", name, want)
	}
	approved := checkDownload(t, a, path, unitForm)
	if got := approved.Indicators[indicator(t, approved, costFixes[0].label)].Actual; got != costFixes[0].value {
		t.Errorf("the corrected cost value reads back as %q, want %q", got, costFixes[0].value)
	}
	b.step("rollup-page",
		click(`nav.menu a[href="/rollup"]`),
		chromedp.WaitVisible(chromedp.ID("rollup-preview")),
		chromedp.WaitEnabled(chromedp.ID("generate-rollup")),
	)
	b.mustSee("#preview-h", "2 张已审核通过的表")
	b.photo("rollup", "#rollup-preview", "start", viewportHeight)
	b.step("rollup-generate",
		click("#generate-rollup"),
		chromedp.WaitVisible(chromedp.ID("form-meta")),
	)
	region := formID(t, b.location())
	b.mustSee("h1", "北京市朝阳区知识产权局")

	// The region form downloads as a workbook that reads back as it.
	path, _ = b.downloadLink("download-region-xlsx", `a[href="`+formPath(region)+`/download/xlsx"]`)
	checkDownload(t, a, path, region)

	// The 工作台 shows the department its units, approved, and its charts.
	b.step("dept-workbench", click(`nav.menu a[href="/"]`), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.photo("workbench", "body", "start", 1120)
	b.logout()
	t.Logf("scenario done in %v (%d steps)", time.Since(start).Round(time.Millisecond), b.n)
}

// waitSaved waits for the editor's autosave (2 s after the last key) to
// have stored what was typed — saved(f) says so of the stored form — and
// for the page to know it (its base version is the stored one, its status
// line says 已自动保存), then takes a step's screenshot. Waiting for the
// autosave rather than pressing 保存 leaves no autosave pending that could
// make a new version under the submit button.
func waitSaved(t *testing.T, a *app, b *browser, id int64, saved func(*jixiao.Form) bool) {
	t.Helper()
	ctx := jixiao.NewContextWithActor(context.Background(), jixiao.SystemActor("e2e"))
	var f *jixiao.StoredForm
	type editorState struct {
		Base   string `json:"base"`
		Status string `json:"status"`
	}
	var page editorState
	for end := time.Now().Add(stepTimeout); ; time.Sleep(100 * time.Millisecond) {
		var err error
		if f, err = a.store.Form(ctx, id); err != nil {
			t.Fatal(err)
		}
		page = eval[editorState](b, `({base: document.getElementById("edit-base").value, status: document.getElementById("edit-status").textContent.trim()})`)
		if saved(f.Form) && page.Base == strconv.Itoa(f.Version) && strings.HasPrefix(page.Status, "已自动保存") {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the edit was not autosaved: the store has version %d (what was typed: %v), the page's base is %s, its status %q",
				f.Version, saved(f.Form), page.Base, page.Status)
		}
	}
	b.step("autosaved", waitIdle())
}

func formPath(id int64) string { return "/forms/" + strconv.FormatInt(id, 10) }

// formID reads the form id of a /forms/{id} address.
func formID(t *testing.T, u *url.URL) int64 {
	t.Helper()
	id, err := strconv.ParseInt(strings.TrimPrefix(u.Path, "/forms/"), 10, 64)
	if err != nil {
		t.Fatalf("%s is not a form's page", u)
	}
	return id
}

// storedForm is form id as stored now.
func storedForm(t *testing.T, a *app, id int64) *jixiao.Form {
	t.Helper()
	ctx := jixiao.NewContextWithActor(context.Background(), jixiao.SystemActor("e2e"))
	f, err := a.store.Form(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return f.Form
}

// indicator is the index of the indicator labelled label in f.
func indicator(t *testing.T, f *jixiao.Form, label string) int {
	t.Helper()
	i := slices.IndexFunc(f.Indicators, func(in jixiao.Indicator) bool {
		return in.Level2 == "成本指标" && in.Label == label
	})
	if i < 0 {
		t.Fatalf("no cost indicator %s in the form", label)
	}
	return i
}

// field is the editor's element id of column (name, target, actual,
// reason) of the indicator labelled label (web/edit_sheet.go: f-ind-<i>-<column>).
func field(t *testing.T, f *jixiao.Form, label, column string) string {
	t.Helper()
	return "f-ind-" + strconv.Itoa(indicator(t, f, label)) + "-" + column
}

// wantErrorRows waits for the rows of the sheet that carry an error
// finding to be want (the live check answers after a pause in typing),
// and fails with the rows it saw when they are not.
func wantErrorRows(t *testing.T, b *browser, want []string) {
	t.Helper()
	var got []string
	for end := time.Now().Add(stepTimeout); ; time.Sleep(100 * time.Millisecond) {
		if got = errorRows(b); slices.Equal(got, want) || time.Now().After(end) {
			break
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("the errors are beside the rows %q, want %q", got, want)
	}
}

// errorRows are the indicator labels (指标N：…) of the rows of the sheet
// whose cells carry an error finding, in page order; a cell's text is its
// input's value in the editor, its text without the findings elsewhere.
func errorRows(b *browser) []string {
	return eval[[]string](b, `[...document.querySelectorAll("table.sheet td .finding.sev-error")].map(f => {
		const texts = [...f.closest("tr").cells].map(c => {
			const input = c.querySelector("input, textarea");
			if (input) return input.value.trim();
			const own = c.cloneNode(true);
			own.querySelectorAll(".finding").forEach(n => n.remove());
			return own.textContent.trim();
		});
		return texts.find(t => /^指标\d+：/.test(t)) || texts.join("|");
	}).filter((label, i, all) => all.indexOf(label) === i)`)
}

// checkDownload reads the downloaded workbook back (formfile: the reader
// of `jixiao check`) and checks it is form id as stored now: its header,
// year and every indicator as written. It returns the form read.
func checkDownload(t *testing.T, a *app, path string, id int64) *jixiao.Form {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	forms, err := formfile.Parse(context.Background(), "download.xlsx", data)
	if err != nil {
		t.Fatalf("reading the downloaded workbook: %v", err)
	}
	if len(forms) != 1 {
		t.Fatalf("the workbook holds %d forms, want 1", len(forms))
	}
	got, want := forms[0], storedForm(t, a, id)
	if got.Header != want.Header || got.Year != want.Year {
		t.Errorf("the workbook's header %+v (year %d), want %+v (year %d)", got.Header, got.Year, want.Header, want.Year)
	}
	row := func(in jixiao.Indicator) [4]string { return [4]string{in.Label, in.Target, in.Actual, in.Reason} }
	if len(got.Indicators) != len(want.Indicators) {
		t.Fatalf("the workbook has %d indicators, want %d", len(got.Indicators), len(want.Indicators))
	}
	for i := range want.Indicators {
		if g, w := row(got.Indicators[i]), row(want.Indicators[i]); g != w {
			t.Errorf("indicator %d in the workbook: %q, want %q", i+1, g, w)
		}
	}
	return got
}
