// Package ooxmltest builds small OOXML packages for tests: zips with
// hand-written parts, Word documents from a body fragment, and compressed
// streams that inflate far beyond their size.
package ooxmltest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"testing"
)

// Part is a file of a package.
type Part struct {
	Name string
	Body string
}

// Zip writes the parts, deflated, in order.
func Zip(t testing.TB, parts ...Part) []byte {
	t.Helper()
	return zipParts(t, zip.Deflate, parts)
}

// Stored writes the parts uncompressed, in order: cheaper, for fuzzing.
func Stored(t testing.TB, parts ...Part) []byte {
	t.Helper()
	return zipParts(t, zip.Store, parts)
}

func zipParts(t testing.TB, method uint16, parts []Part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(p.Body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Raw is a part written with a deflated body and a declared size and CRC
// that may lie.
type Raw struct {
	Name     string
	Deflated []byte // a raw deflate stream
	Size     uint64 // declared uncompressed size
	CRC32    uint32
}

// ZipRaw writes parts as given, then the raw parts.
func ZipRaw(t testing.TB, parts []Part, raws ...Raw) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.Body))
	}
	for _, r := range raws {
		w, err := zw.CreateRaw(&zip.FileHeader{
			Name: r.Name, Method: zip.Deflate, CRC32: r.CRC32,
			CompressedSize64: uint64(len(r.Deflated)), UncompressedSize64: r.Size,
		})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(r.Deflated)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// DeflatedZeros returns a raw deflate stream of mb megabytes of the byte b,
// about 1 KB per megabyte, built without compressing them all: one
// compressed megabyte, flushed to a byte boundary, repeated, then a final
// empty block. Its CRC-32 is returned too.
func DeflatedZeros(t testing.TB, mb int, b byte) (stream []byte, crc uint32) {
	t.Helper()
	chunk := bytes.Repeat([]byte{b}, 1<<20)
	var one bytes.Buffer
	w, _ := flate.NewWriter(&one, flate.BestCompression)
	w.Write(chunk)
	w.Flush()
	var end bytes.Buffer
	w2, _ := flate.NewWriter(&end, flate.BestCompression)
	w2.Close()
	out := bytes.Repeat(one.Bytes(), mb)
	out = append(out, end.Bytes()...)
	c := crc32.NewIEEE()
	for range mb {
		c.Write(chunk)
	}
	return out, c.Sum32()
}

// Word namespaces.
const (
	NSW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	NSR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const contentTypesDocx = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const rootRelsDocx = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

// DocxParts returns the parts of a Word document around document.xml.
func DocxParts(document string) []Part {
	return []Part{
		{"[Content_Types].xml", contentTypesDocx},
		{"_rels/.rels", rootRelsDocx},
		{"word/document.xml", document},
	}
}

// Docx builds a Word document whose body is the given fragment, with the
// prefixes w, r, mc, m, wps and w14 declared.
func Docx(t testing.TB, body string) []byte {
	t.Helper()
	return Zip(t, DocxParts(Document(body))...)
}

// Document wraps a body fragment into a document part.
func Document(body string) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="%s" xmlns:r="%s" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"><w:body>%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`, NSW, NSR, body)
}

// P returns a part.
func P(name, body string) Part { return Part{Name: name, Body: body} }

// Unzip returns the parts of a package, in order.
func Unzip(t testing.TB, data []byte) []Part {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := make([]Part, 0, len(zr.File))
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, P(f.Name, string(body)))
	}
	return parts
}

// Body returns the body of the named part, "" when there is none.
func Body(parts []Part, name string) string {
	for _, p := range parts {
		if p.Name == name {
			return p.Body
		}
	}
	return ""
}

// Replaced returns a copy of parts with the named part's body replaced.
func Replaced(parts []Part, name, body string) []Part {
	out := make([]Part, len(parts))
	for i, p := range parts {
		if p.Name == name {
			p.Body = body
		}
		out[i] = p
	}
	return out
}

// Read returns the body of the named part of a package, failing the test
// when there is none.
func Read(t testing.TB, data []byte, name string) string {
	t.Helper()
	for _, p := range Unzip(t, data) {
		if p.Name == name {
			return p.Body
		}
	}
	t.Fatalf("the package has no part %s", name)
	return ""
}
