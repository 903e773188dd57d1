package docx_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

// FuzzReadDocx: any word/document.xml either reads into a well-formed
// document (cells in grid order, spans at least 1) or fails with an
// invalid-input error; never a panic.
func FuzzReadDocx(f *testing.F) {
	f.Add(ooxmltest.Document(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`))
	f.Add(ooxmltest.Document(`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`))
	f.Add(ooxmltest.Document(`<w:p><w:ins><w:r><w:t>i</w:t></w:r></w:ins><w:del><w:r><w:delText>d</w:delText></w:r></w:del><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>p</w:t></w:r></w:sdtContent></w:sdt></w:p>`))
	f.Fuzz(func(t *testing.T, document string) {
		doc, err := docx.ReadDocument("fuzz.docx", ooxmltest.Stored(t, ooxmltest.DocxParts(document)...))
		if err != nil {
			if jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Fatalf("kind %s: %v", jixiao.KindOf(err), err)
			}
			return
		}
		for _, b := range doc.Blocks {
			if b.Table == nil {
				continue
			}
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
	})
}
