package phrase

import "testing"

// TestStarters checks that the fast path of step skips no character that
// one of its rules handles.
func TestStarters(t *testing.T) {
	for r := rune(0); r < 1<<16; r++ {
		handled := isDigit(r) || cnStart(r) || isLetter(r) || isSeparator(r) || closerIndex(r) >= 0 ||
			deadlineWords.first.has(r) || r == '百' || r == '千' || r == '第'
		if handled && !starters.has(r) {
			t.Errorf("%q is handled by step but not a starter", r)
		}
	}
}

// TestFold checks the spellings folded to one.
func TestFold(t *testing.T) {
	cases := map[rune]rune{
		'１': '1', '．': '.', '％': '%', '＞': '>', '＝': '=', '（': '(', '～': '~', '；': ';', '：': ':',
		'≧': '≥', '≦': '≤', '﹦': '=', '═': '=', '—': '-', '－': '-', '\u3000': ' ', '\t': ' ',
		'，': '，', '、': '、', '\n': '\n', '件': '件', 'a': 'a',
	}
	for in, want := range cases {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}
