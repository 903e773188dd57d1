package rollup

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

// entry is one member's instance of an indicator.
type entry struct {
	m   *member
	in  *jixiao.Indicator
	res *judge.Result              // the member's own judgement of it
	agg *jixiao.AggregateIndicator // region members: how it was aggregated
}

// group gathers the instances of one indicator across members.
type group struct {
	key     string
	level1  string // normalised
	cat     jixiao.Category
	name    string // folded name
	first   *jixiao.Indicator
	entries []entry
}

// indicatorKey matches indicators across members: normalised level 1,
// level 2 and name, tolerant of the 指标N： prefix, punctuation and width.
func indicatorKey(in *jixiao.Indicator) (key, l1 string, cat jixiao.Category, name string) {
	l1, _ = jixiao.NormalizeLevel1(in.Level1)
	cat = jixiao.NormalizeLevel2(in.Level2)
	l2 := string(cat)
	if cat == jixiao.CategoryUnknown {
		l2 = fold(in.Level2)
	}
	name = fold(in.Name)
	return fold(l1) + "/" + l2 + "/" + name, l1, cat, name
}

func (r *roller) groups() []*group {
	var order []*group
	byKey := map[string]*group{}
	// members repeat the same names: fold each distinct one once
	type names struct{ l1, l2, name string }
	type folded struct {
		key, l1, name string
		cat           jixiao.Category
	}
	keys := map[names]folded{}
	for _, m := range r.members {
		for i := range m.form.Indicators {
			in := &m.form.Indicators[i]
			n := names{in.Level1, in.Level2, in.Name}
			k, ok := keys[n]
			if !ok {
				k.key, k.l1, k.cat, k.name = indicatorKey(in)
				keys[n] = k
			}
			key, l1, cat, name := k.key, k.l1, k.cat, k.name
			g := byKey[key]
			if g == nil {
				g = &group{key: key, level1: l1, cat: cat, name: name, first: in}
				byKey[key] = g
				order = append(order, g)
			}
			e := entry{m: m, in: in, res: &m.results[i]}
			if a := m.form.Aggregation; a != nil && i < len(a.Indicators) {
				e.agg = &a.Indicators[i]
			}
			g.entries = append(g.entries, e)
		}
	}
	return order
}

// indicators aggregates every indicator and writes the region form's rows.
func (r *roller) indicators(out *jixiao.Form) {
	gs := r.groups()
	ordinals := map[string]int{}
	for _, g := range gs {
		ordinals[g.first.Level1+"/"+g.first.Level2]++
		n := ordinals[g.first.Level1+"/"+g.first.Level2]
		agg, target, actual := r.aggregate(g)
		in := jixiao.Indicator{
			Level1:  g.first.Level1,
			Level2:  g.first.Level2,
			Name:    g.first.Name,
			Ordinal: n,
			Label:   "指标" + strconv.Itoa(n) + "：" + g.first.Name,
			Target:  target,
			Actual:  actual,
			Reason:  reasons(g),
		}
		out.Indicators = append(out.Indicators, in)
		out.Aggregation.Indicators = append(out.Aggregation.Indicators, agg)
		idx := len(out.Indicators) - 1
		r.coverage(g, idx, &out.Indicators[idx])
		if agg.Method == jixiao.MethodQualitative {
			r.bandsMissing(g, idx, &out.Indicators[idx])
		}
		if agg.Problem != "" {
			rule := RuleUnitMismatch
			if !strings.Contains(agg.Problem, "单位") {
				rule = RuleMethodMismatch
			}
			r.onIndicator(&out.Indicators[idx], idx, rule, jixiao.SeverityError, agg.Problem)
		}
		for i, v := range agg.Actual {
			if v.Denominator != nil && v.Denominator.IsZero() {
				r.onIndicator(&out.Indicators[idx], idx, RuleZeroWeight, jixiao.SeverityWarning,
					"第"+strconv.Itoa(i+1)+"项按资金额度加权平均时总权重为 0（各单位的"+r.opt.Weight.Label()+"均为 0 或未填），无法计算，判定为无法判定。请补填资金情况或改用其他加权依据（--weight）")
			}
		}
	}
	r.nearMatches(gs, out)
}

func (r *roller) onIndicator(in *jixiao.Indicator, idx int, rule string, sev jixiao.Severity, msg string) {
	r.findings = append(r.findings, jixiao.Finding{Rule: rule, Severity: sev, Section: jixiao.SectionIndicators,
		Indicator: idx, At: in.Path(), Field: "actual", Message: msg})
}

// coverage reports an indicator that only some members have.
func (r *roller) coverage(g *group, idx int, in *jixiao.Indicator) {
	if len(g.entries) == len(r.members) {
		return
	}
	var missing []string
	for _, m := range r.members {
		found := false
		for _, e := range g.entries {
			if e.m == m {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, m.name)
		}
	}
	r.onIndicator(in, idx, RulePartial, jixiao.SeverityInfo,
		"该指标只出现在 "+strconv.Itoa(len(g.entries))+"/"+strconv.Itoa(len(r.members))+" 张表中，已按这些表汇总；缺少该指标的："+strings.Join(missing, "、"))
}

// bandsMissing reports members that gave no band for a qualitative
// indicator when others did: the region's band is averaged over those that
// gave one, which flatters it.
func (r *roller) bandsMissing(g *group, idx int, in *jixiao.Indicator) {
	var missing []string
	for _, e := range g.entries {
		switch {
		case e.agg == nil && e.res.Band == nil:
			missing = append(missing, e.m.name)
		case e.agg != nil && (len(e.agg.Actual) == 0 || e.agg.Actual[0].Numerator == nil):
			missing = append(missing, e.m.name)
		}
	}
	if len(missing) == 0 || len(missing) == len(g.entries) {
		return // none missing, or none given: the region row itself says so
	}
	r.onIndicator(in, idx, RuleBandMissing, jixiao.SeverityWarning,
		"定性指标的档次只按填写了百分比的 "+strconv.Itoa(len(g.entries)-len(missing))+"/"+strconv.Itoa(len(g.entries))+
			" 张表加权平均；未填写档次的："+strings.Join(missing, "、")+"。汇总档次可能偏高，请让这些单位按 100%-80%、80%-60%、60%-0% 补填")
}

// nearMatches reports indicators whose names are close but not equal: they
// are kept apart (never silently merged) and a reviewer decides.
func (r *roller) nearMatches(gs []*group, out *jixiao.Form) {
	for i, a := range gs {
		for j := i + 1; j < len(gs); j++ {
			b := gs[j]
			if a.level1 != b.level1 || a.cat != b.cat || sharesMember(a, b) || !near(a.name, b.name) {
				continue
			}
			in := &out.Indicators[j]
			r.onIndicator(in, j, RuleNearMatch, jixiao.SeverityWarning,
				"指标“"+b.first.Name+"”与“"+a.first.Name+"”名称相近但不相同，未合并汇总。如属同一指标，请统一各单位表中的名称后重新汇总")
		}
	}
}

// sharesMember reports whether some member has both indicators: then they
// are distinct by the member's own design, however alike their names.
func sharesMember(a, b *group) bool {
	for _, x := range a.entries {
		for _, y := range b.entries {
			if x.m == y.m {
				return true
			}
		}
	}
	return false
}

// near reports names that differ by a little: one contains the other, or
// they are at most two edits apart.
func near(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < 4 || len(rb) < 4 {
		return false
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return true
	}
	if d := len(ra) - len(rb); d > 2 || d < -2 {
		return false
	}
	return editDistance(ra, rb) <= 2
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// reasons gathers the members' reasons for missed targets.
func reasons(g *group) string {
	var out []string
	for _, e := range g.entries {
		reason := strings.TrimSpace(e.in.Reason)
		if reason == "" || judge.DeclaredDone(reason) || reason == "无" {
			continue
		}
		if e.agg != nil {
			out = append(out, reason)
		} else {
			out = append(out, e.m.name+"："+reason)
		}
	}
	if len(out) == 0 {
		return "已完成"
	}
	return strings.Join(out, "；")
}

// shape is how one member's indicator adds up.
type shape struct {
	method  string
	units   []string
	targets []*decimal.Decimal // per part, canonical units
	actuals []*decimal.Decimal
	cmp     phrase.Comparator
	cumul   bool
	display []string // unit as it should be written per part (万元, 件…)
	problem string
}

// leafShape reads a unit form's indicator into values per part.
func leafShape(e entry, cat jixiao.Category) shape {
	t := e.res.Target
	fundsUnit := e.m.form.Funds.Unit
	switch {
	case t.Kind == phrase.KindEmpty:
		return shape{method: jixiao.MethodNone, problem: "指标值为空"}
	case cat == jixiao.CategoryTimeliness || t.Kind == phrase.KindDeadline || allParts(t, phrase.KindDeadline):
		return shape{method: jixiao.MethodDeadline}
	case t.Kind == phrase.KindQualitative || allParts(t, phrase.KindQualitative):
		s := shape{method: jixiao.MethodQualitative, units: []string{"%"}, display: []string{"%"}}
		var band *decimal.Decimal
		if e.res.Band != nil {
			b := *e.res.Band
			band = &b
		}
		s.actuals = []*decimal.Decimal{band}
		s.targets = []*decimal.Decimal{nil}
		return s
	}
	parts := []phrase.Phrase{t}
	if t.Kind == phrase.KindComposite {
		parts = t.Parts
	}
	s := shape{method: jixiao.MethodSum, cmp: parts[0].Comparator, cumul: t.Cumulative}
	for i, p := range parts {
		q := p.Quantity
		if p.Kind == phrase.KindRange {
			q = p.Min
		}
		if q == nil {
			return shape{method: jixiao.MethodNone, problem: "指标值“" + t.Text + "”的第" + strconv.Itoa(i+1) + "项没有数值"}
		}
		unit, tv, disp := canonical(*q, cat, fundsUnit)
		s.units = append(s.units, unit)
		s.display = append(s.display, disp)
		s.targets = append(s.targets, &tv)
		var av *decimal.Decimal
		if i < len(e.res.PartActuals) && e.res.PartActuals[i] != nil {
			au, v, _ := canonical(*e.res.PartActuals[i], cat, fundsUnit)
			if compatibleUnit(unit, au) {
				av = &v
			}
		}
		s.actuals = append(s.actuals, av)
		if unit == "%" {
			s.method = jixiao.MethodWeighted
		}
	}
	return s
}

func allParts(p phrase.Phrase, k phrase.Kind) bool {
	if p.Kind != phrase.KindComposite || len(p.Parts) == 0 {
		return false
	}
	for _, part := range p.Parts {
		if part.Kind != k {
			return false
		}
	}
	return true
}

// canonical returns a quantity's canonical unit, its value in that unit and
// the unit to write it in: money in 元 (written 万元 or 亿元), the rest as is.
func canonical(q phrase.Quantity, cat jixiao.Category, fundsUnit string) (unit string, v decimal.Decimal, display string) {
	if q.Unit == "元" || (q.Unit == "" && cat == jixiao.CategoryCost) {
		v, _ = judge.MoneyValue(q, fundsUnit)
		display = "万元"
		switch {
		case strings.Contains(q.Text, "亿"):
			display = "亿元"
		case q.UnitText == "元":
			display = "元"
		}
		return "元", v, display
	}
	return q.Unit, q.Value, q.Unit
}

// compatibleUnit: equal units add up; a bare number takes the other's unit.
func compatibleUnit(a, b string) bool {
	return a == b || a == "" || b == ""
}

// regionShape reads a region member's aggregated indicator.
func regionShape(e entry) shape {
	a := e.agg
	s := shape{method: a.Method, problem: a.Problem}
	for i, v := range a.Target {
		s.units = append(s.units, v.Unit)
		s.display = append(s.display, displayUnit(v.Unit, e.in.Target, i))
	}
	if t := e.res.Target; t.Kind != phrase.KindEmpty {
		s.cmp, s.cumul = t.Comparator, t.Cumulative
		if t.Kind == phrase.KindComposite && len(t.Parts) > 0 {
			s.cmp = t.Parts[0].Comparator
		}
	}
	return s
}

// displayUnit guesses how a region member wrote part i's unit.
func displayUnit(unit, text string, i int) string {
	if unit != "元" {
		return unit
	}
	parts := strings.Split(text, "、")
	if i < len(parts) && strings.Contains(parts[i], "亿") {
		return "亿元"
	}
	return "万元"
}

// aggregate adds up a group and writes the region's target and actual.
func (r *roller) aggregate(g *group) (agg jixiao.AggregateIndicator, target, actual string) {
	shapes := make([]shape, len(g.entries))
	for i, e := range g.entries {
		if e.agg != nil {
			shapes[i] = regionShape(e)
		} else {
			shapes[i] = leafShape(e, g.cat)
		}
	}
	first := shapes[0]
	agg.Method = first.method
	for i, s := range shapes {
		if s.problem != "" {
			agg.Method, agg.Problem = jixiao.MethodNone, g.entries[i].m.name+"："+s.problem
			break
		}
		if s.method != first.method && !(isNumeric(s.method) && isNumeric(first.method)) {
			agg.Method = jixiao.MethodNone
			agg.Problem = "各表对该指标的填法不同（" + methodLabel(first.method) + "与" + methodLabel(s.method) + "），无法汇总"
			break
		}
		if len(s.units) != len(first.units) {
			agg.Method = jixiao.MethodNone
			agg.Problem = "各表该指标的分项数不同（" + strconv.Itoa(len(first.units)) + "项与" + strconv.Itoa(len(s.units)) + "项），无法汇总"
			break
		}
	}
	if agg.Method == jixiao.MethodNone {
		return r.unaggregated(g, agg)
	}
	units := append([]string(nil), first.units...)
	for i := range units {
		for j, s := range shapes {
			u := s.units[i]
			switch {
			case units[i] == "":
				units[i] = u
			case u != "" && u != units[i]:
				agg.Method = jixiao.MethodNone
				agg.Problem = "各表该指标的单位不一致（" + units[i] + "与" + u + "，见" + g.entries[j].m.name + "），无法换算汇总"
				return r.unaggregated(g, agg)
			}
		}
	}
	if len(units) > 0 {
		agg.Unit = units[0]
	}
	switch agg.Method {
	case jixiao.MethodDeadline:
		return r.deadline(g, shapes, agg)
	}
	return r.numeric(g, shapes, units, agg)
}

func isNumeric(m string) bool { return m == jixiao.MethodSum || m == jixiao.MethodWeighted }

func methodLabel(m string) string {
	switch m {
	case jixiao.MethodSum:
		return "数值"
	case jixiao.MethodWeighted:
		return "比率"
	case jixiao.MethodDeadline:
		return "完成时限"
	case jixiao.MethodQualitative:
		return "定性描述"
	}
	return "无法识别"
}

// unaggregated keeps the first member's target and explains why the actual
// could not be aggregated.
func (r *roller) unaggregated(g *group, agg jixiao.AggregateIndicator) (jixiao.AggregateIndicator, string, string) {
	for _, e := range g.entries {
		agg.Members += unitCount(e)
		agg.Contributions = append(agg.Contributions, contribution(e, nil, nil))
	}
	return agg, g.first.Target, "无法汇总：" + agg.Problem
}

// unitCount is how many fund-using units an entry stands for.
func unitCount(e entry) int {
	if e.agg != nil {
		return e.agg.Members
	}
	return 1
}

func contribution(e entry, targets, actuals []jixiao.AggregateValue) jixiao.Contribution {
	return jixiao.Contribution{
		Member: e.m.name, Target: e.in.Target, Actual: e.in.Actual, Status: e.res.Status,
		Weight: e.m.weight, Targets: targets, Actuals: actuals,
	}
}

// deadline: met only when every unit met it; the share of units on time.
func (r *roller) deadline(g *group, _ []shape, agg jixiao.AggregateIndicator) (jixiao.AggregateIndicator, string, string) {
	for _, e := range g.entries {
		n := unitCount(e)
		on := 0
		switch {
		case e.agg != nil:
			on = e.agg.OnTime
		case e.res.Status == jixiao.StatusMet:
			on = 1
		}
		agg.Members += n
		agg.OnTime += on
		agg.Contributions = append(agg.Contributions, contribution(e, nil, nil))
	}
	share := strconv.Itoa(agg.OnTime) + "/" + strconv.Itoa(agg.Members) + "个单位按时"
	if agg.OnTime == agg.Members {
		return agg, g.first.Target, "按时完成（" + share + "）"
	}
	late := strconv.Itoa(agg.Members - agg.OnTime)
	return agg, g.first.Target, late + "个单位未按时完成（" + share + "）"
}

// numeric sums absolute parts and averages relative parts and qualitative
// bands weighted by fund amount.
func (r *roller) numeric(g *group, shapes []shape, units []string, agg jixiao.AggregateIndicator) (jixiao.AggregateIndicator, string, string) {
	n := len(units)
	agg.Target = make([]jixiao.AggregateValue, n)
	agg.Actual = make([]jixiao.AggregateValue, n)
	weighted := func(i int) bool {
		return units[i] == "%" || agg.Method == jixiao.MethodQualitative
	}
	for i := range n {
		agg.Target[i].Unit, agg.Actual[i].Unit = units[i], units[i]
	}
	for k, e := range g.entries {
		agg.Members += unitCount(e)
		s := shapes[k]
		var ts, as []jixiao.AggregateValue
		if e.agg != nil {
			ts, as = e.agg.Target, e.agg.Actual
		} else {
			ts, as = make([]jixiao.AggregateValue, n), make([]jixiao.AggregateValue, n)
			w := e.m.weight
			for i := range n {
				ts[i].Unit, as[i].Unit = units[i], units[i]
				if weighted(i) {
					if s.targets[i] != nil {
						ts[i].Numerator, ts[i].Denominator = ptr(w.Mul(*s.targets[i])), ptr(w)
					}
					if s.actuals[i] != nil {
						as[i].Numerator, as[i].Denominator = ptr(w.Mul(*s.actuals[i])), ptr(w)
					}
				} else {
					ts[i].Sum, as[i].Sum = s.targets[i], s.actuals[i]
				}
			}
		}
		for i := range n {
			add(&agg.Target[i], ts[i])
			add(&agg.Actual[i], as[i])
		}
		agg.Contributions = append(agg.Contributions, contribution(e, ts, as))
	}
	if agg.Method == jixiao.MethodQualitative {
		agg.Target = []jixiao.AggregateValue{{Unit: "%"}}
		if v, ok := agg.Actual[0].Value(); ok {
			return agg, g.first.Target, "按资金额度加权平均档次 " + percentText(v)
		}
		return agg, g.first.Target, "各单位均未填写百分比档次"
	}
	first := shapes[0]
	var tparts, aparts []string
	for i := range n {
		disp := units[i]
		if i < len(first.display) {
			disp = first.display[i]
		}
		tv, ok := agg.Target[i].Value()
		if ok {
			tparts = append(tparts, comparatorWord(first.cmp, first.cumul, units[i])+formatValue(tv, units[i], disp))
		} else {
			tparts = append(tparts, "—")
		}
		av, ok := agg.Actual[i].Value()
		if ok {
			aparts = append(aparts, formatValue(av, units[i], disp))
		} else {
			aparts = append(aparts, "未填写")
		}
	}
	return agg, strings.Join(tparts, "、"), strings.Join(aparts, "、")
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

// add adds a member's value into the aggregate: sums to the sum, weighted
// values numerator to numerator and denominator to denominator.
func add(into *jixiao.AggregateValue, v jixiao.AggregateValue) {
	if v.Sum != nil {
		into.Sum = ptr(orZero(into.Sum).Add(*v.Sum))
	}
	if v.Numerator != nil && v.Denominator != nil {
		into.Numerator = ptr(orZero(into.Numerator).Add(*v.Numerator))
		into.Denominator = ptr(orZero(into.Denominator).Add(*v.Denominator))
	}
}

func orZero(d *decimal.Decimal) decimal.Decimal {
	if d == nil {
		return decimal.Zero
	}
	return *d
}

func comparatorWord(c phrase.Comparator, cumulative bool, unit string) string {
	if cumulative {
		return "累计达到"
	}
	switch c {
	case phrase.GE:
		if unit == "%" {
			return "不低于"
		}
		return "不少于"
	case phrase.GT:
		return "大于"
	case phrase.LE:
		return "不超过"
	case phrase.LT:
		return "低于"
	}
	return ""
}

// formatValue writes a canonical value in its display unit: 11000000 元 →
// 1100万元; 97.5 % → 97.5%.
func formatValue(v decimal.Decimal, unit, display string) string {
	switch {
	case unit == "%":
		return percentText(v)
	case unit == "元" && display == "万元":
		return v.Div(decimal.NewFromInt(10000)).String() + "万元"
	case unit == "元" && display == "亿元":
		return v.Div(decimal.NewFromInt(100000000)).String() + "亿元"
	}
	return v.String() + unit
}

// percentText rounds a weighted percentage to two places for display; the
// exact numerator and denominator stay in the aggregation.
func percentText(v decimal.Decimal) string {
	return v.Round(2).String() + "%"
}
