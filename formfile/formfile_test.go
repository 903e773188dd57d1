package formfile_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/internal/reftest"
)

// The .txt, .docx and .xlsx renderings of the reference form (the latter two
// made by LibreOffice) read into the same form and give the same check.
func TestSameFormInEveryFormat(t *testing.T) {
	var want string
	for _, ext := range []string{"txt", "docx", "xlsx"} {
		forms, err := formfile.Read(t.Context(), reftest.Path(ext))
		if err != nil {
			t.Fatalf("%s: %v", ext, err)
		}
		if len(forms) != 1 {
			t.Fatalf("%s: %d forms", ext, len(forms))
		}
		forms[0].Source = ""
		r := check.Form(forms[0], audit.Defaults())
		b, _ := json.Marshal(r)
		got := string(b)
		if ext == "txt" {
			want = got
			if r.Summary.Errors != 3 || r.Summary.Indicators != 30 {
				t.Fatalf("txt summary %+v", r.Summary)
			}
			continue
		}
		if got != want {
			t.Errorf("%s differs from txt:\n%s\n%s", ext, firstDiff(got, want), ext)
		}
	}
}

func firstDiff(a, b string) string {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			lo := max(0, i-80)
			return a[lo:min(len(a), i+80)] + "\n   vs\n" + b[lo:min(len(b), i+80)]
		}
	}
	return "lengths differ"
}

func TestDetect(t *testing.T) {
	docx, _ := os.ReadFile(reftest.Path("docx"))
	xlsx, _ := os.ReadFile(reftest.Path("xlsx"))
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"a.docx", docx, "docx"},
		{"a.xlsx", xlsx, "xlsx"},
		{"noext", docx, "docx"},
		{"noext", xlsx, "xlsx"},
		{"a.docx", xlsx, "docx"}, // the reader explains that it is a workbook
		{"a.json", []byte("{}"), "json"},
		{"form", []byte(` {"format":"jixiao.form"}`), "json"},
		{"a.txt", []byte("\t绩效指标"), "txt"},
		{"a.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, "legacy"},
		{"a.xls", []byte("anything"), "legacy"},
	} {
		if got := formfile.Detect(tt.name, tt.data); got != tt.want {
			t.Errorf("Detect(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// Renamed and old-format files end in a clear Chinese message, not a crash.
func TestWrongFormats(t *testing.T) {
	dir := t.TempDir()
	docx, _ := os.ReadFile(reftest.Path("docx"))
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	for _, tt := range []struct{ path, want string }{
		{write("renamed.xlsx", docx), "Word"},
		{write("old.doc", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0}), ".docx"},
	} {
		_, err := formfile.Read(t.Context(), tt.path)
		if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(jixiao.MessageOf(err), tt.want) {
			t.Errorf("%s: %v", filepath.Base(tt.path), err)
		}
	}
}

// Old .doc and .xls files are converted with LibreOffice when it is
// installed, in a temporary directory that is removed afterwards.
func TestLegacyFormats(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: scripts/libreoffice installs it")
	}
	dir := t.TempDir()
	// A temporary directory of the test's own: other packages' tests convert
	// old files at the same time, and their directories are not ours.
	t.Setenv("TMPDIR", t.TempDir())
	for _, c := range []struct{ src, to string }{{"docx", "doc"}, {"xlsx", "xls"}} {
		cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", c.to, "--outdir", dir, reftest.Path(c.src))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("making a .%s: %v %s", c.to, err, out)
		}
		before, _ := filepath.Glob(filepath.Join(os.TempDir(), "jixiao-convert-*"))
		forms, err := formfile.Read(t.Context(), filepath.Join(dir, "chaoyang-2020-ip-ops."+c.to))
		if err != nil {
			t.Fatalf(".%s: %v", c.to, err)
		}
		r := check.Form(forms[0], audit.Defaults())
		if s := r.Summary; s.Indicators != 30 || s.Met != 23 || s.NotMet != 4 || s.Qualitative != 3 {
			t.Errorf(".%s: %+v", c.to, s)
		}
		after, _ := filepath.Glob(filepath.Join(os.TempDir(), "jixiao-convert-*"))
		if len(after) > len(before) {
			t.Errorf(".%s: temporary files left behind: %v", c.to, after)
		}
	}
}

// A read the caller has already given up is not done, and says why; the
// error still reports the context's.
func TestReadCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, read := range []func() error{
		func() error { _, err := formfile.Read(ctx, reftest.Path("txt")); return err },
		func() error { _, err := formfile.Parse(ctx, "a.txt", []byte("x")); return err },
	} {
		err := read()
		if !errors.Is(err, context.Canceled) || !strings.Contains(jixiao.MessageOf(err), "已取消") {
			t.Errorf("err = %v, want a cancelled read", err)
		}
	}
}
