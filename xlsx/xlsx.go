// Package xlsx reads Excel workbooks (.xlsx) into the layout document model:
// one document per visible worksheet, holding one table built from the
// sheet's used range, with merged ranges mapped onto the layout conventions.
// Values are read as a person sees them in Excel (excelize applies the
// number formats), except that numbers lose their thousands separators;
// hidden rows and columns, which neither the screen nor the printout shows,
// are left out (but for the text of a merged range reaching visible cells).
package xlsx

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/ooxml"
)

// Limits per worksheet, beyond those of limits.go. A self-evaluation form
// has a few hundred cells; a sheet beyond these limits is skipped with a
// warning, not read.
const (
	MaxMerges     = 10_000    // merged ranges
	MaxTableCells = 1_000_000 // cells of the tables built (rows with text × used columns), all sheets together
	maxWork       = 20_000_000
)

// Reader reads forms from workbooks.
type Reader struct{}

// ReadForms implements jixiao.FormReader. It reads the forms of every
// visible worksheet, skipping the sheets that hold none (a notes sheet); when
// no sheet holds a form it returns the error of the sheet with the most text,
// the likeliest to have been meant as the form. The workbook's warnings
// (formulas without a cached value, sheets skipped) go with every form.
func (Reader) ReadForms(name string, data []byte) ([]*jixiao.Form, error) {
	wb, err := readWorkbook(name, data)
	if err != nil {
		return nil, err
	}
	docs, warnings := wb.docs, wb.warnings
	var (
		forms   []*jixiao.Form
		bestErr error
		best    = -1
	)
	for _, doc := range docs {
		fs, err := layout.Forms(doc)
		if err != nil {
			if n := textCells(doc); n > best {
				best, bestErr = n, err
			}
			if !errors.Is(err, layout.ErrNoForm) {
				// a broken form beside good ones must not vanish unseen
				warnings = append(warnings, jixiao.MessageOf(err))
			}
			continue
		}
		forms = append(forms, fs...)
	}
	forms, warnings = withoutBareLists(name, forms, warnings)
	switch {
	case len(forms) > 0:
		for _, f := range forms {
			f.Warnings = append(f.Warnings, warnings...)
		}
		return forms, nil
	case wb.skipped != nil && (bestErr == nil || errors.Is(bestErr, layout.ErrNoForm)):
		// the sheet skipped for its size is likelier the form than an empty one
		return nil, wb.skipped
	case bestErr != nil:
		return nil, bestErr
	case len(docs) == 0 && len(warnings) > 0:
		return nil, jixiao.Invalid("%s", warnings[0])
	}
	return nil, jixiao.Invalid("%s：工作簿中没有找到自评表。请确认文件是转移支付绩效目标自评表", name)
}

// withoutBareLists drops, from a workbook that holds a form, the sheets
// read as forms that are only a list of indicators (no header field, no
// funds, no footer): a 指标参考 or 填报示例 sheet a template ships beside the
// form, which a reviewer does not review. A workbook of bare lists only
// keeps them.
func withoutBareLists(name string, forms []*jixiao.Form, warnings []string) ([]*jixiao.Form, []string) {
	bare := func(f *jixiao.Form) bool {
		h := f.Header
		return h.Program == "" && h.CentralDept == "" && h.LocalDept == "" && h.Unit == "" &&
			len(f.Funds.Lines) == 0 && f.Filler == "" && f.FillDate == ""
	}
	full := false
	for _, f := range forms {
		full = full || !bare(f)
	}
	if !full {
		return forms, warnings
	}
	kept := forms[:0]
	for _, f := range forms {
		if !bare(f) {
			kept = append(kept, f)
			continue
		}
		sheet := strings.TrimPrefix(f.Source, name+":")
		warnings = append(warnings, fmt.Sprintf("%s：工作表“%s”只有指标列表，没有项目名称、资金情况和填表信息，像是填报参考或示例，未作为自评表审核", name, sheet))
	}
	return kept, warnings
}

func textCells(doc *layout.Document) int {
	n := 0
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r.Cells {
				if c.Text != "" {
					n++
				}
			}
		}
	}
	return n
}

// ReadDocuments reads every visible worksheet into a document named
// "file:sheet" holding one table (none when the sheet is empty). Warnings,
// in Chinese, tell about formulas without a cached value (read as "") and
// sheets skipped for their size.
func ReadDocuments(name string, data []byte) (docs []*layout.Document, warnings []string, err error) {
	wb, err := readWorkbook(name, data)
	return wb.docs, wb.warnings, err
}

// workbookRead is what reading a workbook gives.
type workbookRead struct {
	docs     []*layout.Document
	warnings []string
	skipped  *jixiao.Error // why the first sheet skipped for its size was
}

// skip records a sheet left unread for going past a limit.
func (wb *workbookRead) skip(e *jixiao.Error) {
	wb.warnings = append(wb.warnings, e.Message)
	if wb.skipped == nil {
		wb.skipped = e
	}
}

// readWorkbook checks, with our own streaming passes, every part excelize
// will read (bounded.go), then reads the worksheets within the limits.
// Limits of the whole workbook (sheet entries, shared strings, number
// formats, the tables of all sheets together) refuse the file; limits of one
// worksheet skip that sheet with a warning, so that a form beside a large
// data sheet is still read, and refuse the file when no form is read.
func readWorkbook(name string, data []byte) (wb workbookRead, err error) {
	pkg, err := ooxml.Open(name, data)
	if err != nil {
		return wb, err
	}
	if pkg.Format() != ooxml.FormatExcel {
		return wb, pkg.WrongFormat(ooxml.FormatExcel)
	}
	if err := checkWorkbookSize(pkg); err != nil {
		return wb, err
	}
	list, err := sheets(pkg)
	if err != nil {
		return wb, err
	}
	// the visible worksheets, each part once
	var toRead []sheet
	first := map[string]string{} // sheet name by zip entry
	for _, s := range list {
		if !s.visible || !s.worksheet || s.part == "" {
			continue
		}
		entry, ok := pkg.EntryName(s.part)
		if !ok {
			continue
		}
		if other, dup := first[entry]; dup {
			wb.warnings = append(wb.warnings, fmt.Sprintf("%s：工作表“%s”与工作表“%s”指向同一份内容（文件结构异常），只读取一次", name, s.name, other))
			continue
		}
		first[entry] = s.name
		toRead = append(toRead, s)
	}
	whole := &wholeParts{pkg: pkg}
	if err := checkSharedStrings(pkg, whole); err != nil {
		return wb, err
	}
	formats, err := checkStyles(pkg, whole)
	if err != nil {
		return wb, err
	}
	if len(toRead) == 0 {
		return wb, jixiao.Invalid("%s：工作簿中没有可见的工作表（工作表都被隐藏了，或只有图表）。请在 Excel 中取消隐藏含自评表的工作表并保存后再上传", name)
	}
	type scanned struct {
		sheet
		sc *scan
	}
	var (
		read      []scanned
		parts     []string
		cells     int64 // table cells of the sheets read
		formatted int   // cells of the sheets read shown through a number format
	)
	for _, s := range toRead {
		sc, err := scanSheet(pkg, s.name, s.part, formats)
		if err != nil {
			return wb, err
		}
		if sc.tooMuch != nil {
			wb.skip(sc.tooMuch)
			continue
		}
		n := int64(sc.rows) * int64(sc.maxCol+1)
		if n > MaxTableCells {
			wb.skip(tooWide(name, s.name, sc.rows, sc.maxCol+1))
			continue
		}
		if sc.maxCol >= jixiao.MaxColumns {
			// a stray cell far right would make every row that wide
			wb.skip(jixiao.TooMany(name, fmt.Sprintf("工作表“%s”的已用列数（最右的内容在第 %d 列）", s.name, sc.maxCol+1), jixiao.MaxColumns))
			continue
		}
		if sc.formatted > MaxFormattedCells {
			wb.skip(jixiao.TooMany(name, fmt.Sprintf("工作表“%s”中设置了数字格式的单元格数", s.name), MaxFormattedCells))
			continue
		}
		if cells += n; cells > MaxTableCells {
			return wb, jixiao.TooMany(name, "各工作表已用区域（有内容的行 × 列）合计的单元格数", MaxTableCells)
		}
		if formatted += sc.formatted; formatted > MaxFormattedCells {
			return wb, jixiao.TooMany(name, "各工作表中设置了数字格式的单元格合计数", MaxFormattedCells)
		}
		read = append(read, scanned{s, sc})
		parts = append(parts, s.part)
	}
	if len(read) == 0 {
		return wb, nil
	}

	defer func() {
		if p := recover(); p != nil { // excelize on a malformed file
			wb = workbookRead{}
			err = &jixiao.Error{Kind: jixiao.KindInvalid, Err: fmt.Errorf("excelize: %v", p), Message: fmt.Sprintf(
				"%s：工作簿内容异常，无法读取。请用 Excel 或 WPS 打开该文件并另存为 .xlsx 后重新上传", name)}
		}
	}()
	f, err := openExcelize(pkg, parts)
	if err != nil {
		return wb, err
	}
	defer f.Close()
	for _, s := range read {
		values, tooLong, err := readValues(f, name, s.name)
		if err != nil {
			return workbookRead{}, err
		}
		if tooLong != nil {
			wb.skip(tooLong)
			continue
		}
		if len(s.sc.uncached) > 0 {
			wb.warnings = append(wb.warnings, uncachedWarning(name, s.name, s.sc.uncached))
		}
		hideUnseen(values, s.sc)
		t, w := buildTable(values, s.sc)
		if w.work {
			wb.skip(jixiao.Invalid("%s：工作表“%s”的合并单元格互相重叠或过于复杂，不像自评表，已跳过。请在 Excel 中取消多余的合并后再上传", name, s.name))
			continue
		}
		if w.wide {
			wb.skip(tooWide(name, s.name, w.rows, w.cols))
			continue
		}
		doc := &layout.Document{Name: name + ":" + s.name}
		if len(t.Rows) > 0 {
			doc.AddTable(t)
		}
		wb.docs = append(wb.docs, doc)
	}
	return wb, nil
}

func unreadable(name, sheet string, err error) error {
	where := ""
	if sheet != "" {
		where = fmt.Sprintf("的工作表“%s”", sheet)
	}
	return &jixiao.Error{Kind: jixiao.KindInvalid, Err: err, Message: fmt.Sprintf(
		"%s%s无法读取，文件可能已损坏或由不兼容的软件生成。请用 Excel 或 WPS 打开该文件并另存为 .xlsx 后重新上传", name, where)}
}

func tooWide(name, sheet string, rows, cols int) *jixiao.Error {
	return jixiao.Invalid("%s：工作表“%s”的已用区域过大（%d 行 × %d 列），不像自评表，已跳过。如果自评表在这个工作表中，请删除表格以外的多余内容（例如远处的单元格）后再上传", name, sheet, rows, cols)
}

func uncachedWarning(name, sheet string, cells []cellKey) string {
	const show = 10
	refs := make([]string, 0, show)
	for _, k := range cells[:min(len(cells), show)] {
		ref, _ := excelize.CoordinatesToCellName(k.c+1, k.r+1)
		refs = append(refs, sheet+"!"+ref)
	}
	list := strings.Join(refs, "、")
	if len(cells) > show {
		list += fmt.Sprintf(" 等 %d 个单元格", len(cells))
	}
	return fmt.Sprintf("%s：%s 的公式没有缓存的计算结果，已按空白读取。请用 Excel 打开该文件，重新计算（按 F9）并保存后再上传", name, list)
}

// hideUnseen blanks the values of hidden rows and columns, which neither the
// screen nor the printout shows (a stale row hidden instead of deleted, a
// column keeping last year's targets), except the text of a merged range
// that reaches visible cells.
func hideUnseen(values []sheetRow, sc *scan) {
	if len(sc.hiddenRows) == 0 && len(sc.hiddenCols) == 0 {
		return
	}
	width := 0
	for _, row := range values {
		width = max(width, len(row.cells))
	}
	// hiddenBefore[c] counts the hidden columns before column c
	mark := make([]int, width+1)
	for _, h := range sc.hiddenCols {
		if h.c1 < width {
			mark[h.c1]++
			mark[min(h.c2+1, width)]--
		}
	}
	hiddenBefore := make([]int, width+1)
	for c, run := 0, 0; c < width; c++ {
		run += mark[c]
		hiddenBefore[c+1] = hiddenBefore[c]
		if run > 0 {
			hiddenBefore[c+1]++
		}
	}
	colHidden := func(c int) bool { return c < width && hiddenBefore[c+1] > hiddenBefore[c] }
	rows := make([]int, 0, len(sc.hiddenRows))
	for r := range sc.hiddenRows {
		rows = append(rows, r)
	}
	slices.Sort(rows)
	hiddenIn := func(r1, r2 int) int { // hidden rows in r1..r2
		a, _ := slices.BinarySearch(rows, r1)
		b, _ := slices.BinarySearch(rows, r2+1)
		return b - a
	}
	// visible reports whether a merged range holds a cell in a visible row
	// and a visible column
	visible := func(m rect) bool {
		c2 := min(m.c2, width-1)
		cols := c2 - m.c1 + 1
		return hiddenIn(m.r1, m.r2) < m.r2-m.r1+1 && (cols <= 0 || hiddenBefore[c2+1]-hiddenBefore[m.c1] < cols || m.c2 >= width)
	}
	keep := make(map[cellKey]rect, len(sc.merges))
	for _, m := range sc.merges {
		keep[cellKey{m.r1, m.c1}] = m
	}
	for _, row := range values {
		r, cells := row.r, row.cells
		rowHidden := sc.hiddenRows[r]
		for c, v := range cells {
			if v == "" || !rowHidden && !colHidden(c) {
				continue
			}
			if m, ok := keep[cellKey{r, c}]; ok && visible(m) {
				continue
			}
			cells[c] = ""
		}
	}
}

// buildTrouble says why a table was not built.
type buildTrouble struct {
	work       bool // merges too many or overlapping
	wide       bool // the table would be too large
	rows, cols int
}

// mergeSweep gives, row after row in increasing order, the merged ranges
// covering the row, ordered by first column (then by their order in the
// sheet): each range enters once and leaves once, so the cost follows the
// ranges and the rows they cover, not rows × ranges. The work done is added
// to *work.
type mergeSweep struct {
	byTop  []indexedRect // by first row, then first column and order
	next   int
	active []indexedRect // ranges covering the last row asked
	fresh  []indexedRect // scratch
	work   *int
}

type indexedRect struct {
	rect
	i int // order in the sheet
}

func byColumn(a, b indexedRect) int {
	if a.c1 != b.c1 {
		return a.c1 - b.c1
	}
	return a.i - b.i
}

func newMergeSweep(merges []rect, work *int) *mergeSweep {
	s := &mergeSweep{byTop: make([]indexedRect, len(merges)), work: work}
	for i, m := range merges {
		s.byTop[i] = indexedRect{m, i}
	}
	slices.SortFunc(s.byTop, func(a, b indexedRect) int {
		if a.r1 != b.r1 {
			return a.r1 - b.r1
		}
		return byColumn(a, b)
	})
	return s
}

// at returns the ranges covering row r; rows are asked in increasing order.
func (s *mergeSweep) at(r int) []indexedRect {
	*s.work += len(s.active)
	kept := s.active[:0]
	for _, m := range s.active {
		if m.r2 >= r {
			kept = append(kept, m)
		}
	}
	s.fresh = s.fresh[:0]
	for ; s.next < len(s.byTop) && s.byTop[s.next].r1 <= r; s.next++ {
		if m := s.byTop[s.next]; m.r2 >= r {
			s.fresh = append(s.fresh, m)
		}
	}
	if len(s.fresh) == 0 {
		s.active = kept
		return s.active
	}
	// merge the two lists, both ordered by column
	slices.SortFunc(s.fresh, byColumn)
	*s.work += len(kept) + len(s.fresh)
	merged := make([]indexedRect, 0, len(kept)+len(s.fresh))
	i, j := 0, 0
	for i < len(kept) && j < len(s.fresh) {
		if byColumn(kept[i], s.fresh[j]) <= 0 {
			merged = append(merged, kept[i])
			i++
		} else {
			merged = append(merged, s.fresh[j])
			j++
		}
	}
	merged = append(append(merged, kept[i:]...), s.fresh[j:]...)
	s.active = merged
	return s.active
}

// buildTable lays the sheet's values out as a table: rows without text are
// dropped, columns outside the used range too; a merged range appears once at
// its top-left with the merged width, and as a Merged empty cell on the rows
// below its first. Overlapping merged ranges (which Excel does not write)
// could make the work grow as rows × ranges: past maxWork the table is not
// built.
func buildTable(values []sheetRow, sc *scan) (*layout.Table, buildTrouble) {
	work := 0
	// covering returns the merged range of active covering column c.
	covering := func(active []indexedRect, c int) (rect, bool) {
		for _, m := range active {
			work++
			if m.c1 > c {
				break
			}
			if c <= m.c2 {
				return m.rect, true
			}
		}
		return rect{}, false
	}

	// the rows holding text outside merged-over cells, and the used columns
	var rows []int // indexes in values
	minCol, maxCol := maxCols, -1
	sweep := newMergeSweep(sc.merges, &work)
	for i, row := range values {
		if !hasText(row.cells) {
			continue
		}
		r := row.r
		active := sweep.at(r)
		if work > maxWork {
			return nil, buildTrouble{work: true}
		}
		found := false
		for c, v := range row.cells {
			if strings.TrimSpace(v) == "" {
				continue
			}
			m, ok := covering(active, c)
			if ok && (m.r1 != r || m.c1 != c) {
				continue // a value hidden under a merged range
			}
			found = true
			minCol, maxCol = min(minCol, c), max(maxCol, c)
			if ok {
				maxCol = max(maxCol, m.c2)
			}
		}
		if work > maxWork {
			return nil, buildTrouble{work: true}
		}
		if found {
			rows = append(rows, i)
		}
	}
	t := &layout.Table{}
	if len(rows) == 0 {
		return t, buildTrouble{}
	}
	width := maxCol - minCol + 1
	if int64(len(rows))*int64(width) > MaxTableCells {
		return nil, buildTrouble{wide: true, rows: len(rows), cols: width}
	}

	sweep = newMergeSweep(sc.merges, &work)
	for _, i := range rows {
		r, values := values[i].r, values[i].cells
		text := func(c int) string {
			if c >= len(values) {
				return ""
			}
			return clean(values[c], sc.numeric[cellKey{r, c}])
		}
		active := sweep.at(r)
		cells := make([]layout.Cell, 0, width)
		plain := true // no cell but the first comes from a merged range
		for c := minCol; c <= maxCol; {
			m, ok := covering(active, c)
			if work > maxWork {
				return nil, buildTrouble{work: true}
			}
			if !ok {
				cells = append(cells, layout.Cell{Text: text(c), Col: c - minCol, Span: 1})
				c++
				continue
			}
			end := min(m.c2, maxCol)
			cell := layout.Cell{Col: c - minCol, Span: end - c + 1}
			switch {
			case m.r1 < r:
				cell.Merged = true
			case m.c1 == c: // the top-left cell (a range starting left of the used columns has no text here)
				cell.Text = text(c)
			}
			if len(cells) > 0 || m.r2 > m.r1 || cell.Merged {
				plain = false
			}
			cells = append(cells, cell)
			c = end + 1
		}
		// a title or footnote: the only text, in the first column, with
		// nothing merged around it, spans the table
		if plain && cells[0].Text != "" && cells[0].Col == 0 && onlyFirst(cells) {
			cells = []layout.Cell{{Text: cells[0].Text, Col: 0, Span: width}}
		}
		t.Rows = append(t.Rows, layout.Row{Cells: cells})
	}
	return t, buildTrouble{}
}

func onlyFirst(cells []layout.Cell) bool {
	for _, c := range cells[1:] {
		if c.Text != "" || c.Span != 1 || c.Merged {
			return false
		}
	}
	return true
}

func hasText(cells []string) bool {
	for _, v := range cells {
		if strings.TrimSpace(v) != "" {
			return true
		}
	}
	return false
}

// clean normalises a cell's displayed value: line breaks as "\n", surrounding
// whitespace trimmed, and for numbers no thousands separators ("10,926.20"
// reads "10926.20"; percentages and decimals stay as displayed).
func clean(v string, numeric bool) string {
	if strings.ContainsRune(v, '\r') {
		v = strings.ReplaceAll(v, "\r\n", "\n")
		v = strings.ReplaceAll(v, "\r", "\n")
	}
	v = strings.TrimSpace(v)
	if numeric && strings.IndexByte(v, ',') >= 0 {
		v = stripGrouping(v)
	}
	return v
}

// stripGrouping removes the commas that group digits by three.
func stripGrouping(s string) string {
	digit := func(i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && digit(i-1) && digit(i+1) && digit(i+2) && digit(i+3) && !digit(i+4) {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
