package phrase

import "testing"

// numeralCases: every magnitude inside a numeral belongs to the numeral and
// only what follows it is the unit (issue 8, class 4).
var numeralCases = []parseCase{
	{in: "两万五千元", kind: KindQuantity, value: "25000", unit: "元"},
	{in: "三万五千元", kind: KindQuantity, value: "35000", unit: "元"},
	{in: "补助标准每人两万五千元", kind: KindQuantity, value: "25000", unit: "元"},
	{in: "一万二千元", kind: KindQuantity, value: "12000", unit: "元"},
	{in: "一千二百万元", kind: KindQuantity, value: "12000000", unit: "元"},
	{in: "三千五百万元", kind: KindQuantity, value: "35000000", unit: "元"},
	{in: "一亿五千万元", kind: KindQuantity, value: "150000000", unit: "元"},
	{in: "五万元", kind: KindQuantity, value: "50000", unit: "元"},
	{in: "两千元", kind: KindQuantity, value: "2000", unit: "元"},
	{in: "五千万元", kind: KindQuantity, value: "50000000", unit: "元"},
	{in: "一点五万元", kind: KindQuantity, value: "15000", unit: "元"},
	{in: "不超过两万五千元", kind: KindQuantity, cmp: LE, value: "25000", unit: "元"},
	{in: "2万5千元", kind: KindQuantity, value: "25000", unit: "元"},
	{in: "3亿5千万元", kind: KindQuantity, value: "350000000", unit: "元"},
	{in: "10万5千元", kind: KindQuantity, value: "105000", unit: "元"},
	{in: "1万2千", kind: KindQuantity, value: "12000", unit: ""},
	{in: "1千万", kind: KindQuantity, value: "10000000", unit: ""},
	{in: "5千万元", kind: KindQuantity, value: "50000000", unit: "元"},
	{in: "387.5千元", kind: KindQuantity, value: "387500", unit: "元"},
	{in: "387千元", kind: KindQuantity, value: "387000", unit: "元"},
	{in: "591.764万元", kind: KindQuantity, value: "5917640", unit: "元"},
	{in: "1.5万5千元", kind: KindQuantity, value: "15000", unit: "", qs: []string{"15000", "5000"}},
	{in: "2万、5千元", kind: KindComposite, value: "20000", parts: 2, qs: []string{"20000", "5000"}, units: []string{"", "元"}},
	{in: "2万5千人次", kind: KindQuantity, value: "25000", unit: "人次"},
	{in: "壹万贰仟元", kind: KindQuantity, value: "12000", unit: "元"},
	{in: "三十五万元", kind: KindQuantity, value: "350000", unit: "元"},
	{in: "一万五千余元", kind: KindQuantity, value: "15000", unit: "元", bound: More},
	{in: "2万5千余元", kind: KindQuantity, value: "25000", unit: "元", bound: More},
	{in: "1.2千万元", kind: KindQuantity, value: "12000000", unit: "元"},
}

// periodCases: ages in 周岁/岁 and periods read as the deadline of their end
// (issue 8, class 3).
var periodCases = []parseCase{
	{in: "年满60周岁", kind: KindQuantity, value: "60", unit: "岁"},
	{in: "60周岁以上", kind: KindQuantity, cmp: GE, value: "60", unit: "岁", bound: More},
	{in: "16-60岁", kind: KindRange, min: "16", max: "60", qs: []string{"16", "60"}},
	{in: "16-60周岁", kind: KindRange, min: "16", max: "60", qs: []string{"16", "60"}, units: []string{"岁", "岁"}},
	{in: "18至65周岁", kind: KindRange, min: "18", max: "65"},
	{in: "不超过35周岁", kind: KindQuantity, cmp: LE, value: "35", unit: "岁"},
	{in: "3周", kind: KindQuantity, value: "3", unit: "周"},
	{in: "2021.1.1-12.31", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021.1.1-12.31", Year: 2021, Month: 12, Day: 31}},
	{in: "2021.1.1—12.31", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021.1.1—12.31", Year: 2021, Month: 12, Day: 31}},
	{in: "实施期限2021.1.1-12.31", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021.1.1-12.31", Year: 2021, Month: 12, Day: 31}},
	{in: "2021.01.01-2021.12.31", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021.01.01-2021.12.31", Year: 2021, Month: 12, Day: 31}},
	{in: "2021.1-2021.12", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021.1-2021.12", Year: 2021, Month: 12}},
	{in: "2021年1月-12月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021年1月-12月", Year: 2021, Month: 12}},
	{in: "2021年1月1日至12月31日", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021年1月1日至12月31日", Year: 2021, Month: 12, Day: 31}},
	{in: "1-12月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "1-12月", Month: 12}},
	{in: "全年", kind: KindDeadline, qs: none, dl: &Deadline{Text: "全年", EndOfYear: true, Before: true}},
	{in: "2021年全年", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021年全年", Year: 2021, EndOfYear: true, Before: true}},
	{in: "全年完成", kind: KindDeadline, qs: none, dl: &Deadline{Text: "全年", EndOfYear: true, Before: true}},
	{in: "当年完成", kind: KindDeadline, qs: none, dl: &Deadline{Text: "当年", EndOfYear: true, Before: true}},
	{in: "本年度完成", kind: KindDeadline, qs: none, dl: &Deadline{Text: "本年度", EndOfYear: true, Before: true}},
	{in: "1月至12月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "1月至12月", Month: 12}},
	{in: "一月至十二月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "一月至十二月", Month: 12}},
	{in: "2021年1月-2021年12月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021年1月-2021年12月", Year: 2021, Month: 12}},
	{in: "2021.01-2021.12", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021.01-2021.12", Year: 2021, Month: 12}},
	{in: "2021/1/1-12/31", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021/1/1-12/31", Year: 2021, Month: 12, Day: 31}},
	{in: "2021-01-01至2021-12-31", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021-01-01至2021-12-31", Year: 2021, Month: 12, Day: 31}},
	{in: "年满十八周岁", kind: KindQuantity, value: "18", unit: "岁"},
	{in: "18周岁以下", kind: KindQuantity, cmp: LE, value: "18", unit: "岁", bound: Under},
	// traps: numbers that are not periods, 全年 opening a sentence
	{in: "12.31", kind: KindQuantity, value: "12.31", unit: ""},
	{in: "2021.7", kind: KindQuantity, value: "2021.7", unit: ""},
	{in: "全年，项目推进顺利", kind: KindQualitative, qs: none},
	{in: "本年度资金已拨付80%", kind: KindQuantity, value: "80", unit: "%", dl: &Deadline{Text: "本年度", EndOfYear: true, Before: true}},
	{in: "当年新增就业200人", kind: KindQuantity, value: "200", unit: "人"},
	{in: "全年完成发明专利授权11473件", kind: KindQuantity, value: "11473", unit: "件"},
}

func TestRealFormNumerals(t *testing.T) { runCases(t, numeralCases) }

func TestRealFormPeriods(t *testing.T) { runCases(t, periodCases) }

func runCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			p := Parse(c.in)
			checkPhrase(t, p, c)
			checkInvariants(t, p)
		})
	}
}

// TestNegationWords: which negations say the target was not reached
// (Shortfall), late (Late), or that nothing bad happened (Absence).
func TestNegationWords(t *testing.T) {
	for _, c := range []struct{ in, short, late, absent string }{
		{"未能按期完成", "未能", "", ""},
		{"未完成", "未完成", "", ""},
		{"尚未验收", "尚未", "", ""},
		{"没有达到", "没有达到", "", ""},
		{"存在3例超出年龄范围的情况", "超出年龄范围", "", ""},
		{"有2批次未按时完成", "未按", "", ""},
		{"因疫情影响无法按期完成", "无法按", "", ""},
		{"部分项目不符合要求", "不符合", "", ""},
		{"验收不达标", "不达标", "", ""},
		{"项目延期至2022年3月完成", "", "延期", ""},
		{"工程进度滞后", "", "滞后", ""},
		{"无安全事故", "", "", "无"},
		{"未发生安全事故", "", "", "未发生"},
		{"未出现投诉", "", "", "未出现"},
		{"零投诉", "", "", "零"},
		{"无违规", "", "", "无"},
		{"尚未发生安全事故", "", "", "尚未发生"},
		{"杜绝了重大事故", "", "", "杜绝"},
		{"无未按时完成情况", "", "", "无"},
		{"不存在未完成的情况", "", "", "不存在"},
		{"按期完成，未出现延期", "", "", "未出现"},
		// traps: labels, comparators, words that only look negative
		{"未完成原因：无", "", "", "无"},
		{"不低于90%", "", "", ""},
		{"不少于100件", "", "", ""},
		{"超出预期", "", "", ""},
		{"超出100家", "", "", ""},
		{"无人机巡查100架次", "", "", ""},
		{"无害化处理率100%", "", "", ""},
		{"无法汇总：单位不一致", "", "", ""},
		{"无偿提供服务", "", "", ""},
		{"不到5家", "", "", ""},
		{"对未按要求整改的单位进行约谈", "", "", ""},
		{"督促未完成的地区加快进度", "", "", ""},
		{"防止未按期完成", "", "", ""},
		{"不符合条件的申请已全部退回", "", "", ""},
		{"未按时完成的单位已约谈", "", "", ""},
		{"存在未按时完成的情况", "未按", "", ""},
		{"部分项目存在未验收的问题", "未验收", "", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			p := Parse(c.in)
			if p.Shortfall != c.short || p.Late != c.late || p.Absence != c.absent {
				t.Errorf("shortfall %q late %q absence %q, want %q %q %q", p.Shortfall, p.Late, p.Absence, c.short, c.late, c.absent)
			}
			checkInvariants(t, p)
		})
	}
}
