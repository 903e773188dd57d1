package systemtest

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/loadgen"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/servetest"
	"github.com/jixiao/jixiao/store"
)

// scaleSeconds is how long TestScaleOut loads each backend:
// JIXIAO_SCALE_SECONDS, else 8 (CI's budget; the run is 30).
func scaleSeconds(t *testing.T) time.Duration {
	s := os.Getenv("JIXIAO_SCALE_SECONDS")
	if s == "" {
		return 8 * time.Second
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		t.Fatalf("JIXIAO_SCALE_SECONDS=%q: want a number of seconds", s)
	}
	return time.Duration(n) * time.Second
}

// Issue 12 §3: 50 clients alternating between two `jixiao serve` on one
// PostgreSQL (one server on SQLite), saving the same and different forms
// over HTTP. No update is lost: every 2xx save is a revision of its own
// holding what was sent, every refused one got a 409 naming who saved in
// between; sessions are valid on both servers; the log verifies.
func TestScaleOut(t *testing.T) {
	for _, backend := range []struct {
		name    string
		servers int
		dsn     func(t *testing.T) string
	}{
		{"sqlite", 1, func(t *testing.T) string { return filepath.Join(t.TempDir(), "jixiao.db") }},
		{"postgres", 2, func(t *testing.T) string { return pgtest.Database(t) }},
	} {
		t.Run(backend.name, func(t *testing.T) {
			dsn := backend.dsn(t)
			servetest.Seed(t, dsn)
			var urls []string
			for range backend.servers {
				urls = append(urls, servetest.Start(t, dsn).URL)
			}
			if len(urls) > 1 {
				sessionsShared(t, urls)
			}
			res, err := loadgen.Run(context.Background(), loadgen.Config{
				Targets: urls, Password: demo.Password, Clients: 50, Duration: scaleSeconds(t),
				Mix:   loadgen.Mix{Reads: 50, Checks: 10, Saves: 40}, // the saves are the point
				Forms: 2, Shared: true, Record: true, Seed: 12,
			})
			if err != nil {
				t.Fatal(err)
			}
			res.Report(t.Output())
			if res.Failures() > 0 {
				t.Errorf("%d requests failed (a session refused on one server is one); the first: %q", res.Failures(), res.Errors())
			}
			s, err := store.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkSaves(t, s, res.Saves, urls, true)
			c, err := s.VerifyLog(asSystem())
			if err != nil {
				t.Fatal(err)
			}
			if c.Broken != 0 {
				t.Errorf("the log does not verify: entry %d: %s", c.Broken, c.Problem)
			}
		})
	}
}

// The load of issue 12 §8 as scripts/bench-load runs it, briefly: each
// client edits a form of its own (loadgen without Shared), so no save
// ever conflicts — every one is a 2xx and a revision holding what was
// sent — and nothing fails.
func TestLoadOwnForms(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "jixiao.db")
	servetest.Seed(t, dsn)
	url := servetest.Start(t, dsn).URL
	res, err := loadgen.Run(context.Background(), loadgen.Config{
		Targets: []string{url}, Password: demo.Password, Clients: 10, Duration: 3 * time.Second, Record: true, Seed: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	res.Report(t.Output())
	if res.Failures() > 0 {
		t.Errorf("%d requests failed; the first: %q", res.Failures(), res.Errors())
	}
	saves := res.Stats(loadgen.KindSave)
	if saves.Count == 0 || saves.OK() != saves.Count || res.Stats(loadgen.KindReread).Count != 0 {
		t.Errorf("%d saves, %d of them 2xx, %d reread after a 409: each client's saves should be on its own form", saves.Count, saves.OK(), res.Stats(loadgen.KindReread).Count)
	}
	forms := map[int64]int{} // form → client
	for _, sv := range res.Saves {
		if c, ok := forms[sv.FormID]; ok && c != sv.Client {
			t.Errorf("clients %d and %d both saved form %d", c, sv.Client, sv.FormID)
		}
		forms[sv.FormID] = sv.Client
	}
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkSaves(t, s, res.Saves, []string{url}, false)
}

func asSystem() context.Context {
	return jixiao.NewContextWithActor(context.Background(), jixiao.SystemActor("scale-out test"))
}

// sessionsShared: a session made on one server opens the other, and
// signing out on the other ends it on the first.
func sessionsShared(t *testing.T, urls []string) {
	t.Helper()
	c := servetest.Login(t, urls[0], "cy_scj") // the jar sends 127.0.0.1's cookie to every port
	get := func(base string) int {
		resp, err := c.Get(base + "/api/forms")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(urls[1]); code != http.StatusOK {
		t.Fatalf("a session made on server 1 is refused by server 2: %d", code)
	}
	resp, err := c.Post(urls[1]+"/api/logout", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if code := get(urls[0]); code != http.StatusUnauthorized {
		t.Fatalf("signed out on server 2, the session still opens server 1: %d", code)
	}
}

// conflictMessage is the store's refusal of a stale save (store.staleVersion).
var conflictMessage = regexp.MustCompile(`基于第 (\d+) 版，(.+) 已于 (\S+ \S+) 保存了第 (\d+) 版（当前第 (\d+) 版）`)

// checkSaves holds every save attempt of a run against the store; shared:
// the clients shared forms, so some saves must have been refused.
func checkSaves(t *testing.T, s *store.Store, saves []loadgen.Save, urls []string, shared bool) {
	t.Helper()
	ctx := asSystem()
	type key struct {
		form    int64
		version int
	}
	acked := map[key]loadgen.Save{}
	firstBase := map[int64]int{}
	revisions := map[int64]map[int]jixiao.Revision{}
	revision := func(id int64, v int) (jixiao.Revision, bool) {
		if revisions[id] == nil {
			list, err := s.Revisions(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			revisions[id] = map[int]jixiao.Revision{}
			for _, r := range list {
				revisions[id][r.Version] = r
			}
		}
		r, ok := revisions[id][v]
		return r, ok
	}
	conflicts, perServer := 0, map[string]int{}
	for _, sv := range saves {
		if b, ok := firstBase[sv.FormID]; !ok || sv.Base < b {
			firstBase[sv.FormID] = sv.Base
		}
		switch sv.Status {
		case http.StatusOK:
			k := key{sv.FormID, sv.Version}
			if other, dup := acked[k]; dup {
				t.Errorf("form %d version %d acknowledged twice: to client %d and client %d", k.form, k.version, other.Client, sv.Client)
			}
			acked[k] = sv
			perServer[sv.Target]++
			r, ok := revision(sv.FormID, sv.Version)
			if !ok {
				t.Errorf("lost update: form %d version %d was acknowledged to client %d but is not in the store", sv.FormID, sv.Version, sv.Client)
				continue
			}
			if r.Hash != sv.Hash {
				t.Errorf("form %d version %d: stored hash %s, acknowledged %s", sv.FormID, sv.Version, r.Hash, sv.Hash)
			}
			doc, err := s.Revision(ctx, sv.FormID, sv.Version)
			if err != nil {
				t.Fatal(err)
			}
			if !formedit.Equal(doc, sv.Sent) || doc.Notes != sv.Sent.Notes {
				t.Errorf("form %d version %d holds %q, not what client %d sent (%q)", sv.FormID, sv.Version, doc.Notes, sv.Client, sv.Sent.Notes)
			}
		case http.StatusConflict:
			conflicts++
			m := conflictMessage.FindStringSubmatch(sv.Message)
			if m == nil {
				t.Errorf("form %d: a 409 that does not name who saved in between: %q", sv.FormID, sv.Message)
				continue
			}
			base, _ := strconv.Atoi(m[1])
			v, _ := strconv.Atoi(m[4])
			r, ok := revision(sv.FormID, v)
			switch {
			case base != sv.Base || v <= base:
				t.Errorf("form %d: a save on version %d refused with %q", sv.FormID, sv.Base, sv.Message)
			case !ok || r.SavedBy != m[2]:
				t.Errorf("form %d: the 409 names %s as the saver of version %d, the store %q", sv.FormID, m[2], v, r.SavedBy)
			}
		default:
			t.Errorf("form %d: a save answered %d", sv.FormID, sv.Status)
		}
	}
	// Every version made during the run is one acknowledged save: none
	// appeared that no client was told of, none was told and is missing.
	for id, b := range firstBase {
		cur, err := s.Form(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for v := b + 1; v <= cur.Version; v++ {
			if _, ok := acked[key{id, v}]; !ok {
				t.Errorf("form %d version %d is in the store but no client was told it was saved", id, v)
			}
		}
	}
	// The run must have done what it proves: saves through every server,
	// on several forms, some of them refused when the forms were shared.
	if len(firstBase) < 2 || shared && conflicts == 0 {
		t.Errorf("the run saved %d forms with %d conflicts: it proves nothing", len(firstBase), conflicts)
	}
	for _, u := range urls {
		if perServer[u] == 0 {
			t.Errorf("no save went through %s", u)
		}
	}
	t.Logf("%d saves acknowledged on %d forms, %d refused with 409, by server %v", len(acked), len(firstBase), conflicts, perServer)
}
