package audit

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

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
