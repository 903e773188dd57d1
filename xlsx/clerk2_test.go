package xlsx_test

import (
	"strings"
	"testing"
)

// A Hong Kong-style typed form in traditional characters, the labels broken
// over two lines inside their cells (Alt+Enter), rates as fractions.
func TestClerkTraditional(t *testing.T) {
	b := newWorkbook(t, "自評表")
	const s = "自評表"
	rows := [][]any{
		{"項目支出績效自評表"},
		{"（2022年度）"},
		{"項目名稱", "", "社區長者食堂運營補助"},
		{"主管部門", "", "某區民政局", "", "實施單位", "某區社會福利中心"},
		{"項目資金\n（萬元）", "", "全年預算數（A）", "全年執行數（B）", "執行率（B/A）"},
		{"", "年度資金總額", 150.0, 142.5, 0.95},
		{"", "其中：財政撥款", 150.0, 142.5, 0.95},
		{"", "其他資金", 0.0, 0.0, nil},
		{"一級指標", "二級指標", "三級指標", "指標值", "實際完成值", "偏差原因分析及改進措施"},
		{"產出\n指標", "數量指標", "服務長者人次", "≥20000人次", "21350人次", ""},
		{"", "質量指標", "食品安全事故", "0起", "0起", ""},
		{"效益\n指標", "社會效益\n指標", "長者用餐\n便利程度", "明顯提高", "明顯提高", ""},
		{"滿意度\n指標", "服務對象\n滿意度指標", "長者滿意度", "≥90%", "95%", ""},
		{"填報人：陳小明", "", "聯繫電話：020-12345678", "", "填報日期：2023年1月20日"},
	}
	clerkSheet(b, s, rows, map[string]string{"C6": "#,##0.00", "D6": "#,##0.00", "E6": "0.00%", "C7": "#,##0.00", "D7": "#,##0.00", "E7": "0.00%", "C8": "#,##0.00", "D8": "#,##0.00"},
		"A1:F1", "A2:F2", "A3:B3", "C3:F3", "A4:B4", "A5:A8", "A10:A11")
	got, f := xlsxReading(t, b.bytes())
	sameReading(t, got, reading{
		Statuses: []string{"met", "met", "qualitative", "met"},
		Findings: []string{"missing-field@基本信息/中央主管部门", "notes-unfilled@说明", "qualitative-band-missing@效益指標/社會效益指標/長者用餐便利程度"},
		Funds:    []string{"年度資金總額 150/142.5", "其中：財政撥款 150/142.5", "其他資金 0/0"},
	})
	if f.Header.Program != "社區長者食堂運營補助" || f.Header.Unit != "某區社會福利中心" || f.Filler != "陳小明" || f.FillDate != "2023年1月20日" {
		t.Errorf("header %+v, filler %q, date %q", f.Header, f.Filler, f.FillDate)
	}
}

// A form whose section and indicator labels are filled down their rows
// instead of merged: labels filled down instead of merged instead of merged, an unused indicator row left with
// only its labels, a funds formula without a cached value
func TestClerkFilledDown(t *testing.T) {
	b := newWorkbook(t, "Sheet1")
	const s = "Sheet1"
	rows := [][]any{
		{"2023年度项目支出绩效自评表"},
		{"项目名称", "", "农村饮水安全巩固提升工程"},
		{"主管部门", "", "某县水利局", "", "实施单位", "某县农村供水站"},
		{"资金情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"},
		{"资金情况（万元）", "年度资金总额", 800.0, 760.0, nil},
		{"资金情况（万元）", "其中：财政拨款", 800.0, 760.0, nil},
		{"资金情况（万元）", "其他资金", 0.0, 0.0, nil},
		{"一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因分析及改进措施"},
		{"产出指标", "数量指标", "新建供水管网", "≥45公里", "46.2公里", ""},
		{"产出指标", "数量指标", "受益人口", "≥1.2万人", "1.25万人", ""},
		{"产出指标", "质量指标", "水质达标率", "100%", "100%", ""},
		{"产出指标", "质量指标", "", "", "", ""},
		{"效益指标", "社会效益指标", "农村自来水普及率", "≥95%", "96%", ""},
		{"满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "92%", ""},
		{"填表人：刘洋", "", "", "", "填表日期：2024年1月10日"},
	}
	clerkSheet(b, s, rows, map[string]string{"C5": "#,##0.00", "D5": "#,##0.00", "C6": "#,##0.00", "D6": "#,##0.00"}, "A1:F1", "A2:B2", "C2:F2", "A3:B3")
	b.set(s, "E5", 0.95)
	b.style(s, "E5", fmtCode("0.00%"))
	data := b.bytes()
	data = addFormula(t, data, "xl/worksheets/sheet1.xml", "E5", "D5/C5")
	if err := b.f.SetCellFormula(s, "E6", "D6/C6"); err != nil {
		t.Fatal(err)
	}
	want := reading{
		Statuses: []string{"met", "met", "met", "met", "met"},
		Findings: []string{"missing-field@基本信息/中央主管部门", "notes-unfilled@说明"},
		Funds:    []string{"年度资金总额 800/760", "其中：财政拨款 800/760", "其他资金 0/0"},
	}
	got, _ := xlsxReading(t, data)
	sameReading(t, got, want)
	// a rate formula without a cached value reads blank, with a warning
	got, f := xlsxReading(t, b.bytes())
	sameReading(t, got, want)
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "Sheet1!E6") {
		t.Errorf("warnings %q", f.Warnings)
	}
}
