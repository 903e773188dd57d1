package xlsx

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml"
)

// Namespaces.
const (
	nsMain       = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsMainStrict = "http://purl.oclc.org/ooxml/spreadsheetml/main"
	nsRel        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelStrict  = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

var mainSpaces = []string{nsMain, nsMainStrict}

func isMain(space string) bool { return space == nsMain || space == nsMainStrict }

// sheet is a sheet of the workbook as workbook.xml lists it.
type sheet struct {
	name      string
	part      string // e.g. xl/worksheets/sheet1.xml, "" when unresolved
	visible   bool
	worksheet bool // not a chart sheet or dialog sheet
}

// sheets lists the workbook's sheets in tab order. More than
// jixiao.MaxSheets entries is a refusal: each entry may cost a worksheet's
// reading, and a workbook with a form has a few.
func sheets(pkg *ooxml.Package) ([]sheet, error) {
	main := pkg.MainPart()
	rels, err := relationships(pkg, main)
	if err != nil {
		return nil, err
	}
	d, err := pkg.Decoder(main)
	if err != nil {
		return nil, err
	}
	var out []sheet
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !isMain(se.Name.Space) {
			continue
		}
		switch se.Name.Local {
		case "workbook", "sheets":
			continue
		case "sheet":
			if len(out) == jixiao.MaxSheets {
				return nil, jixiao.TooMany(pkg.Name(), "工作簿中的工作表数", jixiao.MaxSheets)
			}
			s := sheet{visible: true}
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name" && a.Name.Space == "":
					s.name = a.Value
				case a.Name.Local == "state" && a.Name.Space == "":
					s.visible = a.Value == "" || a.Value == "visible"
				case a.Name.Local == "id" && (a.Name.Space == nsRel || a.Name.Space == nsRelStrict):
					if r, ok := rels[a.Value]; ok {
						s.part, s.worksheet = r.target, strings.HasSuffix(r.typ, "/worksheet")
					}
				}
			}
			out = append(out, s)
		}
		if err := d.Skip(); err != nil {
			return nil, err
		}
	}
}

type relationship struct{ typ, target string }

// relationships reads the relationships of a part by id.
func relationships(pkg *ooxml.Package, part string) (map[string]relationship, error) {
	rels, err := pkg.Relationships(part)
	if err != nil {
		return nil, err
	}
	out := make(map[string]relationship, len(rels))
	for _, r := range rels {
		out[r.ID] = relationship{typ: r.Type, target: r.Target}
	}
	return out, nil
}

// rect is a merged range, 0-based, inclusive.
type rect struct{ r1, c1, r2, c2 int }

// scan is what a pass over a worksheet's XML learns beyond the values
// excelize gives: merged ranges, which cells hold numbers, which formulas
// have no cached value, and the extent of the cells present.
type scan struct {
	merges    []rect
	numeric   map[cellKey]bool
	uncached  []cellKey
	cells     int // cells with a value or a formula
	rows      int // rows holding such cells
	formatted int // cells with a value and a number format (not General)
	maxCol    int // last column holding such a cell, 0-based; -1 when none

	hiddenRows map[int]bool // rows hidden (hidden="1", or a height of 0)
	hiddenCols []span       // ranges of hidden columns, 0-based, inclusive

	// tooMuch, when not nil, says which limit the sheet went past: the
	// scan stopped there and the sheet is not read
	tooMuch *jixiao.Error
}

// span is a range of columns, 0-based and inclusive.
type span struct{ c1, c2 int }

// maxHiddenCols bounds the hidden column ranges kept: a sheet has at most
// 16384 columns, and a form a few ranges.
const maxHiddenCols = 1024

type cellKey struct{ r, c int }

// scanSheet reads a worksheet part. It stops, with tooMuch set, as soon as
// the sheet goes past a limit: row elements (empty ones included, each costs
// excelize's row iterator), cells with a value or a formula, the text of an
// inline string or value, merged ranges. The caller checks the columns used
// (s.maxCol), and the cells using shared strings as excelize gives them.
// formats says which cell formats apply a number format (checkStyles).
func scanSheet(pkg *ooxml.Package, sheetName, part string, formats []bool) (*scan, error) {
	d, err := pkg.Decoder(part)
	if err != nil {
		return nil, err
	}
	d.SkipElements(mainSpaces, "sheetPr", "dimension", "sheetViews", "sheetFormatPr",
		"sheetProtection", "autoFilter", "conditionalFormatting", "dataValidations", "hyperlinks",
		"printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
		"drawing", "legacyDrawing", "tableParts", "extLst", "rPh", "phoneticPr")
	file := pkg.Name()
	what := func(noun string) string { return fmt.Sprintf("工作表“%s”的%s", sheetName, noun) }
	s := &scan{numeric: map[cellKey]bool{}, maxCol: -1}
	stop := func(e *jixiao.Error) (*scan, error) {
		s.tooMuch = e
		return s, nil
	}
	row, col := -1, -1
	rows := 0
	rowCounted := false
	var cur struct {
		key        cellKey
		inCell     bool
		hasF, hasV bool
		typeAttr   string
		style      int
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isMain(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "row":
				if rows++; rows > jixiao.MaxSheetRows {
					return stop(jixiao.TooMany(file, what("行数（含空行）"), jixiao.MaxSheetRows))
				}
				row++
				if r, ok := attrInt(t, "r"); ok && r >= 1 {
					row = r - 1
				}
				col, rowCounted = -1, false
				if hidden(t, "ht") {
					if s.hiddenRows == nil {
						s.hiddenRows = map[int]bool{}
					}
					s.hiddenRows[row] = true
				}
			case "col":
				c1, ok1 := attrInt(t, "min")
				c2, ok2 := attrInt(t, "max")
				if ok1 && ok2 && c1 >= 1 && c2 >= c1 && len(s.hiddenCols) < maxHiddenCols && hidden(t, "width") {
					s.hiddenCols = append(s.hiddenCols, span{c1 - 1, c2 - 1})
				}
			case "c":
				col++
				if ref := attr(t, "r"); ref != "" {
					if r, c, ok := parseRef(ref); ok {
						row, col = r, c
					}
				}
				cur.key, cur.inCell = cellKey{row, col}, true
				cur.hasF, cur.hasV = false, false
				cur.typeAttr = attr(t, "t")
				cur.style, _ = attrInt(t, "s")
			case "f":
				if cur.inCell {
					cur.hasF = true
				}
				if err := d.Skip(); err != nil {
					return nil, err
				}
			case "v", "is":
				if cur.inCell {
					cur.hasV = true
				}
				n, err := textLen(d)
				if err != nil {
					return nil, err
				}
				if n > jixiao.MaxCellBytes {
					// refused before excelize makes a string of it
					return stop(jixiao.TooLarge(file, what("单元格 "+cellName(cur.key)+" 的内容"), jixiao.MaxCellBytes))
				}
			case "mergeCell":
				if r, ok := parseRange(attr(t, "ref")); ok {
					if len(s.merges) == MaxMerges {
						return stop(jixiao.TooMany(file, what("合并单元格数"), MaxMerges))
					}
					s.merges = append(s.merges, r)
				}
			}
		case xml.EndElement:
			if !isMain(t.Name.Space) || t.Name.Local != "c" || !cur.inCell {
				continue
			}
			cur.inCell = false
			if !cur.hasV && !cur.hasF {
				continue
			}
			if s.cells++; s.cells > jixiao.MaxCells {
				return stop(jixiao.TooMany(file, what("有内容的单元格数"), jixiao.MaxCells))
			}
			if !rowCounted {
				s.rows++
				rowCounted = true
			}
			s.maxCol = max(s.maxCol, cur.key.c)
			if cur.hasV && cur.style > 0 && cur.style < len(formats) && formats[cur.style] {
				s.formatted++
			}
			switch {
			case cur.hasF && !cur.hasV:
				s.uncached = append(s.uncached, cur.key)
			case cur.hasV && (cur.typeAttr == "" || cur.typeAttr == "n"):
				s.numeric[cur.key] = true
			}
		}
	}
}

// textLen consumes the element just started and returns the bytes of text
// it holds (phonetic runs are skipped by the decoder).
func textLen(d *ooxml.Decoder) (int, error) {
	n := 0
	for depth := 1; depth > 0; {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			n += len(t)
		}
	}
	return n, nil
}

// cellName writes a cell's reference, such as E7.
func cellName(k cellKey) string {
	ref, _ := excelize.CoordinatesToCellName(k.c+1, k.r+1)
	return ref
}

// hidden reports whether a row or column element is hidden: hidden="1", or
// its size attribute (ht, width) 0.
func hidden(t xml.StartElement, size string) bool {
	switch attr(t, "hidden") {
	case "1", "true":
		return true
	}
	if v := attr(t, size); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
			return true
		}
	}
	return false
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

func attrInt(t xml.StartElement, local string) (int, bool) {
	n, err := strconv.Atoi(attr(t, local))
	return n, err == nil
}

const (
	maxRows = 1048576
	maxCols = 16384
)

// parseRef reads a cell reference such as "E7" (or "$E$7") into 0-based
// row and column.
func parseRef(ref string) (row, col int, ok bool) {
	ref = strings.ReplaceAll(ref, "$", "")
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' || i < len(ref) && ref[i] >= 'a' && ref[i] <= 'z' {
		c := ref[i]
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		col = col*26 + int(c-'A'+1)
		if col > maxCols {
			return 0, 0, false
		}
		i++
	}
	if i == 0 || i == len(ref) {
		return 0, 0, false
	}
	r, err := strconv.Atoi(ref[i:])
	if err != nil || r < 1 || r > maxRows {
		return 0, 0, false
	}
	return r - 1, col - 1, true
}

// parseRange reads a range such as "A7:A11" (a single cell is a range too).
func parseRange(ref string) (rect, bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found {
		b = a
	}
	r1, c1, ok1 := parseRef(a)
	r2, c2, ok2 := parseRef(b)
	if !ok1 || !ok2 {
		return rect{}, false
	}
	return rect{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}
