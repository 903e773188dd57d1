package rollup_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/rollup/pgpeer"
	"github.com/jixiao/jixiao/store"
)

// nationalStore is the national data set stored once per process in a
// SQLite file through the service layer (storetest.LoadGen: CreateForm for
// each of the 3,000 forms), so that -count runs share it. Its directory is
// removed by TestMain.
var nationalStore struct {
	once sync.Once
	dir  string
	s    *store.Store
	g    *storetest.Gen
	load time.Duration
}

func storedNational(b *testing.B) (*store.Store, *storetest.Gen) {
	n := &nationalStore
	n.once.Do(func() {
		dir, err := os.MkdirTemp("", "jixiao-national-")
		if err != nil {
			b.Fatal(err)
		}
		n.dir = dir
		n.s, err = store.Open(context.Background(), filepath.Join(dir, "jixiao.db"))
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		n.g = storetest.LoadGen(b, n.s, scaleNational())
		n.load = time.Since(t0)
	})
	if n.s == nil {
		b.Fatal("the national store could not be made")
	}
	return n.s, n.g
}

func removeNationalStore() {
	if n := &nationalStore; n.s != nil {
		n.s.Close()
		os.RemoveAll(n.dir)
	}
}

// BenchmarkNationalStored measures, in one run, the stored roll-up of the
// national data set — 3,000 county forms saved through the store on SQLite
// (their values written by each save), rolled up county → city → province
// → nation by Store.RollupStored as the national department's reviewer:
// the layouts, then one query whose 3,000 rows are streamed into
// rollup.Totals — and PostgreSQL's GROUP
// BY ROLLUP over the same values (pgpeer, as BenchmarkNationalPeer).
// Reported per run, in ms:
//
//	stored-ms         RollupStored: read the 3,000 rows from SQLite and add every level up (the figures exact, in Totals)
//	stored-all-ms     the same, then every figure and funds line of every region (3,365) read out as decimal.Decimal
//	sql-ms            pgpeer's values and funds queries, every row (all four levels) read into exact decimals
//	sql-regions-ms    the same, reading only the rows above the counties
//	sql-server-ms     the values query with its rows counted in the server, none sent
//
// and the ratios. Loading the store (once per process) and PostgreSQL
// (COPY, ANALYZE, once per run) is not timed. After the loop the stored
// figures are checked against PostgreSQL's, all 215,360 of them.
func BenchmarkNationalStored(b *testing.B) {
	s := scaleNational()
	st, g := storedNational(b)
	ctx := context.Background()
	peer, err := pgpeer.Open(ctx, pgtest.Start(b))
	if err != nil {
		b.Fatal(err)
	}
	defer peer.Close(ctx)
	if err := peer.Load(ctx, s); err != nil {
		b.Fatal(err)
	}
	as := storetest.As(g.Reviewer)
	filter := store.RollupFilter{Program: storetest.Program, Year: storetest.GenYear}
	sql := func(level int) time.Duration {
		t0 := time.Now()
		if _, err := peer.Values(ctx, level); err != nil {
			b.Fatal(err)
		}
		if _, err := peer.Funds(ctx, level); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	var tStored, tAll, tSQL, tRegions, tServer time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		tot, err := st.RollupStored(as, filter)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		figures := 0
		for _, code := range tot.Regions() {
			figures += len(tot.Figures(code)) + len(tot.Funds(code))
		}
		t2 := time.Now()
		tStored += t1.Sub(t0)
		tAll += t2.Sub(t0)
		tSQL += sql(gen.LevelCounty)
		tRegions += sql(gen.LevelCity)
		t3 := time.Now()
		var count int64
		if err := peer.Conn().QueryRow(ctx, "SELECT count(*) FROM ("+pgpeer.ValuesQuery+") q").Scan(&count); err != nil {
			b.Fatal(err)
		}
		tServer += time.Since(t3)
		if figures == 0 || tot.Forms(gen.NationCode) != len(s.Forms) {
			b.Fatalf("%d figures, %d forms", figures, tot.Forms(gen.NationCode))
		}
		n++
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	b.ReportMetric(ms(tStored), "stored-ms")
	b.ReportMetric(ms(tAll), "stored-all-ms")
	b.ReportMetric(ms(tSQL), "sql-ms")
	b.ReportMetric(ms(tRegions), "sql-regions-ms")
	b.ReportMetric(ms(tServer), "sql-server-ms")
	b.ReportMetric(float64(tSQL)/float64(tStored), "sql/stored")
	b.ReportMetric(float64(tSQL)/float64(tAll), "sql/stored-all")
	b.ReportMetric(float64(tServer)/float64(tStored), "sql-server/stored")
	b.ReportMetric(nationalStore.load.Seconds(), "store-load-s")

	tot, err := st.RollupStored(as, filter)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := peer.Values(ctx, gen.LevelCounty)
	if err != nil {
		b.Fatal(err)
	}
	funds, err := peer.Funds(ctx, gen.LevelCounty)
	if err != nil {
		b.Fatal(err)
	}
	compareTotals(b, s, tot, scaleFromPeer(rows, funds))
}

// BenchmarkNationalTotals is the part of BenchmarkNationalStored that is
// not the database: the national data set's 3,000 stored values (encoded
// once, before the loop) added up by rollup.Totals (totals-ms), then every
// figure of every region read out as decimals (figures-ms).
func BenchmarkNationalTotals(b *testing.B) {
	s := scaleNational()
	type stored struct{ path, layout, data []byte }
	forms := make([]stored, len(s.Forms))
	for i, f := range s.Forms {
		layout, data := rollup.EncodeValues(rollup.UnitValues(f, judge.Form(f)))
		forms[i] = stored{[]byte(storedPath(s.Tree, s.Codes[i])), layout, data}
	}
	b.ReportAllocs()
	var tAdd, tFig time.Duration
	for b.Loop() {
		t0 := time.Now()
		tot := rollup.NewTotals("")
		for _, f := range forms {
			l, err := tot.Layout(f.layout)
			if err != nil {
				b.Fatal(err)
			}
			if err := tot.Add(string(f.path), l, f.data); err != nil {
				b.Fatal(err)
			}
		}
		tot.Finish()
		t1 := time.Now()
		for _, code := range tot.Regions() {
			tot.Figures(code)
			tot.Funds(code)
		}
		tAdd += t1.Sub(t0)
		tFig += time.Since(t1)
	}
	b.ReportMetric(float64(tAdd.Microseconds())/1000/float64(b.N), "totals-ms")
	b.ReportMetric(float64(tFig.Microseconds())/1000/float64(b.N), "figures-ms")
}
