package web_test

import (
	"html"
	"net/http"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/web"
)

// The 工作台 shows each role its parts: a unit its task with the deadline
// and its forms by status; a department its units with status, errors,
// execution rate and the score `jixiao score` gives, its reporting and the
// indicator results by category as the store judged them; the central
// department the regions with score.Rank's figures. Every chart has its
// data block and a text alternative.
func TestHomePerRole(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	a.issueTask(t)
	forms := a.regionForms(t) // 朝阳区's two units and 海淀区's approved, both region forms saved

	get := func(username string) string {
		t.Helper()
		c := a.client(t)
		c.login(username)
		resp := c.get("/")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", username, resp.StatusCode, resp.body)
		}
		checkNoInlineCode(t, "home "+username, resp.body)
		return html.UnescapeString(resp.body)
	}
	has := func(who, body string, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s's 工作台 lacks %q", who, w)
			}
		}
	}

	unit := get("zy_a")
	has("unit", unit, `id="home-tasks"`, `id="home-forms"`, "北京市朝阳区知识产权局", jixiao.StatusApproved.Label(), `id="chart-categories"`)
	if strings.Contains(unit, `id="home-units"`) || strings.Contains(unit, `id="home-regions"`) {
		t.Error("a unit's 工作台 shows a department's or the central parts")
	}

	dept := get("zy_rev")
	has("department", dept, `id="home-units"`, `id="home-reporting"`, "100.0%", `id="chart-rates"`, `id="chart-grades"`, `id="chart-categories"`)
	for _, o := range []*jixiao.Organisation{a.UnitA, a.UnitB} {
		ms, err := a.S.MemberForms(storetest.As(a.RevChaoyang), a.Chaoyang.ID, storetest.Program, storetest.Year)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.OrgID != o.ID {
				continue
			}
			f, err := a.S.Form(storetest.As(a.RevChaoyang), m.Form.ID)
			if err != nil {
				t.Fatal(err)
			}
			res := score.Form(f.Form, nil, nil)
			has("department", dept, o.Name+"</a>", score.Fixed(res.Total), res.Grade, m.Form.Rate+"%")
		}
	}
	// the category counts are the two approved forms' judgement (海淀区's is not 朝阳区's)
	var met, notMet int
	for _, as := range a.S.Judge(storetest.CleanForm(t)).Indicators {
		if jixiao.NormalizeLevel2(as.Level2) == jixiao.CategoryCost {
			switch as.Status {
			case jixiao.StatusMet:
				met++
			case jixiao.StatusNotMet:
				notMet++
			}
		}
	}
	has("department", dept, `<th scope="row">成本指标</th><td class="num">`+strconv.Itoa(2*met)+`</td><td class="num bad">`+strconv.Itoa(2*notMet)+`</td>`)

	central := get("central")
	rk, err := score.Rank([]score.Entry{{Form: forms[0].Form}, {Form: forms[1].Form}}, score.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	has("central", central, `id="home-regions"`, `id="chart-grades"`)
	for _, r := range rk.Rows[:2] {
		has("central", central, r.Region+"</a>", score.Fixed(r.Score), score.Fixed(r.Budget))
	}
	if strings.Contains(central, `id="home-units"`) {
		t.Error("the central 工作台 shows a department's units")
	}

	admin := get("admin")
	has("admin", admin, `id="home-admin"`, `href="/admin/users"`, `href="/log"`)
	if strings.Contains(unit+dept+central, `id="home-admin"`) {
		t.Error("someone other than the administrator sees the administration panel")
	}
}
