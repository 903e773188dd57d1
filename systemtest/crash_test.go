package systemtest

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/servetest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// Issue 12, crashes 1: kill -9 the server in the middle of saves, submits
// and uploads, at random moments, many times, on SQLite and PostgreSQL.
// The demo world's fillers and reviewers (crash_clients_test.go) work over
// HTTP from their goroutines; the server is killed (SIGKILL of its process
// group) at a random moment and started again on the same database, which
// must then be whole (storetest.CheckWhole: integrity, no half-written
// form, the log verifies) and hold every change that was acknowledged.

// crashRounds is how many times each backend's server is killed:
// JIXIAO_CRASH_ROUNDS, else def (small, for CI; RELIABILITY.md quotes a
// long run).
func crashRounds(t *testing.T, def int) int {
	if v := os.Getenv("JIXIAO_CRASH_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("JIXIAO_CRASH_ROUNDS=%q: want a positive number", v)
		}
		return n
	}
	return def
}

func TestCrashServer(t *testing.T) {
	if testing.Short() {
		t.Skip("kills servers: not in -short")
	}
	rounds := crashRounds(t, 6)
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			servetest.Seed(t, dsn)
			seeded := crashLoggedChanges(crashCheck(t, dsn, nil))
			l := newCrashLedger()
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 12))
			var actors []*crashActor
			var unacked int // committed, killed before the answer
			start := time.Now()
			for round := range rounds {
				srv := servetest.Start(t, dsn)
				if actors == nil {
					actors = crashActors(t, srv.URL, l, rng.Uint64())
				}
				stop := make(chan struct{})
				var wg sync.WaitGroup
				for _, a := range actors {
					a.c.Base = srv.URL
					wg.Go(func() { a.run(stop) })
				}
				// A random moment after the first changes: every actor has
				// a request in flight at almost any moment.
				time.Sleep(time.Duration(200+rng.IntN(800)) * time.Millisecond)
				srv.Kill()
				close(stop)
				wg.Wait()
				l.mu.Lock()
				if len(l.unexpected) > 0 {
					t.Fatalf("round %d: answers neither success nor refusal:\n%s\nserver output:\n%s",
						round, strings.Join(l.unexpected, "\n"), srv.Output())
				}
				l.mu.Unlock()
				w := crashCheck(t, dsn, l)
				// Each kill may leave one change per actor committed but
				// not acknowledged (killed between the commit and the answer).
				stored := crashLoggedChanges(w) - seeded
				if stored < l.ops || stored > l.ops+(round+1)*len(actors) {
					t.Fatalf("after kill %d: %d changes in the log, %d acknowledged", round+1, stored, l.ops)
				}
				unacked = stored - l.ops
				if t.Failed() {
					t.FailNow()
				}
			}
			t.Logf("%s: %d kills in %.1f s, %d acknowledged changes verified after every kill (%v), %d committed but killed before the answer",
				backend, rounds, time.Since(start).Seconds(), l.ops, l.byKind, unacked)
			if l.byKind["save"] == 0 || l.byKind["upload"] == 0 || l.byKind["submit"] == 0 {
				t.Errorf("the workload did not save, upload and submit: %v", l.byKind)
			}
		})
	}
}

// crashCheck opens the database the killed server left, checks that it is
// whole and that it holds everything l acknowledged (nil: nothing yet).
func crashCheck(t *testing.T, dsn string, l *crashLedger) *storetest.Whole {
	t.Helper()
	storetest.Settle(t, dsn)
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer s.Close()
	w := storetest.CheckWhole(t, s)
	if l == nil {
		return w
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	revision := func(k [2]int64) *storetest.StoredRevision {
		f := w.Forms[int(k[0])]
		if f == nil || f.Version < int(k[1]) {
			return nil
		}
		return &f.Revisions[k[1]-1]
	}
	for k, hash := range l.saves {
		if r := revision(k); r == nil || r.Hash != hash {
			t.Errorf("acknowledged save of form %d version %d (hash %.8s) is missing", k[0], k[1], hash)
		}
	}
	for k, name := range l.uploads {
		if r := revision(k); r == nil || r.Source != name {
			t.Errorf("acknowledged upload of %s as form %d version %d is missing", name, k[0], k[1])
		}
	}
	inLog := map[string]int{}
	for _, f := range w.Forms {
		for _, e := range f.Entries {
			inLog[strconv.Itoa(f.ID)+" "+strings.TrimPrefix(e.Action, "form.")]++
		}
	}
	for k, n := range l.transitions {
		if inLog[k] < n {
			t.Errorf("%d changes (form, action: %s) acknowledged, %d in the log", n, k, inLog[k])
		}
	}
	return w
}

// crashLoggedChanges counts the log entries of changes to forms (create, save,
// submit, return, approve).
func crashLoggedChanges(w *storetest.Whole) int {
	n := 0
	for _, f := range w.Forms {
		for _, e := range f.Entries {
			switch jixiao.Action(e.Action) {
			case jixiao.ActionFormCreate, jixiao.ActionFormSave, jixiao.ActionFormSubmit, jixiao.ActionFormReturn, jixiao.ActionFormApprove:
				n++
			}
		}
	}
	return n
}
