// Package layout maps a document — paragraphs and tables as an office file
// or its text rendering presents them — onto self-evaluation forms. It finds
// sections and columns by their labels, never by position, so that every
// reader (text, Word, Excel) shares one understanding of the form's layout.
package layout

// Document is a file's content in reading order: paragraphs and tables.
type Document struct {
	Name   string // file name (and sheet), for messages
	Blocks []Block
}

// Block is either a paragraph (Table == nil) or a table.
type Block struct {
	Paragraph string
	Table     *Table
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
}

// AddParagraph appends a paragraph block.
func (d *Document) AddParagraph(text string) {
	d.Blocks = append(d.Blocks, Block{Paragraph: text})
}

// AddTable appends a table block.
func (d *Document) AddTable(t *Table) {
	d.Blocks = append(d.Blocks, Block{Table: t})
}
