package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/textform"
)

// wRefForm reads the reference form from its text rendering.
func wRefForm(tb testing.TB) *jixiao.Form {
	tb.Helper()
	data, err := os.ReadFile(reftest.Path("txt"))
	if err != nil {
		tb.Fatal(err)
	}
	forms, err := textform.Reader{}.ReadForms("chaoyang-2020-ip-ops.txt", data)
	if err != nil {
		tb.Fatal(err)
	}
	if len(forms) != 1 {
		tb.Fatalf("reference: %d forms", len(forms))
	}
	return forms[0]
}

func wFindings(f *jixiao.Form) []jixiao.Finding {
	return check.Form(f, audit.Defaults()).Findings
}

func wWrite(tb testing.TB, forms []*jixiao.Form, findings [][]jixiao.Finding) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, forms, findings, reftest.Now); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// wParts unzips a package.
func wParts(tb testing.TB, data []byte) map[string][]byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// wDoc is what the tests learn from word/document.xml.
type wDoc struct {
	tables     int
	rows       [][]wCell // rows of the first table
	paragraphs []string  // body paragraphs outside tables
	starts     []string  // commentRangeStart ids in order
	ends       []string
	refs       []string
	pageSize   [2]string
	bordered   map[string]bool // tblBorders of the first table
	grid       []int
}

type wCell struct {
	span   int
	vmerge string // "", "restart", "continue"
	text   string
	width  int
}

func wAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// wParseDocument parses document.xml with encoding/xml, failing the test on
// any syntax error.
func wParseDocument(tb testing.TB, data []byte) *wDoc {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	doc := &wDoc{bordered: map[string]bool{}}
	var (
		depth  int // table depth
		cell   *wCell
		row    []wCell
		inT    bool
		para   strings.Builder
		inBord bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("document.xml is not well formed: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				depth++
				doc.tables++
			case "tblBorders":
				inBord = doc.tables == 1
			case "top", "left", "bottom", "right", "insideH", "insideV":
				if inBord {
					v, _ := wAttr(t, "val")
					doc.bordered[t.Name.Local] = v == "single"
				}
			case "gridCol":
				if doc.tables == 1 {
					v, _ := wAttr(t, "w")
					n, _ := strconv.Atoi(v)
					doc.grid = append(doc.grid, n)
				}
			case "tr":
				row = nil
			case "tc":
				cell = &wCell{span: 1}
			case "tcW":
				if cell != nil {
					v, _ := wAttr(t, "w")
					cell.width, _ = strconv.Atoi(v)
				}
			case "gridSpan":
				v, _ := wAttr(t, "val")
				cell.span, _ = strconv.Atoi(v)
			case "vMerge":
				v, ok := wAttr(t, "val")
				if !ok {
					v = "continue"
				}
				cell.vmerge = v
			case "p":
				para.Reset()
			case "t":
				inT = true
			case "br":
				if v, _ := wAttr(t, "type"); v == "" {
					para.WriteByte('\n')
				}
			case "tab":
				para.WriteByte('\t')
			case "commentRangeStart":
				v, _ := wAttr(t, "id")
				doc.starts = append(doc.starts, v)
			case "commentRangeEnd":
				v, _ := wAttr(t, "id")
				doc.ends = append(doc.ends, v)
			case "commentReference":
				v, _ := wAttr(t, "id")
				doc.refs = append(doc.refs, v)
			case "pgSz":
				doc.pageSize[0], _ = wAttr(t, "w")
				doc.pageSize[1], _ = wAttr(t, "h")
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "tbl":
				depth--
			case "tblBorders":
				inBord = false
			case "t":
				inT = false
			case "p":
				if cell != nil {
					cell.text = para.String()
				} else if depth == 0 {
					doc.paragraphs = append(doc.paragraphs, para.String())
				}
			case "tc":
				row = append(row, *cell)
				cell = nil
			case "tr":
				if doc.tables == 1 {
					doc.rows = append(doc.rows, row)
				}
			}
		case xml.CharData:
			if inT {
				para.Write(t)
			}
		}
	}
	return doc
}

func wWellFormed(tb testing.TB, name string, data []byte) {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
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

// wShape is a row's cells as span and merge: "2 5", "1r 1 2 2 1", "1c …".
func wShape(row []wCell) string {
	parts := make([]string, len(row))
	for i, c := range row {
		parts[i] = strconv.Itoa(c.span)
		switch c.vmerge {
		case "restart":
			parts[i] += "r"
		case "continue":
			parts[i] += "c"
		}
	}
	return strings.Join(parts, " ")
}

func TestWriteReferenceLayout(t *testing.T) {
	form := wRefForm(t)
	out := wParts(t, wWrite(t, []*jixiao.Form{form}, nil))
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
		"word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "docProps/core.xml", "docProps/app.xml"} {
		b, ok := out[name]
		if !ok {
			t.Fatalf("part %s missing", name)
		}
		wWellFormed(t, name, b)
	}
	if _, ok := out["word/comments.xml"]; ok {
		t.Error("comments.xml written without findings")
	}
	doc := wParseDocument(t, out["word/document.xml"])
	if doc.tables != 1 {
		t.Fatalf("%d tables, want 1", doc.tables)
	}
	if doc.pageSize != [2]string{"11906", "16838"} {
		t.Errorf("page size %v, want A4 portrait", doc.pageSize)
	}
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		if !doc.bordered[side] {
			t.Errorf("table border %s missing", side)
		}
	}
	if len(doc.grid) != 7 {
		t.Fatalf("grid %v, want 7 columns", doc.grid)
	}
	// every cell's width is the sum of the grid columns it spans
	for r, row := range doc.rows {
		col := 0
		for _, c := range row {
			w := 0
			for k := col; k < col+c.span; k++ {
				w += doc.grid[k]
			}
			if c.width != w {
				t.Errorf("row %d: cell width %d, want %d", r, c.width, w)
			}
			col += c.span
		}
		if col != 7 {
			t.Errorf("row %d covers %d grid columns", r, col)
		}
	}

	// the same spans and vertical merges as the template, row by row
	tpl, err := os.ReadFile(reftest.Path("docx"))
	if err != nil {
		t.Fatal(err)
	}
	want := wParseDocument(t, wParts(t, tpl)["word/document.xml"])
	if len(doc.rows) != len(want.rows) {
		t.Fatalf("%d rows, template has %d", len(doc.rows), len(want.rows))
	}
	for i := range want.rows {
		if g, w := wShape(doc.rows[i]), wShape(want.rows[i]); g != w {
			t.Errorf("row %d: shape %q, template %q", i, g, w)
		}
	}
	// and the same texts, as the Word reader sees them
	got, err := docx.ReadDocument("w.docx", wWrite(t, []*jixiao.Form{form}, nil))
	if err != nil {
		t.Fatal(err)
	}
	ref, err := docx.ReadDocument("t.docx", tpl)
	if err != nil {
		t.Fatal(err)
	}
	gt, rt := wTable(got), wTable(ref)
	for i := range rt {
		if i >= len(gt) {
			break
		}
		for k := range rt[i] {
			g, r := gt[i][k], rt[i][k]
			if jixiao.Key(g.Text) != jixiao.Key(r.Text) || g.Col != r.Col || g.Span != r.Span || g.Merged != r.Merged {
				t.Errorf("row %d cell %d: %+v, template %+v", i, k, g, r)
			}
		}
	}
	if g, r := wParas(got), wParas(ref); strings.Join(g, "|") != strings.Join(r, "|") {
		t.Errorf("paragraphs:\n%q\ntemplate:\n%q", g, r)
	}
}

func wTable(d *layout.Document) [][]layout.Cell {
	for _, b := range d.Blocks {
		if b.Table != nil {
			var rows [][]layout.Cell
			for _, r := range b.Table.Rows {
				cells := make([]layout.Cell, len(r.Cells))
				for i, c := range r.Cells {
					c.Text = jixiao.CleanText(c.Text)
					cells[i] = c
				}
				rows = append(rows, cells)
			}
			return rows
		}
	}
	return nil
}

func wParas(d *layout.Document) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Table == nil {
			out = append(out, jixiao.Key(jixiao.CleanText(b.Paragraph)))
		}
	}
	return out
}

func TestWriteComments(t *testing.T) {
	form := wRefForm(t)
	fs := wFindings(form)
	if len(fs) != 12 {
		t.Fatalf("reference: %d findings, want 12", len(fs))
	}
	out := wParts(t, wWrite(t, []*jixiao.Form{form}, [][]jixiao.Finding{fs}))
	if !bytes.Contains(out["[Content_Types].xml"], []byte(`PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"`)) {
		t.Error("content type of comments.xml missing")
	}
	if !bytes.Contains(out["word/_rels/document.xml.rels"], []byte(`relationships/comments" Target="comments.xml"`)) {
		t.Error("relationship to comments.xml missing")
	}
	doc := wParseDocument(t, out["word/document.xml"])
	if len(doc.starts) != len(fs) || len(doc.ends) != len(fs) || len(doc.refs) != len(fs) {
		t.Fatalf("comment ranges: %d starts, %d ends, %d references; want %d", len(doc.starts), len(doc.ends), len(doc.refs), len(fs))
	}
	seen := map[string]bool{}
	for i := range doc.starts {
		seen[doc.starts[i]] = true
	}
	for i := range doc.ends {
		if !seen[doc.ends[i]] || doc.refs[i] != doc.ends[i] {
			t.Errorf("comment end %s / reference %s without a matching start", doc.ends[i], doc.refs[i])
		}
	}

	// comments.xml: well formed, one comment per finding with its text
	type comment struct {
		ID       string `xml:"id,attr"`
		Author   string `xml:"author,attr"`
		Initials string `xml:"initials,attr"`
		Date     string `xml:"date,attr"`
		Text     string `xml:",chardata"`
		Runs     []struct {
			T []string `xml:"t"`
		} `xml:"p>r"`
	}
	var cs struct {
		Comments []comment `xml:"comment"`
	}
	if err := xml.Unmarshal(out["word/comments.xml"], &cs); err != nil {
		t.Fatalf("comments.xml: %v", err)
	}
	if len(cs.Comments) != len(fs) {
		t.Fatalf("%d comments, want %d", len(cs.Comments), len(fs))
	}
	for i, c := range cs.Comments {
		text := ""
		for _, r := range c.Runs {
			text += strings.Join(r.T, "")
		}
		want := "[" + fs[i].Severity.Label() + "] " + fs[i].Message + " (" + fs[i].Rule + ")"
		if c.ID != strconv.Itoa(i) || c.Author != "jixiao" || c.Initials != "JX" || c.Date == "" || text != want {
			t.Errorf("comment %d: id %s author %s initials %s date %q text %q; want %q", i, c.ID, c.Author, c.Initials, c.Date, text, want)
		}
	}

	// anchors: the finding's cell
	cellOf := wAnchors(t, out["word/document.xml"])
	for i, f := range fs {
		got := cellOf[strconv.Itoa(i)]
		var want string
		switch {
		case f.Section == jixiao.SectionFunds && f.Field == "rate":
			want = map[jixiao.FundRole]string{jixiao.FundTotal: "11.900%", jixiao.FundCentral: "3.700%"}[f.Fund]
		case f.Section == jixiao.SectionIndicators && f.Field == "reason":
			want = form.Indicators[f.Indicator].Reason
		case f.Section == jixiao.SectionIndicators && f.Field == "actual":
			want = form.Indicators[f.Indicator].Actual
		case f.Section == jixiao.SectionIndicators && f.Field == "name":
			want = form.Indicators[f.Indicator].Label
		case f.Section == jixiao.SectionNotes:
			want = form.Notes
		}
		if got != want {
			t.Errorf("finding %d (%s %s %s): anchored on %q, want %q", i, f.Rule, f.Section, f.Field, got, want)
		}
	}

	// the 审核意见 section
	var audit []string
	for i, p := range doc.paragraphs {
		if p == "审核意见" {
			if i+1 < len(doc.paragraphs) && doc.paragraphs[i+1] != "以下是对上述自评表的审核意见，共 12 条：错误 3 条，警告 6 条，提示 3 条。" {
				t.Errorf("审核意见 summary: %q", doc.paragraphs[i+1])
			}
			audit = doc.paragraphs[i+2:]
		}
	}
	if len(audit) != len(fs) {
		t.Fatalf("审核意见 has %d items, want %d: %q", len(audit), len(fs), audit)
	}
	for i, f := range fs {
		want := strconv.Itoa(i+1) + ". 【" + f.Severity.Label() + "】" + f.At + "：" + f.Message + " [" + f.Rule + "]"
		if audit[i] != want {
			t.Errorf("审核意见 %d: %q, want %q", i+1, audit[i], want)
		}
	}
	if !strings.HasPrefix(audit[4], "5. 【错误】产出指标/成本指标/指标1：") {
		t.Errorf("审核意见 5: %q", audit[4])
	}
}

// wAnchors maps comment ids to the text of the paragraph they are anchored in.
func wAnchors(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	out := map[string]string{}
	var (
		open []string
		text strings.Builder
		inT  bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			tb.Fatal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				open, inT = nil, false
				text.Reset()
			case "commentRangeStart":
				v, _ := wAttr(t, "id")
				open = append(open, v)
			case "t":
				inT = true
			case "br":
				text.WriteByte('\n')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inT = false
			case "p":
				for _, id := range open {
					out[id] = text.String()
				}
			}
		case xml.CharData:
			if inT {
				text.Write(t)
			}
		}
	}
}

// wComparable is a form as JSON, without its source.
func wComparable(tb testing.TB, f *jixiao.Form) string {
	tb.Helper()
	c := *f
	c.Source = ""
	b, err := json.MarshalIndent(&c, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func wDiff(tb testing.TB, got, want string) {
	tb.Helper()
	if got == want {
		return
	}
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

func TestWriteRoundTrip(t *testing.T) {
	form := wRefForm(t)
	fs := wFindings(form)
	for _, withFindings := range []bool{false, true} {
		var findings [][]jixiao.Finding
		if withFindings {
			findings = [][]jixiao.Finding{fs}
		}
		data := wWrite(t, []*jixiao.Form{form}, findings)
		back, err := docx.Reader{}.ReadForms("w.docx", data)
		if err != nil {
			t.Fatal(err)
		}
		if len(back) != 1 {
			t.Fatalf("read back %d forms", len(back))
		}
		wDiff(t, wComparable(t, back[0]), wComparable(t, form))
		// the same findings once read back
		again := wFindings(back[0])
		if a, b := wJSON(t, again), wJSON(t, fs); a != b {
			t.Errorf("findings after the round trip differ:\n%s\nwant\n%s", a, b)
		}
	}
}

// Findings quote form labels (填表人, 全年预算数, 全年执行数, 中央财政资金): the
// 审核意见 section must not be read back into the forms.
func TestWriteRoundTripQuotingFindings(t *testing.T) {
	f := wRefForm(t)
	f.Funds.TotalLine().Budget = jixiao.ParseAmount("10926.3", "万元")
	f.Funds.Source(jixiao.FundCentral).Executed = jixiao.ParseAmount("10373.8", "万元")
	f.Filler = ""
	fs := wFindings(f)
	rules := map[string]bool{}
	for _, x := range fs {
		rules[x.Rule] = true
	}
	for _, r := range []string{"funds-sum", "executed-over-budget", "execution-rate", "missing-field"} {
		if !rules[r] {
			t.Fatalf("variant has no %s finding", r)
		}
	}
	g := wRefForm(t)
	data := wWrite(t, []*jixiao.Form{f, g}, [][]jixiao.Finding{fs, wFindings(g)})
	back, err := docx.Reader{}.ReadForms("w.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 {
		t.Fatalf("read back %d forms, want 2", len(back))
	}
	wDiff(t, wComparable(t, back[0]), wComparable(t, f))
	wDiff(t, wComparable(t, back[1]), wComparable(t, g))
}

func wJSON(tb testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// wVariant is a form exercising what the reference does not: scores, blank
// rates, a region that cannot be derived, line breaks, markup characters.
func wVariant(tb testing.TB) *jixiao.Form {
	f := wRefForm(tb)
	f.Title = ""
	f.YearText = ""
	f.Header.Region = "北京市"
	f.Funds.TotalLine().RateText = ""
	f.Funds.Source(jixiao.FundCentral).RateText = ""
	f.Funds.Source(jixiao.FundCentral).Label = ""
	f.Goal = "第一行\n第二行 <b>&amp; \"引号\""
	f.Notes = "无"
	for i := range f.Indicators {
		f.Indicators[i].Weight = strconv.Itoa(i%3 + 1)
		f.Indicators[i].Score = strconv.Itoa(i % 3)
	}
	f.Funds.TotalLine().InitialBudget = "10000"
	f.Funds.TotalLine().Weight = "10"
	f.Funds.TotalLine().Score = "1.19"
	f.Funds.Source(jixiao.FundLocal).Score = "10"
	f.TotalScore = "85.5"
	f.Grade = "良"
	f.Indicators[2].Actual = "=HYPERLINK(\"http://x\")"
	f.Indicators[3].Actual = "-5件"
	f.Indicators[4].Actual = "+1"
	return f
}

func TestWriteVariantRoundTrip(t *testing.T) {
	f := wVariant(t)
	data := wWrite(t, []*jixiao.Form{f, wRefForm(t)}, nil)
	doc := wParseDocument(t, wParts(t, data)["word/document.xml"])
	if doc.tables != 2 || len(doc.grid) != 9 {
		t.Fatalf("%d tables, grid %v; want 2 tables, the first with 9 columns", doc.tables, doc.grid)
	}
	back, err := docx.Reader{}.ReadForms("w.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 {
		t.Fatalf("read back %d forms, want 2", len(back))
	}
	want := *f
	want.Title = "2020年转移支付区域（项目）绩效目标自评表"
	want.YearText = "（2020年度）"
	want.Funds.Lines = slices.Clone(f.Funds.Lines)
	total, central := want.Funds.TotalLine(), want.Funds.Source(jixiao.FundCentral)
	total.RateText = "11.90%" // 1300 / 10926.2 = 11.898…%
	central.RateText = "3.74%"
	central.Label = "中央财政资金"
	wDiff(t, wComparable(t, back[0]), wComparable(t, &want))
	wDiff(t, wComparable(t, back[1]), wComparable(t, wRefForm(t)))
}

func TestWriteEdgeCases(t *testing.T) {
	cases := reftest.EdgeForms()
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			fs := reftest.EdgeFindings()
			out := wParts(t, wWrite(t, []*jixiao.Form{f}, [][]jixiao.Finding{fs}))
			doc := wParseDocument(t, out["word/document.xml"])
			wWellFormed(t, "comments.xml", out["word/comments.xml"])
			if len(doc.starts) != len(fs) || len(doc.refs) != len(fs) {
				t.Errorf("%d comment anchors, want %d", len(doc.starts), len(fs))
			}
		})
	}
	reftest.CheckWriterArgs(t, docx.Write)
}

func TestWriteDocxClock(t *testing.T) {
	form := wRefForm(t)
	reftest.CheckWriterClock(t, docx.Write, form, wFindings(form))
}

func TestWriteLibreOffice(t *testing.T) {
	form := wRefForm(t)
	reftest.RenderPDF(t, "form.docx", wWrite(t, []*jixiao.Form{form, wVariant(t)}, [][]jixiao.Finding{wFindings(form)}))
}

func BenchmarkWriteDocx(b *testing.B) {
	form := wRefForm(b)
	reftest.BenchmarkWriter(b, docx.Write, form, wFindings(form))
}

// FuzzWriteDocx writes forms holding arbitrary texts: the writer never
// fails or panics, the document is well formed and reads back.
func FuzzWriteDocx(f *testing.F) {
	f.Add("北京市朝阳区", "指标1：专利资助奖励", "不少于7000件", "6747件\n已完成", "10926.2", "11.900%", 0)
	f.Add("", "", "", "", "", "", -1)
	f.Add("a\x00<&>\"'", "]]>", "\r\n\t", "\xff\xfe", "1e9", "=1+1", 99)
	form := wRefForm(f)
	f.Fuzz(func(t *testing.T, program, label, target, actual, amount, rate string, ind int) {
		g := *form
		g.Header.Program = program
		g.Indicators = append([]jixiao.Indicator(nil), form.Indicators...)
		g.Indicators[0].Label, g.Indicators[0].Target, g.Indicators[0].Actual = label, target, actual
		g.Funds.Lines = slices.Clone(form.Funds.Lines)
		total := g.Funds.TotalLine()
		total.Budget, total.RateText = jixiao.ParseAmount(amount, g.Funds.Unit), rate
		fs := []jixiao.Finding{{Rule: rate, Severity: jixiao.SeverityError, Message: actual, At: label,
			Section: jixiao.SectionIndicators, Indicator: ind, Field: target}}
		var buf bytes.Buffer
		if err := docx.Write(&buf, []*jixiao.Form{&g}, [][]jixiao.Finding{fs}, reftest.Now); err != nil {
			t.Fatal(err)
		}
		out := wParts(t, buf.Bytes())
		wWellFormed(t, "document.xml", out["word/document.xml"])
		wWellFormed(t, "comments.xml", out["word/comments.xml"])
		if _, err := docx.ReadDocument("f.docx", buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	})
}
