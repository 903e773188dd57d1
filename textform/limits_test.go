package textform_test

import (
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/textform"
)

// Hostile texts go past a reading limit and are refused, as soon as the
// reader gets there, with a message that names the file and the limit.
func TestLimits(t *testing.T) {
	rows := func(n int, row string) string { return strings.Repeat(row, n) }
	tests := []struct {
		name, text, want string
	}{
		{"paragraphs", rows(jixiao.MaxParagraphs+1, "一段文字\n"), "表格外的段落数（文字行数）超过 20000 的上限"},
		{"rows of one cell", rows(jixiao.MaxRows+1, "\tx\n\n"), "表格的行数超过 20000 的上限"},
		{"tab-separated rows", rows(jixiao.MaxRows+1, "a\tb\n"), "表格的行数超过 20000 的上限"},
		{"one-character cells", rows(jixiao.MaxCells/15+1, strings.Repeat("\tx\n", 15)+"\n"), "单元格数超过 200000 的上限"},
		{"tab-separated cells", rows(jixiao.MaxCells/100+1, "a"+strings.Repeat("\tb", 99)+"\n"), "单元格数超过 200000 的上限"},
		{"tab-separated columns", "a" + strings.Repeat("\t", jixiao.MaxColumns) + "\n", "第 1 行所在表格行的单元格数超过 1000 的上限"},
		{"cell-per-line columns", "标题\n" + rows(jixiao.MaxColumns+1, "\tx\n"), "第 1002 行所在表格行的单元格数超过 1000 的上限"},
		{"long paragraph", "\n" + strings.Repeat("文", jixiao.MaxCellBytes/3+1), "第 2 行的文字超过 64 KB 的上限"},
		{"long tab-separated cell", "a\t" + strings.Repeat("x", jixiao.MaxCellBytes+1), "第 1 行起的一个单元格的文字超过 64 KB 的上限"},
		{"long cell", "\t" + strings.Repeat("x", jixiao.MaxCellBytes+1), "第 1 行起的一个单元格的文字超过 64 KB 的上限"},
		{"continuation lines", "\n\tx\n" + rows(500_000, "y\n"), "第 2 行起的一个单元格的文字超过 64 KB 的上限"},
		{"continuation lines, CR LF", "\tx\r\n" + rows(500_000, "y\r\n"), "第 1 行起的一个单元格的文字超过 64 KB 的上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := textform.ReadDocument("hostile.txt", []byte(tt.text))
			if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("refused after %v", d)
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := jixiao.MessageOf(err)
			if jixiao.KindOf(err) != jixiao.KindInvalid || !strings.HasPrefix(msg, "hostile.txt：") || !strings.Contains(msg, tt.want) {
				t.Errorf("message %q (%s): want the file and %q", msg, jixiao.KindOf(err), tt.want)
			}
		})
	}
}

// Up to the limits a text reads, in time linear in its length: a cell of
// many continuation lines is the span of its lines, not a string grown by
// one line at a time.
func TestAtTheLimits(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		cells int
	}{
		{"continuation lines", "\tx\n" + strings.Repeat("y\n", jixiao.MaxCellBytes/2-2), 1},
		{"cells", strings.Repeat(strings.Repeat("\tx\n", jixiao.MaxColumns)+"\n", jixiao.MaxCells/jixiao.MaxColumns), jixiao.MaxCells},
		{"columns", strings.Repeat("a\t", jixiao.MaxColumns-1) + "a\n", jixiao.MaxColumns},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			doc, err := textform.ReadDocument("big.txt", []byte(tt.text))
			if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("read in %v", d)
			}
			if err != nil {
				t.Fatal(err)
			}
			cells := 0
			for _, b := range doc.Blocks {
				if b.Table != nil {
					for _, r := range b.Table.Rows {
						cells += len(r.Cells)
					}
				}
			}
			if cells != tt.cells {
				t.Errorf("%d cells, want %d", cells, tt.cells)
			}
		})
	}
}
