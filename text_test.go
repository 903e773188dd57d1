package jixiao

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/internal/hanzi"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"不少于7000件", "不少于7000件"},
		{"　不少于7000件　", "不少于7000件"},
		{"[bookmark: _GoBack]2020年", "2020年"},
		{"a[bookmark: x]b[bookmark: y]c", "abc"},
		{"[bookmark: unclosed", "[bookmark: unclosed"},
		{"资金情况\n（万元）", "资金情况\n（万元）"},
		{"\uf0b390%", "≥90%"},   // the Symbol font's ≥ as stored in text
		{"\uf0a3550万", "≤550万"}, // and its ≤
		{"\uf061", "\uf061"},    // α: left alone
		{"  一级 \n 指标  ", "一级\n指标"},
		{"甲\x00乙\x01丙\x1b丁\x7f戊\u0085己\u009f庚\r\n辛", "甲乙丙丁戊己庚\n辛"}, // control characters
		{"甲\t乙\u00a0丙", "甲\t乙\u00a0丙"},                             // a tab and a no-break space are not
		{"x\u200by\ufeffz\u00ad", "xyz"},
		{"[1]", "[1]"},
		{"[book[bookmark: x]mark: y]z", "z"}, // a removal that joins another marker
		{"a[bookmark: x[bookmark: y]b]c", "ab]c"},
		{"a[bookmark: x]b[bookmark: open", "ab[bookmark: open"},
		{"a]b[bookmark:]", "a]b"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// removeBookmarksOneByOne is how markers were removed before: each from
// the start again, in quadratic time. withoutBookmarks must agree with it.
func removeBookmarksOneByOne(s string) string {
	for {
		i := strings.Index(s, bookmark)
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return s
		}
		s = s[:i] + s[i+j+1:]
	}
}

func TestWithoutBookmarksAgrees(t *testing.T) {
	pieces := []string{"[bookmark:", "[book", "mark:", "]", "[", ":", "x", "文"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := withoutBookmarks(s), removeBookmarksOneByOne(s); got != want {
			t.Fatalf("withoutBookmarks(%q) = %q, want %q", s, got, want)
		}
	}
}

// A line of a million bytes of markers is cleaned in one pass (removing
// them one by one from the start took over 10 s).
// WithoutControls removes control characters and nothing else.
func TestWithoutControls(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"  不少于\t7000件 \n ":         "  不少于\t7000件 \n ",
		"a\x00b\x08c\x0bd\re\x1ff": "abcdef",
		"\x7f\u0080\u009f\u00a0é":  "\u00a0é",
		"\u202egnp.exe\u200f":      "\u202egnp.exe\u200f", // direction marks are text
	} {
		if got := WithoutControls(in); got != want {
			t.Errorf("WithoutControls(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanTextLinear(t *testing.T) {
	open := strings.Repeat("[bookmark: x", 100_000)
	for _, tt := range []struct{ in, want string }{
		{strings.Repeat("[bookmark:]", 100_000), ""},
		{open + "]", ""}, // the first marker ends at the only ']'
		{open, open},     // never closed: kept
	} {
		start := time.Now()
		got := CleanText(tt.in)
		if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
			t.Errorf("CleanText of %d bytes took %v", len(tt.in), d)
		}
		if got != tt.want {
			t.Errorf("CleanText = %.40q… (%d bytes), want %.40q… (%d bytes)", got, len(got), tt.want, len(tt.want))
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"资金情况\n（万元）", "资金情况(万元)"},
		{"年度资金总额：", "年度资金总额"},
		{"一级\n指标", "一级指标"},
		{"预算执行率（B/A)", "预算执行率(B/A)"},
		{"ＡＢＣ１２３", "ABC123"},
		{"三级指标", "三级指标"},
		{"转移支付（项目）名称", "转移支付(项目)名称"},
		{"a\u3000b\u00a0c", "abc"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitLabel(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		name string
	}{
		{"指标1：专利资助奖励", 1, "专利资助奖励"},
		{"指标12:发明专利", 12, "发明专利"},
		{"指标１．质押", 1, "质押"},
		{"指标三、满意度", 3, "满意度"},
		{"指标十二：x", 12, "x"},
		{"指標1：受益人口", 1, "受益人口"},
		{"专利资助奖励", 0, "专利资助奖励"},
		{"指标值", 0, "指标值"},
	}
	for _, tt := range tests {
		n, name := SplitLabel(tt.in)
		if n != tt.n || name != tt.name {
			t.Errorf("SplitLabel(%q) = %d, %q", tt.in, n, name)
		}
	}
}

// cleanOracle is CleanText written plainly: every step on every text.
func cleanOracle(s string) string {
	s = removeBookmarksOneByOne(s)
	s = strings.Map(cleanRune, s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimFunc(l, unicode.IsSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), unicode.IsSpace)
}

// keyOracle is Key written plainly: every rune decoded and folded (when
// keyNeedsFold says it changes s).
func keyOracle(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r < 0xA000:
			r = hanzi.SimplifiedRune(r)
		case unicode.IsSpace(r):
			continue
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			continue
		case r == '：' || r == ':':
			continue
		case r >= '！' && r <= '～':
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CleanText and Key, with their byte scans that skip most texts and their
// hand-decoded fast paths, agree with the plain versions on random texts of
// every kind of rune they treat (and invalid UTF-8, which both replace with
// U+FFFD when they change a text).
func TestCleanTextAndKeyAgree(t *testing.T) {
	pieces := []string{
		"[bookmark:", "]", "[", "\n", " ", "\t", "\r", "\u3000", "\u00a0", "\u0085", "\u2003", "\u1680",
		"\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\uf0b3", "\uf0a3", "\uf061",
		"：", ":", "（", "）", "Ａ", "！", "～", "，", "项目", "資金", "國", "㐀", "a", "7", "\xff", "\xe4\xb8", "\xc2",
		"\xe5\x41\x9c", "\xe5\x9c", "\x9c", "\xc3\xa9", "\U0001F600", "\uFFFD",
		"\x00", "\x1b", "\x7f", "\u0080", "\u009f", "\u200f", "\u202e",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		agreesWithOracles(t, b.String())
	}
}

// keyNeedsFold is how Key first decided whether it changes s: ASCII, U+0085/U+00A0
// (C2), the U+1680/U+2000 spaces (E1, E2), U+3000 (E3), full-width forms
// (EF) and traditional CJK ideographs (lead bytes E4–E9) may change.
func keyNeedsFold(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(s):
			// a CJK ideograph, three bytes: decoded by hand (this runs on
			// every cell's key)
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if hanzi.IsTraditional(r) {
				return true
			}
			i += 2
		case c < 0x80:
			if c == ' ' || c == ':' || (c >= '\t' && c <= '\r') {
				return true
			}
		case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3 || c == 0xEF:
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || (r >= '！' && r <= '～') || r >= '\u200b' && r <= '\u200d' || r == '\u2060' || r == '\ufeff' {
				return true
			}
		}
	}
	return false
}

// FuzzCleanTextAndKey: CleanText and Key agree with the plain versions on
// any text.
func FuzzCleanTextAndKey(f *testing.F) {
	f.Add("  資金情况\n（万元）：\u200b[bookmark: x]")
	f.Add("\xe5\x41\x9c國\xff　")
	f.Fuzz(agreesWithOracles)
}

// agreesWithOracles checks CleanText and Key against their plain versions.
func agreesWithOracles(t *testing.T, s string) {
	want := s
	if need, _ := needsClean(s); need {
		want = cleanOracle(s)
	} else if c := cleanOracle(s); c != s && utf8.ValidString(s) { // invalid UTF-8 is replaced only in a text cleaned
		t.Fatalf("needsClean(%q) says nothing to clean, the plain version makes it %q", s, c)
	}
	if got := CleanText(s); got != want {
		t.Fatalf("CleanText(%q) = %q, want %q", s, got, want)
	}
	want = s
	if keyNeedsFold(s) {
		want = keyOracle(s)
	}
	if got := Key(s); got != want {
		t.Fatalf("Key(%q) = %q, want %q", s, got, want)
	}
}
