package docx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

// Write writes the forms as one Word document in the official layout, one
// form after another (a page break between). findings[i], when findings is
// non-nil, are the audit findings of forms[i]: each becomes a Word comment
// anchored on the offending cell, and a final 审核意见 section lists them
// all in order.
//
// The layout is layout.Render's, shared with the Excel writer, and mirrors
// the official template (testdata/forms/*.docx): 附件1,
// the title, the year line, one bordered table of seven grid columns with
// vertical merges for 资金情况, 总体目标完成情况, 绩效指标 and the runs of level-1
// and level-2 names, then the footnotes and the 填表人 line as paragraphs
// below the table. Scored forms get nine columns: 分值/得分 after
// 全年实际完成值, 年初预算数/分值/得分 in the funds rows when present, and the
// 总分 and 自评等级 rows. A 所属区域 row is added only when the region cannot be
// derived from the program or unit name. Texts are written as they are in
// the form; a blank execution rate with A > 0 is filled with B/A (two
// decimals). The 审核意见 section opens with a summary line naming the
// 自评表, which readers take for a new (empty) form, so that the labels the
// findings quote are never read into the forms above.
//
// now is the time the document records as its creation and modification
// (docProps/core.xml, the zip entries): the same forms written at the same
// now give the same bytes.
func Write(w io.Writer, forms []*jixiao.Form, findings [][]jixiao.Finding, now time.Time) error {
	if err := jixiao.ValidateExport(forms, findings); err != nil {
		return err
	}
	dw := &docWriter{
		forms:    forms,
		findings: findings,
		date:     now.UTC().Format("2006-01-02T15:04:05Z"),
	}
	dw.body.Grow(64 << 10)
	dw.document()

	zw := zip.NewWriter(w)
	// one compressor for all parts (they are written one after another),
	// reused across calls: a flate writer costs about a megabyte to make
	fl, _ := flatePool.Get().(*flate.Writer)
	defer func() {
		if fl != nil {
			flatePool.Put(fl)
		}
	}()
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fl == nil {
			var err error
			if fl, err = flate.NewWriter(out, flate.BestSpeed); err != nil {
				return nil, err
			}
		} else {
			fl.Reset(out)
		}
		return fl, nil
	})
	withComments := dw.comments.Len() > 0
	parts := []struct {
		name string
		body []byte
	}{
		{"[Content_Types].xml", contentTypes(withComments)},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", dw.coreProps()},
		{"docProps/app.xml", []byte(appProps)},
		{"word/_rels/document.xml.rels", documentRels(withComments)},
		{"word/document.xml", dw.body.Bytes()},
		{"word/styles.xml", []byte(stylesXML)},
		{"word/settings.xml", []byte(settingsXML)},
		{"word/fontTable.xml", []byte(fontTableXML)},
	}
	if withComments {
		parts = append(parts, struct {
			name string
			body []byte
		}{"word/comments.xml", dw.commentsPart()})
	}
	for _, p := range parts {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return writeFailed(err)
		}
		if _, err := fw.Write(p.body); err != nil {
			return writeFailed(err)
		}
	}
	if err := zw.Close(); err != nil {
		return writeFailed(err)
	}
	return nil
}

var flatePool sync.Pool

func writeFailed(err error) error {
	return &jixiao.Error{Kind: jixiao.KindInternal, Message: "写入 Word 文件失败", Err: err}
}

// Text width of an A4 portrait page with 1.8 cm side margins, in twips.
const (
	pageMargin    = 1020
	pageTextWidth = 11906 - 2*pageMargin
	commentAuthor = "jixiao"
	commentInits  = "JX"
)

// Grid column widths (twips): 绩效指标 label, 一级, 二级, 三级, 指标值, 全年实际完成值,
// [分值, 得分,] 未完成原因和改进措施. Each sums to pageTextWidth.
var (
	gridPlain  = []int{820, 980, 1130, 1950, 1430, 1950, 1606}
	gridScored = []int{780, 920, 1030, 1640, 1280, 1640, 630, 630, 1316}
)

// Paragraph alignment.
const (
	alignLeft uint8 = iota
	alignCenter
	alignBoth
)

// docWriter writes word/document.xml and word/comments.xml.
type docWriter struct {
	forms    []*jixiao.Form
	findings [][]jixiao.Finding
	date     string
	body     bytes.Buffer
	comments bytes.Buffer
	nextID   int
}

func (dw *docWriter) formFindings(i int) []jixiao.Finding {
	if dw.findings == nil || i >= len(dw.findings) {
		return nil
	}
	return dw.findings[i]
}

// anchor is a paragraph (row and cell -1) or a cell of a rendered form.
type anchor struct{ block, row, cell int }

func (dw *docWriter) document() {
	b := &dw.body
	b.WriteString(xmlHeader)
	b.WriteString(`<w:document xmlns:w="` + wNS + `" xmlns:r="` + rNS + `"><w:body>`)
	for i, f := range dw.forms {
		doc := layout.Render(f)
		ids := map[anchor][]int{}
		for k := range dw.formFindings(i) {
			fd := &dw.findings[i][k]
			id := dw.nextID
			dw.nextID++
			blk, r, c, _ := doc.CellFor(*fd)
			at := anchor{blk, r, c}
			ids[at] = append(ids[at], id)
			dw.comment(id, fd)
		}
		dw.form(doc, ids, i > 0)
	}
	if dw.findings != nil {
		dw.auditSection()
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1247" w:right="` + strconv.Itoa(pageMargin) + `" w:bottom="1247" w:left="` + strconv.Itoa(pageMargin) + `" w:header="851" w:footer="851" w:gutter="0"/>` +
		`<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
}

// form writes a rendered form: its paragraphs in their styles, its table,
// each with the comments anchored on it.
func (dw *docWriter) form(doc *layout.Document, ids map[anchor][]int, pageBreak bool) {
	footnotes := 0
	for i := range doc.Blocks {
		blk := &doc.Blocks[i]
		if blk.Table != nil {
			dw.table(blk.Table, i, ids)
			continue
		}
		o := paraOpts{style: "Normal"}
		switch blk.Kind {
		case layout.KindAttachment:
			o = paraOpts{style: "Attachment", pageBreak: pageBreak}
		case layout.KindTitle:
			o.style = "FormTitle"
		case layout.KindYear:
			o.style = "YearLine"
		case layout.KindFootnote:
			// the footnotes after the first (注：1. …) are indented under it
			o.style = "Footnote"
			if footnotes > 0 {
				o.indent = 420
			}
			footnotes++
		case layout.KindFiller:
			o.style = "Filler"
		}
		dw.para(o, blk.Paragraph, ids[anchor{i, -1, -1}])
	}
}

func (dw *docWriter) table(t *layout.Table, block int, ids map[anchor][]int) {
	grid := gridPlain
	if len(t.Rows) > 0 {
		n := 0
		for _, c := range t.Rows[0].Cells {
			n += c.Span
		}
		if n == len(gridScored) {
			grid = gridScored
		}
	}
	b := &dw.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="`)
	b.WriteString(strconv.Itoa(pageTextWidth))
	b.WriteString(`" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>` +
		`<w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>` +
		`<w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>` +
		`</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>`)
	for _, w := range grid {
		b.WriteString(`<w:gridCol w:w="`)
		b.WriteString(strconv.Itoa(w))
		b.WriteString(`"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	for ri := range t.Rows {
		cells := t.Rows[ri].Cells
		// a row is kept on one page unless it is too long to fit on one
		n := 0
		for i := range cells {
			n += utf8.RuneCountInString(cells[i].Text)
		}
		if n < 600 {
			b.WriteString(`<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="397"/></w:trPr>`)
		} else {
			b.WriteString(`<w:tr><w:trPr><w:trHeight w:val="397"/></w:trPr>`)
		}
		// the 绩效指标 header row stays on the page of the first indicator
		keepNext := len(cells) > 0 && cells[0].Ref.Section == jixiao.SectionIndicators && cells[0].Rows > 1
		for i := range cells {
			c := &cells[i]
			width := 0
			for k := c.Col; k < c.Col+c.Span && k < len(grid); k++ {
				width += grid[k]
			}
			dw.cell(c, width, keepNext, ids[anchor{block, ri, i}])
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

func (dw *docWriter) cell(c *layout.Cell, width int, keepNext bool, ids []int) {
	b := &dw.body
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="`)
	b.WriteString(strconv.Itoa(width))
	b.WriteString(`" w:type="dxa"/>`)
	if c.Span > 1 {
		b.WriteString(`<w:gridSpan w:val="`)
		b.WriteString(strconv.Itoa(c.Span))
		b.WriteString(`"/>`)
	}
	switch {
	case c.Rows > 1:
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case c.Merged:
		b.WriteString(`<w:vMerge/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
	align := alignLeft
	if c.Kind.Centred() {
		align = alignCenter
	}
	dw.para(paraOpts{style: "TableText", align: align, setAlign: true, keepNext: keepNext}, c.Text, ids)
	b.WriteString(`</w:tc>`)
}

type paraOpts struct {
	style     string
	align     uint8
	setAlign  bool
	pageBreak bool
	keepNext  bool
	indent    int // left indent, twips
	bold      bool
}

// para writes a paragraph holding text, with the comments ids anchored on it.
func (dw *docWriter) para(o paraOpts, text string, ids []int) {
	b := &dw.body
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	b.WriteString(o.style)
	b.WriteString(`"/>`)
	if o.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if o.pageBreak {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	if o.indent > 0 {
		b.WriteString(`<w:ind w:left="`)
		b.WriteString(strconv.Itoa(o.indent))
		b.WriteString(`"/>`)
	}
	if o.setAlign {
		switch o.align {
		case alignCenter:
			b.WriteString(`<w:jc w:val="center"/>`)
		case alignBoth:
			b.WriteString(`<w:jc w:val="both"/>`)
		default:
			b.WriteString(`<w:jc w:val="left"/>`)
		}
	}
	b.WriteString(`</w:pPr>`)
	for _, id := range ids {
		b.WriteString(`<w:commentRangeStart w:id="`)
		b.WriteString(strconv.Itoa(id))
		b.WriteString(`"/>`)
	}
	if text != "" {
		writeRun(b, text, o.bold)
	}
	for _, id := range ids {
		s := strconv.Itoa(id)
		b.WriteString(`<w:commentRangeEnd w:id="`)
		b.WriteString(s)
		b.WriteString(`"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="`)
		b.WriteString(s)
		b.WriteString(`"/></w:r>`)
	}
	b.WriteString(`</w:p>`)
}

// writeRun writes text as one run: line breaks as w:br, tabs as w:tab.
func writeRun(b *bytes.Buffer, text string, bold bool) {
	b.WriteString(`<w:r>`)
	if bold {
		b.WriteString(`<w:rPr><w:b/><w:bCs/></w:rPr>`)
	}
	start := 0
	flush := func(end int) {
		if end > start {
			b.WriteString(`<w:t xml:space="preserve">`)
			escapeXML(b, text[start:end])
			b.WriteString(`</w:t>`)
		}
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			flush(i)
			b.WriteString(`<w:br/>`)
			start = i + 1
		case '\r':
			flush(i)
			if i+1 >= len(text) || text[i+1] != '\n' {
				b.WriteString(`<w:br/>`)
			}
			start = i + 1
		case '\t':
			flush(i)
			b.WriteString(`<w:tab/>`)
			start = i + 1
		}
	}
	flush(len(text))
	b.WriteString(`</w:r>`)
}

// escapeXML writes s as XML character data: markup characters escaped,
// characters XML 1.0 does not allow dropped, invalid UTF-8 replaced by U+FFFD.
func escapeXML(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '"':
				rep = "&quot;"
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				rep = ""
			default:
				i++
				continue
			}
			b.WriteString(s[last:i])
			b.WriteString(rep)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
			b.WriteString(s[last:i])
			b.WriteString("\uFFFD")
			i += size
			last = i
			continue
		}
		i += size
	}
	b.WriteString(s[last:])
}

// findingText is the text of a comment: [错误] message (rule).
func findingText(f *jixiao.Finding) string {
	return "[" + f.Severity.Label() + "] " + f.Message + " (" + f.Rule + ")"
}

func (dw *docWriter) comment(id int, f *jixiao.Finding) {
	b := &dw.comments
	b.WriteString(`<w:comment w:id="`)
	b.WriteString(strconv.Itoa(id))
	b.WriteString(`" w:author="` + commentAuthor + `" w:date="`)
	b.WriteString(dw.date)
	b.WriteString(`" w:initials="` + commentInits + `"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>` +
		`<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>`)
	writeRun(b, findingText(f), false)
	b.WriteString(`</w:p></w:comment>`)
}

func (dw *docWriter) commentsPart() []byte {
	var b bytes.Buffer
	b.Grow(dw.comments.Len() + 256)
	b.WriteString(xmlHeader)
	b.WriteString(`<w:comments xmlns:w="` + wNS + `">`)
	b.Write(dw.comments.Bytes())
	b.WriteString(`</w:comments>`)
	return b.Bytes()
}

// auditSection writes 审核意见: a heading, then one numbered paragraph per
// finding in form order; with several forms, a line naming each form first.
func (dw *docWriter) auditSection() {
	dw.para(paraOpts{style: "AuditHeading", pageBreak: true}, "审核意见", nil)
	// The summary line names the 自评表: a reader of the layout takes it for
	// the title of a new form, so that labels quoted in the findings below
	// (填表人, 全年预算数…) are never read into the forms above.
	var sum jixiao.Summary
	for i := range dw.forms {
		s := jixiao.Summarize(dw.formFindings(i))
		sum.Errors += s.Errors
		sum.Warnings += s.Warnings
		sum.Infos += s.Infos
	}
	total := 0
	for i := range dw.forms {
		total += len(dw.formFindings(i))
	}
	summary := "经审核，上述自评表未发现问题。"
	if total > 0 {
		summary = "以下是对上述自评表的审核意见，共 " + strconv.Itoa(total) + " 条：错误 " + strconv.Itoa(sum.Errors) +
			" 条，警告 " + strconv.Itoa(sum.Warnings) + " 条，提示 " + strconv.Itoa(sum.Infos) + " 条。"
	}
	dw.para(paraOpts{style: "AuditSummary"}, summary, nil)
	n := 0
	several := len(dw.forms) > 1
	for i, f := range dw.forms {
		fs := dw.formFindings(i)
		if several {
			name := f.Header.Program
			if name == "" {
				name = f.Header.Unit
			}
			if name == "" {
				name = f.Title
			}
			line := "第" + strconv.Itoa(i+1) + "张表"
			if name != "" {
				line += "：" + name
			}
			if len(fs) == 0 {
				line += "（未发现问题）"
			}
			dw.para(paraOpts{style: "AuditForm"}, line, nil)
		}
		for k := range fs {
			fd := &fs[k]
			n++
			dw.para(paraOpts{style: "AuditItem"}, strconv.Itoa(n)+". 【"+fd.Severity.Label()+"】"+fd.At+"："+fd.Message+" ["+fd.Rule+"]", nil)
		}
	}
}

func (dw *docWriter) coreProps() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>`)
	title := "转移支付区域（项目）绩效目标自评表"
	if len(dw.forms) == 1 && dw.forms[0].Title != "" {
		title = dw.forms[0].Title
	}
	escapeXML(&b, title)
	b.WriteString(`</dc:title><dc:creator>jixiao</dc:creator><cp:lastModifiedBy>jixiao</cp:lastModifiedBy>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">`)
	b.WriteString(dw.date)
	b.WriteString(`</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">`)
	b.WriteString(dw.date)
	b.WriteString(`</dcterms:modified></cp:coreProperties>`)
	return b.Bytes()
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wNS       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	rNS       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relNS     = "http://schemas.openxmlformats.org/package/2006/relationships"
	relDocNS  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

func contentTypes(withComments bool) []byte {
	s := xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`
	if withComments {
		s += `<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>`
	}
	return []byte(s + `</Types>`)
}

const packageRels = xmlHeader + `<Relationships xmlns="` + relNS + `">` +
	`<Relationship Id="rId1" Type="` + relDocNS + `/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relDocNS + `/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const appProps = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
	`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>jixiao</Application></Properties>`

func documentRels(withComments bool) []byte {
	s := xmlHeader + `<Relationships xmlns="` + relNS + `">` +
		`<Relationship Id="rId1" Type="` + relDocNS + `/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="` + relDocNS + `/settings" Target="settings.xml"/>` +
		`<Relationship Id="rId3" Type="` + relDocNS + `/fontTable" Target="fontTable.xml"/>`
	if withComments {
		s += `<Relationship Id="rId4" Type="` + relDocNS + `/comments" Target="comments.xml"/>`
	}
	return []byte(s + `</Relationships>`)
}

const settingsXML = xmlHeader + `<w:settings xmlns:w="` + wNS + `">` +
	`<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`</w:settings>`

// fonts: Latin text in Times New Roman, Chinese in 宋体 (table), 仿宋_GB2312
// (body) and 黑体 (title, headings).
func rFonts(eastAsia string) string {
	return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + eastAsia + `" w:cs="Times New Roman"/>`
}

func paraStyle(id, name, pPr, rPr string) string {
	return `<w:style w:type="paragraph" w:customStyle="1" w:styleId="` + id + `"><w:name w:val="` + name + `"/>` +
		`<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>` + pPr + `</w:pPr><w:rPr>` + rPr + `</w:rPr></w:style>`
}

func fontSize(halfPoints int) string {
	s := strconv.Itoa(halfPoints)
	return `<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`
}

var stylesXML = xmlHeader + `<w:styles xmlns:w="` + wNS + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts("仿宋_GB2312") + `<w:kern w:val="2"/>` + fontSize(24) +
	`<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr>` + rFonts("仿宋_GB2312") + fontSize(24) + `</w:rPr></w:style>` +
	`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>` +
	`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
	`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	paraStyle("Attachment", "附件标注", `<w:spacing w:after="120"/><w:jc w:val="left"/>`, rFonts("黑体")+fontSize(32)) +
	paraStyle("FormTitle", "自评表标题", `<w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/>`, rFonts("黑体")+`<w:b/><w:bCs/>`+fontSize(36)) +
	paraStyle("YearLine", "年度", `<w:spacing w:after="120"/><w:jc w:val="center"/>`, rFonts("仿宋_GB2312")+fontSize(28)) +
	paraStyle("TableText", "表格文字", `<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>`, rFonts("宋体")+fontSize(20)) +
	paraStyle("Footnote", "表注", `<w:spacing w:before="60" w:line="300" w:lineRule="auto"/><w:jc w:val="both"/>`, rFonts("仿宋_GB2312")+fontSize(21)) +
	paraStyle("Filler", "填表人", `<w:spacing w:before="120"/><w:jc w:val="left"/>`, rFonts("仿宋_GB2312")+fontSize(24)) +
	`<w:style w:type="paragraph" w:styleId="AuditHeading"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr>` + rFonts("黑体") + fontSize(32) + `</w:rPr></w:style>` +
	paraStyle("AuditSummary", "审核意见摘要", `<w:spacing w:after="120"/><w:jc w:val="left"/>`, rFonts("仿宋_GB2312")+fontSize(24)) +
	paraStyle("AuditForm", "审核意见表名", `<w:keepNext/><w:spacing w:before="240" w:after="60"/><w:jc w:val="left"/>`, rFonts("黑体")+fontSize(24)) +
	paraStyle("AuditItem", "审核意见条目", `<w:spacing w:after="60" w:line="300" w:lineRule="auto"/><w:ind w:left="420" w:hanging="420"/><w:jc w:val="both"/>`, rFonts("仿宋_GB2312")+fontSize(24)) +
	`<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:jc w:val="left"/></w:pPr><w:rPr>` + rFonts("宋体") + fontSize(20) + `</w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/><w:basedOn w:val="DefaultParagraphFont"/>` +
	`<w:rPr>` + fontSize(18) + `</w:rPr></w:style>` +
	`</w:styles>`

const fontTableXML = xmlHeader + `<w:fonts xmlns:w="` + wNS + `">` +
	`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>` +
	`<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>` +
	`</w:fonts>`
