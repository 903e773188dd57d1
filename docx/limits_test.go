package docx_test

import (
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/ooxml"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

// Generated body fragments.
func para(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }
func tc(pr, content string) string {
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + content + `</w:tc>`
}
func tr(cells ...string) string    { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
func tbl(rows ...string) string    { return `<w:tbl>` + strings.Join(rows, "") + `</w:tbl>` }
func times(n int, s string) string { return strings.Repeat(s, n) }

// stored builds a Word package around a body without compressing it:
// cheap to build for large bodies.
func stored(tb testing.TB, body string) []byte {
	tb.Helper()
	return ooxmltest.Stored(tb, ooxmltest.DocxParts(ooxmltest.Document(body))...)
}

// Each count the walker keeps is refused one past its limit, with a message
// naming the file and the limit, and read at the limit.
func TestLimits(t *testing.T) {
	x := func(n int) string { return strings.Repeat("x", n) }
	cell := tc("", `<w:p/>`)
	vcont := func(s string) string { return tc(`<w:vMerge/>`, para(s)) }
	hcont := func(s string) string { return tc(`<w:hMerge/>`, para(s)) }
	max := jixiao.MaxCellBytes
	tests := []struct {
		name string
		body string
		want []string // nil: reads
	}{
		{"paragraphs at the limit", times(jixiao.MaxParagraphs, `<w:p/>`), nil},
		{"paragraphs", times(jixiao.MaxParagraphs+1, `<w:p/>`), []string{"表格外的段落数超过 20000 的上限"}},
		{"paragraphs in a table outside cells", tbl(tr(cell), times(jixiao.MaxParagraphs+1, `<w:p/>`)), []string{"段落数"}},
		{"rows at the limit", tbl(times(jixiao.MaxRows, tr(cell))), nil},
		{"rows", tbl(times(jixiao.MaxRows+1, tr(cell))), []string{"表格行数（所有表格合计）超过 20000 的上限"}},
		{"rows of many tables", times(jixiao.MaxRows+1, tbl(tr(cell))), []string{"表格行数"}},
		{"rows of nested tables", tbl(tr(tc("", tbl(times(jixiao.MaxRows, tr(cell)))))), []string{"表格行数"}},
		{"cells", tbl(times(jixiao.MaxCells/jixiao.MaxColumns+1, tr(times(jixiao.MaxColumns, cell)))), []string{"表格单元格数（所有表格合计）超过 200000 的上限"}},
		{"cells in a row at the limit", tbl(tr(times(jixiao.MaxColumns, cell))), nil},
		{"cells in a row", tbl(tr(times(jixiao.MaxColumns+1, cell))), []string{"表格一行的列数超过 1000 的上限"}},
		{"grid span", tbl(tr(tc(`<w:gridSpan w:val="1000000000"/>`, `<w:p/>`))), []string{"列数"}},
		{"grid spans together", tbl(tr(times(2, tc(`<w:gridSpan w:val="600"/>`, `<w:p/>`)))), []string{"列数"}},
		{"grid before", tbl(`<w:tr><w:trPr><w:gridBefore w:val="5000"/></w:trPr>` + cell + `</w:tr>`), []string{"列数"}},
		{"paragraph text at the limit", para(x(max)), nil},
		{"paragraph text", para(x(max/2)) + para(x(max+1)), []string{"一个段落或单元格的文字超过 64 KB 的上限"}},
		{"paragraph of runs", `<w:p>` + times(max/1000+1, `<w:r><w:t>`+x(1000)+`</w:t></w:r>`) + `</w:p>`, []string{"64 KB"}},
		{"tabs", `<w:p><w:r>` + times(max+1, `<w:tab/>`) + `</w:r></w:p>`, []string{"64 KB"}},
		{"symbols", `<w:p><w:r>` + times(max/3+1, `<w:sym w:font="Symbol" w:char="F0B3"/>`) + `</w:r></w:p>`, []string{"64 KB"}},
		{"text outside paragraphs", `<w:r><w:t>` + x(max+1) + `</w:t></w:r>`, []string{"64 KB"}},
		{"cell of paragraphs at the limit", tbl(tr(tc("", times(64, para(x(1023)))))), nil},
		{"cell of paragraphs", tbl(tr(tc("", times(65, para(x(1023)))))), []string{"64 KB"}},
		{"cell of a nested table", tbl(tr(tc("", para("a")+tbl(times(65, tr(tc("", para(x(1023))))))))), []string{"64 KB"}},
		{"vertical merge at the limit", tbl(tr(tc(`<w:vMerge w:val="restart"/>`, para(x(1023)))), times(63, tr(vcont(x(1023))))), nil},
		{"vertical merge", tbl(tr(tc(`<w:vMerge w:val="restart"/>`, para(x(1023)))), times(64, tr(vcont(x(1023))))), []string{"64 KB"}},
		{"horizontal merge at the limit", tbl(tr(tc(`<w:hMerge w:val="restart"/>`, para(x(1023))), times(63, hcont(x(1023))))), nil},
		{"horizontal merge", tbl(tr(tc(`<w:hMerge w:val="restart"/>`, para(x(1023))), times(64, hcont(x(1023))))), []string{"64 KB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := docx.ReadDocument("自评表.docx", stored(t, tt.body))
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			checkInvalid(t, err, "自评表.docx", tt.want...)
		})
	}
}

// checkInvalid asserts an invalid-input error whose message names the file,
// holds the fragments and says what to do.
func checkInvalid(t *testing.T, err error, name string, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", fragments)
	}
	if k := jixiao.KindOf(err); k != jixiao.KindInvalid {
		t.Fatalf("kind %s: %v", k, err)
	}
	msg := jixiao.MessageOf(err)
	if !strings.HasPrefix(msg, name+"：") || !strings.Contains(msg, "请") {
		t.Errorf("message should name the file and say what to do: %s", msg)
	}
	for _, f := range fragments {
		if !strings.Contains(msg, f) {
			t.Errorf("message lacks %q: %s", f, msg)
		}
	}
}

// Text in continuation cells joins the cell that started the merge, in
// order, skipping blank cells, for vertical and legacy horizontal merges
// alike.
func TestMergedText(t *testing.T) {
	restart := func(kind, s string) string { return tc(`<w:`+kind+` w:val="restart"/>`, para(s)) }
	cont := func(kind, s string) string { return tc(`<w:`+kind+`/>`, para(s)) }
	body := tbl(
		tr(restart("vMerge", "a"), restart("hMerge", ""), cont("hMerge", "h1"), cont("hMerge", ""), cont("hMerge", "h2")),
		tr(cont("vMerge", "b"), tc(`<w:gridSpan w:val="4"/>`, para("z"))),
		tr(cont("vMerge", ""), tc(`<w:gridSpan w:val="4"/>`, para("y"))),
		tr(cont("vMerge", "c"), tc(`<w:gridSpan w:val="4"/>`, para("w"))),
	)
	doc, err := docx.ReadDocument("a.docx", stored(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := "T\nR 0/1 a\\nb\\nc | 1/4 h1\\nh2\nR 0/1M  | 1/4 z\nR 0/1M  | 1/4 y\nR 0/1M  | 1/4 w\n"
	if got := render(doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Vertically merged cells with text: the text of the continuation cells is
// joined once, in order, whatever their number (joining it as each comes
// made 100,000 of them take over 10 s); 100,000 of them are refused by the
// count of rows.
func TestManyMergedCells(t *testing.T) {
	merged := func(rows int) string {
		var b strings.Builder
		b.WriteString(`<w:tbl>`)
		b.WriteString(tr(tc(`<w:vMerge w:val="restart"/>`, para("x")), tc("", para("y"))))
		for range rows - 1 {
			b.WriteString(tr(tc(`<w:vMerge/>`, para("x")), tc("", `<w:p/>`)))
		}
		b.WriteString(`</w:tbl>`)
		return b.String()
	}
	doc, err := docx.ReadDocument("a.docx", stored(t, merged(2000)))
	if err != nil {
		t.Fatal(err)
	}
	rows := doc.Blocks[0].Table.Rows
	if want := strings.Repeat("x\n", 1999) + "x"; len(rows) != 2000 || rows[0].Cells[0].Text != want {
		t.Fatalf("%d rows, merged text of %d bytes, want %d", len(rows), len(rows[0].Cells[0].Text), len(want))
	}
	for _, r := range rows[1:] {
		if c := r.Cells[0]; !c.Merged || c.Text != "" {
			t.Fatalf("continuation cell %+v", c)
		}
	}

	start := time.Now()
	_, err = docx.ReadDocument("a.docx", stored(t, merged(100_000)))
	checkInvalid(t, err, "a.docx", "表格行数")
	if d := time.Since(start); d > 20*time.Second { // about 0.2 s alone; generous for -race on a busy machine
		t.Errorf("took %v", d)
	}
}

// The page footers are read within the same limits: a footer part past
// one, or more relationships than a package may hold parts, is refused.
func TestFooterLimits(t *testing.T) {
	const relFooter = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	rels := func(n int) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			strings.Repeat(`<Relationship Id="r" Type="`+relFooter+`" Target="footer1.xml"/>`, n) + `</Relationships>`
	}
	footer := func(body string) string {
		return `<w:ftr xmlns:w="` + ooxmltest.NSW + `">` + body + `</w:ftr>`
	}
	tests := []struct {
		name   string
		rels   string
		footer string
		want   []string // nil: reads, with the footer line
	}{
		{"footer", rels(1), footer(para("填表人：张三")), nil},
		{"relationships", rels(ooxml.MaxEntries + 1), footer(para("填表人：张三")), []string{"关系（Relationship）条目数"}},
		{"paragraphs", rels(1), footer(times(jixiao.MaxParagraphs+1, `<w:p/>`)), []string{"段落数"}},
		{"text", rels(1), footer(para(strings.Repeat("x", jixiao.MaxCellBytes+1))), []string{"64 KB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := append(ooxmltest.DocxParts(ooxmltest.Document(para("正文"))),
				ooxmltest.P("word/_rels/document.xml.rels", tt.rels), ooxmltest.P("word/footer1.xml", tt.footer))
			doc, err := docx.ReadDocument("自评表.docx", ooxmltest.Stored(t, parts...))
			if tt.want != nil {
				checkInvalid(t, err, "自评表.docx", tt.want...)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := render(doc); got != "P 正文\nP 填表人：张三\n" {
				t.Errorf("got\n%s", got)
			}
		})
	}
}
