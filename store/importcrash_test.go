package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// Issue 10, reliability: kill -9 in the middle of a bulk import. Each round
// a department receives new files (a few versions from each unit) in its
// import folder; a child runs `jixiao import` on the whole folder (which
// skips what was imported before and finishes what a killed run left) and
// is killed at a random moment. After each kill the database is whole and holds every file the
// child was told was imported, exactly once; at the end one run to
// completion imports every file once, and nothing twice.

// importUnits is how many units send files in each round, and
// importVersions how many files each.
const (
	importUnits    = 8
	importVersions = 3
)

// importChild runs `jixiao import --db DSN --program P --year Y DIR`
// through cli.Run, as the command line does, and turns its plain lines
// into the child's: "ack import FILE" for each file it stored, "skipped
// FILE" for each it had stored before, and "done" at the end. The command
// prints a file's line after the transaction holding it committed.
func importChild(t *testing.T, s *store.Store, plan childPlan) {
	s.Close() // the command opens the database itself
	code := cli.Run([]string{"import", "--db", plan.DSN, "--program", plan.Program, "--year", strconv.Itoa(plan.Year), plan.Dir},
		importLines{}, os.Stderr)
	if code != 0 {
		childFail("jixiao import exited with status %d", code)
	}
	say("done")
}

// importLines reads the lines jixiao import prints: "已导入  FILE → 自评表 …",
// "已更新  FILE → …", "已跳过  FILE：…", "未导入  FILE：…"; the summary after them
// is ignored.
type importLines struct{}

func (importLines) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		label, rest, _ := strings.Cut(line, "  ")
		switch label {
		case "已导入", "已更新":
			file, _, _ := strings.Cut(rest, " → ")
			say("ack import %s", filepath.Base(file))
		case "已跳过":
			file, _, _ := strings.Cut(rest, "：")
			say("skipped %s", filepath.Base(file))
		case "未导入":
			childFail("%s", line)
		}
	}
	return len(p), nil
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
			base := storetest.CleanForm(t)
			plan := childPlan{Mode: "import", DSN: dsn, Dir: dir, Program: base.Header.Program, Year: base.Year}

			files := map[string]string{}  // file name → SHA-256 of its bytes
			imported := map[string]bool{} // acknowledged
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 3))
			var kills, afterSome, finished, unacked int
			window := 300 * time.Millisecond
			start := time.Now()
			check := func(when string, complete bool) (stored int) {
				t.Helper()
				storetest.Settle(t, dsn)
				s := openDSN(t, dsn)
				defer s.Close()
				r := storetest.CheckWhole(t, s)
				bySource := map[string]int{}
				revisions := 0
				for _, f := range r.Forms {
					for _, rev := range f.Revisions {
						if rev.SourceHash != "" {
							bySource[rev.SourceHash]++
							revisions++
						}
					}
					imports := 0
					for _, e := range f.Entries {
						if e.Action == string(jixiao.ActionFormImport) {
							imports++
						}
					}
					if imports != len(f.Revisions) {
						t.Errorf("%s: form %d has %d revisions and %d import entries", when, f.ID, len(f.Revisions), imports)
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
				if len(r.Forms) > len(units) || (complete && len(r.Forms) != len(units)) {
					t.Errorf("%s: %d forms for %d units", when, len(r.Forms), len(units))
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
				for i := range importUnits * importVersions {
					u, v := i/importVersions, i%importVersions
					f := variant(base, fmt.Sprintf("第%d批第%d稿", it, v))
					f.Header.Unit = units[u]
					data := documentJSON(t, f)
					name := fmt.Sprintf("%03d-%02d-%d.json", it, u, v)
					if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
						t.Fatal(err)
					}
					sum := sha256.Sum256(data)
					files[name] = hex.EncodeToString(sum[:])
				}
				c := startChild(t, plan)
				<-c.ready
				// Kill at a random moment of the run. The command stores files
				// in batches and reports them together, so the moment is
				// drawn in time: within a window that shrinks when runs
				// finish before it ends and grows when they do not, so that
				// most runs are killed half-way however fast the backend is.
				time.Sleep(time.Duration(rng.Int64N(int64(window))))
				var lines []string
				if c.exited() {
					lines = c.wait(t)
					finished++
					window = window * 6 / 10
				} else {
					lines = c.kill()
					kills++
					window = window * 11 / 10
				}
				if f := failures(lines); len(f) > 0 {
					t.Fatalf("child %d: %v", it, f)
				}
				stored := 0 // by this run, reported
				for _, l := range lines {
					var name string
					if _, err := fmt.Sscanf(l, "ack import %s", &name); err == nil {
						imported[name] = true
						stored++
					} else if _, err := fmt.Sscanf(l, "skipped %s", &name); err == nil {
						imported[name] = true
					}
				}
				if !slices.Contains(lines, "done") && stored > 0 {
					afterSome++
				}
				// A killed import leaves at most one transaction's files
				// stored but not reported (the next run skips them); the
				// command stores up to 64 files in one.
				inStore := check(fmt.Sprintf("after run %d", it+1), false)
				if n := inStore - len(imported); n < 0 || n > 64 {
					t.Fatalf("after run %d: %d files stored, %d acknowledged", it+1, inStore, len(imported))
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
			t.Logf("%s: %d runs in %.1f s, %d killed (%d after storing some of their files; %d files committed but not yet reported), %d finished before the kill; %d files in all, each stored once",
				backend, iterations, time.Since(start).Seconds(), kills, afterSome, unacked, finished, len(files))
			if kills == 0 {
				t.Error("no run was killed half-way")
			}
		})
	}
}
