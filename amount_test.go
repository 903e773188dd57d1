package jixiao_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
)

// Funds cells as clerks end and sign them.
func TestParseAmountPunctuation(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		valid    bool
	}{
		{"300。", "300", true},
		{"300；", "300", true},
		{"1,300.50、", "1300.5", true},
		{"﹣50", "-50", true},
		{"−12.5万", "-12.5", true},
		{"见附表。", "0", false},
		{"12.5万元整", "12.5", true},
		{"100,000.00元整", "10", true},
	} {
		a := jixiao.ParseAmount(tt.in, "万元")
		if a.Valid != tt.valid || (tt.valid && a.Value.String() != tt.want) {
			t.Errorf("ParseAmount(%q) = %s valid %v, want %s valid %v", tt.in, a.Value, a.Valid, tt.want, tt.valid)
		}
	}
}

// Cells that say there is nothing (暂无, 未发生, 不涉及) are blank, like 无:
// not 0 and not unreadable.
func TestParseAmountNothing(t *testing.T) {
	for _, in := range []string{"暂无", "未发生", "不涉及", "无", "——"} {
		if a := jixiao.ParseAmount(in, "万元"); a.Valid || a.Unreadable {
			t.Errorf("ParseAmount(%q) = valid %v unreadable %v, want blank", in, a.Valid, a.Unreadable)
		}
	}
}
