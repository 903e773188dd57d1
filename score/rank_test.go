package score_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/xlsx"
)

// regionTexts makes three region forms of the reference program from its
// text:
//
//	朝阳区  the reference: 72.23 (中), execution 11.898%
//	海淀区  B 9000 (central 8073.8): execution 9000 ÷ 10926.2 × 10 = 8.237081;
//	        专利资助奖励 7200件 ≥ 7000: +0.090357 → 49.131134 for 产出;
//	        total 8.237081 + 49.131134 + 12 + 10 = 79.368215 → 79.37 (中)
//	东城区  B 5000 (central 4073.8): 5000 ÷ 10926.2 × 10 = 4.576156; the three
//	        qualitative rows carry a 90% band: 3 × 0.9 × 6 = 16.2;
//	        total 4.576156 + 49.040777 + 12 + 16.2 + 10 = 91.816933 → 91.82 (优)
func regionTexts(t *testing.T) map[string]string {
	t.Helper()
	ref := reftest.Text(t)
	hd := strings.ReplaceAll(ref, "朝阳区", "海淀区")
	hd = reftest.Replace(t, hd, "\t1300\n", "\t9000\n", 1)
	hd = reftest.Replace(t, hd, "\t11.900%\n", "\t82.371%\n", 1)
	hd = reftest.Replace(t, hd, "\t373.8\n", "\t8073.8\n", 1)
	hd = reftest.Replace(t, hd, "\t3.700%\n", "\t80.738%\n", 1)
	hd = reftest.Replace(t, hd, "共完成6747件", "共完成7200件", 1)

	dc := strings.ReplaceAll(ref, "朝阳区", "东城区")
	dc = reftest.Replace(t, dc, "\t1300\n", "\t5000\n", 1)
	dc = reftest.Replace(t, dc, "\t11.900%\n", "\t45.762%\n", 1)
	dc = reftest.Replace(t, dc, "\t373.8\n", "\t4073.8\n", 1)
	dc = reftest.Replace(t, dc, "\t3.700%\n", "\t40.738%\n", 1)
	for _, old := range []string{
		"促进了区内知识产权金融水平稳步提高。",
		"支持公共服务工作站建设，增强知识产权保护能力。",
		"进一步提升了企业知识产权创造、运用和保护能力。",
	} {
		dc = reftest.Replace(t, dc, old, strings.TrimSuffix(old, "。")+"，90%。", 1)
	}
	return map[string]string{"chaoyang.txt": ref, "haidian.txt": hd, "dongcheng.txt": dc}
}

func regionEntries(t *testing.T) []score.Entry {
	t.Helper()
	texts := regionTexts(t)
	var out []score.Entry
	for _, name := range []string{"chaoyang.txt", "haidian.txt", "dongcheng.txt"} {
		out = append(out, score.Entry{File: name, Form: readText(t, texts[name])})
	}
	return out
}

func TestRankThreeRegions(t *testing.T) {
	rk, err := score.Rank(regionEntries(t), score.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rk.Program != "知识产权运营服务体系建设" || rk.Year != 2020 || rk.Scheme != "mof-2020" || rk.Parent != "北京市" {
		t.Errorf("ranking = %q %d %q %q", rk.Program, rk.Year, rk.Scheme, rk.Parent)
	}
	if len(rk.Rows) != 4 {
		t.Fatalf("%d rows", len(rk.Rows))
	}
	want := []struct {
		rank                              int
		region, score, grade, budget, exe string
		met, notMet, qual                 int
	}{
		{1, "北京市东城区", "91.82", "优", "10926.2", "5000", 26, 4, 0},
		{2, "北京市海淀区", "79.37", "中", "10926.2", "9000", 24, 3, 3},
		{3, "北京市朝阳区", "72.23", "中", "10926.2", "1300", 23, 4, 3},
		{0, "北京市", "", "", "32778.6", "15300", -1, -1, -1},
	}
	for i, w := range want {
		r := rk.Rows[i]
		if r.Rank != w.rank || r.Region != w.region || r.Aggregate != (w.rank == 0) {
			t.Errorf("row %d = %d %s aggregate=%v, want %d %s", i, r.Rank, r.Region, r.Aggregate, w.rank, w.region)
		}
		if !r.Budget.Equal(dec(w.budget)) || !r.Executed.Equal(dec(w.exe)) {
			t.Errorf("row %d funds %s / %s", i, r.Budget, r.Executed)
		}
		if w.score != "" {
			near(t, r.Region, r.Score, w.score)
			if r.Grade != w.grade {
				t.Errorf("%s grade %s, want %s", r.Region, r.Grade, w.grade)
			}
		}
		if w.met >= 0 && (r.Met != w.met || r.NotMet != w.notMet || r.Qualitative != w.qual || r.Undetermined != 0 || r.Indicators != 30) {
			t.Errorf("%s: met %d not met %d qualitative %d undetermined %d", r.Region, r.Met, r.NotMet, r.Qualitative, r.Undetermined)
		}
	}
	// 朝阳区's errors are the three not-met-marked-done of check
	if e := rk.Rows[2].Errors; e != 3 {
		t.Errorf("朝阳区 errors = %d, want 3", e)
	}
	agg := rk.Rows[3]
	if agg.Label() != "北京市（汇总）" || agg.Rate == nil || !agg.Rate.Round(4).Equal(dec("0.4668")) || agg.Grade == "" || agg.Indicators != 30 {
		t.Errorf("aggregate = %+v", agg)
	}
}

// Ties are broken by execution rate, then by region name.
func TestRankTies(t *testing.T) {
	rows := []row{{"数量指标", "≥1家", "1家", "已完成"}, {"社会效益指标", "≥1项", "1项", "已完成"}, {"服务对象满意度指标", "≥90%", "95%", "已完成"}}
	mk := func(region, a, b string) score.Entry {
		f := small(a, b, rows...)
		f.Header.Region = "北京市" + region
		f.Header.Program = "北京市" + region + "测试项目"
		return score.Entry{File: region, Form: f}
	}
	// all reach 100 (execution ≥ 100%), 西城区 and 东城区 tie on rate too
	rk, err := score.Rank([]score.Entry{mk("西城区", "100", "100"), mk("海淀区", "100", "120"), mk("东城区", "100", "100")}, score.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rk.Rows {
		got = append(got, r.Label())
	}
	if strings.Join(got, " ") != "北京市海淀区 北京市东城区 北京市西城区 北京市（汇总）" {
		t.Errorf("order = %v", got)
	}
}

func TestRankRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(es []score.Entry)
		want   []string
	}{
		{"mixed years", func(es []score.Entry) { es[1].Form.Year = 2021 }, []string{"不同年度", "haidian.txt", "2021年度", "2020年度"}},
		{"mixed programs", func(es []score.Entry) { es[2].Form.Header.Program = "北京市东城区专利转化专项" }, []string{"不同项目", "dongcheng.txt", "专利转化专项"}},
		{"one region twice", func(es []score.Entry) {
			es[2].Form.Header.Region = "北京市海淀区"
		}, []string{"北京市海淀区", "每个地区只能有一张表"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := regionEntries(t)
			tt.change(es)
			_, err := score.Rank(es, score.RankOptions{})
			if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Fatalf("err = %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(jixiao.MessageOf(err), w) {
					t.Errorf("message %q lacks %q", jixiao.MessageOf(err), w)
				}
			}
		})
	}
	if _, err := score.Rank(nil, score.RankOptions{}); err == nil {
		t.Error("empty ranking accepted")
	}
}

// Regions without a common parent are aggregated as 全国.
func TestRankNational(t *testing.T) {
	es := regionEntries(t)[:2]
	f := es[1].Form
	f.Header.Region = "上海市浦东新区"
	f.Header.Program = strings.Replace(f.Header.Program, "北京市海淀区", "上海市浦东新区", 1)
	rk, err := score.Rank(es, score.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if last := rk.Rows[len(rk.Rows)-1]; !last.Aggregate || last.Region != "全国" || rk.Parent != "全国" {
		t.Errorf("aggregate = %+v", last)
	}
}

// The workbook: the table sorted, numbers as numbers, Chinese headers, and
// a column chart of the scores.
func TestRankXLSX(t *testing.T) {
	rk, err := score.Rank(regionEntries(t), score.RankOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.WriteRanking(&buf, rk); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if sheets := x.GetSheetList(); len(sheets) != 2 || sheets[0] != xlsx.RankingSheet || sheets[1] != "说明" {
		t.Errorf("sheets = %v", sheets)
	}
	rows, err := x.GetRows(xlsx.RankingSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || strings.Join(rows[0], "|") != strings.Join(score.RankHeaders, "|") {
		t.Fatalf("rows = %q", rows)
	}
	var order []string
	for _, r := range rows[1:] {
		order = append(order, r[0]+" "+r[1])
	}
	if strings.Join(order, ", ") != "1 北京市东城区, 2 北京市海淀区, 3 北京市朝阳区, 汇总 北京市（汇总）" {
		t.Errorf("order = %v", order)
	}
	for _, c := range []struct{ cell, raw string }{
		{"C2", "10926.2"}, {"D2", "5000"}, {"K2", "91.82"}, {"K4", "72.23"}, {"L2", "优"}, {"F4", "23"}, {"J4", "3"}, {"C5", "32778.6"},
	} {
		v, err := x.GetCellValue(xlsx.RankingSheet, c.cell, excelize.Options{RawCellValue: true})
		if err != nil || v != c.raw {
			t.Errorf("%s = %q, want %q (%v)", c.cell, v, c.raw, err)
		}
	}
	for _, cell := range []string{"A2", "C2", "E2", "K2", "M2"} {
		if ty, _ := x.GetCellType(xlsx.RankingSheet, cell); ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
			t.Errorf("%s type = %v, want a number", cell, ty)
		}
	}
	if v, _ := x.GetCellValue(xlsx.RankingSheet, "E2"); v != "45.76%" {
		t.Errorf("E2 shown as %q, want 45.76%%", v)
	}
	if w, _ := x.GetColWidth(xlsx.RankingSheet, "B"); w < 14 {
		t.Errorf("region column width %v", w)
	}

	// the chart: one column chart over the three regions' scores
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var chart string
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			chart = b.String()
		}
	}
	if chart == "" {
		t.Fatal("no chart in the workbook")
	}
	for _, want := range []string{"barChart", `<barDir val="col"`, "$B$2:$B$4", "$K$2:$K$4", "各地区得分"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}
