package docx_test

import (
	"strings"
	"testing"

	"github.com/jixiao/jixiao/internal/reftest"
)

// The reference form drawn inside a one-cell table (a border a clerk put
// around it), or in the first cell of a layout table: read as the form
// itself, not flattened into one cell.
func TestFramedForm(t *testing.T) {
	for name, wrap := range map[string][2]string{
		"one-cell frame":      {"<w:tbl><w:tr><w:tc><w:p/>", "<w:p/></w:tc></w:tr></w:tbl>"},
		"layout table, left":  {"<w:tbl><w:tr><w:tc>", "<w:p/></w:tc><w:tc><w:p><w:r><w:t>（盖章）</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"},
		"frame with a header": {"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附件1</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>"},
	} {
		t.Run(name, func(t *testing.T) {
			d := openRefDoc(t)
			i := strings.Index(d.xml, "<w:tbl>")
			j := strings.LastIndex(d.xml, "</w:tbl>") + len("</w:tbl>")
			d.xml = d.xml[:i] + wrap[0] + d.xml[i:j] + wrap[1] + d.xml[j:]
			got, _ := docxReading(t, d.bytes())
			sameReading(t, got, textReading(t, reftest.Text(t)))
		})
	}
}
