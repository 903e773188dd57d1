package store_test

import (
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// Issue 10, reliability: kill -9 in the middle of saves. A child process
// saves, submits and returns forms in a loop; the parent kills it at a
// random moment, opens the database and checks that it is whole (storetest.CheckWhole)
// and that every change the child was told about is there; then again, many
// times, on SQLite and on PostgreSQL.

// crashIterations is how many children each crash test kills per backend:
// JIXIAO_CRASH_ITERATIONS, else def (kept small so that the suite stays
// quick; RELIABILITY.md gives the figures of a long run).
func crashIterations(t *testing.T, def int) int {
	if v := os.Getenv("JIXIAO_CRASH_ITERATIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("JIXIAO_CRASH_ITERATIONS=%q: want a positive number", v)
		}
		return n
	}
	return def
}

// saveChild saves, submits and returns the plan's forms until killed,
// printing "ack save FORM VERSION HASH", "ack submit FORM VERSION" and "ack
// return FORM VERSION" after each change the store acknowledged.
func saveChild(t *testing.T, s *store.Store, plan childPlan) {
	// The command-line operator fills and reviews: who acts does not matter
	// to a crash, and users would cost a password hash each to set up.
	ctx := storetest.System()
	clean, withErrors := storetest.CleanForm(t), storetest.RefForm(t)
	rng := rand.New(rand.NewPCG(plan.Seed, 1))
	for i := 0; ; i++ {
		id := plan.Forms[rng.IntN(len(plan.Forms))]
		cur, err := s.Form(ctx, id)
		if err != nil {
			childFail("load form %d: %v", id, err)
		}
		mark := strconv.FormatUint(plan.Seed, 10) + "-" + strconv.Itoa(i)
		switch {
		case cur.Status.InReview():
			if _, err := s.Return(ctx, id, cur.Version, "请补充说明（"+mark+"）"); err != nil {
				childFail("return form %d: %v", id, err)
			}
			say("ack return %d %d", id, cur.Version)
		case cur.Errors == 0 && rng.IntN(4) == 0:
			if _, err := s.Submit(ctx, id, cur.Version); err != nil {
				childFail("submit form %d: %v", id, err)
			}
			say("ack submit %d %d", id, cur.Version)
		default:
			base := clean
			if rng.IntN(4) == 0 {
				base = withErrors // errors never block saving
			}
			got, err := s.SaveForm(ctx, id, cur.Version, variant(base, mark))
			if err != nil {
				childFail("save form %d: %v", id, err)
			}
			say("ack save %d %d %s", id, got.Version, got.Hash)
		}
	}
}

// TestCrashSave kills a saving child at random moments.
func TestCrashSave(t *testing.T) {
	iterations := crashIterations(t, 10)
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			plan := childPlan{Mode: "save", DSN: dsn}
			setup := openDSN(t, dsn)
			for _, unit := range importWorld(t, setup)[:3] {
				org, err := setup.OrgByName(storetest.System(), unit)
				if err != nil {
					t.Fatal(err)
				}
				f, err := setup.CreateForm(storetest.System(), store.NewForm{Program: storetest.Program, Year: storetest.Year,
					OrgID: org.ID, Form: storetest.CleanForm(t)})
				if err != nil {
					t.Fatal(err)
				}
				plan.Forms = append(plan.Forms, f.ID)
			}
			setup.Close() // the parent holds no connection while children run

			saved := map[[2]int]string{} // (form, version) → hash, acknowledged
			acked := map[string]int{}    // "form action" → how many acknowledged
			var total, unacked, kills int
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))
			start := time.Now()
			for it := range iterations {
				plan.Seed = uint64(it)
				c := startChild(t, plan)
				<-c.ready
				time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
				if c.exited() {
					t.Fatalf("the child ended by itself: %v\n%s", failures(c.lines), c.stderr.Bytes())
				}
				lines := c.kill()
				kills++
				if f := failures(lines); len(f) > 0 {
					t.Fatalf("child %d: %v", it, f)
				}
				for _, l := range lines {
					p := strings.Fields(l)
					if len(p) < 4 || p[0] != "ack" {
						continue
					}
					total++
					acked[p[2]+" "+p[1]]++
					if p[1] == "save" {
						saved[[2]int{atoi(p[2]), atoi(p[3])}] = p[4]
					}
				}
				// The database opens, is whole, and holds every acknowledged change.
				storetest.Settle(t, dsn)
				s := openDSN(t, dsn)
				r := storetest.CheckWhole(t, s)
				s.Close()
				for k, hash := range saved {
					f := r.Forms[k[0]]
					if f == nil || f.Version < k[1] || f.Revisions[k[1]-1].Hash != hash {
						t.Fatalf("after kill %d: acknowledged save of form %d version %d (hash %.8s) is missing", kills, k[0], k[1], hash)
					}
				}
				stored, inLog := 0, map[string]int{}
				for _, f := range r.Forms {
					for _, e := range f.Entries {
						switch jixiao.Action(e.Action) {
						case jixiao.ActionFormSave, jixiao.ActionFormSubmit, jixiao.ActionFormReturn:
							stored++
							inLog[strconv.Itoa(f.ID)+" "+strings.TrimPrefix(e.Action, "form.")]++
						}
					}
				}
				for k, n := range acked {
					if inLog[k] < n {
						t.Fatalf("after kill %d: %d changes (form, action: %s) acknowledged, %d in the log", kills, n, k, inLog[k])
					}
				}
				// Each kill may leave at most one change committed but not
				// acknowledged (killed between the commit and the print).
				if stored < total || stored > total+kills {
					t.Fatalf("after kill %d: %d changes stored, %d acknowledged", kills, stored, total)
				}
				unacked = stored - total
				if t.Failed() {
					t.FailNow()
				}
			}
			t.Logf("%s: %d kills in %.1f s, %d acknowledged changes verified (%d saves), %d committed but killed before the acknowledgement",
				backend, kills, time.Since(start).Seconds(), total, len(saved), unacked)
			if total == 0 {
				t.Error("no change was acknowledged: the kills came too early to test anything")
			}
		})
	}
}
