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

func TestAddEqualsDecimalAdd(t *testing.T) {
	vals := []string{"0", "1", "-1", "2.5", "0.01", "591.764", "-591.764", "7000", "1e3", "1e-5", "99999999999999.99",
		"12345678901234567", "-12345678901234567890", "0.000", "100.00", "3e10", "-0.5"}
	ds := []decimal.Decimal{decimal.Zero, New(3, -2)}
	for _, x := range vals {
		ds = append(ds, decimal.RequireFromString(x))
	}
	for _, a := range ds {
		for _, b := range ds {
			if got, want := Cmp(a, b), a.Cmp(b); got != want {
				t.Errorf("Cmp(%v, %v) = %d, want %d", a, b, got, want)
			}
			got, want := Add(a, b), a.Add(b)
			if !reflect.DeepEqual(got, want) || got.String() != want.String() || got.Exponent() != want.Exponent() {
				t.Errorf("Add(%v, %v) = %v (exp %d), want %v (exp %d)", a, b, got, got.Exponent(), want, want.Exponent())
			}
		}
	}
	if got := Add(decimal.Zero, decimal.New(25, -1)); got.String() != "2.5" || got.Exponent() != -1 {
		t.Errorf("Zero + 2.5 = %v exp %d", got, got.Exponent())
	}
}
