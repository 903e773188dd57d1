package rollup

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

// Side says whether a value is of an indicator's target (指标值) or its
// actual (全年实际完成值).
type Side string

// Sides.
const (
	SideTarget Side = "target"
	SideActual Side = "actual"
)

// ValueKind says how a value adds up (docs/domain.md §5).
type ValueKind string

// Kinds of values.
const (
	// ValueSum: absolute values (counts, money in 元) are added up.
	ValueSum ValueKind = "sum"
	// ValueWeighted: percentages and qualitative bands are averaged
	// weighted by the unit's fund amount: Σ(w·v) / Σw.
	ValueWeighted ValueKind = "weighted"
	// ValueOnTime: a deadline row, 1 when the unit met it, else 0; a region
	// counts its units on time.
	ValueOnTime ValueKind = "ontime"
)

// Value is one number of a judged unit form that a roll-up adds up, as
// Rollup reads it (money in 元, percentages as 97 for 97 %).
type Value struct {
	Key   string // the indicator, as Rollup matches it across forms (IndicatorKey)
	Part  int    // composite part, from 0
	Side  Side
	Kind  ValueKind
	Unit  string // 件, 家, 元, % … ("" for deadlines)
	Value decimal.Decimal
}

// FundValue is one funds line of a unit form, in 万元 (nil: not filled).
type FundValue struct {
	Path             string // the line's place in the funds tree (total, total/central…), as Rollup matches lines
	Role             jixiao.FundRole
	Budget, Executed *decimal.Decimal
}

// Values are what a unit form contributes to a roll-up: its indicator
// values, its funds lines and the weights a weighted value may be
// multiplied by (万元; nil where the form does not give one).
type Values struct {
	Indicators                []Value
	Funds                     []FundValue
	Budget, Executed, Central *decimal.Decimal
}

// IndicatorKey is the key by which Rollup matches an indicator across
// forms: its level 1, level 2 and name, normalised (width, punctuation,
// the 指标N： prefix).
func IndicatorKey(in *jixiao.Indicator) string {
	key, _, _, _ := indicatorKey(in)
	return key
}

// UnitValues extracts the values of a judged unit form (results is
// judge.Form(f)), exactly as Rollup reads them from a member: so that a
// store can keep them at every save and roll stored forms up without
// reading a phrase again. Indicators Rollup could not aggregate (no number
// in the target) contribute nothing; a region form (f.Aggregation set)
// contributes no values. A part is weighted when this form gives it in %
// (or it is a qualitative band): Rollup decides that over all members, so
// a bare number that other forms write in % is summed here, averaged there.
func UnitValues(f *jixiao.Form, results []judge.Result) Values {
	var v Values
	if f.Aggregation != nil || len(results) != len(f.Indicators) {
		return v
	}
	wan := func(a jixiao.Amount) *decimal.Decimal {
		if !a.Valid {
			return nil
		}
		d := jixiao.ToWan(a.Value, f.Funds.Unit)
		return &d
	}
	if l := f.Funds.TotalLine(); l != nil {
		v.Budget, v.Executed = wan(l.Budget), wan(l.Executed)
	}
	if l := f.Funds.Source(jixiao.FundCentral); l != nil {
		v.Central = wan(l.Budget)
	}
	paths := fundPaths(&f.Funds)
	for i := range f.Funds.Lines {
		l := &f.Funds.Lines[i]
		v.Funds = append(v.Funds, FundValue{Path: paths[i], Role: l.Role, Budget: wan(l.Budget), Executed: wan(l.Executed)})
	}
	m := &member{form: f}
	for i := range f.Indicators {
		in := &f.Indicators[i]
		key, _, cat, _ := indicatorKey(in)
		e := entry{m: m, in: in, res: &results[i]}
		s := leafShape(e, cat)
		switch s.method {
		case jixiao.MethodNone:
			continue
		case jixiao.MethodDeadline:
			on := decimal.Zero
			if results[i].Status == jixiao.StatusMet {
				on = decimal.NewFromInt(1)
			}
			v.Indicators = append(v.Indicators, Value{Key: key, Side: SideActual, Kind: ValueOnTime, Value: on})
			continue
		}
		for p := range s.units {
			kind := ValueSum
			if s.units[p] == "%" || s.method == jixiao.MethodQualitative {
				kind = ValueWeighted
			}
			if t := s.targets[p]; t != nil {
				v.Indicators = append(v.Indicators, Value{Key: key, Part: p, Side: SideTarget, Kind: kind, Unit: s.units[p], Value: *t})
			}
			if a := s.actuals[p]; a != nil {
				v.Indicators = append(v.Indicators, Value{Key: key, Part: p, Side: SideActual, Kind: kind, Unit: s.units[p], Value: *a})
			}
		}
	}
	return v
}

// The stored form of Values (EncodeValues) is two texts, the same in
// every database. The layout says what each number is:
//
//	jixiao-layout 1
//	v	key	part	side	kind	unit       (one line per indicator value)
//	f	path	role                         (one line per funds line: two numbers, A and B)
//
// and the data holds the weights and the numbers, tab-separated, in layout
// order (empty where a funds amount is missing):
//
//	jixiao-values 1
//	budget	executed	central            (万元; empty when missing)
//	7000	7630	…
//
// Forms of one shape (a program's prescribed indicator table) share their
// layout byte for byte: a store keeps each layout once, and a roll-up
// decodes it once and then only parses numbers.
const (
	layoutHeader = "jixiao-layout 1\n"
	valuesHeader = "jixiao-values 1\n"
)

// EncodeValues writes v in its stored form: its layout and its data.
func EncodeValues(v Values) (layout, data []byte) {
	var b strings.Builder
	b.WriteString(layoutHeader)
	for _, x := range v.Indicators {
		b.WriteString("v\t" + clean(x.Key) + "\t" + strconv.Itoa(x.Part) + "\t" + string(x.Side) + "\t" + string(x.Kind) + "\t" + clean(x.Unit) + "\n")
	}
	for _, f := range v.Funds {
		b.WriteString("f\t" + clean(f.Path) + "\t" + clean(string(f.Role)) + "\n")
	}
	layout = []byte(b.String())
	b.Reset()
	num := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	b.WriteString(valuesHeader)
	b.WriteString(num(v.Budget) + "\t" + num(v.Executed) + "\t" + num(v.Central) + "\n")
	sep := ""
	for _, x := range v.Indicators {
		b.WriteString(sep + x.Value.String())
		sep = "\t"
	}
	for _, f := range v.Funds {
		b.WriteString(sep + num(f.Budget) + "\t" + num(f.Executed))
		sep = "\t"
	}
	return layout, []byte(b.String())
}

// clean keeps a name on its line and in its field.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
