package audit

import (
	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

// duplicates finds the same measure reported twice: two single-valued
// indicators with the same target quantity and the same actual quantity
// (a quality row repeated as an effect row). Percentages and deadlines are
// left out: many rows legitimately share 100% or 12月底前.
func (a *auditor) duplicates() {
	type sig struct{ target, actual string }
	first := map[sig]int{}
	for i := range a.rs {
		r := &a.rs[i]
		if len(r.Used) != 1 || r.Target.Quantity == nil || r.Target.Kind != phrase.KindQuantity {
			continue
		}
		t, u := r.Target.Quantity, r.Used[0]
		if t.Unit == "%" || u.Unit == "%" {
			continue
		}
		s := sig{t.Value.String() + t.Unit, u.Value.String() + u.Unit}
		j, seen := first[s]
		if !seen {
			first[s] = i
			continue
		}
		o := &a.rs[j]
		a.onIndicator(r, RuleDuplicate, jixiao.SeverityInfo, "name",
			"与“"+o.Path+" "+o.Name+"”重复：指标值（"+t.Text+"）和实际完成值（"+u.Text+"）相同，似为同一成果在两处计列。请确认是否应合并或改用不同的衡量指标")
	}
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
				sum = sum.Add(v)
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
