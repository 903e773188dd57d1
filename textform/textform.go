// Package textform reads the plain-text rendering of a form: rows separated
// by blank lines, one cell per tab-indented line (lines without the tab
// continue the cell above), merged cells repeated as empty cells. It also
// takes tab-separated rows as pasted from a spreadsheet. Text outside the
// table (附件1, 填表人…) becomes paragraphs.
package textform

import (
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

// ReadDocument splits the text into paragraphs and table rows.
func ReadDocument(name string, data []byte) (*layout.Document, error) {
	text, err := Decode(name, data)
	if err != nil {
		return nil, err
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}

	doc := &layout.Document{Name: name}
	// one slab for every cell: a form has hundreds of small rows
	r := rows{arena: make([]layout.Cell, 0, strings.Count(text, "\n\t")+1)}
	var table *layout.Table
	flush := func() {
		if table != nil && len(table.Rows) > 0 {
			doc.AddTable(table)
		}
		table = nil
	}
	eachBlock(text, func(block []string) {
		// paragraph lines directly above a row (附件1 above the title row)
		if lead := leadingParagraph(block); lead > 0 {
			flush()
			addLines(doc, block[:lead])
			block = block[lead:]
		}
		switch {
		case strings.HasPrefix(block[0], "\t"):
			if table == nil {
				table = &layout.Table{}
			}
			table.Rows = append(table.Rows, r.cellPerLine(block))
		case strings.Contains(block[0], "\t"):
			if table == nil {
				table = &layout.Table{}
			}
			for _, line := range block {
				table.Rows = append(table.Rows, r.make(strings.Split(line, "\t")))
			}
		default:
			flush()
			addLines(doc, block)
		}
	})
	flush()
	return doc, nil
}

// eachBlock calls fn with each group of lines separated by blank lines,
// reusing one slice (fn must not keep it). A line holding only a tab is an
// empty cell, not a blank line.
func eachBlock(text string, fn func(block []string)) {
	var cur []string
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		if strings.IndexByte(line, '\t') < 0 && strings.TrimFunc(line, isBlank) == "" {
			if len(cur) > 0 {
				fn(cur)
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		fn(cur)
	}
}

// addLines adds each line outside the table as a paragraph of its own: a
// title and its year line often stand on adjacent lines.
func addLines(doc *layout.Document, lines []string) {
	for _, l := range lines {
		doc.AddParagraph(layout.CleanText(l))
	}
}

// leadingParagraph returns how many lines without a tab precede the first
// line with one (附件1 above the title row, a title above tab-separated
// rows), or 0 when the block has no tab at all.
func leadingParagraph(block []string) int {
	for i, line := range block {
		if strings.IndexByte(line, '\t') >= 0 {
			return i
		}
	}
	return 0
}

func isBlank(r rune) bool {
	return r == ' ' || r == '\u3000' || r == '\u00a0' || r == '\f' || r == '\v'
}

// rows makes table rows whose cells share one slab.
type rows struct{ arena []layout.Cell }

// cellPerLine reads a row rendered as one tab-indented line per cell.
func (r *rows) cellPerLine(lines []string) layout.Row {
	var texts []string
	for _, line := range lines {
		if rest, ok := strings.CutPrefix(line, "\t"); ok {
			texts = append(texts, rest)
		} else if len(texts) > 0 {
			texts[len(texts)-1] += "\n" + line
		}
	}
	return r.make(texts)
}

func (r *rows) make(texts []string) layout.Row {
	start := len(r.arena)
	for i, t := range texts {
		// layout cleans every cell (bookmarks, blank space) once, for all readers
		r.arena = append(r.arena, layout.Cell{Text: t, Col: i, Span: 1})
	}
	return layout.Row{Cells: r.arena[start:len(r.arena):len(r.arena)]}
}
