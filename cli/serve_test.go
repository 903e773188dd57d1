package cli

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer the server's goroutine and the test share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var (
	servedAt      = regexp.MustCompile(`已启动：(http://\S+/)`)
	adminPassword = regexp.MustCompile(`admin，密码：(\S+)`)
)

// serve runs `jixiao serve` until stop is called, which returns its exit
// status and output.
func serve(t *testing.T, args ...string) (base string, out *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	out = &lockedBuffer{}
	var stderr lockedBuffer
	exit := make(chan int, 1)
	go func() { exit <- runServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), out, &stderr) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := servedAt.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-exit:
			t.Fatalf("serve ended with %d: %s %s", code, out.String(), stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s %s", out.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	return base, out, func() int {
		cancel()
		select {
		case code := <-exit:
			return code
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
}

// jixiao serve creates the administrator on an empty database (a random
// password printed once, or JIXIAO_ADMIN_PASSWORD), serves the application
// at the address it prints, and stops cleanly when its context ends.
func TestServe(t *testing.T) {
	t.Setenv(EnvAdminPassword, "")
	db := filepath.Join(t.TempDir(), "jixiao.db")
	base, out, stop := serve(t, "--db", db)
	m := adminPassword.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no administrator password printed: %s", out.String())
	}
	login := func(base, password string) int {
		t.Helper()
		resp, err := http.Post(base+"api/login", "application/json", strings.NewReader(`{"username": "admin", "password": "`+password+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := login(base, m[1]); code != http.StatusOK {
		t.Errorf("admin login with the printed password: %d", code)
	}
	if code := stop(); code != ExitOK || !strings.Contains(out.String(), "已停止") {
		t.Errorf("stop: exit %d, %s", code, out.String())
	}

	// Started again: the administrator exists, nothing is printed about it.
	base, out, stop = serve(t, "--db", db)
	if strings.Contains(out.String(), "admin") {
		t.Errorf("second start speaks of the administrator again: %s", out.String())
	}
	if code := login(base, m[1]); code != http.StatusOK {
		t.Errorf("admin login after a restart: %d", code)
	}
	stop()

	t.Setenv(EnvAdminPassword, "from-the-environment-1")
	base, out, stop = serve(t, "--db", filepath.Join(t.TempDir(), "other.db"))
	if strings.Contains(out.String(), "from-the-environment-1") || login(base, "from-the-environment-1") != http.StatusOK {
		t.Errorf("administrator from %s: %s", EnvAdminPassword, out.String())
	}
	stop()

	var stderr bytes.Buffer
	if code := runServe(t.Context(), []string{"--tls-cert", "cert.pem"}, &bytes.Buffer{}, &stderr); code != ExitInput || !strings.Contains(stderr.String(), "同时给出") {
		t.Errorf("--tls-cert alone: %d %s", code, stderr.String())
	}
}
