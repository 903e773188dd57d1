package ooxml_test

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

func TestDefaultLimitsAreShared(t *testing.T) {
	lim := ooxml.DefaultLimits()
	if lim.MaxPartSize != jixiao.MaxPartBytes || lim.MaxTotalSize != jixiao.MaxInflatedBytes ||
		lim.MaxElements != jixiao.MaxXMLElements || lim.MaxNamespaces != jixiao.MaxNamespaces {
		t.Errorf("default limits %+v are not those of limits.go", lim)
	}
}

// drain reads every token, skipping the children of the root when skip is
// set (Skip right after their start tags: the byte-scanning path).
func drain(d *ooxml.Decoder, skip bool) error {
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok && skip && d.Depth() == 2 {
			if err := d.Skip(); err != nil {
				return err
			}
		}
	}
}

// The decoder refuses too many namespace bindings in scope, and too many
// elements on each of its paths (tokens, Skip, SkipElements); it resolves
// many bindings that are not in scope together without slowing down.
func TestDecoderLimits(t *testing.T) {
	lim := ooxml.Limits{MaxElements: 100, MaxNamespaces: 10, MaxAttributes: 20}
	bindings := func(from, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, ` xmlns:p%d="urn:%d"`, from+i, from+i)
		}
		return b.String()
	}
	attrs := func(n int) string { return strings.Repeat(` a="x>y"`, n) }
	siblings := func(n int, elem string) string {
		return "<r xmlns:w='urn:w'>" + strings.Repeat(elem, n) + "</r>"
	}
	tests := []struct {
		name string
		src  string
		lim  ooxml.Limits
		skip bool     // skip the root's children with Skip
		drop bool     // drop w:x with SkipElements
		want []string // nil: reads
	}{
		{"bindings at the limit", "<r" + bindings(0, 10) + "><p9:a/></r>", lim, false, false, nil},
		{"bindings on one element", "<r" + bindings(0, 11) + "/>", lim, false, false, []string{"同时有效的 XML 命名空间声明数超过 10 的上限"}},
		{"bindings nested", "<r" + bindings(0, 6) + "><a" + bindings(6, 5) + "/></r>", lim, false, false, []string{"命名空间声明数"}},
		{"bindings of siblings", "<r" + bindings(0, 5) + ">" + strings.Repeat("<a"+bindings(5, 5)+"/>", 20) + "</r>", lim, false, false, nil},
		{"default namespaces", "<r xmlns='urn:a'>" + strings.Repeat("<a xmlns='urn:b'/>", 50) + "</r>", lim, false, false, nil},
		{"attributes at the limit", "<r" + bindings(0, 5) + "><a" + attrs(15) + bindings(5, 5) + "/></r>", lim, false, false, nil},
		{"attributes", "<r" + bindings(0, 5) + "><a" + attrs(16) + bindings(5, 5) + "/></r>", lim, false, false, []string{"一个 XML 元素的属性数超过 20 的上限"}},
		{"attributes after text", "<r>text<a" + attrs(21) + "/></r>", lim, false, false, []string{"属性数"}},
		{"attributes after CDATA", "<r><![CDATA[x]]><a" + attrs(21) + "/></r>", lim, false, false, []string{"属性数"}},
		{"attributes after an empty element", "<r><e/><a" + attrs(21) + "/></r>", lim, false, false, []string{"属性数"}},
		{"elements at the limit", siblings(99, "<a/>"), lim, false, false, nil},
		{"elements", siblings(100, "<a/>"), lim, false, false, []string{"XML 元素总数", "100 的上限"}},
		{"elements skipped", siblings(1, "<a>"+strings.Repeat("<b/>", 100)+"</a>"), lim, true, false, []string{"XML 元素总数"}},
		{"elements dropped", siblings(100, "<w:x/>"), lim, false, true, []string{"XML 元素总数"}},
		{"elements dropped with content", siblings(1, "<w:x>"+strings.Repeat("<b/>", 100)+"</w:x>"), lim, false, true, []string{"XML 元素总数"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ooxml.NewDecoderLimits("f.docx", "word/document.xml", []byte(tt.src), tt.lim)
			if tt.drop {
				d.SkipElements([]string{"urn:w"}, "x")
			}
			err := drain(d, tt.skip)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkInvalid(t, err, "f.docx", append([]string{"word/document.xml"}, tt.want...)...)
		})
	}
}

// 100,000 namespace bindings in a part: refused at once when in scope
// together, read in linear time when each is on its own element. A million
// attributes on one element are refused before encoding/xml builds them.
func TestDecoderManyBindings(t *testing.T) {
	attrs := "<r" + strings.Repeat(` a="b"`, 1_000_000) + "/>"
	var one, many strings.Builder
	one.WriteString("<r")
	many.WriteString("<r>")
	for i := range 100_000 {
		fmt.Fprintf(&one, ` xmlns:p%d="urn:%d"`, i, i)
		fmt.Fprintf(&many, `<p%d:a xmlns:p%d="urn:%d"><p%d:b/></p%d:a>`, i, i, i, i, i)
	}
	one.WriteString("/>")
	many.WriteString("</r>")
	start := time.Now()
	err := drain(ooxml.NewDecoder("f.docx", "word/document.xml", []byte(one.String())), false)
	checkInvalid(t, err, "f.docx", "命名空间声明数", fmt.Sprint(jixiao.MaxNamespaces))
	err = drain(ooxml.NewDecoder("f.docx", "word/document.xml", []byte(attrs)), false)
	checkInvalid(t, err, "f.docx", "属性数", fmt.Sprint(jixiao.MaxAttributes))
	if err := drain(ooxml.NewDecoder("f.docx", "word/document.xml", []byte(many.String())), false); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second { // generous: -race on a busy machine; quadratic takes minutes
		t.Errorf("took %v", d)
	}
}

// The elements of all parts read from a package count together.
func TestPackageElements(t *testing.T) {
	part := "<r>" + strings.Repeat("<a/>", 59) + "</r>" // 60 elements
	data := ooxmltest.Zip(t, ooxmltest.P("a.xml", part), ooxmltest.P("b.xml", part))
	p, err := ooxml.OpenLimits("a.xlsx", data, ooxml.Limits{MaxElements: 100})
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.Decoder("a.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := drain(d, false); err != nil {
		t.Fatal(err)
	}
	if p.Elements() != 60 {
		t.Errorf("%d elements counted, want 60", p.Elements())
	}
	d, err = p.Decoder("b.xml")
	if err != nil {
		t.Fatal(err)
	}
	checkInvalid(t, drain(d, false), "a.xlsx", "b.xml", "XML 元素总数", "100 的上限")
}

// ReadPart counts the bytes it inflates, all parts and all reads together;
// parts never read cost nothing.
func TestReadPartTotal(t *testing.T) {
	body := strings.Repeat("x", 400<<10)
	data := ooxmltest.Zip(t, ooxmltest.P("a.xml", body), ooxmltest.P("b.xml", body), ooxmltest.P("c.xml", "<c/>"))
	p, err := ooxml.OpenLimits("a.docx", data, ooxml.Limits{MaxPartSize: 1 << 20, MaxTotalSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ReadPart("c.xml"); err != nil || p.Inflated() != 4 {
		t.Fatalf("inflated %d, %v", p.Inflated(), err)
	}
	for _, part := range []string{"a.xml", "b.xml"} {
		if _, err := p.ReadPart(part); err != nil {
			t.Fatal(err)
		}
	}
	_, err = p.ReadPart("a.xml") // 1.2 MB inflated in all
	checkInvalid(t, err, "a.docx", "总大小", "1 MB")
	_, err = p.ReadPart("c.xml")
	checkInvalid(t, err, "a.docx", "总大小")
}

// The reference package with junk parts: refused at Open by the sizes
// declared, before anything is inflated, when the junk goes past the total;
// read without inflating the junk when it does not.
func TestJunkParts(t *testing.T) {
	ref := readRef(t, "docx")
	junk := func(n, mb int) []byte {
		stream, crc := ooxmltest.DeflatedZeros(t, mb, ' ')
		var raws []ooxmltest.Raw
		for i := range n {
			raws = append(raws, ooxmltest.Raw{Name: fmt.Sprintf("word/media/junk%d.bin", i), Deflated: stream, Size: uint64(mb) << 20, CRC32: crc})
		}
		return appendRaw(t, ref, raws...)
	}
	start := time.Now()
	_, err := ooxml.Open("a.docx", junk(4, 62))
	checkInvalid(t, err, "a.docx", "junk0.bin", "32 MB", "压缩炸弹")
	_, err = ooxml.Open("a.docx", junk(4, 30))
	checkInvalid(t, err, "a.docx", "总大小", "64 MB")
	p, err := ooxml.Open("a.docx", junk(2, 30))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.ReadPart(p.MainPart()); err != nil {
		t.Fatal(err)
	}
	if p.Inflated() > 1<<20 {
		t.Errorf("inflated %d bytes to read the document", p.Inflated())
	}
	if d := time.Since(start); d > 20*time.Second { // generous: -race on a busy machine; quadratic takes minutes
		t.Errorf("took %v", d)
	}
}

// appendRaw returns the package data with the raw parts added.
func appendRaw(t *testing.T, data []byte, raws ...ooxmltest.Raw) []byte {
	t.Helper()
	parts := ooxmltest.Unzip(t, data)
	return ooxmltest.ZipRaw(t, parts, raws...)
}

// A relationships part may hold at most MaxEntries relationships.
func TestRelationshipsLimit(t *testing.T) {
	rels := func(n int) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			strings.Repeat(`<Relationship Id="r" Type="t" Target="a.xml"/>`, n) + `</Relationships>`
	}
	for _, tt := range []struct {
		n    int
		want bool // refused
	}{{5, false}, {6, true}} {
		data := ooxmltest.Zip(t, ooxmltest.P("a.xml", "<a/>"), ooxmltest.P("_rels/a.xml.rels", rels(tt.n)))
		p, err := ooxml.OpenLimits("a.docx", data, ooxml.Limits{MaxEntries: 5})
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Relationships("a.xml")
		if !tt.want {
			if err != nil || len(got) != tt.n {
				t.Errorf("%d relationships: got %d, %v", tt.n, len(got), err)
			}
			continue
		}
		checkInvalid(t, err, "a.docx", "_rels/a.xml.rels", "关系（Relationship）条目数超过 5 的上限")
		if !errors.Is(err, ooxml.ErrLimit) {
			t.Errorf("%v does not wrap ErrLimit", err)
		}
	}
}
