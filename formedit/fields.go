// Package formedit edits a jixiao.Form field by field, as the web editor
// posts it: every cell the unit writes has a stable name derived from the
// layout.Ref of the cell that shows it (layout.Render), Apply builds the
// edited form from posted values, row operations add and remove indicator
// rows within the taxonomy and funds lines, and Merge merges two edits of
// one version field by field. It is pure: no web, no store.
//
// Field names:
//
//	header.program header.central_dept header.local_dept header.unit header.region
//	funds.<k>.label funds.<k>.budget funds.<k>.executed        (k: index in Funds.Lines)
//	funds.<k>.initial_budget funds.<k>.weight funds.<k>.score  (scored layouts)
//	goal.goal goal.achievement
//	ind.<i>.name ind.<i>.target ind.<i>.actual ind.<i>.reason (i: index in Indicators)
//	ind.<i>.weight ind.<i>.score                               (scored layouts)
//	notes
//	footer.filler footer.phone footer.fill_date
//
// The execution rate (funds.<k>.rate) is computed, never posted: Apply
// recomputes it (Recompute). Indices are positions: adding or removing a
// row renumbers the rows after it, so names are stable for one rendering
// of a form, which is what a page posts back.
package formedit

import (
	"strconv"
	"strings"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// field is one editable scalar of a form: how to read and write it, and its
// column's Chinese name.
type field struct {
	column string
	get    func(f *jixiao.Form, i int) string
	set    func(f *jixiao.Form, i int, v string)
}

var headerFields = map[string]field{
	"program":      {"转移支付（项目）名称", func(f *jixiao.Form, _ int) string { return f.Header.Program }, func(f *jixiao.Form, _ int, v string) { f.Header.Program = v }},
	"central_dept": {"中央主管部门", func(f *jixiao.Form, _ int) string { return f.Header.CentralDept }, func(f *jixiao.Form, _ int, v string) { f.Header.CentralDept = v }},
	"local_dept":   {"地方主管部门", func(f *jixiao.Form, _ int) string { return f.Header.LocalDept }, func(f *jixiao.Form, _ int, v string) { f.Header.LocalDept = v }},
	"unit":         {"资金使用单位", func(f *jixiao.Form, _ int) string { return f.Header.Unit }, func(f *jixiao.Form, _ int, v string) { f.Header.Unit = v }},
	"region":       {"所属区域", func(f *jixiao.Form, _ int) string { return f.Header.Region }, func(f *jixiao.Form, _ int, v string) { f.Header.Region = v }},
}

var goalFields = map[string]field{
	"goal":        {"总体目标", func(f *jixiao.Form, _ int) string { return f.Goal }, func(f *jixiao.Form, _ int, v string) { f.Goal = v }},
	"achievement": {"全年实际完成情况", func(f *jixiao.Form, _ int) string { return f.Achievement }, func(f *jixiao.Form, _ int, v string) { f.Achievement = v }},
}

var footerFields = map[string]field{
	"filler":    {"填表人", func(f *jixiao.Form, _ int) string { return f.Filler }, func(f *jixiao.Form, _ int, v string) { f.Filler = v }},
	"phone":     {"联系电话", func(f *jixiao.Form, _ int) string { return f.Phone }, func(f *jixiao.Form, _ int, v string) { f.Phone = v }},
	"fill_date": {"填写日期", func(f *jixiao.Form, _ int) string { return f.FillDate }, func(f *jixiao.Form, _ int, v string) { f.FillDate = v }},
}

var notesField = field{"说明", func(f *jixiao.Form, _ int) string { return f.Notes }, func(f *jixiao.Form, _ int, v string) { f.Notes = v }}

func line(f *jixiao.Form, k int) *jixiao.FundLine { return &f.Funds.Lines[k] }

var fundFields = map[string]field{
	"label": {"", func(f *jixiao.Form, k int) string { return line(f, k).Label }, func(f *jixiao.Form, k int, v string) {
		if l := line(f, k); l.Label != v || l.Role == "" {
			l.Label, l.Role = v, jixiao.FundRoleOf(v) // the role as read stays while the label does
		}
	}},
	"initial_budget": {"年初预算数", func(f *jixiao.Form, k int) string { return line(f, k).InitialBudget }, func(f *jixiao.Form, k int, v string) { line(f, k).InitialBudget = v }},
	"budget": {"全年预算数（A）", func(f *jixiao.Form, k int) string { return amountText(line(f, k).Budget) }, func(f *jixiao.Form, k int, v string) {
		line(f, k).Budget = jixiao.ParseAmount(v, f.Funds.Unit)
	}},
	"executed": {"全年执行数（B）", func(f *jixiao.Form, k int) string { return amountText(line(f, k).Executed) }, func(f *jixiao.Form, k int, v string) {
		line(f, k).Executed = jixiao.ParseAmount(v, f.Funds.Unit)
	}},
	"weight": {"分值", func(f *jixiao.Form, k int) string { return line(f, k).Weight }, func(f *jixiao.Form, k int, v string) { line(f, k).Weight = v }},
	"score":  {"得分", func(f *jixiao.Form, k int) string { return line(f, k).Score }, func(f *jixiao.Form, k int, v string) { line(f, k).Score = v }},
}

func ind(f *jixiao.Form, i int) *jixiao.Indicator { return &f.Indicators[i] }

var indicatorFields = map[string]field{
	"name": {"三级指标", func(f *jixiao.Form, i int) string { return indicatorLabel(ind(f, i)) }, func(f *jixiao.Form, i int, v string) {
		in := ind(f, i)
		in.Label = v
		in.Ordinal, in.Name = jixiao.SplitLabel(v)
	}},
	"target": {"指标值", func(f *jixiao.Form, i int) string { return ind(f, i).Target }, func(f *jixiao.Form, i int, v string) { ind(f, i).Target = v }},
	"actual": {"全年实际完成值", func(f *jixiao.Form, i int) string { return ind(f, i).Actual }, func(f *jixiao.Form, i int, v string) { ind(f, i).Actual = v }},
	"reason": {"未完成原因和改进措施", func(f *jixiao.Form, i int) string { return ind(f, i).Reason }, func(f *jixiao.Form, i int, v string) { ind(f, i).Reason = v }},
	"weight": {"分值", func(f *jixiao.Form, i int) string { return ind(f, i).Weight }, func(f *jixiao.Form, i int, v string) { ind(f, i).Weight = v }},
	"score":  {"得分", func(f *jixiao.Form, i int) string { return ind(f, i).Score }, func(f *jixiao.Form, i int, v string) { ind(f, i).Score = v }},
}

// amountText is a funds amount as the cell shows it (layout.Render's rule).
func amountText(a jixiao.Amount) string {
	if a.Text == "" && a.Valid {
		return a.Value.String()
	}
	return a.Text
}

// indicatorLabel is the level-3 cell as rendered: the label as written, or
// the name when there is none.
func indicatorLabel(in *jixiao.Indicator) string {
	if in.Label != "" {
		return in.Label
	}
	return in.Name
}

// Name is the field name of the cell showing ref, "" for a cell the unit
// does not write (labels, level names, the computed execution rate).
func Name(ref layout.Ref) string {
	switch ref.Section {
	case jixiao.SectionHeader:
		if _, ok := headerFields[ref.Field]; ok {
			return "header." + ref.Field
		}
	case jixiao.SectionGoal:
		if _, ok := goalFields[ref.Field]; ok {
			return "goal." + ref.Field
		}
	case jixiao.SectionNotes:
		if ref.Field == "notes" {
			return "notes"
		}
	case jixiao.SectionFunds:
		if _, ok := fundFields[ref.Field]; ok {
			return "funds." + strconv.Itoa(ref.FundLine) + "." + ref.Field
		}
	case jixiao.SectionIndicators:
		if _, ok := indicatorFields[ref.Field]; ok && ref.Indicator >= 0 {
			return "ind." + strconv.Itoa(ref.Indicator) + "." + ref.Field
		}
	}
	return ""
}

// RateName is the name of the computed execution rate of funds line k: it
// is shown, never posted.
func RateName(k int) string { return "funds." + strconv.Itoa(k) + ".rate" }

// FooterNames are the names of the 填表人 line's fields, in order.
var FooterNames = []string{"footer.filler", "footer.phone", "footer.fill_date"}

// lookup resolves a field name on f: the field and its row index (0 for
// fields outside rows). ok is false for a name that is not a field of f.
func lookup(f *jixiao.Form, name string) (fd field, i int, ok bool) {
	if name == "notes" {
		return notesField, 0, true
	}
	sec, rest, found := strings.Cut(name, ".")
	if !found {
		return field{}, 0, false
	}
	switch sec {
	case "header":
		fd, ok = headerFields[rest]
		return fd, 0, ok
	case "goal":
		fd, ok = goalFields[rest]
		return fd, 0, ok
	case "footer":
		fd, ok = footerFields[rest]
		return fd, 0, ok
	case "funds", "ind":
		idx, col, found := strings.Cut(rest, ".")
		if !found {
			return field{}, 0, false
		}
		n, err := strconv.Atoi(idx)
		if err != nil || n < 0 || strconv.Itoa(n) != idx {
			return field{}, 0, false
		}
		if sec == "funds" {
			fd, ok = fundFields[col]
			return fd, n, ok && n < len(f.Funds.Lines)
		}
		fd, ok = indicatorFields[col]
		return fd, n, ok && n < len(f.Indicators)
	}
	return field{}, 0, false
}

// Value returns the value of field name on f as the editor shows it.
func Value(f *jixiao.Form, name string) (string, bool) {
	fd, i, ok := lookup(f, name)
	if !ok {
		return "", false
	}
	return fd.get(f, i), true
}

// Names lists every editable field of f in form order: header, funds line
// by line, goal, indicators row by row, notes, footer. Scored columns are
// listed when the layout shows them (layout.Scored).
func Names(f *jixiao.Form) []string {
	names := []string{"header.program", "header.central_dept", "header.local_dept", "header.unit"}
	if f.Header.Region != "" && f.Header.Region != jixiao.DerivedRegion(&f.Header) {
		names = append(names, "header.region")
	}
	scored := layout.Scored(f)
	extras := false
	for _, l := range f.Funds.Lines {
		extras = extras || l.InitialBudget != "" || l.Weight != "" || l.Score != ""
	}
	for k := range f.Funds.Lines {
		p := "funds." + strconv.Itoa(k) + "."
		names = append(names, p+"label")
		if extras {
			names = append(names, p+"initial_budget")
		}
		names = append(names, p+"budget", p+"executed")
		if extras {
			names = append(names, p+"weight", p+"score")
		}
	}
	names = append(names, "goal.goal", "goal.achievement")
	for i := range f.Indicators {
		p := "ind." + strconv.Itoa(i) + "."
		names = append(names, p+"name", p+"target", p+"actual")
		if scored {
			names = append(names, p+"weight", p+"score")
		}
		names = append(names, p+"reason")
	}
	names = append(names, "notes")
	return append(names, FooterNames...)
}

// Label is the Chinese label of field name on f, for screen readers and
// conflict lists: 产出指标·成本指标·第1行 全年实际完成值, 资金情况·中央财政资金 全年预算数（A）.
func Label(f *jixiao.Form, name string) string {
	fd, i, ok := lookup(f, name)
	if !ok {
		return name
	}
	switch {
	case strings.HasPrefix(name, "funds."):
		l := line(f, i)
		who := l.Name()
		if strings.TrimSpace(who) == "" {
			who = "第" + strconv.Itoa(i+1) + "行"
		}
		if fd.column == "" {
			return "资金情况·第" + strconv.Itoa(i+1) + "行 名称"
		}
		return "资金情况·" + oneLine(who) + " " + fd.column
	case strings.HasPrefix(name, "ind."):
		in := ind(f, i)
		row := 1
		for j := i - 1; j >= 0 && f.Indicators[j].Level1 == in.Level1 && f.Indicators[j].Level2 == in.Level2; j-- {
			row++
		}
		return oneLine(in.Level1) + "·" + oneLine(in.Level2) + "·第" + strconv.Itoa(row) + "行 " + fd.column
	case strings.HasPrefix(name, "goal."):
		return "总体目标完成情况·" + fd.column
	case strings.HasPrefix(name, "footer."), strings.HasPrefix(name, "header."), name == "notes":
		return fd.column
	}
	return name
}

// oneLine joins a label broken over lines (一级\n指标).
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "")), "")
}

// Multiline reports whether field name holds running text (a textarea),
// rather than a short value (an input).
func Multiline(name string) bool {
	switch {
	case name == "notes", strings.HasPrefix(name, "goal."):
		return true
	case strings.HasPrefix(name, "ind."):
		return !strings.HasSuffix(name, ".weight") && !strings.HasSuffix(name, ".score")
	}
	return false
}

// Values are posted field values by name, as url.Values holds them.
type Values = map[string][]string

// Apply returns base with values set, without changing base: the form the
// editor shows. A name that is not a field of the form, or a value longer
// than a cell may be (jixiao.MaxCellBytes) or not UTF-8, is refused with a
// Chinese invalid-input error; control characters are removed
// (jixiao.WithoutControls), the rest is kept as typed. The execution rates are recomputed.
//
// Rows travel with the page: when values hold "ind.n" (the number of
// indicator rows), the rows are those posted — each with its level names
// (ind.<i>.level1, ind.<i>.level2, hidden in the page) and its cells — so
// rows added or removed in the browser before a save are part of the edit;
// likewise "funds.n" with funds.<k>.parent and funds.<k>.rate (the rate as
// declared, kept while it agrees with B/A). Without them base's rows stay.
func Apply(base *jixiao.Form, values Values) (*jixiao.Form, error) {
	f := Clone(base)
	rows, err := rowsOf(f, values)
	if err != nil {
		return nil, err
	}
	for name, vs := range values {
		if rows[name] {
			continue
		}
		fd, i, ok := lookup(f, name)
		if !ok {
			return nil, jixiao.Invalid("表单中有无法识别的栏目“%s”：页面可能已过期，请刷新后再填写", clip(name))
		}
		v, err := one(f, name, vs)
		if err != nil {
			return nil, err
		}
		fd.set(f, i, v)
	}
	Recompute(f)
	return f, nil
}

// one is the single value posted for name, checked.
func one(f *jixiao.Form, name string, vs []string) (string, error) {
	if len(vs) != 1 {
		return "", jixiao.Invalid("栏目“%s”提交了 %d 个值：应为一个；请刷新页面后再填写", Label(f, name), len(vs))
	}
	v := strings.ReplaceAll(vs[0], "\r\n", "\n")
	if len(v) > jixiao.MaxCellBytes {
		return "", jixiao.Invalid("“%s”太长（%s）：一格最多 %s，请精简", Label(f, name), jixiao.ByteSize(int64(len(v))), jixiao.ByteSize(jixiao.MaxCellBytes))
	}
	if !utf8.ValidString(v) {
		return "", jixiao.Invalid("“%s”含有无法识别的字符：请重新输入", Label(f, name))
	}
	return jixiao.WithoutControls(v), nil
}

// rowsOf rebuilds f's rows from the posted row structure (see Apply) and
// returns the names it used.
func rowsOf(f *jixiao.Form, values Values) (map[string]bool, error) {
	used := map[string]bool{}
	get := func(name string) (string, error) {
		used[name] = true
		vs, ok := values[name]
		if !ok {
			return "", jixiao.Invalid("表单缺少栏目“%s”：页面可能已过期，请刷新后再填写", name)
		}
		return one(f, name, vs)
	}
	count := func(name string, limit int) (int, bool, error) {
		if _, ok := values[name]; !ok {
			return 0, false, nil
		}
		v, err := get(name)
		if err != nil {
			return 0, false, err
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > limit {
			return 0, false, jixiao.Invalid("行数“%s”不对：应为 0 到 %d 的整数；请刷新页面后再填写", clip(v), limit)
		}
		return n, true, nil
	}
	n, ok, err := count("ind.n", jixiao.MaxIndicators)
	if err != nil {
		return nil, err
	}
	if ok {
		if f.Aggregation != nil && n != len(f.Indicators) {
			return nil, errAggregated()
		}
		f.Indicators = make([]jixiao.Indicator, n)
		for i := range f.Indicators {
			p := "ind." + strconv.Itoa(i) + "."
			in := &f.Indicators[i]
			if in.Level1, err = get(p + "level1"); err != nil {
				return nil, err
			}
			if in.Level2, err = get(p + "level2"); err != nil {
				return nil, err
			}
		}
	}
	if n, ok, err = count("funds.n", jixiao.MaxFundLines); err != nil || !ok {
		return used, err
	}
	f.Funds.Lines = make([]jixiao.FundLine, n)
	for k := range f.Funds.Lines {
		p := "funds." + strconv.Itoa(k) + "."
		l := &f.Funds.Lines[k]
		v, err := get(p + "parent")
		if err != nil {
			return nil, err
		}
		if l.Parent, err = strconv.Atoi(v); err != nil || l.Parent < -1 || l.Parent >= k {
			return nil, jixiao.Invalid("资金情况第 %d 行的上级行“%s”不对：请刷新页面后再填写", k+1, clip(v))
		}
		if l.RateText, err = get(p + "rate"); err != nil {
			return nil, err
		}
	}
	return used, nil
}

// clip shortens a posted name for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 && utf8.ValidString(s) {
		return s
	}
	r := []rune(strings.ToValidUTF8(s, "?"))
	return string(r[:min(len(r), 40)]) + "…"
}

// Recompute makes the computed cells agree with what they are computed
// from: the execution rate of every funds line. A declared rate that fits
// B/A at its precision (jixiao.Rate.Agrees) is kept as written; otherwise
// the rate becomes B/A in percent with two decimals, or blank when B/A
// cannot be computed. In the editor the rate is computed, as a
// spreadsheet's formula is: the unit cannot write a rate that contradicts
// its amounts.
func Recompute(f *jixiao.Form) {
	for k := range f.Funds.Lines {
		l := &f.Funds.Lines[k]
		A, B := l.Budget, l.Executed
		switch {
		case !A.Valid || !B.Valid:
			l.RateText = "" // nothing to compute it from
			continue
		case A.Value.Sign() == 0:
			continue // B/A is undefined: as written, for the audit to judge
		}
		if r, ok := jixiao.ParseRate(l.RateText); ok && r.Agrees(B.Value.Mul(hundred).DivRound(A.Value, 12)) {
			continue
		}
		l.RateText = jixiao.RateOf(&jixiao.FundLine{Budget: A, Executed: B}).Text
	}
}

// Clone is a deep copy of f's editable parts: rows and lines are new
// slices, so changing the copy never changes f. The aggregation of a
// region form is shared (the editor does not change it).
func Clone(f *jixiao.Form) *jixiao.Form {
	c := *f
	c.Funds.Lines = append([]jixiao.FundLine(nil), f.Funds.Lines...)
	c.Indicators = append([]jixiao.Indicator(nil), f.Indicators...)
	c.Footnotes = append([]string(nil), f.Footnotes...)
	c.Warnings = append([]string(nil), f.Warnings...)
	return &c
}

// Hidden lists the names and values of f's row structure, which the page
// posts in hidden inputs beside the cells (see Apply): the row counts, each
// indicator row's level names, each funds line's parent and declared rate.
func Hidden(f *jixiao.Form) [][2]string {
	out := [][2]string{{"ind.n", strconv.Itoa(len(f.Indicators))}}
	for i := range f.Indicators {
		p := "ind." + strconv.Itoa(i) + "."
		out = append(out, [2]string{p + "level1", f.Indicators[i].Level1}, [2]string{p + "level2", f.Indicators[i].Level2})
	}
	out = append(out, [2]string{"funds.n", strconv.Itoa(len(f.Funds.Lines))})
	for k := range f.Funds.Lines {
		p := "funds." + strconv.Itoa(k) + "."
		out = append(out, [2]string{p + "parent", strconv.Itoa(f.Funds.Lines[k].Parent)}, [2]string{p + "rate", f.Funds.Lines[k].RateText})
	}
	return out
}

// Post is everything the page posts for f: every field (Names) and the
// row structure (Hidden). Apply(g, Post(f)) gives f's content on g.
func Post(f *jixiao.Form) Values {
	v := Values{}
	for _, name := range Names(f) {
		x, _ := Value(f, name)
		v[name] = []string{x}
	}
	for _, h := range Hidden(f) {
		v[h[0]] = []string{h[1]}
	}
	return v
}

// Equal reports whether a and b hold the same content in the editor's
// terms: the same fields with the same values, the same rows.
func Equal(a, b *jixiao.Form) bool {
	pa, pb := Post(a), Post(b)
	if len(pa) != len(pb) {
		return false
	}
	for k, v := range pa {
		if w, ok := pb[k]; !ok || w[0] != v[0] {
			return false
		}
	}
	return true
}
