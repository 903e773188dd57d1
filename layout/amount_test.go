package layout_test

import (
	"testing"

	"github.com/jixiao/jixiao/layout"
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
	} {
		a := layout.ParseAmount(tt.in, "万元")
		if a.Valid != tt.valid || (tt.valid && a.Value.String() != tt.want) {
			t.Errorf("ParseAmount(%q) = %s valid %v, want %s valid %v", tt.in, a.Value, a.Valid, tt.want, tt.valid)
		}
	}
}
