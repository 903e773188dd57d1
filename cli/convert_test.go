package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
)

// convert never writes over its input, a read-only file or a directory; an
// ordinary existing output is replaced.
func TestConvertNeverDestroysInput(t *testing.T) {
	ref, err := os.ReadFile(reftest.Path("txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		out  func(dir, in string) string // makes the output path
		want string                      // in the message; "" when convert must succeed
	}{
		{"the same path", func(_, in string) string { return in }, "就是输入文件"},
		{"the same file by another path", func(dir, in string) string {
			return filepath.Join(dir, ".", "sub", "..", filepath.Base(in))
		}, "就是输入文件"},
		{"a symbolic link to the input", func(dir, in string) string {
			l := filepath.Join(dir, "link.txt")
			must(t, os.Symlink(in, l))
			return l
		}, "就是输入文件"},
		{"a hard link to the input", func(dir, in string) string {
			l := filepath.Join(dir, "hard.json")
			must(t, os.Link(in, l))
			return l
		}, "就是输入文件"},
		{"a read-only file", func(dir, _ string) string {
			p := filepath.Join(dir, "locked.json")
			must(t, os.WriteFile(p, []byte("keep"), 0o444))
			return p
		}, "只读"},
		{"a directory", func(dir, _ string) string {
			p := filepath.Join(dir, "out.docx")
			must(t, os.Mkdir(p, 0o755))
			return p
		}, "目录"},
		{"an ordinary existing file", func(dir, _ string) string {
			p := filepath.Join(dir, "old.json")
			must(t, os.WriteFile(p, []byte("old"), 0o644))
			return p
		}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			must(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
			in := filepath.Join(dir, "form.txt")
			must(t, os.WriteFile(in, ref, 0o644))
			out := tt.out(dir, in)
			before, _ := os.ReadFile(out)
			code, _, errs := run(t, "convert", in, out)
			if got, _ := os.ReadFile(in); !bytes.Equal(got, ref) {
				t.Fatal("the input was changed")
			}
			if tt.want == "" {
				if after, _ := os.ReadFile(out); code != cli.ExitOK || bytes.Equal(after, before) {
					t.Errorf("exit %d %s: the existing output was not replaced", code, errs)
				}
				return
			}
			if code != cli.ExitInput || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and a message with %q", code, errs, cli.ExitInput, tt.want)
			}
			if after, _ := os.ReadFile(out); !bytes.Equal(after, before) {
				t.Error("the refused output was changed")
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
