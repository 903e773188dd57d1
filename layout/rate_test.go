package layout_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/layout"
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
		r, ok := layout.ParseRate(tt.text)
		if ok != tt.ok || (ok && (!r.Percent.Equal(decimal.RequireFromString(tt.percent)) || r.Places != tt.places || r.Exact != tt.exact)) {
			t.Errorf("ParseRate(%q) = %+v %v", tt.text, r, ok)
		}
	}
}
