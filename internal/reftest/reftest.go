// Package reftest gives tests the bundled reference form
// (testdata/forms/chaoyang-2020-ip-ops.*) and ways to make variants of its
// text rendering: replace a cell, drop a row, add blank lines.
package reftest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Root returns the repository root.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Path returns the path of the reference form with the given extension
// ("txt", "docx", "xlsx").
func Path(ext string) string {
	return filepath.Join(Root(), "testdata", "forms", "chaoyang-2020-ip-ops."+ext)
}

// Variant returns a form of testdata/variants (other layouts, for tests).
func Variant(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(Root(), "testdata", "variants", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Text returns the reference form's text rendering.
func Text(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(Path("txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Replace replaces the n-th (1-based) occurrence of old by new and fails
// the test when there is no such occurrence.
func Replace(tb testing.TB, text, old, new string, n int) string {
	tb.Helper()
	at := -1
	from := 0
	for i := 0; i < n; i++ {
		j := strings.Index(text[from:], old)
		if j < 0 {
			tb.Fatalf("reftest: occurrence %d of %q not found", n, old)
		}
		at = from + j
		from = at + len(old)
	}
	return text[:at] + new + text[at+len(old):]
}

// Blocks splits a text rendering into its blank-line separated rows.
func Blocks(text string) []string {
	return strings.Split(text, "\n\n")
}

// DropRow removes the n-th (1-based) row containing s and fails the test
// when there is none.
func DropRow(tb testing.TB, text, s string, n int) string {
	tb.Helper()
	blocks := Blocks(text)
	seen := 0
	for i, b := range blocks {
		if strings.Contains(b, s) {
			seen++
			if seen == n {
				return strings.Join(append(blocks[:i:i], blocks[i+1:]...), "\n\n")
			}
		}
	}
	tb.Fatalf("reftest: row %d containing %q not found", n, s)
	return ""
}

// WriteFile writes text to a file in a temporary directory and returns its path.
func WriteFile(tb testing.TB, name, text string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// FailingWriter fails every write, as a full disk would.
type FailingWriter struct{}

func (FailingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// RenderPDF writes data to a file named name and converts it to PDF with
// LibreOffice, failing the test when the conversion fails: a second,
// independent reader of a written .docx or .xlsx. It skips where
// LibreOffice is not installed (scripts/libreoffice installs it).
func RenderPDF(tb testing.TB, name string, data []byte) {
	tb.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		tb.Skip("LibreOffice (soffice) is not installed: scripts/libreoffice installs it")
	}
	dir := tb.TempDir()
	in := filepath.Join(dir, name)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := strings.TrimSuffix(in, filepath.Ext(in)) + ".pdf"
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		tb.Fatalf("LibreOffice wrote no PDF for %s: %v", name, err)
	}
}
