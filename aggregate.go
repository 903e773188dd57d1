package jixiao

import "github.com/shopspring/decimal"

// WeightBasis names the fund amount that weights relative values (rates,
// satisfaction, qualitative bands) when forms are aggregated (footnotes 4
// and 5: 按照资金额度加权平均).
type WeightBasis string

// Weight bases.
const (
	WeightBudget   WeightBasis = "budget"   // total annual budget A (default)
	WeightExecuted WeightBasis = "executed" // total executed B
	WeightCentral  WeightBasis = "central"  // central funds budget A
)

// Label is the Chinese name of the weight basis.
func (w WeightBasis) Label() string {
	switch w {
	case WeightExecuted:
		return "全年执行数（B）"
	case WeightCentral:
		return "中央财政资金预算数"
	}
	return "全年预算数（A）"
}

// Aggregation records how a region form was made from the forms under it.
// It travels with the form (JSON), so that a reviewer can drill down from a
// region's figure to the units that made it, and so that rolling up region
// forms again is exact: weighted values keep their numerator and
// denominator, never a bare average.
type Aggregation struct {
	Region string      `json:"region"`
	Weight WeightBasis `json:"weight"`
	// Members are the forms aggregated (unit forms or lower region forms).
	Members []Member `json:"members"`
	// Indicators parallels Form.Indicators.
	Indicators []AggregateIndicator `json:"indicators"`
}

// Member is one form that went into an aggregation.
type Member struct {
	Name   string          `json:"name"`   // 资金使用单位, or the region of a region form
	Region string          `json:"region"` // its region
	Source string          `json:"source"` // file it was read from
	Weight decimal.Decimal `json:"weight"` // its fund amount in 万元 on the chosen basis
	Units  int             `json:"units"`  // fund-using units it stands for (1 for a unit form)
}

// Aggregation methods of an indicator.
const (
	MethodSum         = "sum"         // absolute values: summed
	MethodWeighted    = "weighted"    // relative values: Σ(w·x) / Σw
	MethodDeadline    = "deadline"    // met only when every member met it
	MethodQualitative = "qualitative" // qualitative bands: Σ(w·band) / Σw
	MethodNone        = "none"        // could not be aggregated (see Problem)
)

// AggregateIndicator is how one indicator of a region form was aggregated.
type AggregateIndicator struct {
	Method string `json:"method"`
	Unit   string `json:"unit"` // canonical unit of the values (元, %, 件…); per part for composites in Parts
	// Target and Actual hold one value per part (one for a plain target).
	Target []AggregateValue `json:"target"`
	Actual []AggregateValue `json:"actual"`
	// OnTime counts members that met a deadline (Method deadline).
	OnTime int `json:"on_time"`
	// Members counts the members that have this indicator.
	Members       int            `json:"members"`
	Contributions []Contribution `json:"contributions"`
	// Problem says, in Chinese, why the indicator could not be aggregated.
	Problem string `json:"problem,omitempty"`
}

// AggregateValue is a summed value (Sum) or a weighted one (Numerator over
// Denominator). Absent parts of a member are left out of both.
type AggregateValue struct {
	Unit        string           `json:"unit"`
	Sum         *decimal.Decimal `json:"sum,omitempty"`
	Numerator   *decimal.Decimal `json:"numerator,omitempty"`
	Denominator *decimal.Decimal `json:"denominator,omitempty"`
}

// Value is the value the aggregate stands for: the sum, or the weighted
// average (ok is false when the total weight is zero or nothing was given).
func (v AggregateValue) Value() (decimal.Decimal, bool) {
	switch {
	case v.Sum != nil:
		return *v.Sum, true
	case v.Numerator != nil && v.Denominator != nil && !v.Denominator.IsZero():
		return v.Numerator.DivRound(*v.Denominator, 12), true
	}
	return decimal.Decimal{}, false
}

// Contribution is what one member brought to an aggregated indicator: its
// texts, its judgement, its weight and its values per part exactly as they
// were added up (a sum, or a numerator w·x over a denominator w).
type Contribution struct {
	Member  string           `json:"member"`
	Target  string           `json:"target"` // texts as the member wrote them (or aggregated them)
	Actual  string           `json:"actual"`
	Status  Status           `json:"status"`
	Weight  decimal.Decimal  `json:"weight"`
	Targets []AggregateValue `json:"targets"`
	Actuals []AggregateValue `json:"actuals"`
}
