package docx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

// documentPart returns word/document.xml of a package.
func documentPart(tb testing.TB, data []byte) string {
	return ooxmltest.Read(tb, data, "word/document.xml")
}

// realDocuments are whole Word packages to start from: the reference form
// as Word saved it, the reference form as this package writes it, and a
// small document of each construct the walker handles.
func realDocuments(tb testing.TB) [][]byte {
	tb.Helper()
	return [][]byte{
		readRef(tb, "docx"),
		wWrite(tb, []*jixiao.Form{wRefForm(tb)}, nil),
		ooxmltest.Docx(tb, `<w:p><w:r><w:t>a</w:t></w:r></w:p>`),
		ooxmltest.Docx(tb, fuzzTable),
		ooxmltest.Docx(tb, fuzzRuns),
	}
}

const (
	fuzzTable = `<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p><w:r><w:t>h</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>y</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`
	fuzzRuns = `<w:p><w:ins><w:r><w:t>i</w:t><w:tab/><w:br/><w:sym w:font="Symbol" w:char="F0B3"/></w:r></w:ins><w:del><w:r><w:delText>d</w:delText></w:r></w:del>` +
		`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>p</w:t></w:r></w:sdtContent></w:sdt>` +
		`<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>c</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>f</w:t></w:r></mc:Fallback></mc:AlternateContent><m:oMath><m:r><m:t>m</m:t></m:r></m:oMath></w:p>`
)

// FuzzReadDocx: any word/document.xml, in an otherwise valid package
// stored without compression (so that what the fuzzer changes reaches the
// walker), either reads into a well-formed document or fails with an
// invalid-input error; never a panic. The seeds are the document parts of
// real packages.
func FuzzReadDocx(f *testing.F) {
	f.Add(ooxmltest.Document(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`))
	f.Add(ooxmltest.Document(fuzzTable))
	f.Add(ooxmltest.Document(fuzzRuns))
	for _, data := range realDocuments(f)[:2] {
		f.Add(documentPart(f, data))
	}
	f.Fuzz(func(t *testing.T, document string) {
		checkRead(t, ooxmltest.Stored(t, ooxmltest.DocxParts(document)...))
	})
}

// FuzzReadDocxPackage: any bytes at all, starting from real Word packages,
// either read or fail with an invalid-input error (the zip layer, the
// package layer and the walker together).
func FuzzReadDocxPackage(f *testing.F) {
	for _, data := range realDocuments(f) {
		f.Add(data)
		f.Add(uncheckedStored(f, data))
	}
	f.Fuzz(checkRead)
}

// uncheckedStored repacks a package with its parts stored and no CRC-32
// (archive/zip checks none then), so that what the fuzzer changes in a
// part reaches the XML decoder and the walker instead of failing the
// checksum.
func uncheckedStored(tb testing.TB, data []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store,
			CompressedSize64: uint64(len(body)), UncompressedSize64: uint64(len(body))})
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// checkRead reads a package: an invalid-input error, or a document whose
// cells are in grid order with spans at least 1 and no text in merged
// continuation cells, every text within the cell limit.
func checkRead(t *testing.T, data []byte) {
	doc, err := docx.ReadDocument("fuzz.docx", data)
	if err != nil {
		if jixiao.KindOf(err) != jixiao.KindInvalid {
			t.Fatalf("kind %s: %v", jixiao.KindOf(err), err)
		}
		return
	}
	for _, b := range doc.Blocks {
		if b.Table == nil {
			if len(b.Paragraph) > jixiao.MaxCellBytes {
				t.Fatalf("paragraph of %d bytes", len(b.Paragraph))
			}
			continue
		}
		checkTable(t, b.Table)
	}
}

func checkTable(t *testing.T, tbl *layout.Table) {
	for _, r := range tbl.Rows {
		next := 0
		for _, c := range r.Cells {
			if c.Span < 1 || c.Col < next || (c.Merged && c.Text != "") || c.Col+c.Span > jixiao.MaxColumns || len(c.Text) > jixiao.MaxCellBytes {
				t.Fatalf("bad cell %+v in %+v", c, r.Cells)
			}
			next = c.Col + c.Span
		}
	}
}
