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
// The merged ranges are the template's (testdata/forms/*.xlsx), plus the
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
func Write(w io.Writer, forms []*jixiao.Form, findings [][]jixiao.Finding) (err error) {
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
	now := time.Now().UTC().Format(time.RFC3339)
	title := "转移支付区域（项目）绩效目标自评表"
	if len(forms) == 1 && forms[0].Title != "" {
		title = forms[0].Title
	}
	bw.check(f.SetDocProps(&excelize.DocProperties{Creator: "jixiao", LastModifiedBy: "jixiao", Title: title,
		Created: now, Modified: now, Language: "zh-CN"}))
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
	if err := cacheFormulaValues(w, buf.Bytes()); err != nil {
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

// formAnchors are the cells findings are noted on.
type formAnchors struct {
	header      map[string]string
	fundsLabel  string
	funds       map[jixiao.FundKey][4]string // label, budget, executed, rate
	goalLabel   string
	goal, ach   string
	indLabel    string
	indicators  [][]string // per indicator: cell of each column
	reasonCol   int
	weightCol   int
	scoreCol    int
	notes       string
	footer      string
	title       string
	lastCol     int
	indHeadRow  int
	lastRow     int
	formulaRefs []string
}

func (bw *bookWriter) form(name string, f *jixiao.Form, fs []jixiao.Finding) {
	extras := fundExtras(f)
	scored := extras || f.TotalScore != "" || f.Grade != ""
	for i := range f.Indicators {
		if f.Indicators[i].Weight != "" || f.Indicators[i].Score != "" {
			scored = true
			break
		}
	}
	widths := widthsPlain
	if scored {
		widths = widthsScored
	}
	sw := &sheetWriter{bookWriter: bw, name: name, widths: widths, height: map[int]float64{}, notes: map[string][]string{}}
	n := len(widths)
	a := &formAnchors{header: map[string]string{}, funds: map[jixiao.FundKey][4]string{}, lastCol: n - 1,
		reasonCol: 6, weightCol: -1, scoreCol: -1}
	if scored {
		a.weightCol, a.scoreCol, a.reasonCol = 6, 7, 8
	}
	for i, w := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		bw.check(err)
		bw.check(bw.f.SetColWidth(name, col, col, w))
	}

	r := 1
	sw.text(r, 0, 1, 0, styleAttach, "附件1")
	r++
	title := f.Title
	if strings.TrimSpace(title) == "" {
		title = "转移支付区域（项目）绩效目标自评表"
		if f.Year > 0 {
			title = strconv.Itoa(f.Year) + "年" + title
		}
	}
	a.title = sw.text(r, 0, n, 0, styleTitle, title)
	sw.height[r] = math.Max(sw.height[r]*1.6, 32)
	r++
	year := f.YearText
	if strings.TrimSpace(year) == "" && f.Year > 0 {
		year = "（" + strconv.Itoa(f.Year) + "年度）"
	}
	if strings.TrimSpace(year) != "" {
		sw.text(r, 0, n, 0, styleYear, year)
		sw.height[r] = 20
		r++
	}

	// header
	h := &f.Header
	sw.text(r, 0, 2, 0, styleText, "转移支付（项目）名称")
	a.header["program"] = sw.text(r, 2, n-2, 0, styleText, h.Program)
	r++
	sw.text(r, 0, 2, 0, styleText, "中央主管部门")
	a.header["central_dept"] = sw.text(r, 2, n-2, 0, styleText, h.CentralDept)
	r++
	sw.text(r, 0, 2, 0, styleText, "地方主管部门")
	a.header["local_dept"] = sw.text(r, 2, 2, 0, styleText, h.LocalDept)
	sw.text(r, 4, 1, 0, styleText, "资金使用单位")
	a.header["unit"] = sw.text(r, 5, n-5, 0, styleText, h.Unit)
	r++
	if h.Region != "" && h.Region != derivedRegion(h) {
		// not in the template: only when the region cannot be read from the names
		sw.text(r, 0, 2, 0, styleText, "所属区域")
		a.header["region"] = sw.text(r, 2, n-2, 0, styleText, h.Region)
		r++
	}

	// funds
	unit := strings.TrimSpace(f.Funds.Unit)
	if unit == "" {
		unit = "万元"
	}
	lines := f.Funds.Lines()
	a.fundsLabel = sw.text(r, 0, 1, len(lines), styleLabel, "资金情况\n（"+unit+"）")
	sw.text(r, 1, 1, 0, styleLabel, "")
	if extras {
		// 财预〔2020〕10号: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
		for i, h := range []string{"年初预算数", "全年预算数（A）", "全年执行数（B）", "分值"} {
			sw.text(r, 2+i, 1, 0, styleLabel, h)
		}
		sw.text(r, 6, n-7, 0, styleLabel, "预算执行率（B/A）")
		sw.text(r, n-1, 1, 0, styleLabel, "得分")
	} else {
		sw.text(r, 2, 2, 0, styleLabel, "全年预算数（A）")
		sw.text(r, 4, 2, 0, styleLabel, "全年执行数（B）")
		sw.text(r, 6, n-6, 0, styleLabel, "预算执行率（B/A）")
	}
	r++
	for _, nl := range lines {
		fl := nl.Line
		label := fl.Label
		if strings.TrimSpace(label) == "" {
			label = nl.Key.Label()
		}
		var cells [4]string
		cells[0] = sw.text(r, 1, 1, 0, styleText, label)
		if extras {
			sw.text(r, 2, 1, 0, styleLabel, fl.InitialBudget)
			cells[1] = sw.amount(r, 3, 1, fl.Budget)
			cells[2] = sw.amount(r, 4, 1, fl.Executed)
			sw.text(r, 5, 1, 0, styleLabel, fl.Weight)
			cells[3] = sw.rate(r, 6, n-7, fl, cells[1], cells[2])
			sw.text(r, n-1, 1, 0, styleLabel, fl.Score)
		} else {
			cells[1] = sw.amount(r, 2, 2, fl.Budget)
			cells[2] = sw.amount(r, 4, 2, fl.Executed)
			cells[3] = sw.rate(r, 6, n-6, fl, cells[1], cells[2])
		}
		a.funds[nl.Key] = cells
		r++
	}

	// overall goal
	a.goalLabel = sw.text(r, 0, 1, 1, styleLabel, "总体目标完成情况")
	sw.text(r, 1, 3, 0, styleLabel, "总体目标")
	sw.text(r, 4, n-4, 0, styleLabel, "全年实际完成情况")
	r++
	a.goal = sw.text(r, 1, 3, 0, styleText, f.Goal)
	a.ach = sw.text(r, 4, n-4, 0, styleText, f.Achievement)
	r++

	// indicators
	ins := f.Indicators
	a.indHeadRow = r
	a.indLabel = sw.text(r, 0, 1, len(ins), styleLabel, "绩效指标")
	heads := []string{"一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值"}
	if scored {
		heads = append(heads, "分值", "得分")
	}
	heads = append(heads, "未完成原因和改进措施")
	for i, t := range heads {
		sw.text(r, 1+i, 1, 0, styleLabel, t)
	}
	r++
	for i := range ins {
		in := &ins[i]
		cells := make([]string, n)
		if run := levelRun(ins, i, false); run > 0 {
			cells[1] = sw.text(r, 1, 1, run-1, styleLabel, in.Level1)
		} else {
			cells[1] = sw.ref(1, r)
		}
		if run := levelRun(ins, i, true); run > 0 {
			cells[2] = sw.text(r, 2, 1, run-1, styleLabel, in.Level2)
		} else {
			cells[2] = sw.ref(2, r)
		}
		label := in.Label
		if label == "" {
			label = in.Name
		}
		cells[3] = sw.text(r, 3, 1, 0, styleText, label)
		cells[4] = sw.text(r, 4, 1, 0, styleText, in.Target)
		cells[5] = sw.text(r, 5, 1, 0, styleText, in.Actual)
		if scored {
			cells[6] = sw.text(r, 6, 1, 0, styleLabel, in.Weight)
			cells[7] = sw.text(r, 7, 1, 0, styleLabel, in.Score)
		}
		cells[a.reasonCol] = sw.text(r, a.reasonCol, 1, 0, styleText, in.Reason)
		a.indicators = append(a.indicators, cells)
		r++
	}

	// scored layouts: the declared total (under 得分) and grade
	if f.TotalScore != "" {
		sw.text(r, 0, n-3, 0, styleLabel, "总分")
		sw.text(r, n-3, 1, 0, styleLabel, "")
		sw.text(r, n-2, 1, 0, styleLabel, f.TotalScore)
		sw.text(r, n-1, 1, 0, styleText, "")
		r++
	}
	if f.Grade != "" {
		sw.text(r, 0, 2, 0, styleLabel, "自评等级")
		sw.text(r, 2, n-2, 0, styleText, f.Grade)
		r++
	}

	// notes, footnotes, footer
	sw.text(r, 0, 1, 0, styleLabel, "说明")
	a.notes = sw.text(r, 1, n-1, 0, styleText, f.Notes)
	r++
	for i, fn := range f.Footnotes {
		if i == 0 {
			fn = "注：" + fn
		}
		sw.text(r, 0, n, 0, stylePlain, fn)
		r++
	}
	a.footer = sw.text(r, 0, n, 0, stylePlain, "填表人："+f.Filler+"      联系电话："+f.Phone+"       填写日期："+f.FillDate)
	sw.height[r] = math.Max(sw.height[r], 24)
	a.lastRow = r

	for k := range fs {
		sw.note(a.place(&fs[k], len(ins)), &fs[k])
	}
	sw.finish(a)
}

// fundExtras reports whether a funds line has the columns of scored layouts
// (年初预算数, 分值, 得分).
func fundExtras(f *jixiao.Form) bool {
	for _, nl := range f.Funds.Lines() {
		if nl.Line.InitialBudget != "" || nl.Line.Weight != "" || nl.Line.Score != "" {
			return true
		}
	}
	return false
}

// levelRun is, at the first indicator of a run of equal level-1 names
// (level2 false) or level-1 and level-2 names, the length of the run; 0
// inside a run.
func levelRun(ins []jixiao.Indicator, i int, level2 bool) int {
	same := func(a, b int) bool {
		return ins[a].Level1 == ins[b].Level1 && (!level2 || ins[a].Level2 == ins[b].Level2)
	}
	if i > 0 && same(i-1, i) {
		return 0
	}
	n := 1
	for i+n < len(ins) && same(i, i+n) {
		n++
	}
	return n
}

// derivedRegion is the region a reader derives from the names.
func derivedRegion(h *jixiao.Header) string {
	if r := jixiao.RegionOf(h.Program); r != "" {
		return r
	}
	return jixiao.RegionOf(h.Unit)
}

// place is the cell a finding is noted on.
func (a *formAnchors) place(f *jixiao.Finding, nIndicators int) string {
	switch f.Section {
	case jixiao.SectionHeader:
		if ref, ok := a.header[f.Field]; ok {
			return ref
		}
		return a.header["program"]
	case jixiao.SectionFunds:
		cells, ok := a.funds[f.Fund]
		if !ok {
			return a.fundsLabel
		}
		switch f.Field {
		case "budget":
			return cells[1]
		case "executed":
			return cells[2]
		case "rate":
			return cells[3]
		}
		return cells[0]
	case jixiao.SectionGoal:
		switch f.Field {
		case "goal":
			return a.goal
		case "achievement":
			return a.ach
		}
		return a.goalLabel
	case jixiao.SectionIndicators:
		if f.Indicator < 0 || f.Indicator >= nIndicators || f.Indicator >= len(a.indicators) {
			return a.indLabel
		}
		cells := a.indicators[f.Indicator]
		col := 3 // name, level
		switch f.Field {
		case "target":
			col = 4
		case "actual":
			col = 5
		case "reason":
			col = a.reasonCol
		case "weight":
			col = a.weightCol
		case "score":
			col = a.scoreCol
		}
		if col < 0 || cells[col] == "" {
			col = 3
		}
		return cells[col]
	case jixiao.SectionNotes:
		return a.notes
	case jixiao.SectionFooter:
		return a.footer
	}
	return a.title
}

// amount writes a funds amount: a numeric cell holding the decimal's exact
// digits (its number format shows the decimals written), or the text as
// written when it is not a number or has more digits than Excel's 15.
func (sw *sheetWriter) amount(row, col0, span int, am jixiao.Amount) string {
	digits := am.Value.Coefficient()
	if !am.Valid || len(digits.Abs(digits).String()) > 15 {
		text := am.Text
		if text == "" && am.Valid {
			text = am.Value.String()
		}
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

var (
	hundredPercent = decimal.NewFromInt(100)
	decimalOne     = decimal.NewFromInt(1)
)

// declaredRate reads a declared execution rate: "11.900%" is 11.900 percent
// shown with 3 decimals, a fraction "0.978" is 97.8 percent shown with 1.
func declaredRate(text string) (percent decimal.Decimal, shown int, ok bool) {
	t := strings.ReplaceAll(layout.Key(text), "％", "%")
	isPercent := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	if t == "" || len(t) > 30 || strings.ContainsAny(t, "eE") {
		return decimal.Decimal{}, 0, false
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, 0, false
	}
	shown = 0
	if i := strings.IndexByte(t, '.'); i >= 0 {
		shown = len(t) - i - 1
	}
	if isPercent {
		return v, shown, true
	}
	return v.Mul(hundredPercent), max(shown-2, 0), true
}

// agrees reports whether a declared percentage is B/A rounded or truncated
// at the precision it carries (11.900% and 11.9% both carry 0.1 point).
func agrees(declared, computed decimal.Decimal) bool {
	exact := 0
	if s := declared.String(); strings.IndexByte(s, '.') >= 0 { // trailing zeros dropped
		exact = len(s) - strings.IndexByte(s, '.') - 1
	}
	return declared.Sub(computed).Abs().LessThanOrEqual(decimalOne.Shift(int32(-exact)))
}

// rate writes the execution rate of a funds line.
func (sw *sheetWriter) rate(row, col0, span int, l *jixiao.FundLine, budget, executed string) string {
	declared := layout.CleanText(l.RateText)
	formula := l.Budget.Valid && l.Executed.Valid
	shown := 2
	if formula && declared != "" {
		percent, n, ok := declaredRate(declared)
		formula = ok && l.Budget.Value.Sign() != 0 &&
			agrees(percent, l.Executed.Value.Mul(hundredPercent).DivRound(l.Budget.Value, 12))
		shown = min(n, 15)
	}
	if !formula {
		return sw.text(row, col0, span, 0, styleLabel, l.RateText)
	}
	ref := sw.box(row, col0, span, 0, "num:"+decimalsFormat(shown, "%"))
	// the cached value first (a number, or "" when A = 0), then the formula
	if l.Budget.Value.Sign() != 0 {
		sw.check(sw.f.SetCellDefault(sw.name, ref, l.Executed.Value.DivRound(l.Budget.Value, 15).String()))
	}
	sw.check(sw.f.SetCellFormula(sw.name, ref, "IF("+budget+"=0,\"\","+executed+"/"+budget+")"))
	return ref
}

// finish sets row heights, notes and the print setup of a form sheet.
func (sw *sheetWriter) finish(a *formAnchors) {
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
	last, err := excelize.ColumnNumberToName(a.lastCol + 1)
	sw.check(err)
	sw.check(sw.f.SetSheetDimension(sw.name, fmt.Sprintf("A1:%s%d", last, a.lastRow)))
	sw.printSetup("portrait", fmt.Sprintf("$%d:$%d", a.indHeadRow, a.indHeadRow), fmt.Sprintf("$A$1:$%s$%d", last, a.lastRow))
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
			r = derivedRegion(&f.Header)
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
func cacheFormulaValues(w io.Writer, pkg []byte) error {
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
		out, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: time.Now()})
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
