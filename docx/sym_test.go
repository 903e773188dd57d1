package docx

import (
	"encoding/xml"
	"testing"
)

func TestSymbol(t *testing.T) {
	for _, tt := range []struct {
		font, char string
		want       rune
	}{
		{"Symbol", "F0B3", '≥'},
		{"Symbol", "F0A3", '≤'},
		{"symbol", "B1", '±'},
		{"Symbol", "F061", 0}, // α: not a form's character
		{"Wingdings", "F0FC", '✓'},
		{"Wingdings 2", "F052", '☑'},
		{"宋体", "2265", '≥'},
		{"Some Font", "F021", 0}, // a private character of a font not known
		{"宋体", "zz", 0},
		{"宋体", "1", 0},
	} {
		el := xml.StartElement{Name: xml.Name{Space: nsW, Local: "sym"}, Attr: []xml.Attr{
			{Name: xml.Name{Space: nsW, Local: "font"}, Value: tt.font},
			{Name: xml.Name{Space: nsW, Local: "char"}, Value: tt.char},
		}}
		if got := symbol(el); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.font, tt.char, got, tt.want)
		}
	}
}
