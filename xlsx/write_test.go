package xlsx_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
	"github.com/jixiao/jixiao/textform"
	"github.com/jixiao/jixiao/xlsx"
)

const xSheet = "北京市朝阳区"

func xRefForm(tb testing.TB) *jixiao.Form {
	tb.Helper()
	data, err := os.ReadFile(reftest.Path("txt"))
	if err != nil {
		tb.Fatal(err)
	}
	forms, err := textform.Reader{}.ReadForms("chaoyang-2020-ip-ops.txt", data)
	if err != nil {
		tb.Fatal(err)
	}
	return forms[0]
}

func xFindings(f *jixiao.Form) []jixiao.Finding {
	return check.Form(f, audit.Defaults()).Findings
}

func xWrite(tb testing.TB, forms []*jixiao.Form, findings [][]jixiao.Finding) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, forms, findings, reftest.Now); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func xOpen(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// xPart returns a part of the package.
func xPart(tb testing.TB, data []byte, name string) string {
	return ooxmltest.Read(tb, data, name)
}

// xCellXML returns the XML of a cell in a worksheet part.
func xCellXML(tb testing.TB, sheetXML, ref string) string {
	tb.Helper()
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*?(/>|>.*?</c>)`)
	m := re.FindString(sheetXML)
	if m == "" {
		tb.Fatalf("cell %s not found", ref)
	}
	return m
}

func xNumFmt(tb testing.TB, f *excelize.File, sheet, ref string) string {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		tb.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return "builtin:" + strconv.Itoa(st.NumFmt)
}

func xValue(tb testing.TB, f *excelize.File, sheet, ref string) string {
	tb.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func TestWriteXlsxReference(t *testing.T) {
	form := xRefForm(t)
	fs := xFindings(form)
	if len(fs) != 12 {
		t.Fatalf("reference: %d findings, want 12", len(fs))
	}
	data := xWrite(t, []*jixiao.Form{form}, [][]jixiao.Finding{fs})
	f := xOpen(t, data)
	if got := f.GetSheetList(); !slices.Equal(got, []string{xSheet, "审核意见"}) {
		t.Fatalf("sheets %q", got)
	}

	// merged ranges: the template's, plus the title, year, footnote and
	// 填表人 rows merged across the table
	merged := func(f *excelize.File, sheet string) []string {
		mcs, err := f.GetMergeCells(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range mcs {
			out = append(out, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		slices.Sort(out)
		return out
	}
	tplData, err := os.ReadFile(reftest.Path("xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	tpl := xOpen(t, tplData)
	want := append(merged(tpl, tpl.GetSheetName(0)), "A2:G2", "A3:G3", "A46:G46", "A47:G47", "A48:G48", "A49:G49", "A50:G50", "A51:G51")
	slices.Sort(want)
	if got := merged(f, xSheet); !slices.Equal(got, want) {
		t.Errorf("merged ranges\n got %q\nwant %q", got, want)
	}
	// the same texts where the template has text
	rows, err := tpl.GetRows(tpl.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if strings.TrimSpace(v) == "" { // excelize reads a merged-over cell as the merged value
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			got := xValue(t, f, xSheet, ref)
			if jixiao.Key(got) != jixiao.Key(v) {
				switch ref {
				case "G8", "G9": // the rate formula shows B/A at the declared precision
				default:
					t.Errorf("%s: %q, template %q", ref, got, v)
				}
			}
		}
	}

	// amounts: numeric cells holding the exact digits, formatted as written
	sheetXML := xPart(t, data, "xl/worksheets/sheet1.xml")
	for ref, v := range map[string]string{"C8": "10926.2", "E8": "1300", "C9": "10000", "E9": "373.8", "C10": "926.2", "C11": "0"} {
		if got := xCellXML(t, sheetXML, ref); !regexp.MustCompile(`^<c r="` + ref + `" s="\d+"><v>` + regexp.QuoteMeta(v) + `</v></c>$`).MatchString(got) {
			t.Errorf("%s: %s, want a numeric cell holding %s", ref, got, v)
		}
		if got := xValue(t, f, xSheet, ref); got != v {
			t.Errorf("%s reads %q, want %q", ref, got, v)
		}
	}
	for ref, want := range map[string]string{"C8": "0.0", "E8": "0", "E9": "0.0", "G8": "0.000%", "G9": "0.000%", "G10": "0%", "G11": "0.00%"} {
		if got := xNumFmt(t, f, xSheet, ref); got != want {
			t.Errorf("%s: number format %q, want %q", ref, got, want)
		}
	}

	// rates: formulas of the A and B cells with a cached value readers see
	for _, c := range []struct{ ref, formula, cached, value string }{
		{"G8", `IF(C8=0,"",E8/C8)`, "0.118980066262745", "11.898%"},
		{"G9", `IF(C9=0,"",E9/C9)`, "0.03738", "3.738%"},
		{"G10", `IF(C10=0,"",E10/C10)`, "1", "100%"},
		{"G11", `IF(C11=0,"",E11/C11)`, "", ""},
	} {
		formula, err := f.GetCellFormula(xSheet, c.ref)
		if err != nil || formula != c.formula {
			t.Errorf("%s: formula %q (%v), want %q", c.ref, formula, err, c.formula)
		}
		if got := xValue(t, f, xSheet, c.ref); got != c.value {
			t.Errorf("%s: value %q, want %q", c.ref, got, c.value)
		}
		raw, err := f.GetCellValue(xSheet, c.ref, excelize.Options{RawCellValue: true})
		if err != nil || raw != c.cached {
			t.Errorf("%s: cached %q (%v), want %q", c.ref, raw, err, c.cached)
		}
		cell := xCellXML(t, sheetXML, c.ref)
		wantXML := `<f>` + strings.ReplaceAll(c.formula, `"`, "&#34;") + `</f><v>` + c.cached + `</v></c>`
		if !strings.HasSuffix(cell, wantXML) {
			t.Errorf("%s: %s, want …%s", c.ref, cell, wantXML)
		}
		// a number is cached as a number; the empty text of A = 0 as text
		if numeric := c.cached != ""; numeric == strings.Contains(cell, `t="str"`) {
			t.Errorf("%s: %s: cached value of the wrong type", c.ref, cell)
		}
	}

	if dim, err := f.GetSheetDimension(xSheet); err != nil || dim != "A1:G51" {
		t.Errorf("dimension %q (%v), want A1:G51", dim, err)
	}
	// print setup
	pl, err := f.GetPageLayout(xSheet)
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != 9 || *pl.Orientation != "portrait" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout: size %d %s, fit %d×%d", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
	}
	if sp, err := f.GetSheetProps(xSheet); err != nil || sp.FitToPage == nil || !*sp.FitToPage {
		t.Errorf("fit to page not set: %v", err)
	}
	titles := ""
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == xSheet {
			titles = dn.RefersTo
		}
	}
	if titles != "'"+xSheet+"'!$14:$14" {
		t.Errorf("print titles %q, want the 绩效指标 header row 14", titles)
	}
	if v := xValue(t, f, xSheet, "A14"); v != "绩效指标" {
		t.Errorf("A14 = %q", v)
	}

	// notes: one per cell, a line per finding, in finding order
	notes, err := f.GetComments(xSheet)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	byCell := map[string]string{}
	for _, n := range notes {
		lines += strings.Count(n.Text, "\n") + 1
		byCell[n.Cell] = n.Text
		if n.Author != "jixiao" {
			t.Errorf("note author %q", n.Author)
		}
	}
	if lines != len(fs) || len(notes) != 10 {
		t.Errorf("%d notes holding %d findings; want 10 notes holding %d", len(notes), lines, len(fs))
	}
	for cell, want := range map[string][]int{"G8": {0, 1}, "G9": {2, 3}, "G30": {4}, "G32": {5}, "G33": {6}, "F35": {7}, "D36": {8}, "F37": {9}, "F39": {10}, "B45": {11}} {
		var texts []string
		for _, i := range want {
			texts = append(texts, "["+fs[i].Severity.Label()+"] "+fs[i].Message+" ("+fs[i].Rule+")")
		}
		if got := byCell[cell]; got != strings.Join(texts, "\n") {
			t.Errorf("note on %s: %q\nwant %q", cell, got, strings.Join(texts, "\n"))
		}
	}

	// the 审核意见 sheet
	arows, err := f.GetRows("审核意见")
	if err != nil {
		t.Fatal(err)
	}
	if len(arows) != 2+len(fs) {
		t.Fatalf("审核意见 has %d rows, want %d", len(arows), 2+len(fs))
	}
	for i, fd := range fs {
		want := []string{strconv.Itoa(i + 1), xSheet, fd.Severity.Label(), fd.At, fd.Message, fd.Rule}
		if !slices.Equal(arows[2+i], want) {
			t.Errorf("审核意见 row %d: %q, want %q", i+1, arows[2+i], want)
		}
	}
	// every part is well formed
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, zf := range zr.File {
		if strings.HasSuffix(zf.Name, ".xml") || strings.HasSuffix(zf.Name, ".rels") || strings.HasSuffix(zf.Name, ".vml") {
			xWellFormed(t, zf.Name, xPart(t, data, zf.Name))
		}
	}
}

func xWellFormed(tb testing.TB, name, data string) {
	tb.Helper()
	d := xml.NewDecoder(strings.NewReader(data))
	d.Strict = !strings.HasSuffix(name, ".vml") // VML is loose XML
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			tb.Fatalf("%s is not well formed: %v", name, err)
		}
	}
}

// Texts that look like formulas are strings, never formulas.
func TestWriteXlsxFormulaInjection(t *testing.T) {
	form := xRefForm(t)
	texts := map[string]string{
		"F15": "=HYPERLINK(\"http://x\")", "F16": "-5件", "F17": "+1", "F18": "@SUM(A1)",
		"F19": "\t=1+1", "G15": "=1+1", "D16": "-1",
	}
	form.Indicators[0].Actual = texts["F15"]
	form.Indicators[1].Actual = texts["F16"]
	form.Indicators[2].Actual = texts["F17"]
	form.Indicators[3].Actual = texts["F18"]
	form.Indicators[4].Actual = texts["F19"]
	form.Indicators[0].Reason = texts["G15"]
	form.Indicators[1].Label = texts["D16"]
	data := xWrite(t, []*jixiao.Form{form}, nil)
	f := xOpen(t, data)
	sheetXML := xPart(t, data, "xl/worksheets/sheet1.xml")
	for ref, text := range texts {
		if formula, _ := f.GetCellFormula(xSheet, ref); formula != "" {
			t.Errorf("%s holds the formula %q", ref, formula)
		}
		if typ, _ := f.GetCellType(xSheet, ref); typ != excelize.CellTypeSharedString {
			t.Errorf("%s: cell type %v, want a string", ref, typ)
		}
		if cell := xCellXML(t, sheetXML, ref); !strings.Contains(cell, `t="s"`) || strings.Contains(cell, "<f>") {
			t.Errorf("%s: %s", ref, cell)
		}
		if got := xValue(t, f, xSheet, ref); got != text {
			t.Errorf("%s reads %q, want %q", ref, got, text)
		}
	}
}

// Amounts keep their exact digits: a numeric cell holds the decimal's
// string, never a float64 rounded to 17 digits; beyond Excel's 15 digits the
// amount is kept as text.
func TestWriteXlsxExactAmounts(t *testing.T) {
	form := xRefForm(t)
	form.Funds.TotalLine().RateText = ""
	form.Funds.TotalLine().Budget = jixiao.ParseAmount("0.1", "万元")
	form.Funds.TotalLine().Executed = jixiao.ParseAmount("12345678.123456", "万元")
	form.Funds.Source(jixiao.FundCentral).Budget = jixiao.ParseAmount("1234567890.1234567", "万元")
	form.Funds.Source(jixiao.FundCentral).Executed = jixiao.ParseAmount("1,300.50", "万元")
	form.Funds.Source(jixiao.FundLocal).Budget = jixiao.ParseAmount("926.2万元", "万元")
	form.Funds.Source(jixiao.FundLocal).Executed = jixiao.Amount{Text: "—"}
	form.Funds.Source(jixiao.FundCentral).RateText = "50%" // contradicts B/A: kept as written
	data := xWrite(t, []*jixiao.Form{form}, nil)
	f := xOpen(t, data)
	sheetXML := xPart(t, data, "xl/worksheets/sheet1.xml")
	for _, c := range []struct{ ref, xml, value string }{
		{"C8", `<v>0.1</v>`, "0.1"},
		{"E8", `<v>12345678.123456</v>`, "12345678.123456"},
		{"E9", `<v>1300.5</v>`, "1300.50"},
		{"C10", `<v>926.2</v>`, "926.2"},
	} {
		if cell := xCellXML(t, sheetXML, c.ref); !strings.HasSuffix(cell, c.xml+"</c>") || strings.Contains(cell, ` t=`) {
			t.Errorf("%s: %s, want a number %s", c.ref, cell, c.xml)
		}
		if got := xValue(t, f, xSheet, c.ref); got != c.value {
			t.Errorf("%s reads %q, want %q", c.ref, got, c.value)
		}
	}
	for ref, text := range map[string]string{"C9": "1234567890.1234567", "E10": "—", "G9": "50%"} {
		if typ, _ := f.GetCellType(xSheet, ref); typ != excelize.CellTypeSharedString {
			t.Errorf("%s: type %v, want text", ref, typ)
		}
		if got := xValue(t, f, xSheet, ref); got != text {
			t.Errorf("%s reads %q, want %q", ref, got, text)
		}
	}
	// B8 / A8 cannot be written as a formula with A or B not a number: G10 is text
	if formula, _ := f.GetCellFormula(xSheet, "G10"); formula != "" {
		t.Errorf("G10: formula %q over a text amount", formula)
	}
	if formula, _ := f.GetCellFormula(xSheet, "G8"); formula == "" {
		t.Error("G8: no formula")
	}
	if got := xValue(t, f, xSheet, "G8"); got != "12345678123.46%" {
		t.Errorf("G8 reads %q", got)
	}
}

func xComparable(tb testing.TB, f *jixiao.Form) string {
	tb.Helper()
	c := *f
	c.Source = ""
	b, err := json.MarshalIndent(&c, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func xDiff(tb testing.TB, got, want string) {
	tb.Helper()
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			tb.Errorf("read back differs at line %d:\n got: %s\nwant: %s", i+1, a, b)
			return
		}
	}
}

// withRates returns a copy of f with the given rate texts.
func withRates(f *jixiao.Form, rates map[jixiao.FundRole]string) *jixiao.Form {
	c := *f
	c.Funds.Lines = slices.Clone(f.Funds.Lines)
	for i := range c.Funds.Lines {
		if r, ok := rates[c.Funds.Lines[i].Role]; ok {
			c.Funds.Lines[i].RateText = r
		}
	}
	return &c
}

func TestWriteXlsxRoundTrip(t *testing.T) {
	form := xRefForm(t)
	fs := xFindings(form)
	// the declared 11.900% and 3.700% read back as the formulas' values at
	// the declared precision: the rate-rounding infos are gone
	want := withRates(form, map[jixiao.FundRole]string{jixiao.FundTotal: "11.898%", jixiao.FundCentral: "3.738%"})
	for _, findings := range [][][]jixiao.Finding{nil, {fs}} {
		data := xWrite(t, []*jixiao.Form{form}, findings)
		back, err := xlsx.Reader{}.ReadForms("w.xlsx", data)
		if err != nil {
			t.Fatal(err)
		}
		if len(back) > 0 && len(back[0].Warnings) > 0 {
			t.Errorf("warnings: %q", back[0].Warnings)
		}
		if len(back) != 1 {
			t.Fatalf("read back %d forms", len(back))
		}
		if back[0].Source != "w.xlsx:"+xSheet {
			t.Errorf("source %q", back[0].Source)
		}
		xDiff(t, xComparable(t, back[0]), xComparable(t, want))
		var rules []string
		for _, f := range xFindings(back[0]) {
			rules = append(rules, f.Rule)
		}
		if len(rules) != 10 || slices.Contains(rules, "rate-rounding") {
			t.Errorf("findings after the round trip: %q", rules)
		}
	}
}

func xVariant(tb testing.TB) *jixiao.Form {
	f := xRefForm(tb)
	f.Title = ""
	f.YearText = ""
	f.Header.Region = "北京市"
	f.Funds.TotalLine().RateText = ""
	f.Funds.Source(jixiao.FundCentral).RateText = ""
	f.Funds.Source(jixiao.FundCentral).Label = ""
	f.Funds.TotalLine().InitialBudget = "10000"
	f.Funds.TotalLine().Weight = "10"
	f.Funds.TotalLine().Score = "1.19"
	f.Funds.Source(jixiao.FundLocal).Score = "10"
	f.TotalScore = "85.5"
	f.Grade = "良"
	f.Goal = "第一行\n第二行 <b>&amp; \"引号\""
	f.Notes = "无"
	for i := range f.Indicators {
		f.Indicators[i].Weight = strconv.Itoa(i%3 + 1)
		f.Indicators[i].Score = strconv.Itoa(i % 3)
	}
	return f
}

func TestWriteXlsxVariantRoundTrip(t *testing.T) {
	v := xVariant(t)
	g := xRefForm(t)
	g.Header.Unit = "北京市朝阳区知识产权局"
	data := xWrite(t, []*jixiao.Form{v, g, xRefForm(t)}, [][]jixiao.Finding{xFindings(v), nil, nil})
	f := xOpen(t, data)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"北京市", "北京市朝阳区知识产权局", "北京市朝阳区市场监督管理局", "审核意见"}) {
		t.Errorf("sheets %q", got)
	}
	back, err := xlsx.Reader{}.ReadForms("w.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 3 {
		t.Fatalf("read back %d forms, want 3", len(back))
	}
	want := withRates(v, map[jixiao.FundRole]string{jixiao.FundTotal: "11.90%", jixiao.FundCentral: "3.74%", jixiao.FundLocal: "100%"})
	want.Title = "2020年转移支付区域（项目）绩效目标自评表"
	want.YearText = "（2020年度）"
	want.Funds.Source(jixiao.FundCentral).Label = "中央财政资金"
	xDiff(t, xComparable(t, back[0]), xComparable(t, want))
	rates := map[jixiao.FundRole]string{jixiao.FundTotal: "11.898%", jixiao.FundCentral: "3.738%"}
	xDiff(t, xComparable(t, back[1]), xComparable(t, withRates(g, rates)))
	xDiff(t, xComparable(t, back[2]), xComparable(t, withRates(xRefForm(t), rates)))
}

func TestWriteXlsxSheetNames(t *testing.T) {
	mk := func(region, unit, program string) *jixiao.Form {
		return &jixiao.Form{Header: jixiao.Header{Region: region, Unit: unit, Program: program}}
	}
	forms := []*jixiao.Form{
		mk("北京市朝阳区", "", ""),
		mk("", "单位[1]:*?/\\甲", ""),
		mk("", "", ""),
		mk("'审核意见'", "", ""),
		mk("HISTORY", "", ""),
		mk(strings.Repeat("很长的地区名称", 8), "", ""),
		mk(strings.Repeat("很长的地区名称", 8), "", ""),
		mk("", "", "北京市朝阳区某项目"),
	}
	f := xOpen(t, xWrite(t, forms, make([][]jixiao.Finding, len(forms))))
	got := f.GetSheetList()
	want := []string{"北京市朝阳区", "单位_1______甲", "自评表3", "审核意见(2)", "HISTORY(2)",
		"很长的地区名称很长的地区名称很长的地区名称很长的地区名称很长的", "很长的地区名称很长的地区名称很长的地区名称很长的地区名称(2)",
		"北京市朝阳区某项目", "审核意见"}
	if !slices.Equal(got, want) {
		t.Errorf("sheets\n got %q\nwant %q", got, want)
	}
	for _, name := range got {
		if len([]rune(name)) > 31 || strings.ContainsAny(name, `[]:*?/\`) {
			t.Errorf("invalid sheet name %q", name)
		}
	}
}

func TestWriteXlsxEdgeCases(t *testing.T) {
	cases := reftest.EdgeForms()
	for name, form := range cases {
		t.Run(name, func(t *testing.T) {
			fs := reftest.EdgeFindings()
			data := xWrite(t, []*jixiao.Form{form}, [][]jixiao.Finding{fs})
			f := xOpen(t, data)
			notes, err := f.GetComments(f.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}
			lines := 0
			for _, n := range notes {
				lines += strings.Count(n.Text, "\n") + 1
			}
			if lines != len(fs) {
				t.Errorf("%d findings in notes, want %d", lines, len(fs))
			}
			if _, _, err := xlsx.ReadDocuments("w.xlsx", data); err != nil {
				t.Errorf("read back: %v", err)
			}
		})
	}
	reftest.CheckWriterArgs(t, xlsx.Write)
}

func TestWriteXlsxClock(t *testing.T) {
	form := xRefForm(t)
	reftest.CheckWriterClock(t, xlsx.Write, form, xFindings(form))
}

func TestWriteXlsxLibreOffice(t *testing.T) {
	form := xRefForm(t)
	reftest.RenderPDF(t, "form.xlsx", xWrite(t, []*jixiao.Form{form, xVariant(t)}, [][]jixiao.Finding{xFindings(form)}))
}

func BenchmarkWriteXlsx(b *testing.B) {
	form := xRefForm(b)
	reftest.BenchmarkWriter(b, xlsx.Write, form, xFindings(form))
}

// FuzzWriteXlsx writes forms holding arbitrary texts: the writer never
// fails or panics and the workbook reads back.
func FuzzWriteXlsx(f *testing.F) {
	f.Add("北京市朝阳区", "指标1：专利资助奖励", "不少于7000件", "6747件\n已完成", "10926.2", "11.900%", 0)
	f.Add("", "", "", "", "", "", -1)
	f.Add("a\x00<&>\"'[]:*?/\\", "]]>", "\r\n\t", "\xff\xfe", "-0.000", "=1+1", 99)
	form := xRefForm(f)
	f.Fuzz(func(t *testing.T, region, label, target, actual, amount, rate string, ind int) {
		g := *form
		g.Header.Region = region
		g.Indicators = append([]jixiao.Indicator(nil), form.Indicators...)
		g.Indicators[0].Label, g.Indicators[0].Target, g.Indicators[0].Actual = label, target, actual
		g.Funds.Lines = slices.Clone(form.Funds.Lines)
		total := g.Funds.TotalLine()
		total.Budget, total.RateText = jixiao.ParseAmount(amount, g.Funds.Unit), rate
		fs := []jixiao.Finding{{Rule: rate, Severity: jixiao.SeverityError, Message: actual, At: label,
			Section: jixiao.SectionIndicators, Indicator: ind, Field: target}}
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, []*jixiao.Form{&g, &g}, [][]jixiao.Finding{fs, fs}, reftest.Now); err != nil {
			t.Fatal(err)
		}
		if _, _, err := xlsx.ReadDocuments("f.xlsx", buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	})
}

// How excelize v2.11 itself stores a formula with a cached value, the reason
// for the fix-up in Write: SetCellFormula types the cell t="str", so a
// numeric cache reads back as unformatted text, and an empty cache is not
// written at all (a reader sees an uncalculated formula). If this test fails
// after an upgrade, excelize may have changed and cacheFormulaValues may be
// unnecessary.
func TestExcelizeFormulaCache(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ ref, cached string }{{"A1", "0.5"}, {"A2", ""}} {
		if c.cached != "" {
			if err := f.SetCellDefault("Sheet1", c.ref, c.cached); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.SetCellFormula("Sheet1", c.ref, `IF(B1=0,"",B1/C1)`); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", c.ref, c.ref, style); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	sheetXML := xPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	if got := xCellXML(t, sheetXML, "A1"); !strings.Contains(got, `t="str"`) || !strings.HasSuffix(got, "<v>0.5</v></c>") {
		t.Errorf("excelize wrote %s", got)
	}
	if got := xCellXML(t, sheetXML, "A2"); strings.Contains(got, "<v>") {
		t.Errorf("excelize wrote %s", got)
	}
	g := xOpen(t, buf.Bytes())
	if v := xValue(t, g, "Sheet1", "A1"); v != "0.5" {
		t.Errorf("excelize's own cache reads %q (unformatted text)", v)
	}
	// the same through Write: a numeric cell, formatted
	form := xRefForm(t)
	form.Funds.Source(jixiao.FundLocal).Executed = jixiao.ParseAmount("463.1", "万元")
	form.Funds.Source(jixiao.FundLocal).RateText = ""
	data := xWrite(t, []*jixiao.Form{form}, nil)
	if got := xCellXML(t, xPart(t, data, "xl/worksheets/sheet1.xml"), "G10"); strings.Contains(got, `t="str"`) || !strings.HasSuffix(got, "<v>0.5</v></c>") {
		t.Errorf("Write wrote %s", got)
	}
	if v := xValue(t, xOpen(t, data), xSheet, "G10"); v != "50.00%" {
		t.Errorf("G10 reads %q, want 50.00%%", v)
	}
}
