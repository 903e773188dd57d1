package audit

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestDistinctive(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"11473", true}, {"198", true}, {"151", true}, {"5917640", true}, {"2648000", true}, {"1550000", true},
		{"180000000", true}, {"1200", true}, {"0.125", true},
		{"1", false}, {"2", false}, {"5", false}, {"10", false}, {"20", false}, {"100", false}, {"9000", false},
		{"2000000", false}, {"88", false}, {"12", false}, {"150", false}, {"1500", false}, {"2.5", false}, {"0", false},
	}
	for _, tt := range tests {
		if got := distinctive(decimal.RequireFromString(tt.v)); got != tt.want {
			t.Errorf("distinctive(%s) = %v", tt.v, got)
		}
	}
}

func TestSimilarNames(t *testing.T) {
	tests := []struct {
		x, y string
		want bool
	}{
		{"发明专利授权量", "发明专利授权量", true},
		{"发明专利授权量", "发明专利 授权量", true},
		{"发明专利授权量", "全区发明专利授权量", true},
		{"发明专利授权量", "发明专利授权数量", true},
		{"★培训班次", "培训班次（期）", true},
		{"新增就业人数", "带动就业人数", false},
		{"发明专利授权量", "促进专利申请及专利质量提升", false},
		{"培训", "培训农民人数", false}, // too short to contain
		{"企业数", "扶持中小微企业数量", false},
		{"", "培训", false},
	}
	for _, tt := range tests {
		if got := similarNames(nameOf(tt.x), nameOf(tt.y)); got != tt.want {
			t.Errorf("similarNames(%q, %q) = %v", tt.x, tt.y, got)
		}
	}
}

// distinctive's integer path counts the significant digits as printing does.
func TestDistinctiveWithoutPrinting(t *testing.T) {
	printed := func(v decimal.Decimal) bool {
		digits := strings.Trim(strings.ReplaceAll(v.Abs().String(), ".", ""), "0")
		switch {
		case len(digits) >= 3:
			return true
		case len(digits) == 2:
			return digits[1] != '5' && v.Abs().GreaterThanOrEqual(decimal.NewFromInt(1000))
		}
		return false
	}
	for _, s := range []string{"0", "1", "5", "12", "15", "20", "90", "150", "198", "1000", "1200", "1500", "1.8e8", "9000",
		"11473", "591.764", "155e4", "200e4", "-1200", "-12", "0.012", "0.0102", "12000.00", "1.50e3", "99999999999999999999", "0.000"} {
		v := decimal.RequireFromString(s)
		if got, want := distinctive(v), printed(v); got != want {
			t.Errorf("distinctive(%s) = %v, want %v", s, got, want)
		}
	}
}
