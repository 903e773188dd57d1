package layout_test

import (
	"testing"

	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/textform"
)

// BenchmarkForms: the reference form's text document read into a form (every
// cell cleaned and folded, sections and columns found by their labels).
func BenchmarkForms(b *testing.B) {
	doc, err := textform.ReadDocument("ref.txt", []byte(reftest.Text(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := layout.Forms(doc); err != nil {
			b.Fatal(err)
		}
	}
}
