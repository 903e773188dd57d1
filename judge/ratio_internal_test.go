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
			got, ok := ratioValue(x, y)
			if !ok || !got.Equal(want) || got.String() != want.String() {
				t.Errorf("ratio(%s, %s) = %s, want %s", a, b, got, want)
			}
		}
	}
}

// percent's integer path gives exactly what StringFixed gives.
func TestPercent(t *testing.T) {
	for _, s := range []string{"0", "0.0001", "0.0005", "-0.0005", "-0.0123", "0.9639", "1", "1.0000", "12.3456", "-3.5",
		"0.96", "1234567.8901", "0.00001", "99999999999999.9999"} {
		d := decimal.RequireFromString(s)
		for _, r := range []decimal.Decimal{d, d.Round(4), decimal.New(d.Shift(4).IntPart(), -4)} {
			if got, want := percent(r), r.Shift(2).StringFixed(2)+"%"; got != want {
				t.Errorf("percent(%s, exp %d) = %q, want %q", r, r.Exponent(), got, want)
			}
		}
	}
}

// clip cuts at 30 characters as the []rune conversion did.
func TestClip(t *testing.T) {
	for _, s := range []string{"", "abc", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "a一b二c三d四e五f六g七h八i九j十k一l二m三n四o五p六", "\xff\xfe一二",
		"\xff一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"} {
		want := s
		if r := []rune(s); len(r) > 30 {
			want = string(r[:30]) + "…"
		}
		if got := clip(s); got != want {
			t.Errorf("clip(%q) = %q, want %q", s, got, want)
		}
	}
}
