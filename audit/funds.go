package audit

import (
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

var hundred = decimal.NewFromInt(100)

func (a *auditor) onFunds(k jixiao.FundKey, rule string, sev jixiao.Severity, field, msg string) {
	a.add(jixiao.Finding{Rule: rule, Severity: sev, Section: jixiao.SectionFunds,
		At: "资金情况/" + k.Label(), Fund: k, Field: field, Message: msg})
}

func (a *auditor) funds() {
	fs := &a.f.Funds
	if fs.Total == nil {
		a.add(jixiao.Finding{Rule: RuleMissingField, Severity: jixiao.SeverityError, Section: jixiao.SectionFunds,
			At: "资金情况/年度资金总额", Fund: jixiao.FundTotal, Field: "budget",
			Message: "资金情况缺少“年度资金总额”行（全年预算数、全年执行数），请补填"})
	} else {
		a.fundsSum("budget", "全年预算数", func(l *jixiao.FundLine) jixiao.Amount { return l.Budget })
		a.fundsSum("executed", "全年执行数", func(l *jixiao.FundLine) jixiao.Amount { return l.Executed })
	}
	for _, nl := range fs.Lines() {
		a.fundLine(nl.Key, nl.Line)
	}
}

// fundsSum checks that the total equals central + local + other. Amounts
// may each be rounded to their last written digit, so a difference of one
// unit in the finest written place is tolerated.
func (a *auditor) fundsSum(field, label string, get func(*jixiao.FundLine) jixiao.Amount) {
	fs := &a.f.Funds
	total := get(fs.Total)
	var sum decimal.Decimal
	var terms []string
	n := 0
	places := layout.DecimalPlaces(total.Text)
	for _, l := range []*jixiao.FundLine{fs.Central, fs.Local, fs.Other} {
		if l == nil {
			continue
		}
		v := get(l)
		if !v.Valid {
			continue
		}
		sum = sum.Add(v.Value)
		terms = append(terms, v.Value.String())
		n++
		places = max(places, layout.DecimalPlaces(v.Text))
	}
	if n == 0 {
		return
	}
	unit := fs.Unit
	if !total.Valid || (total.Value.IsZero() && !sum.IsZero()) {
		a.onFunds(jixiao.FundTotal, RuleFundsSum, jixiao.SeverityError, field,
			"年度资金总额的"+label+"为“"+total.Text+"”，但各来源之和为 "+sum.String()+unit+"（"+strings.Join(terms, " + ")+"）。请填写总额")
		return
	}
	tolerance := decimal.New(1, int32(-places))
	if total.Value.Sub(sum).Abs().GreaterThan(tolerance) {
		a.onFunds(jixiao.FundTotal, RuleFundsSum, jixiao.SeverityError, field,
			"年度资金总额的"+label+" "+total.Value.String()+unit+" 不等于中央、地方、其他资金之和 "+sum.String()+unit+"（"+strings.Join(terms, " + ")+"），相差 "+total.Value.Sub(sum).String()+unit+"。请核对总额或各来源金额")
	}
}

func (a *auditor) fundLine(k jixiao.FundKey, l *jixiao.FundLine) {
	unit := a.f.Funds.Unit
	if !l.Budget.Valid || !l.Executed.Valid {
		return
	}
	A, B := l.Budget.Value, l.Executed.Value
	if B.GreaterThan(A) {
		a.onFunds(k, RuleExecutedOverBudget, jixiao.SeverityWarning, "executed",
			k.Label()+"的全年执行数 "+B.String()+unit+" 超过全年预算数 "+A.String()+unit+"。请核实执行数，或说明超预算支出的来源")
	}
	if !A.IsPositive() {
		return // a rate with A = 0 is blank, not an error
	}
	computed := B.Mul(hundred).DivRound(A, 12)
	if computed.LessThan(a.cfg.LowExecution) {
		a.onFunds(k, RuleLowExecution, jixiao.SeverityWarning, "rate",
			k.Label()+"预算执行率为 "+computed.StringFixed(3)+"%，低于 "+a.cfg.LowExecution.String()+"%。请在“未完成原因和改进措施”或说明中解释资金执行缓慢的原因和加快执行的措施")
	}
	declared, ok := layout.ParseRate(l.RateText)
	if !ok {
		return
	}
	switch declared.Fit(computed) {
	case layout.FitExact:
		// consistent at the precision written
	case layout.FitCoarse:
		a.onFunds(k, RuleRateRounding, jixiao.SeverityInfo, "rate",
			k.Label()+"申报的预算执行率“"+l.RateText+"”写到 "+itoa(declared.Places)+" 位小数，实际只精确到 "+itoa(declared.Exact)+" 位；按 B/A 计算为 "+computed.StringFixed(int32(declared.Places))+"%。建议填写 "+computed.StringFixed(int32(declared.Places))+"%")
	case layout.FitTruncated:
		a.onFunds(k, RuleRateRounding, jixiao.SeverityInfo, "rate",
			k.Label()+"申报的预算执行率“"+l.RateText+"”是截断而非四舍五入的结果；按 B/A 计算为 "+computed.StringFixed(int32(declared.Places+1))+"%，应填 "+computed.StringFixed(int32(declared.Places))+"%")
	default:
		a.onFunds(k, RuleExecutionRate, jixiao.SeverityError, "rate",
			k.Label()+"申报的预算执行率“"+l.RateText+"”与全年执行数÷全年预算数（"+B.String()+"÷"+A.String()+"="+computed.StringFixed(3)+"%）不符。请改为 "+computed.StringFixed(int32(max(declared.Places, 2)))+"%，或核对预算数和执行数")
	}
}
