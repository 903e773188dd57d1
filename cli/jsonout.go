package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// newJSONEncoder returns the encoder of every --json output: indented by two
// spaces, with <, > and & as written (reports quote Chinese text, not HTML).
func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	return enc
}

// writeJSON writes v as a command's --json output; a failure (stdout closed)
// is told on stderr and is an internal error.
func writeJSON(stdout, stderr io.Writer, cmd string, v any) int {
	if err := newJSONEncoder(stdout, "").Encode(v); err != nil {
		return jsonFailed(stderr, cmd, err)
	}
	return ExitOK
}

func jsonFailed(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "jixiao %s：写出 JSON 失败：%v\n", cmd, err)
	return ExitInternal
}

// jsonArray writes a JSON array element by element, byte for byte as
// writeJSON writes the whole slice, so that the reports of thousands of
// forms are never all held in memory.
type jsonArray struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	n   int
	err error
}

func newJSONArray(w io.Writer) *jsonArray {
	a := &jsonArray{w: w}
	a.enc = newJSONEncoder(&a.buf, "  ") // an element's lines sit one level in
	return a
}

// Add writes one element.
func (a *jsonArray) Add(v any) {
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
func (a *jsonArray) Close() error {
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
