package systemtest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/servetest"
	"github.com/jixiao/jixiao/store"
)

// Issue 12, crashes 2: the disk fills up, or the database becomes
// read-only, while people save. The SQLite file lives on a small tmpfs of
// its own (mounted by the test: root only), which is filled to the last
// byte, or remounted read-only, under a running server. Saves then get a
// clear Chinese refusal (503, kind unavailable, Retry-After), nothing that
// was refused is stored and everything acknowledged is; reads go on; and
// once space is freed or the disk is writable again, saves work without a
// restart.

// smallDisk mounts a tmpfs of size bytes on a new directory, owned by
// owner ("": root), unmounted when the test ends; it skips the test where
// mounting is not permitted.
func smallDisk(t *testing.T, size int, owner string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root (CI runs as root)")
	}
	dir, err := os.MkdirTemp("", "jixiao-disk-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(dir) })
	opts := fmt.Sprintf("size=%d", size)
	if owner != "" {
		u, err := user.Lookup(owner)
		if err != nil {
			t.Fatal(err)
		}
		opts += ",mode=0700,uid=" + u.Uid + ",gid=" + u.Gid
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("mount -t tmpfs is not permitted here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// sqliteOnSmallDisk is a SQLite file on a small disk of its own.
func sqliteOnSmallDisk(t *testing.T) (dir, dsn string) {
	dir = smallDisk(t, 32<<20, "")
	return dir, filepath.Join(dir, "jixiao.db")
}

// postgresOnSmallDisk is a PostgreSQL database whose tables live on a
// small disk of their own (a tablespace there; the cluster's write-ahead
// log stays on its own disk, as it would on a server whose data disk
// fills up).
func postgresOnSmallDisk(t *testing.T) (dir, dsn string) {
	admin := pgtest.Database(t) // where the small database is made and dropped
	dir = smallDisk(t, 32<<20, "postgres")
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	for _, q := range []string{
		"CREATE TABLESPACE " + name + "_small LOCATION '" + dir + "'",
		"CREATE DATABASE " + name + "_small TABLESPACE " + name + "_small",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() { // before the disk goes
		db, err := sql.Open("pgx", admin)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		for _, q := range []string{"DROP DATABASE " + name + "_small WITH (FORCE)", "DROP TABLESPACE " + name + "_small"} {
			if _, err := db.Exec(q); err != nil {
				t.Errorf("%s: %v", q, err)
			}
		}
	})
	u.Path += "_small"
	return dir, u.String()
}

// fillDisk writes dir/filler until the file system has no byte left.
func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, chunk := range []int{1 << 20, 4096, 1} {
		buf := make([]byte, chunk)
		for {
			if _, err := f.Write(buf); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				break
			}
		}
	}
}

// fillUp fills the disk under the running server.
func fillUp(t *testing.T, dir, _ string, srv *servetest.Server) *servetest.Server {
	fillDisk(t, dir)
	return srv
}

// freeUp frees the space fillUp took.
func freeUp(t *testing.T, dir string) {
	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
}

// remount remounts dir's file system with opts (ro, rw).
func remount(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,"+opts, dir).CombinedOutput(); err != nil {
		t.Fatalf("mount -o remount,%s %s: %v %s", opts, dir, err, out)
	}
}

func TestStorageCannotWrite(t *testing.T) {
	const saveTries = 10
	for _, tc := range []struct {
		name string
		open func(t *testing.T) (dir, dsn string)
		// spoil makes the database unable to write under srv, and returns
		// the server that serves it then.
		spoil func(t *testing.T, dir, dsn string, srv *servetest.Server) *servetest.Server
		mend  func(t *testing.T, dir string)
		says  string // in the refusal
	}{
		{"sqlite disk full", sqliteOnSmallDisk, fillUp, freeUp, "磁盘已满"},
		{"postgres disk full", postgresOnSmallDisk, fillUp, freeUp, "磁盘已满"},
		// Linux refuses to remount a file system read-only while a process
		// has a file on it open for writing (EBUSY), as the server has its
		// database: the file system becomes read-only between a crash and
		// the next start (as after a disk error and a reboot), and
		// writable again under the running server.
		{"sqlite read-only", sqliteOnSmallDisk, func(t *testing.T, dir, dsn string, srv *servetest.Server) *servetest.Server {
			srv.Kill()
			remount(t, dir, "ro")
			return servetest.Start(t, dsn)
		}, func(t *testing.T, dir string) { remount(t, dir, "rw") }, "只读"},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			dir, dsn := tc.open(t)
			servetest.Seed(t, dsn)
			srv := servetest.Start(t, dsn)
			l := newCrashLedger()
			filler, reviewer := newCrashActor(t, srv.URL, l, 1, "cy_scj"), newCrashActor(t, srv.URL, l, 1, "chaoyang")
			actors := []*crashActor{filler, reviewer}
			form := ownForm(t, filler)
			// Sessions last seen over a minute ago, as after a pause: the
			// next request would write the last-seen time.
			staleSessions(t, dsn)

			srv = tc.spoil(t, dir, dsn, srv)
			for _, a := range actors {
				a.c.Base = srv.URL
			}
			refusals := 0
			for i := range saveTries {
				code, body, retry := filler.tryPut(t, form)
				switch code {
				case http.StatusOK:
					var got jixiao.StoredForm
					if err := json.Unmarshal(body, &got); err != nil {
						t.Fatal(err)
					}
					l.saves[[2]int64{got.ID, int64(got.Version)}] = got.Hash
					form = &got
				case http.StatusServiceUnavailable:
					refusals++
					var e struct{ Error, Kind string }
					if err := json.Unmarshal(body, &e); err != nil || e.Kind != "unavailable" || !strings.Contains(e.Error, tc.says) ||
						!strings.Contains(e.Error, "未能保存") || retry == "" {
						t.Fatalf("save %d refused with %s (Retry-After %q), want kind unavailable and a message saying %s", i, body, retry, tc.says)
					}
				default:
					t.Fatalf("save %d on a %s: %d %s\nserver output:\n%s", i, tc.name, code, body, srv.Output())
				}
			}
			if refusals == 0 {
				t.Fatalf("%d saves on a %s, none refused: the test tested nothing", saveTries, tc.name)
			}
			// Reads go on: pages and API, with sessions whose last-seen time
			// is due. (A small change, a comment, may still fit in the pages
			// the database has: it is stored, and acknowledged.)
			for _, c := range []*crashActor{filler, reviewer} {
				for _, path := range []string{"/", "/forms", fmt.Sprintf("/forms/%d", form.ID), "/api/forms", fmt.Sprintf("/api/forms/%d", form.ID)} {
					if code, body, err := c.call("GET", path, "", nil); err != nil || code != http.StatusOK {
						t.Errorf("%s GET %s on a %s: %d %v %s", c.name, path, tc.name, code, err, crashTruncate(body))
					}
				}
			}
			if !strings.Contains(srv.Output(), "status=503") {
				t.Errorf("the server's log does not tell the administrator:\n%s", srv.Output())
			}

			// Mended, the same server saves again.
			tc.mend(t, dir)
			if code, body, _ := filler.tryPut(t, form); code != http.StatusOK {
				t.Fatalf("save after the %s was mended: %d %s\nserver output:\n%s", tc.name, code, body, srv.Output())
			} else {
				var got jixiao.StoredForm
				json.Unmarshal(body, &got)
				l.saves[[2]int64{got.ID, int64(got.Version)}] = got.Hash
			}
			srv.Stop()
			w := crashCheck(t, dsn, l)
			// Nothing refused was stored: the form's revisions are the demo's
			// and the acknowledged saves, no more.
			if f := w.Forms[int(form.ID)]; f == nil || f.Version != 1+len(l.saves) {
				t.Errorf("form %d: %d acknowledged saves after the demo's 1 version, stored: %+v", form.ID, len(l.saves), f)
			}
			t.Logf("%s: %d of %d saves refused with 503, %d acknowledged and stored", tc.name, refusals, saveTries, len(l.saves))
		})
	}
}

// ownForm is the filler's only form (the demo gives each unit one).
func ownForm(t *testing.T, a *crashActor) *jixiao.StoredForm {
	t.Helper()
	forms, err := a.forms("")
	if err != nil || len(forms) != 1 {
		t.Fatalf("%s's forms: %d %v", a.name, len(forms), err)
	}
	return forms[0]
}

// staleSessions moves every session's last-seen time 5 minutes back.
func staleSessions(t *testing.T, dsn string) {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	past := time.Now().UTC().Add(-5 * time.Minute).Format("2006-01-02T15:04:05.000000Z") // as the store writes times
	if _, err := s.DB().Exec("UPDATE sessions SET last_seen_at = '" + past + "'"); err != nil {
		t.Fatal(err)
	}
}

// tryPut saves a new, large version of f (a long achievement text, so the
// database must grow), returning the status, body and Retry-After.
func (a *crashActor) tryPut(t *testing.T, f *jixiao.StoredForm) (int, []byte, string) {
	t.Helper()
	a.pad = strings.Repeat("增", 10000)
	doc := a.document(0, false)
	req, _ := http.NewRequest("PUT", fmt.Sprintf("%s/api/forms/%d?version=%d", a.c.Base, f.ID, f.Version), bytes.NewReader(doc))
	req.Header.Set("Content-Type", "application/json")
	resp, err := a.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body, resp.Header.Get("Retry-After")
}
