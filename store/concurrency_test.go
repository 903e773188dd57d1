package store_test

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// Issue 10 §4, "no lost edit": many editors saving the same form at once,
// each from the version it read. Every accepted save must be a revision of
// its own, every refused one a conflict that names who saved in between,
// and nothing else may happen — in one process, with two stores on one
// database (two application servers), and with two processes.

const (
	racers   = 20 // goroutines saving the same form
	attempts = 4  // loads and saves each makes, retrying on conflict
)

// saveOutcome is what one attempt of a racer got.
type saveOutcome struct {
	mark    string // put on the document it saved
	version int    // accepted: the version the store says it wrote
	hash    string
	err     error
}

// race runs n goroutines against form id, each loading the form, saving a
// marked copy of it from the version it read and, on a conflict, trying
// again up to attempts times in all. stores are used in turn (two stores:
// two servers on one database). The outcomes come in no particular order.
func race(stores []*store.Store, ctx context.Context, id int64, n int, prefix string) []saveOutcome {
	var mu sync.Mutex
	var out []saveOutcome
	var wg sync.WaitGroup
	for g := range n {
		s := stores[g%len(stores)]
		wg.Go(func() {
			for a := range attempts {
				o := saveOutcome{mark: fmt.Sprintf("%s-%d-%d", prefix, g, a)}
				cur, err := s.Form(ctx, id)
				if err != nil {
					o.err = fmt.Errorf("load: %w", err)
				} else {
					var got *jixiao.StoredForm
					got, o.err = s.SaveForm(ctx, id, cur.Version, variant(cur.Form, o.mark))
					if o.err == nil {
						o.version, o.hash = got.Version, got.Hash
					}
				}
				mu.Lock()
				out = append(out, o)
				mu.Unlock()
				if jixiao.KindOf(o.err) != jixiao.KindConflict {
					return
				}
			}
		})
	}
	wg.Wait()
	return out
}

// conflictMessage is what a refused save must say: the version it started
// from, who saved which version after it and when, and the current version.
var conflictMessage = regexp.MustCompile(`^保存冲突：您的修改基于第 (\d+) 版，(.+（[a-z_]+）) 已于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 保存了第 (\d+) 版（当前第 (\d+) 版）；您的修改未保存`)

// checkRace checks the outcomes of races on form id, which was at version
// start before them: accepted saves are exactly the new revisions, each
// holding the document its saver sent, refusals are conflicts naming
// someone, and the log has one save entry per accepted save.
func checkRace(t *testing.T, s *store.Store, id int64, start int, outcomes []saveOutcome, saver string) {
	t.Helper()
	accepted, conflicts := 0, 0
	byVersion := map[int]saveOutcome{}
	for _, o := range outcomes {
		switch {
		case o.err == nil:
			accepted++
			if prev, dup := byVersion[o.version]; dup {
				t.Errorf("two accepted saves were told they wrote version %d (%s and %s)", o.version, prev.mark, o.mark)
			}
			byVersion[o.version] = o
		case jixiao.KindOf(o.err) == jixiao.KindConflict:
			conflicts++
			m := conflictMessage.FindStringSubmatch(jixiao.MessageOf(o.err))
			if m == nil {
				t.Errorf("conflict message %q", jixiao.MessageOf(o.err))
				continue
			}
			base, by, next, cur := atoi(m[1]), m[2], atoi(m[3]), atoi(m[4])
			if by != saver || next != base+1 || cur < next {
				t.Errorf("conflict names %s saving version %d after %d, current %d: %q", by, next, base, cur, jixiao.MessageOf(o.err))
			}
		default:
			t.Errorf("attempt %s: neither saved nor a conflict: %v", o.mark, o.err)
		}
	}
	w := storetest.CheckWhole(t, s)
	f := w.Forms[int(id)]
	if f == nil {
		t.Fatalf("form %d is gone", id)
	}
	if f.Version != start+accepted {
		t.Errorf("%d saves accepted, %d refused, but the form went from version %d to %d", accepted, conflicts, start, f.Version)
	}
	for _, rev := range f.Revisions[start:] {
		o, ok := byVersion[rev.Version]
		if !ok {
			t.Errorf("revision %d was saved by nobody who was told so", rev.Version)
			continue
		}
		if got := markOf(rev.Document); got != o.mark || rev.Hash != o.hash {
			t.Errorf("revision %d holds %q (hash %.8s), the save told so sent %q (hash %.8s)", rev.Version, got, rev.Hash, o.mark, o.hash)
		}
	}
	saves := 0
	for _, e := range f.Entries {
		if e.Action == string(jixiao.ActionFormSave) {
			saves++
		}
	}
	if saves != f.Version-1 {
		t.Errorf("%d save entries in the log for %d saves", saves, f.Version-1)
	}
	t.Logf("%d attempts: %d accepted, %d conflicts", len(outcomes), accepted, conflicts)
	if accepted == 0 || conflicts == 0 {
		t.Errorf("a race with %d accepted and %d refused saves tested nothing", accepted, conflicts)
	}
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// raceForm creates a district with its units (importWorld), the filler of
// the first unit (张三) and the form the racers save (version 1). It
// returns the filler and the form.
func raceForm(t *testing.T, s *store.Store) (*jixiao.User, int64) {
	t.Helper()
	ctx := storetest.System()
	org, err := s.OrgByName(ctx, importWorld(t, s)[0])
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, store.NewUser{Username: "zy_a", Name: "张三", Password: storetest.Password,
		Grants: []jixiao.Grant{{Role: jixiao.RoleFiller, OrgID: org.ID}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.CreateForm(storetest.As(u), store.NewForm{Program: storetest.Program, Year: storetest.Year,
		OrgID: org.ID, Form: storetest.CleanForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	return u, f.ID
}

// TestConcurrentSaves: 20 goroutines saving the same form through one store.
func TestConcurrentSaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		filler, id := raceForm(t, s)
		out := race([]*store.Store{s}, storetest.As(filler), id, racers, "g")
		checkRace(t, s, id, 1, out, "张三（zy_a）")
	})
}

// TestConcurrentSavesTwoStores: the same through two stores opened on one
// database — two application servers behind a load balancer, or on SQLite
// two processes sharing a file (the busy timeout makes one wait for the
// other, never fail).
func TestConcurrentSavesTwoStores(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			a := openDSN(t, dsn)
			b := openDSN(t, dsn)
			filler, id := raceForm(t, a)
			out := race([]*store.Store{a, b}, storetest.As(filler), id, racers, "g")
			checkRace(t, b, id, 1, out, "张三（zy_a）")
		})
	}
}

func openDSN(tb testing.TB, dsn string) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// TestSaveReportsItsOwnVersion: a save returns the version it wrote, even
// when someone else saves the moment it commits. (The summary used to be
// read after the commit: it reported the other save's version, and an
// editor who took it as the base of the next save overwrote that save
// without a conflict — a lost edit.) The other save is made from inside
// the first store's clock, which it reads at the start of every
// transaction.
func TestSaveReportsItsOwnVersion(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			a, b := openDSN(t, dsn), openDSN(t, dsn)
			filler, id := raceForm(t, a)
			ctx := storetest.As(filler)
			calls := 0
			a.Now = func() time.Time {
				if calls++; calls == 2 {
					// The save's own transaction has committed; whatever reads
					// the summary now would see this save too.
					if _, err := b.SaveForm(ctx, id, 2, variant(storetest.CleanForm(t), "other")); err != nil {
						t.Errorf("the other save: %v", err)
					}
				}
				return time.Now()
			}
			got, err := a.SaveForm(ctx, id, 1, variant(storetest.CleanForm(t), "mine"))
			if err != nil {
				t.Fatal(err)
			}
			a.Now = time.Now
			revs, err := a.Revisions(ctx, id)
			if err != nil || len(revs) < 2 {
				t.Fatalf("revisions %v %v", revs, err)
			}
			if got.Version != 2 || got.Hash != revs[1].Hash {
				t.Errorf("the save wrote version 2 (hash %.8s) and was told version %d (hash %.8s)", revs[1].Hash, got.Version, got.Hash)
			}
		})
	}
}

// raceChild races plan.Racers goroutines on one form as race does and
// prints each attempt: "ok MARK VERSION HASH", or "refused MARK KIND MESSAGE".
func raceChild(t *testing.T, s *store.Store, plan childPlan) {
	u, err := s.User(context.Background(), plan.Filler)
	if err != nil {
		childFail("user %d: %v", plan.Filler, err)
	}
	for _, o := range race([]*store.Store{s}, storetest.As(u), plan.FormID, plan.Racers, plan.MarkTitle) {
		if o.err == nil {
			say("ok %s %d %s", o.mark, o.version, o.hash)
		} else {
			say("refused %s %s %s", o.mark, jixiao.KindOf(o.err), strconv.Quote(jixiao.MessageOf(o.err)))
		}
	}
}

// TestTwoProcesses: two jixiao processes on one database behave as one —
// two children race ten goroutines each on the same form, started together.
func TestTwoProcesses(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			s := openDSN(t, dsn)
			filler, id := raceForm(t, s)
			var children []*child
			for p := range 2 {
				children = append(children, startChild(t, childPlan{Mode: "race", DSN: dsn, FormID: id, Filler: filler.ID,
					Racers: racers / 2, MarkTitle: "p" + strconv.Itoa(p)}))
			}
			for _, c := range children {
				<-c.ready
			}
			for _, c := range children {
				io.WriteString(c.stdin, "go\n")
			}
			var out []saveOutcome
			for _, c := range children {
				for _, l := range c.wait(t) {
					p := strings.SplitN(l, " ", 4)
					switch {
					case len(p) == 4 && p[0] == "ok":
						out = append(out, saveOutcome{mark: p[1], version: atoi(p[2]), hash: p[3]})
					case len(p) == 4 && p[0] == "refused":
						msg, err := strconv.Unquote(p[3])
						if err != nil {
							t.Fatalf("child printed %q", l)
						}
						out = append(out, saveOutcome{mark: p[1], err: &jixiao.Error{Kind: jixiao.ErrorKind(p[2]), Message: msg}})
					case strings.HasPrefix(l, "fail "):
						t.Fatalf("child: %s", l)
					}
				}
			}
			checkRace(t, s, id, 1, out, "张三（zy_a）")
			by := map[string]int{}
			for _, o := range out {
				if o.err == nil {
					by[o.mark[:2]]++
				}
			}
			t.Logf("accepted saves by process: %v", by)
		})
	}
}
