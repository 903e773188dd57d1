//go:build linux

package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/hostile"
	"github.com/jixiao/jixiao/internal/servetest"
)

// The per-file budget (issue 9): reading and checking any file under
// jixiao.MaxFileSize takes at most about 2 s and 300 MB for the whole
// process. The bars below leave a second of CPU time for a loaded machine;
// CPU time, not wall time, so that waiting for a busy core does not count.
const (
	budgetRSS = 300 << 20 // bytes of peak resident memory
	budgetCPU = 3 * time.Second
)

// guard is where a watchdog kills a child that is far past the budget, so
// that a reader still broken neither takes the shared machine's memory nor
// the suite's time. The case fails either way.
type guard struct {
	RSS  int64 // bytes resident
	CPU  time.Duration
	Wall time.Duration
}

var hostileGuard = guard{RSS: 1 << 30, CPU: budgetCPU + time.Second, Wall: 20 * time.Second}

// TestHostileFiles runs jixiao check, as a child process, on every hostile
// file of internal/hostile, one at a time, and holds each to its expected
// outcome and the budget. With -v, or JIXIAO_HOSTILE_TABLE=file, it writes
// the Markdown table of RELIABILITY.md. JIXIAO_HOSTILE_BIN=path measures
// that jixiao binary (a release build, another branch's) instead of one
// built from this checkout.
func TestHostileFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds jixiao and runs it on every hostile file (about a minute)")
	}
	bin := os.Getenv("JIXIAO_HOSTILE_BIN")
	if bin == "" {
		bin = servetest.Binary(t) // built as it ships, without the race detector
	}
	var rows []string
	for _, c := range hostile.Cases() {
		t.Run(c.ID, func(t *testing.T) {
			row := tableRow(c, childRun{}, "✗ no file built")
			defer func() { rows = append(rows, row) }()
			data, err := c.Build()
			if err != nil {
				t.Fatalf("building the file: %v", err)
			}
			if len(data) > jixiao.MaxFileSize {
				row = tableRow(c, childRun{}, "✗ file over the size limit")
				t.Fatalf("the generator made %d bytes, over the %d of jixiao.MaxFileSize: the case would test the size check only", len(data), jixiao.MaxFileSize)
			}
			path := filepath.Join(t.TempDir(), c.File)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			r, err := measure(hostileGuard, bin, "check", path)
			if err != nil {
				t.Fatal(err)
			}
			problems := verdict(c, path, r)
			for _, p := range problems {
				t.Error(p)
			}
			if len(problems) > 0 {
				t.Logf("stderr: %s", clip(r.Stderr, 2000))
			}
			t.Logf("%s, %d KB: %s", r.outcome(), len(data)>>10, clip(strings.ReplaceAll(r.Stderr, path, c.File), 300))
			mark := "✓ "
			if len(problems) > 0 {
				mark = "✗ "
			}
			row = tableRow(c, r, mark+r.outcome())
		})
	}
	writeTable(t, rows)
}

// childRun is what a child process did.
type childRun struct {
	Code           int    // exit status; -1 when a signal ended it
	Signal         string // the signal that ended it, if one did
	Killed         string // why the watchdog killed it, if it did
	Stdout, Stderr string
	Wall, CPU      time.Duration
	RSS            int64 // peak resident memory, bytes
}

func (r childRun) outcome() string {
	switch {
	case r.Killed != "":
		return "killed (" + r.Killed + ")"
	case r.Signal != "":
		return "crashed (" + r.Signal + ")"
	case r.Code == 2:
		return "拒绝（2）"
	case r.Code == 0 || r.Code == 1:
		return "读取（" + strconv.Itoa(r.Code) + "）"
	}
	return "exit " + strconv.Itoa(r.Code)
}

// trampolineEnv holds the job of the test binary run as a trampoline.
const trampolineEnv = "JIXIAO_HOSTILE_TRAMPOLINE"

// trampolineJob is what the trampoline runs, and where it writes the result.
type trampolineJob struct {
	Guard  guard
	Args   []string
	Result string
}

// measure runs args[0] with the other args, as runChild does, from a
// fresh copy of this test binary (the trampoline, TestHostileTrampoline).
//
// Why: the kernel starts the peak memory of an exec'd process at the peak
// of the process that started it (Go starts children with vfork, so they
// share its memory until exec; Linux exec_mmap keeps that high-water mark),
// and the test process holds the generated files, so its own peak would be
// counted as the child's. The trampoline is small when it starts the child.
func measure(g guard, args ...string) (childRun, error) {
	self, err := os.Executable()
	if err != nil {
		return childRun{}, err
	}
	dir, err := os.MkdirTemp("", "jixiao-hostile")
	if err != nil {
		return childRun{}, err
	}
	defer os.RemoveAll(dir)
	job, err := json.Marshal(trampolineJob{Guard: g, Args: args, Result: filepath.Join(dir, "result.json")})
	if err != nil {
		return childRun{}, err
	}
	cmd := exec.Command(self, "-test.run=^TestHostileTrampoline$", "-test.count=1")
	cmd.Env = append(os.Environ(), trampolineEnv+"="+string(job))
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = time.Second
	// the trampoline's own watchdog stops the child; this one stops the trampoline
	timer := time.AfterFunc(g.Wall+10*time.Second, func() { cmd.Process.Kill() })
	out, err := cmd.CombinedOutput()
	timer.Stop()
	b, rerr := os.ReadFile(filepath.Join(dir, "result.json"))
	if rerr != nil {
		return childRun{}, fmt.Errorf("the trampoline wrote no result (%v, %v):\n%s", err, rerr, out)
	}
	var r childRun
	return r, json.Unmarshal(b, &r)
}

// TestHostileTrampoline is not a test: measure runs the test binary with
// this test only, as a small process that starts and measures the child.
func TestHostileTrampoline(t *testing.T) {
	env := os.Getenv(trampolineEnv)
	if env == "" {
		t.Skip("the trampoline of TestHostileFiles (measure); runs only when started by it")
	}
	var job trampolineJob
	if err := json.Unmarshal([]byte(env), &job); err != nil || len(job.Args) == 0 {
		t.Fatalf("job %q: %v", env, err)
	}
	r, err := runChild(job.Guard, job.Args[0], job.Args[1:]...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(job.Result, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runChild runs bin with args and measures it: peak memory from the
// kernel's accounting of the child (rusage), CPU time user + system. A
// watchdog kills it past the guard.
func runChild(g guard, bin string, args ...string) (childRun, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// its own process group, killed whole; and Wait returns soon after the
	// child ends even when a grandchild still holds its output open
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = time.Second
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return childRun{}, err
	}
	var (
		mu     sync.Mutex
		killed string
		done   = make(chan struct{})
	)
	kill := func(why string) {
		mu.Lock()
		defer mu.Unlock()
		if killed == "" {
			killed = why
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			cpu, rss, ok := procStat(cmd.Process.Pid)
			switch {
			case time.Since(start) > g.Wall:
				kill(fmt.Sprintf("wall time over %v", g.Wall))
			case ok && rss > g.RSS:
				kill(fmt.Sprintf("memory over %d MB", g.RSS>>20))
			case ok && cpu > g.CPU:
				kill(fmt.Sprintf("CPU time over %v", g.CPU))
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	r := childRun{Stdout: stdout.String(), Stderr: stderr.String(), Wall: time.Since(start), Code: -1}
	mu.Lock()
	r.Killed = killed
	mu.Unlock()
	st := cmd.ProcessState
	if st == nil {
		return r, err
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		r.Signal = ws.Signal().String()
	} else {
		r.Code = st.ExitCode()
	}
	r.CPU = st.UserTime() + st.SystemTime()
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		r.RSS = ru.Maxrss << 10 // KB on Linux
	}
	return r, nil
}

// procStat reads a running process's CPU time and resident memory from
// /proc/PID/stat (fields 14, 15 and 24; times in USER_HZ, 100 a second).
func procStat(pid int) (cpu time.Duration, rss int64, ok bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, 0, false
	}
	i := bytes.LastIndexByte(b, ')') // the command name may hold spaces
	if i < 0 {
		return 0, 0, false
	}
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3
	if len(f) < 22 {
		return 0, 0, false
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	pages, _ := strconv.ParseInt(f[21], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100), pages * int64(os.Getpagesize()), true
}

// crashMarks are what a Go crash or a recovered panic prints.
var crashMarks = []string{"panic", "goroutine ", "runtime error", "fatal error", "内部错误"}

// verdict returns what is wrong with a run of jixiao check on the file of
// c at path; nothing when the run is right.
func verdict(c hostile.Case, path string, r childRun) []string {
	want := c.Want
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	switch {
	case r.Killed != "":
		bad("killed by the watchdog: %s", r.Killed)
	case r.Signal != "":
		bad("ended by signal %s: a crash", r.Signal)
	}
	for _, m := range crashMarks {
		if strings.Contains(r.Stderr, m) || strings.Contains(r.Stdout, m) {
			bad("the output holds %q: a crash or an internal error", m)
		}
	}
	refused, read := r.Code == 2, r.Code == 0 || r.Code == 1
	switch {
	case r.Killed != "" || r.Signal != "":
	case want == hostile.Refused && !refused:
		bad("exit status %d, want 2 (refused)", r.Code)
	case want == hostile.Read && !read:
		bad("exit status %d, want 0 or 1 (read and checked)", r.Code)
	case want == hostile.Either && !refused && !read:
		bad("exit status %d, want 0, 1 or 2", r.Code)
	}
	if refused {
		msg := strings.ReplaceAll(r.Stderr, path, "")
		switch {
		case !strings.Contains(r.Stderr, path):
			bad("the refusal does not name the file %s", path)
		case !hostile.Chinese(msg):
			bad("the refusal is not a Chinese message")
		}
		if m := hostile.UntranslatedError(msg); m != "" {
			bad("the refusal holds untranslated error text %q", m)
		}
	}
	if read {
		// the report has one line 三级指标 N 项 per form
		forms := strings.Count(r.Stdout, "三级指标 ")
		full := strings.Count(r.Stdout, "三级指标 "+strconv.Itoa(c.Indicators)+" 项")
		switch {
		case forms == 0:
			bad("exit status %d without a report of the forms", r.Code)
		case c.Forms > 0 && forms != c.Forms:
			bad("%d forms reported, want %d", forms, c.Forms)
		case c.Indicators > 0 && full != forms:
			bad("%d of %d forms reported with %d indicators", full, forms, c.Indicators)
		}
	}
	if r.RSS > budgetRSS {
		bad("peak memory %d MB, over the budget of %d MB", r.RSS>>20, budgetRSS>>20)
	}
	if r.CPU > budgetCPU {
		bad("CPU time %v, over the budget of %v", r.CPU.Round(time.Millisecond), budgetCPU)
	}
	return problems
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 { // do not cut a character
		n--
	}
	return s[:n] + "…"
}

func tableRow(c hostile.Case, r childRun, outcome string) string {
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %.2f s | %.2f s | %d MB |",
		c.ID, c.Description, c.Limit, c.Want, outcome,
		r.Wall.Seconds(), r.CPU.Seconds(), r.RSS>>20)
}

// writeTable prints the table with -v and writes it to the file named by
// JIXIAO_HOSTILE_TABLE.
func writeTable(t *testing.T, rows []string) {
	table := "| class | 说明 | limit | expected | outcome | wall | CPU | peak memory |\n" +
		"|---|---|---|---|---|---|---|---|\n" + strings.Join(rows, "\n") + "\n"
	if testing.Verbose() {
		fmt.Print("\n" + table)
	}
	if name := os.Getenv("JIXIAO_HOSTILE_TABLE"); name != "" {
		if err := os.WriteFile(name, []byte(table), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// The verdict fails every way a run can go wrong, so that the cases above
// cannot pass vacuously.
func TestHostileVerdict(t *testing.T) {
	const path = "/tmp/x/hostile.docx"
	refusal := "jixiao check：" + path + "：段落数超过 20000 的上限，不像自评表，拒绝读取。\n"
	report := "三级指标 30 项：达成 23\n" // one form
	ok := childRun{Code: 2, Stderr: refusal, CPU: time.Second, RSS: 100 << 20}
	for _, tt := range []struct {
		name string
		want hostile.Outcome
		r    childRun
		bad  bool
	}{
		{"read, all forms", hostile.Read, childRun{Code: 1, Stdout: report + report}, false},
		{"read, a form dropped", hostile.Read, childRun{Code: 1, Stdout: report}, true},
		{"read, indicators dropped", hostile.Read, childRun{Code: 1, Stdout: report + "三级指标 29 项：达成 22\n"}, true},
		{"refused as expected", hostile.Refused, ok, false},
		{"either, read", hostile.Either, childRun{Code: 0, Stdout: report + report}, false},
		{"either, refused", hostile.Either, ok, false},
		{"read, not refused", hostile.Refused, childRun{Code: 1, Stdout: report + report}, true},
		{"refused, not read", hostile.Read, ok, true},
		{"read without a report", hostile.Read, childRun{Code: 1}, true},
		{"read with a report of nothing", hostile.Read, childRun{Code: 0, Stdout: "合计：错误 0"}, true},
		{"internal error", hostile.Either, childRun{Code: 3, Stderr: "jixiao check：" + path + "：读取时发生内部错误，请把此文件报告给维护者"}, true},
		{"crashed", hostile.Refused, childRun{Code: -1, Signal: "segmentation fault"}, true},
		{"killed", hostile.Refused, childRun{Code: -1, Signal: "killed", Killed: "memory over 1024 MB"}, true},
		{"stack trace", hostile.Refused, childRun{Code: 2, Stderr: refusal + "panic: boom\n\ngoroutine 1 [running]:\n"}, true},
		{"English error", hostile.Refused, childRun{Code: 2, Stderr: "open " + path + ": zip: not a valid zip file"}, true},
		{"Go error inside Chinese", hostile.Refused, childRun{Code: 2, Stderr: "jixiao check：" + path + "：无法读取文件内容，文件可能已损坏（xml: syntax error on line 1）"}, true},
		{"unexpected EOF", hostile.Refused, childRun{Code: 2, Stderr: "jixiao check：" + path + "：无法读取文件内容，文件可能已损坏：unexpected EOF"}, true},
		{"file not named", hostile.Refused, childRun{Code: 2, Stderr: "jixiao check：段落数超过 20000 的上限，不像自评表，拒绝读取。"}, true},
		{"over memory", hostile.Refused, childRun{Code: 2, Stderr: refusal, RSS: budgetRSS + 1<<20}, true},
		{"over CPU time", hostile.Refused, childRun{Code: 2, Stderr: refusal, CPU: budgetCPU + time.Millisecond}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := hostile.Case{Want: tt.want, Forms: 2, Indicators: 30}
			got := verdict(c, path, tt.r)
			if (len(got) > 0) != tt.bad {
				t.Errorf("verdict %q, want problems: %v", got, tt.bad)
			}
		})
	}
}

// runChild reports crashes, signals and its watchdog's kills from real
// child processes.
func TestRunChild(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	quick := guard{RSS: 1 << 30, CPU: 5 * time.Second, Wall: 5 * time.Second}
	for _, tt := range []struct {
		script string
		g      guard
		check  func(childRun) bool
	}{
		{"echo 三级指标; exit 1", quick, func(r childRun) bool { return r.Code == 1 && r.Stdout == "三级指标\n" && r.Signal == "" }},
		{"echo 拒绝 >&2; exit 2", quick, func(r childRun) bool { return r.Code == 2 && r.Stderr == "拒绝\n" }},
		{"kill -SEGV $$", quick, func(r childRun) bool { return r.Signal != "" && r.Code == -1 }},
		{"while :; do :; done", guard{RSS: 1 << 30, CPU: 300 * time.Millisecond, Wall: 5 * time.Second},
			func(r childRun) bool { return strings.Contains(r.Killed, "CPU") && r.CPU >= 300*time.Millisecond }},
		{"sleep 30", guard{RSS: 1 << 30, CPU: time.Second, Wall: 200 * time.Millisecond},
			func(r childRun) bool { return strings.Contains(r.Killed, "wall") && r.Wall < 5*time.Second }},
		{"x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}", guard{RSS: 64 << 20, CPU: 5 * time.Second, Wall: 5 * time.Second},
			func(r childRun) bool { return strings.Contains(r.Killed, "memory") }},
	} {
		r, err := runChild(tt.g, sh, "-c", tt.script)
		if err != nil {
			t.Fatal(err)
		}
		if !tt.check(r) {
			t.Errorf("%s: %+v", tt.script, r)
		}
	}
}

// measure counts the child's memory, not the test process's: a test
// process holding 256 MB measures a shell that holds little at less than
// half of that.
func TestMeasureIsolated(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	held := make([]byte, 256<<20)
	for i := range held {
		held[i] = 1 // resident, not only reserved
	}
	r, err := measure(guard{RSS: 1 << 30, CPU: 5 * time.Second, Wall: 10 * time.Second}, sh, "-c", "exit 2")
	if err != nil {
		t.Fatal(err)
	}
	if r.Code != 2 || r.RSS == 0 || r.RSS > 128<<20 {
		t.Errorf("exit %d, peak memory %d MB: want 2 and under 128 MB", r.Code, r.RSS>>20)
	}
	t.Logf("peak memory of sh from the trampoline: %d KB; the test process holds %d MB", r.RSS>>10, len(held)>>20)
	runtime.KeepAlive(held)
}
