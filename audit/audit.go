// Package audit applies the rules a careful reviewer applies to a form
// (docs/domain.md §9). Each finding has a stable rule id, a severity, a
// location and a Chinese message that says what is wrong and how to fix it.
package audit

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/decimals"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

// Rule ids: a public contract (docs/contract.md).
const (
	RuleFundsSum           = "funds-sum"
	RuleFundsUnreadable    = "funds-unreadable"
	RuleExecutionRate      = "execution-rate"
	RuleRateRounding       = "rate-rounding"
	RuleExecutedOverBudget = "executed-over-budget"
	RuleLowExecution       = "low-execution"
	RuleNotMetMarkedDone   = "not-met-marked-done"
	RuleReasonMissing      = "reason-missing"
	RuleBandMissing        = "qualitative-band-missing"
	RulePartsSum           = "parts-sum"
	RuleCompositeMismatch  = "composite-mismatch"
	RuleUnitMismatch       = "unit-mismatch"
	RuleCostVsExecuted     = "cost-vs-executed"
	RuleDuplicate          = "duplicate-indicator"
	RuleNotesUnfilled      = "notes-unfilled"
	RuleTaxonomy           = "taxonomy"
	RuleMissingField       = "missing-field"
	RuleUndetermined       = "undetermined"
)

// Rules lists every rule with its severity and what it catches, in
// documentation order (docs/contract.md).
var Rules = []jixiao.Rule{
	{ID: RuleFundsSum, Severity: jixiao.SeverityError, Title: "资金总额（或某一来源）不等于其下各部分之和（预算数或执行数），或各部分已填而总额为空或 0"},
	{ID: RuleFundsUnreadable, Severity: jixiao.SeverityWarning, Title: "资金情况中的金额单元格无法读出数字（不按 0 计）"},
	{ID: RuleExecutionRate, Severity: jixiao.SeverityError, Title: "申报的预算执行率与 全年执行数÷全年预算数 不符（超出其自身的取舍误差）"},
	{ID: RuleRateRounding, Severity: jixiao.SeverityInfo, Title: "申报的执行率写的小数位多于实际精度，或是截断而非四舍五入"},
	{ID: RuleExecutedOverBudget, Severity: jixiao.SeverityWarning, Title: "全年执行数超过全年预算数"},
	{ID: RuleLowExecution, Severity: jixiao.SeverityWarning, Title: "预算执行率低于阈值（默认 80%，可配置）"},
	{ID: RuleNotMetMarkedDone, Severity: jixiao.SeverityError, Title: "判定为未达成，但“未完成原因和改进措施”栏写“已完成”（含成本超支）"},
	{ID: RuleReasonMissing, Severity: jixiao.SeverityError, Title: "判定为未达成，但未填写未完成原因和改进措施"},
	{ID: RuleBandMissing, Severity: jixiao.SeverityWarning, Title: "定性指标的实际完成值未按 100%-80%、80%-60%、60%-0% 档次填写百分比"},
	{ID: RulePartsSum, Severity: jixiao.SeverityError, Title: "所列分项之和与写明的总数（共N）不符"},
	{ID: RuleCompositeMismatch, Severity: jixiao.SeverityWarning, Title: "复合指标的分项在实际完成值中找不到对应单位的数值，或分项数不一致（提示）"},
	{ID: RuleUnitMismatch, Severity: jixiao.SeverityWarning, Title: "指标值与实际完成值的单位无法比较（如 家 与 件）"},
	{ID: RuleCostVsExecuted, Severity: jixiao.SeverityWarning, Title: "成本指标的实际完成值合计超过全年执行数"},
	{ID: RuleDuplicate, Severity: jixiao.SeverityInfo, Title: "同一成果在两个指标中重复计列"},
	{ID: RuleNotesUnfilled, Severity: jixiao.SeverityWarning, Title: "“说明”栏为空或仍是填表提示文字"},
	{ID: RuleTaxonomy, Severity: jixiao.SeverityWarning, Title: "一级、二级指标名称不在指标体系内，或二级指标放错了一级指标"},
	{ID: RuleMissingField, Severity: jixiao.SeverityError, Title: "必填项未填写（项目名称、主管部门、资金使用单位、填表人、填写日期、年度资金总额）"},
	{ID: RuleUndetermined, Severity: jixiao.SeverityWarning, Title: "指标值或实际完成值无法读出可比较的数值、单位或时间"},
}

// Run audits a form whose indicators were judged into results (judge.Form)
// and returns the findings in form order.
func Run(f *jixiao.Form, results []judge.Result, cfg Config) []jixiao.Finding {
	a := &auditor{f: f, rs: results, cfg: cfg, out: make([]jixiao.Finding, 0, 16)}
	a.header()
	a.funds()
	a.indicators()
	a.taxonomy()
	a.duplicates()
	a.costVsExecuted()
	a.notes()
	a.footer()
	slices.SortStableFunc(a.out, func(x, y jixiao.Finding) int {
		if c := cmp.Compare(slices.Index(jixiao.Sections, x.Section), slices.Index(jixiao.Sections, y.Section)); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Indicator, y.Indicator); c != 0 {
			return c
		}
		return cmp.Compare(x.FundLine, y.FundLine)
	})
	return a.out
}

type auditor struct {
	f   *jixiao.Form
	rs  []judge.Result
	cfg Config
	out []jixiao.Finding
}

func (a *auditor) add(f jixiao.Finding) {
	if f.Indicator == 0 && f.Section != jixiao.SectionIndicators {
		f.Indicator = -1
	}
	a.out = append(a.out, f)
}

func (a *auditor) onIndicator(r *judge.Result, rule string, sev jixiao.Severity, field, msg string) {
	a.add(jixiao.Finding{Rule: rule, Severity: sev, At: r.Path, Message: msg,
		Section: jixiao.SectionIndicators, Indicator: r.Index, Field: field})
}

func (a *auditor) header() {
	h := a.f.Header
	for _, fld := range []struct{ field, label, value string }{
		{"program", "转移支付（项目）名称", h.Program},
		{"central_dept", "中央主管部门", h.CentralDept},
		{"local_dept", "地方主管部门", h.LocalDept},
		{"unit", "资金使用单位", h.Unit},
	} {
		if strings.TrimSpace(fld.value) == "" {
			a.add(jixiao.Finding{Rule: RuleMissingField, Severity: jixiao.SeverityError, Section: jixiao.SectionHeader,
				At: "基本信息/" + fld.label, Field: fld.field,
				Message: "“" + fld.label + "”未填写，请补填"})
		}
	}
}

func (a *auditor) footer() {
	for _, fld := range []struct{ field, label, value string }{
		{"filler", "填表人", a.f.Filler},
		{"fill_date", "填写日期", a.f.FillDate},
	} {
		if strings.TrimSpace(fld.value) == "" {
			a.add(jixiao.Finding{Rule: RuleMissingField, Severity: jixiao.SeverityError, Section: jixiao.SectionFooter,
				At: "填表信息/" + fld.label, Field: fld.field,
				Message: "“" + fld.label + "”未填写，请在表尾补填"})
		}
	}
}

var notesInstructions = []string{"请在此处", "简要说明", "如没有请填无", "如没有请填写无"}

func (a *auditor) notes() {
	n := strings.TrimSpace(a.f.Notes)
	msg := ""
	if n == "" {
		msg = "“说明”栏为空。请说明中央巡视、各级审计和财政监督中发现的问题及所涉金额；没有问题请填“无”"
	} else {
		for _, s := range notesInstructions {
			if strings.Contains(n, s) {
				msg = "“说明”栏仍是填表提示文字，未实际填写。请说明中央巡视、各级审计和财政监督中发现的问题及所涉金额；没有问题请填“无”"
				break
			}
		}
	}
	if msg != "" {
		a.add(jixiao.Finding{Rule: RuleNotesUnfilled, Severity: jixiao.SeverityWarning, Section: jixiao.SectionNotes,
			At: "说明", Field: "notes", Message: msg})
	}
}

// sameLevel1 reports whether a level-2 label names level-1 group l1.
func sameLevel1(level2, l1 string) bool {
	l2, ok := jixiao.NormalizeLevel1(level2)
	return ok && l2 == l1
}

// taxonomy checks each distinct level-1/level-2 pair once. Labels are
// normalised first (jixiao.NormalizeLevel1/2: weights, numbering, marks,
// spaces and older names aside); a missing label, or a level 2 that repeats
// its level 1, is not a taxonomy error (forms without a level-2 column,
// cells merged across both columns).
func (a *auditor) taxonomy() {
	type pair struct{ level1, level2 string }
	seen := make(map[pair]bool, 16)
	for i := range a.rs {
		r := &a.rs[i]
		key := pair{r.Level1, r.Level2}
		if seen[key] {
			continue
		}
		seen[key] = true
		blank1, blank2 := strings.TrimSpace(r.Level1) == "", strings.TrimSpace(r.Level2) == ""
		l1, ok1 := jixiao.NormalizeLevel1(r.Level1)
		cat := jixiao.NormalizeLevel2(r.Level2)
		if cat == jixiao.CategoryUnknown && ok1 && sameLevel1(r.Level2, l1) {
			blank2 = true // the level-1 name repeated (a cell merged across both columns)
		}
		var msg string
		switch {
		case blank1 && blank2:
			continue
		case !blank1 && !ok1:
			msg = "一级指标“" + r.Level1 + "”不在指标体系内，应为产出指标、效益指标或满意度指标之一（按财预〔2020〕10号评价的，还可为决策、过程）"
		case blank2:
			continue
		case cat == jixiao.CategoryUnknown:
			msg = "二级指标“" + r.Level2 + "”不在指标体系内（如数量指标、质量指标、时效指标、成本指标、经济效益指标、社会效益指标、生态效益指标、可持续影响指标、服务对象满意度指标），请按规范名称填写"
		case blank1:
			continue
		case !cat.Under(l1):
			msg = "二级指标“" + r.Level2 + "”应属于“" + cat.Level1() + "”，不应列在“" + r.Level1 + "”下"
		default:
			continue
		}
		a.onIndicator(r, RuleTaxonomy, jixiao.SeverityWarning, "level", msg)
	}
}

func (a *auditor) indicators() {
	for i := range a.rs {
		r := &a.rs[i]
		switch r.Status {
		case jixiao.StatusNotMet:
			reason := strings.TrimSpace(r.Reason)
			switch {
			case r.DeclaredDone:
				a.onIndicator(r, RuleNotMetMarkedDone, jixiao.SeverityError, "reason",
					"判定为未达成（"+r.Explanation+"），但“未完成原因和改进措施”栏写的是“"+reason+"”。请填写未完成的原因和改进措施，或核实实际完成值")
			case judge.ReasonBlank(reason):
				a.onIndicator(r, RuleReasonMissing, jixiao.SeverityError, "reason",
					"判定为未达成（"+r.Explanation+"），但未填写未完成原因和改进措施。请补填")
			}
		case jixiao.StatusQualitative:
			if r.Band == nil && r.Target.Kind != phrase.KindEmpty {
				a.onIndicator(r, RuleBandMissing, jixiao.SeverityWarning, "actual",
					"定性指标的实际完成值未给出百分比档次。请按 100%-80%（含）、80%-60%（含）、60%-0% 三档填写百分比（如“90%”），以便汇总时按资金额度加权平均")
			}
		case jixiao.StatusUndetermined:
			switch r.Issue {
			case judge.IssueUnitMismatch:
				a.onIndicator(r, RuleUnitMismatch, jixiao.SeverityWarning, "actual",
					r.Explanation+"。请使实际完成值与指标值使用同一计量单位")
			case judge.IssueParts:
				// reported as composite-mismatch below
			case judge.IssueContradiction:
				a.onIndicator(r, RuleUndetermined, jixiao.SeverityWarning, "actual",
					r.Explanation+"。请在实际完成值中写明实际达到的数值，或在“未完成原因和改进措施”栏说明")
			default:
				field := "actual"
				if r.Issue == judge.IssueTargetEmpty {
					field = "target"
				}
				a.onIndicator(r, RuleUndetermined, jixiao.SeverityWarning, field,
					r.Explanation+"。请填写可比较的数值、单位或完成时间")
			}
		}
		a.parts(r)
	}
}

// parts checks composite targets against their actuals and stated totals
// against their parts.
func (a *auditor) parts(r *judge.Result) {
	if r.UnmatchedParts > 0 {
		a.onIndicator(r, RuleCompositeMismatch, jixiao.SeverityWarning, "actual",
			"指标值有 "+itoa(len(r.Target.Parts))+" 个分项，其中 "+itoa(r.UnmatchedParts)+" 个在实际完成值中找不到相同单位的数值（"+r.Explanation+"）。请按分项逐一填写实际完成值")
	} else if r.Target.Kind == phrase.KindComposite && isList(r.Actual) && len(r.Actual.Parts) != len(r.Target.Parts) {
		a.onIndicator(r, RuleCompositeMismatch, jixiao.SeverityInfo, "actual",
			"指标值有 "+itoa(len(r.Target.Parts))+" 个分项，实际完成值列了 "+itoa(len(r.Actual.Parts))+" 项，请核对分项是否一一对应")
	}
	for _, side := range []struct {
		field string
		p     phrase.Phrase
	}{{"target", r.Target}, {"actual", r.Actual}} {
		total, sum, n, ok := partsSum(side.p)
		if ok && n >= 2 && !sum.Equal(total.Value) {
			a.onIndicator(r, RulePartsSum, jixiao.SeverityError, side.field,
				"所列分项合计为 "+sum.String()+total.UnitText+"，与写明的总数“"+total.Text+"”不一致。请核对各分项或总数")
		}
	}
}

// isList reports whether an actual is a plain list of values ("49万、17万、
// 22.436万"), as opposed to a sentence that mentions several numbers.
func isList(p phrase.Phrase) bool {
	if p.Kind != phrase.KindComposite {
		return false
	}
	for _, part := range p.Parts {
		if len([]rune(part.Text)) > 12 {
			return false
		}
	}
	return true
}

// partsSum adds the quantities listed before a stated total (共19家) that
// share its unit.
func partsSum(p phrase.Phrase) (total phrase.Quantity, sum decimal.Decimal, n int, ok bool) {
	for i, q := range p.Quantities {
		if !q.Total {
			continue
		}
		for _, part := range p.Quantities[:i] {
			if part.Total || part.Unit != q.Unit || part.Bound != phrase.Exact {
				continue
			}
			sum = decimals.Add(sum, part.Value)
			n++
		}
		return q, sum, n, true
	}
	return total, sum, 0, false
}

func itoa(n int) string { return strconv.Itoa(n) }
