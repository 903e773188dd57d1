package xlsx_test

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// clerkSheet fills a sheet from rows (nil and "" cells left empty), applies
// number formats by cell and merges.
func clerkSheet(b *xlsxBuilder, s string, rows [][]any, formats map[string]string, merges ...string) {
	for i, r := range rows {
		for j, v := range r {
			if v == nil || v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			b.set(s, cell, v)
		}
	}
	for cell, code := range formats {
		b.style(s, cell, fmtCode(code))
	}
	for _, m := range merges {
		for i := 0; i < len(m); i++ {
			if m[i] == ':' {
				b.merge(s, m[:i], m[i+1:])
			}
		}
	}
}

// A 2023 project form in the newer layout: the funds header split over two
// rows (全年预算数 over （A）), the indicator table with 指标性质 and 度量单位
// columns and the target a bare number, amounts as numbers in 万元 with two
// decimals, rates as fractions with a % format, the total a formula.
func TestClerkNatureAndUnitColumns(t *testing.T) {
	b := newWorkbook(t, "项目支出绩效自评表")
	const s = "项目支出绩效自评表"
	rows := [][]any{
		{"项目支出绩效自评表"},
		{"（2023年度）"},
		{"项目名称", "", "城区道路照明设施维护"},
		{"主管部门", "", "某县住房和城乡建设局", "", "", "实施单位", "某县市政设施管理所"},
		{"项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
		{"", "", "", "（A）", "（B）", "", "（B/A）", ""},
		{"", "年度资金总额", 320.0, 320.0, 296.5, 10, 0.9265625, 9.27},
		{"", "其中：当年财政拨款", 300.0, 300.0, 280.0, "—", 0.9333, "—"},
		{"", "上年结转资金", 20.0, 20.0, 16.5, "—", 0.825, "—"},
		{"", "其他资金", 0.0, 0.0, 0.0, "—", nil, "—"},
		{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "偏差原因分析及改进措施"},
		{"产出指标", "数量指标", "维护路灯数量", "≥", 3500, "盏", 3620, ""},
		{"", "", "更换LED灯具", "≥", 800, "套", 760, "部分灯具到货延迟，2024年3月前完成更换"},
		{"", "质量指标", "路灯亮灯率", "≥", 0.98, "%", 0.986, ""},
		{"", "时效指标", "故障修复时间", "≤", 24, "小时", 18, ""},
		{"", "成本指标", "单盏路灯年维护成本", "≤", 850, "元", 819, ""},
		{"效益指标", "社会效益指标", "夜间出行安全保障", "定性", "有效保障", "", "有效保障", ""},
		{"满意度指标", "服务对象满意度指标", "市民满意度", "≥", 90, "%", 93.5, ""},
		{"填报人：张敏", "", "联系电话：0999-1234567", "", "", "填报日期：", 45337},
	}
	clerkSheet(b, s, rows, map[string]string{
		"C7": "#,##0.00", "D7": "#,##0.00", "E7": "#,##0.00", "G7": "0.00%",
		"C8": "#,##0.00", "D8": "#,##0.00", "E8": "#,##0.00", "G8": "0.00%",
		"C9": "#,##0.00", "D9": "#,##0.00", "E9": "#,##0.00", "G9": "0.00%",
		"C10": "#,##0.00", "D10": "#,##0.00", "E10": "#,##0.00",
		"E14": "0%", "G14": "0.0%", "G19": `yyyy"年"m"月"d"日"`,
	}, "A1:H1", "A2:H2", "A3:B3", "C3:H3", "A4:B4", "C4:E4", "G4:H4", "A5:B6", "A7:A10", "A12:A16", "B12:B13", "A18:A18")
	data := addFormula(t, b.bytes(), "xl/worksheets/sheet1.xml", "D7", "SUM(D8:D10)")

	got, f := xlsxReading(t, data)
	sameReading(t, got, reading{
		Statuses: []string{"met", "not_met", "met", "met", "met", "qualitative", "met"},
		// a project form has no 中央主管部门 and this one no 说明 row
		Findings: []string{"missing-field@基本信息/中央主管部门", "notes-unfilled@说明", "qualitative-band-missing@效益指标/社会效益指标/夜间出行安全保障"},
		Funds:    []string{"年度资金总额 320/296.5", "其中：当年财政拨款 300/280", "上年结转资金 20/16.5", "其他资金 0/0"},
	})
	if f.Indicators[2].Target != "≥98%" || f.Indicators[2].Actual != "98.6%" || f.Indicators[4].Target != "≤850元" {
		t.Errorf("targets and actuals from 指标性质/度量单位: %q %q %q", f.Indicators[2].Target, f.Indicators[2].Actual, f.Indicators[4].Target)
	}
	if f.Filler != "张敏" || f.FillDate != "2024年2月15日" {
		t.Errorf("footer: filler %q, date %q", f.Filler, f.FillDate)
	}
}
