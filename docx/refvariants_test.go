package docx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/internal/formtest"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

// reading, and the helpers below, compare a file with its text version
// (internal/formtest).
type reading = formtest.Reading

var (
	textReading = formtest.Text
	sameReading = formtest.Same
)

func docxReading(t *testing.T, data []byte) (reading, *jixiao.Form) {
	t.Helper()
	return formtest.Read(t, docx.Reader{}, "form.docx", data)
}

// refDoc is the reference document's main part, edited as XML.
type refDoc struct {
	t     *testing.T
	xml   string
	parts map[string]string // other parts replaced or added
}

var (
	trRE = regexp.MustCompile(`(?s)<w:tr>.*?</w:tr>`)
	tcRE = regexp.MustCompile(`(?s)<w:tc>.*?</w:tc>`)
	rRE  = regexp.MustCompile(`(?s)<w:r>.*?</w:r>`)
)

func openRefDoc(t *testing.T) *refDoc {
	zr, err := zip.NewReader(bytes.NewReader(readRef(t, "docx")), int64(len(readRef(t, "docx"))))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return &refDoc{t, string(b), map[string]string{}}
		}
	}
	t.Fatal("no word/document.xml")
	return nil
}

// row returns the i-th table row.
func (d *refDoc) row(i int) string { return trRE.FindAllString(d.xml, -1)[i] }

// replace replaces the first occurrence of old.
func (d *refDoc) replace(old, new string) {
	if !strings.Contains(d.xml, old) {
		d.t.Fatalf("no %.80q", old)
	}
	d.xml = strings.Replace(d.xml, old, new, 1)
}

// withText returns row with its i-th cell's runs replaced by text (line
// breaks as <w:br/>).
func withText(row string, i int, text string) string {
	cells := tcRE.FindAllStringIndex(row, -1)
	tc := row[cells[i][0]:cells[i][1]]
	tc = rRE.ReplaceAllString(tc, "")
	runs := `<w:r><w:t xml:space="preserve">` + strings.ReplaceAll(text, "\n", `</w:t><w:br/><w:t xml:space="preserve">`) + `</w:t></w:r>`
	if j := strings.Index(tc, "</w:p>"); j >= 0 {
		tc = tc[:j] + runs + tc[j:]
	}
	return row[:cells[i][0]] + tc + row[cells[i][1]:]
}

// setCell sets the i-th cell of table row r.
func (d *refDoc) setCell(r, i int, text string) {
	old := d.row(r)
	d.replace(old, withText(old, i, text))
}

func (d *refDoc) bytes() []byte {
	zr, err := zip.NewReader(bytes.NewReader(readRef(d.t, "docx")), int64(len(readRef(d.t, "docx"))))
	if err != nil {
		d.t.Fatal(err)
	}
	var parts []ooxmltest.Part
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		s := string(b)
		if f.Name == "word/document.xml" {
			s = d.xml
		}
		if p, ok := d.parts[f.Name]; ok {
			s = p
			delete(d.parts, f.Name)
		}
		parts = append(parts, ooxmltest.P(f.Name, s))
	}
	for name, body := range d.parts {
		parts = append(parts, ooxmltest.P(name, body))
	}
	return ooxmltest.Zip(d.t, parts...)
}

// part returns a part of the reference document.
func (d *refDoc) part(name string) string {
	zr, err := zip.NewReader(bytes.NewReader(readRef(d.t, "docx")), int64(len(readRef(d.t, "docx"))))
	if err != nil {
		d.t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	d.t.Fatalf("no part %s", name)
	return ""
}

// tableStart is the reference table's opening: properties and grid.
func (d *refDoc) tableStart() string {
	i := strings.Index(d.xml, "<w:tbl>")
	j := strings.Index(d.xml, "</w:tblGrid>")
	return d.xml[i : j+len("</w:tblGrid>")]
}

// The reference document's variants, each read as the text variant a
// reviewer would type from it: same statuses, same findings, same amounts.
// Rows of the reference table: 3 the funds header, 4–7 the funds lines, 8
// 总体目标完成情况, 10 the indicator header, 11 the first indicator.
func TestReferenceDocumentVariants(t *testing.T) {
	ref := reftest.Text(t)
	localRow := "\t\n\t       地方资金\n\t926.2\n\t926.2\n\t100%\n\n"
	fundRow := func(label, a, b, rate string) string {
		return "\t\n\t" + label + "\n\t" + a + "\n\t" + b + "\n\t" + rate + "\n\n"
	}
	repl := func(text string, pairs ...string) string {
		for i := 0; i < len(pairs); i += 2 {
			text = reftest.Replace(t, text, pairs[i], pairs[i+1], 1)
		}
		return text
	}
	tests := []struct {
		name string
		edit func(d *refDoc)
		text string
		// indicator i reads actual (-1: no check)
		i              int
		actual, target string
	}{
		{
			name: "sources by kind of money",
			edit: func(d *refDoc) {
				d.setCell(5, 1, "其中：本年财政拨款")
				d.setCell(6, 1, "上年结转资金")
				d.setCell(7, 1, "单位资金")
			},
			text: repl(ref, " 其中：中央财政资金", " 其中：本年财政拨款", "       地方资金", "上年结转资金", "        其他资金", "单位资金"),
		},
		{
			name: "地方资金 as provincial, municipal and district lines",
			edit: func(d *refDoc) {
				local := d.row(6)
				line := func(label, a string) string {
					return withText(withText(withText(withText(local, 1, label), 2, a), 3, a), 4, "100%")
				}
				d.replace(local, line("省级资金", "500")+line("市级资金", "300")+line("区级资金", "126.2"))
			},
			text: reftest.Replace(t, ref, localRow, fundRow("省级资金", "500", "500", "100%")+fundRow("市级资金", "300", "300", "100%")+fundRow("区级资金", "126.2", "126.2", "100%"), 1),
		},
		{
			name: "地方资金 with 其中 lines under it",
			edit: func(d *refDoc) {
				local := d.row(6)
				line := func(label, a string) string {
					return withText(withText(withText(withText(local, 1, label), 2, a), 3, a), 4, "100%")
				}
				d.replace(local, local+line("其中：市级资金", "600")+line("区级资金", "326.2"))
			},
			text: reftest.Replace(t, ref, localRow, localRow+fundRow("其中：市级资金", "600", "600", "100%")+fundRow("区级资金", "326.2", "326.2", "100%"), 1),
		},
		{
			name: "level-1 labels with their weights",
			edit: func(d *refDoc) {
				d.replace("<w:t>产出指标</w:t>", "<w:t>产出指标(50分)</w:t>")
				d.replace("<w:t>效益指标</w:t>", "<w:t>效益指标（30分）</w:t>")
				d.replace("<w:t>满意度</w:t>", "<w:t>满意度指标(10分)</w:t>")
			},
			text: repl(ref, "\t产出指标\n", "\t产出指标(50分)\n", "\t效益指标\n", "\t效益指标（30分）\n", "\t满意度\n", "\t满意度指标(10分)\n"),
		},
		{
			name: "level-1 and level-2 labels under their older names",
			edit: func(d *refDoc) {
				d.replace("<w:t>产出指标</w:t>", "<w:t>项目产出</w:t>")
				d.replace("<w:t>效益指标</w:t>", "<w:t>项目效益</w:t>")
				d.replace("<w:t>社会效益指标</w:t>", "<w:t>社会效益</w:t>")
				d.replace("<w:t>服务对象满意度指标</w:t>", "<w:t>服务对象满意度</w:t>")
			},
			text: repl(ref, "\t产出指标\n", "\t项目产出\n", "\t效益指标\n", "\t项目效益\n", "\t社会效益指标\n", "\t社会效益\n", "\t服务对象满意度指标\n", "\t服务对象满意度\n"),
		},
		{
			name: "the funds block as its own table, between the header's and the indicators'",
			edit: func(d *refDoc) {
				start := d.tableStart()
				d.replace(d.row(3), "</w:tbl><w:p/>"+start+d.row(3))
				d.replace(d.row(8), "</w:tbl><w:p/>"+start+d.row(8))
			},
			text: ref,
		},
		{
			name: "the funds header broken over two lines in its cells",
			edit: func(d *refDoc) {
				d.setCell(3, 2, "全年预算数\n（A）")
				d.setCell(3, 3, "全年执行数\n（B）")
				d.setCell(3, 4, "预算执行率\n（B/A）")
			},
			text: ref,
		},
		{
			name: "the funds header split over two rows",
			edit: func(d *refDoc) {
				h := d.row(3)
				second := withText(withText(withText(withText(h, 1, ""), 2, "（A）"), 3, "（B）"), 4, "（B/A）")
				second = strings.Replace(withText(second, 0, ""), `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`, 1)
				first := withText(withText(withText(h, 2, "全年预算数"), 3, "全年执行数"), 4, "预算执行率")
				d.replace(h, first+second)
			},
			text: ref,
		},
		{
			name: "an actual changed with tracked changes",
			edit: func(d *refDoc) {
				d.replace("<w:t>专利技术产业化项目资助</w:t></w:r><w:r><w:rPr></w:rPr><w:t>10</w:t>",
					`<w:t>专利技术产业化项目资助</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>10</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>9</w:t></w:r></w:ins><w:r><w:rPr></w:rPr><w:t></w:t>`)
			},
			text: reftest.Replace(t, ref, "专利技术产业化项目资助10家。", "专利技术产业化项目资助9家。", 1),
			i:    1, actual: "专利技术产业化项目资助9家。",
		},
		{
			name: "an actual in a text box Word writes twice (choice and fallback)",
			edit: func(d *refDoc) {
				box := func(s string) string {
					return `<w:p><w:r><w:txbxContent><w:p><w:r><w:t>` + s + `</w:t></w:r></w:p></w:txbxContent></w:r></w:p>`
				}
				_ = box
				tb := `<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>重点企业资助88家。</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>重点企业资助88家。</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
				old := d.row(14)
				if !strings.Contains(old, "重点企业资助") {
					t.Fatalf("row 14 is not 指标4")
				}
				nw := withText(old, 5, "")
				cells := tcRE.FindAllStringIndex(nw, -1)
				tc := nw[cells[5][0]:cells[5][1]]
				j := strings.Index(tc, "</w:p>")
				tc = tc[:j] + tb + tc[j:]
				d.replace(old, nw[:cells[5][0]]+tc+nw[cells[5][1]:])
			},
			text: ref,
			i:    3, actual: "重点企业资助88家。",
		},
		{
			name: "comparators inserted as symbols (Insert Symbol: the Symbol font's ≥ and ≤)",
			edit: func(d *refDoc) {
				sym := func(font, char string) string {
					return `</w:t></w:r><w:r><w:sym w:font="` + font + `" w:char="` + char + `"/></w:r><w:r><w:t>`
				}
				d.replace("<w:t>不少于</w:t></w:r><w:r><w:rPr></w:rPr><w:t>7000</w:t>", "<w:t>"+sym("Symbol", "F0B3")+"</w:t></w:r><w:r><w:rPr></w:rPr><w:t>7000</w:t>")
				d.replace("<w:t>550</w:t>", "<w:t>"+sym("Symbol", "F0A3")+"550</w:t>")
				d.replace("<w:t>200</w:t>", "<w:t>"+sym("宋体", "2264")+"200</w:t>")
			},
			text: repl(ref, "\t不少于7000件\n", "\t≥7000件\n", "\t550万\n", "\t≤550万\n", "\t200万\n", "\t≤200万\n"),
			i:    0, actual: "专利资助奖励共完成6747件。", target: "≥7000件",
		},
		{
			name: "a comparator stored as the Symbol font's private character (U+F0B3), as LibreOffice writes it",
			edit: func(d *refDoc) {
				d.replace("<w:t>不少于</w:t></w:r><w:r><w:rPr></w:rPr><w:t>7000</w:t>", "<w:t>\uf0b3</w:t></w:r><w:r><w:rPr></w:rPr><w:t>7000</w:t>")
			},
			text: repl(ref, "\t不少于7000件\n", "\t≥7000件\n"),
			i:    0, target: "≥7000件",
		},
		{
			name: "the indicator table split over two tables mid-group (a page break), the header repeated by hand",
			edit: func(d *refDoc) {
				start := d.tableStart()
				d.replace(d.row(17), "</w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"+start+d.row(10)+d.row(17))
			},
			text: ref,
		},
		{
			name: "the indicator table split over two tables mid-group, no header repeated",
			edit: func(d *refDoc) {
				start := d.tableStart()
				d.replace(d.row(17), "</w:tbl><w:p/>"+start+d.row(17))
			},
			text: ref,
		},
		{
			name: "one reason merged down the cost rows (vMerge)",
			edit: func(d *refDoc) {
				for i, row := range trRE.FindAllString(d.xml, -1) {
					if !strings.Contains(row, "万") || !strings.Contains(row, "已完成") {
						continue
					}
					cells := tcRE.FindAllString(row, -1)
					last := cells[len(cells)-1]
					pr := `<w:vMerge/>`
					if strings.Contains(row, "成本指标") {
						pr = `<w:vMerge w:val="restart"/>`
					} else {
						last = withText(`<w:tr>`+last+`</w:tr>`, 0, "")
						last = strings.TrimSuffix(strings.TrimPrefix(last, `<w:tr>`), `</w:tr>`)
					}
					nl := strings.Replace(last, "<w:tcPr>", "<w:tcPr>"+pr, 1)
					_ = i
					d.replace(row, strings.Replace(row, cells[len(cells)-1], nl, 1))
				}
			},
			text: ref,
		},
		{
			name: "the footer line in the page footer, beside a page number",
			edit: func(d *refDoc) {
				i := strings.Index(d.xml, "填表人")
				start := strings.LastIndex(d.xml[:i], "<w:p>")
				end := i + strings.Index(d.xml[i:], "</w:p>") + len("</w:p>")
				line := d.xml[start:end]
				d.replace(line, "")
				d.parts["word/footer1.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="` + ooxmltest.NSW + `">` +
					`<w:p><w:r><w:t>第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> 页</w:t></w:r></w:p>` +
					line + `</w:ftr>`
				rels := d.part("word/_rels/document.xml.rels")
				d.parts["word/_rels/document.xml.rels"] = strings.Replace(rels, "</Relationships>",
					`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`, 1)
				types := d.part("[Content_Types].xml")
				d.parts["[Content_Types].xml"] = strings.Replace(types, "</Types>",
					`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`, 1)
			},
			text: ref,
		},
		{
			name: "a cost row spends less, lower is better without a comparator",
			edit: func(d *refDoc) {
				r := -1
				for i, row := range trRE.FindAllString(d.xml, -1) {
					if strings.Contains(row, "专利技术产业化项目资助") && strings.Contains(row, "200") {
						r = i
					}
				}
				d.setCell(r, 5, "180万")
			},
			text: reftest.Replace(t, ref, "\t200万\n\t200万\n", "\t200万\n\t180万\n", 1),
			i:    16, actual: "180万",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := openRefDoc(t)
			tt.edit(d)
			got, f := docxReading(t, d.bytes())
			sameReading(t, got, textReading(t, tt.text))
			if tt.actual != "" && f.Indicators[tt.i].Actual != tt.actual {
				t.Errorf("indicator %d actual %q, want %q", tt.i, f.Indicators[tt.i].Actual, tt.actual)
			}
			if tt.target != "" && f.Indicators[tt.i].Target != tt.target {
				t.Errorf("indicator %d target %q, want %q", tt.i, f.Indicators[tt.i].Target, tt.target)
			}
			if f.Filler != "李想" || f.FillDate != "2021年7月27日" {
				t.Errorf("footer: filler %q, date %q", f.Filler, f.FillDate)
			}
		})
	}
}
