package layout

import (
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// DefaultTitle is the title written when a form has none.
const DefaultTitle = "转移支付区域（项目）绩效目标自评表"

// Render lays a form out as the official template does (testdata/forms):
// 附件1, the title, the year line, one table of seven grid columns with
// vertical merges for 资金情况, 总体目标完成情况, 绩效指标 and the runs of level-1
// and level-2 names, then the footnotes and the 填表人 line. Scored forms get
// nine columns: 分值/得分 after 全年实际完成值, 年初预算数/分值/得分 in the funds
// rows when present, and the 总分 and 自评等级 rows. A 所属区域 row is added
// only when the region cannot be derived from the program or unit name.
//
// It is the inverse of Forms: Forms(Render(f)) reads f back, a blank
// execution rate with A > 0 filled with B/A. Every writer walks the result,
// so the layout is decided once; each cell carries its Kind and the Ref of
// the field it shows, and CellFor finds where a finding belongs.
func Render(f *jixiao.Form) *Document {
	d := &Document{Name: f.Source}
	d.Blocks = append(d.Blocks, Block{Paragraph: "附件1", Kind: KindAttachment})
	title := f.Title
	if strings.TrimSpace(title) == "" {
		title = DefaultTitle
		if f.Year > 0 {
			title = strconv.Itoa(f.Year) + "年" + title
		}
	}
	d.Blocks = append(d.Blocks, Block{Paragraph: title, Kind: KindTitle})
	year := f.YearText
	if strings.TrimSpace(year) == "" && f.Year > 0 {
		year = "（" + strconv.Itoa(f.Year) + "年度）"
	}
	if strings.TrimSpace(year) != "" {
		d.Blocks = append(d.Blocks, Block{Paragraph: year, Kind: KindYear})
	}
	d.AddTable(formTable(f))
	for i, fn := range f.Footnotes {
		if i == 0 {
			fn = "注：" + fn
		}
		d.Blocks = append(d.Blocks, Block{Paragraph: fn, Kind: KindFootnote})
	}
	d.Blocks = append(d.Blocks, Block{Paragraph: "填表人：" + f.Filler + "      联系电话：" + f.Phone + "       填写日期：" + f.FillDate,
		Kind: KindFiller, Ref: sectionRef(jixiao.SectionFooter)})
	return d
}

// Scored reports whether a form has anything of the scored layouts: 分值/得分
// of indicators or funds, 年初预算数, 总分, 自评等级.
func Scored(f *jixiao.Form) bool {
	for i := range f.Indicators {
		if f.Indicators[i].Weight != "" || f.Indicators[i].Score != "" {
			return true
		}
	}
	return f.TotalScore != "" || f.Grade != "" || fundExtras(f)
}

// fundExtras reports whether a funds line has the columns of scored layouts
// (年初预算数, 分值, 得分).
func fundExtras(f *jixiao.Form) bool {
	for _, l := range f.Funds.Lines {
		if l.InitialBudget != "" || l.Weight != "" || l.Score != "" {
			return true
		}
	}
	return false
}

func sectionRef(s jixiao.Section) Ref { return Ref{Section: s, Indicator: -1} }

func fieldRef(s jixiao.Section, field string) Ref {
	return Ref{Section: s, Indicator: -1, Field: field}
}

func fundRef(line int, field string) Ref {
	return Ref{Section: jixiao.SectionFunds, FundLine: line, Indicator: -1, Field: field}
}

func indicatorRef(i int, field string) Ref {
	return Ref{Section: jixiao.SectionIndicators, Indicator: i, Field: field}
}

// cell constructors, by kind
func labelCell(text string, span int) Cell {
	return Cell{Text: text, Span: span, Rendered: &Rendered{Kind: KindLabel}}
}
func fieldCell(text string, span int) Cell {
	return Cell{Text: text, Span: span, Rendered: &Rendered{Kind: KindField}}
}
func textCell(text string, span int, ref Ref) Cell {
	return Cell{Text: text, Span: span, Rendered: &Rendered{Kind: KindText, Ref: ref}}
}
func valueCell(text string, span int, ref Ref) Cell {
	return Cell{Text: text, Span: span, Rendered: &Rendered{Kind: KindValue, Ref: ref}}
}

// continuation is the rendering of every merge continuation cell: shared,
// never written to.
var continuation = &Rendered{}

func mergedCell() Cell { return Cell{Span: 1, Merged: true, Rendered: continuation} }

// merging starts a vertical merge of rows rows at c (none for a single row).
func merging(c Cell, rows int) Cell {
	if rows > 1 {
		c.Rows = rows
	}
	return c
}

func amountCell(a jixiao.Amount, span int, ref Ref) Cell {
	text := a.Text
	if text == "" && a.Valid {
		text = a.Value.String()
	}
	return Cell{Text: text, Span: span, Rendered: &Rendered{Kind: KindAmount, Ref: ref, Amount: a}}
}

func rateCell(l *jixiao.FundLine, span int, ref Ref) Cell {
	r := jixiao.RateOf(l)
	return Cell{Text: r.Text, Span: span, Rendered: &Rendered{Kind: KindRate, Ref: ref, Rate: &r}}
}

// addRow appends a row, setting each cell's grid column.
func addRow(t *Table, cells ...Cell) {
	col := 0
	for i := range cells {
		if cells[i].Span < 1 {
			cells[i].Span = 1
		}
		cells[i].Col = col
		col += cells[i].Span
	}
	t.Rows = append(t.Rows, Row{Cells: cells})
}

func formTable(f *jixiao.Form) *Table {
	t := &Table{}
	scored := Scored(f)
	n := 7
	if scored {
		n = 9
	}
	const header = jixiao.SectionHeader
	h := &f.Header

	// header: label (2 columns) | value
	addRow(t, fieldCell("转移支付（项目）名称", 2), textCell(h.Program, n-2, fieldRef(header, "program")))
	addRow(t, fieldCell("中央主管部门", 2), textCell(h.CentralDept, n-2, fieldRef(header, "central_dept")))
	addRow(t, fieldCell("地方主管部门", 2), textCell(h.LocalDept, 2, fieldRef(header, "local_dept")),
		fieldCell("资金使用单位", 1), textCell(h.Unit, n-5, fieldRef(header, "unit")))
	if h.Region != "" && h.Region != jixiao.DerivedRegion(h) {
		// not in the template: only when the region cannot be read from the names
		addRow(t, fieldCell("所属区域", 2), textCell(h.Region, n-2, fieldRef(header, "region")))
	}

	// funds
	unit := strings.TrimSpace(f.Funds.Unit)
	if unit == "" {
		unit = "万元"
	}
	lines := f.Funds.Lines
	label := merging(Cell{Text: "资金情况（" + unit + "）", Span: 1, Rendered: &Rendered{Kind: KindLabel, Ref: sectionRef(jixiao.SectionFunds)}}, 1+len(lines))
	extras := fundExtras(f)
	if extras {
		// 财预〔2020〕10号: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
		addRow(t, label, labelCell("", 1), labelCell("年初预算数", 1), labelCell("全年预算数（A）", 1),
			labelCell("全年执行数（B）", 1), labelCell("分值", 1), labelCell("预算执行率（B/A）", n-7), labelCell("得分", 1))
	} else {
		addRow(t, label, labelCell("", 1), labelCell("全年预算数（A）", 2), labelCell("全年执行数（B）", 2), labelCell("预算执行率（B/A）", n-6))
	}
	for k := range lines {
		fl := &lines[k]
		name := fundName(&f.Funds, k)
		if extras {
			addRow(t, mergedCell(), textCell(name, 1, fundRef(k, "label")), valueCell(fl.InitialBudget, 1, fundRef(k, "initial_budget")),
				amountCell(fl.Budget, 1, fundRef(k, "budget")), amountCell(fl.Executed, 1, fundRef(k, "executed")),
				valueCell(fl.Weight, 1, fundRef(k, "weight")), rateCell(fl, n-7, fundRef(k, "rate")), valueCell(fl.Score, 1, fundRef(k, "score")))
		} else {
			addRow(t, mergedCell(), textCell(name, 1, fundRef(k, "label")), amountCell(fl.Budget, 2, fundRef(k, "budget")),
				amountCell(fl.Executed, 2, fundRef(k, "executed")), rateCell(fl, n-6, fundRef(k, "rate")))
		}
	}

	// overall goal
	const goal = jixiao.SectionGoal
	addRow(t, merging(Cell{Text: "总体目标完成情况", Span: 1, Rendered: &Rendered{Kind: KindLabel, Ref: sectionRef(goal)}}, 2),
		labelCell("总体目标", 3), labelCell("全年实际完成情况", n-4))
	addRow(t, mergedCell(), textCell(f.Goal, 3, fieldRef(goal, "goal")), textCell(f.Achievement, n-4, fieldRef(goal, "achievement")))

	// indicators
	ins := f.Indicators
	head := []Cell{merging(Cell{Text: "绩效指标", Span: 1, Rendered: &Rendered{Kind: KindLabel, Ref: sectionRef(jixiao.SectionIndicators)}}, 1+len(ins)),
		labelCell("一级指标", 1), labelCell("二级指标", 1), labelCell("三级指标", 1),
		labelCell("指标值", 1), labelCell("全年实际完成值", 1)}
	if scored {
		head = append(head, labelCell("分值", 1), labelCell("得分", 1))
	}
	head = append(head, labelCell("未完成原因和改进措施", 1))
	addRow(t, head...)
	for i := range ins {
		in := &ins[i]
		name := in.Label
		if name == "" {
			name = in.Name
		}
		cells := []Cell{mergedCell(), levelCell(ins, i, false), levelCell(ins, i, true), textCell(name, 1, indicatorRef(i, "name")),
			textCell(in.Target, 1, indicatorRef(i, "target")), textCell(in.Actual, 1, indicatorRef(i, "actual"))}
		if scored {
			cells = append(cells, valueCell(in.Weight, 1, indicatorRef(i, "weight")), valueCell(in.Score, 1, indicatorRef(i, "score")))
		}
		cells = append(cells, textCell(in.Reason, 1, indicatorRef(i, "reason")))
		addRow(t, cells...)
	}

	// scored layouts: the declared total (under 得分) and grade
	if f.TotalScore != "" {
		addRow(t, labelCell("总分", n-3), labelCell("", 1), valueCell(f.TotalScore, 1, Ref{}), textCell("", 1, Ref{}))
	}
	if f.Grade != "" {
		addRow(t, labelCell("自评等级", 2), textCell(f.Grade, n-2, Ref{}))
	}

	addRow(t, labelCell("说明", 1), textCell(f.Notes, n-1, fieldRef(jixiao.SectionNotes, "notes")))
	return t
}

// levelCell is the level-1 (level2 false) or level-2 cell of indicator i:
// the start of a vertical merge over a run of equal names (a level-2 run
// stays within its level-1 run), a continuation inside the run, a plain cell
// for a run of one — as in the template.
func levelCell(ins []jixiao.Indicator, i int, level2 bool) Cell {
	same := func(a, b int) bool {
		return ins[a].Level1 == ins[b].Level1 && (!level2 || ins[a].Level2 == ins[b].Level2)
	}
	if i > 0 && same(i-1, i) {
		return mergedCell()
	}
	run := 1
	for i+run < len(ins) && same(i, i+run) {
		run++
	}
	name := ins[i].Level1
	if level2 {
		name = ins[i].Level2
	}
	return merging(valueCell(name, 1, Ref{}), run)
}

// CellFor finds where a finding of a rendered form belongs: the cell
// showing its field (row and cell ≥ 0), or a paragraph (row and cell -1).
// A finding whose field has no cell falls back as the writers always did:
// a header field to the program name, a funds field to its line's label or
// the 资金情况 label, an indicator field to the indicator's name or the 绩效指标
// label, anything else to its section, and at last to the title. ok is
// false only for a document without a title.
func (d *Document) CellFor(f jixiao.Finding) (block, row, cell int, ok bool) {
	var tries []Ref
	switch f.Section {
	case "":
	case jixiao.SectionIndicators:
		if f.Indicator >= 0 {
			tries = append(tries, indicatorRef(f.Indicator, f.Field), indicatorRef(f.Indicator, "name"))
		}
		tries = append(tries, sectionRef(f.Section))
	case jixiao.SectionFunds:
		tries = append(tries, fundRef(f.FundLine, f.Field), fundRef(f.FundLine, "label"), sectionRef(f.Section))
	case jixiao.SectionHeader:
		tries = append(tries, fieldRef(f.Section, f.Field), fieldRef(f.Section, "program"))
	case jixiao.SectionNotes:
		tries = append(tries, fieldRef(f.Section, f.Field), fieldRef(f.Section, "notes"))
	default:
		tries = append(tries, fieldRef(f.Section, f.Field), sectionRef(f.Section))
	}
	for _, want := range tries {
		if b, r, c, ok := d.find(want); ok {
			return b, r, c, true
		}
	}
	for b := range d.Blocks {
		if d.Blocks[b].Table == nil && d.Blocks[b].Kind == KindTitle {
			return b, -1, -1, true
		}
	}
	return 0, -1, -1, false
}

// find is the first paragraph or cell showing ref.
func (d *Document) find(ref Ref) (block, row, cell int, ok bool) {
	for b := range d.Blocks {
		blk := &d.Blocks[b]
		if blk.Table == nil {
			if blk.Kind != KindNone && blk.Ref == ref {
				return b, -1, -1, true
			}
			continue
		}
		for r := range blk.Table.Rows {
			cs := blk.Table.Rows[r].Cells
			for c := range cs {
				if !cs[c].Merged && cs[c].Rendered != nil && cs[c].Kind != KindNone && cs[c].Ref == ref {
					return b, r, c, true
				}
			}
		}
	}
	return 0, 0, 0, false
}

// fundName is the label a funds line is rendered with: as written, with 其中
// before the first part of a source when the label does not show its level
// already, so that reading the table back gives the same tree.
func fundName(fs *jixiao.Funds, k int) string {
	l := &fs.Lines[k]
	name := l.Label
	if strings.TrimSpace(name) == "" {
		name = l.Role.Label()
	}
	p := l.Parent
	if p < 0 || p != k-1 || fs.Lines[p].Parent < 0 || numberingOf(name) != numberNone {
		return name
	}
	if strings.HasPrefix(jixiao.Key(name), "其中") {
		return name
	}
	return "其中：" + name
}
