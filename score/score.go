package score

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/phrase"
)

// Rule ids of scoring findings.
const (
	RuleMismatch     = "score-mismatch" // a declared 得分, 总分 or 自评等级 differs from the computed one
	RuleWeights      = "score-weights"  // the form's 分值 are unreadable or do not add up
	RuleTargetTooLow = "target-too-low" // large over-achievement without an explanation
)

// Rules lists the scoring rules (docs/contract.md, docs/scoring.md).
var Rules = []jixiao.Rule{
	{ID: RuleMismatch, Severity: jixiao.SeverityError, Title: "申报的得分、总分或自评等级与按评分方案计算的不符"},
	{ID: RuleWeights, Severity: jixiao.SeverityError, Title: "表中的分值无法读出或合计不等于 100（一级指标分值与方案不同时为警告）"},
	{ID: RuleTargetTooLow, Severity: jixiao.SeverityWarning, Title: "实际完成值达到目标的 130% 以上（可配置）却未说明原因：目标可能定得过低"},
}

// prec is the number of decimal places kept by divisions: far below any
// displayed digit.
const prec = 16

var (
	one     = decimal.NewFromInt(1)
	hundred = decimal.NewFromInt(100)
)

// Basis says where a score came from.
type Basis string

// Bases.
const (
	BasisComputed      Basis = "computed"       // by the scheme's rules
	BasisDeclared      Basis = "declared"       // the rules could not score it; the form's 得分 was taken
	BasisUnscored      Basis = "unscored"       // could not be scored: its weight is reported as unscored
	BasisNotApplicable Basis = "not_applicable" // dropped; the rest is rescaled to full marks
)

// Label is the Chinese name of the basis.
func (b Basis) Label() string {
	switch b {
	case BasisComputed:
		return "计算"
	case BasisDeclared:
		return "采用申报得分"
	case BasisUnscored:
		return "未计分"
	case BasisNotApplicable:
		return "不适用"
	}
	return string(b)
}

// Result is the score of one form under a scheme.
type Result struct {
	Scheme string `json:"scheme"`
	// WeightsFrom is "scheme" (equal shares of the groups' points) or
	// "form" (the form's 分值 column).
	WeightsFrom string           `json:"weights_from"`
	Execution   ExecutionScore   `json:"execution"`
	Indicators  []IndicatorScore `json:"indicators"`
	Groups      []GroupScore     `json:"groups"`

	// Raw is the execution score plus the indicator scores, before any
	// rescaling or cap.
	Raw decimal.Decimal `json:"raw"`
	// Applicable is the weight in play: full marks less what was dropped
	// as not applicable.
	Applicable decimal.Decimal `json:"applicable"`
	// Scale is full marks ÷ Applicable when something was dropped, else 1.
	Scale decimal.Decimal `json:"scale"`
	// Cap is the execution cap applied to the total, if any.
	Cap   *AppliedCap     `json:"cap,omitempty"`
	Total decimal.Decimal `json:"total"`
	Grade string          `json:"grade"`
	// Unscored is the weight of rows (and execution) that could not be
	// scored, on the scale of Total: they count 0 in Total.
	Unscored decimal.Decimal `json:"unscored"`
	// MaxTotal is what Total would be if every unscored row earned its
	// full weight.
	MaxTotal decimal.Decimal `json:"max_total"`
	// Steps say in Chinese how the total was reached.
	Steps    []string         `json:"steps"`
	Findings []jixiao.Finding `json:"findings"`
}

// ExecutionScore is the budget execution part of the score.
type ExecutionScore struct {
	Basis  Basis           `json:"basis"`
	Weight decimal.Decimal `json:"weight"`
	// Rate is B/A as a fraction on the total funds line; nil when unknown.
	Rate        *decimal.Decimal `json:"rate"`
	Score       *decimal.Decimal `json:"score"`
	Computation string           `json:"computation"`
	Declared    string           `json:"declared_score,omitempty"`
}

// IndicatorScore is the score of one level-3 indicator.
type IndicatorScore struct {
	Index      int             `json:"index"`
	Path       string          `json:"at"`
	Name       string          `json:"name"`
	Group      string          `json:"group"` // scheme group (产出指标…), "" outside the scheme
	Status     jixiao.Status   `json:"status"`
	Comparator string          `json:"comparator"`
	Basis      Basis           `json:"basis"`
	Weight     decimal.Decimal `json:"weight"`
	// Score is nil when the row is unscored or not applicable.
	Score *decimal.Decimal `json:"score"`
	// Rate is Score ÷ Weight (得分率).
	Rate        *decimal.Decimal `json:"rate"`
	Computation string           `json:"computation"`
	Parts       []PartScore      `json:"parts,omitempty"`
	Declared    string           `json:"declared_score,omitempty"`
}

// PartScore is the rate of one part of a composite row.
type PartScore struct {
	Target      string           `json:"target"`
	Actual      string           `json:"actual"`
	Rate        *decimal.Decimal `json:"rate"` // nil for a qualitative part (left out of the average)
	Computation string           `json:"computation"`
}

// GroupScore sums the rows of one level-1 group.
type GroupScore struct {
	Level1        string          `json:"level1"`
	Points        decimal.Decimal `json:"points"` // the scheme's points (0 outside the scheme)
	Weight        decimal.Decimal `json:"weight"` // the applicable rows' weights
	Score         decimal.Decimal `json:"score"`
	Unscored      decimal.Decimal `json:"unscored"`
	Indicators    int             `json:"indicators"`
	NotApplicable int             `json:"not_applicable"`
}

// AppliedCap is an execution cap that lowered the total.
type AppliedCap struct {
	Rate         decimal.Decimal `json:"rate_percent"`
	BelowPercent decimal.Decimal `json:"below_percent"`
	MaxTotal     decimal.Decimal `json:"max_total"`
	Before       decimal.Decimal `json:"before"`
}

// Points formats a score for people: rounded to two places, trailing
// zeros dropped (2.5, 9.64, 10).
func Points(d decimal.Decimal) string {
	return d.Round(2).String()
}

// Fixed formats a score with exactly two places (72.23, 10.00).
func Fixed(d decimal.Decimal) string { return d.StringFixed(2) }

// Percent formats a fraction as a percentage: 0.963857 → 96.39%.
func Percent(d decimal.Decimal) string { return d.Mul(hundred).Round(2).String() + "%" }

// Form scores a judged form. results are judge.Form(f) (judged again when
// they do not match the form); a nil scheme is the default.
func Form(f *jixiao.Form, results []judge.Result, s *Scheme) Result {
	if s == nil {
		s = Default()
	}
	if len(results) != len(f.Indicators) {
		results = judge.Form(f)
	}
	sc := &scorer{f: f, rs: results, s: s}
	return sc.run()
}

type scorer struct {
	f   *jixiao.Form
	rs  []judge.Result
	s   *Scheme
	out Result

	groups   []string // row index → group
	na       []bool
	formMode bool
	fallback bool // the form's 分值 were unusable: declared row scores are not checked
	weights  []decimal.Decimal
	execW    decimal.Decimal

	rowFindings [][]jixiao.Finding // per row, in order
	funds       []jixiao.Finding
	global      []jixiao.Finding
}

func (sc *scorer) run() Result {
	f, s := sc.f, sc.s
	n := len(f.Indicators)
	sc.out = Result{Scheme: s.Name, WeightsFrom: "scheme", Indicators: make([]IndicatorScore, n)}
	sc.groups = make([]string, n)
	sc.na = make([]bool, n)
	sc.rowFindings = make([][]jixiao.Finding, n)
	for i := range f.Indicators {
		in := &f.Indicators[i]
		sc.groups[i] = groupOf(in, s)
		sc.na[i] = s.notApplicable(in.Target) || s.notApplicable(in.Actual)
	}

	base, dropped := sc.assignWeights()
	execDropped := sc.execution()
	if execDropped {
		dropped = dropped.Add(sc.out.Execution.Weight)
	}
	for i := range f.Indicators {
		sc.indicator(i)
	}
	sc.totals(base, dropped)

	out := &sc.out
	out.Findings = append(out.Findings, sc.funds...)
	for _, fs := range sc.rowFindings {
		out.Findings = append(out.Findings, fs...)
	}
	out.Findings = append(out.Findings, sc.global...)
	sc.declaredTotal()
	if out.Findings == nil {
		out.Findings = []jixiao.Finding{}
	}
	return *out
}

// groupOf returns the scheme group of an indicator: its level 1 after
// normalisation, else the level 1 of its level-2 category; "" when the
// scheme has no such group.
func groupOf(in *jixiao.Indicator, s *Scheme) string {
	l1, ok := jixiao.NormalizeLevel1(in.Level1)
	if !ok {
		l1 = in.Category().Level1()
	}
	if _, ok := s.group(l1); ok {
		return l1
	}
	return ""
}

// notApplicable reports whether a cell marks the indicator not applicable:
// the whole cell is one of the scheme's words (spaces, full-width forms,
// case and a final 。 aside).
func (s *Scheme) notApplicable(text string) bool {
	if s.naKeys != nil && len(text) > 4*s.naMax+16 { // a sentence, not a mark
		return false
	}
	k := strings.ToLower(strings.TrimRight(layout.Key(text), "。.！!"))
	if k == "" {
		return false
	}
	keys := s.naKeys
	if keys == nil { // a Scheme built by hand, not by Parse
		for _, w := range s.NotApplicable {
			keys = append(keys, strings.ToLower(layout.Key(w)))
		}
	}
	for _, w := range keys {
		if k == w {
			return true
		}
	}
	return false
}

// blank reports whether a 分值/得分 cell is empty or a dash.
func blank(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "—", "-", "/", "／", "——", "－":
		return true
	}
	return false
}

// readPoints reads a 分值/得分 cell: 2.5, 10分, １０.
func readPoints(s string) (decimal.Decimal, bool) {
	k := strings.TrimSuffix(layout.Key(s), "分")
	d, err := decimal.NewFromString(k)
	if err != nil || d.IsNegative() {
		return decimal.Decimal{}, false
	}
	return d, true
}

// assignWeights sets each row's weight, from the form's 分值 when the
// scheme allows it and every row has one, else equal shares of the groups'
// points. It returns the base (the full marks in play) and the weight
// dropped as not applicable.
func (sc *scorer) assignWeights() (base, dropped decimal.Decimal) {
	f, s := sc.f, sc.s
	n := len(f.Indicators)
	sc.weights = make([]decimal.Decimal, n)

	anyWeight := false
	for i := range f.Indicators {
		if !blank(f.Indicators[i].Weight) {
			anyWeight = true
			break
		}
	}
	if s.UseFormWeights && anyWeight {
		ok := true
		for i := range f.Indicators {
			in := &f.Indicators[i]
			if sc.na[i] && blank(in.Weight) {
				continue
			}
			w, good := readPoints(in.Weight)
			if !good {
				ok = false
				what := "未填写分值"
				if !blank(in.Weight) {
					what = "分值“" + in.Weight + "”不是数值"
				}
				sc.rowFindings[i] = append(sc.rowFindings[i], jixiao.Finding{
					Rule: RuleWeights, Severity: jixiao.SeverityError, At: in.Path(),
					Message: what + "。表中其他指标给出了分值，本表改按评分方案“" + s.Name + "”平均分配各一级指标的分值计分，各指标的申报得分不再逐项核对；请补填分值",
					Section: jixiao.SectionIndicators, Indicator: i, Field: "weight"})
				continue
			}
			sc.weights[i] = w
		}
		if ok {
			sc.formMode = true
			sc.out.WeightsFrom = "form"
		} else {
			sc.fallback = true
		}
	}

	if sc.formMode {
		sum := decimal.Zero
		byGroup := map[string]decimal.Decimal{}
		for i := range f.Indicators {
			sum = sum.Add(sc.weights[i])
			byGroup[sc.groups[i]] = byGroup[sc.groups[i]].Add(sc.weights[i])
			if sc.na[i] {
				dropped = dropped.Add(sc.weights[i])
			}
		}
		sc.execW = sc.execWeight()
		exec := sc.execW
		base = sum.Add(exec)
		if full := s.FullMarks(); !base.Equal(full) {
			sc.global = append(sc.global, jixiao.Finding{
				Rule: RuleWeights, Severity: jixiao.SeverityError, At: "绩效指标/分值",
				Message: fmt.Sprintf("各项分值合计为 %s（预算执行 %s + 各指标 %s），应为 %s。总分按表中分值计算，请核对分值",
					base, exec, sum, full),
				Section: jixiao.SectionIndicators, Indicator: -1, Field: "weight"})
		}
		for _, g := range s.Groups {
			got := byGroup[g.Level1]
			if !got.Equal(g.Points) {
				sc.global = append(sc.global, jixiao.Finding{
					Rule: RuleWeights, Severity: jixiao.SeverityWarning, At: g.Level1 + "/分值",
					Message: fmt.Sprintf("%s的分值合计为 %s，评分方案“%s”规定为 %s。如本地另有规定，请选用相应的评分方案（--scheme）",
						g.Level1, got, s.Name, g.Points),
					Section: jixiao.SectionIndicators, Indicator: -1, Field: "weight"})
			}
		}
	} else {
		count := map[string]int{}
		for i := range f.Indicators {
			if !sc.na[i] && sc.groups[i] != "" {
				count[sc.groups[i]]++
			}
		}
		for i := range f.Indicators {
			if g := sc.groups[i]; g != "" && !sc.na[i] {
				p, _ := s.group(g)
				sc.weights[i] = p.DivRound(decimal.NewFromInt(int64(count[g])), prec)
			}
		}
		sc.execW = s.ExecutionPoints
		base = s.FullMarks()
		for _, g := range s.Groups {
			if count[g.Level1] == 0 && g.Points.IsPositive() {
				dropped = dropped.Add(g.Points)
			}
		}
	}
	for i := range f.Indicators {
		if sc.groups[i] == "" && !sc.na[i] && !sc.formMode {
			in := &f.Indicators[i]
			sc.rowFindings[i] = append(sc.rowFindings[i], jixiao.Finding{
				Rule: RuleWeights, Severity: jixiao.SeverityWarning, At: in.Path(),
				Message: "一级指标“" + in.Level1 + "”不在评分方案“" + sc.s.Name + "”中，该指标不计分。请按产出指标、效益指标、满意度指标填写一级指标",
				Section: jixiao.SectionIndicators, Indicator: i, Field: "level"})
		}
	}
	return base, dropped
}

// execWeight is the weight of budget execution: the form's 分值 on the
// total funds line in form mode, else the scheme's.
func (sc *scorer) execWeight() decimal.Decimal {
	t := sc.f.Funds.Total
	if sc.formMode && t != nil && !blank(t.Weight) {
		if w, ok := readPoints(t.Weight); ok {
			return w
		}
		sc.funds = append(sc.funds, jixiao.Finding{
			Rule: RuleWeights, Severity: jixiao.SeverityError, At: "资金情况/年度资金总额",
			Message: "预算执行的分值“" + t.Weight + "”不是数值，按评分方案的 " + sc.s.ExecutionPoints.String() + " 分计",
			Section: jixiao.SectionFunds, Indicator: -1, Field: "weight", Fund: jixiao.FundTotal})
	}
	return sc.s.ExecutionPoints
}

// execution scores budget execution; it reports whether execution is not
// applicable (budget 0).
func (sc *scorer) execution() (dropped bool) {
	e := &sc.out.Execution
	e.Weight = sc.execW
	t := sc.f.Funds.Total
	if t != nil {
		e.Declared = strings.TrimSpace(t.Score)
	}
	w := Points(e.Weight)
	switch {
	case t == nil:
		e.Basis = BasisUnscored
		e.Computation = "资金情况中没有年度资金总额，无法计算预算执行得分（分值 " + w + " 计入未计分）"
		return false
	case !t.Budget.Valid || !t.Executed.Valid:
		e.Basis = BasisUnscored
		e.Computation = "年度资金总额的全年预算数或全年执行数未填或无法识别，无法计算预算执行得分（分值 " + w + " 计入未计分）"
		return false
	case t.Budget.Value.IsZero():
		e.Basis = BasisNotApplicable
		e.Computation = "全年预算数为 0，预算执行不适用，分值 " + w + " 剔除后其余按满分折算"
		return true
	}
	a, b := t.Budget.Value, t.Executed.Value
	rate := b.DivRound(a, prec)
	e.Rate = &rate
	e.Basis = BasisComputed
	r := rate
	head := "执行率 " + b.String() + " ÷ " + a.String() + " = " + Percent(rate)
	if r.GreaterThan(one) {
		r = one
		head += "，超过 100% 按 100% 计"
	}
	if r.IsNegative() {
		r = decimal.Zero
	}
	points := r.Mul(e.Weight)
	e.Score = &points
	e.Computation = head + "；min(执行率, 100%) × 分值：" + Percent(r) + " × " + w + " = " + Points(points)
	if e.Declared != "" && !blank(e.Declared) {
		if f := sc.mismatch(e.Declared, points, "预算执行得分", "资金情况/年度资金总额"); f != nil {
			f.Section, f.Fund, f.Field, f.Indicator = jixiao.SectionFunds, jixiao.FundTotal, "score", -1
			sc.funds = append(sc.funds, *f)
		}
	}
	return false
}

// mismatch compares a declared score with the computed one; nil when they
// agree: within the scheme's tolerance, or equal to the computed value
// rounded or truncated at the declared precision.
func (sc *scorer) mismatch(declared string, computed decimal.Decimal, what, at string) *jixiao.Finding {
	d, ok := readPoints(declared)
	if !ok {
		return &jixiao.Finding{Rule: RuleMismatch, Severity: jixiao.SeverityError, At: at,
			Message: what + "“" + declared + "”不是数值；按评分方案计算为 " + Points(computed) + "。请填写数值"}
	}
	if agrees(d, computed, sc.s.ScoreTolerance) {
		return nil
	}
	return &jixiao.Finding{Rule: RuleMismatch, Severity: jixiao.SeverityError, At: at,
		Message: what + "申报为 " + declared + "，按评分方案“" + sc.s.Name + "”计算为 " + Points(computed) + "（相差 " + Points(d.Sub(computed).Abs()) + "）。请核对计算或实际完成值"}
}

func agrees(declared, computed, tol decimal.Decimal) bool {
	if declared.Sub(computed).Abs().LessThanOrEqual(tol) {
		return true
	}
	// 7.8 or 7.75 for 7.7533: rounded or truncated at the one or two
	// decimals written; a whole number must be within the tolerance
	places := -declared.Exponent()
	if places < 1 {
		return false
	}
	return computed.Round(places).Equal(declared) || computed.Truncate(places).Equal(declared)
}

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
				c = sc.quantity(pa.Status, judge.Comparator(tp, r.Category), tp, got)
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
			check(judge.Comparator(tp, r.Category), tp.Quantity, r.PartActuals[k])
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

// totals sums the scores, rescales when weight was dropped, applies the
// execution caps and grades the total.
func (sc *scorer) totals(base, dropped decimal.Decimal) {
	out, s := &sc.out, sc.s
	full := s.FullMarks()

	execScore := decimal.Zero
	unscored := decimal.Zero
	if out.Execution.Score != nil {
		execScore = *out.Execution.Score
	}
	if out.Execution.Basis == BasisUnscored {
		unscored = unscored.Add(out.Execution.Weight)
	}
	indScore := decimal.Zero
	groups := map[string]*GroupScore{}
	var order []string
	for _, g := range s.Groups {
		groups[g.Level1] = &GroupScore{Level1: g.Level1, Points: g.Points}
		order = append(order, g.Level1)
	}
	for i := range out.Indicators {
		is := &out.Indicators[i]
		key := is.Group
		if key == "" {
			key = "（评分方案外）"
		}
		g := groups[key]
		if g == nil {
			g = &GroupScore{Level1: key}
			groups[key] = g
			order = append(order, key)
		}
		g.Indicators++
		switch is.Basis {
		case BasisNotApplicable:
			g.NotApplicable++
			continue
		case BasisUnscored:
			unscored = unscored.Add(is.Weight)
			g.Unscored = g.Unscored.Add(is.Weight)
		}
		g.Weight = g.Weight.Add(is.Weight)
		if is.Score != nil {
			indScore = indScore.Add(*is.Score)
			g.Score = g.Score.Add(*is.Score)
		}
	}
	for _, k := range order {
		out.Groups = append(out.Groups, *groups[k])
	}

	out.Raw = execScore.Add(indScore)
	out.Applicable = base.Sub(dropped)
	out.Scale = one
	out.Steps = append(out.Steps, "预算执行得分 "+Points(execScore)+" + 指标得分 "+Points(indScore)+" = "+Points(out.Raw))
	total := out.Raw
	if dropped.IsPositive() {
		if out.Applicable.IsPositive() {
			out.Scale = full.DivRound(out.Applicable, prec)
			total = out.Raw.Mul(full).DivRound(out.Applicable, prec)
			out.Steps = append(out.Steps, "剔除不适用的分值 "+Points(dropped)+"，按适用分值 "+Points(out.Applicable)+" 折算为 "+Points(full)+
				" 分制："+Points(out.Raw)+" × "+Points(full)+" ÷ "+Points(out.Applicable)+" = "+Points(total))
		} else {
			total = decimal.Zero
			out.Steps = append(out.Steps, "没有适用的计分项，总分为 0")
		}
	}
	out.Unscored = unscored.Mul(out.Scale)
	maxTotal := total.Add(out.Unscored)
	if unscored.IsPositive() {
		out.Steps = append(out.Steps, "未计分的分值 "+Points(out.Unscored)+" 按 0 分计入总分；这些指标补齐后总分最高为 "+Points(maxTotal))
	}

	if rate := out.Execution.Rate; rate != nil {
		pct := rate.Mul(hundred)
		var cap *Cap
		for k := range s.ExecutionCaps {
			c := &s.ExecutionCaps[k]
			if pct.LessThan(c.BelowPercent) && (cap == nil || c.MaxTotal.LessThan(cap.MaxTotal)) {
				cap = c
			}
		}
		if cap != nil {
			if maxTotal.GreaterThan(cap.MaxTotal) {
				maxTotal = cap.MaxTotal
			}
			if total.GreaterThan(cap.MaxTotal) {
				out.Cap = &AppliedCap{Rate: pct, BelowPercent: cap.BelowPercent, MaxTotal: cap.MaxTotal, Before: total}
				out.Steps = append(out.Steps, "预算执行率 "+Percent(*rate)+" 低于 "+cap.BelowPercent.String()+"%，总分上限 "+
					Points(cap.MaxTotal)+"："+Points(total)+" → "+Points(cap.MaxTotal))
				total = cap.MaxTotal
			}
		}
	}
	out.Total = total
	out.MaxTotal = maxTotal
	// grade the total as shown, so that 89.996 (shown 90.00) is 优
	out.Grade = s.GradeOf(total.Round(2))
	out.Steps = append(out.Steps, "总分 "+Fixed(total)+"，等级“"+out.Grade+"”（"+gradeRule(s)+"）")
}

// gradeRule describes the grades: 优 ≥90，良 ≥80，中 ≥60，差 <60.
func gradeRule(s *Scheme) string {
	var parts []string
	for k, g := range s.Grades {
		if k == len(s.Grades)-1 && k > 0 {
			parts = append(parts, g.Grade+" <"+s.Grades[k-1].Min.String())
			continue
		}
		parts = append(parts, g.Grade+" ≥"+g.Min.String())
	}
	return strings.Join(parts, "，")
}

// declaredTotal checks the form's 总分 and 自评等级.
func (sc *scorer) declaredTotal() {
	out, f := &sc.out, sc.f
	if ts := strings.TrimSpace(f.TotalScore); ts != "" && !blank(ts) {
		if fd := sc.mismatch(ts, out.Total, "总分", "总分"); fd != nil {
			fd.Section, fd.Indicator, fd.Field = jixiao.SectionIndicators, -1, "total_score"
			out.Findings = append(out.Findings, *fd)
		}
	}
	if g := strings.TrimSpace(f.Grade); g != "" && !blank(g) {
		if !sameGrade(g, out.Grade) {
			out.Findings = append(out.Findings, jixiao.Finding{
				Rule: RuleMismatch, Severity: jixiao.SeverityError, At: "自评等级",
				Message: "自评等级申报为“" + g + "”，按评分方案“" + sc.s.Name + "”计算总分 " + Fixed(out.Total) + "，等级为“" + out.Grade + "”（" + gradeRule(sc.s) + "）。请核对",
				Section: jixiao.SectionIndicators, Indicator: -1, Field: "grade"})
		}
	}
}

// sameGrade compares a declared grade with a scheme grade: 优 matches 优
// and 优秀, 良 matches 良好.
func sameGrade(declared, grade string) bool {
	d := layout.Key(declared)
	return d == grade || strings.HasPrefix(d, grade)
}
