package phrase

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// decodeOracle is decode written plainly: every rune through fold.
func decodeOracle(s string) (rs []rune, off []int) {
	end := len(s)
	for i, r := range s {
		if len(rs) == maxRunes {
			end = i
			break
		}
		if r >= 0x200B && (r <= 0x200D || r == 0x2060 || r == 0xFEFF) {
			continue
		}
		rs, off = append(rs, fold(r)), append(off, i)
	}
	return rs, append(off, end)
}

// decode, with its hand-decoded ASCII and CJK paths, agrees with the plain
// version on random texts of every kind of rune fold treats, invalid UTF-8
// and texts past maxRunes included.
func TestDecodeAgrees(t *testing.T) {
	pieces := []string{"不少于", "萬", "於", "㐀", "7", "a", " ", "\t", "\n", "\x01", "\x7f", "１", "％", "，", "（", "≧", "—",
		"\u3000", "\u200b", "\ufeff", "\xff", "\xe4\xb8", "\xe5\x41\x9c", "\U0001F600"}
	rng := rand.New(rand.NewPCG(5, 6))
	var in input
	check := func(s string) {
		in.decode(s)
		rs, off := decodeOracle(s)
		if !slices.Equal(in.rs, rs) || !slices.Equal(in.off, off) || in.src != s {
			t.Fatalf("decode(%q) = %q %v, want %q %v", s, in.rs, in.off, rs, off)
		}
	}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(b.String())
	}
	check(strings.Repeat("萬a\u200b", maxRunes))
	check(strings.Repeat("a", maxRunes) + "不")
}
