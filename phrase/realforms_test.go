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
}

func TestRealFormNumerals(t *testing.T) { runCases(t, numeralCases) }

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
