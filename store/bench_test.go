package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// BenchmarkSave saves one unit form again and again through Store.SaveForm
// on a SQLite file, timing each whole call — judging the form (before the
// transaction), the transaction (form row, revision, indicator rows,
// findings, stored values, log entry; one commit), and reading the summary
// back — and reports the 50th and 99th percentiles and the slowest, in ms.
// Run with a fixed count (-benchtime=1000x) for a meaningful p99. Each
// sub-benchmark is one setting, made on the store's one write connection:
// FULL is the store's (store/dialect.go); NORMAL for comparison; OFF shows
// what waiting for the disk adds; FULL-nockpt is FULL with SQLite's
// automatic WAL checkpoint off (wal_autocheckpoint=0), showing what the
// checkpoint that every ~70th save runs inside its commit adds — a store
// would then checkpoint in the background. cpu-ms/op is the process's CPU
// time per save (the machine is shared: wall times vary with other work).
func BenchmarkSave(b *testing.B) {
	for _, setting := range []struct{ name, sync, autocheckpoint string }{
		{"FULL", "FULL", "1000"}, {"NORMAL", "NORMAL", "1000"}, {"OFF", "OFF", "1000"}, {"FULL-nockpt", "FULL", "0"},
	} {
		b.Run(setting.name, func(b *testing.B) {
			s := storetest.Open(b, "sqlite")
			if _, err := s.DB().Exec("PRAGMA synchronous = " + setting.sync + "; PRAGMA wal_autocheckpoint = " + setting.autocheckpoint); err != nil {
				b.Fatal(err)
			}
			var got string
			if err := s.DB().QueryRow("PRAGMA synchronous").Scan(&got); err != nil || got != map[string]string{"FULL": "2", "NORMAL": "1", "OFF": "0"}[setting.sync] {
				b.Fatalf("synchronous is %s (%v), want %s", got, err, setting.sync)
			}
			w := storetest.NewWorld(b, s)
			ctx := storetest.As(w.FillerA)
			forms := []*jixiao.Form{storetest.RefForm(b), storetest.CleanForm(b)}
			f, err := s.CreateForm(ctx, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitA.ID, Form: forms[0]})
			if err != nil {
				b.Fatal(err)
			}
			version := f.Version
			var times []time.Duration
			cpu0 := cpuTime()
			for b.Loop() {
				t0 := time.Now()
				f, err := s.SaveForm(ctx, f.ID, version, forms[len(times)%2])
				times = append(times, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				version = f.Version
			}
			reportCPU(b, cpu0, len(times))
			reportPercentiles(b, times)
		})
	}
}

// cpuTime is the CPU time this process has used, user and system (the
// machine is shared: wall times vary with other work, CPU time less so).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, since time.Duration, n int) {
	b.ReportMetric(float64((cpuTime()-since).Microseconds())/1000/float64(n), "cpu-ms/op")
}

func reportPercentiles(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	at := func(p float64) float64 {
		return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(at(1), "max-ms")
}

// nationalStores are the national data set (3,000 county forms) stored once
// per process and backend, for the listing benchmark's -count runs.
var nationalStores sync.Map // backend → *nationalStore

type nationalStore struct {
	once sync.Once
	dir  string // SQLite: the file's directory, removed by TestMain
	s    *store.Store
	g    *storetest.Gen
}

func storedNational(b *testing.B, backend string) (*store.Store, *storetest.Gen) {
	v, _ := nationalStores.LoadOrStore(backend, &nationalStore{})
	n := v.(*nationalStore)
	n.once.Do(func() {
		set, err := gen.Generate(2020, gen.Options{})
		if err != nil {
			b.Fatal(err)
		}
		// Not storetest.DSN: a benchmark's temporary directory goes when
		// it ends, and the -count runs share the store.
		dsn := ""
		if backend == "sqlite" {
			if n.dir, err = os.MkdirTemp("", "jixiao-national-"); err != nil {
				b.Fatal(err)
			}
			dsn = filepath.Join(n.dir, "jixiao.db")
		} else {
			dsn = pgtest.Database(b)
		}
		s, err := store.Open(context.Background(), dsn)
		if err != nil {
			b.Fatal(err)
		}
		n.g = storetest.LoadGen(b, s, set)
		n.s = s
	})
	if n.s == nil {
		b.Fatal("the national store could not be made")
	}
	return n.s, n.g
}

// removeNationalStores closes the national stores and removes their files.
func removeNationalStores() {
	nationalStores.Range(func(_, v any) bool {
		n := v.(*nationalStore)
		if n.s != nil {
			n.s.Close()
		}
		if n.dir != "" {
			os.RemoveAll(n.dir)
		}
		return true
	})
}

// BenchmarkListRegion lists the 3,000 forms of a region with their status
// (Store.Forms, Limit 10,000) as the reviewer of the department at its root
// (the national data set, gen; its forms stored once per process), on
// SQLite and PostgreSQL: one listing is the count and the page. cpu-ms/op
// is this process's CPU time (for PostgreSQL the client's only).
func BenchmarkListRegion(b *testing.B) {
	for _, backend := range storetest.Backends {
		b.Run(backend, func(b *testing.B) {
			s, g := storedNational(b, backend)
			ctx := storetest.As(g.Reviewer)
			var times []time.Duration
			cpu0 := cpuTime()
			for b.Loop() {
				t0 := time.Now()
				forms, total, err := s.Forms(ctx, store.FormFilter{Limit: 10000})
				times = append(times, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				if len(forms) != gen.NationalCounties || total != gen.NationalCounties {
					b.Fatalf("%d forms of %d listed", len(forms), total)
				}
			}
			reportCPU(b, cpu0, len(times))
			reportPercentiles(b, times)
		})
	}
}
