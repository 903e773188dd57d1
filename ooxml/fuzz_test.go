package ooxml_test

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml"
)

// collect renders the tokens of a decoder; with drop set it leaves out the
// subtrees of elements named drop in urn:w, reading their tokens.
func collect(d *ooxml.Decoder, drop bool) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if drop && t.Name.Space == "urn:w" && t.Name.Local == "drop" {
				depth := d.Depth()
				for d.Depth() >= depth {
					if _, err := d.Token(); err != nil {
						return b.String(), err
					}
				}
				continue
			}
			fmt.Fprintf(&b, "<%s %s %v>", t.Name.Space, t.Name.Local, t.Attr)
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s %s>", t.Name.Space, t.Name.Local)
		case xml.CharData:
			fmt.Fprintf(&b, "%q", t)
		case xml.Comment:
			b.WriteString("<!---->")
		case xml.ProcInst:
			fmt.Fprintf(&b, "<?%s?>", t.Target)
		}
	}
}

// FuzzDecoderSkip: skipping elements by scanning bytes (SkipElements, Skip
// after a start tag) gives the tokens that reading them gives, whenever
// reading them succeeds; errors are always invalid-input errors.
func FuzzDecoderSkip(f *testing.F) {
	f.Add(`<r xmlns:w="urn:w"><w:drop a="x>y"><!-- </w:drop> --><![CDATA[</w:drop>]]><w:drop/></w:drop>t<w:keep/></r>`)
	f.Add(`<r xmlns:w="urn:w">` + "\n" + `<w:drop>a</w:drop><x:drop xmlns:x="urn:w"/><drop xmlns="urn:w"><i/></drop></r>`)
	f.Add(`<?xml version="1.0"?><r xmlns:w="urn:w"><w:keep><w:drop><?pi x?><w:drop></w:drop></w:drop></w:keep></r>`)
	f.Fuzz(func(t *testing.T, src string) {
		slow := ooxml.NewDecoderDepth("f.docx", "p.xml", []byte(src), 32)
		want, err := collect(slow, true)
		if err != nil {
			if jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Fatalf("kind %s: %v", jixiao.KindOf(err), err)
			}
			return
		}
		fast := ooxml.NewDecoderDepth("f.docx", "p.xml", []byte(src), 32)
		fast.SkipElements([]string{"urn:w"}, "drop")
		got, err := collect(fast, false)
		if err != nil {
			t.Fatalf("reading tokens succeeds, skipping fails: %v\n%s", err, want)
		}
		if got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}
