package phrase

import "testing"

// quirkCases: the characters clerks and converters put into numbers —
// digits grouped by a space (Word, Excel), a no-break or thin space, a
// full-width comma, zero-width characters pasted from web pages, units in
// capitals and in brackets, and 成 as tenths.
var quirkCases = []parseCase{
	{in: "1 200人", kind: KindQuantity, value: "1200", unit: "人", qs: []string{"1200"}},
	{in: "≥1\u00a0500平方米", kind: KindQuantity, cmp: GE, value: "1500", unit: "平方米", qs: []string{"1500"}},
	{in: "1\u2009200人", kind: KindQuantity, value: "1200", unit: "人", qs: []string{"1200"}},
	{in: "1\u202f200.5万元", kind: KindQuantity, value: "12005000", unit: "元", qs: []string{"12005000"}},
	{in: "1 000 000元", kind: KindQuantity, value: "1000000", unit: "元", qs: []string{"1000000"}},
	{in: "指标1 100人", kind: KindQuantity, value: "100", unit: "人", qs: []string{"100"}},
	{in: "1 20人", kind: KindQuantity, value: "1", qs: []string{"1", "20"}},
	{in: "1,200 300人", kind: KindQuantity, value: "1200", qs: []string{"1200", "300"}},
	{in: "1，200人", kind: KindQuantity, value: "1200", unit: "人", qs: []string{"1200"}},
	{in: "≥1，200.5万元", kind: KindQuantity, cmp: GE, value: "12005000", unit: "元"},
	{in: "１，２００人", kind: KindQuantity, value: "1200", unit: "人"},
	{in: "3，5", kind: KindComposite, parts: 2, qs: []string{"3", "5"}},
	{in: "2期，100人", kind: KindComposite, parts: 2, qs: []string{"2", "100"}},
	{in: "12，3456人", kind: KindComposite, parts: 2, qs: []string{"12", "3456"}},
	{in: "1\u200b200人", kind: KindQuantity, value: "1200", unit: "人", qs: []string{"1200"}},
	{in: "\ufeff≥120人", kind: KindQuantity, cmp: GE, value: "120", unit: "人"},
	{in: "12\u200d0\u2060人", kind: KindQuantity, value: "120", unit: "人"},
	{in: "≥10KM", kind: KindQuantity, cmp: GE, value: "10", unit: "公里"},
	{in: "5.2Km", kind: KindQuantity, value: "5.2", unit: "公里"},
	{in: "≥50KG", kind: KindQuantity, cmp: GE, value: "50", unit: "公斤"},
	{in: "≥100M2", kind: KindQuantity, cmp: GE, value: "100", unit: "平方米"},
	{in: "500m3", kind: KindQuantity, value: "500", unit: "立方米"},
	{in: "10KW", kind: KindQuantity, value: "10", unit: "千瓦"},
	{in: "5KMH", kind: KindQualitative, qs: none},
	{in: "120人（次）", kind: KindQuantity, value: "120", unit: "人次"},
	{in: "≥100户(次)", kind: KindQuantity, cmp: GE, value: "100", unit: "户次"},
	{in: "856台（套）", kind: KindQuantity, value: "856", unit: "台套"},
	{in: "120人（名）", kind: KindQuantity, value: "120", unit: "人"},
	{in: "三成以上", kind: KindQuantity, cmp: GE, value: "30", unit: "%", bound: More},
	{in: "两成", kind: KindQuantity, value: "20", unit: "%"},
	{in: "增产两成左右", kind: KindQuantity, value: "20", unit: "%", bound: About},
	{in: "八成", kind: KindQuantity, value: "80", unit: "%"},
	{in: "一成不变", kind: KindQualitative, qs: none},
	{in: "三成员", kind: KindQualitative, qs: none},
	{in: "八成新", kind: KindQualitative, qs: none},
	{in: "十成", kind: KindQualitative, qs: none},
	{in: "建成3个", kind: KindQuantity, value: "3", unit: "个"},
	{in: "三分之二以上", kind: KindQuantity, cmp: GE, value: "66.67", unit: "%", bound: More},
	{in: "三分之一", kind: KindQuantity, value: "33.33", unit: "%"},
	{in: "十分之重要", kind: KindQualitative, qs: none},
	{in: "≥2/3", kind: KindQuantity, cmp: GE, value: "66.67", unit: "%"},
	{in: "1/10", kind: KindQuantity, value: "10", unit: "%"},
	{in: "12/10万", kind: KindQuantity, value: "12", qs: []string{"12", "100000"}},
	{in: "10/12个", kind: KindQuantity, value: "10", qs: []string{"10", "12"}},
	{in: "1/2层", kind: KindQuantity, value: "1", qs: []string{"1", "2"}},
	{in: "近1000人", kind: KindQuantity, value: "1000", unit: "人", bound: Under},
	{in: "次年3月底前", kind: KindDeadline, qs: none, dl: &Deadline{Text: "次年3月底前", Month: 3, Before: true, NextYear: true}},
	{in: "翌年6月30日前", kind: KindDeadline, qs: none, dl: &Deadline{Text: "翌年6月30日前", Month: 6, Day: 30, Before: true, NextYear: true}},
}

func TestQuirkPhrases(t *testing.T) { runCases(t, quirkCases) }
