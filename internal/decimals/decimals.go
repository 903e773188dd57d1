// Package decimals makes the small decimals that reading and judging a form
// create by the hundred (every number written in a phrase, every completion
// ratio) without allocating: a decimal.Decimal never changes the big.Int it
// holds, so decimals with the same small coefficient can share one.
package decimals

import (
	"sync/atomic"

	"github.com/shopspring/decimal"
)

// shared is how many coefficients (0 excluded) are kept: 1..shared-1 covers
// the counts and percentages of a form and ratios up to 163.83 % in
// ten-thousandths. Entries are made on first use, so the table costs nothing
// until then.
const shared = 1 << 14

var coefficients [shared]atomic.Pointer[decimal.Decimal]

// New returns value × 10^exp, equal in every respect to decimal.New(value,
// exp) (reflect.DeepEqual included), sharing its coefficient with the other
// decimals of that coefficient when it is small.
func New(value int64, exp int32) decimal.Decimal {
	if value <= 0 || value >= shared {
		return decimal.New(value, exp)
	}
	p := coefficients[value].Load()
	if p == nil {
		d := decimal.New(value, 0)
		p = &d
		coefficients[value].Store(p) // a race stores an equal decimal: harmless
	}
	return p.Shift(exp)
}

// fits bounds the coefficients Add works on in int64: below 10^17, so that
// scaling by ten and adding two of them cannot overflow.
const fits = 1e17

// Add returns a + b, equal in every respect to a.Add(b) (same value, same
// exponent: the smaller of the two), computed in int64 when both
// coefficients are small, as the sums of a form's amounts and targets are:
// decimal's Add rescales through new big.Ints every time.
func Add(a, b decimal.Decimal) decimal.Decimal {
	if a.NumDigits() > 16 || b.NumDigits() > 16 {
		return a.Add(b)
	}
	ca, ea := a.CoefficientInt64(), a.Exponent()
	cb, eb := b.CoefficientInt64(), b.Exponent()
	for ; ea > eb; ea-- {
		if ca >= fits || ca <= -fits {
			return a.Add(b)
		}
		ca *= 10
	}
	for ; eb > ea; eb-- {
		if cb >= fits || cb <= -fits {
			return a.Add(b)
		}
		cb *= 10
	}
	sum := ca + cb
	if sum == 0 {
		return a.Add(b) // zero: keep decimal's own representation of it
	}
	return New(sum, ea)
}

// Cmp compares a and b as a.Cmp(b) does (-1, 0, +1), in int64 when both
// coefficients are small: decimal's Cmp rescales one of them into a new
// big.Int whenever the exponents differ (90 against 95.5).
func Cmp(a, b decimal.Decimal) int {
	if a.NumDigits() > 16 || b.NumDigits() > 16 {
		return a.Cmp(b)
	}
	ca, ea := a.CoefficientInt64(), a.Exponent()
	cb, eb := b.CoefficientInt64(), b.Exponent()
	for ; ea > eb; ea-- {
		if ca >= fits || ca <= -fits {
			return a.Cmp(b)
		}
		ca *= 10
	}
	for ; eb > ea; eb-- {
		if cb >= fits || cb <= -fits {
			return a.Cmp(b)
		}
		cb *= 10
	}
	switch {
	case ca < cb:
		return -1
	case ca > cb:
		return 1
	}
	return 0
}
