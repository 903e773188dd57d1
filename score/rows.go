package score

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

// indicator scores one row.
func (sc *scorer) indicator(i int) {
	in := &sc.f.Indicators[i]
	r := &sc.rs[i]
	w := sc.weights[i]
	is := &sc.out.Indicators[i]
	*is = IndicatorScore{Index: i, Path: in.Path(), Name: in.Name, Group: sc.groups[i], Status: r.Status,
		Comparator: r.Comparator, Weight: w}
	if !blank(in.Score) {
		is.Declared = strings.TrimSpace(in.Score)
	}
	ws := Points(w)
	switch {
	case sc.na[i]:
		is.Basis = BasisNotApplicable
		if sc.formMode && w.IsPositive() {
			is.Computation = "不适用，不计分；分值 " + ws + " 剔除后其余按满分折算"
		} else {
			is.Computation = "不适用，不计分；本组分值由其余指标平均分配"
		}
		return
	case sc.groups[i] == "" && !sc.formMode:
		is.Basis = BasisNotApplicable
		is.Computation = "一级指标“" + in.Level1 + "”不在评分方案中，不计分"
		return
	}

	c := sc.rate(r)
	if !c.ok {
		is.Basis = BasisUnscored
		is.Computation = c.why + "，无法计分（分值 " + ws + " 计入未计分）"
		is.Parts = c.parts
		if sc.s.UseDeclaredWhenUnscored && is.Declared != "" {
			if d, ok := readPoints(is.Declared); ok && d.LessThanOrEqual(w) {
				is.Basis = BasisDeclared
				is.Score = &d
				rt := rateOf(d, w)
				is.Rate = rt
				is.Computation = c.why + "，无法按规则计分，采用表中申报得分 " + is.Declared
			}
		}
		return
	}
	score := c.rate.Mul(w)
	is.Basis = BasisComputed
	is.Score = &score
	is.Rate = &c.rate
	is.Parts = c.parts
	is.Computation = c.text(ws, Points(score))
	if is.Declared != "" && !sc.fallback {
		if f := sc.mismatch(is.Declared, score, "得分", in.Path()); f != nil {
			f.Section, f.Indicator, f.Field = jixiao.SectionIndicators, i, "score"
			sc.rowFindings[i] = append(sc.rowFindings[i], *f)
		}
	}
	sc.tooLow(i, r)
}

func rateOf(score, weight decimal.Decimal) *decimal.Decimal {
	if weight.IsZero() {
		return nil
	}
	r := score.DivRound(weight, prec)
	return &r
}

// rated is the rate (share of the weight earned) of a row or a part, with
// how it was reached.
type rated struct {
	ok   bool
	rate decimal.Decimal
	why  string // for !ok: why it could not be scored
	// full: the target was met (rate 1); desc says how, in words. desc
	// alone (no formula) is a rate of 0: a missed deadline.
	full bool
	desc string
	// prefix names the case (未达成), method the rule (实际 ÷ 目标) and
	// formula the numbers (6747件 ÷ 7000件).
	prefix, method, formula string
	parts                   []PartScore
}

// text renders the computation of a row of weight ws and score ss.
func (c rated) text(ws, ss string) string {
	switch {
	case c.full:
		return c.desc + "，得满分 " + ws
	case c.formula == "":
		return c.desc + "，得 " + ss + " 分"
	}
	return c.prefix + "（" + c.method + " × 分值）：" + c.formula + " × " + ws + " = " + ss
}

// partText renders the computation of a composite part.
func (c rated) partText() string {
	switch {
	case c.full:
		return c.desc + "：100%"
	case c.formula == "":
		return c.desc + "：0%"
	}
	return c.prefix + "（" + c.method + "）：" + c.formula + " = " + Percent(c.rate)
}

func unscorable(why string) rated { return rated{why: why} }

// rate computes the share of its weight a row earns.
func (sc *scorer) rate(r *judge.Result) rated {
	switch r.Status {
	case jixiao.StatusUndetermined:
		return unscorable("无法判定（" + r.Explanation + "）")
	case jixiao.StatusQualitative:
		if r.Comparator == "composite" {
			return unscorable("各分项均为定性描述，未给出百分比档次")
		}
		return unscorable("定性指标未按 100%-80%、80%-60%、60%-0% 档次填写百分比")
	}
	if r.Status == jixiao.StatusNotMet && r.Comparator == "" {
		// judged not met without a comparison: the actual says nothing was done (无)
		return rated{ok: true, rate: decimal.Zero, desc: r.Explanation}
	}
	switch r.Comparator {
	case "band":
		if r.Band == nil {
			return unscorable("定性指标没有档次")
		}
		b := r.Band.Div(hundred)
		if b.GreaterThan(one) {
			b = one
		}
		return rated{ok: true, rate: b, prefix: "定性指标按档次计分", method: "档次", formula: r.Band.String() + "%"}
	case "composite":
		return sc.composite(r)
	case "deadline":
		var ad *phrase.Deadline
		if r.Actual.Kind == phrase.KindDeadline {
			ad = r.Actual.Deadline
		}
		return sc.deadline(r.Status, r.Target, ad, r.Actual.Text)
	case "range", "≥", ">", "≤", "<":
		var got *phrase.Quantity
		if len(r.PartActuals) > 0 {
			got = r.PartActuals[0]
		}
		return sc.quantity(r.Status, r.Comparator, r.Target, got)
	}
	return unscorable("没有可用于计分的比较（" + r.Explanation + "）")
}

// quantity rates a numeric comparison.
func (sc *scorer) quantity(status jixiao.Status, cmp string, t phrase.Phrase, got *phrase.Quantity) rated {
	if got == nil {
		return unscorable("没有与指标值比较的实际数值")
	}
	a := got.Value
	switch cmp {
	case "range":
		if t.Min == nil || t.Max == nil {
			return unscorable("目标区间不完整")
		}
		if status == jixiao.StatusMet {
			return rated{ok: true, rate: one, full: true, desc: "实际 " + got.Text + " 在目标区间 " + t.Text + " 内，达成"}
		}
		if a.LessThan(t.Min.Value) {
			return sc.below(a, t.Min.Value, got.Text, t.Min.Text, "低于目标区间下限", "实际 ÷ 下限")
		}
		return sc.over(a, t.Max.Value, got.Text, t.Max.Text, "高于目标区间上限", "上限")
	case "≤", "<":
		if t.Quantity == nil {
			return unscorable("指标值中没有数值")
		}
		if status == jixiao.StatusMet {
			return rated{ok: true, rate: one, full: true, desc: "实际 " + got.Text + " " + cmp + " 目标 " + t.Quantity.Text + "，达成"}
		}
		return sc.over(a, t.Quantity.Value, got.Text, t.Quantity.Text, "超出目标上限", "目标")
	default: // ≥ >
		if t.Quantity == nil {
			return unscorable("指标值中没有数值")
		}
		if status == jixiao.StatusMet {
			desc := "实际 " + got.Text + " " + cmp + " 目标 " + t.Quantity.Text + "，达成"
			if a.GreaterThan(t.Quantity.Value) {
				desc += "（超额部分不加分）"
			}
			return rated{ok: true, rate: one, full: true, desc: desc}
		}
		return sc.below(a, t.Quantity.Value, got.Text, t.Quantity.Text, "未达成", "实际 ÷ 目标")
	}
}

// below rates an actual short of a lower bound: actual ÷ target.
func (sc *scorer) below(a, t decimal.Decimal, at, tt, prefix, method string) rated {
	if !t.IsPositive() {
		return unscorable("目标值为 " + tt + "，无法按比例计分")
	}
	r := a.DivRound(t, prec)
	if r.IsNegative() {
		r = decimal.Zero
	}
	if r.GreaterThan(one) {
		r = one
	}
	return rated{ok: true, rate: r, prefix: prefix, method: method, formula: at + " ÷ " + tt}
}

// over rates an actual above an upper bound (a cost cap) by the scheme's
// method: bound ÷ actual, or 1 − (actual − bound) ÷ bound at least 0.
// bound names the bound in the method (目标, 上限).
func (sc *scorer) over(a, t decimal.Decimal, at, tt, prefix, bound string) rated {
	if !a.IsPositive() || !t.IsPositive() {
		return unscorable(bound + " " + tt + " 或实际值 " + at + " 不是正数，无法按比例计分")
	}
	if sc.s.CostOverrun == OverrunDeduction {
		r := one.Sub(a.Sub(t).DivRound(t, prec))
		if r.IsNegative() {
			r = decimal.Zero
		}
		if r.GreaterThan(one) {
			r = one
		}
		return rated{ok: true, rate: r, prefix: prefix,
			method:  "(1 − (实际 − " + bound + ") ÷ " + bound + ")，最低为 0",
			formula: "(1 − (" + at + " − " + tt + ") ÷ " + tt + ")"}
	}
	r := t.DivRound(a, prec)
	if r.GreaterThan(one) {
		r = one
	}
	return rated{ok: true, rate: r, prefix: prefix, method: bound + " ÷ 实际", formula: tt + " ÷ " + at}
}

// deadline rates a deadline: full when met, else 0, or partial credit per
// month late when the scheme gives it.
func (sc *scorer) deadline(status jixiao.Status, t phrase.Phrase, ad *phrase.Deadline, actual string) rated {
	if status == jixiao.StatusMet {
		return rated{ok: true, rate: one, full: true, desc: "实际“" + clip(actual) + "”不晚于期限“" + clip(t.Text) + "”，达成"}
	}
	ded := sc.s.LateDeductionPerMonth
	zero := rated{ok: true, rate: decimal.Zero, desc: "未按期限“" + clip(t.Text) + "”完成（实际“" + clip(actual) + "”）"}
	if !ded.IsPositive() {
		return zero
	}
	months, ok := monthsLate(t.Deadline, ad, sc.f.Year)
	if !ok {
		zero.desc += "，无法确定逾期月数"
		return zero
	}
	r := one.Sub(decimal.NewFromInt(int64(months)).Mul(ded).Div(hundred))
	if r.IsNegative() {
		r = decimal.Zero
	}
	m := strconv.Itoa(months)
	return rated{ok: true, rate: r, prefix: "逾期 " + m + " 个月",
		method:  "1 − 逾期月数 × 每月扣减 " + ded.String() + "%，最低为 0",
		formula: "(1 − " + m + " × " + ded.String() + "%)"}
}

// monthsLate counts the months begun between a deadline and a completion
// date: 12月底前 against 次年2月 is 2; 9月15日前 against 9月20日 is 1.
func monthsLate(td, ad *phrase.Deadline, year int) (int, bool) {
	if td == nil || ad == nil {
		return 0, false
	}
	ty, tm, tday, ok1 := td.Last(year)
	ay, am, aday, ok2 := ad.Last(year)
	if !ok1 || !ok2 {
		return 0, false
	}
	n := (ay-ty)*12 + am - tm
	if aday > tday {
		n++
	}
	if n < 1 {
		n = 1
	}
	return n, true
}

// composite averages the rates of the parts; qualitative parts are left
// out; an unreadable part leaves the row unscored.
func (sc *scorer) composite(r *judge.Result) rated {
	t := r.Target
	deadlines := judge.ActualDeadlines(r.Actual)
	nd := 0
	var parts []PartScore
	var rates []decimal.Decimal
	var shown []string
	for i, tp := range t.Parts {
		if i >= len(r.Parts) {
			break
		}
		pa := r.Parts[i]
		ps := PartScore{Target: pa.Target, Actual: pa.Actual}
		var c rated
		switch tp.Kind {
		case phrase.KindDeadline:
			var ad *phrase.Deadline
			act := r.Actual.Text
			if nd < len(deadlines) {
				ad = deadlines[nd].Deadline
				act = deadlines[nd].Text
				nd++
			}
			if ps.Actual == "" {
				ps.Actual = act
			}
			c = sc.deadline(pa.Status, tp, ad, act)
		case phrase.KindQuantity, phrase.KindRange:
			var got *phrase.Quantity
			if i < len(r.PartActuals) {
				got = r.PartActuals[i]
			}
			if pa.Status == jixiao.StatusUndetermined {
				c = unscorable("分项" + strconv.Itoa(i+1) + "无法判定（" + pa.Explanation + "）")
			} else {
				c = sc.quantity(pa.Status, r.PartComparatorName(tp), tp, got)
			}
		default:
			ps.Computation = "定性分项，不参与平均"
			parts = append(parts, ps)
			continue
		}
		if !c.ok {
			ps.Computation = c.why
			parts = append(parts, ps)
			return rated{why: c.why, parts: parts}
		}
		rt := c.rate
		ps.Rate = &rt
		ps.Computation = c.partText()
		parts = append(parts, ps)
		rates = append(rates, rt)
		shown = append(shown, Percent(rt))
	}
	if len(rates) == 0 {
		return rated{why: "各分项均为定性描述，未给出百分比档次", parts: parts}
	}
	sum := decimal.Zero
	all := true
	for _, x := range rates {
		sum = sum.Add(x)
		all = all && x.Equal(one)
	}
	n := strconv.Itoa(len(rates))
	if all {
		return rated{ok: true, rate: one, full: true, parts: parts, desc: n + " 个分项均达成"}
	}
	avg := sum.DivRound(decimal.NewFromInt(int64(len(rates))), prec)
	return rated{ok: true, rate: avg, parts: parts,
		prefix:  n + " 个分项得分率平均",
		method:  "各分项得分率之和 ÷ 分项数",
		formula: "(" + strings.Join(shown, " + ") + ") ÷ " + n}
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	r := []rune(s)
	if len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// tooLow warns of a large over-achievement without an explanation.
func (sc *scorer) tooLow(i int, r *judge.Result) {
	limit := sc.s.OverAchievementPercent
	if !limit.IsPositive() || r.Status != jixiao.StatusMet {
		return
	}
	threshold := limit.Div(hundred)
	in := &sc.f.Indicators[i]
	if explained(in.Reason) {
		return
	}
	type over struct {
		actual, target string
		ratio          decimal.Decimal
	}
	var found *over
	check := func(cmp string, t *phrase.Quantity, got *phrase.Quantity) {
		if (cmp != "≥" && cmp != ">") || t == nil || got == nil || !t.Value.IsPositive() {
			return
		}
		ratio := got.Value.DivRound(t.Value, prec)
		if ratio.GreaterThanOrEqual(threshold) && (found == nil || ratio.GreaterThan(found.ratio)) {
			found = &over{got.Text, t.Text, ratio}
		}
	}
	switch r.Comparator {
	case "≥", ">":
		if len(r.PartActuals) > 0 {
			check(r.Comparator, r.Target.Quantity, r.PartActuals[0])
		}
	case "composite":
		for k, tp := range r.Target.Parts {
			if tp.Kind != phrase.KindQuantity || k >= len(r.PartActuals) {
				continue
			}
			check(r.PartComparatorName(tp), tp.Quantity, r.PartActuals[k])
		}
	}
	if found == nil {
		return
	}
	sc.rowFindings[i] = append(sc.rowFindings[i], jixiao.Finding{
		Rule: RuleTargetTooLow, Severity: jixiao.SeverityWarning, At: in.Path(),
		Message: "实际 " + found.actual + " 达到目标 " + found.target + " 的 " + Percent(found.ratio) +
			"（不低于 " + limit.String() + "%），但“未完成原因和改进措施”栏未说明超额原因。目标可能定得过低，请说明原因，或在下一年度据实调高目标",
		Section: jixiao.SectionIndicators, Indicator: i, Field: "target"})
}

// explained reports whether the reason column explains something: not
// empty, not 无 and not a plain 已完成.
func explained(reason string) bool {
	k := strings.TrimSpace(reason)
	if blank(k) || k == "无" || judge.DeclaredDone(k) {
		return false
	}
	return true
}
