package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml"
)

// excelize is bounded by what it is given. It inflates every part of the
// package it opens, decodes the whole shared string table and style sheet
// into structures on first use, and looks a custom number format up by a
// linear search for each cell it formats. So it never sees the file as
// uploaded: our own streaming passes check the counts of what it will read
// (sheet entries, shared strings, number formats, and per worksheet rows,
// cells, columns, cell text), then it opens a package holding only the parts
// it needs, copied as they are compressed; junk parts are never inflated.

// Parts excelize reads under fixed names (it looks them up by exact name,
// not through the workbook's relationships).
const (
	partSharedStrings = "xl/sharedStrings.xml"
	partStyles        = "xl/styles.xml"
)

// Limits of what excelize decodes whole or works at for each cell, beyond
// those of limits.go. Each is far above a form and keeps excelize within a
// fraction of the budget of a file (2 s, 300 MB for the whole process).
const (
	// The workbook part and its relationships, decoded whole into
	// structures of about 14 times their size (a workbook part of 25 MB of
	// defined names costs 350 MB). A workbook part is a few kilobytes; 256
	// sheets take 30 KB.
	MaxWorkbookBytes = 4 << 20

	// Runs of formatted text (r) in the shared string table, each decoded
	// into a structure of a dozen fields: 200,000 cost over a second and
	// 150 MB. A form has a few dozen.
	MaxRichTextRuns = 50_000

	// The style sheet, consulted for each cell formatted: a linear search
	// of the custom formats, then a parse of the code. Excel itself keeps a
	// code to 255 characters and a workbook to about 250 custom formats.
	MaxNumberFormats    = 500 // custom number formats (numFmt)
	MaxNumberFormatCode = 255 // bytes of one format code

	// Cells holding a value shown through a number format (not General),
	// all sheets read together: excelize parses the code again for each,
	// up to 25 µs a cell for a long code. A form has a few hundred; 20,000
	// cost excelize about half a second.
	MaxFormattedCells = 20_000

	// XML elements of the shared string table and the style sheet
	// together, skipped ones (phonetic runs, fonts, fills, borders)
	// included: excelize decodes both whole, about a microsecond and a few
	// hundred bytes an element (600,000 fonts cost it 3 s and 250 MB).
	// The shared strings at their limit take 400,000; a style sheet a few
	// thousand.
	MaxWholePartElements = 500_000
)

// wholeParts counts the elements of the parts excelize decodes whole
// against MaxWholePartElements, from the package's own element count.
type wholeParts struct {
	pkg   *ooxml.Package
	used  int // elements of the parts counted before the current one
	start int // the package's count when the current part began
}

func (w *wholeParts) begin() { w.start = w.pkg.Elements() }

// check refuses once the parts hold too many elements; end closes a part.
func (w *wholeParts) check() error {
	if w.used+w.pkg.Elements()-w.start > MaxWholePartElements {
		return jixiao.TooMany(w.pkg.Name(), "共享字符串表和样式表的 XML 元素数", MaxWholePartElements)
	}
	return nil
}

func (w *wholeParts) end() { w.used += w.pkg.Elements() - w.start }

// checkWorkbookSize refuses a workbook part or its relationships past
// MaxWorkbookBytes.
func checkWorkbookSize(pkg *ooxml.Package) error {
	main := pkg.MainPart()
	for _, part := range []string{main, relsOf(main)} {
		if pkg.PartSize(part) > MaxWorkbookBytes {
			return jixiao.TooLarge(pkg.Name(), fmt.Sprintf("工作簿结构部件“%s”", part), MaxWorkbookBytes)
		}
	}
	return nil
}

// checkSharedStrings counts the entries of the shared string table without
// building them. (The text of each is bounded by the part's size; the cells
// using them are checked as excelize gives them, see cellTooLong: the table
// serves every sheet, and a long text on a sheet left aside must not refuse
// the form beside it.)
func checkSharedStrings(pkg *ooxml.Package, whole *wholeParts) error {
	if !pkg.Has(partSharedStrings) {
		return nil
	}
	d, err := pkg.Decoder(partSharedStrings)
	if err != nil {
		return err
	}
	d.SkipElements(mainSpaces, "rPh", "phoneticPr", "extLst", "rPr", "t")
	whole.begin()
	defer whole.end()
	strs, runs := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if err := whole.check(); err != nil {
			return err
		}
		switch se.Name.Local {
		case "si":
			if strs++; strs > jixiao.MaxSharedStrings {
				return jixiao.TooMany(pkg.Name(), "共享字符串表中的字符串数", jixiao.MaxSharedStrings)
			}
		case "r":
			if runs++; runs > MaxRichTextRuns {
				return jixiao.TooMany(pkg.Name(), "共享字符串表中带格式的文字片段数", MaxRichTextRuns)
			}
		}
	}
}

// checkStyles counts the custom number formats and the length of their
// codes, and returns which cell formats (cellXfs, by index) apply a number
// format other than General: excelize formats the value of each cell using
// one by parsing its code again, some microseconds a cell.
func checkStyles(pkg *ooxml.Package, whole *wholeParts) (formatted []bool, err error) {
	if !pkg.Has(partStyles) {
		return nil, nil
	}
	d, err := pkg.Decoder(partStyles)
	if err != nil {
		return nil, err
	}
	whole.begin()
	defer whole.end()
	n := 0
	inXfs := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return formatted, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := whole.check(); err != nil {
				return nil, err
			}
			switch t.Name.Local {
			case "numFmt":
				if n++; n > MaxNumberFormats {
					return nil, jixiao.TooMany(pkg.Name(), "样式表中的自定义数字格式数", MaxNumberFormats)
				}
				for _, a := range t.Attr {
					if len(a.Value) > MaxNumberFormatCode {
						return nil, jixiao.TooLarge(pkg.Name(), "样式表中一个数字格式的代码", MaxNumberFormatCode)
					}
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id := attr(t, "numFmtId")
					formatted = append(formatted, id != "" && id != "0")
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
}

// contentTypes is the [Content_Types].xml of the package excelize opens:
// excelize reads it only to add to it, and the file's own may be anything.
const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/></Types>`

// openExcelize opens, in excelize, the package made of the workbook, its
// relationships, the shared strings and styles, and the worksheets given
// (already scanned within the limits). The caller closes the file.
func openExcelize(pkg *ooxml.Package, worksheets []string) (*excelize.File, error) {
	main := pkg.MainPart()
	parts := []string{"_rels/.rels", main, relsOf(main), partSharedStrings, partStyles}
	parts = append(parts, worksheets...)
	data, err := pkg.Subset(parts, ooxml.Extra{Name: "[Content_Types].xml", Body: []byte(contentTypes)})
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    jixiao.MaxInflatedBytes,
		UnzipXMLSizeLimit: jixiao.MaxInflatedBytes, // keep every part in memory: no temporary files
		CultureInfo:       excelize.CultureNameZhCN,
		ShortDatePattern:  "yyyy/m/d",
	})
	if err != nil {
		return nil, unreadable(pkg.Name(), "", err)
	}
	return f, nil
}

// relsOf names the relationships part of a part.
func relsOf(part string) string {
	for i := len(part) - 1; i >= 0; i-- {
		if part[i] == '/' {
			return part[:i+1] + "_rels/" + part[i+1:] + ".rels"
		}
	}
	return "_rels/" + part + ".rels"
}

// sheetRow is a row of values as excelize shows them, from the first
// column to the last holding a value.
type sheetRow struct {
	r     int // 0-based
	cells []string
}

// cellTooLong checks the text of a row's cells against jixiao.MaxCellBytes.
func cellTooLong(name, sheetName string, r int, cells []string) *jixiao.Error {
	for c, v := range cells {
		if len(v) > jixiao.MaxCellBytes {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			return jixiao.TooLarge(name, fmt.Sprintf("工作表“%s”的单元格 %s 的内容", sheetName, ref), jixiao.MaxCellBytes)
		}
	}
	return nil
}

// readValues reads a worksheet's values with excelize's streaming row
// iterator, keeping only the rows holding a value: time and memory follow
// the cells present, not the last row (a stray cell on row 1048576 costs
// one row). A cell longer than jixiao.MaxCellBytes stops it, with tooLong
// set: the caller skips the sheet.
func readValues(f *excelize.File, name, sheetName string) (rows []sheetRow, tooLong *jixiao.Error, err error) {
	it, err := f.Rows(sheetName)
	if err != nil {
		return nil, nil, unreadable(name, sheetName, err)
	}
	defer it.Close()
	for r := 0; it.Next(); r++ {
		cells, err := it.Columns()
		if err != nil {
			break // as excelize's GetRows: Error reports what went wrong, if anything
		}
		if len(cells) == 0 {
			continue
		}
		if e := cellTooLong(name, sheetName, r, cells); e != nil {
			return nil, e, nil
		}
		rows = append(rows, sheetRow{r, cells})
	}
	if err := it.Error(); err != nil {
		return nil, nil, unreadable(name, sheetName, err)
	}
	return rows, nil, nil
}
