package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
)

// checkMix returns many files for jixiao check in a fixed order: the real
// set, the reference form in every format, and files that cannot be read
// (empty, binary, cut short, missing, a directory), interleaved.
func checkMix(t testing.TB) []string {
	t.Helper()
	real, err := filepath.Glob(filepath.Join(reftest.Root(), "testdata", "real", "*.txt"))
	if err != nil || len(real) < 10 {
		t.Fatalf("real set: %d files, %v", len(real), err)
	}
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ref := reftest.Text(t)
	bad := []string{
		write("empty.txt", ""),
		write("garbage.txt", "\x7fELF\x00\x01\x02\xff\xfe"),
		write("cut.txt", ref[:strings.Index(ref, "\t12月份完成")]),
		write("letter.txt", "各位领导：\n\n现将有关情况报告如下。\n"),
		filepath.Join(dir, "missing.txt"),
		dir,
	}
	var files []string
	for i, f := range real {
		files = append(files, f)
		if i%4 == 3 && len(bad) > 0 {
			files, bad = append(files, bad[0]), bad[1:]
		}
	}
	files = append(files, bad...)
	return append(files, reftest.Path("docx"), reftest.Path("xlsx"), reftest.Path("txt"))
}

// Checking files on several workers prints exactly what a sequential run
// prints, in the order given, with the same exit status.
func TestCheckManyFilesInOrder(t *testing.T) {
	files := checkMix(t)
	for _, flags := range [][]string{nil, {"--json"}, {"--verbose"}} {
		args := append(append([]string{"check"}, flags...), files...)
		restore := cli.SetCheckWorkers(1)
		code1, out1, err1 := run(t, args...)
		restore()
		if code1 != cli.ExitInput || !strings.Contains(err1, "missing.txt") || !strings.Contains(out1, "北京市朝阳区知识产权运营服务体系建设") {
			t.Fatalf("%v sequential: exit %d, stderr %q", flags, code1, err1)
		}
		for _, workers := range []int{0, 3, 8} {
			restore := cli.SetCheckWorkers(workers)
			code, out, errs := run(t, args...)
			restore()
			if code != code1 || out != out1 || errs != err1 {
				t.Errorf("%v on %d workers: exit %d (want %d), stdout equal %v, stderr equal %v\nstderr:\n%s\nwant:\n%s",
					flags, workers, code, code1, out == out1, errs == err1, errs, err1)
			}
		}
	}
}

// BenchmarkCheckFiles is jixiao check of the real set and the reference form
// (text reports to a buffer) on one worker and on every core.
func BenchmarkCheckFiles(b *testing.B) {
	files := checkMix(b)
	args := append([]string{"check"}, files...)
	for _, bm := range []struct {
		name    string
		workers int
	}{{"workers=1", 1}, {"workers=all", 0}} {
		b.Run(bm.name, func(b *testing.B) {
			defer cli.SetCheckWorkers(bm.workers)()
			for b.Loop() {
				var out, errs strings.Builder
				if code := cli.Run(args, &out, &errs); code != cli.ExitInput {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
