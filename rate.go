package jixiao

import (
	"strings"

	"github.com/shopspring/decimal"
)

var (
	hundred   = decimal.NewFromInt(100)
	onePtFive = decimal.RequireFromString("1.5")
)

// Rate is a declared execution rate read from its text.
type Rate struct {
	Percent decimal.Decimal // the rate in percent: "11.900%" → 11.9, "1" → 100
	Places  int             // decimals written, in percent: "11.900%" → 3
	Exact   int             // decimals that carry information: "11.900%" → 1
}

// ParseRate reads a declared rate: "11.900%", "97.8％", "1" or "0.978"
// (fractions, common in spreadsheets). ok is false for a blank or unreadable
// cell. It is domain rather than audit because the writers, too, decide
// with it how to show a rate.
func ParseRate(text string) (Rate, bool) {
	t := Key(text)
	pct := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	if t == "" || len(t) > 30 || strings.ContainsAny(t, "eE") {
		return Rate{}, false
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return Rate{}, false
	}
	places := DecimalPlaces(t)
	exact := DecimalPlaces(strings.TrimRight(t, "0"))
	if strings.IndexByte(t, '.') < 0 {
		exact = 0
	}
	if !pct && v.LessThanOrEqual(onePtFive) {
		// a fraction: 0.978 is 97.8%
		v = v.Mul(hundred)
		places = max(places-2, 0)
		exact = max(exact-2, 0)
	}
	return Rate{Percent: v, Places: places, Exact: exact}, true
}

// RateFit says how a declared rate relates to the computed one.
type RateFit int

// How a declared rate can fit B/A.
const (
	FitExact     RateFit = iota // B/A rounded at the precision written
	FitCoarse                   // written to more decimals than it carries: 11.900% for 11.898%
	FitTruncated                // cut instead of rounded: 97.80% for 97.809%
	FitWrong                    // none of these: the declared rate is wrong
)

// Fit compares the declared rate with computed (B/A in percent).
func (r Rate) Fit(computed decimal.Decimal) RateFit {
	switch {
	case computed.Round(int32(r.Places)).Equal(r.Percent):
		return FitExact
	case r.Exact < r.Places && (computed.Round(int32(r.Exact)).Equal(r.Percent) || computed.Truncate(int32(r.Exact)).Equal(r.Percent)):
		return FitCoarse
	case computed.Truncate(int32(r.Places)).Equal(r.Percent):
		return FitTruncated
	}
	return FitWrong
}

// Agrees reports whether the declared rate fits computed at all: the rates
// the audit accepts, at most with a rounding note.
func (r Rate) Agrees(computed decimal.Decimal) bool { return r.Fit(computed) != FitWrong }

// DecimalPlaces counts the digits written after the decimal point.
func DecimalPlaces(text string) int {
	t := Key(text)
	i := strings.IndexByte(t, '.')
	if i < 0 {
		return 0
	}
	n := 0
	for _, r := range t[i+1:] {
		if r < '0' || r > '9' {
			break
		}
		n++
	}
	return n
}

// ExecutionRate is how a written form shows the execution rate of a funds
// line.
type ExecutionRate struct {
	// Text is the rate as a text: the declared rate as written, or B/A in
	// percent with two decimals when the rate is blank and A > 0.
	Text string
	// Computed is true when B/A may stand for the rate: A and B are numbers
	// and the rate is blank, or declared and consistent with B/A at its
	// precision. A declared rate that contradicts B/A, or cannot be read,
	// stays the text written so that the error stays visible.
	Computed bool
	// Places is the number of percent decimals a computed rate is shown
	// with: the declared ones, two when the rate is blank.
	Places int
	// Value is B/A as a fraction (15 decimals) when Computed and A ≠ 0.
	Value    decimal.Decimal
	HasValue bool
}

// RateOf decides how the execution rate of a funds line is shown.
func RateOf(l *FundLine) ExecutionRate {
	A, B := l.Budget, l.Executed
	e := ExecutionRate{Text: l.RateText, Places: 2}
	blank := CleanText(l.RateText) == ""
	if blank && A.Valid && B.Valid && A.Value.Sign() > 0 {
		e.Text = B.Value.Mul(hundred).DivRound(A.Value, 2).StringFixed(2) + "%"
	}
	e.Computed = A.Valid && B.Valid
	if e.Computed && !blank {
		declared, ok := ParseRate(l.RateText)
		e.Computed = ok && A.Value.Sign() != 0 && declared.Agrees(B.Value.Mul(hundred).DivRound(A.Value, 12))
		e.Places = min(declared.Places, 15)
	}
	if e.Computed && A.Value.Sign() != 0 {
		e.Value, e.HasValue = B.Value.DivRound(A.Value, 15), true
	}
	return e
}
