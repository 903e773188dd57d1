package layout_test

import (
	"testing"

	"github.com/jixiao/jixiao/layout"
)

// row makes a table row of plain cells.
func row(texts ...string) layout.Row {
	r := layout.Row{}
	for i, t := range texts {
		r.Cells = append(r.Cells, layout.Cell{Text: t, Col: i, Span: 1, Merged: t == "" && i == 0})
	}
	return r
}

func table(rows ...layout.Row) layout.Block { return layout.Block{Table: &layout.Table{Rows: rows}} }

func para(s string) layout.Block { return layout.Block{Paragraph: s} }

var header = []layout.Block{
	para("2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表"),
	para("（2020年度）"),
}

func funds(program string) layout.Block {
	return table(
		row("转移支付（项目）名称", program),
		row("中央主管部门", "国家知识产权局"),
		row("地方主管部门", "某局", "资金使用单位", "某局"),
		row("资金情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A)"),
		row("", "年度资金总额：", "100", "90", "90%"),
	)
}

var indHeader = row("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施")

// Layouts Word documents really have: the form split into a funds table and
// an indicator table, the indicator table continued over a page with its
// header row repeated, and several forms (one per project) in one document.
func TestWordLayouts(t *testing.T) {
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, header...)
	doc.Blocks = append(doc.Blocks,
		funds("北京市朝阳区甲项目"),
		table(indHeader,
			row("", "产出指标", "数量指标", "指标1：甲", "不少于1件", "2件", "已完成"),
			row("", "", "", "指标2：乙", "不少于1件", "2件", "已完成")),
		para("（续表）"),
		table(indHeader, // repeated on the next page
			row("", "", "质量指标", "指标1：丙", "100%", "100%", "已完成"),
			row("说明", "无")),
		para("填表人：甲　联系电话：1　填写日期：2021年1月1日"),
	)
	doc.Blocks = append(doc.Blocks, header...)
	doc.Blocks = append(doc.Blocks,
		funds("北京市海淀区乙项目"),
		table(indHeader, row("", "满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "95%", "已完成")),
		para("填表人：乙　联系电话：2　填写日期：2021年1月2日"),
	)
	forms, err := layout.Forms(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 2 {
		t.Fatalf("%d forms, want 2", len(forms))
	}
	a, b := forms[0], forms[1]
	if len(a.Indicators) != 3 || a.Indicators[2].Level1 != "产出指标" || a.Indicators[2].Level2 != "质量指标" || a.Notes != "无" || a.Filler != "甲" {
		t.Errorf("first form: %+v", a)
	}
	if b.Header.Region != "北京市海淀区" || len(b.Indicators) != 1 || b.Indicators[0].Name != "企业满意度" || b.Filler != "乙" || b.Year != 2020 || b.Title == "" {
		t.Errorf("second form: %+v", b)
	}
	for _, f := range forms {
		if f.Funds.TotalLine() == nil || f.Funds.TotalLine().Budget.Text != "100" {
			t.Errorf("funds: %+v", f.Funds.TotalLine())
		}
	}
}

// Cells that span grid columns line up with the header by their grid
// column, as Word's gridSpan and Excel's merged ranges give them.
func TestSpannedColumns(t *testing.T) {
	span := func(text string, col, n int) layout.Cell { return layout.Cell{Text: text, Col: col, Span: n} }
	doc := &layout.Document{Name: "t.docx", Blocks: []layout.Block{
		table(
			layout.Row{Cells: []layout.Cell{span("转移支付（项目）名称", 0, 2), span("北京市朝阳区甲项目", 2, 5)}},
			layout.Row{Cells: []layout.Cell{span("资金情况（万元）", 0, 1), span("", 1, 1), span("全年预算数（A）", 2, 2), span("全年执行数（B）", 4, 2), span("预算执行率（B/A)", 6, 1)}},
			layout.Row{Cells: []layout.Cell{{Col: 0, Span: 1, Merged: true}, span("年度资金总额：", 1, 1), span("100", 2, 2), span("90", 4, 2), span("90%", 6, 1)}},
			indHeader,
			row("", "产出指标", "数量指标", "指标1：甲", "不少于1件", "2件", "已完成"),
		),
	}}
	forms, err := layout.Forms(doc)
	if err != nil {
		t.Fatal(err)
	}
	tot := forms[0].Funds.TotalLine()
	if tot.Budget.Text != "100" || tot.Executed.Text != "90" || tot.RateText != "90%" {
		t.Errorf("total = %+v", tot)
	}
	if forms[0].Header.Program != "北京市朝阳区甲项目" {
		t.Errorf("program = %q", forms[0].Header.Program)
	}
	if got := forms[0].Indicators[0]; got.Target != "不少于1件" || got.Actual != "2件" {
		t.Errorf("indicator = %+v", got)
	}
}

// Header and footer fields under the names real forms give them.
func TestHeaderFooterNames(t *testing.T) {
	tests := []struct {
		name                             string
		rows                             []layout.Block
		program, dept, unit, filler, day string
	}{
		{"主管部门及代码",
			[]layout.Block{table(row("项目名称", "甲"), row("主管部门及代码", "[112]乙委", "实施单位", "丙校"))},
			"甲", "[112]乙委", "丙校", "", ""},
		{"部门（单位）名称 and 预算单位 on a 部门整体 form; 部门名称 beside 项目名称 keeps one form",
			[]layout.Block{table(row("部门（单位）名称", "甲局"), row("项目名称", "甲"), row("预算单位", "甲局本级"))},
			"甲", "甲局", "甲局本级", "", ""},
		{"footer led by 单位负责人 and 财务负责人, one cell each",
			[]layout.Block{table(row("项目名称", "甲"), row("单位负责人：陈", "财务负责人：黄", "填表人：林", "联系电话：1", "填报日期：2023年3月10日"))},
			"甲", "", "", "林", "2023年3月10日"},
		{"footer paragraph led by 单位负责人, 填报人 and 填表日期",
			[]layout.Block{table(row("项目名称", "甲")), para("单位负责人：何    填报人：邓    联系电话：0751    填表日期：2023年3月2日    审核人：杨")},
			"甲", "", "", "邓", "2023年3月2日"},
		{"footer in traditional characters",
			[]layout.Block{table(row("項目名稱", "甲")), para("填表人：楊  聯繫電話：0872  填報日期：2022年3月15日")},
			"甲", "", "", "楊", "2022年3月15日"},
		{"省级主管部门 and 项目承担单位",
			[]layout.Block{table(row("转移支付名称", "甲"), row("省级主管部门", "乙厅", "项目承担单位", "丙站"))},
			"甲", "乙厅", "丙站", "", ""},
		{"主管单位 and 用款单位; footer with (签字) and 填表时间",
			[]layout.Block{table(row("项目名称", "甲"), row("主管单位", "乙局", "用款单位", "丙站")), para("填表人（签字）：张    填表时间：2024年1月10日")},
			"甲", "乙局", "丙站", "张", "2024年1月10日"},
		{"label：value in each cell of a header row",
			[]layout.Block{table(row("项目名称：甲"), row("业务主管部门：乙局", "具体实施单位：丙站"))},
			"甲", "乙局", "丙站", "", ""},
		{"经办人 and a bare 日期",
			[]layout.Block{table(row("项目名称", "甲")), para("经办人：张  联系电话：0971-1  日期：2024.01.10")},
			"甲", "", "", "张", "2024.01.10"},
		{"填报人 wins over 联系人; 报送日期",
			[]layout.Block{table(row("项目名称", "甲")), para("联系人：李  填报人：张  报送日期：2024/01/10")},
			"甲", "", "", "张", "2024/01/10"},
		{"spaced-out labels",
			[]layout.Block{table(row("项目名称", "甲")), para("填 表 人：张  填 报 日 期：2024年1月10日")},
			"甲", "", "", "张", "2024年1月10日"},
		{"signers first, then 经办人 and 填报日期 beyond the key",
			[]layout.Block{table(row("项目名称", "甲")), para("单位负责人：王五  财务负责人：赵六  经办人：张三  填报日期：2024年1月10日")},
			"甲", "", "", "张三", "2024年1月10日"},
		{"联系人及电话 and 报送日期",
			[]layout.Block{table(row("项目名称", "甲")), para("联系人及电话：张 0971-1  报送日期：2024年1月10日")},
			"甲", "", "", "张 0971-1", "2024年1月10日"},
		{"制表人 and 制表日期",
			[]layout.Block{table(row("项目名称", "甲")), para("制表人：张  制表日期：2024年1月10日")},
			"甲", "", "", "张", "2024年1月10日"},
		{"a header row naming 联系电话 is not a footer",
			[]layout.Block{table(row("主管部门", "乙局", "部门联系人", "李", "联系电话", ""), row("项目名称", "甲"))},
			"甲", "乙局", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &layout.Document{Name: "t.docx"}
			doc.Blocks = append(doc.Blocks, tt.rows...)
			doc.Blocks = append(doc.Blocks, table(indHeader, row("", "产出指标", "数量指标", "指标1：甲", "1件", "1件", "")))
			forms, err := layout.Forms(doc)
			if err != nil || len(forms) != 1 {
				t.Fatalf("%d forms, %v", len(forms), err)
			}
			f := forms[0]
			if f.Header.Program != tt.program || f.Header.LocalDept != tt.dept || f.Header.Unit != tt.unit || f.Filler != tt.filler || f.FillDate != tt.day {
				t.Errorf("program %q, dept %q, unit %q, filler %q, date %q", f.Header.Program, f.Header.LocalDept, f.Header.Unit, f.Filler, f.FillDate)
			}
		})
	}
}

// 指标性质 and 度量单位 in their own columns: a comparator goes before the
// target, 定性 does not; the unit goes after the target and after an actual
// written as a bare number.
func TestNatureMeasureColumns(t *testing.T) {
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, table(
		row("项目名称", "甲"),
		row("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值"),
		row("产出指标", "成本指标", "补助", "≤", "1.5", "万元", "1.5"),
		row("", "数量指标", "床位", "≥", "300", "张", "320张"),
		row("效益指标", "社会效益指标", "生活质量", "定性", "有所提高", "", "有所提高"),
	))
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	want := [][2]string{{"≤1.5万元", "1.5万元"}, {"≥300张", "320张"}, {"有所提高", "有所提高"}}
	for i, in := range forms[0].Indicators {
		if in.Target != want[i][0] || in.Actual != want[i][1] {
			t.Errorf("%d: target %q actual %q, want %q", i, in.Target, in.Actual, want[i])
		}
	}
}

// The level-3 column named for what it holds (指标名称), the actual column
// 实际完成指标值, and the funds unit stated only in the amount columns'
// headers (全年预算数（元）).
func TestColumnNames(t *testing.T) {
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, table(
		row("项目名称", "甲"),
		row("资金情况", "资金来源", "全年预算数（元）", "全年执行数（元）", "执行率（%）"),
		row("", "年度资金总额", "1200000", "1150000", "95.83"),
		row("一级指标", "二级指标", "指标名称", "年度指标值", "实际完成指标值", "偏差原因"),
		row("产出指标", "数量指标", "培训人数", "≥100人", "120人", ""),
	))
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	f := forms[0]
	if f.Funds.Unit != "元" || len(f.Indicators) != 1 || f.Indicators[0].Name != "培训人数" || f.Indicators[0].Target != "≥100人" || f.Indicators[0].Actual != "120人" {
		t.Errorf("unit %q, indicators %+v", f.Funds.Unit, f.Indicators)
	}
}

// Funds column headers under the names real forms give them.
func TestFundsHeaderNames(t *testing.T) {
	for _, h := range [][]string{
		{"项目资金（万元）", "", "年度预算数", "实际支出数", "执行率"},
		{"资金情况（万元）", "", "批复预算数", "全年执行数", "执行率"},
		{"资金情况（万元）", "", "全年预算数（A）", "全年支出数（B）", "预算执行率（B/A）"},
		{"资金情况（万元）", "", "全年预算数（调整后）", "全年实际支出数", "预算执行率（%）"},
		{"资金情况（万元）", "", "年初预算数", "全年执行数", "执行率"},
		{"资金情况（万元）", "", "预算安排数", "实际支出数", "执行率"},
		{"资金情况（万元）", "", "预算总额（万元）", "执行数（万元）", "执行率"},
	} {
		doc := &layout.Document{Name: "t.docx"}
		doc.Blocks = append(doc.Blocks, table(
			row("项目名称", "甲"),
			row(h...),
			row("", "年度资金总额", "100", "90", "90%"),
			indHeader, row("", "产出指标", "数量指标", "指标1：甲", "1件", "1件", ""),
		))
		forms, err := layout.Forms(doc)
		if err != nil || len(forms) != 1 {
			t.Fatalf("%v: %d forms, %v", h, len(forms), err)
		}
		if l := forms[0].Funds.TotalLine(); l == nil || l.Budget.Text != "100" || l.Executed.Text != "90" || l.RateText != "90%" || len(forms[0].Funds.Lines) != 1 {
			t.Errorf("%v: lines %+v", h, forms[0].Funds.Lines)
		}
	}
}

// A target, actual or reason merged down over rows (one reason for a group
// of indicators) belongs to each row it covers; a blank cell that is not
// merged stays blank.
func TestMergedDownValues(t *testing.T) {
	merged := func(r layout.Row, cols ...int) layout.Row {
		for _, c := range cols {
			r.Cells[c].Merged = true
		}
		return r
	}
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, table(
		row("项目名称", "甲"),
		row("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因"),
		row("产出指标", "时效指标", "甲", "12月底前", "12月完成", "均按期完成"),
		merged(row("", "", "乙", "", "", ""), 1, 3, 4, 5),
		row("", "", "丙", "11月底前", "12月完成", ""),
	))
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	want := [][3]string{{"12月底前", "12月完成", "均按期完成"}, {"12月底前", "12月完成", "均按期完成"}, {"11月底前", "12月完成", ""}}
	for i, in := range forms[0].Indicators {
		if got := [3]string{in.Target, in.Actual, in.Reason}; got != want[i] {
			t.Errorf("%d: %q, want %q", i, got, want[i])
		}
	}
}

// Header fields written as a paragraph with colons are read; the same
// words inside the goal section are the goal's text.
func TestFieldParagraphs(t *testing.T) {
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks,
		para("项目支出绩效自评表"),
		para("項目名稱：甲項目"),
		para("主管部门：乙局　　　实施单位（盖章）：丙 中心"),
		para("金额单位：元"),
		table(
			row("资金情况", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"),
			row("", "年度资金总额", "1000", "900", "90%"),
			row("年度总体目标", "预期目标", "实际完成情况"),
			row("项目名称：甲项目，建成一座公厕"),
			indHeader,
			row("", "产出指标", "数量指标", "公厕", "1座", "1座", ""),
		))
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	h := forms[0].Header
	if h.Program != "甲項目" || h.LocalDept != "乙局" || h.Unit != "丙 中心" || forms[0].Funds.Unit != "元" {
		t.Errorf("header %+v, unit %q", h, forms[0].Funds.Unit)
	}
}

// An indicator header split over two rows, either way round: the level
// columns above and the values' names below, or 绩效指标 above the levels.
func TestTwoRowIndicatorHeader(t *testing.T) {
	merged := func(r layout.Row, cols ...int) layout.Row {
		for _, c := range cols {
			r.Cells[c].Merged = true
		}
		return r
	}
	for name, rows := range map[string][]layout.Row{
		"levels above": {
			row("一级指标", "二级指标", "三级指标", "绩效指标值", "", "偏差原因"),
			merged(row("", "", "", "年度指标值", "实际完成值", ""), 0, 1, 2, 5),
		},
		"绩效指标 above": {
			row("绩效指标", "", "", "年度指标值", "实际完成值", "偏差原因"),
			merged(row("一级指标", "二级指标", "三级指标", "", "", ""), 3, 4, 5),
		},
	} {
		doc := &layout.Document{Name: "t.docx"}
		doc.Blocks = append(doc.Blocks, table(append([]layout.Row{
			row("项目名称", "甲"),
			row("资金情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"),
			row("", "年度资金总额", "100", "90", "90%"),
		}, append(rows, row("产出指标", "数量指标", "公厕", "≥2座", "2座", ""))...)...))
		forms, err := layout.Forms(doc)
		if err != nil || len(forms) != 1 {
			t.Fatalf("%s: %d forms, %v", name, len(forms), err)
		}
		f := forms[0]
		if len(f.Indicators) != 1 || f.Indicators[0].Target != "≥2座" || f.Indicators[0].Actual != "2座" || len(f.Funds.Lines) != 1 {
			t.Errorf("%s: indicators %+v, funds %+v", name, f.Indicators, f.Funds.Lines)
		}
	}
}

// An indicator row right after the header that quotes column names (达到
// 指标值, 实际完成) stays an indicator.
func TestIndicatorQuotingHeaderWords(t *testing.T) {
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, table(
		row("项目名称", "甲"),
		row("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "偏差原因"),
		row("产出指标", "质量指标", "验收", "达到指标值", "实际完成", ""),
		row("", "数量指标", "公厕", "≥2座", "2座", ""),
	))
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 || len(forms[0].Indicators) != 2 {
		t.Fatalf("forms %v, %v", forms, err)
	}
}
