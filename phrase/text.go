package phrase

import (
	"unicode/utf8"

	"github.com/jixiao/jixiao/internal/hanzi"
)

// maxRunes caps the work done on one phrase. Real cells are a few hundred
// characters at most; the cap keeps Parse cheap and bounded on garbage.
// Nothing after the cap is scanned for quantities, dates or separators.
const maxRunes = 4000

// input is a phrase decoded once: its runes folded to one spelling each and
// where each rune starts in the original text, so that every Quantity can
// point back at exactly what was written.
type input struct {
	src string
	rs  []rune
	off []int // off[i] is the byte offset of rs[i]; off[len(rs)] ends the scanned text
}

// decode reads at most maxRunes runes of s. Invalid UTF-8 decodes to
// U+FFFD one byte at a time, which no rule of the grammar accepts. Printable
// ASCII and CJK ideographs, most of what forms write, are decoded and
// folded here by hand; the rest goes through fold.
func (in *input) decode(s string) {
	in.src = s
	rs, off := in.rs[:0], in.off[:0]
	end := len(s)
	for i := 0; i < len(s); {
		if len(rs) == maxRunes {
			end = i
			break
		}
		c := s[i]
		if c >= 0x20 && c < 0x7F {
			rs, off = append(rs, rune(c)), append(off, i) // fold keeps printable ASCII
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			if r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x4E00 {
				rs, off = append(rs, hanzi.SimplifiedRune(r)), append(off, i) // fold of a CJK ideograph
				i += 3
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x200B && (r <= 0x200D || r == 0x2060 || r == 0xFEFF) {
			i += size
			continue // zero-width characters pasted from web pages: 1\u200b200人 is 1200人
		}
		rs, off = append(rs, fold(r)), append(off, i)
		i += size
	}
	in.rs, in.off = rs, append(off, end)
}

// fold maps the many spellings of one character to one, so that the grammar
// is written once: full-width ASCII (１２．５％, ＞, （）) to ASCII, the odd
// comparators of real forms (≧ ≦ ﹦ ═) to ≥ ≤ =, every dash to '-', every
// horizontal space and control character to ' ', traditional characters to
// simplified ones (internal/hanzi). The full-width comma stays
// apart from ',': it separates thousands only between digit groups
// (readDigits), and elsewhere it is the separator of a list. Zero-width
// characters are dropped before fold (decode).
func fold(r rune) rune {
	if r >= 0x4E00 && r <= 0x9FFF {
		return hanzi.SimplifiedRune(r) // 萬 → 万, 於 → 于: one bit test for most
	}
	if r >= 0x20 && r < 0x7F {
		return r // printable ASCII
	}
	if r >= 0xFF01 && r <= 0xFF5E && r != '，' {
		return r - 0xFF01 + '!'
	}
	switch r {
	case '\u3000', '\u00a0', '\t', '\r', '\v', '\f', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006',
		'\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f':
		return ' '
	case '≧':
		return '≥'
	case '≦':
		return '≤'
	case '﹦', '═':
		return '='
	case '﹤':
		return '<'
	case '﹥':
		return '>'
	case '〜', '∼':
		return '~'
	case '—', '–', '‐', '‑', '‒', '―', '−', '﹣', '─', '━':
		return '-'
	case '﹪':
		return '%'
	case '､', '﹑':
		return '、'
	case '｡', '﹒':
		return '。'
	case '﹐':
		return '，'
	case '﹔':
		return ';'
	}
	if r < 0x20 && r != '\n' {
		return ' '
	}
	return r
}

func isDigit(r rune) bool  { return r >= '0' && r <= '9' }
func isLetter(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' }
func isAlnum(r rune) bool  { return isDigit(r) || isLetter(r) }

// isHan reports whether r is a CJK ideograph (the BMP blocks and the
// supplementary planes where rare characters live).
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3134F
}

// isSeparator reports whether r separates the parts of a composite value.
// ',' reaches here only when it was not a thousands separator.
func isSeparator(r rune) bool {
	switch r {
	case '、', '，', ',', ';', '。', '!', '?', '\n':
		return true
	}
	return false
}

// at returns the rune at i, or 0 outside the scanned text: the rules look
// around a position without bounds checks of their own.
func (in *input) at(i int) rune {
	if i < 0 || i >= len(in.rs) {
		return 0
	}
	return in.rs[i]
}

// hasAt reports whether the runes from i spell w.
func (in *input) hasAt(i int, w []rune) bool {
	if i < 0 || i+len(w) > len(in.rs) {
		return false
	}
	for k, r := range w {
		if in.rs[i+k] != r {
			return false
		}
	}
	return true
}

// text returns the original text of the runes [a, b).
func (in *input) text(a, b int) string { return in.src[in.off[a]:in.off[b]] }

// skipSpace returns the first index from i that is not a space.
func (in *input) skipSpace(i int) int {
	for i < len(in.rs) && in.rs[i] == ' ' {
		i++
	}
	return i
}

// skipSpaceBack returns j moved back over the spaces just before it.
func (in *input) skipSpaceBack(j int) int {
	for j > 0 && in.rs[j-1] == ' ' {
		j--
	}
	return j
}

// trim returns [a, b) without the spaces at either end.
func (in *input) trim(a, b int) (int, int) {
	for a < b && in.rs[a] == ' ' {
		a++
	}
	for b > a && in.rs[b-1] == ' ' {
		b--
	}
	return a, b
}

// atSegmentStart reports whether nothing but spaces stands between the start
// of the part that holds i and i: list markers (1. 一、) are only markers there.
func (in *input) atSegmentStart(i int) bool {
	j := in.skipSpaceBack(i)
	if j == 0 {
		return true
	}
	r := in.rs[j-1]
	return isSeparator(r) || r == ':'
}

// atSegmentEnd reports whether only spaces stand between i and the end of its part.
func (in *input) atSegmentEnd(i int) bool {
	j := in.skipSpace(i)
	return j >= len(in.rs) || isSeparator(in.rs[j])
}
