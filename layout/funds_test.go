package layout_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/layout"
)

// fundsForm lays out a form whose funds section holds the given rows
// (label, A, B, rate) under a header in unit unit.
func fundsForm(unit string, rows [][]string) *layout.Document {
	t := table(
		row("转移支付（项目）名称", "北京市朝阳区甲项目"),
		row("资金情况（"+unit+"）", "", "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A)"),
	)
	for _, r := range rows {
		t.Table.Rows = append(t.Table.Rows, row(append([]string{""}, r...)...))
	}
	t.Table.Rows = append(t.Table.Rows, indHeader, row("", "产出指标", "数量指标", "指标1：甲", "不少于1件", "2件", "已完成"))
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, header...)
	doc.Blocks = append(doc.Blocks, t)
	return doc
}

// The funds section as real forms write it: every line kept with its label,
// its role and its place in the tree (docs/funds.md).
func TestFundsLines(t *testing.T) {
	tests := []struct {
		name string
		unit string
		rows [][]string
		want []string // label|role|parent|A|B
	}{
		{"reference", "万元", [][]string{
			{"年度资金总额：", "10926.2", "1300", "11.900%"},
			{" 其中：中央财政资金", "10000", "373.8", "3.700%"},
			{"地方资金", "926.2", "926.2", "100%"},
			{"其他资金", "0", "0", ""},
		}, []string{"年度资金总额：|total|-1|10926.2|1300", "其中：中央财政资金|central|0|10000|373.8", "地方资金|local|0|926.2|926.2", "其他资金|other|0|0|0"}},
		{"autonomous region, league, banner", "万元", [][]string{
			{"资金总额", "300", "259.45"},
			{"其中：中央补助", "0", "0"},
			{"自治区补助", "300万元", "259.45万元"},
			{"盟市资金", "", ""},
			{"旗县资金", "", ""},
		}, []string{"资金总额|total|-1|300|259.45", "其中：中央补助|central|0|0|0", "自治区补助|provincial|0|300|259.45", "盟市资金|municipal|0||", "旗县资金|county|0||"}},
		{"departmental: 其中 under a source, then the outer level again", "万元", [][]string{
			{"年度资金总额", "251.89", "251.89"},
			{"其中：财政拨款", "251.89", "251.89"},
			{"其中：一般公共预算", "200", "200"},
			{"政府性基金拨款", "51.89", "51.89"},
			{"纳入专户管理的非税收入拨款", "0", "0"},
			{"单位资金", "0", "0"},
			{"其他资金", "", ""},
		}, []string{"年度资金总额|total|-1|251.89|251.89", "其中：财政拨款|fiscal|0|251.89|251.89", "其中：一般公共预算|general-budget|1|200|200",
			"政府性基金拨款|government-fund|1|51.89|51.89", "纳入专户管理的非税收入拨款|special-account|0|0|0", "单位资金|unit-own|0|0|0", "其他资金|other|0||"}},
		{"其他资金 after the 其中 lines of 地方资金", "万元", [][]string{
			{"年度资金总额：", "10926.2", "1300"},
			{" 其中：中央财政资金", "10000", "373.8"},
			{"地方资金", "926.2", "926.2"},
			{"其中：市级资金", "600", "600"},
			{"区级资金", "326.2", "326.2"},
			{"其他资金", "0", "0"},
		}, []string{"年度资金总额：|total|-1|10926.2|1300", "其中：中央财政资金|central|0|10000|373.8", "地方资金|local|0|926.2|926.2",
			"其中：市级资金|municipal|2|600|600", "区级资金|county|2|326.2|326.2", "其他资金|other|0|0|0"}},
		{"the second row of a header split over two rows", "万元", [][]string{
			{"", "（A）", "（B）", "（B/A）"},
			{"（万元）", "（万元）", "", ""},
			{"年度资金总额", "120", "110", "91.67%"},
			{"其中：本年财政拨款", "100", "95", "95%"},
			{"上年结转资金", "20", "15", "75%"},
		}, []string{"年度资金总额|total|-1|120|110", "其中：本年财政拨款|current-year|0|100|95", "上年结转资金|carry-over|0|20|15"}},
		{"this year and carried over", "万元", [][]string{
			{"年度资金总额", "120", "110"},
			{"其中：本年财政拨款", "100", "95"},
			{"上年结转资金", "20", "15"},
		}, []string{"年度资金总额|total|-1|120|110", "其中：本年财政拨款|current-year|0|100|95", "上年结转资金|carry-over|0|20|15"}},
		{"outline numbering", "万元", [][]string{
			{"年度资金总额", "6.30", ""},
			{"（一）财政拨款小计", "6.30", ""},
			{"1、一般公共预算", "6.30", ""},
			{"2、政府性基金", "0.00", ""},
			{"（二）自有资金小计", "0.00", ""},
			{"1、事业收入", "0.00", ""},
			{"（三）其他收入", "0.00", ""},
		}, []string{"年度资金总额|total|-1|6.3|", "（一）财政拨款小计|fiscal|0|6.3|", "1、一般公共预算|general-budget|1|6.3|", "2、政府性基金|government-fund|1|0|",
			"（二）自有资金小计|unit-own|0|0|", "1、事业收入||4|0|", "（三）其他收入|other|0|0|"}},
		{"a source with an unknown 其中 line, then the next source", "万元", [][]string{
			{"年度资金总额", "100", "100"},
			{"其中：中央财政资金", "80", "80"},
			{"其中：直达资金", "50", "50"},
			{"地方资金", "20", "20"},
		}, []string{"年度资金总额|total|-1|100|100", "其中：中央财政资金|central|0|80|80", "其中：直达资金||1|50|50", "地方资金|local|0|20|20"}},
		{"a total broken down again per sub-program", "万元", [][]string{
			{"资金合计", "1084.25", ""},
			{"其中：中央补助", "668.00", ""},
			{"市级资金", "343.00", ""},
			{"本级资金(包括结转结余)", "73.25", ""},
			{"其中：", "", ""},
			{"年度预算资金总额", "763.00", ""},
			{"其中：中央补助", "502.00", ""},
			{"市级资金", "208.00", ""},
		}, []string{"资金合计|total|-1|1084.25|", "其中：中央补助|central|0|668|", "市级资金|municipal|0|343|", "本级资金(包括结转结余)|own-level|0|73.25|",
			"年度预算资金总额|total|-1|763|", "其中：中央补助|central|4|502|", "市级资金|municipal|4|208|"}},
		{"amounts with their units, converted to the section's", "万元", [][]string{
			{"年度资金总额", "1.2亿元", "38.766462"},
			{"其中：中央财政资金", "12.5万", "387664.62元"},
			{"地方资金", "见附件", "—"},
			{"其他资金", "854万（高标准农田建设400万元）", "/"},
		}, []string{"年度资金总额|total|-1|12000|38.766462", "其中：中央财政资金|central|0|12.5|38.766462", "地方资金|local|0|!|", "其他资金|other|0|854|"}},
		{"a currency sign before the amount", "万元", [][]string{
			{"年度资金总额", "￥1,000.00", "¥980.00万元"},
		}, []string{"年度资金总额|total|-1|1000|980"}},
		{"a section in 元", "元", [][]string{
			{"年度资金总额", "7.29万元", "72890"},
		}, []string{"年度资金总额|total|-1|72900|72890"}},
		{"the sums place 上年结转 under 财政拨款 (the last part that closes it)", "元", [][]string{
			{"年度资金总额", "1,500,000.00", "1,423,800.00"},
			{"其中：财政拨款", "1,500,000.00", "1,423,800.00"},
			{"其中：一般公共预算", "1,200,000.00", "1,143,800.00"},
			{"政府性基金", "0.00", "0.00"},
			{"上年结转", "300,000.00", "280,000.00"},
			{"其他资金", "0.00", "0.00"},
		}, []string{"年度资金总额|total|-1|1500000|1423800", "其中：财政拨款|fiscal|0|1500000|1423800", "其中：一般公共预算|general-budget|1|1200000|1143800",
			"政府性基金|government-fund|1|0|0", "上年结转|carry-over|1|300000|280000", "其他资金|other|0|0|0"}},
		{"上年结转 beside 财政拨款 when the sums do not close", "万元", [][]string{
			{"年度资金总额", "120", "110"},
			{"其中：财政拨款", "100", "95"},
			{"其中：一般公共预算", "80", "75"},
			{"政府性基金", "20", "20"},
			{"上年结转资金", "20", "15"},
		}, []string{"年度资金总额|total|-1|120|110", "其中：财政拨款|fiscal|0|100|95", "其中：一般公共预算|general-budget|1|80|75",
			"政府性基金|government-fund|1|20|20", "上年结转资金|carry-over|0|20|15"}},
		{"two splits of one total: 按收入性质分, 按支出性质分", "万元", [][]string{
			{"年度资金总额", "3,286.40", "3,120.55"},
			{"按收入性质分：", "", ""},
			{"其中：一般公共预算", "3,100.00", "2,960.15"},
			{"其他资金", "186.40", "160.40"},
			{"按支出性质分：", "", ""},
			{"其中：基本支出", "2,450.00", "2,401.20"},
			{"项目支出", "836.40", "719.35"},
		}, []string{"年度资金总额|total|-1|3286.4|3120.55", "按收入性质分：||0||", "其中：一般公共预算|general-budget|0|3100|2960.15", "其他资金|other|0|186.4|160.4",
			"按支出性质分：|total|-1||", "其中：基本支出||4|2450|2401.2", "项目支出||4|836.4|719.35"}},
		{"a line without a total", "万元", [][]string{
			{"中央财政资金", "10", "10"},
			{"地方资金", "5", "5"},
		}, []string{"中央财政资金|central|-1|10|10", "地方资金|local|-1|5|5"}},
		{"合计 after its parts", "万元", [][]string{
			{"中央财政资金", "500.00", "480.00"},
			{"省级资金", "100.00", "100.00"},
			{"州级资金", "20.00", "20.00"},
			{"合计", "621.00", "600.00"},
		}, []string{"合计|total|-1|621|600", "中央财政资金|central|0|500|480", "省级资金|provincial|0|100|100", "州级资金|municipal|0|20|20"}},
		{"小计 after its parts, then a sibling", "万元", [][]string{
			{"年度资金总额", "900", "850"},
			{"一般公共预算", "700", "680"},
			{"政府性基金", "100", "80"},
			{"财政拨款小计", "800", "760"},
			{"单位资金", "100", "90"},
		}, []string{"年度资金总额|total|-1|900|850", "财政拨款小计|fiscal|0|800|760", "一般公共预算|general-budget|1|700|680", "政府性基金|government-fund|1|100|80", "单位资金|unit-own|0|100|90"}},
		{"bare 小计 rows closing two groups, 合计 last", "万元", [][]string{
			{"本年中央资金", "300", "300"},
			{"上年结转中央资金", "50", "40"},
			{"小计", "350", "340"},
			{"本年省级资金", "100", "100"},
			{"上年结转省级资金", "20", "20"},
			{"小计", "120", "120"},
			{"合计", "470", "460"},
		}, []string{"合计|total|-1|470|460", "小计||0|350|340", "本年中央资金|central|1|300|300", "上年结转中央资金|central|1|50|40",
			"小计||0|120|120", "本年省级资金|current-year|4|100|100", "上年结转省级资金|carry-over|4|20|20"}},
		{"no total above: a source's 其中 lines, then the next source beside it, 合计 last", "万元", [][]string{
			{"中央财政资金", "500", "500"},
			{"其中：本年", "400", "400"},
			{"上年结转", "100", "100"},
			{"省级资金", "100", "90"},
			{"合计", "600", "590"},
		}, []string{"合计|total|-1|600|590", "中央财政资金|central|0|500|500", "其中：本年|current-year|1|400|400", "上年结转|carry-over|1|100|100", "省级资金|provincial|0|100|90"}},
		{"合计 after numbered groups", "万元", [][]string{
			{"（一）中央资金", "300", "300"},
			{"（二）地方资金", "100", "80"},
			{"1、省级", "60", "60"},
			{"2、县级", "40", "20"},
			{"合计", "400", "380"},
		}, []string{"合计|total|-1|400|380", "（一）中央资金|central|0|300|300", "（二）地方资金|local|0|100|80", "1、省级|provincial|2|60|60", "2、县级|county|2|40|20"}},
		{"a 小计 repeating its source after the source's 其中 lines", "万元", [][]string{
			{"年度资金总额", "1000", "950"},
			{"其中：中央财政资金", "800", "800"},
			{"其中：本年下达", "700", "700"},
			{"上年结转", "100", "100"},
			{"中央资金小计", "800", "800"},
			{"地方资金", "200", "150"},
		}, []string{"年度资金总额|total|-1|1000|950", "其中：中央财政资金|central|0|800|800", "中央资金小计|central|1|800|800",
			"其中：本年下达|current-year|2|700|700", "上年结转|carry-over|2|100|100", "地方资金|local|0|200|150"}},
		{"sub-programme headings, a 小计 after each, 合计 last", "万元", [][]string{
			{"森林抚育", "", ""},
			{"中央资金", "100", "100"},
			{"县级资金", "20", "10"},
			{"小计", "120", "110"},
			{"公益林补偿", "", ""},
			{"中央资金", "200", "200"},
			{"小计", "200", "200"},
			{"合计", "320", "310"},
		}, []string{"合计|total|-1|320|310", "小计||0|120|110", "森林抚育||1||", "中央资金|central|1|100|100", "县级资金|county|1|20|10",
			"小计||0|200|200", "公益林补偿||5||", "中央资金|central|5|200|200"}},
		{"flat lines the sums nest: budget kinds under 财政拨款", "万元", [][]string{
			{"年度资金总额", "900", "850"},
			{"财政拨款", "800", "760"},
			{"一般公共预算", "700", "680"},
			{"政府性基金", "100", "80"},
			{"其他资金", "100", "90"},
		}, []string{"年度资金总额|total|-1|900|850", "财政拨款|fiscal|0|800|760", "一般公共预算|general-budget|1|700|680", "政府性基金|government-fund|1|100|80", "其他资金|other|0|100|90"}},
		{"flat lines that add up flat stay flat", "万元", [][]string{
			{"年度资金总额", "1000", "950"},
			{"地方资金", "200", "150"},
			{"省级资金", "100", "100"},
			{"县级资金", "100", "50"},
			{"中央财政资金", "600", "600"},
		}, []string{"年度资金总额|total|-1|1000|950", "地方资金|local|0|200|150", "省级资金|provincial|0|100|100", "县级资金|county|0|100|50", "中央财政资金|central|0|600|600"}},
		{"flat lines that do not add up either way stay as read", "万元", [][]string{
			{"年度资金总额", "900", "850"},
			{"财政拨款", "800", "760"},
			{"一般公共预算", "700", "680"},
			{"政府性基金", "100", "80"},
			{"其他资金", "110", "90"},
		}, []string{"年度资金总额|total|-1|900|850", "财政拨款|fiscal|0|800|760", "一般公共预算|general-budget|0|700|680", "政府性基金|government-fund|0|100|80", "其他资金|other|0|110|90"}},
		{"a 小计 with a single part it does not name stays", "万元", [][]string{
			{"年度资金总额", "100", "100"},
			{"其中：中央财政资金", "100", "100"},
			{"小计", "100", "100"},
		}, []string{"年度资金总额|total|-1|100|100", "其中：中央财政资金|central|0|100|100", "小计||0|100|100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forms, err := layout.Forms(fundsForm(tt.unit, tt.rows))
			if err != nil || len(forms) != 1 {
				t.Fatalf("%d forms, %v", len(forms), err)
			}
			var got []string
			for _, l := range forms[0].Funds.Lines {
				got = append(got, fmt.Sprintf("%s|%s|%d|%s|%s", l.Label, l.Role, l.Parent, show(l.Budget.Valid, l.Budget.Unreadable, l.Budget.Value.String()), show(l.Executed.Valid, l.Executed.Unreadable, l.Executed.Value.String())))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func show(valid, unreadable bool, v string) string {
	switch {
	case unreadable:
		return "!"
	case !valid:
		return ""
	}
	return v
}

// A declaration without column headers may write every line in one row,
// label and amount in turn: each pair is a line.
func TestFundsLinesInOneRow(t *testing.T) {
	doc := &layout.Document{Name: "t.docx"}
	doc.Blocks = append(doc.Blocks, table(
		row("项目名称", "甲"),
		row("项目资金（万元）", "年度资金总额", "120", "其中：财政拨款", "100", "其他资金", "20"),
		indHeader, row("", "产出指标", "数量指标", "指标1：甲", "1件", "", ""),
	))
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	var got []string
	for _, l := range forms[0].Funds.Lines {
		got = append(got, fmt.Sprintf("%s|%s|%d|%s|%v", l.Label, l.Role, l.Parent, l.Budget.Value, l.Executed.Valid || l.Executed.Unreadable))
	}
	want := []string{"年度资金总额|total|-1|120|false", "其中：财政拨款|fiscal|0|100|false", "其他资金|other|0|20|false"}
	if !slices.Equal(got, want) {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
