package docx_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

// TestRealShapedMultiProject reads a Word document that holds the
// self-evaluations of two projects of one department, one table each, as a
// Guangdong county bureau publishes them: titles and footers as paragraphs,
// the funds label and level-1/level-2 labels merged down (vMerge), a level-3
// label broken over two lines, the footer led by 单位负责人 and written with
// 填报人/填表日期. The second project's funds are split by 按收入性质分 and
// 按支出性质分, each adding up to the total.
func TestRealShapedMultiProject(t *testing.T) {
	p := func(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }
	br := func(a, b string) string {
		return `<w:p><w:r><w:t>` + a + `</w:t><w:br/><w:t>` + b + `</w:t></w:r></w:p>`
	}
	tc := func(pr, content string) string { return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + content + `</w:tc>` }
	cell := func(s string) string { return tc("", p(s)) }
	span := func(n, s string) string { return tc(`<w:gridSpan w:val="`+n+`"/>`, p(s)) }
	start := func(s string) string { return tc(`<w:vMerge w:val="restart"/>`, p(s)) }
	cont := tc(`<w:vMerge/>`, `<w:p/>`)
	row := func(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
	table := func(rows ...string) string { return `<w:tbl>` + strings.Join(rows, "") + `</w:tbl>` }

	form := func(name, unit string, funds []string, indicators []string, footer string) string {
		rows := []string{
			row(span("2", "项目名称"), span("4", name)),
			row(span("2", "主管部门"), cell("韶关市乐昌市农业农村局"), span("2", "实施单位"), cell(unit)),
		}
		rows = append(rows, funds...)
		rows = append(rows, row(cell("一级指标"), cell("二级指标"), cell("三级指标"), cell("指标值"), cell("实际完成值"), cell("偏差原因分析及改进措施")))
		rows = append(rows, indicators...)
		return p("项目支出绩效自评表") + p("（2022年度）") + table(rows...) + p(footer)
	}
	fundsHeader := row(start("资金情况（万元）"), cell(""), cell("全年预算数（A）"), cell("全年执行数（B）"), cell("执行率（B/A）"), cell(""))
	fundRow := func(label, a, b, r string) string { return row(cont, cell(label), cell(a), cell(b), cell(r), cell("")) }

	first := form("乐昌市水稻病虫害统防统治", "乐昌市植物保护站",
		[]string{fundsHeader,
			fundRow("年度资金总额", "85.00", "85.00", "100.00%"),
			fundRow("其中：省级资金", "60.00", "60.00", "100.00%"),
			fundRow("县级资金", "25.00", "25.00", "100.00%")},
		[]string{
			row(start("产出指标"), start("数量指标"), tc("", br("统防统治", "服务面积")), cell("≥5万亩"), cell("5.3万亩"), cell("")),
			row(cont, cont, cell("开展技术培训"), cell("≥20场次"), cell("22场次"), cell("")),
			row(cont, start("质量指标"), cell("防治效果"), cell("≥85%"), cell("88%"), cell("")),
			row(start("效益指标"), start("经济效益指标"), cell("挽回稻谷损失"), cell("≥3000吨"), cell("3120吨"), cell("")),
			row(start("满意度指标"), start("服务对象满意度指标"), cell("种植户满意度"), cell("≥90%"), cell("94%"), cell("")),
		},
		"单位负责人：何志明    填报人：邓丽    联系电话：0751-5512345    填表日期：2023年3月2日")
	second := form("乐昌市农村人居环境整治", "乐昌市农村工作服务中心",
		[]string{fundsHeader,
			fundRow("年度资金总额", "300.00", "288.00", "96.00%"),
			fundRow("按收入性质分：", "", "", ""),
			fundRow("其中：一般公共预算", "240.00", "236.00", "98.33%"),
			fundRow("政府性基金", "60.00", "52.00", "86.67%"),
			fundRow("按支出性质分：", "", "", ""),
			fundRow("其中：工程建设", "270.00", "260.00", "96.30%"),
			fundRow("运行维护", "30.00", "28.00", "93.33%")},
		[]string{
			row(start("产出指标"), start("数量指标"), cell("完成村庄整治"), cell("≥30个"), cell("30个"), cell("")),
			row(cont, start("时效指标"), cell("项目完工时间"), cell("2022年12月底前"), cell("2022年12月15日"), cell("")),
			row(start("满意度指标"), start("服务对象满意度指标"), cell("村民满意度"), cell("≥90%"), cell("91%"), cell("")),
		},
		"单位负责人：何志明    填报人：黄伟    联系电话：0751-5512346    填表日期：2023年3月2日")

	forms, err := docx.Reader{}.ReadForms("lechang.docx", ooxmltest.Docx(t, first+second))
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 2 {
		t.Fatalf("%d forms, want 2", len(forms))
	}
	want := []struct {
		filler, statuses string
		findings         []string
	}{
		{"邓丽", "met met met met met", nil},
		{"黄伟", "met met met", nil},
	}
	for i, f := range forms {
		if f.Filler != want[i].filler || f.FillDate != "2023年3月2日" {
			t.Errorf("form %d: filler %q, date %q", i, f.Filler, f.FillDate)
		}
		if i == 0 && f.Indicators[0].Name != "统防统治\n服务面积" {
			t.Errorf("form 0: first indicator %q", f.Indicators[0].Name)
		}
		rep := check.Form(f, audit.Defaults())
		var statuses []string
		for _, a := range rep.Indicators {
			statuses = append(statuses, string(a.Status))
		}
		if got := strings.Join(statuses, " "); got != want[i].statuses {
			t.Errorf("form %d: statuses %s, want %s", i, got, want[i].statuses)
		}
		var rules []string
		for _, x := range rep.Findings {
			if x.Rule == "missing-field" && strings.Contains(x.At, "中央主管部门") || x.Rule == "notes-unfilled" {
				continue // template fields a project form does not have
			}
			rules = append(rules, x.Rule+"@"+x.At+" "+x.Message)
		}
		sort.Strings(rules)
		if strings.Join(rules, "\n") != strings.Join(want[i].findings, "\n") {
			t.Errorf("form %d: findings\n%s", i, strings.Join(rules, "\n"))
		}
	}
}
