package layout

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
)

// ErrNoForm is in the chain of the error Forms returns for a document that
// holds nothing of a form (no header, funds or indicator table) — a notes
// sheet, a letter — as opposed to a form that is broken or cut short.
var ErrNoForm = errors.New("no form in the document")

// Forms finds the self-evaluation forms in a document. Sections are found by
// their labels and columns by their header texts, so that forms with extra
// columns, missing rows, split tables or several projects read alike.
//
// Each row is read once, in time linear in its cells, and the forms read
// are bounded as they grow: a document with more than jixiao.MaxForms forms,
// or a form with more than jixiao.MaxIndicators indicators or
// jixiao.MaxFundLines funds lines, is refused at the row that goes past.
func Forms(doc *Document) ([]*jixiao.Form, error) {
	b := &builder{name: doc.Name}
	b.keySlab.Grow(keyBytes(doc) / 2) // about half the key bytes of a form fold (its long texts')
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			b.row(paragraphRow(blk.Paragraph))
		} else {
			for _, r := range blk.Table.Rows {
				if b.row(r); b.err != nil {
					break
				}
			}
		}
		if b.err != nil {
			return nil, b.err
		}
	}
	return b.finish()
}

// cell is a cell of the row being read, with its folded label key.
type cell struct {
	text     string
	key      string
	col, end int  // grid columns [col, end)
	merged   bool // the continuation of a vertical merge: the text is above
}

func paragraphRow(text string) Row {
	return Row{Cells: []Cell{{Text: text, Span: 1}}}
}

// cellsOf cleans and folds the row's cells into b.cells (reused across
// rows: reading a form touches every cell once). A key that folding changes
// is written into b.keySlab and is a substring of it.
func (b *builder) cellsOf(r Row) {
	out := b.cells[:0]
	for i := range r.Cells {
		c := &r.Cells[i]
		span := c.Span
		if span < 1 {
			span = 1
		}
		t := jixiao.CleanText(c.Text)
		key := labelPrefix(t)
		var folded bool
		if b.keys, folded = jixiao.AppendKey(b.keys[:0], key); folded {
			start := b.keySlab.Len()
			b.keySlab.Write(b.keys)
			key = b.keySlab.String()[start:]
		}
		out = append(out, cell{text: t, key: key, col: c.Col, end: c.Col + span, merged: c.Merged})
	}
	b.cells = out
}

// keyBytes bounds the bytes of the keys of a document's cells, each at most
// maxLabel bytes of its text (a text that cleaning lengthens, invalid UTF-8
// made U+FFFD, only makes the slab grow once more). Only the keys that fold
// are written to the slab.
func keyBytes(doc *Document) int {
	n := 0
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			n += min(len(blk.Paragraph), maxLabel)
			continue
		}
		for _, r := range blk.Table.Rows {
			for _, c := range r.Cells {
				n += min(len(c.Text), maxLabel)
			}
		}
	}
	return n
}

// maxLabel bounds the text folded into a cell's key: labels and column
// headers are short (转移支付（项目）名称 is 30 bytes), and long cells
// (goals, actuals, footnotes) are only ever tested for how they start
// (注：, 说明, 填表人). A title is tested on its whole text (isTitleRow).
const maxLabel = 64

// labelPrefix returns at most maxLabel bytes of s, cut at a rune boundary.
func labelPrefix(s string) string {
	if len(s) <= maxLabel {
		return s
	}
	n := maxLabel
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

type section int

const (
	secNone section = iota
	secFunds
	secGoal
	secIndicators
	secFootnotes
	secReview // 审核意见 written after the forms: not part of any form
)

// column roles of the indicator table.
const (
	colLevel1 = iota
	colLevel2
	colLevel3
	colTarget
	colActual
	colReason
	colWeight
	colScore
	colNature  // 指标性质: a comparator in its own column
	colMeasure // 度量单位
	nIndicatorCols
)

// columns maps roles to header cells; a role is absent when its cell is nil.
type columns []*cell

type builder struct {
	name  string
	forms []*jixiao.Form
	cur   *jixiao.Form

	sec       section
	fundCols  columns // budget, executed, rate
	fundLabel string  // the key of the section's label (资金情况(万元)), repeated on its rows when filled down
	fundTree  fundTree
	goalCols  columns // goal, achievement
	indCols   columns
	indHeader int // number of cells in the indicator header row
	l1, l2    string
	lastCells int // cells in the last indicator row read

	// title and year seen before the form they belong to started
	pendingTitle, pendingYear string

	cells, filled []cell // buffers reused across rows
	keys          []byte // a folded key being made (cellsOf)
	// the folded keys of the document's cells, one after the other: a
	// strings.Builder only appends, so a key once written never changes
	// and a whole document's keys cost one allocation, not one per row
	keySlab strings.Builder

	// the first row of an indicator header split over two rows: kept for
	// the next row only (halfHeader, then prevHalf while that row is read)
	halfHeader, prevHalf []cell
	// the indicator header's cells, and whether it was the row before
	headerCells            []cell
	headerNow, afterHeader bool

	// the goal and achievement of the current form as read over several
	// rows, built in place (goalOf is the form they belong to)
	goal, achievement strings.Builder
	goalOf            *jixiao.Form

	withIndicators int   // forms read so far that have indicators
	err            error // the first limit gone past: reading stops
}

// fail stops reading with err (the first one stays).
func (b *builder) fail(err error) {
	if b.err == nil {
		b.err = err
	}
}

const (
	fundBudget = iota
	fundExecuted
	fundRate
	fundInitial // 年初预算数
	fundWeight  // 分值
	fundScore   // 得分
	nFundCols
)

var yearRe = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)

func (b *builder) form() *jixiao.Form {
	if b.cur == nil {
		b.cur = &jixiao.Form{Source: b.name}
		b.cur.Funds.Unit = "万元"
		if b.pendingTitle != "" {
			b.setTitle(b.pendingTitle)
		}
		if b.pendingYear != "" {
			b.setYear(b.pendingYear)
		}
		b.pendingTitle, b.pendingYear = "", ""
	}
	return b.cur
}

// started reports whether the current form holds more than a title.
func (b *builder) started() bool {
	f := b.cur
	return f != nil && (f.Header.Program != "" || len(f.Indicators) > 0 || f.Funds.TotalLine() != nil)
}

func (b *builder) newForm() {
	if b.cur != nil {
		if len(b.cur.Indicators) > 0 {
			if b.withIndicators++; b.withIndicators > jixiao.MaxForms {
				b.fail(jixiao.TooMany(b.name, "文件中的自评表数", jixiao.MaxForms))
			}
		}
		nestBySums(&b.cur.Funds)
		b.forms = append(b.forms, b.cur)
	}
	b.cur = nil
	b.sec = secNone
	b.l1, b.l2 = "", ""
}

func (b *builder) setTitle(t string) {
	f := b.form()
	f.Title = t
	if f.Year == 0 {
		if m := yearRe.FindStringSubmatch(t); m != nil {
			f.Year, _ = strconv.Atoi(m[1])
		}
	}
}

func (b *builder) setYear(t string) {
	f := b.form()
	f.YearText = t
	if m := yearRe.FindStringSubmatch(t); m != nil {
		f.Year, _ = strconv.Atoi(m[1])
	}
}

func nonEmpty(buf, cs []cell) []cell {
	out := buf[:0]
	for _, c := range cs {
		if c.text != "" {
			out = append(out, c)
		}
	}
	return out
}

func (b *builder) row(r Row) {
	b.prevHalf, b.halfHeader = b.halfHeader, b.prevHalf[:0]
	b.afterHeader, b.headerNow = b.headerNow, false
	b.cellsOf(r)
	b.filled = nonEmpty(b.filled, b.cells)
	cs, filled := b.cells, b.filled
	if len(filled) == 0 {
		return
	}
	first := filled[0]
	if first.key == "审核意见" && len(filled) == 1 {
		b.sec = secReview
		return
	}
	title := len(filled) == 1 && endsWithBiao(first.text) && isTitle(jixiao.Key(first.text))
	if b.sec == secReview && !title {
		// review comments quote labels (填表人, 全年预算数…): never read them as form rows
		return
	}
	switch {
	case title:
		if b.started() {
			b.newForm()
		}
		if b.cur == nil {
			b.pendingTitle = first.text
		} else {
			b.setTitle(first.text)
		}
		return
	case isYearLine(first.key) && len(filled) == 1:
		if b.cur == nil {
			b.pendingYear = first.text
		} else {
			b.setYear(first.text)
		}
		return
	case strings.HasPrefix(first.key, "附件") && len(filled) == 1 && len([]rune(first.key)) <= 6:
		return
	case isFooterRow(filled):
		b.footer(joinTexts(filled))
		return
	case first.key == "说明" || strings.HasPrefix(first.key, "说明"):
		if b.sec != secGoal || first.key == "说明" {
			b.notes(filled)
			return
		}
	case strings.HasPrefix(first.key, "注"):
		if t, ok := footnoteText(first.text); ok {
			b.sec = secFootnotes
			f := b.form()
			f.Footnotes = append(f.Footnotes, t)
			for _, c := range filled[1:] {
				f.Footnotes = append(f.Footnotes, c.text)
			}
			return
		}
	}
	if b.scoreRow(cs, filled) {
		return
	}
	if b.sec == secFootnotes && len(filled) == 1 {
		f := b.form()
		f.Footnotes = append(f.Footnotes, first.text)
		return
	}
	if b.sec != secFunds && b.sec != secGoal && b.sec != secIndicators &&
		(len(filled) == 1 || strings.IndexByte(first.text, ':') >= 0 || strings.Contains(first.text, "：")) {
		// a paragraph above the table: 项目名称：…  主管部门：…  实施单位：…,
		// the same in cells of a row (地方主管部门：乙局 | 资金使用单位：丙中心),
		// or the funds unit 单位：万元
		text := first.text
		if len(filled) > 1 {
			text = joinTexts(filled)
		}
		if fields, ok := fieldLine(text); ok {
			b.header(fields)
			return
		}
		if u, ok := unitLine(first.key); ok && len(filled) == 1 {
			if f := b.form(); len(f.Funds.Lines) == 0 {
				f.Funds.Unit = u
			}
			return
		}
	}
	if b.header(cs) {
		return
	}
	if b.fundHeader(cs) {
		return
	}
	if b.goalHeader(cs) {
		return
	}
	l3, target := level3Col(cs), targetCol(cs)
	if b.indicatorHeader(cs, l3, target) {
		return
	}
	if b.halfIndicatorHeader(cs, l3, target) {
		return
	}
	switch b.sec {
	case secFunds:
		b.fundLine(cs)
	case secGoal:
		b.goalRow(cs)
	case secIndicators:
		b.indicator(cs)
	}
}

// endsWithBiao is isTitle's first, cheap test on a cell's whole text: a
// title ends with 表.
func endsWithBiao(text string) bool {
	return strings.HasSuffix(strings.TrimRight(text, " \t\r\n\u3000"), "表")
}

// isTitle recognises a form's title: …绩效目标自评表, …绩效自评表 — a line
// that ends with 表, not a sentence that mentions one.
func isTitle(key string) bool {
	if !strings.HasSuffix(key, "表") || strings.ContainsAny(key, "，。；") {
		return false
	}
	return strings.Contains(key, "自评表") || (strings.Contains(key, "绩效") && len([]rune(key)) > 8)
}

// isYearLine recognises the year line under the title: (2020年度), 2020年.
func isYearLine(key string) bool {
	k := strings.TrimSuffix(strings.TrimPrefix(key, "("), ")")
	k = strings.TrimSuffix(strings.TrimSuffix(k, "度"), "年")
	if len(k) != 4 || len(k) == len(key) {
		return false
	}
	for i := 0; i < 4; i++ {
		if k[i] < '0' || k[i] > '9' {
			return false
		}
	}
	return k[:2] == "19" || k[:2] == "20"
}

func joinTexts(cs []cell) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.text
	}
	return strings.Join(parts, " ")
}

// footnoteText strips the 注： label of a footnote line.
func footnoteText(s string) (string, bool) {
	for _, p := range []string{"注：", "注:", "注 ：", "注"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = strings.TrimSpace(rest)
			if p == "注" && rest != "" && !strings.ContainsAny(rest[:1], "0123456789") {
				return "", false
			}
			return rest, true
		}
	}
	return "", false
}

// fieldLine splits a line that writes header fields with colons
// (项目名称：甲项目    主管部门：乙局    实施单位：丙中心) into label and value
// cells; ok is false unless the line starts with a header label and a colon.
func fieldLine(text string) (cells []cell, ok bool) {
	if len(text) > 16*maxHeaderLabel || !strings.ContainsAny(text, ":：") {
		return nil, false
	}
	var value []string
	flush := func() {
		if len(cells) > 0 {
			v := strings.Join(value, " ")
			cells = append(cells, cell{text: v, key: jixiao.Key(labelPrefix(v)), col: len(cells), end: len(cells) + 1})
		}
		value = value[:0]
	}
	for _, tok := range strings.FieldsFunc(text, unicode.IsSpace) {
		i := strings.IndexAny(tok, ":：")
		if i > 0 {
			if label := tok[:i]; headerField(jixiao.Key(label)) >= 0 {
				flush()
				cells = append(cells, cell{text: label, key: jixiao.Key(label), col: len(cells), end: len(cells) + 1})
				_, size := utf8.DecodeRuneInString(tok[i:])
				if rest := tok[i+size:]; rest != "" {
					value = append(value, rest)
				}
				continue
			}
		}
		if len(cells) == 0 {
			return nil, false // the line does not start with a header label
		}
		value = append(value, tok)
	}
	flush()
	return cells, len(cells) > 0
}

// unitLine recognises the unit line above a table: 单位：万元, 金额单位：元.
func unitLine(key string) (string, bool) {
	k, ok := strings.CutPrefix(key, "金额")
	if !ok {
		k = key
	}
	switch k {
	case "单位万元", "单位(万元)":
		return "万元", true
	case "单位元", "单位(元)":
		return "元", true
	case "单位亿元", "单位(亿元)":
		return "亿元", true
	}
	return "", false
}

// headerFields maps header labels (folded) to the field they name.
var headerFields = []struct {
	keys []string
	set  func(h *jixiao.Header, v string)
}{
	{[]string{"转移支付(项目)名称", "转移支付项目名称", "转移支付名称", "项目名称"}, func(h *jixiao.Header, v string) { h.Program = v }},
	{[]string{"中央主管部门", "中央主管部委", "中央主管部门名称"}, func(h *jixiao.Header, v string) { h.CentralDept = v }},
	{[]string{"地方主管部门", "主管部门", "市县主管部门", "县级主管部门", "区县主管部门", "项目主管部门",
		"省级主管部门", "市级主管部门", "主管单位", "项目主管单位", "业务主管部门", "地方主管部门名称",
		// the budget department: on a 部门整体 form the department itself,
		// its own 主管部门 (a project form may name it beside 项目名称)
		"部门名称", "部门(单位)名称", "单位(部门)名称", "部门单位名称", "预算部门", "预算部门名称"}, func(h *jixiao.Header, v string) { h.LocalDept = v }},
	{[]string{"资金使用单位", "项目实施单位", "实施单位", "预算单位", "项目单位", "单位名称", "项目执行单位",
		"项目承担单位", "承担单位", "项目负责单位", "用款单位", "具体实施单位", "资金使用单位名称", "项目实施单位名称"}, func(h *jixiao.Header, v string) { h.Unit = v }},
	{[]string{"所属区域", "区域", "地区", "所属地区"}, func(h *jixiao.Header, v string) { h.Region = v }},
}

// headerField returns the header field a label names, or -1. Labels carry
// remarks real forms add: 实施单位（盖章）, 实施单位/项目负责人, 主管部门及代码
// (keys are folded: the brackets and the slash are half-width).
func headerField(key string) int {
	if len(key) > maxHeaderLabel || !headerStart(key) {
		return -1
	}
	if i, ok := headerFieldOf[key]; ok {
		return i
	}
	if strings.IndexByte(key, '(') < 0 && strings.IndexByte(key, '/') < 0 && !strings.Contains(key, "及") {
		return -1
	}
	k := key
	for _, suffix := range []string{"及代码", "及编码"} {
		if c, ok := strings.CutSuffix(k, suffix); ok && c != "" {
			k = c
			break
		}
	}
	if i := strings.IndexByte(k, '('); i > 0 {
		k = k[:i]
	}
	if i := strings.IndexByte(k, '/'); i > 0 {
		k = k[:i]
	}
	if i, ok := headerFieldOf[k]; ok && k != key {
		return i
	}
	return -1
}

// maxHeaderLabel bounds a header label with its remarks, in bytes:
// 实施单位（盖章）, 资金使用单位/项目负责人 (this runs on every cell).
const maxHeaderLabel = 48

// headerStart reports whether a key starts with the first character of a
// header label: one bit test instead of a map lookup for most cells.
func headerStart(key string) bool {
	if len(key) < 3 || key[0] < 0xE4 || key[0] > 0xE9 {
		return false
	}
	r := rune(key[0]&0x0F)<<12 | rune(key[1]&0x3F)<<6 | rune(key[2]&0x3F)
	return r >= 0x4E00 && r < 0xA000 && headerFirst[(r-0x4E00)/64]&(1<<((r-0x4E00)%64)) != 0
}

// headerFirst marks the first characters of the header labels.
var headerFirst = func() (m [(0xA000 - 0x4E00) / 64]uint64) {
	for _, f := range headerFields {
		for _, k := range f.keys {
			r, _ := utf8.DecodeRuneInString(k)
			if r >= 0x4E00 && r < 0xA000 {
				m[(r-0x4E00)/64] |= 1 << ((r - 0x4E00) % 64)
			}
		}
	}
	return m
}()

// headerFieldOf maps every label of headerFields to its field.
var headerFieldOf = func() map[string]int {
	m := map[string]int{}
	for i, f := range headerFields {
		for _, k := range f.keys {
			m[k] = i
		}
	}
	return m
}()

// header reads label/value pairs of the header block.
func (b *builder) header(cs []cell) bool {
	found := false
	for i := 0; i < len(cs); i++ {
		fi := headerField(cs[i].key)
		if fi < 0 {
			continue
		}
		value := ""
		for j := i + 1; j < len(cs); j++ {
			if cs[j].text == "" {
				continue
			}
			if headerField(cs[j].key) < 0 {
				value = cs[j].text
				i = j
			}
			break
		}
		if fi == 0 && b.cur != nil && b.cur.Header.Program != "" {
			b.newForm()
		}
		headerFields[fi].set(&b.form().Header, value)
		found = true
	}
	if found {
		b.sec = secNone
	}
	return found
}

func findCol(cs []cell, match func(key string) bool) *cell {
	for i := range cs {
		if match(cs[i].key) {
			c := cs[i]
			return &c
		}
	}
	return nil
}

func contains(sub ...string) func(string) bool {
	return func(key string) bool {
		for _, s := range sub {
			if strings.Contains(key, s) {
				return true
			}
		}
		return false
	}
}

// at returns the cell of cs under the header cell h: the one starting at
// the same grid column, else the first one overlapping it.
func at(cs []cell, h *cell) *cell {
	for i := range cs {
		if cs[i].col == h.col {
			return &cs[i]
		}
	}
	for i := range cs {
		if cs[i].col < h.end && h.col < cs[i].end {
			return &cs[i]
		}
	}
	return nil
}

func (b *builder) finish() ([]*jixiao.Form, error) {
	truncated := b.sec == secIndicators && b.indHeader > 0 && b.lastCells > 0 && b.lastCells < b.indHeader
	b.newForm()
	if b.err != nil {
		return nil, b.err
	}
	var forms []*jixiao.Form
	sawFunds := false
	for _, f := range b.forms {
		if f.Funds.TotalLine() != nil || f.Header.Program != "" {
			sawFunds = true
		}
		if len(f.Indicators) > 0 {
			forms = append(forms, f)
		}
	}
	if len(forms) == 0 {
		if sawFunds {
			return nil, jixiao.Invalid("%s：找到了表头或资金情况，但没有找到绩效指标表，文件可能不完整（被截断）。请提供包含“一级指标、二级指标、三级指标、指标值、全年实际完成值”表头及各项指标的完整自评表", b.name)
		}
		e := jixiao.Invalid("%s：没有找到绩效指标表。自评表应有一行表头写明“一级指标、二级指标、三级指标、指标值、全年实际完成值”；请确认文件是转移支付绩效目标自评表", b.name)
		e.Err = ErrNoForm
		return nil, e
	}
	if truncated {
		last := forms[len(forms)-1]
		in := last.Indicators[len(last.Indicators)-1]
		return nil, jixiao.Invalid("%s：文件在指标“%s”处中断（该行只有 %d 列，表头有 %d 列），自评表不完整。请重新导出完整的文件", b.name, in.Path(), b.lastCells, b.indHeader)
	}
	for _, f := range forms {
		if f.Header.Region == "" {
			f.Header.Region = jixiao.RegionOf(f.Header.Program)
			if f.Header.Region == "" {
				f.Header.Region = jixiao.RegionOf(f.Header.Unit)
			}
		}
	}
	return forms, nil
}
