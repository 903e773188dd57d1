package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/internal/reftest"
)

// A command whose context is done (Ctrl-C) stops before the next file, says
// so, and ends with ExitInterrupted; convert writes nothing.
func TestInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	form := reftest.Path("txt")
	out := filepath.Join(t.TempDir(), "out.docx")
	for _, tt := range []struct {
		name string
		run  func(context.Context, []string, io.Writer, io.Writer) int
		args []string
	}{
		{"check", runCheck, []string{form, form}},
		{"check", runCheck, []string{"--json", form}},
		{"convert", runConvert, []string{form, out}},
		{"rollup", runRollup, []string{form, form}},
		{"score", runScore, []string{form}},
		{"rank", runRank, []string{form, form}},
	} {
		var stdout, stderr bytes.Buffer
		code := tt.run(ctx, tt.args, &stdout, &stderr)
		if code != ExitInterrupted || !strings.Contains(stderr.String(), "jixiao "+tt.name+"：已中断") {
			t.Errorf("%s %v: status %d, stderr %q", tt.name, tt.args, code, stderr.String())
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("convert wrote its output after the interrupt")
	}
}

// An interrupt the program was started with ignored (nohup, a background
// job of a script) stays ignored. signal.Ignore cannot be undone, so the
// test runs itself in a child process.
func TestInterruptIgnored(t *testing.T) {
	if os.Getenv("JIXIAO_TEST_IGNORED") == "1" {
		signal.Ignore(os.Interrupt)
		_, stop := interruptible()
		defer stop()
		if !signal.Ignored(os.Interrupt) {
			t.Error("interruptible took over an ignored interrupt")
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptIgnored$")
	cmd.Env = append(os.Environ(), "JIXIAO_TEST_IGNORED=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%v\n%s", err, out)
	}
}
