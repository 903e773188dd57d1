package textform

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jixiao/jixiao/internal/reftest"
)

// scanText counts control characters by their bytes: C0 (but tab, line
// feed, carriage return, form feed), DEL and C1 are controls.
func TestScanTextLooksLikeText(t *testing.T) {
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
		valid, text, _ := scanText([]byte(tt.in))
		if !valid || text != tt.want {
			t.Errorf("scanText(%q) = %v, %v, want true, %v", tt.in, valid, text, tt.want)
		}
	}
}

// textOracle is scanText written plainly, in two passes: utf8.Valid, then
// NUL, U+FFFD and the share of control runes.
func textOracle(data []byte) (valid, text bool) {
	if !utf8.Valid(data) {
		return false, false
	}
	if bytes.IndexByte(data, 0) >= 0 || bytes.ContainsRune(data, utf8.RuneError) {
		return true, false
	}
	controls, runes := 0, 0
	for _, r := range string(data) {
		runes++
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f') || (r >= 0x7F && r <= 0x9F) {
			controls++
		}
	}
	return true, controls*100 <= runes
}

// scanText agrees with the two-pass oracle on the edges of every UTF-8
// sequence length, on invalid sequences and on random bytes.
func TestScanTextOracle(t *testing.T) {
	cases := []string{
		"", "a", "\x00", "\x7f", "\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xc1\xbf", "\xc2",
		"\xe0\x9f\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xed\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xe4\xb8",
		"\xf0\x8f\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf0\x90\x80",
		"\x80", "\xbf", "\xff", "\n\t", "\t\n\t\t\n\t", "文\x00\xff", "文\uFFFD\xff", strings.Repeat("文字", 60) + "\x01",
	}
	for _, c := range cases {
		for _, s := range []string{c, "正文" + c, c + "正文"} {
			v, tx, n := scanText([]byte(s))
			if wv, wt := textOracle([]byte(s)); v != wv || tx != wt || (tx && n != strings.Count(s, "\n\t")) {
				t.Errorf("scanText(%q) = %v, %v, want %v, %v", s, v, tx, wv, wt)
			}
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	alphabet := []byte("\x00\x01\t\n\x7fa\x80\x9f\xa0\xbd\xbf\xc2\xe0\xe4\xed\xef\xf0\xf4\xf5\xff")
	buf := make([]byte, 0, 16)
	for range 200000 {
		buf = buf[:0]
		for range rng.IntN(12) {
			buf = append(buf, alphabet[rng.IntN(len(alphabet))])
		}
		v, tx, n := scanText(buf)
		if wv, wt := textOracle(buf); v != wv || tx != wt || (tx && n != bytes.Count(buf, []byte("\n\t"))) {
			t.Fatalf("scanText(%q) = %v, %v, want %v, %v", buf, v, tx, wv, wt)
		}
	}
}

// FuzzScanText: scanText agrees with the two-pass oracle on any bytes.
func FuzzScanText(f *testing.F) {
	f.Add([]byte("项目名称\t北京市\r\n"))
	f.Add([]byte("\xef\xbf\xbd\x00\xc2\x85"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, tx, n := scanText(data)
		if wv, wt := textOracle(data); v != wv || tx != wt || (tx && n != bytes.Count(data, []byte("\n\t"))) {
			t.Fatalf("scanText(%q) = %v, %v, want %v, %v", data, v, tx, wv, wt)
		}
	})
}

// BenchmarkDecode: the reference form's bytes validated, judged as text and
// copied into a string.
func BenchmarkDecode(b *testing.B) {
	data := []byte(reftest.Text(b))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("x.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}
