// Package pgtest starts a throwaway PostgreSQL cluster for a test or a
// benchmark: initdb into a temporary directory, pg_ctl start on a free port of
// 127.0.0.1 with fsync off, and stop and removal when the test ends.
//
// It uses the Debian server binaries (/usr/lib/postgresql/N/bin; scripts/
// postgres installs them). initdb refuses to run as root, so as root the
// cluster runs as the postgres user. Where the binaries are absent the test
// is skipped — unless JIXIAO_REQUIRE_POSTGRES=1, which CI sets after running
// scripts/postgres: then it fails.
package pgtest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// RequireEnv names the environment variable that turns a missing PostgreSQL
// into a failure instead of a skip.
const RequireEnv = "JIXIAO_REQUIRE_POSTGRES"

// User is the superuser of the cluster and the user of the DSN.
const User = "jixiao"

// Start starts a cluster for tb and returns its DSN
// (postgres://jixiao@127.0.0.1:PORT/postgres?sslmode=disable). The cluster
// is stopped and its directory removed in tb.Cleanup.
func Start(tb testing.TB) (dsn string) {
	tb.Helper()
	return start(tb, BinDir)
}

func start(tb testing.TB, find func() (string, error)) string {
	tb.Helper()
	bin, err := find()
	if err != nil {
		if os.Getenv(RequireEnv) == "1" {
			tb.Fatalf("pgtest: %v (%s=1: PostgreSQL is required; run scripts/postgres)", err, RequireEnv)
		}
		tb.Skipf("pgtest: %v; run scripts/postgres (as root) to install PostgreSQL", err)
	}
	c, err := newCluster(bin)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(c.stop)
	return c.dsn
}

// BinDir returns the directory of the newest installed PostgreSQL server
// binaries (initdb, pg_ctl), or an error saying they are missing.
func BinDir() (string, error) {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) < version(matches[j]) })
	for i := len(matches) - 1; i >= 0; i-- {
		dir := filepath.Dir(matches[i])
		if executable(filepath.Join(dir, "pg_ctl")) && executable(matches[i]) {
			return dir, nil
		}
	}
	// Other distributions put them on PATH.
	if p, err := exec.LookPath("initdb"); err == nil {
		dir := filepath.Dir(p)
		if executable(filepath.Join(dir, "pg_ctl")) {
			return dir, nil
		}
	}
	return "", fmt.Errorf("PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin or on PATH")
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

func executable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

type cluster struct {
	bin, dir string
	asUser   string // run the binaries as this user (root: postgres)
	dsn      string
}

func newCluster(bin string) (*cluster, error) {
	dir, err := os.MkdirTemp(tempBase(), "jixiao-pg-")
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root and there is no postgres user to run the server as (install the Debian package postgresql: scripts/postgres): %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		c.asUser = "postgres"
	}
	if err := c.run("initdb", "-D", c.data(), "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// A free port can be taken by someone else between our probe and the
	// server's bind: try a few.
	for try := 0; ; try++ {
		port, err := freePort()
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		opts := "-p " + strconv.Itoa(port) + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
		err = c.run("pg_ctl", "-D", c.data(), "-l", filepath.Join(dir, "pg.log"), "-w", "-t", "60", "-o", opts, "start")
		if err == nil {
			c.dsn = "postgres://" + User + "@127.0.0.1:" + strconv.Itoa(port) + "/postgres?sslmode=disable"
			return c, nil
		}
		if try == 2 {
			log, _ := os.ReadFile(filepath.Join(dir, "pg.log"))
			os.RemoveAll(dir)
			return nil, fmt.Errorf("%v\n%s", err, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// tempBase is where the cluster's directory goes: the temporary directory,
// unless the postgres user could not reach it (as root, a TMPDIR under
// /root) or the server's socket path would be too long (Unix sockets allow
// about 100 bytes): then /tmp.
func tempBase() string {
	base := os.TempDir()
	if len(base) > 60 {
		return "/tmp"
	}
	if os.Geteuid() == 0 {
		for p := base; p != "/" && p != "."; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm()&0o001 == 0 {
				return "/tmp"
			}
		}
	}
	return base
}

func (c *cluster) data() string { return filepath.Join(c.dir, "data") }

// run runs a server binary, as c.asUser when set.
func (c *cluster) run(name string, args ...string) error {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.asUser != "" {
		cmd = exec.Command("runuser", append([]string{"-u", c.asUser, "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.Bytes())
	}
	return nil
}

func (c *cluster) stop() {
	_ = c.run("pg_ctl", "-D", c.data(), "-m", "immediate", "-w", "stop")
	os.RemoveAll(c.dir)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
