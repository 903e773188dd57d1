package decimals

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

func TestNewEqualsDecimalNew(t *testing.T) {
	for _, tt := range []struct {
		value int64
		exp   int32
	}{
		{0, 0}, {0, -4}, {1, 0}, {1, -1}, {5, -1}, {90, 0}, {9639, -4}, {10000, -4},
		{shared - 1, -2}, {shared, 0}, {591764, -3}, {-3, 0}, {7000, 2}, {1, 0},
	} {
		got, want := New(tt.value, tt.exp), decimal.New(tt.value, tt.exp)
		if !reflect.DeepEqual(got, want) || got.String() != want.String() || got.Exponent() != want.Exponent() {
			t.Errorf("New(%d, %d) = %v (exp %d), want %v (exp %d)", tt.value, tt.exp, got, got.Exponent(), want, want.Exponent())
		}
	}
	// arithmetic on a shared coefficient leaves it alone
	a := New(12, 0)
	_ = a.Add(New(12, -1)).Mul(a).Neg()
	if b := New(12, 0); b.String() != "12" || a.String() != "12" {
		t.Errorf("shared coefficient changed: %v %v", a, b)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		_ = New(9639, -4)
	}
}
