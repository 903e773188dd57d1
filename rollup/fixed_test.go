package rollup

import (
	"testing"

	"github.com/shopspring/decimal"
)

// Fixed-point sums and products equal decimal's, across exponents, signs
// and the int64 boundary (where they move to big decimals).
func TestFixedEqualsDecimal(t *testing.T) {
	vals := []string{"0", "1", "-1", "2.5", "0.001", "591.764", "-591.764", "7000", "180000000", "99.99",
		"922337203685477580.7", "9223372036854775807", "-9223372036854775807", "12345678901234567890.5", "0.0000000001"}
	for _, x := range vals {
		for _, y := range vals {
			a, err := parseFixed([]byte(x))
			if err != nil {
				t.Fatal(err)
			}
			b, err := parseFixed([]byte(y))
			if err != nil {
				t.Fatal(err)
			}
			dx, dy := decimal.RequireFromString(x), decimal.RequireFromString(y)
			if p := a.mul(b).decimal(); !p.Equal(dx.Mul(dy)) {
				t.Errorf("%s × %s = %s, want %s", x, y, p, dx.Mul(dy))
			}
			sum := a
			sum.add(b)
			sum.add(b)
			if want := dx.Add(dy).Add(dy); !sum.decimal().Equal(want) {
				t.Errorf("%s + 2 × %s = %s, want %s", x, y, sum.decimal(), want)
			}
		}
	}
	for _, bad := range []string{"", "-", ".", "1.2.3", "x", "1,5"} {
		if _, err := parseFixed([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
