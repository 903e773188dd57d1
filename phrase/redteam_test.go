package phrase

import "testing"

// redTeamCases: shapes of real forms found by the red team of the indicator
// judgement (qualifiers before the target, 内 after a duration, classifier
// numerals above one).
var redTeamCases = []parseCase{
	{in: "65岁以上老年人≥5000人", kind: KindQuantity, cmp: GE, value: "5000", unit: "人"},
	{in: "3-6周岁儿童≥95%", kind: KindQuantity, cmp: GE, value: "95", unit: "%"},
	{in: "60岁以上", kind: KindQuantity, cmp: GE, value: "60", unit: "岁", bound: More},
	{in: "3-6周岁", kind: KindRange, min: "3", max: "6"},
	{in: "完成5000人培训", kind: KindQuantity, value: "5000", unit: "人"},
	{in: "24小时内", kind: KindQuantity, cmp: LE, value: "24", unit: "小时", bound: Under},
	{in: "5个工作日内", kind: KindQuantity, cmp: LE, value: "5", unit: "工作日", bound: Under},
	{in: "3年内容", kind: KindQuantity, value: "3", unit: "年"},
	{in: "二十块", kind: KindQuantity, value: "20", unit: "块"},
	{in: "十口", kind: KindQuantity, value: "10", unit: "口"},
	{in: "两起", kind: KindQuantity, value: "2", unit: "起"},
	{in: "一起", kind: KindQualitative, qs: none},
	{in: "一块儿", kind: KindQualitative, qs: none},
	{in: "二期工程", kind: KindQualitative, qs: none},
}

func TestRedTeamPhrases(t *testing.T) { runCases(t, redTeamCases) }

func TestRedTeamNegations(t *testing.T) {
	cases := []struct{ in, shortfall, pending, except, absence string }{
		{"有3户未享受", "", "", "未享受", ""},
		{"2个村未通电", "", "", "未通电", ""},
		{"3个月未满", "", "", "", ""},
		{"部分完成", "部分完成", "", "", ""},
		{"正在推进", "", "正在推进", "", ""},
		{"主体工程建设中", "", "建设中", "", ""},
		{"超支15万元", "超支", "", "", ""},
		{"超支率3%", "", "", "", ""},
		{"未超支", "", "", "", "未超支"},
		{"节约资金，未超预算", "", "", "", "未超预算"},
		{"3户未享受政策的农户已补发", "", "", "", ""},
	}
	for _, c := range cases {
		p := Parse(c.in)
		if p.Shortfall != c.shortfall || p.Pending != c.pending || p.Except != c.except || p.Absence != c.absence {
			t.Errorf("%s: shortfall %q pending %q except %q absence %q, want %q %q %q %q", c.in,
				p.Shortfall, p.Pending, p.Except, p.Absence, c.shortfall, c.pending, c.except, c.absence)
		}
	}
}

func TestCompatibleClassifiers(t *testing.T) {
	cases := []struct {
		a, b string
		ok   bool
	}{
		{"人", "名", true}, {"位", "人", true}, {"台", "台套", true}, {"套", "台", true},
		{"处", "个", true}, {"个", "项", true}, {"家", "个", true}, {"座", "处", true},
		{"次", "场", true}, {"批", "批次", true}, {"台", "个", true},
		{"家", "件", false}, {"人", "个", false}, {"人", "人次", false}, {"次", "个", false},
		{"元", "%", false}, {"户", "人", false}, {"项", "件", false}, {"亩", "个", false},
	}
	for _, c := range cases {
		if got := Compatible(c.a, c.b); got != c.ok {
			t.Errorf("Compatible(%s, %s) = %v, want %v", c.a, c.b, got, c.ok)
		}
	}
}
