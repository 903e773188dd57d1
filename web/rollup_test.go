package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// issueTask issues the storetest program's task of 朝阳区 to its two units.
func (a *app) issueTask(t *testing.T) {
	t.Helper()
	if _, err := a.S.IssueTask(storetest.As(a.RevChaoyang), store.NewTask{Program: storetest.Program, Year: storetest.Year,
		IssuerID: a.Chaoyang.ID, Deadline: time.Now().Add(7 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
}

// unitBForm is the clean reference form as 朝阳区科技园区管委会 writes it,
// with twice the funds (so its weight differs from unit A's).
func unitBForm(t *testing.T, a *app) *jixiao.Form {
	f := storetest.CleanForm(t)
	f.Header.Unit = a.UnitB.Name
	for i := range f.Funds.Lines {
		l := &f.Funds.Lines[i]
		for _, am := range []*jixiao.Amount{&l.Budget, &l.Executed} {
			if am.Valid {
				am.Value = am.Value.Add(am.Value)
				am.Text = am.Value.String()
			}
		}
	}
	return f
}

// approved stores f as filler u's form of org, submitted and approved by
// the department's reviewer (朝阳区's, or 海淀区's for its unit).
func (a *app) approved(t *testing.T, u *jixiao.User, org *jixiao.Organisation, f *jixiao.Form) *jixiao.StoredForm {
	t.Helper()
	sf := a.newForm(t, u, org, f)
	sf, err := a.S.Submit(storetest.As(u), sf.ID, sf.Version)
	if err != nil {
		t.Fatal(err)
	}
	reviewer := a.RevChaoyang
	if org.ID == a.UnitH.ID {
		reviewer = a.RevHaidian
	}
	if sf, err = a.S.Approve(storetest.As(reviewer), sf.ID, sf.Version, ""); err != nil {
		t.Fatal(err)
	}
	return sf
}

// The roll-up page of 朝阳区's department: with both units' forms approved
// it previews the region form as the store's rollup makes it, every
// aggregated indicator drilling down to both units and their weights;
// generating saves the region form and goes to its page.
func TestRollupPreviewAndGenerate(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	a.issueTask(t)
	a.approved(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	a.approved(t, a.FillerB, a.UnitB, unitBForm(t, a))
	dept := a.client(t)
	dept.login("zy_rev")
	page := dept.get("/rollup")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", page.StatusCode, page.body)
	}
	checkNoInlineCode(t, "rollup", page.body)

	want, err := a.S.RollupRegion(storetest.As(a.RevChaoyang), a.Chaoyang.ID, storetest.Program, storetest.Year, true)
	if err != nil {
		t.Fatal(err)
	}
	f := want.Rollup.Form
	body := html.UnescapeString(page.body)
	for _, s := range []string{`id="generate-rollup"`, "填报率", "100.0%", f.Funds.TotalLine().Budget.Text, f.Funds.TotalLine().Executed.Text} {
		if !strings.Contains(body, s) {
			t.Errorf("the roll-up page lacks %q", s)
		}
	}
	if strings.Contains(body, `id="generate-rollup" disabled`) {
		t.Error("the generate button is disabled with every unit approved")
	}
	// every aggregated indicator: its figure in the sheet links to its
	// drill-down, which names both units with their weights
	for i, ai := range f.Aggregation.Indicators {
		id := "drill-" + strconv.Itoa(i)
		if !strings.Contains(body, `href="#`+id+`">`+f.Indicators[i].Actual+`</a>`) {
			t.Errorf("indicator %d: the sheet's actual %q does not link to %s", i, f.Indicators[i].Actual, id)
		}
		start := strings.Index(body, `id="`+id+`"`)
		if start < 0 {
			t.Fatalf("no drill-down %s", id)
		}
		drill := body[start:]
		if end := strings.Index(drill, "</details>"); end >= 0 {
			drill = drill[:end]
		}
		if len(ai.Contributions) != 2 {
			t.Fatalf("indicator %d: %d contributions", i, len(ai.Contributions))
		}
		for _, c := range ai.Contributions {
			if !strings.Contains(drill, "<strong>"+c.Member+"</strong>") || !strings.Contains(drill, "权重 "+c.Weight.String()+" 万元") {
				t.Errorf("indicator %d: the drill-down lacks %s with weight %s:\n%s", i, c.Member, c.Weight, drill)
			}
		}
	}
	wa, wb := f.Aggregation.Members[0].Weight, f.Aggregation.Members[1].Weight
	if wa.Equal(wb) || !wb.Equal(wa.Add(wa)) {
		t.Errorf("weights %s and %s: unit B's should be twice unit A's", wa, wb)
	}

	resp := dept.post("/rollup", url.Values{"dept": {strconv.FormatInt(a.Chaoyang.ID, 10)}, "program": {storetest.Program}, "year": {strconv.Itoa(storetest.Year)}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/forms/") {
		t.Fatalf("generate: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), resp.body)
	}
	id, _ := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location"), "/forms/"), 10, 64)
	saved, err := a.S.Form(storetest.As(a.RevChaoyang), id)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Kind != jixiao.FormRegion || saved.OrgID != a.Chaoyang.ID || saved.Form.Funds.TotalLine().Budget.Text != f.Funds.TotalLine().Budget.Text {
		t.Errorf("the saved region form: %+v", saved)
	}
	if shown := dept.get("/rollup"); !strings.Contains(shown.body, `id="region-form-link"`) {
		t.Error("the page does not link the saved region form")
	}
}

// Generating is refused while a unit the task expects is not approved: the
// page names it and its status, and nothing is saved. Units, and the
// central viewer, cannot reach the page.
func TestRollupRefused(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	a.issueTask(t)
	a.approved(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	b := a.newForm(t, a.FillerB, a.UnitB, unitBForm(t, a))
	if _, err := a.S.Submit(storetest.As(a.FillerB), b.ID, b.Version); err != nil {
		t.Fatal(err)
	}
	dept := a.client(t)
	dept.login("zy_rev")
	page := dept.get("/rollup")
	if !strings.Contains(page.body, `id="generate-rollup" disabled`) || !strings.Contains(page.body, "<strong>"+a.UnitB.Name+"</strong>（已提交）") {
		t.Errorf("the page should name the unit not approved and disable the button:\n%s", page.body)
	}
	// the preview still shows what is approved
	if !strings.Contains(page.body, `id="rollup-preview"`) {
		t.Error("no preview of the approved form")
	}
	resp := dept.post("/rollup", url.Values{"program": {storetest.Program}, "year": {strconv.Itoa(storetest.Year)}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, a.UnitB.Name+"（已提交）") || !strings.Contains(resp.body, `id="rollup-error"`) {
		t.Errorf("generate with a unit pending: %d\n%s", resp.StatusCode, resp.body)
	}
	if forms, _, err := a.S.Forms(storetest.As(a.RevChaoyang), store.FormFilter{Kind: jixiao.FormRegion}); err != nil || len(forms) != 0 {
		t.Errorf("a refused generate saved %d region forms (%v)", len(forms), err)
	}

	unit, central := a.client(t), a.client(t)
	unit.login("zy_a")
	central.login("central")
	for _, c := range []*client{unit, central} {
		if resp := c.get("/rollup"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET /rollup: %d", resp.StatusCode)
		}
		if resp := c.post("/rollup", url.Values{"program": {storetest.Program}, "year": {strconv.Itoa(storetest.Year)}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST /rollup: %d", resp.StatusCode)
		}
	}
	// another department's id is refused, not rolled up
	if resp := dept.get("/rollup?dept=" + strconv.FormatInt(a.Haidian.ID, 10)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another department: %d", resp.StatusCode)
	}
}

// 北京市's department issues no task: it rolls up its districts' approved
// region forms, and a figure drills down through each district to its
// units.
func TestRollupOfRegions(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	a.issueTask(t)
	for i, f := range a.regionForms(t) {
		rev := []*jixiao.User{a.RevChaoyang, a.RevHaidian}[i]
		f, err := a.S.Submit(storetest.As(rev), f.ID, f.Version)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.S.Approve(storetest.As(rev), f.ID, f.Version, ""); err != nil {
			t.Fatal(err)
		}
	}
	c := a.client(t)
	c.login("bj_rev")
	page := c.get("/rollup")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", page.StatusCode, page.body)
	}
	start := strings.Index(page.body, `id="drill-0"`)
	if start < 0 {
		t.Fatalf("no drill-down:\n%s", page.body)
	}
	drill := page.body[start:]
	drill = drill[:strings.Index(drill, "</details>")]
	for _, want := range []string{"<strong>北京市朝阳区</strong>", "<strong>北京市海淀区</strong>",
		"<strong>" + storetest.CleanForm(t).Header.Unit + "</strong>", "<strong>" + a.UnitB.Name + "</strong>", "<strong>" + a.UnitH.Name + "</strong>"} {
		if !strings.Contains(drill, want) {
			t.Errorf("the drill-down lacks %s:\n%s", want, drill)
		}
	}
	if strings.Contains(page.body, `id="generate-rollup" disabled`) {
		t.Error("generating is refused with both districts approved")
	}
}
