package judge

import (
	"testing"

	"github.com/shopspring/decimal"
)

// ratio's integer path gives exactly what DivRound gives.
func TestRatioInt(t *testing.T) {
	vals := []string{"0", "1", "6747", "7000", "550", "591.764", "1.8", "180000000", "0.9", "0.0009", "99.95", "100",
		"12345678.9012", "3", "7", "0.5", "2.5", "1e-10", "123456789012345", "19", "18", "264.8", "200"}
	for _, a := range vals {
		for _, b := range vals {
			x, y := decimal.RequireFromString(a), decimal.RequireFromString(b)
			if y.IsZero() {
				continue
			}
			want := x.DivRound(y, 4)
			got := ratio(x, y)
			if !got.Equal(want) || got.String() != want.String() {
				t.Errorf("ratio(%s, %s) = %s, want %s", a, b, got, want)
			}
		}
	}
}
