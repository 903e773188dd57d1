package layout

import (
	"github.com/jixiao/jixiao/internal/hanzi"
	"slices"
	"strings"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
)

// The sections of a form, each read by its labels: the funds block, the
// goal, the indicator table, the notes and the footer line.

func isNumberish(key string) bool {
	if key == "" {
		return false
	}
	for _, r := range key {
		if !strings.ContainsRune("0123456789.,%-", r) {
			return false
		}
	}
	return true
}

func (b *builder) goalHeader(cs []cell) bool {
	goal := findCol(cs, func(k string) bool {
		return k == "总体目标" || k == "年度总体目标" || k == "年度目标" || k == "预期目标" ||
			k == "年初绩效目标" || k == "年度绩效目标" || k == "全年绩效目标"
	})
	if goal == nil {
		return false
	}
	done := findCol(cs, func(k string) bool {
		return strings.Contains(k, "实际完成") || (strings.Contains(k, "完成情况") && !strings.Contains(k, "总体目标"))
	})
	// 年度总体目标 | 预期目标 | 实际完成情况: the row label heads a column
	// of its own; the goal is under 预期目标
	if expected := findCol(cs, func(k string) bool { return k == "预期目标" || k == "年初设定目标" || k == "计划目标" }); expected != nil && expected.col != goal.col {
		goal = expected
	}
	if done == nil || done.col == goal.col {
		// 总体目标 | text on one row
		rest := nonEmpty(nil, cs)
		if len(rest) >= 2 && rest[len(rest)-1].key != goal.key {
			b.form().Goal = rest[len(rest)-1].text
			b.goalOf = nil // goalRow starts again from this goal
			return true
		}
		return false
	}
	b.goalCols = columns{goal, done}
	b.sec = secGoal
	b.form()
	return true
}

// goalRow adds a row of the goal section: the goal and the achievement may
// each be written over many rows, one line per row.
func (b *builder) goalRow(cs []cell) {
	f := b.form()
	if b.goalOf != f {
		b.goalOf = f
		b.goal.Reset()
		b.achievement.Reset()
		b.goal.WriteString(f.Goal)
		b.achievement.WriteString(f.Achievement)
	}
	if c := at(cs, b.goalCols[0]); c != nil && c.text != "" {
		f.Goal = appendLine(&b.goal, c.text)
	}
	if c := at(cs, b.goalCols[1]); c != nil && c.text != "" {
		f.Achievement = appendLine(&b.achievement, c.text)
	}
}

// appendLine adds a line to a text read over several rows, in place: joining
// strings row after row would copy the text read so far on every row.
func appendLine(text *strings.Builder, line string) string {
	if text.Len() > 0 {
		text.WriteByte('\n')
	}
	text.WriteString(line)
	return text.String()
}

func level3Col(cs []cell) *cell {
	l3 := findCol(cs, func(k string) bool { return strings.HasPrefix(k, "三级指标") || k == "三级" })
	if l3 == nil {
		// forms without levels, or whose level-3 column is named for what
		// it holds: 指标名称, 指标内容, 具体指标
		l3 = findCol(cs, func(k string) bool {
			return k == "指标名称" || k == "指标内容" || k == "具体指标" || k == "绩效指标名称" || k == "三级指标名称"
		})
	}
	return l3
}

func targetCol(cs []cell) *cell {
	return findCol(cs, func(k string) bool {
		// both end in 标值: one search for most keys, which hold neither
		return strings.Contains(k, "标值") && (strings.Contains(k, "指标值") || strings.Contains(k, "目标值"))
	})
}

// halfIndicatorHeader keeps the first row of an indicator header split over
// two rows: 绩效指标 over 一级指标|二级指标|三级指标, beside 年度指标值 and
// 实际完成值 merged down both rows (or the level columns first and the
// values' names below). The next row completes it (indicatorHeader).
func (b *builder) halfIndicatorHeader(cs []cell, l3, target *cell) bool {
	if (l3 == nil) == (target == nil) || len(cs) > maxHalfHeader {
		return false
	}
	// every cell a short column name, and another one besides: 实际完成值,
	// 绩效指标, 一级指标
	named := target
	if named == nil {
		named = l3
	}
	others := 0
	for _, c := range cs {
		if c.text != "" && (!isHeaderKey(c.key) || !columnWord(c.key)) {
			return false
		}
		if c.col == named.col {
			continue
		}
		if k := c.key; k != "" && (strings.Contains(k, "实际") || strings.Contains(k, "完成值") || strings.HasPrefix(k, "绩效指标") ||
			strings.HasPrefix(k, "一级指标") || strings.HasPrefix(k, "二级指标") || strings.Contains(k, "原因")) {
			others++
		}
	}
	if others == 0 {
		return false
	}
	b.halfHeader = append(b.halfHeader[:0], cs...)
	return true
}

// columnWord reports whether a key reads as the name of a column of the
// indicator table (指标值, 实际完成值, 偏差原因, 分值…), not a value.
func columnWord(k string) bool {
	for _, w := range []string{"指标", "实际", "完成值", "原因", "措施", "分值", "得分", "权重", "单位", "性质", "备注"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// maxHalfHeader bounds the cells of a half header row kept.
const maxHalfHeader = 64

// withHalfHeader completes a header row with the cells of the row above
// (halfHeader) that no cell of its own with text overlaps.
func withHalfHeader(cs, half []cell) []cell {
	out := make([]cell, 0, len(cs)+len(half))
	for _, c := range cs {
		if c.text != "" {
			out = append(out, c)
		}
	}
	own := len(out)
	for _, h := range half {
		if h.text == "" {
			continue
		}
		covered := false
		for _, c := range out[:own] {
			if c.col < h.end && h.col < c.end {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b cell) int { return a.col - b.col })
	return out
}

// indicatorHeader reads the header of the indicator table; l3 and target
// are the row's level-3 and target columns (nil when absent), found once
// per row for this and halfIndicatorHeader.
func (b *builder) indicatorHeader(cs []cell, l3, target *cell) bool {
	n := len(cs)
	switch {
	case (l3 == nil || target == nil) && len(b.prevHalf) > 0:
		cs = withHalfHeader(cs, b.prevHalf)
		l3, target = level3Col(cs), targetCol(cs)
	case l3 == nil && target != nil && b.afterHeader && len(b.headerCells) > 0 && b.halfIndicatorHeader(cs, l3, target):
		// the second row of a header whose first named the columns
		// already: 绩效指标值 over 年度指标值|实际完成值
		b.halfHeader = b.halfHeader[:0]
		cs = withHalfHeader(cs, b.headerCells)
		l3, target = level3Col(cs), targetCol(cs)
		n = b.indHeader
	}
	if l3 == nil || target == nil {
		return false
	}
	cols := make(columns, nIndicatorCols)
	cols[colLevel1] = findCol(cs, func(k string) bool { return strings.HasPrefix(k, "一级指标") || k == "一级" })
	cols[colLevel2] = findCol(cs, func(k string) bool { return strings.HasPrefix(k, "二级指标") || k == "二级" })
	cols[colLevel3] = l3
	cols[colTarget] = target
	cols[colActual] = findCol(cs, func(k string) bool {
		return k != target.key && (contains("实际完成值", "实际完成情况", "实际值", "完成值", "实际完成指标值", "完成指标值", "实际指标值")(k))
	})
	cols[colReason] = findCol(cs, contains("未完成原因", "偏差原因", "原因分析", "改进措施"))
	cols[colWeight] = findCol(cs, isWeightKey)
	cols[colScore] = findCol(cs, isScoreKey)
	cols[colNature] = findCol(cs, contains("指标性质"))
	cols[colMeasure] = findCol(cs, contains("度量单位", "计量单位"))
	b.indCols = cols
	b.indHeader = n
	b.headerCells = append(b.headerCells[:0], cs...)
	b.headerNow = true
	b.sec = secIndicators
	b.form()
	return true
}

func isWeightKey(k string) bool {
	return k == "分值" || strings.HasPrefix(k, "分值(") || k == "权重"
}

func isScoreKey(k string) bool {
	return k == "得分" || strings.HasPrefix(k, "得分(") || k == "自评得分" || k == "评分"
}

// scoreRow reads the declared total (总分) and grade (自评等级) rows of
// scored layouts; it reports whether the row was one.
func (b *builder) scoreRow(cs, filled []cell) bool {
	first := filled[0].key
	total := first == "总分" || first == "合计得分" || first == "自评总分" || first == "总得分" || (first == "合计" && b.sec == secIndicators)
	grade := first == "自评等级" || first == "评价等级" || first == "等级" || first == "绩效等级"
	if !total && !grade {
		return false
	}
	f := b.form()
	scoreCol := len(b.indCols) > colScore && b.indCols[colScore] != nil
	if total && scoreCol {
		// the total sits under the 得分 column; the 分值 column holds 100
		if c := at(cs, b.indCols[colScore]); c != nil && isNumberish(c.key) {
			f.TotalScore = c.text
		}
		total = false
	}
	for _, c := range filled[1:] {
		switch {
		case total && f.TotalScore == "" && isNumberish(c.key):
			f.TotalScore = c.text
		case (grade || strings.Contains(c.key, "等级")) && f.Grade == "" && !isNumberish(c.key):
			if g := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(c.key, "自评等级"), "等级")); g != "" {
				f.Grade = g
			}
		}
	}
	return true
}

func (b *builder) text(cs []cell, role int) string {
	h := b.indCols[role]
	if h == nil {
		return ""
	}
	if c := at(cs, h); c != nil {
		return c.text
	}
	return ""
}

// mergedAt reports whether the row's cell under a column is the
// continuation of a vertical merge.
func (b *builder) mergedAt(cs []cell, role int) bool {
	h := b.indCols[role]
	if h == nil {
		return false
	}
	c := at(cs, h)
	return c != nil && c.merged
}

func (b *builder) indicator(cs []cell) {
	if v := b.text(cs, colLevel1); v != "" {
		if v != b.l1 {
			b.l2 = ""
		}
		b.l1 = v
	}
	if v := b.text(cs, colLevel2); v != "" {
		b.l2 = v
	}
	label := b.text(cs, colLevel3)
	target := b.text(cs, colTarget)
	actual := b.text(cs, colActual)
	if label == "" && target == "" && actual == "" {
		return
	}
	reason := b.text(cs, colReason)
	// a target, actual or reason merged down over this row (one reason for
	// a group of indicators) is the one of the row above, as a reader sees
	// it; weights and scores merged so are the group's, not each row's
	if f := b.form(); len(f.Indicators) > 0 && b.lastCells > 0 {
		prev := &f.Indicators[len(f.Indicators)-1]
		if target == "" && b.mergedAt(cs, colTarget) {
			target = prev.Target
		}
		if actual == "" && b.mergedAt(cs, colActual) {
			actual = prev.Actual
		}
		if reason == "" && b.mergedAt(cs, colReason) {
			reason = prev.Reason
		}
	}
	if nature := b.text(cs, colNature); isComparatorNature(nature) && !strings.HasPrefix(target, nature) {
		target = nature + target
	}
	if m := b.text(cs, colMeasure); m != "" {
		// the unit of measure applies to the target and to an actual
		// written as a bare number (320 under 张)
		if !strings.HasSuffix(target, m) && endsWithDigit(target) {
			target += m
		}
		if endsWithDigit(actual) && isNumberish(jixiao.Key(actual)) {
			actual += m
		}
	}
	ord, name := jixiao.SplitLabel(label)
	f := b.form()
	if len(f.Indicators) >= jixiao.MaxIndicators {
		b.fail(jixiao.TooMany(b.name, "一张自评表的绩效指标数", jixiao.MaxIndicators))
		return
	}
	if f.Indicators == nil {
		f.Indicators = make([]jixiao.Indicator, 0, 32) // a form has a few dozen rows: no regrowth
	}
	f.Indicators = append(f.Indicators, jixiao.Indicator{
		Level1:  b.l1,
		Level2:  b.l2,
		Label:   label,
		Name:    name,
		Ordinal: ord,
		Target:  target,
		Actual:  actual,
		Reason:  reason,
		Weight:  b.text(cs, colWeight),
		Score:   b.text(cs, colScore),
	})
	b.lastCells = len(cs)
}

// isComparatorNature reports whether a 指标性质 cell is a comparator to put
// before the target (≥, ≤, ＝, 大于等于…), not a kind (定性, 定量,
// 正向指标) that is no part of the value.
func isComparatorNature(nature string) bool {
	k := jixiao.Key(nature)
	if k == "" || strings.Contains(k, "定性") || strings.Contains(k, "定量") || strings.Contains(k, "指标") {
		return false
	}
	return utf8.RuneCountInString(k) <= 6
}

func endsWithDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
}

func (b *builder) notes(filled []cell) {
	f := b.form()
	first := filled[0]
	lines := make([]string, 0, len(filled))
	if first.key != "说明" {
		if t := strings.TrimLeft(strings.TrimPrefix(first.text, "说明"), "：: "); t != "" {
			lines = append(lines, t)
		}
	}
	for _, c := range filled[1:] {
		lines = append(lines, c.text)
	}
	f.Notes = strings.Join(lines, "\n")
	b.sec = secNone
}

// footerLineLabels are the labels of the footer line, in the order they are
// tried at each position (the first that matches wins: 联系人及电话 before
// 联系人, 联系电话 before 电话). The people who sign (审核人, 单位负责人,
// 财务负责人…) are matched only to end the value before them. Labels may be
// spaced out (填 表 人), carry (签字) after them, or use another word for the
// same field: 经办人, 制表人, 联系人 for 填表人 (taken only when 填表人 is not
// written), 填报时间, 报送日期, 制表日期, 日期 for 填写日期.
var footerLineLabels = []string{"填表人", "填报人", "填写人", "经办人", "制表人", "联系人及联系电话", "联系人及电话", "联系人", "联系电话", "电话",
	"填写日期", "填报日期", "填表日期", "填写时间", "填报时间", "填表时间", "报送日期", "报送时间", "制表日期", "制表时间", "日期",
	"审核人", "复核人", "单位负责人", "财务负责人", "项目负责人", "负责人"}

// footerFirstRunes holds the first character of every footer label.
var footerFirstRunes = func() string {
	var b strings.Builder
	for _, l := range footerLineLabels {
		if r, _ := utf8.DecodeRuneInString(l); !strings.ContainsRune(b.String(), r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}()

// footerMatches finds the footer labels in a line, left to right, each
// with what follows it up to its value: white space, a signature remark
// （签字）, a colon. For each: the start and end of the match and of the
// label. It scans by hand: a regular expression with these alternatives was
// the slowest step of reading a form.
func footerMatches(line string) [][4]int {
	var out [][4]int
	for i := 0; i < len(line); {
		if r, size := utf8.DecodeRuneInString(line[i:]); !strings.ContainsRune(footerFirstRunes, r) {
			i += size // no label starts here: most of a long line
			continue
		}
		labelEnd := -1
		for _, l := range footerLineLabels {
			if e := matchLabel(line, i, l); e >= 0 {
				labelEnd = e
				break
			}
		}
		if labelEnd < 0 {
			_, size := utf8.DecodeRuneInString(line[i:])
			i += size
			continue
		}
		end := skipSpace(line, labelEnd)
		if e := signature(line, end); e >= 0 {
			end = skipSpace(line, e)
		}
		if strings.HasPrefix(line[end:], "：") {
			end += len("：")
		} else if strings.HasPrefix(line[end:], ":") {
			end++
		}
		end = skipSpace(line, end)
		out = append(out, [4]int{i, end, i, labelEnd})
		i = end
	}
	return out
}

// matchLabel returns where label ends when it starts at line[i:], or -1;
// labels that start with 填 may have white space between their characters.
func matchLabel(line string, i int, label string) int {
	if strings.HasPrefix(line[i:], label) {
		return i + len(label)
	}
	if !strings.HasPrefix(label, "填") || !strings.HasPrefix(line[i:], "填") {
		return -1
	}
	j := i
	for k, r := range label {
		if k > 0 {
			j = skipSpace(line, j)
		}
		if !strings.HasPrefix(line[j:], string(r)) {
			return -1
		}
		j += utf8.RuneLen(r)
	}
	return j
}

// signature returns the end of a signature remark at line[i:] — （签字）,
// (签名), （签章）, with white space inside — or -1.
func signature(line string, i int) int {
	j := i
	switch {
	case strings.HasPrefix(line[j:], "（"):
		j += len("（")
	case strings.HasPrefix(line[j:], "("):
		j++
	default:
		return -1
	}
	j = skipSpace(line, j)
	if !strings.HasPrefix(line[j:], "签") {
		return -1
	}
	j += len("签")
	r, size := utf8.DecodeRuneInString(line[j:])
	if r != '字' && r != '名' && r != '章' {
		return -1
	}
	j = skipSpace(line, j+size)
	switch {
	case strings.HasPrefix(line[j:], "）"):
		return j + len("）")
	case strings.HasPrefix(line[j:], ")"):
		return j + 1
	}
	return -1
}

// skipSpace skips the white space a regular expression's \s matches.
func skipSpace(line string, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\f' || line[i] == '\r') {
		i++
	}
	return i
}

// isFooterRow recognises the footer line: its first cell starts with one of
// its labels (填表人, 填报人, 联系电话, 填写日期, 填报日期, 填表日期), or a
// later cell does with a colon after it (单位负责人：…  填表人：…). A label
// inside a longer text (a reason that quotes 填表人) does not count.
func isFooterRow(filled []cell) bool {
	for i, c := range filled {
		k := c.key // folded: colons dropped, traditional simplified
		if i == 0 && (strings.Contains(k, "填") && (strings.Contains(k, "填表人") || strings.Contains(k, "填报人")) || signedFooter(k, c.text)) {
			return true
		}
		if strings.HasPrefix(k, "经办人") || strings.HasPrefix(k, "制表人") || strings.HasPrefix(k, "联系人") {
			// another word for 填表人: a footer when a colon follows it
			// (a header row may name 联系人 in a cell of its own)
			if hasColonAfter(c.text, k[:len("经办人")]) || hasColonAfter(c.text, "联系人及电话") || hasColonAfter(c.text, "联系人及联系电话") {
				return true
			}
		}
		if strings.HasPrefix(k, "填") || strings.HasPrefix(k, "联") { // every footer label's first character
			for _, l := range footerLabels {
				// the first cell as before (填写日期 alone, 填报日期2021年…);
				// a later one only as 填表人：… (a header row names 联系电话
				// in a cell of its own)
				if strings.HasPrefix(k, l) && (i == 0 || hasColonAfter(c.text, l)) {
					return true
				}
			}
		}
		if i >= 6 {
			break // footer labels come within the first cells
		}
	}
	return false
}

// signedFooter recognises a footer paragraph that starts with who signs
// it: 单位负责人：何志明    填报人：邓丽    填表日期：…. The labels after the
// signers may lie beyond the key (it is cut at maxLabel): the text is read.
func signedFooter(k, text string) bool {
	for _, signer := range []string{"单位负责人", "财务负责人", "审核人", "复核人"} {
		if strings.HasPrefix(k, signer) {
			t := hanzi.Simplified(text)
			for _, l := range footerLabels {
				if strings.Contains(t, l) {
					return true
				}
			}
			for _, l := range []string{"经办人", "制表人", "联系人"} {
				if j := strings.Index(t, l); j >= 0 && hasColonAfter(t[j:], l) {
					return true
				}
			}
			return false
		}
	}
	return false
}

var footerLabels = []string{"填表人", "填报人", "联系电话", "填写日期", "填报日期", "填表日期"}

// hasColonAfter reports whether the text (simplified) has a colon right
// after label.
func hasColonAfter(text, label string) bool {
	t := hanzi.Simplified(strings.TrimSpace(text))
	rest, ok := strings.CutPrefix(t, label)
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " \u3000")
	return strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":")
}

// footer reads "填表人：李想      联系电话：51069565       填写日期：2021年7月27日";
// in traditional characters as well (填報日期, 聯繫電話).
func (b *builder) footer(line string) {
	f := b.form()
	// labels are found in the simplified line; values are taken as written
	// (楊麗華 stays 楊麗華) when simplifying kept every byte offset
	simple := hanzi.Simplified(line)
	if len(simple) != len(line) {
		line = simple
	}
	locs := footerMatches(simple)
	other := "" // 经办人, 制表人, 联系人: the filler when 填表人 is not written
	for i, m := range locs {
		end := len(simple)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := strings.TrimSpace(strings.Trim(line[m[1]:end], " \u3000\t"))
		label := simple[m[2]:m[3]]
		if strings.ContainsAny(label, " \t\u3000") {
			label = strings.Join(strings.Fields(label), "") // 填 表 人
		}
		switch label {
		case "填表人", "填报人", "填写人":
			f.Filler = v
		case "经办人", "制表人", "联系人":
			other = v
		case "联系人及电话", "联系人及联系电话":
			other, f.Phone = v, v
		case "联系电话", "电话":
			f.Phone = v
		case "审核人", "复核人", "单位负责人", "财务负责人", "项目负责人", "负责人":
		default: // a date: 填写日期, 填报时间, 报送日期, 日期…
			if f.FillDate == "" || strings.HasPrefix(label, "填") {
				f.FillDate = v
			}
		}
	}
	if f.Filler == "" {
		f.Filler = other
	}
	b.sec = secNone
}
