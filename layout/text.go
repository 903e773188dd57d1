package layout

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText removes rendering noise from a cell or paragraph: [bookmark: …]
// markers, zero-width characters, and blank space at the ends of each line
// (ideographic spaces included). Line breaks inside the text are kept.
func CleanText(s string) string {
	if !needsClean(s) {
		return s
	}
	for {
		i := strings.Index(s, "[bookmark:")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			break
		}
		s = s[:i] + s[i+j+1:]
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad':
			return -1
		}
		return r
	}, s)
	if !strings.Contains(s, "\n") {
		return strings.TrimFunc(s, unicode.IsSpace)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimFunc(l, unicode.IsSpace)
	}
	return strings.TrimFunc(strings.Join(lines, "\n"), unicode.IsSpace)
}

// needsClean reports whether CleanText would change s; most cells need
// nothing, and reading a form cleans every cell.
func needsClean(s string) bool {
	if s == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(first) || unicode.IsSpace(last) ||
		strings.IndexByte(s, '\n') >= 0 || strings.Contains(s, "[bookmark:") ||
		strings.ContainsAny(s, "\u200b\u200c\u200d\ufeff\u00ad")
}

// Key folds a label for comparison: no white space or line breaks,
// full-width letters, digits and brackets made half-width, colons removed.
// "资金情况\n（万元）" → "资金情况(万元)".
func Key(s string) string {
	clean := true
	for _, r := range s {
		if keyChanges(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
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

func keyChanges(r rune) bool {
	return unicode.IsSpace(r) || r == '：' || r == ':' || (r >= '！' && r <= '～')
}
