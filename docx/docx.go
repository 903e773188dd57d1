// Package docx reads Word documents (.docx) into the layout document model
// with a token walker over the main document part. Unlike the docx libraries
// tried, it keeps the text of tracked insertions, content controls, smart
// tags, hyperlinks, simple fields and custom XML, and drops only what Word
// does not show: deleted and moved-away text, field codes and the
// placeholder text of empty content controls.
package docx

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/ooxml"
)

// Namespaces.
const (
	nsW          = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict    = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC         = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsMath       = "http://schemas.openxmlformats.org/officeDocument/2006/math"
	nsMathStrict = "http://purl.oclc.org/ooxml/officeDocument/math"
)

// Reader reads forms from Word documents.
type Reader struct{}

// ReadForms implements jixiao.FormReader.
func (Reader) ReadForms(name string, data []byte) ([]*jixiao.Form, error) {
	doc, err := ReadDocument(name, data)
	if err != nil {
		return nil, err
	}
	return layout.Forms(doc)
}

// ReadDocument reads the body of a Word document: paragraphs and tables in
// reading order. Cells follow the layout conventions: a cell spanning grid
// columns appears once with its Span, a cell continuing a vertical merge
// appears empty with Merged set, paragraphs of a cell are joined by "\n". A
// table nested in a cell is flattened into that cell's text, a line per
// paragraph. Page headers, footnotes and comments are not read; the page
// footers only for the form's footer lines (填表人：…) when the body has none.
//
// Reading is linear in the document and refuses it, as soon as it goes
// past one, at the shared reading limits: jixiao.MaxParagraphs (outside
// tables), MaxRows and MaxCells (all tables together), MaxColumns (grid
// columns of a row, spans included) and MaxCellBytes (the text of a
// paragraph or cell, merged cells included), besides the package limits
// ooxml applies (bytes inflated, XML elements, nesting, namespaces).
func ReadDocument(name string, data []byte) (*layout.Document, error) {
	pkg, err := ooxml.Open(name, data)
	if err != nil {
		return nil, err
	}
	if pkg.Format() != ooxml.FormatWord {
		return nil, pkg.WrongFormat(ooxml.FormatWord)
	}
	d, err := pkg.Decoder(pkg.MainPart())
	if err != nil {
		return nil, err
	}
	d.SkipElements([]string{nsW, nsWStrict}, skipped...)
	w := &walker{d: d, doc: &layout.Document{Name: name}}
	if err := w.walk(); err != nil {
		return nil, err
	}
	if !signed(w.doc) {
		if err := pageFooters(pkg, w.doc); err != nil {
			return nil, err
		}
	}
	return w.doc, nil
}

// footerWords start the lines of a form's footer (填表人：…  联系电话：…).
var footerWords = []string{"填表人", "填报人", "填写人", "联系电话", "填写日期", "填报日期", "填表日期", "单位负责人"}

func isFooterLine(s string) bool {
	for _, w := range footerWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// signed reports whether the body holds the form's footer, in a paragraph
// or a table row.
func signed(doc *layout.Document) bool {
	for _, b := range doc.Blocks {
		if b.Table == nil {
			if isFooterLine(b.Paragraph) {
				return true
			}
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				if isFooterLine(c.Text) {
					return true
				}
			}
		}
	}
	return false
}

// maxPageFooters bounds the page footers read (default, first, even, per
// section).
const maxPageFooters = 8

// pageFooters appends the footer lines of the page footers (填表人：…
// written in the page's footer, printed under the form) to a body that has
// none; page numbers and other lines stay out.
func pageFooters(pkg *ooxml.Package, doc *layout.Document) error {
	rels, err := pkg.Relationships(pkg.MainPart())
	if errors.Is(err, ooxml.ErrLimit) {
		return err
	}
	if err != nil {
		return nil // damaged, no footers to find: the body stands alone
	}
	seen := map[string]bool{}
	read := 0
	for _, r := range rels {
		if !strings.HasSuffix(r.Type, "/footer") || seen[r.Target] || !pkg.Has(r.Target) || read >= maxPageFooters {
			continue
		}
		seen[r.Target] = true
		read++
		d, err := pkg.Decoder(r.Target)
		if err != nil {
			return err
		}
		d.SkipElements([]string{nsW, nsWStrict}, skipped...)
		fw := &walker{d: d, doc: &layout.Document{Name: doc.Name}}
		if err := fw.walk(); err != nil {
			return err
		}
		for _, b := range fw.doc.Blocks {
			var lines []string
			if b.Table == nil {
				lines = []string{b.Paragraph}
			} else {
				for _, row := range b.Table.Rows {
					var cells []string
					for _, c := range row.Cells {
						if t := strings.TrimSpace(c.Text); t != "" {
							cells = append(cells, t)
						}
					}
					lines = append(lines, strings.Join(cells, " "))
				}
			}
			for _, l := range lines {
				if isFooterLine(l) && !seen["\x00"+l] {
					seen["\x00"+l] = true
					doc.AddParagraph(l)
				}
			}
		}
	}
	return nil
}

// skipped are elements without text that the walker never looks at: the
// decoder drops them by scanning bytes, without building their tokens.
var skipped = []string{
	"pPr", "rPr", "sectPr", "tblPr", "tblGrid", "tblPrEx", "sdtEndPr",
	"tcW", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
	"trHeight", "cantSplit", "tblHeader", "tblCellSpacing", "jc", "wBefore", "wAfter",
	"bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak", "fldChar",
	"commentRangeStart", "commentRangeEnd", "commentReference", "footnoteReference", "endnoteReference",
	"permStart", "permEnd", "instrText", "delInstrText", "delText", "fldData",
}

type walker struct {
	d   *ooxml.Decoder
	doc *layout.Document

	inText int                // inside w:t or m:t
	paras  []*strings.Builder // open paragraphs, innermost last
	free   []*strings.Builder // builders to reuse
	loose  strings.Builder    // text outside any paragraph (malformed files)
	alt    []bool             // open mc:AlternateContent: whether a branch was taken
	sdt    []bool             // open w:sdt: whether it shows placeholder text

	tables  int           // depth of open tables
	frames  int           // open outer tables unwrapped as frames (frame)
	table   *layout.Table // the outermost open table
	row     *row
	cell    *cell
	orphans []string            // paragraphs in a table but outside any cell
	restart map[int]cellIndex   // grid column → cell that started a vertical merge there
	merged  map[cellIndex]*text // text of continuation cells, for the cell that started the merge

	// counts against the reading limits (jixiao.MaxParagraphs …), checked
	// as the walk goes so that a hostile file stops early
	paragraphs, rows, cells int
}

type row struct {
	cells   []layout.Cell
	texts   []text // per cell: its text, with that of legacy horizontal continuations
	vmerge  []int  // per cell: vmNone, vmRestart, vmContinue
	col     int    // next grid column
	deleted bool   // a tracked deletion of the whole row
}

type cell struct {
	lines  []string
	size   int // bytes of the lines joined
	span   int
	vmerge int
	hmerge int
}

// text collects the text of a merged cell, joined once when the table or
// row is complete: joining the text of each continuation cell as it comes
// would copy the growing text again for each one. Its size is bounded by
// jixiao.MaxCellBytes.
type text struct {
	first string   // the text of the cell itself
	more  []string // the text of its continuations, blank ones left out
	n     int      // bytes of the joined text
}

func newText(s string) text { return text{first: s, n: len(s)} }

// add appends the text of a continuation cell; false when the text would
// go past the limit.
func (t *text) add(s string) bool {
	if s == "" {
		return true
	}
	if t.n > 0 {
		t.n++ // the "\n" that joins it
	}
	t.n += len(s)
	t.more = append(t.more, s)
	return t.n <= jixiao.MaxCellBytes
}

// String joins the pieces that are not blank, a line each (as merging the
// cells one by one would).
func (t *text) String() string {
	if len(t.more) == 0 {
		return t.first
	}
	var b strings.Builder
	b.Grow(t.n)
	b.WriteString(t.first)
	for _, s := range t.more {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
	}
	return b.String()
}

type cellIndex struct{ row, cell int }

const (
	vmNone = iota
	vmRestart
	vmContinue
)

func isW(space string) bool { return space == nsW || space == nsWStrict }

func (w *walker) walk() error {
	for {
		tok, err := w.d.Token()
		if err == io.EOF {
			if err := w.flushLoose(); err != nil {
				return err
			}
			w.flushOrphans()
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := w.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if err := w.end(t); err != nil {
				return err
			}
		case xml.CharData:
			if w.inText > 0 {
				if err := w.write(t); err != nil {
					return err
				}
			}
		}
	}
}

func (w *walker) start(t xml.StartElement) error {
	if !isW(t.Name.Space) {
		switch t.Name.Space {
		case nsMC:
			switch t.Name.Local {
			case "AlternateContent":
				w.alt = append(w.alt, false)
			case "Choice", "Fallback": // read one branch: the first
				if n := len(w.alt); n > 0 {
					if w.alt[n-1] {
						return w.d.Skip()
					}
					w.alt[n-1] = true
				}
			}
		case nsMath, nsMathStrict:
			if t.Name.Local == "t" {
				w.inText++
			}
		}
		return nil
	}
	switch t.Name.Local {
	case "p":
		if err := w.flushLoose(); err != nil {
			return err
		}
		w.paras = append(w.paras, w.builder())
	case "t":
		w.inText++
	case "tab", "ptab":
		return w.write([]byte{'\t'})
	case "br", "cr":
		return w.write([]byte{'\n'})
	case "noBreakHyphen":
		return w.write([]byte{'-'})
	case "sym": // a character of Insert Symbol: ≥ in the Symbol font
		if r := symbol(t); r != 0 {
			return w.write(utf8.AppendRune(nil, r))
		}

	// what Word does not show, and properties without text
	case "del", "moveFrom", "delText", "delInstrText", "instrText", "fldData",
		"pPr", "rPr", "sectPr", "tblPr", "tblGrid", "tblPrEx", "sdtEndPr",
		"commentReference", "footnoteReference", "endnoteReference":
		return w.d.Skip()

	case "sdt":
		w.sdt = append(w.sdt, false)
	case "sdtPr":
		placeholder := false
		err := w.props(func(p xml.StartElement) error {
			if p.Name.Local == "showingPlcHdr" {
				placeholder = on(p)
			}
			return nil
		})
		if n := len(w.sdt); n > 0 {
			w.sdt[n-1] = placeholder
		}
		return err
	case "sdtContent":
		if n := len(w.sdt); n > 0 && w.sdt[n-1] {
			return w.d.Skip() // the placeholder text of an empty content control
		}

	case "tbl":
		if err := w.flushLoose(); err != nil {
			return err
		}
		w.tables++
		if w.depth() == 2 && w.frame() {
			if err := w.unwrap(); err != nil {
				return err
			}
		}
		if w.depth() == 1 {
			w.table = &layout.Table{}
			w.restart = map[int]cellIndex{}
			w.merged = map[cellIndex]*text{}
		}
	case "tr":
		if w.rows++; w.rows > jixiao.MaxRows {
			return jixiao.TooMany(w.doc.Name, "表格行数（所有表格合计）", jixiao.MaxRows)
		}
		if w.depth() == 1 {
			if w.row != nil { // a row inside a row (content controls misplaced): end the first
				if err := w.endRow(); err != nil {
					return err
				}
			}
			w.row = &row{}
		}
	case "trPr":
		if w.depth() != 1 || w.row == nil {
			return w.d.Skip()
		}
		return w.props(func(p xml.StartElement) error {
			switch p.Name.Local {
			case "gridBefore":
				n, err := w.columns(p, 0)
				w.row.col += n
				return err
			case "del":
				w.row.deleted = true
			}
			return nil
		})
	case "tc":
		if w.cells++; w.cells > jixiao.MaxCells {
			return jixiao.TooMany(w.doc.Name, "表格单元格数（所有表格合计）", jixiao.MaxCells)
		}
		if w.depth() == 1 {
			if err := w.flushLoose(); err != nil {
				return err
			}
			if w.cell != nil { // a cell inside a cell: end the first
				if err := w.endCell(); err != nil {
					return err
				}
			}
			w.cell = &cell{span: 1}
		}
	case "tcPr":
		if w.depth() != 1 || w.cell == nil {
			return w.d.Skip()
		}
		return w.props(func(p xml.StartElement) error {
			switch p.Name.Local {
			case "gridSpan":
				n, err := w.columns(p, 1)
				w.cell.span = max(1, n)
				return err
			case "vMerge":
				w.cell.vmerge = mergeKind(p)
			case "hMerge":
				w.cell.hmerge = mergeKind(p)
			}
			return nil
		})
	}
	return nil
}

// columns reads a count of grid columns (gridSpan, gridBefore), def when
// absent or unreadable; more than a row may hold is refused.
func (w *walker) columns(t xml.StartElement, def int) (int, error) {
	n := count(t, def)
	if n > jixiao.MaxColumns {
		return 0, w.tooWide()
	}
	return n, nil
}

func (w *walker) tooWide() error {
	return jixiao.TooMany(w.doc.Name, "表格一行的列数", jixiao.MaxColumns)
}

func (w *walker) tooLong() error {
	return jixiao.TooLarge(w.doc.Name, "一个段落或单元格的文字", jixiao.MaxCellBytes)
}

func (w *walker) end(t xml.EndElement) error {
	if !isW(t.Name.Space) {
		switch {
		case t.Name.Space == nsMC && t.Name.Local == "AlternateContent":
			if n := len(w.alt); n > 0 {
				w.alt = w.alt[:n-1]
			}
		case (t.Name.Space == nsMath || t.Name.Space == nsMathStrict) && t.Name.Local == "t":
			w.inText--
		}
		return nil
	}
	switch t.Name.Local {
	case "t":
		w.inText--
	case "p":
		if n := len(w.paras); n > 0 {
			b := w.paras[n-1]
			w.paras = w.paras[:n-1]
			text := b.String()
			b.Reset()
			w.free = append(w.free, b)
			return w.paragraph(text)
		}
	case "sdt":
		if n := len(w.sdt); n > 0 {
			w.sdt = w.sdt[:n-1]
		}
	case "tc":
		if w.depth() == 1 && w.cell != nil {
			if err := w.flushLoose(); err != nil {
				return err
			}
			return w.endCell()
		}
	case "tr":
		if w.depth() == 1 && w.row != nil {
			return w.endRow()
		}
	case "tbl":
		if w.depth() == 1 {
			if err := w.flushLoose(); err != nil {
				return err
			}
			if w.row != nil { // a row left open by a malformed file
				if err := w.endRow(); err != nil {
					return err
				}
			}
			w.addTable()
			w.table = nil
			w.flushOrphans()
		}
		w.tables = max(0, w.tables-1)
		w.frames = min(w.frames, w.tables)
	}
	return nil
}

// depth is the depth of the open tables, frames unwrapped left out: 1 in
// a table read as the body's.
func (w *walker) depth() int { return w.tables - w.frames }

// frame reports whether the open outer table, where a table is nested, is
// only a frame around it: a border or layout table whose first cell (of at
// most its second row) holds nothing before the nested table. A table nested
// in a form's cell, or after text in a cell, is flattened instead.
func (w *walker) frame() bool {
	if w.table == nil || len(w.table.Rows) > 1 || w.row == nil || len(w.row.cells) > 0 || w.cell == nil {
		return false
	}
	for _, l := range w.cell.lines {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// unwrap makes the table now opening the body's table, its frame left: the
// frame's rows read so far stay a table of their own, the lines of its open
// cell become paragraphs.
func (w *walker) unwrap() error {
	w.addTable()
	for _, l := range w.cell.lines {
		if l = strings.TrimSpace(l); l != "" {
			if err := w.countParagraph(); err != nil {
				return err
			}
			w.doc.AddParagraph(l)
		}
	}
	w.flushOrphans()
	w.table, w.row, w.cell = nil, nil, nil
	w.frames++
	return nil
}

// addTable adds the open table, if it has rows, to the document, the text
// of continuation cells joined to the cells that started their merges.
func (w *walker) addTable() {
	for ref, t := range w.merged {
		c := &w.table.Rows[ref.row].Cells[ref.cell]
		c.Text = t.String()
	}
	clear(w.merged)
	if len(w.table.Rows) > 0 {
		w.doc.AddTable(w.table)
	}
}

// paragraph places the text of a finished paragraph: in the open cell (a
// line; lines of nested tables only when not blank), else in the body.
func (w *walker) paragraph(text string) error {
	switch {
	case w.depth() <= 0:
		if err := w.countParagraph(); err != nil {
			return err
		}
		if text = strings.TrimSpace(text); text != "" {
			w.doc.AddParagraph(text)
		}
	case w.cell != nil:
		if w.depth() != 1 {
			if text = strings.TrimSpace(text); text == "" {
				return nil
			}
		}
		if len(w.cell.lines) > 0 {
			w.cell.size++ // the "\n" that joins it
		}
		if w.cell.size += len(text); w.cell.size > jixiao.MaxCellBytes {
			return w.tooLong()
		}
		w.cell.lines = append(w.cell.lines, text)
	default: // in a table, outside any cell: keep the text after the table
		if err := w.countParagraph(); err != nil {
			return err
		}
		if text = strings.TrimSpace(text); text != "" {
			w.orphans = append(w.orphans, text)
		}
	}
	return nil
}

// countParagraph counts a paragraph of the body (blank ones too).
func (w *walker) countParagraph() error {
	if w.paragraphs++; w.paragraphs > jixiao.MaxParagraphs {
		return jixiao.TooMany(w.doc.Name, "表格外的段落数", jixiao.MaxParagraphs)
	}
	return nil
}

func (w *walker) endCell() error {
	c, r := w.cell, w.row
	w.cell = nil
	if r == nil { // a cell outside any row: keep its text
		for _, l := range c.lines {
			if l = strings.TrimSpace(l); l != "" {
				if err := w.countParagraph(); err != nil {
					return err
				}
				w.orphans = append(w.orphans, l)
			}
		}
		return nil
	}
	if r.col += c.span; r.col > jixiao.MaxColumns {
		return w.tooWide()
	}
	s := strings.TrimSpace(strings.Join(c.lines, "\n"))
	if c.hmerge == vmContinue && len(r.cells) > 0 { // legacy horizontal merge
		r.cells[len(r.cells)-1].Span += c.span
		if !r.texts[len(r.texts)-1].add(s) {
			return w.tooLong()
		}
		return nil
	}
	r.cells = append(r.cells, layout.Cell{Col: r.col - c.span, Span: c.span})
	r.texts = append(r.texts, newText(s))
	r.vmerge = append(r.vmerge, c.vmerge)
	return nil
}

func (w *walker) endRow() error {
	r := w.row
	w.row = nil
	if w.cell != nil { // a cell left open by a malformed file
		w.row = r
		err := w.endCell()
		w.row = nil
		if err != nil {
			return err
		}
	}
	if r.deleted || len(r.cells) == 0 {
		return nil
	}
	ri := len(w.table.Rows)
	for i := range r.cells {
		c := &r.cells[i]
		c.Text = r.texts[i].String()
		switch r.vmerge[i] {
		case vmRestart:
			w.restart[c.Col] = cellIndex{ri, i}
		case vmContinue:
			ref, ok := w.restart[c.Col]
			if !ok { // nothing above to continue: an ordinary cell
				continue
			}
			c.Merged = true
			if c.Text != "" { // text in a continuation cell: keep it with the merged cell
				m := w.merged[ref]
				if m == nil {
					above := w.table.Rows[ref.row].Cells[ref.cell].Text
					m = &text{first: above, n: len(above)}
					w.merged[ref] = m
				}
				if !m.add(c.Text) {
					return w.tooLong()
				}
				c.Text = ""
			}
		default:
			delete(w.restart, c.Col)
		}
	}
	w.table.Rows = append(w.table.Rows, layout.Row{Cells: r.cells})
	return nil
}

func (w *walker) flushOrphans() {
	for _, t := range w.orphans {
		w.doc.AddParagraph(t)
	}
	w.orphans = nil
}

// target is where text goes: the innermost open paragraph.
func (w *walker) target() *strings.Builder {
	if n := len(w.paras); n > 0 {
		return w.paras[n-1]
	}
	return &w.loose
}

// write adds text to the innermost open paragraph, refusing a paragraph
// longer than a cell may be.
func (w *walker) write(s []byte) error {
	b := w.target()
	if b.Len()+len(s) > jixiao.MaxCellBytes {
		return w.tooLong()
	}
	b.Write(s)
	return nil
}

func (w *walker) flushLoose() error {
	if w.loose.Len() > 0 && len(w.paras) == 0 {
		text := w.loose.String()
		w.loose.Reset()
		return w.paragraph(text)
	}
	return nil
}

func (w *walker) builder() *strings.Builder {
	if n := len(w.free); n > 0 {
		b := w.free[n-1]
		w.free = w.free[:n-1]
		return b
	}
	return new(strings.Builder)
}

// props calls fn for each child element of the element just started, then
// consumes the element. Grandchildren (such as the former properties kept by
// a tracked property change) are skipped unseen.
func (w *walker) props(fn func(xml.StartElement) error) error {
	for {
		tok, err := w.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if isW(t.Name.Space) {
				if err := fn(t); err != nil {
					return err
				}
			}
			if err := w.d.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// symbolFont and wingdings map the characters of the symbol fonts that
// forms use (comparators, ticks and boxes) to Unicode; other characters of
// these fonts (Greek letters, pictures) are left out.
var (
	symbolFont = map[rune]rune{
		0xB3: '≥', 0xA3: '≤', 0xB1: '±', 0xB4: '×', 0xB8: '÷', 0xB9: '≠', 0xBB: '≈', 0xB0: '°',
		0x3C: '<', 0x3D: '=', 0x3E: '>', 0x25: '%', 0x2B: '+', 0x2D: '-', 0x2E: '.', 0x2C: ',',
		0x30: '0', 0x31: '1', 0x32: '2', 0x33: '3', 0x34: '4', 0x35: '5', 0x36: '6', 0x37: '7', 0x38: '8', 0x39: '9',
	}
	wingdings  = map[rune]rune{0xFC: '✓', 0xFE: '☑', 0xFD: '☒', 0xFB: '✗', 0xA8: '☐', 0x6F: '□'}
	wingdings2 = map[rune]rune{0x50: '✓', 0x52: '☑', 0x54: '☒', 0x4F: '✗', 0xA3: '□'}
)

// symbol reads a w:sym: its character in the symbol fonts' private range
// (F0xx) or as a plain code, mapped to Unicode; 0 when unknown.
func symbol(t xml.StartElement) rune {
	var font, char string
	for _, a := range t.Attr {
		if isW(a.Name.Space) || a.Name.Space == "" {
			switch a.Name.Local {
			case "font":
				font = a.Value
			case "char":
				char = a.Value
			}
		}
	}
	n, err := strconv.ParseUint(strings.TrimSpace(char), 16, 32)
	if err != nil {
		return 0
	}
	r := rune(n)
	if r >= 0xF000 && r <= 0xF0FF {
		r -= 0xF000
	}
	var table map[rune]rune
	switch strings.ToLower(strings.TrimSpace(font)) {
	case "symbol":
		table = symbolFont
	case "wingdings":
		table = wingdings
	case "wingdings 2":
		table = wingdings2
	default:
		if rune(n) >= 0xF000 && rune(n) <= 0xF8FF || !utf8.ValidRune(rune(n)) || n < 0x20 {
			return 0 // a private character of an unknown font
		}
		return rune(n)
	}
	return table[r]
}

func val(t xml.StartElement) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == "val" && (isW(a.Name.Space) || a.Name.Space == "") {
			return a.Value, true
		}
	}
	return "", false
}

// count reads a w:val count, def when absent or unreadable.
func count(t xml.StartElement, def int) int {
	v, ok := val(t)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return def
	}
	return min(n, 1<<16) // a grid has at most 63 columns in Word; bound absurd values
}

// mergeKind reads vMerge/hMerge: "restart" starts a merge, a bare element or
// "continue" continues one.
func mergeKind(t xml.StartElement) int {
	if v, _ := val(t); v == "restart" {
		return vmRestart
	}
	return vmContinue
}

// on reads an on/off property: present without w:val, or true/1/on.
func on(t xml.StartElement) bool {
	v, ok := val(t)
	if !ok {
		return true
	}
	switch v {
	case "false", "0", "off":
		return false
	}
	return true
}
