// Package jsonout writes JSON the way every `jixiao … --json` command prints
// it, so that the command line and the web API (POST /api/check answers what
// `jixiao check --json` prints) give the same bytes from the same code.
package jsonout

import (
	"bytes"
	"encoding/json"
	"io"
)

// NewEncoder returns the encoder of every --json output: indented by two
// spaces, with <, > and & as written (reports quote Chinese text, not HTML).
func NewEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}

// Write writes v followed by a newline.
func Write(w io.Writer, v any) error { return NewEncoder(w, "").Encode(v) }

// Array writes a JSON array element by element, byte for byte as Write
// writes the whole slice, so that the reports of thousands of forms are
// never all held in memory.
type Array struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
	err error
}

// NewArray starts an array written to w.
func NewArray(w io.Writer) *Array {
	a := &Array{w: w}
	a.enc = NewEncoder(&a.buf, "  ") // an element's lines sit one level in
	return a
}

// Add writes one element.
func (a *Array) Add(v any) {
	if a.err != nil {
		return
	}
	a.buf.Reset()
	if a.n == 0 {
		a.buf.WriteString("[\n  ")
	} else {
		a.buf.WriteString(",\n  ")
	}
	a.n++
	if a.err = a.enc.Encode(v); a.err != nil {
		return
	}
	a.buf.Truncate(a.buf.Len() - 1) // the encoder's newline: the separator follows
	_, a.err = a.w.Write(a.buf.Bytes())
}

// Close ends the array; it returns the first error of any write.
func (a *Array) Close() error {
	if a.err != nil {
		return a.err
	}
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, a.err = io.WriteString(a.w, end)
	return a.err
}
