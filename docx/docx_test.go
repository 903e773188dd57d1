package docx_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

const refName = "chaoyang-2020-ip-ops"

func readRef(t testing.TB, ext string) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/forms/" + refName + "." + ext)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// render writes a document one block a line: "P text" for a paragraph, and
// for a table "T" then "R " and its cells as "col/span[M] text", cells
// separated by " | ", line breaks shown as \n.
func render(doc *layout.Document) string {
	var b strings.Builder
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "P %s\n", esc(blk.Paragraph))
			continue
		}
		b.WriteString("T\n")
		for _, r := range blk.Table.Rows {
			cells := make([]string, len(r.Cells))
			for i, c := range r.Cells {
				m := ""
				if c.Merged {
					m = "M"
				}
				cells[i] = fmt.Sprintf("%d/%d%s %s", c.Col, c.Span, m, esc(c.Text))
			}
			fmt.Fprintf(&b, "R %s\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}

func esc(s string) string {
	return strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(s)
}

// txtRendering reads the reference form's text rendering: blocks separated
// by blank lines, a cell per line starting with a tab, other lines
// continuing the cell above.
func txtRendering(t *testing.T) [][]string {
	var rows [][]string
	for _, block := range strings.Split(string(readRef(t, "txt")), "\n\n") {
		var cells []string
		for _, line := range strings.Split(strings.Trim(block, "\n"), "\n") {
			if strings.HasPrefix(line, "\t") || len(cells) == 0 {
				cells = append(cells, strings.TrimPrefix(line, "\t"))
				continue
			}
			cells[len(cells)-1] += "\n" + line
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	return rows
}

func TestReferenceDocx(t *testing.T) {
	doc, err := docx.ReadDocument(refName+".docx", readRef(t, "docx"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Name != refName+".docx" {
		t.Errorf("name %q", doc.Name)
	}
	var paras []string
	var tables []*layout.Table
	for _, b := range doc.Blocks {
		if b.Table != nil {
			tables = append(tables, b.Table)
		} else if len(tables) == 0 {
			paras = append(paras, b.Paragraph)
		}
	}
	wantParas := []string{"附件1", "2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表", "（2020年度）"}
	if strings.Join(paras, "|") != strings.Join(wantParas, "|") {
		t.Errorf("paragraphs before the table: %q", paras)
	}
	if len(tables) != 1 {
		t.Fatalf("%d tables, want 1", len(tables))
	}
	tbl := tables[0]
	if len(tbl.Rows) != 42 {
		t.Fatalf("%d rows, want 42", len(tbl.Rows))
	}
	last := doc.Blocks[len(doc.Blocks)-1].Paragraph
	if last != "填表人：李想 联系电话：51069565 填写日期：2021年7月27日" {
		t.Errorf("last paragraph %q", last)
	}
	if n := len(doc.Blocks); n != 3+1+6 {
		t.Errorf("%d blocks, want 3 paragraphs, the table, 6 paragraphs", n)
	}

	// every row of the table reads as in the text rendering
	txt := txtRendering(t)
	start := -1
	for i, r := range txt {
		if r[0] == "转移支付（项目）名称" {
			start = i
		}
	}
	if start < 0 {
		t.Fatal("text rendering: no table")
	}
	for i, row := range tbl.Rows {
		want := txt[start+i]
		got := make([]string, len(row.Cells))
		for j, c := range row.Cells {
			got[j] = c.Text
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, got, want)
		}
	}

	// the grid
	check := func(row, cell int, want layout.Cell) {
		t.Helper()
		if got := tbl.Rows[row].Cells[cell]; got != want {
			t.Errorf("row %d cell %d: %+v, want %+v", row, cell, got, want)
		}
	}
	check(0, 1, layout.Cell{Text: "北京市朝阳区知识产权运营服务体系建设", Col: 2, Span: 5})
	check(3, 0, layout.Cell{Text: "资金情况\n（万元）", Col: 0, Span: 1})
	check(4, 2, layout.Cell{Text: "10926.2", Col: 2, Span: 2})
	check(4, 4, layout.Cell{Text: "11.900%", Col: 6, Span: 1})
	check(4, 0, layout.Cell{Col: 0, Span: 1, Merged: true})
	header := tbl.Rows[10]
	var h []string
	for _, c := range header.Cells {
		h = append(h, strings.ReplaceAll(c.Text, "\n", ""))
	}
	if got := strings.Join(h, "|"); got != "绩效指标|一级指标|二级指标|三级指标|指标值|全年实际完成值|未完成原因和改进措施" {
		t.Errorf("header row %q", got)
	}
	first := tbl.Rows[11]
	if len(first.Cells) != 7 || !first.Cells[0].Merged || first.Cells[1].Text != "产出指标" || first.Cells[3].Text != "指标1：专利资助奖励" || first.Cells[6].Col != 6 {
		t.Errorf("first indicator row %+v", first.Cells)
	}
	second := tbl.Rows[12]
	if !second.Cells[1].Merged || !second.Cells[2].Merged || second.Cells[3].Text != "指标2：专利技术产业化项目资助" {
		t.Errorf("second indicator row %+v", second.Cells)
	}
}

func TestConstructs(t *testing.T) {
	r := func(s string) string { return `<w:r><w:t>` + s + `</w:t></w:r>` }
	p := func(s string) string { return `<w:p>` + r(s) + `</w:p>` }
	tc := func(pr, content string) string { return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + content + `</w:tc>` }
	tests := []struct {
		name, body, want string
	}{
		{"tracked changes",
			`<w:p>` + r("保留") + `<w:ins w:id="1" w:author="a"><w:r><w:rPr><w:b/></w:rPr><w:t>插入</w:t></w:r></w:ins>` +
				`<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del><w:del w:id="3"><w:r><w:tab/><w:t>旧</w:t></w:r></w:del>` +
				`<w:moveFrom w:id="4">` + r("移走") + `</w:moveFrom><w:moveTo w:id="5">` + r("移来") + `</w:moveTo></w:p>`,
			"P 保留插入移来\n"},
		{"content controls",
			`<w:sdt><w:sdtPr><w:alias w:val="名称"/></w:sdtPr><w:sdtContent>` + p("块级控件") + `</w:sdtContent></w:sdt>` +
				`<w:p>` + r("A") + `<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>` + r("单击或点击此处输入文字。") + `</w:sdtContent></w:sdt>` +
				`<w:sdt><w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr><w:sdtContent>` + r("B") + `</w:sdtContent></w:sdt>` +
				`<w:sdt><w:sdtContent>` + r("C") + `</w:sdtContent><w:sdtEndPr><w:rPr/></w:sdtEndPr></w:sdt></w:p>`,
			"P 块级控件\nP ABC\n"},
		{"hyperlink, smart tag, fields, custom XML",
			`<w:p><w:hyperlink r:id="rId5">` + r("链接") + `</w:hyperlink><w:smartTag w:uri="u" w:element="e">` + r("标记") + `</w:smartTag>` +
				`<w:fldSimple w:instr="PAGE">` + r("1") + `</w:fldSimple><w:customXml w:element="x">` + r("自定义") + `</w:customXml>` +
				`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + r("域结果") + `<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
				`<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellStart"/></w:p>`,
			"P 链接标记1自定义域结果\n"},
		{"tabs and breaks",
			`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">  a </w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t></w:r></w:p>` +
				`<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>` + p("f"),
			"P a \\tb\\nc\\nd-e\nP f\n"},
		{"alternate content, text box",
			`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p("文本框") +
				`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + p("文本框") +
				`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>` + r("正文") + `</w:p>`,
			"P 文本框\nP 正文\n"},
		{"math", `<w:p>` + r("面积") + `<m:oMath><m:r><m:t>x=1</m:t></m:r></m:oMath></w:p>`, "P 面积x=1\n"},
		{"no table", p("只有段落") + p("第二段"), "P 只有段落\nP 第二段\n"},
		{"grid: gridSpan, vMerge (bare, continue), gridBefore",
			`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="1"/><w:gridCol w:w="1"/><w:gridCol w:w="1"/><w:gridCol w:w="1"/></w:tblGrid>` +
				`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, p("绩效指标")) + tc(`<w:tcW w:w="2"/><w:gridSpan w:val="2"/><w:tcBorders><w:top w:val="single"/></w:tcBorders>`, p("第一段")+p("第二段")) + tc(``, `<w:p/>`) + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge/>`, `<w:p/>`) + tc(``, p("b")) + tc(`<w:vMerge w:val="restart"/>`, p("c")) + tc(``, p("d")) + `</w:tr>` +
				`<w:tr>` + tc(`<w:vMerge w:val="continue"/>`, `<w:p/>`) + tc(``, p("e")) + tc(`<w:vMerge/>`, p("遗留")) + tc(``, `<w:p/>`) + `</w:tr>` +
				`<w:tr><w:trPr><w:gridBefore w:val="2"/><w:trHeight w:val="300"/></w:trPr>` + tc(`<w:gridSpan w:val="2"/>`, p("f")) + `</w:tr>` +
				`</w:tbl>`,
			"T\n" +
				"R 0/1 绩效指标 | 1/2 第一段\\n第二段 | 3/1 \n" +
				"R 0/1M  | 1/1 b | 2/1 c\\n遗留 | 3/1 d\n" +
				"R 0/1M  | 1/1 e | 2/1M  | 3/1 \n" +
				"R 2/2 f\n"},
		{"continue without restart is an ordinary cell",
			`<w:tbl><w:tr>` + tc(`<w:vMerge/>`, p("a")) + `</w:tr></w:tbl>`,
			"T\nR 0/1 a\n"},
		{"nested table flattened",
			`<w:tbl><w:tr><w:tc>` + p("外") + `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="3"/>`, p("内1")) + tc(`<w:vMerge/>`, `<w:p/>`+p("内2")) + `</w:tr>` +
				`<w:tr><w:tc><w:tbl><w:tr><w:tc>` + p("更深") + `</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>` + p("后") + `</w:tc>` +
				`<w:tc>` + p("右") + `</w:tc></w:tr></w:tbl>`,
			"T\nR 0/1 外\\n内1\\n内2\\n更深\\n后 | 1/1 右\n"},
		{"deleted row, legacy hMerge, property change",
			`<w:tbl><w:tr>` + tc(`<w:hMerge w:val="restart"/>`, p("a")) + tc(`<w:hMerge/>`, `<w:p/>`) + tc(``, p("b")) + `</w:tr>` +
				`<w:tr><w:trPr><w:del w:id="1" w:author="x"/></w:trPr>` + tc(``, `<w:p><w:del><w:r><w:delText>删掉的行</w:delText></w:r></w:del></w:p>`) + `</w:tr>` +
				`<w:tr>` + tc(`<w:gridSpan w:val="1"/><w:tcPrChange w:id="2"><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange>`, p("c")) + tc(``, p("d")) + `</w:tr>` +
				`</w:tbl>`,
			"T\nR 0/2 a | 2/1 b\nR 0/1 c | 1/1 d\n"},
		{"content controls around rows and cells",
			`<w:tbl><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtPr/><w:sdtContent><w:tc>` + p("x") + `</w:tc></w:sdtContent></w:sdt>` +
				`<w:customXml w:element="c"><w:tc>` + p("y") + `</w:tc></w:customXml></w:tr></w:sdtContent></w:sdt></w:tbl>`,
			"T\nR 0/1 x | 1/1 y\n"},
		{"cells and rows misplaced inside cells and rows",
			`<w:tbl><w:tr><w:tc>` + p("a") + `<w:sdt><w:sdtContent><w:tc>` + p("b") + `</w:tc></w:sdtContent></w:sdt></w:tc>` +
				`<w:customXml><w:tr><w:tc>` + p("c") + `</w:tc></w:tr></w:customXml></w:tr></w:tbl>`,
			"T\nR 0/1 a | 1/1 b\nR 0/1 c\n"},
		{"paragraphs around tables",
			p("前") + `<w:tbl><w:tr><w:tc>` + p("格") + `</w:tc></w:tr></w:tbl>` + `<w:tbl><w:tr></w:tr></w:tbl>` + p("后"),
			"P 前\nT\nR 0/1 格\nP 后\n"},
		{"deleted and hidden formatting",
			`<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r><w:r><w:rPr><w:del w:id="1"/></w:rPr><w:t>x</w:t></w:r></w:p>`,
			"P 隐藏文字x\n"},
	}
	for _, tt := range tests {
		for _, pretty := range []bool{false, true} {
			name := tt.name
			body := tt.body
			if pretty { // the same document indented, with comments between elements
				name += " (indented)"
				body = strings.ReplaceAll(body, "><", ">\n  <!-- c --><")
				body = strings.ReplaceAll(body, "<w:t>\n  <!-- c --></w:t>", "<w:t></w:t>")
			}
			t.Run(name, func(t *testing.T) {
				doc, err := docx.ReadDocument("t.docx", ooxmltest.Docx(t, body))
				if err != nil {
					t.Fatal(err)
				}
				if got := render(doc); got != tt.want {
					t.Errorf("got\n%s\nwant\n%s", got, tt.want)
				}
			})
		}
	}
}

func TestNamespaces(t *testing.T) {
	tests := []struct{ name, document string }{
		{"default namespace", `<document xmlns="` + ooxmltest.NSW + `"><body><p><r><t>正文</t></r></p><tbl><tr><tc><tcPr><gridSpan val="2"/></tcPr><p><r><t>格</t></r></p></tc></tr></tbl></body></document>`},
		{"other prefix", `<ns0:document xmlns:ns0="` + ooxmltest.NSW + `"><ns0:body><ns0:p><ns0:r><ns0:t>正文</ns0:t></ns0:r></ns0:p><ns0:tbl><ns0:tr><ns0:tc><ns0:tcPr><ns0:gridSpan ns0:val="2"/></ns0:tcPr><ns0:p><ns0:r><ns0:t>格</ns0:t></ns0:r></ns0:p></ns0:tc></ns0:tr></ns0:tbl></ns0:body></ns0:document>`},
		{"strict", `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`},
		{"foreign element named t", `<w:document xmlns:w="` + ooxmltest.NSW + `" xmlns:x="urn:x"><w:body><w:p><w:r><w:t>正文</w:t><x:t>不是正文</x:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := docx.ReadDocument("t.docx", ooxmltest.Zip(t, ooxmltest.DocxParts(tt.document)...))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := render(doc), "P 正文\nT\nR 0/2 格\n"; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	ref := readRef(t, "docx")
	corrupt := bytes.Clone(ref)
	cd := bytes.LastIndex(corrupt, []byte("PK\x01\x02"))
	copy(corrupt[cd:], "XXXX")
	bomb, crc := ooxmltest.DeflatedZeros(t, 65, ' ')
	lying, lyingCRC := ooxmltest.DeflatedZeros(t, 100, ' ')
	docxParts := ooxmltest.DocxParts("")[:2]
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="` + ooxmltest.NSW + `"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`
	deep := ooxmltest.Document(strings.Repeat("<w:sdt><w:sdtContent>", 50000) + strings.Repeat("</w:sdtContent></w:sdt>", 50000))
	deepProps := ooxmltest.Document(`<w:p><w:pPr>` + strings.Repeat("<w:x>", 100000) + strings.Repeat("</w:x>", 100000) + `</w:pPr></w:p>`)
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)

	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"empty", nil, []string{"空的"}},
		{"not a zip", []byte("绩效指标\t一级指标"), []string{"不是有效的 .docx 文件"}},
		{"corrupted zip", corrupt, []string{"已损坏"}},
		{"truncated", ref[:len(ref)*2/3], []string{"已损坏"}},
		{"zip bomb", ooxmltest.ZipRaw(t, docxParts, ooxmltest.Raw{Name: "word/document.xml", Deflated: bomb, Size: 65 << 20, CRC32: crc}), []string{"32 MB", "压缩炸弹"}},
		{"zip bomb, lying header", ooxmltest.ZipRaw(t, docxParts, ooxmltest.Raw{Name: "word/document.xml", Deflated: lying, Size: 10 << 10, CRC32: lyingCRC}), []string{"word/document.xml", "压缩炸弹"}},
		{"billion laughs", ooxmltest.Zip(t, ooxmltest.DocxParts(laughs)...), []string{"word/document.xml", "DTD"}},
		{"absurd nesting", ooxmltest.Zip(t, ooxmltest.DocxParts(deep)...), []string{"嵌套超过 256 层"}},
		{"absurd nesting in properties", ooxmltest.Zip(t, ooxmltest.DocxParts(deepProps)...), []string{"嵌套超过 256 层"}},
		{"not xml", ooxmltest.Zip(t, ooxmltest.DocxParts("\x00\x01\x02")...), []string{"不是有效的 XML"}},
		{"mismatched tags", ooxmltest.Zip(t, ooxmltest.DocxParts(ooxmltest.Document("<w:p><w:r></w:p>"))...), []string{"标记不匹配"}},
		{"truncated xml", ooxmltest.Zip(t, ooxmltest.DocxParts(ooxmltest.Document("")[:200])...), []string{"被截断"}},
		{"gbk", ooxmltest.Zip(t, ooxmltest.DocxParts(`<?xml version="1.0" encoding="GBK"?><w:document/>`)...), []string{"字符编码"}},
		{"ole2 / encrypted", cfb, []string{"文件已加密（设置了打开密码）或为旧版 .doc/.xls 格式", "去掉密码"}},
		{"xlsx renamed docx", readRef(t, "xlsx"), []string{"这是 Excel 工作簿（.xlsx），不是 Word 文档（.docx）", ".xlsx"}},
		{"no document part", ooxmltest.Zip(t, ooxmltest.P("readme.txt", "x")), []string{"zip 压缩包"}},
		{"odt", ooxmltest.Zip(t, ooxmltest.P("mimetype", "application/vnd.oasis.opendocument.text"), ooxmltest.P("content.xml", "<x/>")), []string{"OpenDocument", ".docx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			for _, read := range []func() error{
				func() error { _, err := docx.ReadDocument("自评表.docx", tt.data); return err },
				func() error { _, err := docx.Reader{}.ReadForms("自评表.docx", tt.data); return err },
			} {
				err := read()
				if err == nil {
					t.Fatal("no error")
				}
				if k := jixiao.KindOf(err); k != jixiao.KindInvalid {
					t.Fatalf("kind %s: %v", k, err)
				}
				msg := jixiao.MessageOf(err)
				if os.Getenv("SHOWMSG") != "" {
					t.Log(msg)
				}
				if !strings.HasPrefix(msg, "自评表.docx：") || !strings.Contains(msg, "请") {
					t.Errorf("message should name the file and say how to fix it: %s", msg)
				}
				for _, w := range tt.want {
					if !strings.Contains(msg, w) {
						t.Errorf("message lacks %q: %s", w, msg)
					}
				}
			}
			if d := time.Since(start); d > 20*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("took %v", d)
			}
		})
	}
}

// ReadForms on the reference hands the document to layout.Forms; the forms
// themselves are tested with layout.
func TestReadFormsReference(t *testing.T) {
	forms, err := docx.Reader{}.ReadForms(refName+".docx", readRef(t, "docx"))
	if err != nil {
		t.Skipf("layout.Forms: %v", err)
	}
	if len(forms) != 1 {
		t.Errorf("%d forms, want 1", len(forms))
	}
}

func BenchmarkReadDocx(b *testing.B) {
	data := readRef(b, "docx")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docx.ReadDocument(refName+".docx", data); err != nil {
			b.Fatal(err)
		}
	}
}
