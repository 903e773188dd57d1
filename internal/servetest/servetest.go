// Package servetest runs `jixiao serve` as a child process for the tests
// that need a real server: killed with SIGKILL in the middle of saves, two
// of them on one PostgreSQL, load from another process. It builds the
// command once per test binary, seeds a database with the demo world, and
// gives clients that sign in through the JSON API.
package servetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/store"
)

var build struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// Binary is the path of cmd/jixiao, built once per test binary into a
// temporary directory (Cleanup, from TestMain, removes it). It is built as
// it ships (CGO_ENABLED=0) and without the race detector even when the
// tests run with it (GOFLAGS=-race): the figures measured of it (time,
// memory) are those of the binary users run. Without the go command the
// test is skipped.
func Binary(tb testing.TB) string {
	tb.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		tb.Skip("the go command is not on PATH: jixiao cannot be built")
	}
	build.once.Do(func() {
		if build.dir, build.err = os.MkdirTemp("", "jixiao-servetest-"); build.err != nil {
			return
		}
		build.path = filepath.Join(build.dir, "jixiao")
		cmd := exec.Command(goTool, "build", "-o", build.path, "github.com/jixiao/jixiao/cmd/jixiao")
		var flags []string
		for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
			if f != "-race" && f != "-race=true" {
				flags = append(flags, f)
			}
		}
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS="+strings.Join(flags, " "))
		if out, err := cmd.CombinedOutput(); err != nil {
			build.err = fmt.Errorf("go build cmd/jixiao: %v\n%s", err, out)
		}
	})
	if build.err != nil {
		tb.Fatal(build.err)
	}
	return build.path
}

// Cleanup removes the built binary; TestMain calls it after m.Run.
func Cleanup() {
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
}

// Seed loads the demo world (internal/demo: accounts with demo.Password)
// into the database dsn.
func Seed(tb testing.TB, dsn string) *demo.World {
	tb.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	w, err := demo.Load(ctx, s)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// Server is a `jixiao serve` child process.
type Server struct {
	URL    string // http://127.0.0.1:port
	DSN    string
	cmd    *exec.Cmd
	output *Buffer
	done   chan struct{}
	tb     testing.TB
}

var started = regexp.MustCompile(`(https?://[0-9.:\[\]a-f]+)/`)

// Start runs `jixiao serve --addr 127.0.0.1:0 --db dsn args…` and returns
// once it listens. The process is killed when the test ends.
func Start(tb testing.TB, dsn string, args ...string) *Server {
	tb.Helper()
	cmd := exec.Command(Binary(tb), append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dsn}, args...)...)
	cmd.Env = append(os.Environ(), "JIXIAO_ADMIN_PASSWORD="+demo.Password)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	srv := &Server{DSN: dsn, cmd: cmd, output: &Buffer{}, done: make(chan struct{}), tb: tb}
	cmd.Stderr = srv.output
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			srv.output.Write([]byte(line + "\n"))
			if m := started.FindStringSubmatch(line); m != nil && strings.Contains(line, "已启动") {
				select {
				case urls <- m[1]:
				default:
				}
			}
		}
	}()
	go func() { cmd.Wait(); close(srv.done) }()
	tb.Cleanup(srv.Kill)
	select {
	case srv.URL = <-urls:
	case <-srv.done:
		tb.Fatalf("jixiao serve ended before listening:\n%s", srv.output)
	case <-time.After(60 * time.Second):
		srv.Kill()
		tb.Fatalf("jixiao serve did not listen within a minute:\n%s", srv.output)
	}
	return srv
}

// Kill ends the server with SIGKILL (no shutdown: a crash) and waits.
func (s *Server) Kill() {
	if s.cmd.Process != nil {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	}
	<-s.done
}

// Stop ends the server as Ctrl-C does and waits for it.
func (s *Server) Stop() {
	if s.cmd.Process != nil {
		s.cmd.Process.Signal(os.Interrupt)
	}
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.Kill()
	}
}

// Output is what the server printed so far.
func (s *Server) Output() string { return s.output.String() }

// Pid is the server's process id (for /proc/<pid>/status: its memory).
func (s *Server) Pid() int { return s.cmd.Process.Pid }

// Client is a signed-in HTTP client of a server (or of several: its cookie
// jar is per host, so use one Client per server, or Share a session).
type Client struct {
	*http.Client
	Base string
}

// Login signs username in through POST /api/login with the demo password.
func Login(tb testing.TB, base, username string) *Client {
	tb.Helper()
	jar, _ := cookiejar.New(nil)
	c := &Client{Client: &http.Client{Jar: jar, Timeout: 60 * time.Second}, Base: base}
	body, _ := json.Marshal(map[string]string{"username": username, "password": demo.Password})
	resp, err := c.Post(base+"/api/login", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		tb.Fatalf("login %s: %d %s", username, resp.StatusCode, b)
	}
	return c
}

// Buffer is a bytes.Buffer a server's goroutines and a test may share.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
