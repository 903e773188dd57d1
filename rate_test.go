package jixiao_test

import (
	"testing"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		text          string
		percent       string
		places, exact int
		ok            bool
	}{
		{"11.900%", "11.9", 3, 1, true},
		{"3.700%", "3.7", 3, 1, true},
		{"100%", "100", 0, 0, true},
		{"97.80％", "97.8", 2, 1, true},
		{"1", "100", 0, 0, true},
		{"0.978", "97.8", 1, 1, true},
		{"85", "85", 0, 0, true},
		{"", "", 0, 0, false},
		{"　", "", 0, 0, false},
		{"—", "", 0, 0, false},
	}
	for _, tt := range tests {
		r, ok := jixiao.ParseRate(tt.text)
		if ok != tt.ok || (ok && (!r.Percent.Equal(decimal.RequireFromString(tt.percent)) || r.Places != tt.places || r.Exact != tt.exact)) {
			t.Errorf("ParseRate(%q) = %+v %v", tt.text, r, ok)
		}
	}
}

// A rate is computed (B/A) when blank or consistent with B/A at its
// precision; a contradicting or unreadable one stays as written.
func TestRateOf(t *testing.T) {
	tests := []struct {
		a, b, rate string
		text       string
		computed   bool
		places     int
	}{
		{"10926.2", "1300", "11.900%", "11.900%", true, 3},
		{"10926.2", "1300", "11.9", "11.9", true, 1},  // a percentage without its sign
		{"10000", "373.8", "0.037", "0.037", true, 1}, // a fraction
		{"10000", "373.8", "3.8%", "3.8%", false, 1},  // 3.738% is not 3.8% at 0.1
		{"10000", "373.8", "3.7%", "3.7%", true, 1},   // truncated: a rounding note, not an error
		{"10926.2", "1300", "", "11.90%", true, 2},    // blank: B/A
		{"0", "0", "", "", true, 2},                   // A = 0: a formula, no value
		{"10000", "373.8", "—", "—", false, 0},        // unreadable
		{"", "373.8", "", "", false, 2},               // A blank: nothing to compute
		{"0", "10", "100%", "100%", false, 0},         // A = 0 with a rate: as written
	}
	for _, tt := range tests {
		l := &jixiao.FundLine{Budget: jixiao.ParseAmount(tt.a, "万元"), Executed: jixiao.ParseAmount(tt.b, "万元"), RateText: tt.rate}
		got := jixiao.RateOf(l)
		if got.Text != tt.text || got.Computed != tt.computed || (got.Computed && got.Places != tt.places) {
			t.Errorf("RateOf(%s, %s, %q) = %+v", tt.a, tt.b, tt.rate, got)
		}
	}
}
