// Package textform reads the plain-text rendering of a form: rows separated
// by blank lines, one cell per tab-indented line (lines without the tab
// continue the cell above), merged cells repeated as empty cells. It also
// takes tab-separated rows as pasted from a spreadsheet. Text outside the
// table (附件1, 填表人…) becomes paragraphs.
//
// The text comes from outside: it is read in one pass over its lines, in
// time linear in its length, and it stops at the first count that goes past
// a reading limit (jixiao.MaxParagraphs, MaxRows, MaxCells, MaxColumns,
// MaxCellBytes), so a hostile file is refused before it costs memory.
package textform

import (
	"fmt"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

// Reader reads forms from plain text.
type Reader struct{}

// ReadForms implements jixiao.FormReader.
func (Reader) ReadForms(name string, data []byte) ([]*jixiao.Form, error) {
	doc, err := ReadDocument(name, data)
	if err != nil {
		return nil, err
	}
	return layout.Forms(doc)
}

// ReadDocument splits the text into paragraphs and table rows. Blank lines
// separate blocks; in a block, the lines before the first one with a tab are
// paragraphs, and the rest is one row of one cell per tab-indented line when
// that line starts with a tab, tab-separated rows otherwise.
func ReadDocument(name string, data []byte) (*layout.Document, error) {
	text, tabLines, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	r := reader{
		name: name,
		text: text,
		doc:  &layout.Document{Name: name},
		// one slab for every cell: a form has hundreds of small rows
		arena: make([]layout.Cell, 0, min(tabLines+1, jixiao.MaxCells)),
		cr:    strings.IndexByte(text, '\r') >= 0,
	}
	if err := r.read(); err != nil {
		return nil, err
	}
	return r.doc, nil
}

// block is how the lines of the current block are read.
type block int

const (
	blockNone        block = iota // no line with a tab yet: lines are paragraphs
	blockCellPerLine              // a row of one cell per tab-indented line
	blockTabbed                   // tab-separated rows, one per line
)

// reader reads one text. Cells are substrings of the text (a cell over
// several lines is the span of its lines), so reading copies nothing but
// line breaks written as CR LF.
type reader struct {
	name string
	text string
	cr   bool // the text has carriage returns: CR LF and CR end lines too
	doc  *layout.Document

	arena []layout.Cell // every cell, in reading order
	table *layout.Table // the table rows are added to; nil between tables
	mode  block
	line  int // number of the line being read, from 1, for messages

	rowStart  int // the row being read (blockCellPerLine): its first cell in arena
	cellStart int // the cell being read: where its text starts in text, -1 when none
	cellEnd   int // and ends (the end of its last line)
	cellBytes int // the length of its text, line breaks as one byte
	cellLine  int // the line it starts on

	paragraphs, rows int
}

func (r *reader) read() error {
	r.cellStart = -1
	text := r.text
	for pos := 0; pos < len(text); {
		end, next := r.lineEnd(pos)
		r.line++
		if err := r.readLine(pos, end); err != nil {
			return err
		}
		pos = next
	}
	if err := r.endBlock(); err != nil {
		return err
	}
	r.flush()
	return nil
}

// lineEnd returns where the line at pos ends and where the next one starts:
// lines end with LF, CR LF or CR.
func (r *reader) lineEnd(pos int) (end, next int) {
	rest := r.text[pos:]
	i := -1
	if r.cr {
		i = strings.IndexAny(rest, "\r\n")
	} else {
		i = strings.IndexByte(rest, '\n')
	}
	if i < 0 {
		return len(r.text), len(r.text)
	}
	end = pos + i
	if r.text[end] == '\r' && end+1 < len(r.text) && r.text[end+1] == '\n' {
		return end, end + 2
	}
	return end, end + 1
}

func (r *reader) readLine(start, end int) error {
	line := r.text[start:end]
	tab := strings.IndexByte(line, '\t')
	if tab < 0 && strings.TrimFunc(line, isBlank) == "" {
		// a blank line ends the block; a line holding only a tab is an
		// empty cell, not a blank line
		return r.endBlock()
	}
	switch r.mode {
	case blockNone:
		switch {
		case tab < 0:
			// paragraph lines: 附件1 above the title row, a title above
			// tab-separated rows; each line is a paragraph of its own (a
			// title and its year line often stand on adjacent lines)
			r.flush()
			return r.paragraph(line)
		case tab == 0:
			r.mode = blockCellPerLine
			r.rowStart = len(r.arena)
			return r.startCell(start+1, end)
		default:
			r.mode = blockTabbed
			return r.tabbedRow(line)
		}
	case blockCellPerLine:
		if tab == 0 {
			if err := r.endCell(); err != nil {
				return err
			}
			return r.startCell(start+1, end)
		}
		// a line without the leading tab continues the cell above
		r.cellEnd = end
		r.cellBytes += 1 + len(line)
		if r.cellBytes > jixiao.MaxCellBytes {
			return r.cellTooLarge(r.cellLine)
		}
		return nil
	default:
		return r.tabbedRow(line)
	}
}

func (r *reader) paragraph(line string) error {
	if r.paragraphs++; r.paragraphs > jixiao.MaxParagraphs {
		return jixiao.TooMany(r.name, "表格外的段落数（文字行数）", jixiao.MaxParagraphs)
	}
	if len(line) > jixiao.MaxCellBytes {
		return jixiao.TooLarge(r.name, fmt.Sprintf("第 %d 行的文字", r.line), jixiao.MaxCellBytes)
	}
	r.doc.AddParagraph(jixiao.CleanText(line))
	return nil
}

// startCell starts a cell of a cell-per-line row: its first line is the
// text's [start, end).
func (r *reader) startCell(start, end int) error {
	if len(r.arena)-r.rowStart >= jixiao.MaxColumns {
		return r.tooManyColumns()
	}
	r.cellStart, r.cellEnd, r.cellBytes, r.cellLine = start, end, end-start, r.line
	if r.cellBytes > jixiao.MaxCellBytes {
		return r.cellTooLarge(r.line)
	}
	return nil
}

// endCell adds the cell being read to the row.
func (r *reader) endCell() error {
	if r.cellStart < 0 {
		return nil
	}
	t := r.text[r.cellStart:r.cellEnd]
	if r.cr && strings.IndexByte(t, '\r') >= 0 {
		// lines ended with CR LF or CR: the cell keeps "\n" between them
		t = strings.ReplaceAll(t, "\r\n", "\n")
		t = strings.ReplaceAll(t, "\r", "\n")
	}
	r.cellStart = -1
	return r.addCell(t, len(r.arena)-r.rowStart)
}

// endBlock ends a block at a blank line or at the end of the text.
func (r *reader) endBlock() error {
	mode := r.mode
	r.mode = blockNone
	if mode != blockCellPerLine {
		return nil
	}
	if err := r.endCell(); err != nil {
		return err
	}
	return r.addRow(r.rowStart)
}

// tabbedRow reads a line of tab-separated cells as a row.
func (r *reader) tabbedRow(line string) error {
	if strings.Count(line, "\t") >= jixiao.MaxColumns {
		return r.tooManyColumns()
	}
	start := len(r.arena)
	for col := 0; ; col++ {
		cell, rest, more := strings.Cut(line, "\t")
		if len(cell) > jixiao.MaxCellBytes {
			return r.cellTooLarge(r.line)
		}
		if err := r.addCell(cell, col); err != nil {
			return err
		}
		if !more {
			break
		}
		line = rest
	}
	return r.addRow(start)
}

// addCell adds a cell to the slab; layout cleans every cell (bookmarks,
// blank space) once, for all readers.
func (r *reader) addCell(text string, col int) error {
	if len(r.arena) >= jixiao.MaxCells {
		return jixiao.TooMany(r.name, "表格的单元格数", jixiao.MaxCells)
	}
	r.arena = append(r.arena, layout.Cell{Text: text, Col: col, Span: 1})
	return nil
}

// addRow adds the cells of the slab from start on as a row of the table.
func (r *reader) addRow(start int) error {
	if r.rows++; r.rows > jixiao.MaxRows {
		return jixiao.TooMany(r.name, "表格的行数", jixiao.MaxRows)
	}
	if r.table == nil {
		r.table = &layout.Table{}
	}
	n := len(r.arena)
	r.table.Rows = append(r.table.Rows, layout.Row{Cells: r.arena[start:n:n]})
	return nil
}

// flush adds the table being read, if it has rows, before a paragraph.
func (r *reader) flush() {
	if r.table != nil && len(r.table.Rows) > 0 {
		r.doc.AddTable(r.table)
	}
	r.table = nil
}

func (r *reader) tooManyColumns() error {
	return jixiao.TooMany(r.name, fmt.Sprintf("第 %d 行所在表格行的单元格数", r.line), jixiao.MaxColumns)
}

func (r *reader) cellTooLarge(line int) error {
	return jixiao.TooLarge(r.name, fmt.Sprintf("第 %d 行起的一个单元格的文字", line), jixiao.MaxCellBytes)
}

func isBlank(r rune) bool {
	return r == ' ' || r == '\u3000' || r == '\u00a0' || r == '\f' || r == '\v'
}
