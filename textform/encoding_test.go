package textform

import (
	"strings"
	"testing"
)

// looksLikeText counts control characters by their bytes: C0 (but tab,
// line feed, carriage return, form feed), DEL and C1 are controls.
func TestLooksLikeText(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"项目名称\t北京市\r\n", true},
		{"abc\x01def", false},                       // 1 control in 7 runes
		{strings.Repeat("正常文字", 30) + "\x7f", true}, // 1 in 121
		{strings.Repeat("文", 50) + "\u0085\u0085", false},
		{"a\uFFFDb", false},
		{"a\x00b", false},
	} {
		if got := looksLikeText([]byte(tt.in)); got != tt.want {
			t.Errorf("looksLikeText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
