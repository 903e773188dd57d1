package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/internal/storetest"
)

// The sheet's HTML is written in Go (sheet_html.go) with html/template's
// own escaping: every value, in text, in a double-quoted attribute and in a
// textarea, comes out as the template would have written it — every ASCII
// character, markup, quotes, control characters, right-to-left marks,
// invalid UTF-8.
func TestSheetEscapingIsHTMLTemplates(t *testing.T) {
	var ascii strings.Builder
	for c := range 0x80 {
		ascii.WriteByte(byte(c))
	}
	values := []string{
		ascii.String(),
		`<script>alert("x")</script><img src=x onerror=alert(1)>&amp;&lt;`,
		`" onmouseover="alert(1)" x='`,
		"=HYPERLINK(\"http://evil.example/\")+1",
		"甲\x00乙\u0085丙\u202Egnp.exe\u202C\u200F\ufdd0\uffff",
		"\xff\xfe半个\xe4\xb8",
		"第一行\n第二行",
	}
	tmpl := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><textarea>{{.}}</textarea>`))
	for _, v := range values {
		var want strings.Builder
		if err := tmpl.Execute(&want, v); err != nil {
			t.Fatal(err)
		}
		var got htmlBuilder
		got.raw("<p")
		got.attr("title", v)
		got.raw(">")
		got.text(v)
		got.raw("</p><textarea>")
		got.text(v)
		got.raw("</textarea>")
		if got.String() != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", v, got.String(), want.String())
		}
	}
}

// BenchmarkSheetHTML is the writing of the reference form's sheets, laid
// out and judged beforehand: read-only, the editor's, the live check's.
//
//	go test ./web/ -run '^$' -bench BenchmarkSheetHTML
func BenchmarkSheetHTML(b *testing.B) {
	f := storetest.RefForm(b)
	report := check.Form(f, audit.Defaults())
	read, _ := newSheet(f, report.Findings)
	edit, _ := newEditSheet(f, report.Findings, "", false)
	live, _ := newEditSheet(f, report.Findings, "", true)
	for _, c := range []struct {
		name  string
		write func() template.HTML
	}{
		{"read", read.HTML},
		{"edit", func() template.HTML { return edit.EditHTML(1) }},
		{"check", live.CheckHTML},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				c.write()
			}
		})
	}
}
