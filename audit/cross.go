package audit

import (
	"slices"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/decimals"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

// duplicates finds the same achievement reported twice: two single-valued
// indicators with the same target quantity and the same actual quantity
// (a quality row repeated as an effect row) that plausibly count the same
// thing: their names are alike, or the shared quantity is distinctive
// (11473件, 591.764万), not a common value many rows share (5组, 20, 100件).
// Percentages, deadlines and bare numbers without any unit are left out
// (bare numbers are often 分值/得分 read as values); so are a 其中 sub-row
// and its parent, and a row whose cells repeat its 分值 or 得分.
func (a *auditor) duplicates() {
	type sig struct{ target, actual quantityKey }
	// the earlier rows of a signature, oldest first: a chain through next
	// (one map entry and no slice per signature)
	type chain struct{ first, last, n int }
	seen := make(map[sig]chain, len(a.rs))
	next := make([]int, len(a.rs))
	var parent []int // sub-rows, worked out on the first candidate pair
	var names []name // folded names, each worked out when first compared
	nameAt := func(i int) name {
		if names == nil {
			names = make([]name, len(a.rs))
		}
		if !names[i].done {
			names[i] = nameOf(a.rs[i].Name)
		}
		return names[i]
	}
	for i := range a.rs {
		r := &a.rs[i]
		if len(r.Used) != 1 || r.Target.Quantity == nil || r.Target.Kind != phrase.KindQuantity {
			continue
		}
		t, u := r.Target.Quantity, r.Used[0]
		// percentages and bare numbers are shared by many rows: only a row
		// of the same name repeats the same result
		common := t.Unit == "%" || u.Unit == "%" || (!hasUnit(*t) && !hasUnit(u))
		if in := a.indicator(r); in != nil && holdsWeights(in, *t, u) {
			continue
		}
		s := sig{keyOf(*t), keyOf(u)}
		earlier, ok := seen[s]
		if ok {
			distinct := distinctive(t.Value) || distinctive(u.Value)
			for j := earlier.first; j >= 0; j = next[j] {
				o := &a.rs[j]
				if !sameQuantity(*t, *o.Target.Quantity) || !sameQuantity(u, o.Used[0]) {
					continue // the key is only a first sieve
				}
				if (common && !sameName(nameAt(i), nameAt(j))) || !(distinct || similarNames(nameAt(i), nameAt(j))) {
					continue
				}
				if parent == nil {
					parent = a.subRows() // only for a likely pair: it costs a pass over the form
				}
				if related(parent, i, j) {
					continue
				}
				a.onIndicator(r, RuleDuplicate, jixiao.SeverityInfo, "name",
					"与“"+o.Path+" "+o.Name+"”重复：指标值（"+t.Text+"）和实际完成值（"+u.Text+"）相同，似为同一成果在两处计列。请确认是否应合并或改用不同的衡量指标")
				break
			}
		}
		if !ok {
			next[i] = -1
			seen[s] = chain{first: i, last: i, n: 1}
		} else if earlier.n < maxSameQuantity {
			next[i], next[earlier.last] = -1, i
			seen[s] = chain{first: earlier.first, last: i, n: earlier.n + 1}
		}
	}
}

// maxSameQuantity bounds the earlier rows a row is compared with: the
// first ones with its target and actual quantity. A real form has a few
// such rows; a form of a thousand rows of 1件 would otherwise compare every
// pair.
const maxSameQuantity = 32

// quantityKey sieves quantities by value for lookups without printing the
// decimal or hashing the unit: 9000, 9000.0 and 9e3 are one key (a value
// beyond int64 may share a key with another: sameQuantity decides).
type quantityKey struct {
	coef int64
	exp  int32
}

func keyOf(q phrase.Quantity) quantityKey {
	c, e := q.Value.CoefficientInt64(), q.Value.Exponent()
	for c != 0 && c%10 == 0 {
		c, e = c/10, e+1
	}
	if c == 0 {
		e = 0
	}
	return quantityKey{coef: c, exp: e}
}

// sameQuantity reports whether two quantities have the same value and unit.
func sameQuantity(a, b phrase.Quantity) bool {
	return a.Unit == b.Unit && a.Value.Equal(b.Value)
}

// subRows is subRows of the form, or no sub-rows when the results are out
// of step with it.
func (a *auditor) subRows() []int {
	if len(a.rs) == len(a.f.Indicators) {
		return subRows(a.f.Indicators, a.rs)
	}
	parent := make([]int, len(a.rs))
	for i := range parent {
		parent[i] = -1
	}
	return parent
}

// indicator returns the form row a result judged, nil when they are out of
// step.
func (a *auditor) indicator(r *judge.Result) *jixiao.Indicator {
	if r.Index < 0 || r.Index >= len(a.f.Indicators) {
		return nil
	}
	return &a.f.Indicators[r.Index]
}

// hasUnit reports whether a quantity carries a unit or a magnitude (件,
// 万元, 550万), as opposed to a bare number.
func hasUnit(q phrase.Quantity) bool {
	return q.Unit != "" || q.UnitText != "" || strings.ContainsAny(q.Text, "万亿")
}

// distinctive reports whether a value is unlikely to be shared by chance:
// at least three significant digits (11473, 198, 591.764万, 155万), or two
// from 1000 up whose second is not 5 (1.8亿, 1200, but not 12, 15, 150,
// 1500, 20, 90).
// Values with one significant digit (1, 5, 9000, 200万) are common.
func distinctive(v decimal.Decimal) bool {
	if v.NumDigits() <= 18 {
		// the significant digits are those of the coefficient without its
		// trailing zeros: no need to print the value
		c := v.CoefficientInt64()
		if c < 0 {
			c = -c
		}
		for c != 0 && c%10 == 0 {
			c /= 10
		}
		switch {
		case c >= 100:
			return true
		case c >= 10:
			return c%10 != 5 && (decimals.Cmp(v, thousand) >= 0 || decimals.Cmp(v, minusThousand) <= 0)
		}
		return false
	}
	digits := strings.Trim(strings.ReplaceAll(v.Abs().String(), ".", ""), "0")
	switch {
	case len(digits) >= 3:
		return true
	case len(digits) == 2:
		return digits[1] != '5' && v.Abs().GreaterThanOrEqual(decimal.NewFromInt(1000))
	}
	return false
}

var thousand, minusThousand = decimal.NewFromInt(1000), decimal.NewFromInt(-1000)

// holdsWeights reports whether a row's target or actual only repeats its
// 分值 or 得分 cell (scored layouts whose value cells hold weights).
func holdsWeights(in *jixiao.Indicator, t, u phrase.Quantity) bool {
	same := func(q phrase.Quantity, cell string) bool {
		cell = strings.TrimSuffix(strings.TrimSpace(cell), "分")
		if cell == "" || (q.Unit != "" && q.Unit != "分") {
			return false
		}
		d, err := decimal.NewFromString(cell)
		return err == nil && q.Value.Equal(d)
	}
	return same(t, in.Weight) || same(t, in.Score) || same(u, in.Weight) || same(u, in.Score)
}

// subRows returns, per row, the row it is a part of, or -1: a row whose
// name starts with 其中/含/包括 right after its parent (or after siblings
// of that kind), and the rows right after a row whose target values add up
// to its target (two parts or more, same unit, same level 2).
func subRows(ins []jixiao.Indicator, rs []judge.Result) []int {
	parent := make([]int, len(ins))
	for i := range parent {
		parent[i] = -1
	}
	top := -1
	for i := range ins {
		if isSubName(ins[i].Name) || isSubName(ins[i].Label) {
			if top >= 0 && ins[top].Level2 == ins[i].Level2 {
				parent[i] = top
			}
			continue
		}
		top = i
	}
	target := func(i int) *phrase.Quantity {
		if i >= len(rs) || rs[i].Target.Kind != phrase.KindQuantity {
			return nil
		}
		return rs[i].Target.Quantity
	}
	for i := range ins {
		p := target(i)
		if p == nil || !p.Value.IsPositive() {
			continue
		}
		sum := decimal.Zero
		for k := i + 1; k < len(ins) && ins[k].Level2 == ins[i].Level2; k++ {
			q := target(k)
			if q == nil || q.Unit != p.Unit {
				break
			}
			sum = decimals.Add(sum, q.Value)
			c := decimals.Cmp(sum, p.Value)
			if c > 0 {
				break
			}
			if c == 0 && k >= i+2 {
				for m := i + 1; m <= k; m++ {
					if parent[m] < 0 {
						parent[m] = i
					}
				}
				break
			}
		}
	}
	return parent
}

func isSubName(s string) bool {
	s = strings.TrimLeft(s, " \t\u3000")
	for _, p := range []string{"其中", "含", "包括"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// related reports whether one of two rows is a part of the other, or both
// are parts of the same row.
func related(parent []int, i, j int) bool {
	pi, pj := parent[i], parent[j]
	return pi == j || pj == i || (pi >= 0 && pi == pj)
}

// name is a level-3 name folded once for the comparisons of duplicates.
type name struct {
	folded string // the letters, digits and ideographs, half-width (foldName)
	runes  []rune // the same; nil for a name longer than maxNameRunes
	done   bool
}

// maxNameRunes bounds the names compared by their bigrams: a level-3 name
// is a few words; a longer text is a sentence that only repeats itself.
const maxNameRunes = 128

func nameOf(s string) name {
	runes := foldName(s, nil)
	n := name{folded: string(runes), done: true}
	if len(runes) <= maxNameRunes {
		n.runes = runes
	}
	return n
}

// sameName reports whether two names are the same once folded.
func sameName(x, y name) bool {
	return x.folded != "" && x.folded == y.folded
}

// similarNames reports whether two level-3 names plausibly name the same
// measure: equal once folded, one containing the other (at least three
// characters and half the longer), or sharing three quarters of their
// character bigrams (Dice coefficient). Names longer than maxNameRunes are
// similar only when equal.
func similarNames(x, y name) bool {
	if x.folded == "" || y.folded == "" {
		return false
	}
	if x.folded == y.folded {
		return true
	}
	a, b := x.runes, y.runes
	if a == nil || b == nil {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) >= 3 && 2*len(a) >= len(b) && containsRunes(b, a) {
		return true
	}
	if len(a) < 2 {
		return false
	}
	grams := make(map[[2]rune]int, len(a))
	for k := 0; k+1 < len(a); k++ {
		grams[[2]rune{a[k], a[k+1]}]++
	}
	common := 0
	for k := 0; k+1 < len(b); k++ {
		g := [2]rune{b[k], b[k+1]}
		if grams[g] > 0 {
			grams[g]--
			common++
		}
	}
	return 4*2*common >= 3*(len(a)-1+len(b)-1)
}

// containsRunes reports whether sub appears in s, rune by rune.
func containsRunes(s, sub []rune) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// foldName appends to out the letters, digits and ideographs of a name,
// half-width.
func foldName(s string, out []rune) []rune {
	for _, r := range s {
		if r >= '！' && r <= '～' {
			r -= 0xFEE0
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
		}
	}
	return out
}

// costVsExecuted checks that what the cost rows say was spent does not
// exceed what the funds block says was executed.
func (a *auditor) costVsExecuted() {
	ti, total := a.f.Funds.Total()
	if total == nil || !total.Executed.Valid || a.fundsSumFailed(ti, "executed") {
		return // no executed total to compare with, or one already found wrong
	}
	var sum decimal.Decimal
	n := 0
	for i := range a.rs {
		r := &a.rs[i]
		if r.Category != jixiao.CategoryCost {
			continue
		}
		for _, q := range r.Used {
			if v, ok := judge.MoneyValue(q, a.f.Funds.Unit); ok {
				sum = decimals.Add(sum, v)
				n++
			}
		}
	}
	if n == 0 {
		return
	}
	factor := jixiao.UnitFactor(a.f.Funds.Unit)
	executed := total.Executed.Value.Mul(factor)
	if sum.GreaterThan(executed) {
		unit := a.f.Funds.Unit
		a.add(jixiao.Finding{Rule: RuleCostVsExecuted, Severity: jixiao.SeverityWarning, Section: jixiao.SectionIndicators,
			At: "产出指标/成本指标", Indicator: -1, Field: "actual",
			Message: "成本指标的实际完成值合计 " + sum.Div(factor).String() + unit + "，超过年度资金总额的全年执行数 " + total.Executed.Value.String() + unit + "。请核对成本指标的实际值或资金执行数"})
	}
}
