package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
	"github.com/jixiao/jixiao/textform"
	"github.com/jixiao/jixiao/xlsx"
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

// render writes a table a row a line, cells as "col/span[M] text".
func render(doc *layout.Document) string {
	var b strings.Builder
	for _, blk := range doc.Blocks {
		if blk.Table == nil {
			fmt.Fprintf(&b, "P %s\n", blk.Paragraph)
			continue
		}
		for _, r := range blk.Table.Rows {
			cells := make([]string, len(r.Cells))
			for i, c := range r.Cells {
				m := ""
				if c.Merged {
					m = "M"
				}
				cells[i] = fmt.Sprintf("%d/%d%s %s", c.Col, c.Span, m, strings.ReplaceAll(c.Text, "\n", `\n`))
			}
			fmt.Fprintf(&b, "R %s\n", strings.Join(cells, " | "))
		}
	}
	return b.String()
}

func TestReferenceXlsx(t *testing.T) {
	docs, warnings, err := xlsx.ReadDocuments(refName+".xlsx", readRef(t, "xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if len(docs) != 1 || docs[0].Name != refName+".xlsx:Sheet1" || len(docs[0].Blocks) != 1 || docs[0].Blocks[0].Table == nil {
		t.Fatalf("want one document with one table, got %d", len(docs))
	}
	rows := docs[0].Blocks[0].Table.Rows
	if len(rows) != 3+42+6 {
		t.Fatalf("%d rows, want 51", len(rows))
	}
	for i, want := range []string{"附件1", "2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表", "（2020年度）"} {
		if got := rows[i].Cells; len(got) != 1 || got[0] != (layout.Cell{Text: want, Col: 0, Span: 7}) {
			t.Errorf("row %d: %+v, want the one cell %q spanning the table", i, got, want)
		}
	}
	if got := rows[50].Cells[0].Text; got != "填表人：李想 联系电话：51069565 填写日期：2021年7月27日" {
		t.Errorf("last row %q", got)
	}

	// the form's rows are those of the Word rendering, cell for cell
	wdoc := readDocx(t)
	var wtable *layout.Table
	for _, b := range wdoc.Blocks {
		if b.Table != nil {
			wtable = b.Table
		}
	}
	for i, wrow := range wtable.Rows {
		got, want := fmt.Sprint(rows[3+i].Cells), fmt.Sprint(wrow.Cells)
		if got != want {
			t.Errorf("row %d:\n got %s\nwant %s", 3+i, got, want)
		}
	}
	check := func(row, cell int, want layout.Cell) {
		t.Helper()
		if got := rows[row].Cells[cell]; got != want {
			t.Errorf("row %d cell %d: %+v, want %+v", row, cell, got, want)
		}
	}
	check(6, 0, layout.Cell{Text: "资金情况\n（万元）", Col: 0, Span: 1})
	check(7, 0, layout.Cell{Col: 0, Span: 1, Merged: true})
	check(7, 2, layout.Cell{Text: "10926.2", Col: 2, Span: 2})
	check(7, 3, layout.Cell{Text: "1300", Col: 4, Span: 2})
	check(7, 4, layout.Cell{Text: "11.900%", Col: 6, Span: 1})
	check(10, 4, layout.Cell{Text: "", Col: 6, Span: 1}) // an ideographic space only
	check(13, 1, layout.Cell{Text: "一级\n指标", Col: 1, Span: 1})
	check(14, 0, layout.Cell{Col: 0, Span: 1, Merged: true})
	check(14, 1, layout.Cell{Text: "产出指标", Col: 1, Span: 1})
	check(44, 1, layout.Cell{Text: "请在此处简要说明中央巡视、各级审计和财政监督中发现的问题及其所涉及的金额，如没有请填无。", Col: 1, Span: 6})
}

// readDocx reads the Word rendering of the reference form: its table must
// read as the workbook's form rows.
func readDocx(t *testing.T) *layout.Document {
	t.Helper()
	doc, err := docx.ReadDocument(refName+".docx", readRef(t, "docx"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// xlsxBuilder builds a workbook with excelize.
type xlsxBuilder struct {
	t *testing.T
	f *excelize.File
}

func newWorkbook(t *testing.T, first string) *xlsxBuilder {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		t.Fatal(err)
	}
	return &xlsxBuilder{t, f}
}

func (b *xlsxBuilder) set(sheet, cell string, v any) {
	if err := b.f.SetCellValue(sheet, cell, v); err != nil {
		b.t.Fatal(err)
	}
}

func (b *xlsxBuilder) merge(sheet, from, to string) {
	if err := b.f.MergeCell(sheet, from, to); err != nil {
		b.t.Fatal(err)
	}
}

func (b *xlsxBuilder) style(sheet, cell string, s *excelize.Style) {
	id, err := b.f.NewStyle(s)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.f.SetCellStyle(sheet, cell, cell, id); err != nil {
		b.t.Fatal(err)
	}
}

func (b *xlsxBuilder) bytes() []byte {
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		b.t.Fatal(err)
	}
	return buf.Bytes()
}

func fmtCode(s string) *excelize.Style { return &excelize.Style{CustomNumFmt: &s} }

// rewrite rewrites one part of a package.
func rewrite(t *testing.T, data []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var parts []ooxmltest.Part
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		s := string(body)
		if f.Name == part {
			s = edit(s)
		}
		parts = append(parts, ooxmltest.P(f.Name, s))
	}
	return ooxmltest.Zip(t, parts...)
}

// addFormula gives a cell holding a cached value the formula that computed
// it, as Excel writes it.
func addFormula(t *testing.T, data []byte, part, cell, formula string) []byte {
	return rewrite(t, data, part, func(s string) string {
		re := regexp.MustCompile(`(<c r="` + cell + `"[^>]*>)(<v>)`)
		if !re.MatchString(s) {
			t.Fatalf("no cell %s in %s", cell, s)
		}
		return re.ReplaceAllString(s, "${1}<f>"+formula+"</f>${2}")
	})
}

func TestBuiltWorkbook(t *testing.T) {
	b := newWorkbook(t, "自评表")
	const s = "自评表"
	b.set(s, "A1", "2020年自评表")
	b.merge(s, "A1", "G1")
	// row 2 left empty
	b.set(s, "A3", "资金情况\n（万元）")
	b.merge(s, "A3", "A5")
	b.set(s, "B3", "年度资金总额：")
	b.set(s, "C3", 10926.2)
	b.style(s, "C3", fmtCode("#,##0.00"))
	b.set(s, "D3", "藏在合并区域下")
	b.merge(s, "C3", "D3")
	b.set(s, "E3", 1300)
	b.set(s, "G3", 0.119)
	b.style(s, "G3", fmtCode("0.000%"))
	b.set(s, "B4", " 其中：中央财政资金")
	b.set(s, "C4", 10000)
	b.style(s, "C4", fmtCode("#,##0.00"))
	b.set(s, "E4", 373.8)
	b.set(s, "G4", 0.03738)
	b.style(s, "G4", &excelize.Style{NumFmt: 10})
	b.set(s, "B5", "地方资金")
	b.set(s, "C5", 1234567.891)
	b.style(s, "C5", fmtCode("#,##0.00"))
	if err := b.f.SetCellFormula(s, "E5", "SUM(E3:E4)"); err != nil {
		t.Fatal(err)
	}
	b.set(s, "F5", 0.3)
	b.style(s, "F5", fmtCode("0.00"))
	b.set(s, "A6", "说明")
	b.set(s, "B6", "无")
	b.merge(s, "B6", "G6")
	b.set(s, "A7", "注：1.资金使用单位按项目绩效目标填报。")
	b.set(s, "A8", "填写日期")
	b.set(s, "B8", 44404)
	b.style(s, "B8", &excelize.Style{NumFmt: 14})
	b.set(s, "D8", "1,000万元")

	if _, err := b.f.NewSheet("填表说明"); err != nil {
		t.Fatal(err)
	}
	b.set("填表说明", "A1", "填表说明")
	b.set("填表说明", "A2", "1. 金额单位为万元。")
	if _, err := b.f.NewSheet("隐藏"); err != nil {
		t.Fatal(err)
	}
	b.set("隐藏", "A1", "不应读出")
	if err := b.f.SetSheetVisible("隐藏", false); err != nil {
		t.Fatal(err)
	}
	if _, err := b.f.NewSheet("偏移"); err != nil {
		t.Fatal(err)
	}
	b.set("偏移", "C2", "a")
	b.set("偏移", "D2", "b")
	b.set("偏移", "C4", "c")
	if _, err := b.f.NewSheet("空白"); err != nil {
		t.Fatal(err)
	}
	data := addFormula(t, b.bytes(), "xl/worksheets/sheet1.xml", "G4", "E4/C4")

	docs, warnings, err := xlsx.ReadDocuments("t.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	if got := strings.Join(names, ","); got != "t.xlsx:自评表,t.xlsx:填表说明,t.xlsx:偏移,t.xlsx:空白" {
		t.Errorf("documents %s", got)
	}
	want := `R 0/7 2020年自评表
R 0/1 资金情况\n（万元） | 1/1 年度资金总额： | 2/2 10926.20 | 4/1 1300 | 5/1  | 6/1 11.900%
R 0/1M  | 1/1 其中：中央财政资金 | 2/1 10000.00 | 3/1  | 4/1 373.8 | 5/1  | 6/1 3.74%
R 0/1M  | 1/1 地方资金 | 2/1 1234567.89 | 3/1  | 4/1  | 5/1 0.30 | 6/1 
R 0/1 说明 | 1/6 无
R 0/7 注：1.资金使用单位按项目绩效目标填报。
R 0/1 填写日期 | 1/1 2021/7/27 | 2/1  | 3/1 1,000万元 | 4/1  | 5/1  | 6/1 
`
	if got := render(docs[0]); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := render(docs[1]); got != "R 0/1 填表说明\nR 0/1 1. 金额单位为万元。\n" {
		t.Errorf("notes sheet:\n%s", got)
	}
	if got := render(docs[2]); got != "R 0/1 a | 1/1 b\nR 0/2 c\n" {
		t.Errorf("offset sheet:\n%s", got)
	}
	if len(docs[3].Blocks) != 0 {
		t.Errorf("empty sheet: %d blocks", len(docs[3].Blocks))
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "自评表!E5") || !strings.Contains(warnings[0], "没有缓存的计算结果") || !strings.HasPrefix(warnings[0], "t.xlsx：") {
		t.Errorf("warnings %q", warnings)
	}

	if _, err := (xlsx.Reader{}).ReadForms("t.xlsx", data); err == nil || jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Errorf("ReadForms of a workbook without an indicator table: %v", err)
	}
}

func TestWideSheetSkipped(t *testing.T) {
	b := newWorkbook(t, "宽")
	for r := 1; r <= 62; r++ {
		b.set("宽", fmt.Sprintf("A%d", r), "x")
	}
	b.set("宽", "XFD1", "远处的内容")
	docs, warnings, err := xlsx.ReadDocuments("t.xlsx", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 0 || len(warnings) != 1 || !strings.Contains(warnings[0], "已用区域过大（62 行 × 16384 列）") {
		t.Errorf("docs %d, warnings %q", len(docs), warnings)
	}
	_, err = xlsx.Reader{}.ReadForms("t.xlsx", b.bytes())
	if jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(jixiao.MessageOf(err), "已用区域过大") {
		t.Errorf("ReadForms: %v", err)
	}
}

func TestReadFormsNoForm(t *testing.T) {
	b := newWorkbook(t, "说明")
	b.set("说明", "A1", "填表说明")
	if _, err := b.f.NewSheet("备注"); err != nil {
		t.Fatal(err)
	}
	b.set("备注", "A1", "无")
	_, err := xlsx.Reader{}.ReadForms("t.xlsx", b.bytes())
	if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Fatalf("ReadForms: %v", err)
	}
}

// The reference form with a notes sheet beside it: one form, the notes
// sheet skipped. This needs layout.Forms to read the reference form.
func TestReadFormsWithNotesSheet(t *testing.T) {
	if _, err := (xlsx.Reader{}).ReadForms(refName+".xlsx", readRef(t, "xlsx")); err != nil {
		t.Skipf("layout.Forms does not read the reference form yet: %v", err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(readRef(t, "xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := f.NewSheet("填表说明")
	f.SetCellValue("填表说明", "A1", "填表说明：金额单位为万元。")
	f.SetActiveSheet(idx)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	forms, err := xlsx.Reader{}.ReadForms("t.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 {
		t.Errorf("%d forms, want 1", len(forms))
	}
}

const (
	contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
)

func workbook(state string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" state="` + state + `" r:id="rId1"/></sheets></workbook>`
}

func sheet(data string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + data + `</sheetData></worksheet>`
}

// minimal builds a workbook by hand from its sheet part.
func minimal(t *testing.T, state, sheetPart string) []byte {
	return ooxmltest.Zip(t,
		ooxmltest.P("[Content_Types].xml", contentTypes),
		ooxmltest.P("_rels/.rels", rootRels),
		ooxmltest.P("xl/workbook.xml", workbook(state)),
		ooxmltest.P("xl/_rels/workbook.xml.rels", workbookRels),
		ooxmltest.P("xl/worksheets/sheet1.xml", sheetPart))
}

func TestMinimalWorkbook(t *testing.T) {
	data := minimal(t, "visible", sheet(`<row r="2"><c r="B2" t="inlineStr"><is><t>行内文字</t></is></c><c r="C2"><v>1234.5</v></c><c r="D2"><f>C2*2</f></c><c r="E2" t="str"><f>""</f><v></v></c></row>`))
	docs, warnings, err := xlsx.ReadDocuments("m.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if got := render(docs[0]); got != "R 0/1 行内文字 | 1/1 1234.5\n" {
		t.Errorf("got %s", got)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "Sheet1!D2 的公式") {
		t.Errorf("warnings %q", warnings)
	}
}

func TestBadInput(t *testing.T) {
	ref := readRef(t, "xlsx")
	corrupt := bytes.Clone(ref)
	cd := bytes.LastIndex(corrupt, []byte("PK\x01\x02"))
	copy(corrupt[cd:], "XXXX")
	bomb, crc := ooxmltest.DeflatedZeros(t, 65, ' ')
	lying, lyingCRC := ooxmltest.DeflatedZeros(t, 100, ' ')
	parts := []ooxmltest.Part{
		ooxmltest.P("[Content_Types].xml", contentTypes), ooxmltest.P("_rels/.rels", rootRels),
		ooxmltest.P("xl/workbook.xml", workbook("visible")), ooxmltest.P("xl/_rels/workbook.xml.rels", workbookRels),
	}
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`
	deepSheet := sheet(`<row r="1"><c r="A1"><v>1</v>` + strings.Repeat("<x>", 100000) + strings.Repeat("</x>", 100000) + `</c></row>`)
	cfb := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
	xlsb := ooxmltest.Zip(t,
		ooxmltest.P("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>`),
		ooxmltest.P("_rels/.rels", strings.Replace(rootRels, "workbook.xml", "workbook.bin", 1)), ooxmltest.P("xl/workbook.bin", "\x00"))

	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"empty", nil, []string{"空的"}},
		{"corrupted zip", corrupt, []string{"已损坏"}},
		{"truncated", ref[:len(ref)/2], []string{"已损坏"}},
		{"zip bomb", ooxmltest.ZipRaw(t, parts, ooxmltest.Raw{Name: "xl/worksheets/sheet1.xml", Deflated: bomb, Size: 65 << 20, CRC32: crc}), []string{"32 MB", "压缩炸弹"}},
		{"zip bomb, lying header", ooxmltest.ZipRaw(t, parts, ooxmltest.Raw{Name: "xl/sharedStrings.xml", Deflated: lying, Size: 10 << 10, CRC32: lyingCRC}), []string{"xl/sharedStrings.xml", "压缩炸弹"}},
		{"billion laughs", minimal(t, "visible", laughs), []string{"xl/worksheets/sheet1.xml", "DTD"}},
		{"absurd nesting", minimal(t, "visible", deepSheet), []string{"嵌套超过 256 层"}},
		{"sheet not xml", minimal(t, "visible", "\x00garbage"), []string{"不是有效的 XML"}},
		{"all sheets hidden", minimal(t, "hidden", sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`)), []string{"没有可见的工作表"}},
		{"ole2 / encrypted", cfb, []string{"文件已加密（设置了打开密码）或为旧版 .doc/.xls 格式", "去掉密码"}},
		{"docx renamed xlsx", readRef(t, "docx"), []string{"这是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）", ".docx"}},
		{"xlsb", xlsb, []string{".xlsb", "另存为 .xlsx"}},
		{"ods", ooxmltest.Zip(t, ooxmltest.P("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ooxmltest.P("content.xml", "<x/>")), []string{"OpenDocument 电子表格", ".xlsx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			for _, read := range []func() error{
				func() error { _, _, err := xlsx.ReadDocuments("自评表.xlsx", tt.data); return err },
				func() error { _, err := xlsx.Reader{}.ReadForms("自评表.xlsx", tt.data); return err },
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
				if !strings.HasPrefix(msg, "自评表.xlsx：") || !strings.Contains(msg, "请") {
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

func BenchmarkReadXlsx(b *testing.B) {
	data := readRef(b, "xlsx")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := xlsx.ReadDocuments(refName+".xlsx", data); err != nil {
			b.Fatal(err)
		}
	}
}

// A formula whose cached value is missing (a workbook saved by a program
// that does not calculate) reads as blank, and the form says so.
func TestUncachedFormulaWarned(t *testing.T) {
	data, err := os.ReadFile(reftest.Path("txt"))
	if err != nil {
		t.Fatal(err)
	}
	forms, err := textform.Reader{}.ReadForms("ref.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, forms, nil, reftest.Now); err != nil {
		t.Fatal(err)
	}
	// drop the cached value of the total's execution rate (G8)
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			b = regexp.MustCompile(`(<c r="G8"[^>]*><f>[^<]*</f>)<v>[^<]*</v>`).ReplaceAll(b, []byte("$1"))
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	back, err := xlsx.Reader{}.ReadForms("uncached.xlsx", out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	f := back[0]
	if f.Funds.TotalLine().RateText != "" || len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "G8") {
		t.Errorf("rate %q, warnings %q", f.Funds.TotalLine().RateText, f.Warnings)
	}
}

// A sheet whose form is broken does not vanish when another sheet holds a
// good form: its error comes back as a warning on the forms read.
func TestBrokenSheetWarned(t *testing.T) {
	data, err := os.ReadFile(reftest.Path("txt"))
	if err != nil {
		t.Fatal(err)
	}
	good, err := textform.Reader{}.ReadForms("ref.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	broken := *good[0]
	broken.Header.Program = "北京市海淀区知识产权运营服务体系建设"
	broken.Header.Region = "北京市海淀区"
	broken.Indicators = nil
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, []*jixiao.Form{good[0], &broken}, nil, reftest.Now); err != nil {
		t.Fatal(err)
	}
	forms, err := xlsx.Reader{}.ReadForms("two.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 || len(forms[0].Warnings) != 1 || !strings.Contains(forms[0].Warnings[0], "没有找到绩效指标表") {
		t.Errorf("%d forms, warnings %q", len(forms), forms[0].Warnings)
	}
}
