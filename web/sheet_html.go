package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The sheet's HTML is written here in Go, not by a template. A sheet is
// some three hundred cells with half a dozen values each, and html/template
// pays for every value it writes: an action evaluated by reflection and an
// escaper called by reflection. Under the load of issue 12 html/template
// was a third of the server's CPU, the sheet templates (read-only, editor
// and live check) about a quarter (RELIABILITY.md, "Load"); written here
// they cost a tenth to a fifteenth of that (BENCHMARKS.md,
// BenchmarkSheetHTML). The rest of every page stays
// in html/template.
//
// The safety html/template gives is kept by construction: markup is
// constant strings in this file; every value, whatever it is, goes through
// htmlEscaper, and every attribute value is double-quoted. The escaping is
// html/template's own for text and quoted attribute values (the same
// characters, the same replacements), so the pages are what the templates
// wrote; the only URLs are the anchors the roll-up page makes (#…).

// htmlEscaper escapes text and double-quoted attribute values exactly as
// html/template does in those contexts.
var htmlEscaper = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// htmlBuilder writes HTML: raw for the constant markup, text for values.
type htmlBuilder struct{ strings.Builder }

func (b *htmlBuilder) raw(s ...string) {
	for _, x := range s {
		b.WriteString(x)
	}
}

func (b *htmlBuilder) text(s string) { htmlEscaper.WriteString(&b.Builder, s) }

// attr writes ` name="value"`, value escaped.
func (b *htmlBuilder) attr(name, value string) {
	b.raw(" ", name, `="`)
	b.text(value)
	b.WriteByte('"')
}

func (b *htmlBuilder) html() template.HTML { return template.HTML(b.String()) }

// HTML is the read-only sheet (the form page, the print view, the upload
// preview, the roll-up): each finding beside its cell or paragraph.
func (sh *sheet) HTML() template.HTML {
	var b htmlBuilder
	b.paper(sh, "paper", "自评表（官方版式）", func(blk *sheetBlock) {
		b.kindClass(blk.Kind, blk.Findings != nil, "")
		b.WriteByte('>')
		b.text(blk.Text)
		b.raw("</p>")
		b.notes(blk.Findings)
	}, func(c *sheetCell) {
		b.openCell(c, c.Findings != nil, "")
		if c.Href != "" {
			b.raw("<a")
			b.attr("href", c.Href)
			b.WriteByte('>')
			b.text(c.Text)
			b.raw("</a>")
		} else {
			b.text(c.Text)
		}
		b.notes(c.Findings)
		b.raw("</td>")
	})
	return b.html()
}

// EditHTML is the editor's sheet of form id: an input in every cell the
// unit writes, the computed rates, the row buttons, a findings slot beside
// every cell (element ids: edit_sheet.go), and the row structure the
// editor posts back, hidden.
func (sh *sheet) EditHTML(id int64) template.HTML {
	rows := "/forms/" + strconv.FormatInt(id, 10) + "/rows"
	var b htmlBuilder
	b.paper(sh, "paper editing", "自评表（官方版式，可填写）", func(blk *sheetBlock) {
		if blk.Edit.Footer != nil {
			b.kindClass(blk.Kind, false, " footer-fields")
			b.WriteByte('>')
			for _, in := range blk.Edit.Footer {
				b.raw("<span><label")
				b.attr("for", in.ID)
				b.WriteByte('>')
				b.text(in.Label)
				b.raw("：</label>")
				b.input(in)
				b.raw("</span> ")
			}
		} else {
			b.kindClass(blk.Kind, false, "")
			b.WriteByte('>')
			b.text(blk.Text)
		}
		b.raw("</p>")
		b.slot(blk.Edit.Slot, blk.Findings, "")
	}, func(c *sheetCell) {
		e := c.Edit
		in := ""
		if e.Name != "" {
			in = " in"
		}
		b.openCell(c, false, in)
		switch {
		case e.Name != "":
			b.input(e)
		case e.Computed != "":
			b.output(e, c.Text, "")
		default:
			b.text(c.Text)
		}
		for _, op := range e.Ops {
			b.raw(`<button type="submit" class="row-op" name="_op"`)
			b.attr("value", op.Op)
			b.attr("formaction", rows)
			b.attr("aria-label", op.Label)
			b.attr("hx-post", rows)
			b.raw(` hx-target="#editor" hx-swap="outerHTML" hx-sync="#edit-sync:queue all">`)
			b.text(op.Text)
			b.raw("</button>")
		}
		b.slot(e.Slot, c.Findings, "")
		b.raw("</td>")
	})
	b.raw("<div hidden>")
	for _, h := range sh.hidden {
		b.raw(`<input type="hidden"`)
		b.attr("name", h[0])
		b.attr("value", h[1])
		b.WriteByte('>')
	}
	b.raw("</div>\n")
	return b.html()
}

// paper writes sh's blocks in a <div class="class">: a paragraph as <p
// id=…> followed by what paragraph writes (its class, its content, </p>,
// its findings), the table with its caption and each cell as cell writes
// it (the whole <td>…</td>).
func (b *htmlBuilder) paper(sh *sheet, class, caption string, paragraph func(*sheetBlock), cell func(*sheetCell)) {
	b.raw("\n<div class=\"", class, "\">\n")
	for i := range sh.Blocks {
		blk := &sh.Blocks[i]
		if blk.Rows == nil {
			b.raw("\n<p")
			b.attr("id", blk.ID)
			paragraph(blk)
			b.raw("\n")
			continue
		}
		b.raw("\n<table class=\"sheet\">\n  <caption class=\"visually-hidden\">", caption, "</caption>\n")
		for _, row := range blk.Rows {
			b.raw("  <tr>")
			for k := range row {
				cell(&row[k])
			}
			b.raw("</tr>\n")
		}
		b.raw("</table>\n")
	}
	b.raw("</div>\n")
}

// CheckHTML is the live check's answer for the cells: every computed
// value and every findings slot the check changes, as out-of-band swaps
// (unchanged marks the slots left as they are).
func (sh *sheet) CheckHTML() template.HTML {
	const oob = ` hx-swap-oob="true"`
	var b htmlBuilder
	for i := range sh.Blocks {
		blk := &sh.Blocks[i]
		if blk.Rows == nil {
			if !blk.Edit.Same {
				b.slot(blk.Edit.Slot, blk.Findings, oob)
				b.WriteByte('\n')
			}
			continue
		}
		for _, row := range blk.Rows {
			for k := range row {
				c := &row[k]
				if c.Edit.Computed != "" {
					b.output(c.Edit, c.Text, oob)
					b.WriteByte('\n')
				}
				if !c.Edit.Same {
					b.slot(c.Edit.Slot, c.Findings, oob)
					b.WriteByte('\n')
				}
			}
		}
	}
	return b.html()
}

// openCell writes a table cell's start tag: its anchor, its style (k-Kind,
// then extra), its spans.
func (b *htmlBuilder) openCell(c *sheetCell, flagged bool, extra string) {
	b.raw("<td")
	b.attr("id", c.ID)
	b.kindClass(c.Kind, flagged, extra)
	if c.Colspan > 1 {
		b.raw(` colspan="`, strconv.Itoa(c.Colspan), `"`)
	}
	if c.Rowspan > 1 {
		b.raw(` rowspan="`, strconv.Itoa(c.Rowspan), `"`)
	}
	b.WriteByte('>')
}

// kindClass writes ` class="k-<kind>[ flagged]<extra>"`.
func (b *htmlBuilder) kindClass(kind string, flagged bool, extra string) {
	b.raw(` class="k-`)
	b.text(kind)
	if flagged {
		b.raw(" flagged")
	}
	b.raw(extra, `"`)
}

// notes writes findings as the sheet shows them beside a cell.
func (b *htmlBuilder) notes(findings []*finding) {
	for _, f := range findings {
		b.raw(`<span class="finding sev-`)
		b.text(string(f.Severity))
		b.raw(`"><span class="tag">`, strconv.Itoa(f.N), "·")
		b.text(f.Severity.Label())
		b.raw("</span> ")
		b.text(f.Message)
		b.raw("</span>")
	}
}

// slot writes a cell's findings slot (extra: attributes after the class).
func (b *htmlBuilder) slot(id string, findings []*finding, extra string) {
	b.raw("<span")
	b.attr("id", id)
	b.raw(` class="notes"`, extra, ">")
	b.notes(findings)
	b.raw("</span>")
}

// output writes a computed value (an execution rate).
func (b *htmlBuilder) output(e *editCell, value, extra string) {
	b.raw("<output")
	b.attr("id", e.Computed)
	b.attr("aria-label", e.Label)
	b.raw(extra, ">")
	b.text(value)
	b.raw("</output>")
}

// input writes a field's input, or textarea when it is multi-line. A
// textarea's first line break is dropped by HTML parsers: one is written
// before the value so that a value starting with one keeps it. An input
// is described by its findings slot: a screen reader reads the findings
// with the field.
func (b *htmlBuilder) input(e *editCell) {
	if e.Multiline {
		b.raw("<textarea")
	} else {
		b.raw("<input")
	}
	b.attr("id", e.ID)
	b.attr("name", e.Name)
	b.attr("aria-label", e.Label)
	b.attr("aria-describedby", e.Slot)
	if e.Multiline {
		b.raw(` rows="`, strconv.Itoa(e.Lines), `"`)
	} else {
		b.attr("value", e.Value)
	}
	if e.Autofocus {
		b.raw(" autofocus")
	}
	b.WriteByte('>')
	if e.Multiline {
		b.WriteByte('\n')
		b.text(e.Value)
		b.raw("</textarea>")
	}
}
