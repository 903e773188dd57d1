package web

import (
	"strconv"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

// sheet is a form in the official layout for the browser: the document
// layout.Render makes — the model the Word and Excel writers format — turned
// into HTML rows with row and column spans, each finding attached to the
// cell it concerns (layout.Document.CellFor, as the writers anchor their
// comments). The browser shows the paper form; no second layout is written.
type sheet struct {
	Blocks []sheetBlock

	// The editor's (newEditSheet): the row structure it posts back
	// (formedit.Hidden), and whether rows may be added and removed.
	hidden [][2]string
	rowOps bool
}

// sheetBlock is a paragraph (Rows nil) or the form's table.
type sheetBlock struct {
	Kind     string // attachment, title, year, footnote, filler (paragraphs)
	Text     string
	ID       string
	Findings []*finding
	Rows     [][]sheetCell

	Edit *editBlock // the editor's inputs (edit_sheet.go); nil when read-only
	ref  layout.Ref
}

// sheetCell is one HTML cell; cells under a vertical merge are left out,
// as the cell above covers them with its row span.
type sheetCell struct {
	Text     string
	Colspan  int
	Rowspan  int
	Kind     string // label, field, text, value, amount, rate: the cell's style
	ID       string // anchor for the findings list: cell-<block>-<row>-<cell>
	Findings []*finding
	// Href links the cell's text (the roll-up page: to how an aggregated
	// figure was made); ref is the form field the cell shows.
	Href string
	ref  layout.Ref

	Edit *editCell // the editor's input and buttons (edit_sheet.go); nil when read-only
	col  int       // first grid column
}

// finding is a finding as the page shows it, numbered in report order.
type finding struct {
	N        int
	Severity jixiao.Severity
	Rule     string
	At       string
	Message  string // what is wrong and how to fix it
	Anchor   string // the ID of its cell or paragraph
}

var kindNames = map[layout.Kind]string{
	layout.KindAttachment: "attachment", layout.KindTitle: "title", layout.KindYear: "year",
	layout.KindFootnote: "footnote", layout.KindFiller: "filler",
	layout.KindLabel: "label", layout.KindField: "field", layout.KindText: "text",
	layout.KindValue: "value", layout.KindAmount: "amount", layout.KindRate: "rate",
}

// newSheet lays f out with its findings (none for the print view).
func newSheet(f *jixiao.Form, findings []jixiao.Finding) (*sheet, []*finding) {
	doc := layout.Render(f)
	sh := &sheet{Blocks: make([]sheetBlock, len(doc.Blocks))}
	for b, blk := range doc.Blocks {
		out := &sh.Blocks[b]
		if blk.Table == nil {
			*out = sheetBlock{Kind: kindNames[blk.Kind], Text: blk.Paragraph, ID: anchor(b, -1, -1), ref: blk.Ref}
			continue
		}
		out.Rows = make([][]sheetCell, len(blk.Table.Rows))
		for r, row := range blk.Table.Rows {
			for c, cell := range row.Cells {
				if cell.Merged {
					continue
				}
				sc := sheetCell{Text: cell.Text, Colspan: cell.Span, Rowspan: 1, ID: anchor(b, r, c), col: cell.Col}
				if cell.Rendered != nil {
					sc.Kind = kindNames[cell.Kind]
					sc.Rowspan = max(cell.Rows, 1)
					sc.ref = cell.Ref
				}
				out.Rows[r] = append(out.Rows[r], sc)
			}
		}
	}
	list := make([]*finding, len(findings))
	for i, f := range findings {
		fd := &finding{N: i + 1, Severity: f.Severity, Rule: f.Rule, At: f.At, Message: f.Message}
		list[i] = fd
		b, r, c, ok := doc.CellFor(f)
		if !ok {
			continue // a document without a title: listed, not placed
		}
		fd.Anchor = anchor(b, r, c)
		if r < 0 {
			sh.Blocks[b].Findings = append(sh.Blocks[b].Findings, fd)
			continue
		}
		// c indexes the layout row, merged cells included: find its HTML cell
		for k := range sh.Blocks[b].Rows[r] {
			if sc := &sh.Blocks[b].Rows[r][k]; sc.ID == fd.Anchor {
				sc.Findings = append(sc.Findings, fd)
			}
		}
	}
	return sh, list
}

func anchor(b, r, c int) string {
	if r < 0 {
		return "p-" + strconv.Itoa(b)
	}
	return "cell-" + strconv.Itoa(b) + "-" + strconv.Itoa(r) + "-" + strconv.Itoa(c)
}
