// Package hostile builds hostile form files in memory: files under the size
// limit (jixiao.MaxFileSize) made to stall or exhaust a reader, one
// generator per class (tiny paragraphs inflating to 60 MB, a million JSON
// indicators, a cell at XFD1048576…), and a few realistic maxima that must
// still be read. cli's TestHostileFiles runs jixiao on each in a child
// process and holds it to the per-file budget; RELIABILITY.md lists them.
// Nothing here is committed as a blob: every file is made by code, in well
// under a second.
package hostile

import (
	"strconv"

	jixiao "github.com/jixiao/jixiao"
)

// Outcome is what jixiao must do with a file.
type Outcome int

const (
	// Refused: jixiao check exits with status 2 and a Chinese message
	// naming the file.
	Refused Outcome = iota
	// Read: the file holds forms within every limit; jixiao check reads
	// and checks them (exit status 0 or 1).
	Read
	// Either: a form with content a reader may skip or count (junk parts
	// and empty entries no reader needs; a JSON text far longer than any
	// cell, where no limit says whether JSON texts are cells): reading the
	// form or refusing the file are both right, within the budget.
	Either
)

func (o Outcome) String() string {
	switch o {
	case Refused:
		return "拒绝"
	case Read:
		return "读取"
	}
	return "读取或拒绝"
}

// A Case is one class of hostile file.
type Case struct {
	ID          string // English, stable: docx-tiny-paragraphs
	Description string // Chinese, for RELIABILITY.md
	File        string // file name, with the extension that picks the reader
	Limit       string // the limit it should trip, or what bounds it: 段落数 20,000
	Want        Outcome
	// Forms and Indicators are what a file that is read must give: so many
	// forms of so many indicators each, nothing dropped (0: not checked).
	Forms, Indicators int
	Build             func() ([]byte, error)
}

// referenceIndicators is the number of indicators (三级指标) of the
// reference form.
const referenceIndicators = 30

// Cases returns every class, Word first, then Excel, text and JSON.
func Cases() []Case {
	var all []Case
	for _, group := range [][]Case{wordCases(), excelCases(), textCases(), jsonCases()} {
		all = append(all, group...)
	}
	return all
}

// inflated is what a hostile package part inflates to: about twice
// jixiao.MaxPartBytes and close to jixiao.MaxInflatedBytes, as in issue 9.
const inflated = 60 << 20

// nearMax is the size of the largest text and JSON files: just under
// jixiao.MaxFileSize.
const nearMax = 19 << 20

// count writes a limit for people: 段落数 20,000.
func count(what string, n int) string {
	return what + " " + thousands(n)
}

// bytesLimit writes a limit of bytes: 单个部件解压后 32 MB.
func bytesLimit(what string, n int64) string {
	return what + " " + jixiao.ByteSize(n)
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// numbered builds a string of n lines made by line(i) for i from 1 to n,
// appended to one buffer: rows and names that must differ from each other.
func numbered(n int, line func(b []byte, i int) []byte) string {
	b := make([]byte, 0, n*32)
	for i := 1; i <= n; i++ {
		b = line(b, i)
	}
	return string(b)
}

// flat returns the runs one after the other: a text or JSON file.
func flat(runs ...run) func() ([]byte, error) {
	return func() ([]byte, error) {
		var n int
		for _, r := range runs {
			n += len(r.s) * max(r.n, 0)
		}
		b := make([]byte, 0, n)
		for _, r := range runs {
			b = appendRepeat(b, r.s, r.n)
		}
		return b, nil
	}
}

// appendRepeat appends s repeated n times, doubling what it has copied
// (a loop per repetition is slow for 19 million one-byte runs under -race).
func appendRepeat(b []byte, s string, n int) []byte {
	if n <= 0 || s == "" {
		return b
	}
	start, total := len(b), len(s)*n
	b = append(b, s...)
	for done := len(s); done < total; done = len(b) - start {
		b = append(b, b[start:start+min(done, total-done)]...)
	}
	return b
}

// fill returns how many times unit fits in a file of nearMax bytes beside
// the other runs.
func fill(unit string, others ...string) int {
	n := nearMax
	for _, o := range others {
		n -= len(o)
	}
	return n / len(unit)
}
