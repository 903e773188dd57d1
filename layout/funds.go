package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/decimals"
)

// The funds section (资金情况): its header row names the columns and the
// section's unit; every row after it with a label is a funds line, kept with
// its label as written. Where a line stands in the tree (total, source,
// 其中 sub-line) comes from how forms write it (docs/funds.md):
//   - a total (年度资金总额, 合计) starts a top-level line; the lines after it
//     are its parts;
//   - 其中 before a label, or a bare 其中 row, makes the next line a part of
//     the line before it;
//   - outline numbering ((一) … 1、 …) nests like an outline: a style seen
//     higher up returns to that level, a new style goes one level down;
//   - an unnumbered line after a nested group stays at the group's level,
//     unless the group's line cannot hold its role or the group splits it
//     another way (一般公共预算 and 政府性基金 under 财政拨款, then 上年结转资金
//     beside 财政拨款: FundRole.Holds, Alongside).

func (b *builder) fundHeader(cs []cell) bool {
	// column headers are short: a remark that quotes them (预算执行率=预算执行数/
	// 调整后预算数) is not a header
	executed := findCol(cs, func(k string) bool {
		return (strings.Contains(k, "执行数") || strings.HasPrefix(k, "实际支出数") || strings.HasPrefix(k, "全年支出数") || strings.HasPrefix(k, "全年实际支出数")) && isHeaderKey(k)
	})
	if executed == nil {
		return b.fundSectionWithoutHeader(cs)
	}
	budget := findCol(cs, func(k string) bool {
		if !strings.Contains(k, "预算") {
			return false
		}
		k = withoutRemarks(k) // 全年(调整)预算数
		return (strings.Contains(k, "全年预算数") || k == "预算数" || strings.HasPrefix(k, "预算数(") ||
			strings.Contains(k, "调整后预算") || strings.HasPrefix(k, "调整预算") ||
			strings.HasPrefix(k, "年度预算数") || strings.Contains(k, "批复预算数") || strings.HasPrefix(k, "预算批复数")) && isHeaderKey(k)
	})
	initial := findCol(cs, contains("年初预算"))
	if budget == nil {
		// the row names an executed column, so it is a header: the only
		// budget column there is may be called otherwise (年初预算数 when
		// the form has no 全年预算数, 预算安排数, 预算总额)
		budget = findCol(cs, func(k string) bool {
			return strings.Contains(k, "预算") && !strings.Contains(k, "执行") && isHeaderKey(k) &&
				(strings.HasSuffix(withoutRemarks(k), "数") || strings.HasSuffix(withoutRemarks(k), "额") ||
					strings.Contains(k, "数(") || strings.Contains(k, "额("))
		})
		if budget == initial {
			initial = nil
		}
	}
	if budget == nil || executed == nil {
		return b.fundSectionWithoutHeader(cs)
	}
	b.fundCols = columns{budget, executed, findCol(cs, contains("执行率")),
		initial, findCol(cs, isWeightKey), findCol(cs, isScoreKey)}
	b.startFunds(cs)
	return true
}

// fundSectionWithoutHeader starts a funds section that names no columns, as
// target declarations write it: 资金情况（万元）| 年度资金总额 | 854万. The
// amounts are read in order after each label (budget, executed, rate), and
// the rest of the row is the first line.
func (b *builder) fundSectionWithoutHeader(cs []cell) bool {
	at := -1
	for i, c := range cs {
		if c.text == "" {
			continue
		}
		if k := c.key; strings.HasPrefix(k, "资金情况") || strings.HasPrefix(k, "项目资金") || strings.HasPrefix(k, "资金来源") {
			at = i
		}
		break
	}
	if at < 0 || b.sec == secFunds {
		return false
	}
	b.fundCols = nil
	b.startFunds(cs[at : at+1])
	rest := cs[at+1:]
	if amount := findCol(rest, func(k string) bool { return strings.HasPrefix(k, "金额") || strings.HasPrefix(k, "预算金额") }); amount != nil {
		// 项目资金（万元）| 年度资金总额 | 金额（万元）: a column header after all;
		// the label before it heads the lines
		b.fundCols = columns{amount}
		for j := range rest {
			if rest[j].col == amount.col {
				rest = rest[:j]
				break
			}
		}
	}
	b.fundLine(rest)
	return true
}

// startFunds opens the funds section and takes its unit from its label.
func (b *builder) startFunds(cs []cell) {
	b.sec = secFunds
	b.fundTree = fundTree{}
	b.fundLabel = ""
	for i := range cs {
		if cs[i].text != "" {
			if k := cs[i].key; strings.HasPrefix(k, "资金情况") || strings.HasPrefix(k, "项目资金") || strings.HasPrefix(k, "资金来源") {
				b.fundLabel = k
			}
			break
		}
	}
	f := b.form()
	// the unit is in the section's label (资金情况（万元）) or, when that says
	// none, in the amount columns' headers (全年预算数（元）)
	for i := range cs {
		k := cs[i].key
		if !strings.Contains(k, "资金") && !strings.Contains(k, "预算") && !strings.Contains(k, "执行数") && !strings.Contains(k, "金额") {
			continue
		}
		if u := unitOfLabel(k); u != "" {
			f.Funds.Unit = u
			return
		}
	}
}

// unitOfLabel returns the unit a funds label or column header states:
// 资金情况(万元), 全年预算数(元), 金额:亿元; "" when it states none.
func unitOfLabel(k string) string {
	switch {
	case strings.Contains(k, "万元"):
		return "万元"
	case strings.Contains(k, "亿元"):
		return "亿元"
	case strings.Contains(k, "(元)") || strings.HasSuffix(k, "元") || strings.Contains(k, "单位元"):
		return "元"
	}
	return ""
}

// withoutRemarks drops bracketed words inside a header: 全年(调整)预算数 →
// 全年预算数; a bracket at the end (预算数(A)) stays.
func withoutRemarks(k string) string {
	i := strings.IndexByte(k, '(')
	j := strings.IndexByte(k, ')')
	if i < 0 || j < i || j == len(k)-1 {
		return k
	}
	return k[:i] + k[j+1:]
}

// isHeaderKey reports whether a cell may be a column header: short, and not
// a formula or a sentence.
func isHeaderKey(k string) bool {
	return utf8.RuneCountInString(k) <= 16 && !strings.ContainsAny(k, "=，。；")
}

// isColumnMark reports whether a key is what a header split over two rows
// puts under a column's name: a letter or formula (A), (B/A), B/A*100%, or a
// unit (万元). No funds line is labelled so.
func isColumnMark(k string) bool {
	inner := strings.Trim(k, "()")
	if inner == "" || len(inner) > 12 {
		return false
	}
	if inner == "万元" || inner == "元" || inner == "亿元" || inner == "单位万元" || inner == "单位元" {
		return true
	}
	letter := false
	for _, r := range inner {
		switch {
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			letter = true
		case r >= '0' && r <= '9' || strings.ContainsRune("/*×+-%", r):
		default:
			return false
		}
	}
	return letter
}

// maxFundLabel bounds the label of a funds line: longer text in the
// section is a remark or a sentence, not a line.
const maxFundLabel = 40

func (b *builder) fundLine(cs []cell) {
	labelAt := -1
	for i, c := range cs {
		if c.text == "" {
			continue
		}
		if isNumberish(c.key) {
			return // a number before any label: not a funds line
		}
		if c.key == b.fundLabel {
			continue // the section's label filled down its rows instead of merged
		}
		labelAt = i
		break
	}
	if labelAt < 0 {
		return
	}
	if isColumnMark(cs[labelAt].key) {
		return // the second row of a header split over two: 全年预算数 over （A）
	}
	label := cs[labelAt].text
	if k := strings.TrimRight(cs[labelAt].key, ":"); k == "其中" {
		b.fundTree.child = true
		return
	}
	vals := make([]string, nFundCols)
	for role, h := range b.fundCols {
		if h == nil {
			continue
		}
		if c := at(cs[labelAt+1:], h); c != nil {
			vals[role] = c.text
		}
	}
	var next []cell // a further line in the same row (年度资金总额 | 120 | 其中：财政拨款 | 100)
	if vals[fundBudget] == "" && vals[fundExecuted] == "" {
		// no cell lines up with the header: read the cells after the label
		rest := cs[labelAt+1:]
		for role := 0; role < 3 && role < len(rest); role++ {
			if role > 0 && b.fundCols == nil && isFundLabel(rest[role].key) {
				next = rest[role:]
				break
			}
			vals[role] = rest[role].text
		}
	}
	f := b.form()
	line := jixiao.FundLine{
		Label:    label,
		Role:     jixiao.FundRoleOf(label),
		Budget:   jixiao.ParseAmount(vals[fundBudget], f.Funds.Unit),
		Executed: jixiao.ParseAmount(vals[fundExecuted], f.Funds.Unit),
		RateText: vals[fundRate],

		InitialBudget: vals[fundInitial],
		Weight:        vals[fundWeight],
		Score:         vals[fundScore],
	}
	if !fundRow(label, line) {
		return
	}
	if len(f.Funds.Lines) >= jixiao.MaxFundLines {
		b.fail(jixiao.TooMany(b.name, "一张自评表资金情况的行数", jixiao.MaxFundLines))
		return
	}
	if line.IsPartition() {
		b.fundTree.partition(&f.Funds, line)
		return
	}
	b.fundTree.add(&f.Funds, line)
	if next != nil {
		b.fundLine(next)
	}
}

// isFundLabel reports whether a cell after an amount, in a section without
// column headers, starts another funds line: 其中：财政拨款, 其他资金 (a word
// of the lexicon, not a number or a remark).
func isFundLabel(k string) bool {
	if k == "" || isNumberish(k) || utf8.RuneCountInString(k) > 16 {
		return false
	}
	return strings.HasPrefix(k, "其中") || jixiao.FundRoleOf(k) != jixiao.FundUnknown
}

// fundRow tells a funds line from a remark or a sentence that stands in the
// section: a funds label is short, and a line without any amount does not
// hold long text where its amounts should be.
func fundRow(label string, l jixiao.FundLine) bool {
	if utf8.RuneCountInString(label) > maxFundLabel {
		return false
	}
	if l.Budget.Valid || l.Executed.Valid {
		return true
	}
	for _, a := range []jixiao.Amount{l.Budget, l.Executed} {
		if utf8.RuneCountInString(a.Text) > maxFundCell {
			return false
		}
	}
	return true
}

// maxFundCell bounds the text of an amount cell that is still read as one
// (and named unreadable when it is not a number): 854万（高标准农田建设…） is,
// a paragraph of goals is not.
const maxFundCell = 60

// fundTree places the funds lines of one section as they are read.
type fundTree struct {
	path   []int       // the open lines, from a top-level line down to the last line read
	styles []numbering // the numbering of each line in path
	sums   []partsSum  // the sum of the parts read so far of each line in path
	child  bool        // a bare 其中 row: the next line is a part of the last
}

// partsSum adds up the parts of a line as they are read, per column; a
// column is known while every part has a number in it.
type partsSum struct {
	budget, executed     decimal.Decimal
	budgetOK, executedOK bool
	n                    int
}

func newPartsSum() partsSum { return partsSum{budgetOK: true, executedOK: true} }

func (s *partsSum) add(l *jixiao.FundLine) {
	s.n++
	s.budgetOK = s.budgetOK && l.Budget.Valid
	s.executedOK = s.executedOK && l.Executed.Valid
	if s.budgetOK {
		s.budget = decimals.Add(s.budget, l.Budget.Value)
	}
	if s.executedOK {
		s.executed = decimals.Add(s.executed, l.Executed.Value)
	}
}

// closes reports whether line l, added to the parts read so far, makes them
// add up exactly to parent in every column both fill (and in at least one),
// when they did not before: the sums then say that l is the parent's last
// part, whatever its label (上年结转 under 财政拨款, which a form may count
// as appropriated money).
func (s partsSum) closes(parent, l *jixiao.FundLine) bool {
	if s.n == 0 {
		return false
	}
	compared, grew := 0, false
	for _, c := range []struct {
		sum        decimal.Decimal
		ok         bool
		whole, add jixiao.Amount
	}{{s.budget, s.budgetOK, parent.Budget, l.Budget}, {s.executed, s.executedOK, parent.Executed, l.Executed}} {
		if !c.ok || !c.whole.Valid || !c.add.Valid {
			continue
		}
		if !decimals.Add(c.sum, c.add.Value).Equal(c.whole.Value) {
			return false
		}
		compared++
		grew = grew || !c.add.Value.IsZero()
	}
	return compared > 0 && grew
}

// partition places a heading that announces a split of the total (按收入
// 性质分, 按支出性质分), kept as written, without amounts: the first split
// is the total's parts as usual, the heading one of them; a later one
// starts a block of its own, a top-level line that stands for the total
// (FundLine.IsPartition: the audit checks each split against the total).
func (t *fundTree) partition(fs *jixiao.Funds, l jixiao.FundLine) {
	if len(t.path) == 0 || fs.Lines[t.path[0]].Role != jixiao.FundTotal {
		t.add(fs, l) // no total: an ordinary line
		return
	}
	if top := t.path[0]; len(fs.Lines)-1 == top {
		// nothing under the total yet: the heading names the first split,
		// whose lines are the total's parts
		l.Parent = top
		fs.Add(l)
		t.path, t.styles, t.sums = t.path[:1], t.styles[:1], t.sums[:1]
		return
	}
	l.Role = jixiao.FundTotal
	l.Parent = -1
	i := fs.Add(l)
	t.path = append(t.path[:0], i)
	t.styles = append(t.styles[:0], numberNone)
	t.sums = append(t.sums[:0], newPartsSum())
}

func (t *fundTree) add(fs *jixiao.Funds, l jixiao.FundLine) {
	style := numberingOf(l.Label)
	qz := strings.HasPrefix(strings.TrimLeft(stripNumbering(jixiao.Key(l.Label)), "、."), "其中")
	child := t.child || qz
	t.child = false
	n := len(t.path)
	keep := 0 // how much of path stays open above the new line
	switch {
	case n == 0 || (l.Role == jixiao.FundTotal && !qz && style == numberNone):
		keep = 0
	case style != numberNone:
		keep = n // a new style: one level down
		for k := n - 1; k >= 0; k-- {
			if t.styles[k] == style {
				keep = k // the same style higher up: its sibling
				break
			}
		}
	case child:
		keep = n
	case n == 1:
		if fs.Lines[t.path[0]].Role == jixiao.FundTotal {
			keep = 1 // the first line after a total is one of its parts
		}
	default:
		// a sibling of the last line, unless the line the last one is part
		// of cannot hold it, or it splits that line another way: then an
		// outer level
		keep = n - 1
		// with no total above, the outer level is the top: 中央财政资金 →
		// 其中：本年 → 上年结转, then 省级资金 beside 中央财政资金
		for keep > 1 || (keep == 1 && fs.Lines[t.path[0]].Role != jixiao.FundTotal) {
			parent, sibling := &fs.Lines[t.path[keep-1]], &fs.Lines[t.path[keep]]
			if parent.Role.Holds(l.Role) && jixiao.Alongside(sibling.Role, l.Role) {
				break
			}
			if t.sums[keep-1].closes(parent, &l) {
				break // the sums place it: the parent's last part
			}
			keep--
		}
	}
	if !child && style == numberNone {
		if keep < n-1 && t.repeats(fs, &l, keep) && t.closeAfter(fs, l, keep+1) {
			return // 中央资金小计 after 中央财政资金's 其中 lines: between them
		}
		if t.closeAfter(fs, l, keep) {
			return
		}
	}
	l.Parent = -1
	if keep > 0 {
		l.Parent = t.path[keep-1]
		t.sums[keep-1].add(&l)
	}
	i := fs.Add(l)
	t.path = append(t.path[:keep], i)
	t.styles = append(t.styles[:keep], style)
	t.sums = append(t.sums[:keep], newPartsSum())
}

// numbering is the outline numbering style a label starts with.
type numbering int

const (
	numberNone        numbering = iota
	numberParenCN               // （一）
	numberCN                    // 一、
	numberArabic                // 1、 1. 1．
	numberParenArabic           // （1）
	numberCircled               // ①
)

// numberingOf returns the numbering style at the start of a label.
func numberingOf(label string) numbering {
	k := jixiao.Key(label) // full-width brackets and digits folded
	style, _ := numberPrefix(k)
	return style
}

// stripNumbering removes an outline number from the start of a key.
func stripNumbering(k string) string {
	_, n := numberPrefix(k)
	return k[n:]
}

// numberPrefix returns the numbering style at the start of a key and its
// length in bytes.
func numberPrefix(k string) (numbering, int) {
	if k == "" {
		return numberNone, 0
	}
	r, size := utf8.DecodeRuneInString(k)
	if r >= '①' && r <= '⑳' {
		return numberCircled, size
	}
	if r == '(' {
		end := strings.IndexByte(k, ')')
		if end < 2 || end > 10 {
			return numberNone, 0
		}
		switch inner := k[1:end]; {
		case allRunes(inner, isDigit):
			return numberParenArabic, end + 1
		case allRunes(inner, isCNDigit):
			return numberParenCN, end + 1
		}
		return numberNone, 0
	}
	i := 0
	for i < len(k) && isDigit(rune(k[i])) {
		i++
	}
	if i > 0 {
		if rest := k[i:]; strings.HasPrefix(rest, "、") || (strings.HasPrefix(rest, ".") && !startsWithDigit(rest[1:])) {
			_, s := utf8.DecodeRuneInString(rest)
			return numberArabic, i + s
		}
		return numberNone, 0
	}
	for i < len(k) {
		r, s := utf8.DecodeRuneInString(k[i:])
		if !isCNDigit(r) {
			break
		}
		i += s
	}
	if i > 0 && strings.HasPrefix(k[i:], "、") {
		return numberCN, i + len("、")
	}
	return numberNone, 0
}

func isDigit(r rune) bool   { return r >= '0' && r <= '9' }
func isCNDigit(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }

func startsWithDigit(s string) bool { return s != "" && isDigit(rune(s[0])) }

func allRunes(s string, ok func(rune) bool) bool {
	for _, r := range s {
		if !ok(r) {
			return false
		}
	}
	return s != ""
}

// closeAfter places a 合计 or 小计 row written after its parts instead of
// before them (中央 | 省级 | 合计; 一般公共预算 | 政府性基金 | 财政拨款小计):
// the row becomes the line its parts are part of, and is moved before them,
// so that the tree keeps every parent before its parts and the parts are
// summed once, under the row, not a second time beside it. A total takes the
// top-level lines before it when no total opened the section; a 小计 takes
// the run of its siblings just before it that its role holds (all of them
// back to the previous 小计 when its label names no source). It reports
// whether it placed l.
func (t *fundTree) closeAfter(fs *jixiao.Funds, l jixiao.FundLine, keep int) bool {
	parent := -1
	if keep > 0 {
		parent = t.path[keep-1]
	}
	total := l.Role == jixiao.FundTotal && !strings.Contains(l.Label, "小计")
	if total && parent >= 0 {
		return false
	}
	if !total && !strings.Contains(l.Label, "小计") {
		return false
	}
	// the siblings before l, back to the start of the section or of the block
	start, n := len(fs.Lines), 0
	for j := len(fs.Lines) - 1; j >= 0 && j > parent; j-- {
		s := &fs.Lines[j]
		if s.Parent != parent {
			if s.Parent < parent {
				break // an outer line: the block ends
			}
			continue // a part of a sibling
		}
		sub := strings.Contains(s.Label, "小计")
		if (s.Role == jixiao.FundTotal && !sub) || (sub && !total) || s.IsPartition() {
			break // a total (or, for a 小计, a subtotal) closes the lines before it
		}
		if !total && l.Role != jixiao.FundUnknown && !l.Role.Holds(s.Role) {
			break
		}
		start, n = j, n+1
	}
	if n < 2 && (total || l.Role == jixiao.FundUnknown || n == 0) {
		return false
	}
	// insert l at start: the siblings from start on become its parts
	l.Parent = parent
	fs.Lines = append(fs.Lines, jixiao.FundLine{})
	copy(fs.Lines[start+1:], fs.Lines[start:])
	fs.Lines[start] = l
	for j := start + 1; j < len(fs.Lines); j++ {
		switch p := fs.Lines[j].Parent; {
		case p == parent:
			fs.Lines[j].Parent = start
		case p >= start:
			fs.Lines[j].Parent = p + 1
		}
	}
	sum := newPartsSum()
	for j := start + 1; j < len(fs.Lines); j++ {
		if fs.Lines[j].Parent == start {
			sum.add(&fs.Lines[j])
		}
	}
	t.path = append(t.path[:keep], start)
	t.styles = append(t.styles[:keep], numberNone)
	t.sums = append(t.sums[:keep], sum)
	if keep > 0 {
		outer := newPartsSum()
		for j := parent + 1; j < len(fs.Lines); j++ {
			if fs.Lines[j].Parent == parent {
				outer.add(&fs.Lines[j])
			}
		}
		t.sums[keep-1] = outer
	}
	return true
}

// repeats reports whether l is a 小计 that repeats the line path[keep] it
// would follow, after that line's own parts (中央财政资金 → 其中：本年 → 上年
// 结转 → 中央资金小计): same role (or none), and the same amounts wherever
// both are filled. The 小计 then stands between the line and its parts.
func (t *fundTree) repeats(fs *jixiao.Funds, l *jixiao.FundLine, keep int) bool {
	s := &fs.Lines[t.path[keep]]
	if !strings.Contains(l.Label, "小计") || (l.Role != jixiao.FundUnknown && l.Role != s.Role) {
		return false
	}
	compared := 0
	for _, c := range [][2]jixiao.Amount{{s.Budget, l.Budget}, {s.Executed, l.Executed}} {
		if c[0].Valid && c[1].Valid {
			if !c[0].Value.Equal(c[1].Value) {
				return false
			}
			compared++
		}
	}
	return compared > 0
}

// nestBySums places lines a form wrote flat, without 其中 or numbering,
// under the line they are parts of, when the sums prove it: 年度资金总额 900
// | 财政拨款 800 | 一般公共预算 700 | 政府性基金 100 | 其他资金 100 is read
// with 一般公共预算 and 政府性基金 under 财政拨款, because they add up to it
// exactly, its role holds theirs, and the total then adds up too. Nothing
// moves unless every line it changes adds up afterwards.
func nestBySums(fs *jixiao.Funds) {
	if len(fs.Lines) < 4 {
		return
	}
	var buf, again [16]int // no allocation for a section of usual size
	for p := range fs.Lines {
		parts := appendParts(buf[:0], fs, p)
		if len(parts) < 3 || !nestCandidate(fs, parts) || addsUp(fs, p, parts) != sumsOff {
			continue
		}
		changed := false
		for i := 0; i < len(parts); i++ {
			x := parts[i]
			xl := &fs.Lines[x]
			if xl.Role == jixiao.FundUnknown || xl.Role == jixiao.FundTotal || hasParts(fs, x) {
				continue
			}
			end := i + 1 // the run after x of lines x's role holds
			for end < len(parts) {
				yl := &fs.Lines[parts[end]]
				if yl.Role == jixiao.FundUnknown || yl.Role == xl.Role || !xl.Role.Holds(yl.Role) || hasParts(fs, parts[end]) {
					break
				}
				end++
			}
			for k := i + 2; k <= end; k++ {
				if addsUp(fs, x, parts[i+1:k]) == sumsExact {
					for _, y := range parts[i+1 : k] {
						fs.Lines[y].Parent = x
					}
					changed = true
					i = k - 1
					break
				}
			}
		}
		if changed && addsUp(fs, p, appendParts(again[:0], fs, p)) != sumsExact {
			for _, y := range parts {
				fs.Lines[y].Parent = p // as read
			}
		}
	}
}

type sumsState int

const (
	sumsUnknown sumsState = iota // no column to compare
	sumsExact
	sumsOff
)

// addsUp compares line p with the sum of the given parts in each column
// both fill (a blank part counts for nothing): exact in every one, off in
// one, or nothing to compare. A partition heading among the parts, or an
// unreadable cell, leaves it unknown.
func addsUp(fs *jixiao.Funds, p int, parts []int) sumsState {
	state := sumsUnknown
	for c := 0; c < 2; c++ {
		whole := fs.Lines[p].Budget
		if c == 1 {
			whole = fs.Lines[p].Executed
		}
		if whole.Unreadable {
			return sumsUnknown
		}
		var sum decimal.Decimal
		filled := 0
		for _, q := range parts {
			l := &fs.Lines[q]
			if l.IsPartition() {
				return sumsUnknown
			}
			a := l.Budget
			if c == 1 {
				a = l.Executed
			}
			if a.Unreadable {
				return sumsUnknown
			}
			if a.Valid {
				sum = decimals.Add(sum, a.Value)
				filled++
			}
		}
		if filled == 0 || !whole.Valid {
			continue
		}
		if !sum.Equal(whole.Value) {
			return sumsOff
		}
		state = sumsExact
	}
	return state
}

// appendParts appends the indices of the direct parts of line p to dst.
func appendParts(dst []int, fs *jixiao.Funds, p int) []int {
	for j := p + 1; j < len(fs.Lines); j++ {
		if fs.Lines[j].Parent == p {
			dst = append(dst, j)
		}
	}
	return dst
}

// hasParts reports whether line p has any part.
func hasParts(fs *jixiao.Funds, p int) bool {
	for j := p + 1; j < len(fs.Lines); j++ {
		if fs.Lines[j].Parent == p {
			return true
		}
	}
	return false
}

// nestCandidate reports whether some part is followed by one its role
// holds (财政拨款 then 一般公共预算): only then may the sums nest them. It
// does no arithmetic, so that a section read well costs nothing more.
func nestCandidate(fs *jixiao.Funds, parts []int) bool {
	for i := 0; i+1 < len(parts); i++ {
		x, y := &fs.Lines[parts[i]], &fs.Lines[parts[i+1]]
		if x.Role != jixiao.FundUnknown && x.Role != jixiao.FundTotal && y.Role != jixiao.FundUnknown &&
			y.Role != x.Role && x.Role.Holds(y.Role) {
			return true
		}
	}
	return false
}
