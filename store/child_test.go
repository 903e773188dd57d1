package store_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jixiao/jixiao/store"
)

// The crash and two-process tests run the test binary again as a child
// process (TestCrashChild) that opens the same database and works on it,
// printing one line to stdout for each change the store acknowledged. The
// parent kills it with SIGKILL, or waits for it, and checks the database
// against what was acknowledged.

// childEnv carries the child's plan (JSON); TestCrashChild skips without it.
const childEnv = "JIXIAO_STORE_CHILD"

// childPlan tells a child what to do.
type childPlan struct {
	Mode string // "save", "import" or "race"
	DSN  string
	Seed uint64

	// save: the forms to work on.
	Forms []int64
	// import: the folder of form files, the program and year.
	Dir     string
	Program string
	Year    int
	// race: the form, its filler, how many goroutines, and the mark prefix.
	FormID    int64
	Filler    int64
	Racers    int
	MarkTitle string
}

// child is a running child process and the lines it printed.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser // held open: the child exits when it closes
	ready  chan struct{}  // closed when the child printed "ready"
	done   chan struct{}  // closed when its stdout is closed
	stderr bytes.Buffer

	mu    sync.Mutex
	lines []string
}

func startChild(t testing.TB, plan childPlan) *child {
	t.Helper()
	data, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	c := &child{ready: make(chan struct{}), done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), childEnv+"="+string(data))
	c.cmd.Stderr = &c.stderr
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		readied := false
		for sc.Scan() {
			line := sc.Text()
			if line == "ready" && !readied {
				readied = true
				close(c.ready)
				continue
			}
			c.mu.Lock()
			c.lines = append(c.lines, line)
			c.mu.Unlock()
		}
		if !readied {
			close(c.ready)
		}
	}()
	return c
}

// kill ends the child with SIGKILL (on Unix) and waits for it; it returns
// the lines it printed.
func (c *child) kill() []string {
	c.cmd.Process.Kill()
	<-c.done
	c.cmd.Wait()
	c.stdin.Close()
	return c.lines
}

// wait waits for the child to finish by itself.
func (c *child) wait(t testing.TB) []string {
	t.Helper()
	<-c.done
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("child: %v\n%s", err, c.stderr.Bytes())
	}
	return c.lines
}

// exited reports whether the child ended by itself (finished or failed).
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// TestCrashChild is the child process of the crash and two-process tests.
func TestCrashChild(t *testing.T) {
	env := os.Getenv(childEnv)
	if env == "" {
		t.Skip("runs only as the child process of TestCrashSave, TestCrashImport and TestTwoProcesses")
	}
	var plan childPlan
	if err := json.Unmarshal([]byte(env), &plan); err != nil {
		t.Fatal(err)
	}
	// The parent holds our stdin open; when it goes away, so do we. A line
	// "go" on it is the start signal of the race.
	start := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			if sc.Text() == "go" {
				close(start)
			}
		}
		os.Exit(3)
	}()
	go func() {
		time.Sleep(2 * time.Minute)
		fmt.Fprintln(os.Stderr, "child: still running after 2 minutes")
		os.Exit(4)
	}()
	s, err := store.Open(context.Background(), plan.DSN)
	if err != nil {
		childFail("open: %v", err)
	}
	defer s.Close()
	say("ready")
	switch plan.Mode {
	case "save":
		saveChild(t, s, plan)
	case "import":
		importChild(t, s, plan)
	case "race":
		<-start
		raceChild(t, s, plan)
	default:
		childFail("unknown mode %q", plan.Mode)
	}
}

// say prints one line with one write, so that a kill never leaves half a
// line: what the parent reads was acknowledged in full.
func say(format string, args ...any) {
	os.Stdout.WriteString(fmt.Sprintf(format, args...) + "\n")
}

// childFail reports an unexpected error to the parent, which fails the test.
func childFail(format string, args ...any) {
	say("fail %s", strconv.Quote(fmt.Sprintf(format, args...)))
	os.Exit(1)
}

// failures returns the "fail" lines of a child's output.
func failures(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.HasPrefix(l, "fail ") {
			out = append(out, l)
		}
	}
	return out
}
