package cli

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/servetest"
	"github.com/jixiao/jixiao/store"
)

var (
	servedAt      = regexp.MustCompile(`已启动：(http://\S+/)`)
	adminPassword = regexp.MustCompile(`admin，密码：(\S+)`)
)

// serve runs `jixiao serve` until stop is called, which returns its exit
// status and output.
func serve(t *testing.T, args ...string) (base string, out *servetest.Buffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	out = &servetest.Buffer{}
	var stderr servetest.Buffer
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

// jixiao serve --demo loads the demonstration world into an empty database
// and prints the demo accounts, which sign in; a database with data is
// refused with a Chinese message, and the world is not loaded twice.
func TestServeDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "jixiao.db")
	base, out, stop := serve(t, "--db", db, "--demo")
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "dc_scj"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no demo accounts printed: %s", out.String())
		}
	}
	for _, want := range []string{"密码都是 " + demo.Password, "admin", "zhongyang", "中央查看人", "beijing", "chaoyang", "部门审核人", "cy_scj", "北京市朝阳区市场监督管理局"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the start lacks %q:\n%s", want, out.String())
		}
	}
	resp, err := http.Post(base+"api/login", "application/json", strings.NewReader(`{"username": "cy_scj", "password": "`+demo.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("demo login: %d", resp.StatusCode)
	}
	if code := stop(); code != ExitOK {
		t.Errorf("stop: %d", code)
	}
	// Run again on the same database: the world is served as it is.
	_, out, stop = serve(t, "--db", db, "--demo")
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "dc_scj"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the second start printed no demo accounts: %s", out.String())
		}
	}
	if code := stop(); code != ExitOK {
		t.Errorf("stop: %d", code)
	}
	// A database with other data is refused.
	other := filepath.Join(t.TempDir(), "other.db")
	s, err := store.Open(t.Context(), other)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.LoadRegions(jixiao.NewContextWithActor(t.Context(), jixiao.SystemActor("测试")), []jixiao.Region{{Code: "000000", Name: "全国"}}, "test"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var stdout, stderr bytes.Buffer
	if code := runServe(t.Context(), []string{"--addr", "127.0.0.1:0", "--db", other, "--demo"}, &stdout, &stderr); code != ExitInput ||
		!strings.Contains(stderr.String(), "演示数据只能载入空数据库") {
		t.Errorf("--demo on a database with other data: exit %d, %s", code, stderr.String())
	}
}

// jixiao serve holds its memory to serveMemoryLimit (a burst of hostile
// uploads, issue 12), unless GOMEMLIMIT says otherwise.
func TestServeMemoryLimit(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	for _, env := range []string{"", "1GiB"} {
		debug.SetMemoryLimit(math.MaxInt64)
		t.Setenv("GOMEMLIMIT", env)
		_, _, stop := serve(t, "--db", filepath.Join(t.TempDir(), "jixiao.db"))
		got := debug.SetMemoryLimit(-1)
		stop()
		want := int64(serveMemoryLimit)
		if env != "" {
			want = math.MaxInt64 // the runtime read GOMEMLIMIT at start; serve leaves it
		}
		if got != want {
			t.Errorf("GOMEMLIMIT=%q: the memory limit is %d, want %d", env, got, want)
		}
	}
}
