package jixiao

import "testing"

// TestQuirkAmounts: funds cells as clerks and converters write them, read
// after CleanText as the readers do. What no reviewer could read as a number
// (OCR'd letters, 约300, a percentage) stays unreadable, never 0.
func TestQuirkAmounts(t *testing.T) {
	cases := []struct {
		cell  string
		value string // "" for blank (a placeholder) or unreadable
		bad   bool   // unreadable
	}{
		{"１，２００", "1200", false},
		{"２，５００.00", "2500", false},
		{"３００．５", "300.5", false},
		{"1 200.00", "1200", false},
		{"1\u00a0200.00", "1200", false},
		{"1\u2009200", "1200", false},
		{"1\u200b200", "1200", false},
		{"\ufeff300", "300", false},
		{"300\u2060", "300", false},
		{"150\u00a0", "150", false},
		{"\u3000300\u3000", "300", false},
		{"300\n", "300", false},
		{"1,200.50", "1200.5", false},
		{"1，200.50", "1200.5", false},
		{"300万元", "300", false},
		{"300萬元", "300", false},
		{"300.00（万元）", "300", false},
		{"12.5万", "12.5", false},
		{"1.2亿元", "12000", false},
		{"387664.62元", "38.766462", false},
		{"￥1,000.00", "1000", false},
		{"¥1000", "1000", false},
		{"300（含上年结转50）", "300", false},
		{"0", "0", false},
		{"0.00", "0", false},
		{"—", "", false},
		{"——", "", false},
		{"/", "", false},
		{"／", "", false},
		{"-", "", false},
		{"－", "", false},
		{"无", "", false},
		{"O.5", "", true},
		{"l00", "", true},
		{"1OO", "", true},
		{"100.0O", "", true},
		{"约300", "", true},
		{"300左右", "", true},
		{"50%", "", true},
		{"＜空＞", "", true},
	}
	for _, c := range cases {
		a := ParseAmount(CleanText(c.cell), "万元")
		got := ""
		if a.Valid {
			got = a.Value.String()
		}
		if got != c.value || a.Unreadable != c.bad {
			t.Errorf("%q: value %q unreadable %v, want %q %v", c.cell, got, a.Unreadable, c.value, c.bad)
		}
	}
}

// TestQuirkKeys: header and funds labels with the characters of pasted or
// converted text fold to one key.
func TestQuirkKeys(t *testing.T) {
	cases := []struct{ in, want string }{
		{"项目名称：", "项目名称"},
		{"项 目 名 称", "项目名称"},
		{"项目\u200b名称", "项目名称"},
		{"\ufeff项目名称", "项目名称"},
		{"资金\u2060使用单位", "资金使用单位"},
		{"填表人\u3000", "填表人"},
		{"填\u00a0表\u00a0人", "填表人"},
		{"資金情況（萬元）", "资金情况(万元)"},
		{"全年预算数（Ａ）", "全年预算数(A)"},
		{"资金情况\n（万元）", "资金情况(万元)"},
	}
	for _, c := range cases {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
