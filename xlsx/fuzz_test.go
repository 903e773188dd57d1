package xlsx_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
	"github.com/jixiao/jixiao/xlsx"
)

// sheetSeeds are small worksheets touching what the reader handles: inline
// and shared strings, numbers and formulas, merged ranges, hidden rows and
// columns, rows without numbers, far cells, odd references.
var sheetSeeds = []string{
	sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row><row r="3"><c r="B3"><v>0.119</v></c><c r="C3"><f>B3*2</f></c></row>`),
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>b</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B1:C1"/></mergeCells></worksheet>`,
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="2" max="2" hidden="1"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>12.5</v></c></row><row r="2" hidden="1"><c r="A2" t="s"><v>2</v></c></row><row r="3" ht="0"><c r="A3"><v>44000</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`,
	sheet(`<row r="1"><c r="A1" t="str"><f>""</f><v></v></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="e"><v>#DIV/0!</v></c><c r="D1" t="d"><v>2021-07-27</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`),
	sheet(`<row r="2" spans="1:3"><c r="$B$2" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本</t></r><rPh><t>ふ</t></rPh></is></c></row><row r="2"><c r="A2"><v>1,000</v></c></row><row r="0"/><row r="x"><c r="a1"><v>2</v></c></row>`),
	`<x:worksheet xmlns:x="http://purl.oclc.org/ooxml/spreadsheetml/main"><x:sheetData><x:row><x:c><x:v>3</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A1:A3"/></x:mergeCells></x:worksheet>`,
}

// checkTables fails on a table out of grid order or with a bad span.
func checkTables(t *testing.T, docs []*layout.Document) {
	for _, doc := range docs {
		for _, b := range doc.Blocks {
			for _, r := range b.Table.Rows {
				next := 0
				for _, c := range r.Cells {
					if c.Span < 1 || c.Col < next || (c.Merged && c.Text != "") {
						t.Fatalf("bad cell %+v in %+v", c, r.Cells)
					}
					next = c.Col + c.Span
				}
			}
		}
	}
}

// invalidOnly fails on an error that is not an invalid-input error.
func invalidOnly(t *testing.T, err error) {
	if err != nil && jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Fatalf("kind %s: %v", jixiao.KindOf(err), err)
	}
}

// FuzzReadXlsx: any worksheet part either reads into a well-formed table
// (cells in grid order, spans at least 1) or fails with an invalid-input
// error; never a panic.
func FuzzReadXlsx(f *testing.F) {
	for _, s := range sheetSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheetPart string) {
		data := ooxmltest.Stored(t,
			ooxmltest.P("[Content_Types].xml", contentTypes),
			ooxmltest.P("_rels/.rels", rootRels),
			ooxmltest.P("xl/workbook.xml", workbook("visible")),
			ooxmltest.P("xl/_rels/workbook.xml.rels", workbookRels),
			ooxmltest.P("xl/worksheets/sheet1.xml", sheetPart))
		docs, _, err := xlsx.ReadDocuments("fuzz.xlsx", data)
		invalidOnly(t, err)
		checkTables(t, docs)
	})
}

// FuzzReadXlsxForm mutates the worksheet of the reference form inside its
// own package (shared strings, styles, number formats), re-zipped stored:
// the whole reading, forms included, either succeeds or fails with an
// invalid-input error.
func FuzzReadXlsxForm(f *testing.F) {
	parts := ooxmltest.Unzip(f, readRef(f, "xlsx"))
	const form = "xl/worksheets/sheet1.xml"
	f.Add(ooxmltest.Body(parts, form))
	for _, s := range sheetSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheetPart string) {
		readMutated(t, ooxmltest.Replaced(parts, form, sheetPart))
	})
}

// FuzzReadXlsxParts mutates, in the reference form's package, one of the
// parts our own passes check before excelize reads them whole: the shared
// strings, the styles, the workbook.
func FuzzReadXlsxParts(f *testing.F) {
	parts := ooxmltest.Unzip(f, readRef(f, "xlsx"))
	targets := []string{"xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"}
	for i, name := range targets {
		f.Add(uint8(i), ooxmltest.Body(parts, name))
	}
	f.Add(uint8(0), `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><rPr><b/></rPr><t xml:space="preserve"> a </t></r><rPh><t>b</t></rPh></si></sst>`)
	f.Add(uint8(1), `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.00%"/></numFmts><cellXfs><xf numFmtId="164"/></cellXfs></styleSheet>`)
	f.Fuzz(func(t *testing.T, which uint8, body string) {
		readMutated(t, ooxmltest.Replaced(parts, targets[int(which)%len(targets)], body))
	})
}

// readMutated reads a package of mutated parts as documents and as forms:
// refusals only, never a panic or an error without a message.
func readMutated(t *testing.T, parts []ooxmltest.Part) {
	data := ooxmltest.Stored(t, parts...)
	docs, _, err := xlsx.ReadDocuments("fuzz.xlsx", data)
	invalidOnly(t, err)
	checkTables(t, docs)
	_, err = xlsx.Reader{}.ReadForms("fuzz.xlsx", data)
	invalidOnly(t, err)
}
