//go:build unix

package formfile_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formfile"
)

// fakeSoffice installs a shell script as LibreOffice (through JIXIAO_SOFFICE):
// it finds the --outdir argument like soffice does, then runs body with $out
// set to it. These are real processes, so the process-group handling is
// tested for real.
func fakeSoffice(t *testing.T, body string) {
	t.Helper()
	script := filepath.Join(t.TempDir(), "soffice")
	src := "#!/bin/sh\nout=\nwhile [ $# -gt 0 ]; do [ \"$1\" = --outdir ] && out=$2; shift; done\n" + body + "\n"
	if err := os.WriteFile(script, []byte(src), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JIXIAO_SOFFICE", script)
}

// oldDoc writes an old-format file (only its extension matters here).
func oldDoc(t *testing.T, name string) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3}, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func convertDirs(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join(os.TempDir(), "jixiao-convert-*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// alive reports whether a process runs (a zombie waiting to be reaped does not).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	return err != nil || !strings.Contains(string(stat), ") Z ")
}

func TestLegacyConversionRefusals(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "grandchild.pid")
	for _, tt := range []struct {
		name, file, script string
		want               []string // in the message
		within             time.Duration
	}{
		{"hangs, with a grandchild holding its output open",
			"自评表.doc", "sleep 300 & echo $! > " + pidFile + "\nsleep 300",
			[]string{"自评表.doc：", "超过", "已终止"}, 5 * time.Second},
		{"fails",
			"自评表.xls", "echo 'Error: source file could not be loaded' >&2; exit 1",
			[]string{"自评表.xls：", "转换失败", ".xlsx"}, 5 * time.Second},
		{"writes nothing",
			"自评表.wps", "exit 0",
			[]string{"自评表.wps：", "没有生成转换结果"}, 5 * time.Second},
		{"writes more than a form file may hold",
			"自评表.doc", "head -c 21000000 /dev/zero > \"$out/form.docx\"",
			[]string{"自评表.doc：", "转换后的文件超过 20 MB 的上限"}, 5 * time.Second},
		{"writes something that is not a Word document",
			"自评表.doc", "echo 'not a document' > \"$out/form.docx\"",
			[]string{"自评表.doc：", ".docx"}, 5 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fakeSoffice(t, tt.script)
			formfile.SetLegacyTimeout(t, time.Second)
			before := len(convertDirs(t))
			start := time.Now()
			_, err := formfile.Read(t.Context(), oldDoc(t, tt.file))
			if took := time.Since(start); took > tt.within {
				t.Errorf("took %v, want under %v", took, tt.within)
			}
			msg := jixiao.MessageOf(err)
			if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Fatalf("err = %v, want an invalid-input error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not hold %q", msg, w)
				}
			}
			if strings.Contains(msg, "form.doc") {
				t.Errorf("message %q names the temporary file, not the user's", msg)
			}
			if after := len(convertDirs(t)); after > before {
				t.Errorf("temporary directories left behind")
			}
		})
	}
	killedWithGroup(t, pidFile)
}

// killedWithGroup checks that the grandchild of a hanging soffice, whose
// pid it wrote to pidFile, was killed with its group.
func killedWithGroup(t *testing.T, pidFile string) {
	t.Helper()
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatalf("the hanging script did not start its grandchild: %v", err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	deadline := time.Now().Add(2 * time.Second)
	for alive(pid) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if alive(pid) {
		t.Errorf("process %d, started by the hanging soffice, still runs", pid)
		syscall.Kill(pid, syscall.SIGKILL)
	}
}

// Cancelling the caller's context kills LibreOffice and what it started at
// once, long before the time limit, and the message says the read was
// cancelled, not that the file is at fault.
func TestLegacyConversionCanceled(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "grandchild.pid")
	fakeSoffice(t, "sleep 300 & echo $! > "+pidFile+"\nsleep 300")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { // cancel once the conversion runs, with its grandchild
		for ctx.Err() == nil {
			if b, err := os.ReadFile(pidFile); err == nil && len(b) > 0 && b[len(b)-1] == '\n' {
				cancel()
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	before := len(convertDirs(t))
	start := time.Now()
	_, err := formfile.Read(ctx, oldDoc(t, "自评表.doc"))
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v after cancelling, want well under the 2-minute limit", took)
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if msg := jixiao.MessageOf(err); !strings.Contains(msg, "自评表.doc：") || !strings.Contains(msg, "已取消") {
		t.Errorf("message %q", msg)
	}
	if after := len(convertDirs(t)); after > before {
		t.Errorf("temporary directories left behind")
	}
	killedWithGroup(t, pidFile)
}
