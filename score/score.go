package score

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

// Rule ids of scoring findings.
const (
	RuleMismatch     = "score-mismatch"     // a declared 得分, 总分 or 自评等级 differs from the computed one
	RuleWeights      = "score-weights"      // the form's 分值 are unreadable or do not add up
	RuleTargetTooLow = "target-too-low"     // large over-achievement without an explanation
	RuleBlockWeight  = "score-block-weight" // a weight written in a level-1/level-2 label differs from its rows' 分值
)

// Rules lists the scoring rules (docs/contract.md, docs/scoring.md).
var Rules = []jixiao.Rule{
	{ID: RuleMismatch, Severity: jixiao.SeverityError, Title: "申报的得分、总分或自评等级与按评分方案计算的不符"},
	{ID: RuleWeights, Severity: jixiao.SeverityError, Title: "表中的分值无法读出或合计不等于 100（一级指标分值与方案不同时为警告）"},
	{ID: RuleTargetTooLow, Severity: jixiao.SeverityWarning, Title: "实际完成值达到目标的 130% 以上（可配置）却未说明原因：目标可能定得过低"},
	{ID: RuleBlockWeight, Severity: jixiao.SeverityError, Title: "一级或二级指标名称中写明的分值（如 产出指标(50分)）与其下各指标分值之和不符（无分值列时与评分方案不同为警告）"},
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
	sc.blockWeights()
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
	k := strings.ToLower(strings.TrimRight(jixiao.Key(text), "。.！!"))
	if k == "" {
		return false
	}
	keys := s.naKeys
	if keys == nil { // a Scheme built by hand, not by Parse
		for _, w := range s.NotApplicable {
			keys = append(keys, strings.ToLower(jixiao.Key(w)))
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
	k := strings.TrimSuffix(jixiao.Key(s), "分")
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
			advice := "请按产出指标、效益指标、满意度指标填写一级指标"
			if l1, ok := jixiao.NormalizeLevel1(in.Level1); ok { // a taxonomy group the scheme lacks (决策, 过程)
				advice = "请选用含“" + l1 + "”分组的评分方案（--scheme）"
			}
			sc.rowFindings[i] = append(sc.rowFindings[i], jixiao.Finding{
				Rule: RuleWeights, Severity: jixiao.SeverityWarning, At: in.Path(),
				Message: "一级指标“" + in.Level1 + "”不在评分方案“" + sc.s.Name + "”中，该指标不计分。" + advice,
				Section: jixiao.SectionIndicators, Indicator: i, Field: "level"})
		}
	}
	return base, dropped
}

// execWeight is the weight of budget execution: the form's 分值 on the
// total funds line in form mode, else the scheme's.
func (sc *scorer) execWeight() decimal.Decimal {
	ti, t := sc.f.Funds.Total()
	if sc.formMode && t != nil && !blank(t.Weight) {
		if w, ok := readPoints(t.Weight); ok {
			return w
		}
		sc.funds = append(sc.funds, jixiao.Finding{
			Rule: RuleWeights, Severity: jixiao.SeverityError, At: "资金情况/年度资金总额",
			Message: "预算执行的分值“" + t.Weight + "”不是数值，按评分方案的 " + sc.s.ExecutionPoints.String() + " 分计",
			Section: jixiao.SectionFunds, Indicator: -1, Field: "weight", Fund: jixiao.FundTotal, FundLine: ti})
	}
	return sc.s.ExecutionPoints
}

// execution scores budget execution; it reports whether execution is not
// applicable (budget 0).
func (sc *scorer) execution() (dropped bool) {
	e := &sc.out.Execution
	e.Weight = sc.execW
	ti, t := sc.f.Funds.Total()
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
			f.Section, f.Fund, f.FundLine, f.Field, f.Indicator = jixiao.SectionFunds, jixiao.FundTotal, ti, "score", -1
			sc.funds = append(sc.funds, *f)
		}
	}
	return false
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
