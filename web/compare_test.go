package web_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/web"
	"github.com/jixiao/jixiao/xlsx"
)

// regionForms saves the region forms of 朝阳区 (two units) and 海淀区 (one),
// rolled up from approved unit forms, and returns them as stored.
func (a *app) regionForms(t *testing.T) []*jixiao.StoredForm {
	t.Helper()
	a.approved(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	a.approved(t, a.FillerB, a.UnitB, unitBForm(t, a))
	h := storetest.CleanForm(t)
	h.Header.Unit = a.UnitH.Name
	a.approved(t, a.FillerH, a.UnitH, h)
	var out []*jixiao.StoredForm
	for _, d := range []struct {
		rev  *jixiao.User
		dept *jixiao.Organisation
	}{{a.RevChaoyang, a.Chaoyang}, {a.RevHaidian, a.Haidian}} {
		res, err := a.S.RollupRegion(storetest.As(d.rev), d.dept.ID, storetest.Program, storetest.Year, false)
		if err != nil {
			t.Fatal(err)
		}
		f, err := a.S.Form(storetest.As(d.rev), res.Form.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// The central comparison: the regions side by side with the figures
// score.Rank computes (as `jixiao rank` does), sorted by any column on the
// server, exported as the ranking workbook with the same numbers; a
// department sees only its regions, a unit not the page.
func TestCompareSortAndExport(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	forms := a.regionForms(t)
	rk, err := score.Rank([]score.Entry{{Form: forms[0].Form}, {Form: forms[1].Form}}, score.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	central := a.client(t)
	central.login("central")
	q := "/compare?program=" + storetest.Program + "&year=" + strconv.Itoa(storetest.Year)
	page := central.get(q)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("%d %s", page.StatusCode, page.body)
	}
	checkNoInlineCode(t, "compare", page.body)
	for _, r := range rk.Rows {
		for _, want := range []string{r.Region, score.Fixed(r.Score), score.Fixed(r.Budget), score.Fixed(r.Executed), r.Grade} {
			if !strings.Contains(page.body, want) {
				t.Errorf("the comparison lacks %s's %q", r.Region, want)
			}
		}
	}
	if !strings.Contains(page.body, `aria-sort="ascending"><a href="/compare?dir=desc&amp;`) || !strings.Contains(page.body, `id="compare-chart"`) {
		t.Error("the rank column should be sorted ascending, with a chart")
	}

	// by budget, high to low then low to high: 朝阳区 (two units, one with
	// twice the funds) has more than 海淀区
	order := func(body string) []string {
		var got []string
		for _, r := range rk.Rows[:2] {
			got = append(got, r.Region)
		}
		if strings.Index(body, ">"+got[0]+"</a></th>") > strings.Index(body, ">"+got[1]+"</a></th>") {
			got[0], got[1] = got[1], got[0]
		}
		return got
	}
	desc := central.get(q + "&sort=budget&dir=desc")
	if got := order(desc.body); got[0] != "北京市朝阳区" {
		t.Errorf("by budget, high to low: %v", got)
	}
	if !strings.Contains(desc.body, `aria-sort="descending"><a href="/compare?program=`) {
		t.Error("the budget column should say it is sorted descending")
	}
	if got := order(central.get(q + "&sort=budget").body); got[0] != "北京市海淀区" {
		t.Errorf("by budget, low to high: %v", got)
	}

	resp := central.get("/compare/xlsx?program=" + storetest.Program + "&year=" + strconv.Itoa(storetest.Year) + "&sort=budget&dir=desc")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	x, err := excelize.OpenReader(bytes.NewReader([]byte(resp.body)))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(xlsx.RankingSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[1][1] != "北京市朝阳区" || rows[3][0] != "汇总" {
		t.Fatalf("the workbook's rows: %q", rows)
	}
	for _, row := range rows[1:] {
		i := -1
		for j := range rk.Rows {
			if rk.Rows[j].Label() == row[1] {
				i = j
			}
		}
		if i < 0 {
			t.Fatalf("the workbook has a region %q the ranking lacks", row[1])
		}
		r := rk.Rows[i]
		if typ, _ := x.GetCellType(xlsx.RankingSheet, "B"+strconv.Itoa(i+2)); typ == excelize.CellTypeFormula {
			t.Error("a region name written as a formula")
		}
		for c, want := range map[int]float64{2: r.Budget.InexactFloat64(), 3: r.Executed.InexactFloat64(), 10: r.Score.Round(2).InexactFloat64()} {
			if got, err := strconv.ParseFloat(row[c], 64); err != nil || got != want {
				t.Errorf("%s column %d: %q, want %v", row[1], c, row[c], want)
			}
		}
		if row[11] != r.Grade || row[5] != strconv.Itoa(r.Met) || row[9] != strconv.Itoa(r.Errors) {
			t.Errorf("%s: %q, want grade %s, met %d, errors %d", row[1], row, r.Grade, r.Met, r.Errors)
		}
	}

	dept := a.client(t)
	dept.login("zy_rev")
	if own := dept.get(q); own.StatusCode != http.StatusOK || !strings.Contains(own.body, "北京市朝阳区") || strings.Contains(own.body, "北京市海淀区</a>") {
		t.Errorf("朝阳区's reviewer should see its region only: %d", own.StatusCode)
	}
	unit := a.client(t)
	unit.login("zy_a")
	for _, path := range []string{q, "/compare/xlsx"} {
		if resp := unit.get(path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a unit on %s: %d", path, resp.StatusCode)
		}
	}
}
