package audit

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/decimals"
)

var hundred = decimal.NewFromInt(100)

// fundsAuditor checks the funds section, a tree of lines (docs/funds.md).
type fundsAuditor struct {
	*auditor
	fs     *jixiao.Funds
	names  []string // FundLine.Name of each line
	places []string // where of each line, once asked
}

// onFund reports a finding on line i of the funds section.
func (a fundsAuditor) onFund(i int, rule string, sev jixiao.Severity, field, msg string) {
	l := &a.fs.Lines[i]
	a.add(jixiao.Finding{Rule: rule, Severity: sev, Section: jixiao.SectionFunds,
		At: "资金情况/" + a.where(i), Fund: l.Role, FundLine: i, Field: field, Message: msg})
}

// where names line i for people: its name, and when another line has the
// same name (several blocks each with a 年度预算资金总额 and 市级资金), the
// block it is in — the heading row above the block's total, or the total's
// own name — or else its row.
func (a fundsAuditor) where(i int) string {
	if a.places[i] == "" {
		a.places[i] = a.place(i)
	}
	return a.places[i]
}

func (a fundsAuditor) place(i int) string {
	name := a.names[i]
	if !a.repeated(i, name) {
		return name
	}
	top := i
	for a.fs.Lines[top].Parent >= 0 {
		top = a.fs.Lines[top].Parent
	}
	if h := top - 1; h >= 0 && a.heading(h) {
		return a.names[h] + "/" + name
	}
	if top != i && !a.repeated(top, a.names[top]) {
		return a.names[top] + "/" + name
	}
	return name + "（第" + strconv.Itoa(i+1) + "行）"
}

// repeated reports whether another line than i is named name.
func (a fundsAuditor) repeated(i int, name string) bool {
	for j, n := range a.names {
		if j != i && n == name {
			return true
		}
	}
	return false
}

// heading reports whether line h is a block's heading: a row without
// amounts or rate, outside the lexicon (农村部分计划生育家庭奖励扶助制度补助
// 资金（万元）above its 年度资金总额).
func (a fundsAuditor) heading(h int) bool {
	l := &a.fs.Lines[h]
	return !l.Filled() && !l.Budget.Unreadable && !l.Executed.Unreadable && l.RateText == "" && l.Role == jixiao.FundUnknown
}

// fundColumn is one amount column of the funds section.
type fundColumn struct {
	field, label string
	get          func(*jixiao.FundLine) jixiao.Amount
}

var fundColumns = []fundColumn{
	{"budget", "全年预算数", func(l *jixiao.FundLine) jixiao.Amount { return l.Budget }},
	{"executed", "全年执行数", func(l *jixiao.FundLine) jixiao.Amount { return l.Executed }},
}

func (a *auditor) funds() {
	fa := fundsAuditor{a, &a.f.Funds, make([]string, len(a.f.Funds.Lines)), make([]string, len(a.f.Funds.Lines))}
	for i := range fa.fs.Lines {
		fa.names[i] = fa.fs.Lines[i].Name()
	}
	if a.f.Funds.TotalLine() == nil {
		a.add(jixiao.Finding{Rule: RuleMissingField, Severity: jixiao.SeverityError, Section: jixiao.SectionFunds,
			At: "资金情况/年度资金总额", Fund: jixiao.FundTotal, Field: "budget",
			Message: "资金情况缺少“年度资金总额”行（全年预算数、全年执行数），请补填"})
	}
	for i := range fa.fs.Lines {
		fa.unreadable(i)
	}
	for i := range fa.fs.Lines {
		if parts := fa.fs.Parts(i); len(parts) > 0 {
			whole := fa.whole(i, parts)
			for _, c := range fundColumns {
				fa.sum(i, parts, c, "", whole)
			}
		}
	}
	fa.blocks()
	for i := range fa.fs.Lines {
		fa.line(i)
	}
}

// fundsSumFailed reports whether funds-sum already found column field of
// line i wrong: other rules then do not build on it.
func (a *auditor) fundsSumFailed(i int, field string) bool {
	for _, f := range a.out {
		if f.Rule == RuleFundsSum && f.Section == jixiao.SectionFunds && f.FundLine == i && f.Field == field {
			return true
		}
	}
	return false
}

// unreadable names every funds cell that holds something other than an
// amount: it is not counted as 0.
func (a fundsAuditor) unreadable(i int) {
	l := &a.fs.Lines[i]
	for _, c := range fundColumns {
		if v := c.get(l); v.Unreadable {
			a.onFund(i, RuleFundsUnreadable, jixiao.SeverityWarning, c.field,
				a.where(i)+"的"+c.label+"“"+v.Text+"”不是金额，未参与加总和执行率计算。请填写数字（如 12.5 或 12.5万元）")
		}
	}
}

// value is what a line contributes to its parent's sum in a column: its
// own amount, or, when it is blank, the sum of its own parts (a subtotal
// left blank). ok is false when nothing is filled; unreadable when a cell
// on the way cannot be read (then no sum is checked).
func (a fundsAuditor) value(i int, c fundColumn) (v decimal.Decimal, ok, unreadable bool) {
	amt := c.get(&a.fs.Lines[i])
	switch {
	case amt.Unreadable:
		return v, false, true
	case amt.Valid:
		return amt.Value, true, false
	}
	parts := a.fs.Parts(i)
	if !a.whole(i, parts) {
		return v, false, false // an "of which" breakdown does not give the line's amount
	}
	for _, p := range parts {
		pv, pok, pun := a.value(p, c)
		if pun {
			return v, false, true
		}
		if pok {
			v, ok = decimals.Add(v, pv), true
		}
	}
	return v, ok, false
}

// whole reports whether the parts of line i claim to split all of it. A
// single 其中 line (其中：直达资金 under 市级资金) is an "of which" note, and
// so are parts outside the lexicon under a source: they may not exceed the
// line, but need not add up to it. The sources under a total, and known
// kinds under a source (一般公共预算, 政府性基金 under 财政拨款), split it.
func (a fundsAuditor) whole(i int, parts []int) bool {
	if len(parts) < 2 {
		return false
	}
	if a.fs.Lines[i].Parent < 0 {
		return true
	}
	for _, p := range parts {
		if a.fs.Lines[p].Role != jixiao.FundUnknown {
			return true
		}
	}
	return false
}

// places0 is the number of decimals an amount was written with: each
// amount may be rounded at its last written digit.
func places0(v decimal.Decimal) int { return max(0, -int(v.Exponent())) }

// tolerance is how far a total may be from the sum of its parts because it
// was rounded: one unit in its last written decimal place (10926.2 may
// stand for 10926.24; 7.29万元 for 72890元). A total written without
// decimals is taken as exact: 343 against 208 + 136 is a mistake, and so is
// 100 against 60.01 + 40.02.
func tolerance(total decimal.Decimal) decimal.Decimal {
	p := places0(total)
	if p == 0 {
		return decimal.Zero
	}
	return decimal.New(1, int32(-p))
}

// sum checks that line i equals the sum of its direct parts in column c,
// within the rounding tolerance. A column in which no part is filled is
// not compared (blank is not 0).
func (a fundsAuditor) sum(i int, parts []int, c fundColumn, what string, whole bool) {
	var sum decimal.Decimal
	var names []string
	var terms []decimal.Decimal // printed only in a finding
	n := 0
	for _, p := range parts {
		if a.fs.Lines[p].IsPartition() {
			continue // a heading (按收入性质分), not a part
		}
		v, ok, unreadable := a.value(p, c)
		if unreadable {
			return
		}
		names = append(names, a.names[p])
		if !ok {
			continue
		}
		sum = decimals.Add(sum, v)
		terms = append(terms, v)
		n++
	}
	if n == 0 {
		return
	}
	l := &a.fs.Lines[i]
	total := c.get(l)
	if t := a.standsFor(i); t >= 0 {
		total = c.get(&a.fs.Lines[t]) // a second split of the total: checked against it
	}
	if total.Unreadable {
		return
	}
	unit := a.fs.Unit
	if what == "" {
		what = partsName(names)
	}
	if !total.Valid || (total.Value.IsZero() && !sum.IsZero()) {
		written := "未填写"
		if total.Valid {
			written = "为“" + total.Text + "”"
		}
		a.onFund(i, RuleFundsSum, jixiao.SeverityError, c.field,
			a.where(i)+"的"+c.label+written+"，但"+what+"之和为 "+sum.String()+unit+"（"+joinTerms(terms)+"）。请填写"+a.where(i)+"的"+c.label)
		return
	}
	diff := total.Value.Sub(sum)
	if !whole {
		if diff.Neg().GreaterThan(tolerance(total.Value)) {
			a.onFund(i, RuleFundsSum, jixiao.SeverityError, c.field,
				"其中所列"+what+"的"+c.label+" "+sum.String()+unit+" 超过"+a.where(i)+"的 "+total.Value.String()+unit+"，多出 "+diff.Abs().String()+unit+"。请核对"+a.where(i)+"或其中所列金额")
		}
		return
	}
	if diff.Abs().GreaterThan(tolerance(total.Value)) {
		a.onFund(i, RuleFundsSum, jixiao.SeverityError, c.field,
			a.where(i)+"的"+c.label+" "+total.Value.String()+unit+" 不等于"+what+"之和 "+sum.String()+unit+"（"+joinTerms(terms)+"），相差 "+diff.Abs().String()+unit+"。请核对"+a.where(i)+"或各部分金额")
	}
}

// joinTerms writes the parts of a sum as a finding shows them: 12 + 3.5.
func joinTerms(terms []decimal.Decimal) string {
	s := make([]string, len(terms))
	for k, v := range terms {
		s[k] = v.String()
	}
	return strings.Join(s, " + ")
}

// standsFor returns the total a top-level partition heading (按支出性质分)
// stands for, or -1.
func (a fundsAuditor) standsFor(i int) int {
	l := &a.fs.Lines[i]
	if l.Parent >= 0 || !l.IsPartition() {
		return -1
	}
	for t := i - 1; t >= 0; t-- {
		if o := &a.fs.Lines[t]; o.Parent < 0 && o.Role == jixiao.FundTotal && !o.IsPartition() {
			return t
		}
	}
	return -1
}

// partsName names the parts of a sum for a message: 中央财政资金、地方资金、
// 其他资金, or 其下 N 项 when there are many.
func partsName(names []string) string {
	if len(names) <= 4 {
		return strings.Join(names, "、")
	}
	return "其下 " + strconv.Itoa(len(names)) + " 项"
}

// blocks checks a section that breaks its money down twice: a first total
// by source, then one block per sub-program with its own total and sources
// (a family-planning form: 合计 1084.25 = 中央 668 + 市级 343 + 本级 73.25,
// then 奖励扶助 763 and 特别扶助 321.25, each by source). When the later
// blocks' totals add up to the first total, each source of the first block
// must equal the sum of the same source across the later blocks. When they
// do not add up, the blocks are taken as independent: nothing is compared.
func (a fundsAuditor) blocks() {
	var tops []int
	for i := range a.fs.Lines {
		if a.fs.Lines[i].Parent < 0 && a.fs.Lines[i].Role == jixiao.FundTotal && a.standsFor(i) < 0 {
			tops = append(tops, i)
		}
	}
	if len(tops) < 3 {
		return // a grand total and at least two blocks under it
	}
	first, rest := tops[0], tops[1:]
	agrees := false
	for _, c := range fundColumns {
		if ok, filled := a.addsUp(first, rest, c); filled && ok {
			agrees = true
		} else if filled {
			return
		}
	}
	if !agrees {
		return
	}
	for _, p := range a.fs.Parts(first) {
		key := fundKey(&a.fs.Lines[p])
		var same []int
		for _, t := range rest {
			for _, q := range a.fs.Parts(t) {
				if fundKey(&a.fs.Lines[q]) == key {
					same = append(same, q)
				}
			}
		}
		if len(same) == 0 {
			continue
		}
		what := "各分项中的" + a.names[p]
		for _, c := range fundColumns {
			a.sum(p, same, c, what, true)
		}
	}
}

// addsUp reports whether the lines rest add up to line first in column c,
// and whether both sides are filled at all.
func (a fundsAuditor) addsUp(first int, rest []int, c fundColumn) (ok, filled bool) {
	total := c.get(&a.fs.Lines[first])
	if !total.Valid {
		return false, false
	}
	var sum decimal.Decimal
	n := 0
	for _, r := range rest {
		if v, vok, _ := a.value(r, c); vok {
			sum, n = decimals.Add(sum, v), n+1
		}
	}
	if n == 0 {
		return false, false
	}
	return total.Value.Sub(sum).Abs().LessThanOrEqual(tolerance(total.Value)), true
}

// fundKey matches lines of the same source across blocks: the role, or the
// name when the label is outside the lexicon.
func fundKey(l *jixiao.FundLine) string {
	if l.Role != jixiao.FundUnknown {
		return string(l.Role)
	}
	return l.Name()
}

// line checks one line: executed over budget, a low execution rate and the
// declared rate against B/A.
func (a fundsAuditor) line(i int) {
	l := &a.fs.Lines[i]
	if !l.Budget.Valid || !l.Executed.Valid {
		return
	}
	unit := a.fs.Unit
	name := a.where(i)
	A, B := l.Budget.Value, l.Executed.Value
	if decimals.Cmp(B, A) > 0 {
		a.onFund(i, RuleExecutedOverBudget, jixiao.SeverityWarning, "executed",
			name+"的全年执行数 "+B.String()+unit+" 超过全年预算数 "+A.String()+unit+"。请核实执行数，或说明超预算支出的来源")
	}
	if !A.IsPositive() {
		return // a rate with A = 0 is blank, not an error
	}
	computed := B.Mul(hundred).DivRound(A, 12)
	if decimals.Cmp(computed, a.cfg.LowExecution) < 0 {
		a.onFund(i, RuleLowExecution, jixiao.SeverityWarning, "rate",
			name+"预算执行率为 "+computed.StringFixed(3)+"%，低于 "+a.cfg.LowExecution.String()+"%。请在“未完成原因和改进措施”或说明中解释资金执行缓慢的原因和加快执行的措施")
	}
	declared, ok := jixiao.ParseRate(l.RateText)
	if !ok {
		return
	}
	switch declared.Fit(computed) {
	case jixiao.FitExact:
		// consistent at the precision written
	case jixiao.FitCoarse:
		a.onFund(i, RuleRateRounding, jixiao.SeverityInfo, "rate",
			name+"申报的预算执行率“"+l.RateText+"”写到 "+itoa(declared.Places)+" 位小数，实际只精确到 "+itoa(declared.Exact)+" 位；按 B/A 计算为 "+computed.StringFixed(int32(declared.Places))+"%。建议填写 "+computed.StringFixed(int32(declared.Places))+"%")
	case jixiao.FitTruncated:
		a.onFund(i, RuleRateRounding, jixiao.SeverityInfo, "rate",
			name+"申报的预算执行率“"+l.RateText+"”是截断而非四舍五入的结果；按 B/A 计算为 "+computed.StringFixed(int32(declared.Places+1))+"%，应填 "+computed.StringFixed(int32(declared.Places))+"%")
	default:
		a.onFund(i, RuleExecutionRate, jixiao.SeverityError, "rate",
			name+"申报的预算执行率“"+l.RateText+"”与全年执行数÷全年预算数（"+B.String()+"÷"+A.String()+"="+computed.StringFixed(3)+"%）不符。请改为 "+computed.StringFixed(int32(max(declared.Places, 2)))+"%，或核对预算数和执行数")
	}
}
