// Package layout maps a document — paragraphs and tables as an office file
// or its text rendering presents them — onto self-evaluation forms. It finds
// sections and columns by their labels, never by position, so that every
// reader (text, Word, Excel) shares one understanding of the form's layout.
package layout

import jixiao "github.com/jixiao/jixiao"

// Document is a file's content in reading order: paragraphs and tables.
type Document struct {
	Name   string // file name (and sheet), for messages
	Blocks []Block
}

// Block is either a paragraph (Table == nil) or a table.
type Block struct {
	Paragraph string
	Table     *Table

	// Set by Render only: what the paragraph is (KindTitle, KindFootnote…)
	// and the form field it shows, for writers to style it and anchor
	// findings on it. Readers leave them zero.
	Kind Kind
	Ref  Ref
}

// Table is a table as rows of cells.
type Table struct {
	Rows []Row
}

// Row is one table row.
type Row struct {
	Cells []Cell
}

// Cell is one visual cell of a row. A cell spanning several grid columns
// appears once (Span > 1); a cell covered by a vertical merge from a row
// above appears as an empty cell with Merged set, so that a row's cells line
// up with the header row's. Text keeps line breaks as "\n".
type Cell struct {
	Text   string
	Col    int  // first grid column, 0-based (equal to the cell's index when the source has no grid)
	Span   int  // grid columns covered, ≥ 1
	Merged bool // continuation of a vertical merge

	// *Rendered is set by Render only, on every cell it makes; readers
	// leave it nil, so reading a form does not pay for what writing needs.
	*Rendered
}

// Rendered is what a writer needs to format a rendered cell and to anchor
// findings on it.
type Rendered struct {
	Rows   int                   // rows a vertical merge starting here covers (≥ 2); 0 when none starts here
	Kind   Kind                  // what the cell shows, which decides its format
	Ref    Ref                   // the form field shown; zero for the template's own labels
	Amount jixiao.Amount         // KindAmount: the amount, for writers that store numbers
	Rate   *jixiao.ExecutionRate // KindRate: how the execution rate is shown
}

// Kind is what a rendered paragraph or cell shows. Writers format by kind:
// labels, short values, amounts and rates centred, texts left-aligned.
type Kind uint8

// Kinds of rendered paragraphs and cells.
const (
	KindNone Kind = iota // read from a file, or a merge continuation

	// paragraphs
	KindAttachment // 附件1
	KindTitle      // the form title
	KindYear       // （2020年度）
	KindFootnote   // 注：1. … (the first), then the following footnotes
	KindFiller     // 填表人：…  联系电话：…  填写日期：…

	// cells
	KindLabel  // a label of the template, centred: 资金情况, 一级指标…
	KindField  // a label of a header field, left-aligned: 中央主管部门…
	KindText   // a text written by the unit, left-aligned
	KindValue  // a short value written by the unit, centred: level names, 分值, 得分, 总分
	KindAmount // a funds amount (Amount holds it)
	KindRate   // an execution rate (Rate says how to show it)
)

// Centred reports whether a cell of this kind is centred in the template.
func (k Kind) Centred() bool {
	switch k {
	case KindLabel, KindValue, KindAmount, KindRate:
		return true
	}
	return false
}

// Ref names the form field a rendered cell or paragraph shows, in the
// terms of jixiao.Finding (Section, Fund, Indicator, Field) so that a
// finding maps to its cell by equality. Indicator is -1 outside the
// indicators; a section's own label has Indicator -1 and no Field.
type Ref struct {
	Section   jixiao.Section
	FundLine  int // index in Form.Funds.Lines (funds cells only)
	Indicator int
	Field     string
}

// AddParagraph appends a paragraph block.
func (d *Document) AddParagraph(text string) {
	d.Blocks = append(d.Blocks, Block{Paragraph: text})
}

// AddTable appends a table block.
func (d *Document) AddTable(t *Table) {
	d.Blocks = append(d.Blocks, Block{Table: t})
}
