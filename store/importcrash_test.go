package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
)

// Issue 10, reliability: kill -9 in the middle of a bulk import. Each round
// a department receives a new batch of files (one per unit) in its import
// folder; a child imports the whole folder (skipping what was imported
// before, finishing what a killed run left) and is killed at a random
// moment. After each kill the database is whole and holds every file the
// child was told was imported, exactly once; at the end one run to
// completion imports every file once, and nothing twice.

// importUnits is how many units send a file in each batch.
const importUnits = 8

// importChild imports every file of plan.Dir in name order as the
// command-line operator, printing "ack import FILE OUTCOME FORM VERSION"
// for each file it stored, "skipped FILE" for each it had stored before,
// and "done" at the end.
func importChild(t *testing.T, s *store.Store, plan childPlan) {
	ctx := storetest.System()
	entries, err := os.ReadDir(plan.Dir)
	if err != nil {
		childFail("%v", err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(plan.Dir, e.Name()))
		if err != nil {
			childFail("%v", err)
		}
		forms, err := jsonform.Reader{}.ReadForms(e.Name(), data)
		if err != nil || len(forms) != 1 {
			childFail("%s: %v", e.Name(), err)
		}
		org, err := s.OrgByName(ctx, forms[0].Header.Unit)
		if err != nil {
			childFail("%s: %v", e.Name(), err)
		}
		sum := sha256.Sum256(data)
		res, err := s.ImportForm(ctx, store.NewForm{Program: plan.Program, Year: plan.Year, OrgID: org.ID, Form: forms[0],
			Source: e.Name(), SourceHash: hex.EncodeToString(sum[:])})
		if err != nil {
			childFail("%s: %v", e.Name(), err)
		}
		if res.Outcome == store.ImportSkipped {
			say("skipped %s", e.Name())
			continue
		}
		say("ack import %s %s %d %d", e.Name(), res.Outcome, res.Form.ID, res.Form.Version)
	}
	say("done")
}

// importWorld is a district department and its units, without users.
func importWorld(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := storetest.System()
	if _, _, err := s.LoadRegions(ctx, []jixiao.Region{
		{Code: "000000", Name: "全国", Level: 0},
		{Code: "110000", Name: "北京市", Level: 1, Parent: "000000"},
		{Code: "110105", Name: "朝阳区", Level: 3, Parent: "110000"},
	}, "test"); err != nil {
		t.Fatal(err)
	}
	dept, err := s.CreateOrg(ctx, jixiao.Organisation{Name: "北京市朝阳区知识产权局", Kind: jixiao.OrgDepartment, Region: "110105"})
	if err != nil {
		t.Fatal(err)
	}
	var units []string
	for u := range importUnits {
		o, err := s.CreateOrg(ctx, jixiao.Organisation{Name: fmt.Sprintf("朝阳区第%02d知识产权服务单位", u+1), Kind: jixiao.OrgUnit,
			Region: "110105", ParentID: dept.ID})
		if err != nil {
			t.Fatal(err)
		}
		units = append(units, o.Name)
	}
	return units
}

func TestCrashImport(t *testing.T) {
	iterations := crashIterations(t, 6)
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			dir := t.TempDir()
			setup := openDSN(t, dsn)
			units := importWorld(t, setup)
			setup.Close()
			plan := childPlan{Mode: "import", DSN: dsn, Dir: dir, Program: storetest.Program, Year: storetest.Year}

			files := map[string]string{}  // file name → SHA-256 of its bytes
			imported := map[string]bool{} // acknowledged
			base := storetest.CleanForm(t)
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
			var kills, finished, unacked int
			start := time.Now()
			check := func(when string, complete bool) (stored int) {
				t.Helper()
				settle(t, dsn)
				s := openDSN(t, dsn)
				defer s.Close()
				r := checkWhole(t, s)
				bySource := map[string]int{}
				revisions := 0
				for _, f := range r.forms {
					for _, rev := range f.revisions {
						if rev.sourceHash != "" {
							bySource[rev.sourceHash]++
							revisions++
						}
					}
					imports := 0
					for _, e := range f.entries {
						if e.action == string(jixiao.ActionFormImport) {
							imports++
						}
					}
					if imports != len(f.revisions) {
						t.Errorf("%s: form %d has %d revisions and %d import entries", when, f.id, len(f.revisions), imports)
					}
				}
				for hash, n := range bySource {
					if n > 1 {
						t.Errorf("%s: a file (%.8s) was imported %d times", when, hash, n)
					}
				}
				for name, hash := range files {
					if (imported[name] || complete) && bySource[hash] != 1 {
						t.Errorf("%s: %s was acknowledged (or the import completed) but is stored %d times", when, name, bySource[hash])
					}
				}
				if len(r.forms) > len(units) || (complete && len(r.forms) != len(units)) {
					t.Errorf("%s: %d forms for %d units", when, len(r.forms), len(units))
				}
				if complete && revisions != len(files) {
					t.Errorf("%s: %d files, %d revisions from files", when, len(files), revisions)
				}
				if t.Failed() {
					t.FailNow()
				}
				return len(bySource)
			}
			for it := range iterations {
				for u, unit := range units {
					f := variant(base, fmt.Sprintf("第%d批", it))
					f.Header.Unit = unit
					data := documentJSON(t, f)
					name := fmt.Sprintf("%03d-%02d.json", it, u)
					if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
						t.Fatal(err)
					}
					sum := sha256.Sum256(data)
					files[name] = hex.EncodeToString(sum[:])
				}
				c := startChild(t, plan)
				<-c.ready
				// Kill after a random number of this run's imports, and a
				// little more: the moment lands anywhere in a file's import,
				// however fast the backend is.
				k := rng.IntN(len(files) - len(imported))
				for c.printed("ack import ") < k && !c.exited() {
					time.Sleep(time.Millisecond)
				}
				time.Sleep(time.Duration(rng.IntN(20_000)) * time.Microsecond)
				var lines []string
				if c.exited() {
					lines = c.wait(t)
					finished++
				} else {
					lines = c.kill()
					kills++
				}
				if f := failures(lines); len(f) > 0 {
					t.Fatalf("child %d: %v", it, f)
				}
				for _, l := range lines {
					var name, outcome string
					var id, version int
					if _, err := fmt.Sscanf(l, "ack import %s %s %d %d", &name, &outcome, &id, &version); err == nil {
						imported[name] = true
					} else if _, err := fmt.Sscanf(l, "skipped %s", &name); err == nil {
						imported[name] = true
					}
				}
				// A killed import leaves at most the file it was on stored
				// but not reported (the next run skips it).
				stored := check(fmt.Sprintf("after run %d", it+1), false)
				if n := stored - len(imported); n < 0 || n > 1 {
					t.Fatalf("after run %d: %d files stored, %d acknowledged", it+1, stored, len(imported))
				} else {
					unacked += n
				}
			}
			// Run again to completion: everything once.
			lines := startChild(t, plan).wait(t)
			if f := failures(lines); len(f) > 0 || !slices.Contains(lines, "done") {
				t.Fatalf("last run: %v", lines)
			}
			check("after the run to completion", true)
			t.Logf("%s: %d runs in %.1f s, %d killed half-way (%d between a file's commit and its report), %d finished before the kill; %d files in all, each stored once",
				backend, iterations, time.Since(start).Seconds(), kills, unacked, finished, len(files))
			if kills == 0 {
				t.Error("no run was killed half-way")
			}
		})
	}
}
