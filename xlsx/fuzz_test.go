package xlsx_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
	"github.com/jixiao/jixiao/xlsx"
)

// FuzzReadXlsx: any worksheet part either reads into a well-formed table
// (cells in grid order, spans at least 1) or fails with an invalid-input
// error; never a panic.
func FuzzReadXlsx(f *testing.F) {
	f.Add(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row><row r="3"><c r="B3"><v>0.119</v></c><c r="C3"><f>B3*2</f></c></row>`))
	f.Add(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>b</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="B1:C1"/></mergeCells></worksheet>`)
	f.Fuzz(func(t *testing.T, sheetPart string) {
		data := ooxmltest.Stored(t,
			ooxmltest.P("[Content_Types].xml", contentTypes),
			ooxmltest.P("_rels/.rels", rootRels),
			ooxmltest.P("xl/workbook.xml", workbook("visible")),
			ooxmltest.P("xl/_rels/workbook.xml.rels", workbookRels),
			ooxmltest.P("xl/worksheets/sheet1.xml", sheetPart))
		docs, _, err := xlsx.ReadDocuments("fuzz.xlsx", data)
		if err != nil {
			if jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Fatalf("kind %s: %v", jixiao.KindOf(err), err)
			}
			return
		}
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
	})
}
