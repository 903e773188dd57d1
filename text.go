package jixiao

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jixiao/jixiao/internal/hanzi"
)

// CleanText removes rendering noise from a cell or paragraph: [bookmark: …]
// markers, zero-width characters (U+200B–U+200D, U+2060, U+FEFF, U+00AD),
// control characters (IsControl: see WithoutControls), and blank space at
// the ends of each line (ideographic spaces included). Line breaks inside
// the text are kept.
func CleanText(s string) string {
	need, marks := needsClean(s)
	if !need {
		return s
	}
	if marks || !utf8.ValidString(s) {
		// only a '[' or a zero-width or private-use character can start
		// what these two remove or replace (and strings.Map replaces
		// invalid UTF-8 with U+FFFD)
		if strings.Contains(s, bookmark) {
			s = withoutBookmarks(s)
		}
		s = strings.Map(cleanRune, s)
	}
	if !strings.Contains(s, "\n") {
		return strings.TrimFunc(s, unicode.IsSpace)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimFunc(l, unicode.IsSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), unicode.IsSpace)
}

// WithoutControls removes the control characters of s — C0 but tab and
// line feed, DEL, C1 — the one part of CleanText that applies to text a
// user types (the form editor, a JSON form): no page can show them, XML
// (.xlsx, .docx) cannot hold most of them, and PostgreSQL refuses NUL in
// text. Everything else typed is kept as typed.
func WithoutControls(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; controlByte(c) || (c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F) {
			return strings.Map(func(r rune) rune {
				if IsControl(r) {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

// IsControl reports whether r is a control character CleanText and
// WithoutControls remove: C0 but tab and line feed, DEL, C1.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7F && r <= 0x9F)
}

// controlByte reports whether c is a one-byte control character IsControl
// holds.
func controlByte(c byte) bool { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F }

// bookmark opens the bookmark markers of text renderings: [bookmark: _GoBack].
const bookmark = "[bookmark:"

// withoutBookmarks removes every [bookmark: …] marker in one pass, as
// removing them one at a time from the start would (the first marker ends
// at the first ']' after it; text joined by a removal may open another; a
// marker never closed stays), without rescanning from the start after each
// removal: a line of markers is read in time linear in its length.
func withoutBookmarks(s string) string {
	out := make([]byte, 0, len(s))
	open := -1 // where the first marker not yet closed starts in out
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ']' && open >= 0 {
			out, open = out[:open], -1
			continue
		}
		out = append(out, c)
		if c == ':' && open < 0 && len(out) >= len(bookmark) && string(out[len(out)-len(bookmark):]) == bookmark {
			open = len(out) - len(bookmark)
		}
	}
	return string(out)
}

// privateSymbol maps the Symbol font's comparators as Word and LibreOffice
// store them in text (U+F0B3 for ≥, the font's code in the private use
// area) to Unicode.
func privateSymbol(r rune) (rune, bool) {
	if r < 0xF0A3 || r > 0xF0BB {
		return 0, false
	}
	switch r {
	case 0xF0A3:
		return '≤', true
	case 0xF0B3:
		return '≥', true
	case 0xF0B1:
		return '±', true
	case 0xF0B4:
		return '×', true
	case 0xF0B8:
		return '÷', true
	case 0xF0B9:
		return '≠', true
	case 0xF0BB:
		return '≈', true
	case 0xF0B0:
		return '°', true
	}
	return 0, false
}

// needsClean reports whether CleanText would change s (need), and whether
// s holds a '[' or one of the zero-width, private-use and control
// characters it removes or replaces (marks; need is then true): most cells
// need nothing, and the rest only their blank space trimmed. Reading a form
// cleans every cell, so it scans bytes: every rune it looks for (white
// space, zero-width marks, controls, '[' and line breaks) is either ASCII or starts with one of a few
// lead bytes, and a table tells those apart from the bytes of other
// characters.
func needsClean(s string) (need, marks bool) {
	if s == "" {
		return false, false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	need = unicode.IsSpace(first) || unicode.IsSpace(last)
	// by bytes, without decoding: U+00AD is C2 AD; U+200B–U+200D are E2 80
	// 8B–8D and U+2060 is E2 81 A0; U+FEFF is EF BB BF; the Symbol font's
	// private-use characters are EF 82 A3–BB
	for i := 0; i < len(s); i++ {
		if !cleanBytes[s[i]] {
			continue
		}
		switch s[i] {
		case '\n':
			need = true
		case '[':
			return true, true
		case 0xC2: // U+00AD, or C1 controls (C2 80–9F)
			if i+1 < len(s) && (s[i+1] == 0xAD || (s[i+1] >= 0x80 && s[i+1] <= 0x9F)) {
				return true, true
			}
		case 0xE2:
			if i+2 < len(s) && ((s[i+1] == 0x80 && s[i+2] >= 0x8B && s[i+2] <= 0x8D) || (s[i+1] == 0x81 && s[i+2] == 0xA0)) {
				return true, true
			}
		case 0xEF:
			if i+2 < len(s) && ((s[i+1] == 0xBB && s[i+2] == 0xBF) || (s[i+1] == 0x82 && s[i+2] >= 0xA3 && s[i+2] <= 0xBB)) {
				return true, true
			}
		default: // a control character
			return true, true
		}
	}
	return need, false
}

// cleanBytes marks the bytes needsClean looks at more closely.
var cleanBytes = func() (t [256]bool) {
	for _, c := range []byte{'\n', '[', 0xC2, 0xE2, 0xEF} {
		t[c] = true
	}
	for c := range 0x80 {
		t[c] = t[c] || controlByte(byte(c))
	}
	return t
}()

// Key folds a label for comparison: no white space or line breaks,
// zero-width characters, full-width letters, digits and brackets made
// half-width, colons removed,
// traditional characters simplified (internal/hanzi).
// "资金情况\n（万元）" → "资金情况(万元)"; "項目資金" → "项目资金".
func Key(s string) string {
	var buf [64]byte // labels are short: most fold without a heap allocation
	k, folded := AppendKey(buf[:0], s)
	if !folded {
		return s
	}
	return string(k)
}

// AppendKey appends Key(s) to dst and reports whether it differs from s;
// when it does not, dst comes back as it was. Reading a form folds every
// cell's key into one buffer per row, in one pass that copies nothing
// before the first rune that changes: most runes of a label are ASCII or
// CJK ideographs, decoded here by hand. Invalid UTF-8 (which Key's rune loop
// turns into U+FFFD) is left to appendKeyRunes.
func AppendKey(dst []byte, s string) ([]byte, bool) {
	start := len(dst)
	// folded: Key changes s, and what it makes of s[:i] is in dst. Which
	// runes change, by their first byte: ASCII, U+0085/U+00A0 (C2), the
	// U+1680/U+2000 spaces (E1, E2), U+3000 (E3), full-width forms (EF) and
	// traditional CJK ideographs (E4–E9).
	folded, valid := false, true
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if c == ' ' || c == ':' || (c >= '\t' && c <= '\r') {
				if !folded {
					dst, folded = append(dst, s[:i]...), true
				}
			} else if folded {
				dst = append(dst, c)
			}
			i++
		case c >= 0xE4 && c <= 0xE9 && i+2 < len(s):
			// U+4000–U+9FFF: a CJK ideograph (or an extension A one,
			// which Key keeps)
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			switch traditional := hanzi.IsTraditional(r); {
			case s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80:
				valid = false
				if traditional && !folded {
					dst, folded = append(dst, s[:i]...), true
				}
			case traditional:
				if !folded {
					dst, folded = append(dst, s[:i]...), true
				}
				dst = utf8.AppendRune(dst, hanzi.SimplifiedRune(r))
			case folded:
				dst = append(dst, s[i:i+3]...)
			}
			i += 3
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				valid = false
			}
			drop, fold := false, false
			switch {
			case c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF:
				// nothing Key changes starts with another byte
			case unicode.IsSpace(r), r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
				drop = true // white space, or zero-width (a label pasted from a web page)
			case r >= '！' && r <= '～':
				drop, fold = r == '：', true // colons are dropped
				r -= 0xFEE0
			}
			if (drop || fold) && !folded {
				dst, folded = append(dst, s[:i]...), true
			}
			if folded && !drop {
				dst = utf8.AppendRune(dst, r)
			}
			i += size
		}
	}
	switch {
	case !folded:
		return dst[:start], false
	case !valid:
		return appendKeyRunes(dst[:start], s), true
	}
	return dst, true
}

// appendKeyRunes is AppendKey for any text, rune by rune, as Key was first
// written: invalid UTF-8 becomes U+FFFD.
func appendKeyRunes(dst []byte, s string) []byte {
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
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// cleanRune drops zero-width characters and soft hyphens and maps Word's
// private-use symbol characters to their Unicode equivalents.
func cleanRune(r rune) rune {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return -1
	}
	if IsControl(r) {
		return -1
	}
	if m, ok := privateSymbol(r); ok {
		return m
	}
	return r
}
