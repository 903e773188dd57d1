package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

// AuditSheet is the name of the sheet listing the findings.
const AuditSheet = "审核意见"

// Write writes one worksheet per form (named after the region or unit,
// unique, at most 31 characters, without []:*?/\) in the official merged
// layout; with findings, each finding becomes a cell note on the offending
// cell (the findings of one cell share its note, a line each), and a final
// sheet 审核意见 lists them all in order.
//
// The layout is layout.Render's, shared with the Word writer: the merged
// ranges are the template's (testdata/forms/*.xlsx), plus the
// title, year, footnote and 填表人 rows merged across the table. Scored forms
// get the columns and rows of the Word writer (分值/得分, 年初预算数, 总分,
// 自评等级), and a 所属区域 row is added only when the region cannot be
// derived from the names. Sheets print on A4 portrait, one page wide, with
// the 绩效指标 header row repeated on every page.
//
// Amounts A and B are numeric cells holding the exact digits of the decimal,
// with a number format showing as many decimals as written. An execution
// rate is a formula of its A and B cells, =IF(A=0,"",B/A), with a percent
// format of the declared precision and the computed value cached for readers
// that do not recalculate; a declared rate that contradicts B/A (or cannot be
// read) is kept as the text written, so that the error stays visible. Every
// text is a string cell: a text starting with = + - @ is never a formula.
//
// now is the time the workbook records as its creation and modification
// (document properties, the zip entries rewritten here): the same forms
// written at the same now give the same bytes.
func Write(w io.Writer, forms []*jixiao.Form, findings [][]jixiao.Finding, now time.Time) (err error) {
	if err := jixiao.ValidateExport(forms, findings); err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil { // excelize on an input it does not expect
			err = exportFailed(fmt.Errorf("excelize: %v", p))
		}
	}()

	f := excelize.NewFile()
	defer f.Close()
	bw := &bookWriter{f: f, styles: map[string]int{}}
	bw.check(f.SetDefaultFont("宋体"))
	stamp := now.UTC().Format(time.RFC3339)
	title := "转移支付区域（项目）绩效目标自评表"
	if len(forms) == 1 && forms[0].Title != "" {
		title = forms[0].Title
	}
	bw.check(f.SetDocProps(&excelize.DocProperties{Creator: "jixiao", LastModifiedBy: "jixiao", Title: title,
		Created: stamp, Modified: stamp, Language: "zh-CN"}))
	names := formSheetNames(forms)
	for i, form := range forms {
		if i == 0 {
			bw.check(f.SetSheetName(f.GetSheetName(0), names[0]))
		} else {
			_, err := f.NewSheet(names[i])
			bw.check(err)
		}
		var fs []jixiao.Finding
		if findings != nil && i < len(findings) {
			fs = findings[i]
		}
		bw.form(names[i], form, fs)
	}
	if findings != nil {
		bw.auditSheet(names, forms, findings)
	}
	f.SetActiveSheet(0)
	bw.check(f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: boolRef(true)}))
	if bw.err != nil {
		return exportFailed(bw.err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return exportFailed(err)
	}
	if err := cacheFormulaValues(w, buf.Bytes(), now); err != nil {
		return exportFailed(err)
	}
	return nil
}

func exportFailed(err error) error {
	return &jixiao.Error{Kind: jixiao.KindInternal, Message: "写入 Excel 文件失败", Err: err}
}

func boolRef(b bool) *bool       { return &b }
func intRef(n int) *int          { return &n }
func stringRef(s string) *string { return &s }

// Column widths (Excel character units): 绩效指标 label, 一级, 二级, 三级,
// 指标值, 全年实际完成值, [分值, 得分,] 未完成原因和改进措施.
var (
	widthsPlain  = []float64{8, 10, 11, 20, 15, 22, 14}
	widthsScored = []float64{7, 8, 10, 18, 14, 18, 6, 6, 13}
)

// Style kinds.
const (
	styleText   = "text"   // bordered, left, wrapped
	styleLabel  = "label"  // bordered, centred, wrapped
	styleTitle  = "title"  // the form title
	styleYear   = "year"   // the year line
	styleAttach = "attach" // 附件1
	stylePlain  = "plain"  // footnotes and the 填表人 line: no border
	styleHead   = "head"   // header row of the 审核意见 sheet
)

// bookWriter writes the workbook, keeping the first error excelize reports.
type bookWriter struct {
	f      *excelize.File
	styles map[string]int
	err    error
}

func (bw *bookWriter) check(err error) {
	if err != nil && bw.err == nil {
		bw.err = err
	}
}

func (bw *bookWriter) style(kind string) int {
	if id, ok := bw.styles[kind]; ok {
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "top", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	var s *excelize.Style
	switch {
	case kind == styleText:
		s = &excelize.Style{Border: border, Font: font, Alignment: left}
	case kind == styleLabel:
		s = &excelize.Style{Border: border, Font: font, Alignment: centre}
	case kind == styleTitle:
		s = &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true}, Alignment: centre}
	case kind == styleYear:
		s = &excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 12}, Alignment: centre}
	case kind == styleAttach:
		s = &excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}
	case kind == stylePlain:
		s = &excelize.Style{Font: font, Alignment: left}
	case kind == styleHead:
		s = &excelize.Style{Border: border, Font: &excelize.Font{Family: "宋体", Size: 10.5, Bold: true}, Alignment: centre,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}}
	case strings.HasPrefix(kind, "num:"): // num:<format>
		code := strings.TrimPrefix(kind, "num:")
		s = &excelize.Style{Border: border, Font: font, Alignment: centre, CustomNumFmt: &code}
	default:
		s = &excelize.Style{Border: border, Font: font, Alignment: left}
	}
	id, err := bw.f.NewStyle(s)
	bw.check(err)
	bw.styles[kind] = id
	return id
}

// sheetWriter writes one worksheet.
type sheetWriter struct {
	*bookWriter
	name   string
	widths []float64
	height map[int]float64     // row → points needed by its texts
	notes  map[string][]string // cell → note lines
	order  []string            // cells with notes, in finding order
}

func (sw *sheetWriter) ref(col0, row int) string {
	ref, err := excelize.CoordinatesToCellName(col0+1, row)
	sw.check(err)
	return ref
}

// box styles the cells from (row, col0) over span columns and down extra
// rows, merging them when more than one.
func (sw *sheetWriter) box(row, col0, span, down int, kind string) string {
	tl := sw.ref(col0, row)
	br := sw.ref(col0+span-1, row+down)
	sw.check(sw.f.SetCellStyle(sw.name, tl, br, sw.style(kind)))
	if span > 1 || down > 0 {
		sw.check(sw.f.MergeCell(sw.name, tl, br))
	}
	return tl
}

// text writes a string cell (never a formula) in a box.
func (sw *sheetWriter) text(row, col0, span, down int, kind, s string) string {
	ref := sw.box(row, col0, span, down, kind)
	if s != "" {
		sw.check(sw.f.SetCellStr(sw.name, ref, cellText(s)))
		if down == 0 {
			sw.need(row, s, col0, span)
		}
	}
	return ref
}

// Excel holds at most 32767 characters (UTF-16 units) in a cell.
const (
	maxCellUnits = 32767
	cutMark      = "…（超出 Excel 单元格长度上限，以下已截断）"
)

func cellText(s string) string {
	if len(s) <= maxCellUnits/3 { // at most 3 bytes per UTF-16 unit
		return s
	}
	units, limit := 0, maxCellUnits-len(utf16.Encode([]rune(cutMark)))
	for i, r := range s {
		n := 1
		if r >= 0x10000 {
			n = 2
		}
		if units+n > limit {
			return s[:i] + cutMark
		}
		units += n
	}
	return s
}

// need records the row height the text needs in the columns it spans.
func (sw *sheetWriter) need(row int, s string, col0, span int) {
	width := 0.0
	for c := col0; c < col0+span && c < len(sw.widths); c++ {
		width += sw.widths[c]
	}
	if h := textHeight(s, width); h > sw.height[row] {
		sw.height[row] = h
	}
}

// textHeight estimates the points a wrapped text needs in a column width:
// a Chinese character takes two width units, other characters about one.
func textHeight(s string, width float64) float64 {
	avail := math.Max(width-1.5, 2)
	lines := 0
	for line := range strings.SplitSeq(s, "\n") {
		w := 0.0
		for _, r := range line {
			if r >= 0x2E80 || unicode.Is(unicode.Han, r) {
				w += 2
			} else {
				w += 1.1
			}
		}
		lines += max(1, int(math.Ceil(w/avail)))
		if lines > 40 {
			break
		}
	}
	return math.Min(float64(lines)*14+4, 409)
}

// note adds a finding to the note of a cell.
func (sw *sheetWriter) note(ref string, f *jixiao.Finding) {
	if _, ok := sw.notes[ref]; !ok {
		sw.order = append(sw.order, ref)
	}
	sw.notes[ref] = append(sw.notes[ref], "["+f.Severity.Label()+"] "+f.Message+" ("+f.Rule+")")
}

// form writes a form's sheet: its rendered layout (layout.Render) row by
// row, the paragraphs as rows merged across the table, then the findings as
// notes on their cells.
func (bw *bookWriter) form(name string, f *jixiao.Form, fs []jixiao.Finding) {
	doc := layout.Render(f)
	widths := widthsPlain
	if layout.Scored(f) {
		widths = widthsScored
	}
	sw := &sheetWriter{bookWriter: bw, name: name, widths: widths, height: map[int]float64{}, notes: map[string][]string{}}
	n := len(widths)
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		bw.check(err)
		bw.check(bw.f.SetColWidth(name, col, col, w))
	}

	rowOf := make([]int, len(doc.Blocks)) // sheet row of a paragraph, or of a table's first row
	r, indHeadRow := 1, 0
	for i := range doc.Blocks {
		blk := &doc.Blocks[i]
		rowOf[i] = r
		if blk.Table == nil {
			switch blk.Kind {
			case layout.KindAttachment:
				sw.text(r, 0, 1, 0, styleAttach, blk.Paragraph)
			case layout.KindTitle:
				sw.text(r, 0, n, 0, styleTitle, blk.Paragraph)
				sw.height[r] = math.Max(sw.height[r]*1.6, 32)
			case layout.KindYear:
				sw.text(r, 0, n, 0, styleYear, blk.Paragraph)
				sw.height[r] = 20
			default: // footnotes, the 填表人 line
				sw.text(r, 0, n, 0, stylePlain, blk.Paragraph)
				if blk.Kind == layout.KindFiller {
					sw.height[r] = math.Max(sw.height[r], 24)
				}
			}
			r++
			continue
		}
		for _, row := range blk.Table.Rows {
			if len(row.Cells) > 0 && row.Cells[0].Ref.Section == jixiao.SectionIndicators {
				indHeadRow = r // repeated on every printed page
			}
			sw.row(r, row.Cells)
			r++
		}
	}

	for k := range fs {
		blk, row, c, _ := doc.CellFor(fs[k])
		ref := sw.ref(0, rowOf[blk])
		if row >= 0 {
			ref = sw.ref(doc.Blocks[blk].Table.Rows[row].Cells[c].Col, rowOf[blk]+row)
		}
		sw.note(ref, &fs[k])
	}
	sw.finish(n-1, indHeadRow, r-1)
}

// fundsLabel is the 资金情况 label, broken before its unit in Excel's narrow
// first column.
var fundsLabel = layout.Ref{Section: jixiao.SectionFunds, Indicator: -1}

// row writes the cells of a table row; merge continuations are inside the
// merged range of the cell above.
func (sw *sheetWriter) row(r int, cells []layout.Cell) {
	var budget, executed string // refs of the amounts a rate formula divides
	for i := range cells {
		c := &cells[i]
		if c.Merged {
			continue
		}
		down := max(c.Rows-1, 0)
		switch c.Kind {
		case layout.KindAmount:
			ref := sw.amount(r, c.Col, c.Span, c.Amount, c.Text)
			switch c.Ref.Field {
			case "budget":
				budget = ref
			case "executed":
				executed = ref
			}
		case layout.KindRate:
			sw.rate(r, c, budget, executed)
		case layout.KindText, layout.KindField:
			sw.text(r, c.Col, c.Span, down, styleText, c.Text)
		default:
			text := c.Text
			if c.Ref == fundsLabel {
				text = strings.Replace(text, "（", "\n（", 1)
			}
			sw.text(r, c.Col, c.Span, down, styleLabel, text)
		}
	}
}

// amount writes a funds amount: a numeric cell holding the decimal's exact
// digits (its number format shows the decimals written), or the text as
// written when it is not a number or has more digits than Excel's 15.
func (sw *sheetWriter) amount(row, col0, span int, am jixiao.Amount, text string) string {
	digits := am.Value.Coefficient()
	if !am.Valid || len(digits.Abs(digits).String()) > 15 {
		return sw.text(row, col0, span, 0, styleLabel, text)
	}
	ref := sw.box(row, col0, span, 0, "num:"+decimalsFormat(amountPlaces(am.Value), ""))
	sw.check(sw.f.SetCellDefault(sw.name, ref, am.Value.String()))
	return ref
}

// amountPlaces is the number of decimals of a value as written (10926.20 → 2).
func amountPlaces(d decimal.Decimal) int {
	return min(max(0, -int(d.Exponent())), 15)
}

// decimalsFormat is "0", "0.0", "0.00"… followed by suffix.
func decimalsFormat(places int, suffix string) string {
	if places <= 0 {
		return "0" + suffix
	}
	return "0." + strings.Repeat("0", places) + suffix
}

// rate writes the execution rate of a funds line: the formula B/A of its
// amount cells when B/A may stand for it (jixiao.RateOf), else the text
// written.
func (sw *sheetWriter) rate(row int, c *layout.Cell, budget, executed string) string {
	e := c.Rate
	if e == nil || !e.Computed || budget == "" || executed == "" {
		return sw.text(row, c.Col, c.Span, 0, styleLabel, c.Text)
	}
	ref := sw.box(row, c.Col, c.Span, 0, "num:"+decimalsFormat(e.Places, "%"))
	// the cached value first (a number, or "" when A = 0), then the formula
	if e.HasValue {
		sw.check(sw.f.SetCellDefault(sw.name, ref, e.Value.String()))
	}
	sw.check(sw.f.SetCellFormula(sw.name, ref, "IF("+budget+"=0,\"\","+executed+"/"+budget+")"))
	return ref
}

// finish sets row heights, notes and the print setup of a form sheet.
func (sw *sheetWriter) finish(lastCol, indHeadRow, lastRow int) {
	for row, h := range sw.height {
		sw.check(sw.f.SetRowHeight(sw.name, row, h))
	}
	for _, ref := range sw.order {
		lines := sw.notes[ref]
		text := strings.Join(lines, "\n")
		height := 0.0
		for _, l := range lines {
			height += textHeight(l, 36)
		}
		sw.check(sw.f.AddComment(sw.name, excelize.Comment{Cell: ref, Author: "jixiao", Text: cellText(text),
			Width: 300, Height: uint(math.Min(height*1.4+10, 600))}))
	}
	last, err := excelize.ColumnNumberToName(lastCol + 1)
	sw.check(err)
	sw.check(sw.f.SetSheetDimension(sw.name, fmt.Sprintf("A1:%s%d", last, lastRow)))
	sw.printSetup("portrait", fmt.Sprintf("$%d:$%d", indHeadRow, indHeadRow), fmt.Sprintf("$A$1:$%s$%d", last, lastRow))
}

// printSetup: A4, one page wide, the given rows repeated on every page.
func (sw *sheetWriter) printSetup(orientation, titles, area string) {
	f, name := sw.f, sw.name
	sw.check(f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: intRef(9), Orientation: stringRef(orientation), FitToWidth: intRef(1), FitToHeight: intRef(0),
	}))
	sw.check(f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: boolRef(true)}))
	sw.check(f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Left: floatRef(0.6), Right: floatRef(0.6), Top: floatRef(0.75), Bottom: floatRef(0.75),
		Header: floatRef(0.3), Footer: floatRef(0.3),
	}))
	sw.check(f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}))
	quoted := "'" + strings.ReplaceAll(name, "'", "''") + "'!"
	if titles != "" {
		sw.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: quoted + titles, Scope: name}))
	}
	sw.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoted + area, Scope: name}))
}

func floatRef(f float64) *float64 { return &f }

// auditSheet lists every finding in form order.
func (bw *bookWriter) auditSheet(names []string, forms []*jixiao.Form, findings [][]jixiao.Finding) {
	f := bw.f
	_, err := f.NewSheet(AuditSheet)
	bw.check(err)
	widths := []float64{6, 16, 8, 26, 60, 22}
	sw := &sheetWriter{bookWriter: bw, name: AuditSheet, widths: widths, height: map[int]float64{}, notes: map[string][]string{}}
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		bw.check(err)
		bw.check(f.SetColWidth(AuditSheet, col, col, w))
	}
	sw.text(1, 0, len(widths), 0, styleTitle, "审核意见")
	sw.height[1] = 30
	for i, h := range []string{"序号", "工作表", "级别", "位置", "问题及修改建议", "规则"} {
		sw.text(2, i, 1, 0, styleHead, h)
	}
	r, n := 3, 0
	for i := range forms {
		if i >= len(findings) {
			break
		}
		for k := range findings[i] {
			fd := &findings[i][k]
			n++
			ref := sw.box(r, 0, 1, 0, styleLabel)
			bw.check(f.SetCellInt(AuditSheet, ref, int64(n)))
			sw.text(r, 1, 1, 0, styleText, names[i])
			sw.text(r, 2, 1, 0, styleLabel, fd.Severity.Label())
			sw.text(r, 3, 1, 0, styleText, fd.At)
			sw.text(r, 4, 1, 0, styleText, fd.Message)
			sw.text(r, 5, 1, 0, styleText, fd.Rule)
			r++
		}
	}
	if n == 0 {
		sw.text(r, 0, len(widths), 0, styleText, "未发现问题。")
		r++
	}
	for row, h := range sw.height {
		bw.check(f.SetRowHeight(AuditSheet, row, h))
	}
	bw.check(f.SetSheetDimension(AuditSheet, fmt.Sprintf("A1:F%d", r-1)))
	sw.printSetup("landscape", "$2:$2", fmt.Sprintf("$A$1:$F$%d", r-1))
}

// formSheetNames names the form sheets after their region, or their unit
// when several forms share a region; names are made valid and unique.
func formSheetNames(forms []*jixiao.Form) []string {
	base := make([]string, len(forms))
	count := map[string]int{}
	for i, f := range forms {
		r := f.Header.Region
		if r == "" {
			r = jixiao.DerivedRegion(&f.Header)
		}
		base[i] = r
		count[r]++
	}
	used := map[string]bool{strings.ToLower(AuditSheet): true, "history": true}
	names := make([]string, len(forms))
	for i, f := range forms {
		name := base[i]
		if name == "" || count[name] > 1 {
			for _, alt := range []string{f.Header.Unit, f.Header.Program, name} {
				if validSheetName(alt) != "" {
					name = alt
					break
				}
			}
		}
		name = validSheetName(name)
		if name == "" {
			name = "自评表" + strconv.Itoa(i+1)
		}
		if used[strings.ToLower(name)] {
			for k := 2; ; k++ {
				suffix := "(" + strconv.Itoa(k) + ")"
				cand := truncateUnits(name, 31-len(suffix)) + suffix
				if !used[strings.ToLower(cand)] {
					name = cand
					break
				}
			}
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// validSheetName removes what Excel does not allow in a sheet name:
// []:*?/\ and control characters, apostrophes at either end, more than 31
// UTF-16 units.
func validSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			return '_'
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "'"))
	s = strings.TrimSpace(strings.TrimRight(truncateUnits(s, 31), "'"))
	return s
}

// truncateUnits cuts s to at most n UTF-16 units, never inside a character.
func truncateUnits(s string, n int) string {
	units := 0
	for i, r := range s {
		k := 1
		if r >= 0x10000 {
			k = 2
		}
		if units+k > n {
			return s[:i]
		}
		units += k
	}
	return s
}

// cacheFormulaValues copies the package excelize wrote to w, fixing the
// cached values of formula cells in the worksheets. excelize types every
// formula cell t="str" and drops an empty <v/>: a number cached that way
// reads as text, and a formula without <v> reads as uncalculated. Here a
// numeric cached value loses t="str" (a number, formatted by the cell's
// number format) and an empty one gets <v></v> (the empty text "" of
// =IF(A=0,"",…)). Other parts are copied without recompressing.
func cacheFormulaValues(w io.Writer, pkg []byte, now time.Time) error {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") || !strings.HasSuffix(zf.Name, ".xml") {
			if err := copyRaw(zw, zf); err != nil {
				return err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if !bytes.Contains(data, []byte("<f>")) {
			if err := copyRaw(zw, zf); err != nil {
				return err
			}
			continue
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		if _, err := out.Write(fixFormulaCells(data)); err != nil {
			return err
		}
	}
	return zw.Close()
}

func copyRaw(zw *zip.Writer, zf *zip.File) error {
	rc, err := zf.OpenRaw()
	if err != nil {
		return err
	}
	out, err := zw.CreateRaw(&zf.FileHeader)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, rc)
	return err
}

// fixFormulaCells rewrites <c … t="str"><f>…</f><v>0.1189…</v></c> as a
// numeric cell and <c … t="str"><f>…</f></c> with an empty cached text.
func fixFormulaCells(data []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(data) + 256)
	rest := data
	for {
		i := bytes.Index(rest, []byte("<c "))
		if i < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		j := bytes.IndexByte(rest[i:], '>')
		if j < 0 {
			out.Write(rest)
			return out.Bytes()
		}
		tagEnd := i + j + 1
		tag := rest[i:tagEnd]
		out.Write(rest[:i])
		rest = rest[tagEnd:]
		if tag[len(tag)-2] == '/' || !bytes.HasPrefix(rest, []byte("<f>")) || !bytes.Contains(tag, []byte(` t="str"`)) {
			out.Write(tag)
			continue
		}
		k := bytes.Index(rest, []byte("</f>"))
		if k < 0 {
			out.Write(tag)
			continue
		}
		formula := rest[:k+len("</f>")]
		after := rest[k+len("</f>"):]
		switch {
		case bytes.HasPrefix(after, []byte("</c>")):
			out.Write(tag)
			out.Write(formula)
			out.WriteString("<v></v>")
		case bytes.HasPrefix(after, []byte("<v>")):
			end := bytes.Index(after, []byte("</v>"))
			if end > 0 && isCachedNumber(after[len("<v>"):end]) {
				out.Write(bytes.Replace(tag, []byte(` t="str"`), nil, 1))
			} else {
				out.Write(tag)
			}
			out.Write(formula)
		default:
			out.Write(tag)
			out.Write(formula)
		}
		rest = after
	}
}

func isCachedNumber(b []byte) bool {
	_, err := strconv.ParseFloat(string(b), 64)
	return err == nil && len(b) > 0
}
