package xlsx_test

import (
	"fmt"
	"hash/crc32"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
	"github.com/jixiao/jixiao/xlsx"
)

// book builds a workbook whose sheet entries (name → target part) are
// given in order, with the parts given.
func book(t testing.TB, entries [][2]string, parts ...ooxmltest.Part) []byte {
	var wb, rels strings.Builder
	wb.WriteString(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, e := range entries {
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, e[0], i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="%s"/>`, i+1, e[1])
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	return ooxmltest.Zip(t, append([]ooxmltest.Part{
		ooxmltest.P("[Content_Types].xml", contentTypes),
		ooxmltest.P("_rels/.rels", rootRels),
		ooxmltest.P("xl/workbook.xml", wb.String()),
		ooxmltest.P("xl/_rels/workbook.xml.rels", rels.String()),
	}, parts...)...)
}

// oneSheet is a workbook of one sheet, S1, with the parts given.
func oneSheet(t testing.TB, sheetPart string, parts ...ooxmltest.Part) []byte {
	return book(t, [][2]string{{"S1", "worksheets/sheet1.xml"}}, append(parts, ooxmltest.P("xl/worksheets/sheet1.xml", sheetPart))...)
}

// repeat writes n copies of what f writes for 1..n.
func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(f(i))
	}
	return b.String()
}

func sst(body string) ooxmltest.Part {
	return ooxmltest.P("xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+body+`</sst>`)
}

func styles(numFmts string) ooxmltest.Part {
	return ooxmltest.P("xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>`+numFmts+`</numFmts></styleSheet>`)
}

const a1 = `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`

// Every limit refuses a workbook going past it, with a message naming the
// file and the limit, and refuses it fast.
func TestLimitsRefuse(t *testing.T) {
	sheetEntries := func(n int) [][2]string {
		es := make([][2]string, n)
		for i := range es {
			es[i] = [2]string{fmt.Sprintf("S%d", i+1), "worksheets/sheet1.xml"}
		}
		return es
	}
	long := strings.Repeat("长", jixiao.MaxCellBytes/3+1)
	// 600 rows × 1000 columns: within the limit alone, not twice
	wide := sheet(`<row r="1"><c r="ALL1"><v>1</v></c></row>` + repeat(599, func(i int) string { return fmt.Sprintf(`<row r="%d"><c r="A%d"><v>1</v></c></row>`, i+1, i+1) }))
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"sheet entries", book(t, sheetEntries(jixiao.MaxSheets+1), ooxmltest.P("xl/worksheets/sheet1.xml", sheet(a1))),
			"工作簿中的工作表数超过 256 的上限"},
		{"1,024 entries for one sheet", book(t, sheetEntries(4*jixiao.MaxSheets), ooxmltest.P("xl/worksheets/sheet1.xml", sheet(a1))),
			"工作簿中的工作表数超过 256 的上限"},
		{"20,000 entries for one sheet", book(t, sheetEntries(20_000), ooxmltest.P("xl/worksheets/sheet1.xml", sheet(a1))),
			"关系（Relationship）条目数超过 10000 的上限"},
		{"shared strings", oneSheet(t, sheet(a1), sst(strings.Repeat(`<si><t>a</t></si>`, jixiao.MaxSharedStrings+1))),
			"共享字符串表中的字符串数超过 200000 的上限"},
		{"rich text runs", oneSheet(t, sheet(a1), sst(strings.Repeat(`<si><r><t>a</t></r><r><t>b</t></r></si>`, xlsx.MaxRichTextRuns/2+1))),
			"共享字符串表中带格式的文字片段数超过 50000 的上限"},
		{"style sheet elements", oneSheet(t, sheet(a1), ooxmltest.P("xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts>`+
			strings.Repeat(`<font><sz val="11"/></font>`, xlsx.MaxWholePartElements/2+1)+`</fonts></styleSheet>`)),
			"共享字符串表和样式表的 XML 元素数超过 500000 的上限"},
		{"number formats", oneSheet(t, sheet(a1), styles(repeat(xlsx.MaxNumberFormats+1, func(i int) string {
			return fmt.Sprintf(`<numFmt numFmtId="%d" formatCode="0.0"/>`, 163+i)
		}))), "样式表中的自定义数字格式数超过 500 的上限"},
		{"number format code", oneSheet(t, sheet(a1), styles(`<numFmt numFmtId="164" formatCode="`+strings.Repeat("0", xlsx.MaxNumberFormatCode+1)+`"/>`)),
			"样式表中一个数字格式的代码超过 255 字节 的上限"},
		{"cells with a number format", oneSheet(t, sheet(repeat(xlsx.MaxFormattedCells/100+1, func(i int) string {
			return `<row>` + strings.Repeat(`<c s="1"><v>1</v></c><c s="2" t="s"><v>0</v></c>`, 100) + `</row>`
		})), styles(`<numFmt numFmtId="164" formatCode="0.00"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="0"/></cellXfs><numFmts>`)),
			"工作表“S1”中设置了数字格式的单元格数超过 20000 的上限"},
		{"workbook part", book(t, [][2]string{{"S1", "worksheets/sheet1.xml"}, {strings.Repeat("x", xlsx.MaxWorkbookBytes), "worksheets/sheet1.xml"}},
			ooxmltest.P("xl/worksheets/sheet1.xml", sheet(a1))), "工作簿结构部件“xl/workbook.xml”超过 4 MB 的上限"},
		{"empty rows", oneSheet(t, sheet(repeat(jixiao.MaxSheetRows+1, func(i int) string { return fmt.Sprintf(`<row r="%d"/>`, i) }))),
			"工作表“S1”的行数（含空行）超过 100000 的上限"},
		{"1M empty rows and a cell at XFD1048576", oneSheet(t, sheet(repeat(1<<20-1, func(i int) string { return `<row/>` })+`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)),
			"工作表“S1”的行数（含空行）超过 100000 的上限"},
		{"cells", oneSheet(t, sheet(repeat(jixiao.MaxCells/100+1, func(i int) string {
			return `<row>` + strings.Repeat(`<c><v>1</v></c>`, 100) + `</row>`
		}))), "工作表“S1”的有内容的单元格数超过 200000 的上限"},
		{"a stray cell far right", oneSheet(t, sheet(`<row r="1"><c r="A1"><v>1</v></c><c r="ALM1"><v>1</v></c></row>`)),
			"工作表“S1”的已用列数（最右的内容在第 1001 列）超过 1000 的上限"},
		{"a stray cell at XFD1048576", oneSheet(t, sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`)),
			"工作表“S1”的已用列数（最右的内容在第 16384 列）超过 1000 的上限"},
		{"tables of all sheets", book(t, [][2]string{{"S1", "worksheets/sheet1.xml"}, {"S2", "worksheets/sheet2.xml"}},
			ooxmltest.P("xl/worksheets/sheet1.xml", wide), ooxmltest.P("xl/worksheets/sheet2.xml", wide)),
			"各工作表已用区域（有内容的行 × 列）合计的单元格数超过 1000000 的上限"},
		{"inline string", oneSheet(t, sheet(`<row r="3"><c r="B3" t="inlineStr"><is><t>`+long+`</t></is></c></row>`)),
			"工作表“S1”的单元格 B3 的内容超过 64 KB 的上限"},
		{"value", oneSheet(t, sheet(`<row r="3"><c r="B3" t="str"><v>`+long+`</v></c></row>`)),
			"工作表“S1”的单元格 B3 的内容超过 64 KB 的上限"},
		{"shared string", oneSheet(t, sheet(`<row r="2"><c r="C2" t="s"><v>0</v></c></row>`), sst(`<si><t>`+long+`</t></si>`)),
			"工作表“S1”的单元格 C2 的内容超过 64 KB 的上限"},
		{"merged ranges", oneSheet(t, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+a1+`</sheetData><mergeCells>`+
			strings.Repeat(`<mergeCell ref="B1:C2"/>`, xlsx.MaxMerges+1)+`</mergeCells></worksheet>`),
			"工作表“S1”的合并单元格数超过 10000 的上限"},
		{"overlapping merged ranges", oneSheet(t, `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
			repeat(5000, func(i int) string { return fmt.Sprintf(`<row r="%d"><c r="A%d"><v>1</v></c></row>`, i, i) })+`</sheetData><mergeCells>`+
			strings.Repeat(`<mergeCell ref="B1:C5000"/>`, xlsx.MaxMerges)+`</mergeCells></worksheet>`),
			"工作表“S1”的合并单元格互相重叠或过于复杂"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := xlsx.Reader{}.ReadForms("大.xlsx", tt.data)
			if jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Fatalf("kind %s: %v", jixiao.KindOf(err), err)
			}
			msg := jixiao.MessageOf(err)
			if !strings.HasPrefix(msg, "大.xlsx：") || !strings.Contains(msg, tt.want) {
				t.Errorf("message %q, want %q", msg, tt.want)
			}
			t.Logf("%v", time.Since(start))
		})
	}
}

// A sheet going past a limit beside the form is skipped with a warning
// naming it and the limit; the form is read.
func TestOversizedSheetBesideForm(t *testing.T) {
	parts := ooxmltest.Unzip(t, readRef(t, "xlsx"))
	for i, p := range parts {
		switch p.Name {
		case "xl/workbook.xml":
			parts[i].Body = strings.Replace(p.Body, "</sheets>", `<sheet name="数据" sheetId="9" r:id="rId99"/></sheets>`, 1)
		case "xl/_rels/workbook.xml.rels":
			parts[i].Body = strings.Replace(p.Body, "</Relationships>", `<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/></Relationships>`, 1)
		}
	}
	parts = append(parts, ooxmltest.P("xl/worksheets/data.xml", sheet(repeat(jixiao.MaxSheetRows+1, func(i int) string { return "<row/>" }))))
	forms, err := xlsx.Reader{}.ReadForms("表.xlsx", ooxmltest.Zip(t, parts...))
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	warned := false
	for _, w := range forms[0].Warnings {
		warned = warned || strings.Contains(w, "工作表“数据”的行数（含空行）超过 100000 的上限")
	}
	if !warned {
		t.Errorf("warnings %q", forms[0].Warnings)
	}
}

// A workbook whose only candidate sheet went past a limit is refused with
// that limit, not with "no form" from an empty sheet beside it.
func TestOversizedSheetBesideEmptyOne(t *testing.T) {
	data := book(t, [][2]string{{"说明", "worksheets/sheet2.xml"}, {"大", "worksheets/sheet1.xml"}},
		ooxmltest.P("xl/worksheets/sheet1.xml", sheet(`<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>`)),
		ooxmltest.P("xl/worksheets/sheet2.xml", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>填表说明</t></is></c></row>`)))
	_, err := xlsx.Reader{}.ReadForms("表.xlsx", data)
	if msg := jixiao.MessageOf(err); !strings.Contains(msg, "工作表“大”的已用列数") {
		t.Errorf("%v", err)
	}
}

// Within the limits, what costs excelize most is read, and fast: a far cell
// down the sheet, the sheet entries allowed pointing at one sheet (read
// once), junk parts (never inflated: these would fail if they were).
func TestReadFast(t *testing.T) {
	lying, _ := ooxmltest.DeflatedZeros(t, 10, ' ')
	entries := make([][2]string, jixiao.MaxSheets)
	for i := range entries {
		entries[i] = [2]string{fmt.Sprintf("S%d", i+1), "worksheets/sheet1.xml"}
	}
	formParts := ooxmltest.Unzip(t, readRef(t, "xlsx"))
	junk := ooxmltest.ZipRaw(t, formParts,
		ooxmltest.Raw{Name: "xl/media/image1.png", Deflated: lying, Size: 1 << 10, CRC32: 1},
		ooxmltest.Raw{Name: "docProps/thumbnail.jpeg", Deflated: lying, Size: 10 << 20, CRC32: crc32.ChecksumIEEE(nil)})
	tests := []struct {
		name     string
		data     []byte
		docs     int
		warnings int
		rows     int
	}{
		{"a cell on the last row", oneSheet(t, sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>`)), 1, 0, 2},
		{"256 entries for one sheet", book(t, entries, ooxmltest.P("xl/worksheets/sheet1.xml", sheet(`<row r="1"><c r="A1"><v>1</v></c></row>`))), 1, jixiao.MaxSheets - 1, 1},
		{"junk parts", junk, 1, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			docs, warnings, err := xlsx.ReadDocuments("表.xlsx", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != tt.docs || len(warnings) != tt.warnings {
				t.Fatalf("%d documents, %d warnings: %q", len(docs), len(warnings), warnings[:min(len(warnings), 2)])
			}
			if tt.rows >= 0 && len(docs[0].Blocks[0].Table.Rows) != tt.rows {
				t.Errorf("%d rows, want %d", len(docs[0].Blocks[0].Table.Rows), tt.rows)
			}
			if tt.warnings > 0 && !strings.Contains(warnings[0], "指向同一份内容") {
				t.Errorf("warning %q", warnings[0])
			}
			t.Logf("%v", time.Since(start))
		})
	}
}
