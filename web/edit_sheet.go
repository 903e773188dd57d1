package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
	"github.com/jixiao/jixiao/layout"
)

// The editor's element ids, stable for the end-to-end tests and the
// scripts: a field named ind.15.actual (formedit's names, from the cell's
// layout.Ref) has
//
//	f-ind-15-actual   its input or textarea (aria-label: 产出指标·成本指标·第1行 全年实际完成值)
//	n-ind-15-actual   the slot beside it where the live check puts its findings
//
// a computed execution rate c-funds-<k>-rate (its slot n-funds-<k>-rate);
// a cell without a field keeps its anchor (cell-<block>-<row>-<cell>) and
// its slot is n-cell-…, a paragraph's n-p-<block>. The form is #editor, its
// base version #edit-base, the 保存 button #save-button, the status line
// #edit-status (已自动保存（第 N 版，HH:MM） after an autosave), the summary
// #edit-summary, the conflict panel #conflicts (radios _pick.<field>, the
// button value "merge"), the category list #add-cat. Row buttons post _op:
// add-ind:<last row of the run>, del-ind:<i>, add-fund:<parent or -1>,
// del-fund:<k>, add-cat (with _cat = 一级指标/二级指标).

// editCell is a cell of the editor: its input when the unit writes it,
// its findings slot, its row buttons.
type editCell struct {
	Name, ID, Label, Value string
	Multiline              bool
	Lines                  int  // textarea rows, from the text and the cell's width
	Autofocus              bool // the row just added or the row after one removed
	Slot                   string
	Computed               string // id of a computed value (execution rate)
	Ops                    []rowOp
	Same                   bool // the live check leaves the slot as it is (unchanged)
}

// rowOp is a row button: it posts _op=Op; Label names its row for screen
// readers (删除 alone would not say which).
type rowOp struct{ Op, Text, Label string }

// editBlock is a paragraph of the editor: its findings slot, and the
// 填表人 line's inputs.
type editBlock struct {
	Slot   string
	Footer []*editCell
	Same   bool // the live check leaves the slot as it is
}

// fieldSuffix is the part of the element ids after f-, n-, c-.
func fieldSuffix(name string) string { return strings.ReplaceAll(name, ".", "-") }

// newEditSheet lays f out for editing with its findings: the read-only
// sheet (newSheet) with an input in every cell the unit writes. focus names
// a field to focus (after a row operation). slotsOnly leaves the inputs and
// buttons out: the live check answers only the slots and computed cells.
func newEditSheet(f *jixiao.Form, findings []jixiao.Finding, focus string, slotsOnly bool) (*sheet, []*finding) {
	sh, list := newSheet(f, findings)
	sh.rowOps = hasRowOps(f)
	if !slotsOnly {
		sh.hidden = formedit.Hidden(f)
	}
	for b := range sh.Blocks {
		blk := &sh.Blocks[b]
		if blk.Rows == nil {
			blk.Edit = &editBlock{Slot: "n-" + blk.ID}
			if blk.Kind == kindNames[layout.KindFiller] {
				for _, name := range formedit.FooterNames {
					blk.Edit.Footer = append(blk.Edit.Footer, fieldCell(f, name, 1, focus))
				}
			}
			continue
		}
		for r := range blk.Rows {
			row := blk.Rows[r]
			indicator := -1
			for _, c := range row {
				if c.ref.Section == jixiao.SectionIndicators && c.ref.Indicator >= 0 {
					indicator = c.ref.Indicator
				}
			}
			for k := range row {
				c := &row[k]
				name := formedit.Name(c.ref)
				switch {
				case name != "" && slotsOnly:
					c.Edit = &editCell{Name: name, Slot: "n-" + fieldSuffix(name)}
				case name != "":
					c.Edit = fieldCell(f, name, c.Colspan, focus)
				case c.ref.Section == jixiao.SectionFunds && c.ref.Field == "rate":
					id := fieldSuffix(formedit.RateName(c.ref.FundLine))
					c.Edit = &editCell{Computed: "c-" + id, Slot: "n-" + id, Label: "资金情况·" + f.Funds.Lines[c.ref.FundLine].Name() + " 预算执行率（自动计算）"}
				default:
					c.Edit = &editCell{Slot: "n-" + c.ID}
				}
				if !sh.rowOps || slotsOnly {
					continue
				}
				switch {
				case name != "" && c.ref.Field == "name":
					c.Edit.Ops = []rowOp{{"del-ind:" + strconv.Itoa(indicator), "删除", "删除 " + rowName(f, indicator)}}
				case name != "" && c.ref.Field == "label":
					k := c.ref.FundLine
					c.Edit.Ops = []rowOp{
						{"add-fund:" + strconv.Itoa(k), "添加其中行", "在资金情况第 " + strconv.Itoa(k+1) + " 行下添加其中行"},
						{"del-fund:" + strconv.Itoa(k), "删除", "删除资金情况第 " + strconv.Itoa(k+1) + " 行"},
					}
				case c.ref == layout.Ref{Section: jixiao.SectionFunds, Indicator: -1}:
					c.Edit.Ops = []rowOp{{"add-fund:-1", "添加资金行", "在资金情况末尾添加一行"}}
				case indicator >= 0 && c.Kind == kindNames[layout.KindValue] && c.ref == layout.Ref{} && c.col == 2:
					// the level-2 cell at the start of a run: add a row to the run
					last := indicator + c.Rowspan - 1
					in := &f.Indicators[indicator]
					c.Edit.Ops = []rowOp{{"add-ind:" + strconv.Itoa(last), "添加指标",
						"在" + oneLine(in.Level1) + "·" + oneLine(in.Level2) + "下添加指标"}}
				}
			}
		}
	}
	return sh, list
}

// rowName names indicator row i for a button's label.
func rowName(f *jixiao.Form, i int) string {
	l := formedit.Label(f, "ind."+strconv.Itoa(i)+".name")
	return strings.TrimSuffix(l, " 三级指标")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), "") }

// fieldCell is the input of field name; span is the cell's width in grid
// columns, which sizes a textarea.
func fieldCell(f *jixiao.Form, name string, span int, focus string) *editCell {
	v, _ := formedit.Value(f, name)
	id := fieldSuffix(name)
	c := &editCell{Name: name, ID: "f-" + id, Slot: "n-" + id, Label: formedit.Label(f, name), Value: v,
		Multiline: formedit.Multiline(name), Autofocus: name == focus}
	if c.Multiline {
		width := 12 * max(span, 1) // characters a line of the cell holds, about
		lines := strings.Count(v, "\n") + 1
		for _, l := range strings.Split(v, "\n") {
			lines += utf8.RuneCountInString(l) / width
		}
		c.Lines = min(max(lines, 2), 12)
	}
	return c
}
