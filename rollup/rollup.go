// Package rollup aggregates the forms of one program and year into a region
// form, by the rules of the form's own footnotes (docs/domain.md §5): absolute
// values summed, relative values and qualitative bands averaged weighted by
// each member's fund amount, deadlines met only when every unit met them.
// Weighted values keep their numerator and denominator, so rolling up
// region forms again gives exactly what rolling up the leaves gives.
package rollup

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

// Rule ids of rollup findings (docs/contract.md).
const (
	RulePartial        = "rollup-partial"         // an indicator only some members have
	RuleNearMatch      = "rollup-near-match"      // similar indicator names, not merged
	RuleUnitMismatch   = "rollup-unit-mismatch"   // values that cannot be converted (家 with 件)
	RuleMethodMismatch = "rollup-method-mismatch" // a deadline in one member, a number in another…
	RuleZeroWeight     = "rollup-zero-weight"     // a weighted value with total weight zero
	RuleWeightMissing  = "rollup-weight-missing"  // a member without the fund amount that weights it
	RuleBandMissing    = "rollup-band-missing"    // a qualitative band averaged over only some members
)

// Rules lists the rollup's own rules (docs/contract.md).
var Rules = []jixiao.Rule{
	{ID: RulePartial, Severity: jixiao.SeverityInfo, Title: "该指标只出现在部分成员的表中，已按这些表汇总"},
	{ID: RuleNearMatch, Severity: jixiao.SeverityWarning, Title: "不同成员的指标名称相近但不相同，未合并汇总"},
	{ID: RuleUnitMismatch, Severity: jixiao.SeverityError, Title: "各成员的数值单位无法换算（如 家 与 件），该指标未汇总"},
	{ID: RuleMethodMismatch, Severity: jixiao.SeverityError, Title: "各成员对同一指标的填法不同（时限与数值、分项数不同），该指标未汇总"},
	{ID: RuleZeroWeight, Severity: jixiao.SeverityWarning, Title: "按资金额度加权平均时总权重为 0，无法计算"},
	{ID: RuleWeightMissing, Severity: jixiao.SeverityWarning, Title: "成员的表中没有用作权重的资金数，按权重 0 计"},
	{ID: RuleBandMissing, Severity: jixiao.SeverityWarning, Title: "定性档次只按填写了百分比的成员加权平均，可能偏高"},
}

// Options of a rollup.
type Options struct {
	Region  string             // region name of the result; derived from the members when empty
	Weight  jixiao.WeightBasis // budget (default), executed or central
	Program string             // the program's name without region, when members word it differently

	// Fields the department fills on its region form.
	LocalDept, Filler, Phone, FillDate string
}

// Result is a region form with what the rollup noticed.
type Result struct {
	Form     *jixiao.Form     // the region form; Form.Aggregation says how
	Findings []jixiao.Finding // rollup findings
	Members  []*jixiao.Form   // the forms aggregated, in order (for drill-down)
	// Judged is the judgement of Form's indicators, made once here so that
	// rolling this region up further does not judge it again.
	Judged []judge.Result
}

// member is one form being aggregated.
type member struct {
	form    *jixiao.Form
	name    string
	weight  decimal.Decimal // 万元
	results []judge.Result  // unit forms: the judgement of each indicator
}

// Rollup aggregates members (unit forms, or region forms made by Rollup)
// into one region form.
func Rollup(forms []*jixiao.Form, opt Options) (*Result, error) {
	return rollup(forms, opt, nil)
}

// rollup aggregates forms; judged holds judgements already made of some of
// them (region forms of the level below), keyed by form.
func rollup(forms []*jixiao.Form, opt Options, judged map[*jixiao.Form][]judge.Result) (*Result, error) {
	if len(forms) == 0 {
		return nil, jixiao.Invalid("没有可汇总的自评表")
	}
	if opt.Weight == "" {
		opt.Weight = jixiao.WeightBudget
	}
	if err := compatible(forms, &opt); err != nil {
		return nil, err
	}
	r := &roller{opt: opt}
	r.members = make([]*member, len(forms))
	names := map[string]int{}
	for i, f := range forms {
		m := &member{form: f, name: memberName(f)}
		names[m.name]++
		if rs, ok := judged[f]; ok {
			m.results = rs
		} else {
			m.results = judge.Form(f)
		}
		r.members[i] = m
	}
	for _, m := range r.members {
		if names[m.name] > 1 && m.form.Source != "" {
			m.name += "（" + m.form.Source + "）"
		}
		r.weigh(m)
	}
	out := r.regionForm(forms)
	r.funds(out)
	r.indicators(out)
	r.texts(out)
	return &Result{Form: out, Findings: r.findings, Members: forms, Judged: judge.Form(out)}, nil
}

type roller struct {
	opt      Options
	members  []*member
	findings []jixiao.Finding
}

func memberName(f *jixiao.Form) string {
	if f.Aggregation != nil {
		return f.Aggregation.Region
	}
	for _, s := range []string{f.Header.Unit, f.Header.Region, f.Header.Program, f.Source} {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return "（未命名）"
}

// programBase is the program name without its region, folded for comparison.
func programBase(f *jixiao.Form) string {
	return fold(jixiao.WithoutRegion(f.Header.Program))
}

// fold makes names comparable: half-width, no spaces or punctuation.
func fold(s string) string {
	k := jixiao.Key(s)
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("、，。；,.;()（）《》“”\"'‘’-—_·/", r) {
			return -1
		}
		return r
	}, k)
}

// compatible refuses members of different years or programs, and fills in
// the program and region of the result.
func compatible(forms []*jixiao.Form, opt *Options) error {
	first := forms[0]
	var diffs []string
	for _, f := range forms[1:] {
		if f.Year != first.Year {
			diffs = append(diffs, describe(f)+"：“"+itoaYear(f.Year)+"”")
		}
	}
	if len(diffs) > 0 {
		return jixiao.Invalid("不能汇总不同年度的自评表：%s为“%s”，而%s。请只汇总同一年度的表", describe(first), itoaYear(first.Year), strings.Join(diffs, "，"))
	}
	if opt.Program == "" {
		base := programBase(first)
		for _, f := range forms[1:] {
			if programBase(f) != base {
				return jixiao.Invalid("不能汇总不同项目的自评表：“%s”与“%s”去掉地区后名称不同。如果确属同一项目，请用 --program 指定项目名称（不含地区）", first.Header.Program, f.Header.Program)
			}
		}
		opt.Program = jixiao.WithoutRegion(first.Header.Program)
	}
	if opt.Region == "" {
		opt.Region = CommonRegion(forms)
		if opt.Region == "" {
			return jixiao.Invalid("各表所属地区没有共同的上级地区，请用 --region 指定汇总后的地区名称")
		}
	}
	if opt.Weight != jixiao.WeightBudget && opt.Weight != jixiao.WeightExecuted && opt.Weight != jixiao.WeightCentral {
		return jixiao.Invalid("加权依据“%s”无效，应为 budget（全年预算数）、executed（全年执行数）或 central（中央财政资金）", opt.Weight)
	}
	for _, f := range forms {
		if f.Aggregation != nil && f.Aggregation.Weight != opt.Weight {
			return jixiao.Invalid("%s 是按%s加权汇总的，与本次的加权依据（%s）不同，结果将不一致。请用相同的 --weight 重新汇总", describe(f), f.Aggregation.Weight.Label(), opt.Weight.Label())
		}
	}
	return nil
}

func describe(f *jixiao.Form) string {
	if f.Source != "" {
		return f.Source
	}
	return memberName(f)
}

func itoaYear(y int) string {
	if y == 0 {
		return "未写年度"
	}
	return decimal.NewFromInt(int64(y)).String() + "年"
}

// CommonRegion is the longest region that starts every form's region:
// 北京市朝阳区 and 北京市海淀区 → 北京市; "" when there is none.
func CommonRegion(forms []*jixiao.Form) string {
	var common []rune
	for i, f := range forms {
		region := []rune(f.RegionName())
		if i == 0 {
			common = region
			continue
		}
		n := 0
		for n < len(common) && n < len(region) && common[n] == region[n] {
			n++
		}
		common = common[:n]
	}
	// cut at a region boundary: 北京市朝 → 北京市
	return jixiao.RegionOf(string(common))
}

// weigh sets a member's weight on the chosen basis, in 万元.
func (r *roller) weigh(m *member) {
	f := m.form
	var line *jixiao.FundLine
	var a jixiao.Amount
	switch r.opt.Weight {
	case jixiao.WeightExecuted:
		line = f.Funds.TotalLine()
		if line != nil {
			a = line.Executed
		}
	case jixiao.WeightCentral:
		line = f.Funds.Source(jixiao.FundCentral)
		if line != nil {
			a = line.Budget
		}
	default:
		line = f.Funds.TotalLine()
		if line != nil {
			a = line.Budget
		}
	}
	if line == nil || !a.Valid {
		r.findings = append(r.findings, jixiao.Finding{Rule: RuleWeightMissing, Severity: jixiao.SeverityWarning,
			Section: jixiao.SectionFunds, Indicator: -1, At: "汇总/" + m.name,
			Message: m.name + " 的表中没有" + r.opt.Weight.Label() + "，相对值和定性档次汇总时其权重按 0 计。请补填资金情况"})
		return
	}
	m.weight = jixiao.ToWan(a.Value, f.Funds.Unit)
}

// regionForm makes the header of the result.
func (r *roller) regionForm(forms []*jixiao.Form) *jixiao.Form {
	first := forms[0]
	units := 0
	for _, f := range forms {
		if f.Aggregation != nil {
			for _, m := range f.Aggregation.Members {
				units += m.Units
			}
		} else {
			units++
		}
	}
	out := &jixiao.Form{
		Title:    first.Title,
		Year:     first.Year,
		YearText: first.YearText,
		Header: jixiao.Header{
			Program:     r.opt.Region + r.opt.Program,
			CentralDept: firstNonEmpty(forms, func(f *jixiao.Form) string { return f.Header.CentralDept }),
			LocalDept:   r.opt.LocalDept,
			Unit:        "按区域汇总（" + decimal.NewFromInt(int64(units)).String() + "个资金使用单位）",
			Region:      r.opt.Region,
		},
		Filler:    r.opt.Filler,
		Phone:     r.opt.Phone,
		FillDate:  r.opt.FillDate,
		Footnotes: first.Footnotes,
		Aggregation: &jixiao.Aggregation{
			Region: r.opt.Region,
			Weight: r.opt.Weight,
		},
	}
	if out.Header.LocalDept == "" {
		if d := sameValue(forms, func(f *jixiao.Form) string { return f.Header.LocalDept }); d != "" {
			out.Header.LocalDept = d
		}
	}
	for i, m := range r.members {
		n := 1
		if forms[i].Aggregation != nil {
			n = 0
			for _, mm := range forms[i].Aggregation.Members {
				n += mm.Units
			}
		}
		region := m.form.RegionName()
		out.Aggregation.Members = append(out.Aggregation.Members, jixiao.Member{
			Name: m.name, Region: region, Source: m.form.Source, Weight: m.weight, Units: n,
		})
	}
	return out
}

func firstNonEmpty(forms []*jixiao.Form, get func(*jixiao.Form) string) string {
	for _, f := range forms {
		if v := strings.TrimSpace(get(f)); v != "" {
			return v
		}
	}
	return ""
}

// sameValue returns the value every form shares, or "".
func sameValue(forms []*jixiao.Form, get func(*jixiao.Form) string) string {
	v := get(forms[0])
	for _, f := range forms[1:] {
		if get(f) != v {
			return ""
		}
	}
	return v
}

// funds sums budget and executed line by line, in 万元, and recomputes
// rates. Lines of the members are matched by their place in the tree and
// their role (by their name where the role is unknown): every member's
// 中央财政资金 under its total adds up into the region's, and a source only
// some members have is still summed (docs/funds.md).
func (r *roller) funds(out *jixiao.Form) {
	out.Funds.Unit = "万元"
	type sums struct {
		a, b        decimal.Decimal
		filledA, fB bool
	}
	index := map[string]int{}
	var totals []*sums
	for _, m := range r.members {
		keys := fundPaths(&m.form.Funds)
		for i := range m.form.Funds.Lines {
			l := &m.form.Funds.Lines[i]
			j, ok := index[keys[i]]
			if !ok {
				parent := -1
				if l.Parent >= 0 {
					parent = index[keys[l.Parent]]
				}
				label := l.Role.Label()
				if l.Role == jixiao.FundUnknown {
					label = l.Name()
				}
				j = out.Funds.Add(jixiao.FundLine{Label: label, Role: l.Role, Parent: parent})
				index[keys[i]] = j
				totals = append(totals, &sums{})
			}
			s := totals[j]
			if l.Budget.Valid {
				s.a, s.filledA = s.a.Add(jixiao.ToWan(l.Budget.Value, m.form.Funds.Unit)), true
			}
			if l.Executed.Valid {
				s.b, s.fB = s.b.Add(jixiao.ToWan(l.Executed.Value, m.form.Funds.Unit)), true
			}
		}
	}
	for j, s := range totals {
		line := &out.Funds.Lines[j]
		if s.filledA {
			line.Budget = jixiao.Amount{Text: s.a.String(), Value: s.a, Valid: true}
		}
		if s.fB {
			line.Executed = jixiao.Amount{Text: s.b.String(), Value: s.b, Valid: true}
		}
		if s.filledA && s.fB && s.a.IsPositive() {
			line.RateText = s.b.Mul(decimal.NewFromInt(100)).DivRound(s.a, 2).StringFixed(2) + "%"
		}
	}
}

// fundPaths keys each funds line by its place: the keys of its ancestors
// and its own (role, or name when the role is unknown). A form with several
// top-level blocks numbers the repeats (total, total#2…).
func fundPaths(fs *jixiao.Funds) []string {
	keys := make([]string, len(fs.Lines))
	seen := map[string]int{}
	for i := range fs.Lines {
		l := &fs.Lines[i]
		k := string(l.Role)
		if l.Role == jixiao.FundUnknown {
			k = "?" + l.Name()
		}
		if l.Parent >= 0 && l.Parent < i {
			k = keys[l.Parent] + "/" + k
		}
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "#" + strconv.Itoa(n)
		}
		keys[i] = k
	}
	return keys
}

// texts gathers the free texts of the members, each prefixed with its name.
func (r *roller) texts(out *jixiao.Form) {
	var goal, done, notes []string
	for _, m := range r.members {
		f := m.form
		if g := strings.TrimSpace(f.Goal); g != "" {
			goal = append(goal, prefixed(m, g))
		}
		if a := strings.TrimSpace(f.Achievement); a != "" {
			done = append(done, prefixed(m, a))
		}
		if n := strings.TrimSpace(f.Notes); n != "" && n != "无" && !strings.Contains(n, "请在此处") {
			notes = append(notes, prefixed(m, n))
		}
	}
	out.Goal = strings.Join(goal, "\n")
	out.Achievement = strings.Join(done, "\n")
	out.Notes = strings.Join(notes, "\n")
	if out.Notes == "" {
		out.Notes = "无"
	}
}

// prefixed prefixes a member's text with its name, unless it is a region
// form's text that already carries its members' names.
func prefixed(m *member, text string) string {
	if m.form.Aggregation != nil {
		return text
	}
	return m.name + "：" + text
}
