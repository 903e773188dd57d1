package xlsx_test

import (
	"testing"

	"github.com/jixiao/jixiao/internal/reftest"
)

// Hidden rows and columns are what neither the screen nor the printout
// shows: a stale indicator row the clerk hid instead of deleting, a hidden
// column keeping last year's targets. A reviewer does not see them, so the
// reading does not either.
func TestHiddenRowsAndColumns(t *testing.T) {
	b := openRef(t)
	if err := b.f.InsertRows(refSheet, 20, 1); err != nil {
		t.Fatal(err)
	}
	b.set("D20", "指标6：2019年专利导航项目", "")
	b.set("E20", "不少于5项", "")
	b.set("F20", "3项", "")
	b.set("G20", "已完成", "")
	if err := b.f.SetRowVisible(refSheet, 20, false); err != nil {
		t.Fatal(err)
	}
	if err := b.f.InsertCols(refSheet, "F", 1); err != nil {
		t.Fatal(err)
	}
	b.set("F14", "上年指标值", "")
	b.set("F15", "不少于9000件", "")
	b.set("F16", "不少于20家", "")
	if err := b.f.SetColVisible(refSheet, "F", false); err != nil {
		t.Fatal(err)
	}
	got, _ := xlsxReading(t, b.bytes())
	sameReading(t, got, textReading(t, reftest.Text(t)))
}

// A hidden row that starts merged labels keeps them for the visible rows
// below: hiding the first indicator row leaves 产出指标/数量指标 to the
// second.
func TestHiddenRowStartingMerges(t *testing.T) {
	b := openRef(t)
	if err := b.f.SetRowVisible(refSheet, 15, false); err != nil {
		t.Fatal(err)
	}
	got, f := xlsxReading(t, b.bytes())
	want := textReading(t, reftest.Text(t))
	if len(got.Statuses) != len(want.Statuses)-1 {
		t.Fatalf("%d indicators, want %d", len(got.Statuses), len(want.Statuses)-1)
	}
	if i := f.Indicators[0]; i.Level1 != "产出指标" || i.Level2 != "数量指标" || i.Name != "专利技术产业化项目资助" {
		t.Errorf("first indicator %s/%s/%s", i.Level1, i.Level2, i.Name)
	}
	if f.Funds.Lines[0].Budget.Text != "10926.2" {
		t.Errorf("funds %+v", f.Funds.Lines[0])
	}
}
