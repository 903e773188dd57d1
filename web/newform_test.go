package web_test

import (
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

// A unit filler creates a blank form for their department's task: its
// header is filled from the unit, its region, department, program and
// year, every category of the taxonomy has a row; a second one for the same
// program and year is refused with a link to the first. A reviewer may not
// create one.
func TestNewBlankForm(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	if _, err := a.S.IssueTask(storetest.As(a.RevChaoyang), store.NewTask{Program: storetest.Program, Year: storetest.Year,
		IssuerID: a.Chaoyang.ID, Deadline: time.Now().Add(7 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c := a.client(t)
	c.login("zy_a")
	page := c.get("/forms/new")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.body, `name="program" value="`+storetest.Program+`"`) ||
		!strings.Contains(page.body, `value="2021"`) || !strings.Contains(page.body, "北京市朝阳区知识产权局 下发") {
		t.Fatalf("the page should offer the task's program and year: %d\n%s", page.StatusCode, page.body)
	}
	checkNoInlineCode(t, "newform", page.body)
	v := url.Values{"org": {strconv.FormatInt(a.UnitA.ID, 10)}, "program": {storetest.Program}, "year": {"2021"}}
	resp := c.post("/forms/new", v)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=new") {
		t.Fatalf("create: %d %s\n%s", resp.StatusCode, loc, resp.body)
	}
	id, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(loc, "/forms/"), "?done=new"), 10, 64)
	f, err := a.S.Form(storetest.As(a.FillerA), id)
	if err != nil {
		t.Fatal(err)
	}
	h := f.Form.Header
	if f.Version != 1 || f.Program != storetest.Program || f.Year != 2021 || f.OrgID != a.UnitA.ID || f.TaskID == 0 ||
		h.Program != "北京市朝阳区"+storetest.Program || h.Unit != a.UnitA.Name || h.LocalDept != a.Chaoyang.Name ||
		h.CentralDept != a.Central.Name || f.Form.Filler != "张三" || f.Form.RegionName() != "北京市朝阳区" {
		t.Errorf("the blank form: %+v %+v", f, h)
	}
	cats := map[jixiao.Category]bool{}
	for _, in := range f.Form.Indicators {
		cats[in.Category()] = true
	}
	if len(cats) != 9 || len(f.Form.Indicators) != 9 {
		t.Errorf("%d rows in %d categories, want one in each of 9", len(f.Form.Indicators), len(cats))
	}
	if shown := c.get(loc); !strings.Contains(shown.body, "已新建空白自评表") || !strings.Contains(shown.body, "服务对象满意度指标") {
		t.Errorf("the new form's page:\n%s", shown.body)
	}

	dup := c.post("/forms/new", v)
	if dup.StatusCode != http.StatusConflict || !strings.Contains(dup.body, `<a href="/forms/`+strconv.FormatInt(id, 10)+`">`) {
		t.Errorf("a second form for the same program and year: %d\n%s", dup.StatusCode, dup.body)
	}
	if _, total, _ := a.S.Forms(storetest.System(), store.FormFilter{}); total != 1 {
		t.Errorf("%d forms, want 1", total)
	}

	rev := a.client(t)
	rev.login("zy_rev")
	if resp := rev.get("/forms/new"); resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.body, "只有资金使用单位的填报人") {
		t.Errorf("a reviewer's new form page: %d", resp.StatusCode)
	}
	if resp := rev.post("/forms/new", v); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a reviewer creates a unit's form: %d\n%s", resp.StatusCode, resp.body)
	}
	other := a.client(t)
	other.login("zy_b")
	if resp := other.post("/forms/new", v); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another unit creates %s's form: %d\n%s", a.UnitA.Name, resp.StatusCode, resp.body)
	}
}
