package hostile

import (
	"regexp"
	"unicode"
)

// goError matches the text of a Go or library error passed to the user
// untranslated: "zip: not a valid zip file", "xml: syntax error", "json:
// cannot unmarshal", "unexpected EOF", "strconv.Atoi: …".
var goError = regexp.MustCompile(`\b[a-z][a-z0-9]*(\.[A-Za-z0-9]+)?: |\bEOF\b|\bnil\b`)

// UntranslatedError is the Go or library error text in a refusal's msg,
// "" when it holds none: the tests of the command line and of the server
// ask the same of every refusal.
func UntranslatedError(msg string) string { return goError.FindString(msg) }

// Chinese reports whether msg reads as a Chinese message (eight Han
// characters or more, the file's name aside), as every refusal must.
func Chinese(msg string) bool {
	n := 0
	for _, r := range msg {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n >= 8
}
