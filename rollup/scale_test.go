package rollup_test

// Rollup at national scale (issue 4, item 5): a synthetic national data set
// (package gen: 31 provinces, 333 cities, 3,000 county units of 30
// indicators) rolled up county → city → province → nation, its figures
// checked against the generator's ground truth and against PostgreSQL
// (package pgpeer), and benchmarked against PostgreSQL. See BENCHMARKS.md.

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/rollup/pgpeer"
)

// The seed of every data set here.
const scaleSeed = 2020

// levels is a data set rolled up: region forms by region code.
type scaleLevels struct {
	cities, provinces map[string]*jixiao.Form
	nation            *jixiao.Form
}

// rollUp rolls forms up one level: it groups them by the code prefix of
// the level above (PPCC00 for cities, PP0000 for provinces, the nation for
// provinces) and rolls each group up under its name from the tree.
func scaleRollUp(tb testing.TB, tree *gen.Tree, forms []*jixiao.Form, level int) map[string]*jixiao.Form {
	groups := map[string][]*jixiao.Form{}
	for _, f := range forms {
		name := f.Header.Region
		if f.Aggregation != nil {
			name = f.Aggregation.Region
		}
		code, ok := tree.Code(name)
		if !ok {
			tb.Fatalf("region %q is not in the tree", name)
		}
		switch level {
		case gen.LevelCity:
			code = code[:4] + "00"
		case gen.LevelProvince:
			code = code[:2] + "0000"
		default:
			code = gen.NationCode
		}
		groups[code] = append(groups[code], f)
	}
	out := make(map[string]*jixiao.Form, len(groups))
	for code, members := range groups {
		res, err := rollup.Rollup(members, rollup.Options{Region: tree.FullName(code)})
		if err != nil {
			tb.Fatalf("rollup of %s: %v", tree.FullName(code), err)
		}
		out[code] = res.Form
	}
	return out
}

func scaleRollAll(tb testing.TB, tree *gen.Tree, counties []*jixiao.Form) scaleLevels {
	var l scaleLevels
	l.cities = scaleRollUp(tb, tree, counties, gen.LevelCity)
	l.provinces = scaleRollUp(tb, tree, scaleForms(l.cities), gen.LevelProvince)
	l.nation = scaleRollUp(tb, tree, scaleForms(l.provinces), gen.LevelNation)[gen.NationCode]
	return l
}

// values lists a map's forms in code order (codes of one level have the
// same length, so their order is the tree's).
func scaleForms(m map[string]*jixiao.Form) []*jixiao.Form {
	codes := make([]string, 0, len(m))
	for c := range m {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := make([]*jixiao.Form, len(codes))
	for i, c := range codes {
		out[i] = m[c]
	}
	return out
}

// figure is one aggregated number: a region, an indicator part and side.
type scaleFigure struct {
	code, key string
	part      int
	side      gen.Side
}

// want is what a figure should be: Σv (sums, units on time) or Σ(w·v) over
// Σw, and how many units it covers.
type scaleWant struct {
	kind     gen.Kind
	sum      decimal.Decimal
	num, den decimal.Decimal
	avg      *decimal.Decimal // PostgreSQL's quotient, when from the peer
	units    int
}

type scaleFundKey struct {
	code   string
	source jixiao.FundRole
}

type scaleFundWant struct{ budget, executed decimal.Decimal }

type scaleExpected struct {
	figures map[scaleFigure]*scaleWant
	funds   map[scaleFundKey]*scaleFundWant
}

// truth adds up the generator's ground truth in Go, level by level.
func scaleTruth(s *gen.Set) scaleExpected {
	e := scaleExpected{figures: map[scaleFigure]*scaleWant{}, funds: map[scaleFundKey]*scaleFundWant{}}
	weight := map[string]decimal.Decimal{}
	for i, code := range s.Codes {
		f := s.Forms[i]
		weight[code] = f.Funds.TotalLine().Budget.Value
		for _, c := range scaleAncestry(s.Tree, code) {
			for _, l := range f.Funds.Lines {
				k := scaleFundKey{c, l.Role}
				fw := e.funds[k]
				if fw == nil {
					fw = &scaleFundWant{}
					e.funds[k] = fw
				}
				fw.budget = fw.budget.Add(l.Budget.Value)
				fw.executed = fw.executed.Add(l.Executed.Value)
			}
		}
	}
	for _, v := range s.Values {
		for _, c := range scaleAncestry(s.Tree, v.County) {
			k := scaleFigure{c, v.Key, v.Part, v.Side}
			w := e.figures[k]
			if w == nil {
				w = &scaleWant{kind: v.Kind}
				e.figures[k] = w
			}
			w.units++
			if v.Kind == gen.Weighted {
				w.num = w.num.Add(weight[v.County].Mul(v.Value))
				w.den = w.den.Add(weight[v.County])
			} else {
				w.sum = w.sum.Add(v.Value)
			}
		}
	}
	return e
}

// ancestry is a county's code and its city's, province's and the nation's.
func scaleAncestry(t *gen.Tree, county string) []string {
	return []string{county, t.Ancestor(county, gen.LevelCity), t.Ancestor(county, gen.LevelProvince), gen.NationCode}
}

// fromPeer is what PostgreSQL computed.
func scaleFromPeer(rows []pgpeer.Row, funds []pgpeer.FundRow) scaleExpected {
	e := scaleExpected{figures: map[scaleFigure]*scaleWant{}, funds: map[scaleFundKey]*scaleFundWant{}}
	for _, r := range rows {
		e.figures[scaleFigure{r.Code(), r.Key, r.Part, r.Side}] = &scaleWant{kind: r.Kind, sum: r.Sum, num: r.Numerator, den: r.Denominator, avg: r.Average, units: r.Units}
	}
	for _, r := range funds {
		e.funds[scaleFundKey{r.Code(), r.Source}] = &scaleFundWant{r.Budget, r.Executed}
	}
	return e
}

// compareForm checks a region form made by Rollup against the expected
// figures of its region and returns how many figures it compared.
func scaleCompareForm(t *testing.T, code string, f *jixiao.Form, e scaleExpected) int {
	t.Helper()
	n := 0
	for _, l := range f.Funds.Lines {
		fw := e.funds[scaleFundKey{code, l.Role}]
		if fw == nil {
			t.Errorf("%s funds %s: not expected", code, l.Role)
			continue
		}
		if !l.Budget.Value.Equal(fw.budget) || !l.Executed.Value.Equal(fw.executed) {
			t.Errorf("%s funds %s: A %s B %s, want A %s B %s", code, l.Role, l.Budget.Value, l.Executed.Value, fw.budget, fw.executed)
		}
		n++
	}
	agg := f.Aggregation
	if len(agg.Indicators) != 30 {
		t.Fatalf("%s: %d indicators, want 30", code, len(agg.Indicators))
	}
	for i, ai := range agg.Indicators {
		key := f.Indicators[i].Path()
		if ai.Problem != "" {
			t.Errorf("%s %s: %s", code, key, ai.Problem)
			continue
		}
		check := func(side gen.Side, part int, v *jixiao.AggregateValue) {
			w := e.figures[scaleFigure{code, key, part, side}]
			switch {
			case w == nil && v == nil:
				return
			case w == nil:
				t.Errorf("%s %s %s[%d]: jixiao has %+v, expected nothing", code, key, side, part, *v)
				return
			}
			n++
			if ai.Members != w.units {
				t.Errorf("%s %s: %d members, want %d", code, key, ai.Members, w.units)
			}
			if w.kind == gen.OnTime {
				if side != gen.Actual || part != 0 || ai.Method != jixiao.MethodDeadline || !decimal.NewFromInt(int64(ai.OnTime)).Equal(w.sum) {
					t.Errorf("%s %s: %s %d on time, want %s", code, key, ai.Method, ai.OnTime, w.sum)
				}
				return
			}
			if v == nil {
				t.Errorf("%s %s %s[%d]: jixiao has nothing, want %+v", code, key, side, part, *w)
				return
			}
			if w.kind == gen.Sum {
				if v.Sum == nil || !v.Sum.Equal(w.sum) {
					t.Errorf("%s %s %s[%d]: sum %v, want %s", code, key, side, part, v.Sum, w.sum)
				}
				return
			}
			if v.Numerator == nil || v.Denominator == nil || !v.Numerator.Equal(w.num) || !v.Denominator.Equal(w.den) {
				t.Errorf("%s %s %s[%d]: Σ%v/Σ%v, want Σ%s/Σ%s", code, key, side, part, v.Numerator, v.Denominator, w.num, w.den)
				return
			}
			if w.avg != nil {
				got, ok := v.Value()
				if !ok || got.Sub(*w.avg).Abs().GreaterThan(decimal.New(1, -10)) {
					t.Errorf("%s %s %s[%d]: average %s, PostgreSQL %s", code, key, side, part, got, w.avg)
				}
			}
		}
		if ai.Method == jixiao.MethodDeadline {
			check(gen.Actual, 0, nil)
			continue
		}
		for p := range ai.Target {
			check(gen.Target, p, scaleValue(ai.Target[p]))
		}
		for p := range ai.Actual {
			check(gen.Actual, p, scaleValue(ai.Actual[p]))
		}
	}
	return n
}

func scaleValue(v jixiao.AggregateValue) *jixiao.AggregateValue {
	if v.Sum == nil && v.Numerator == nil {
		return nil
	}
	return &v
}

// compareLevels checks every region form of every level and that nothing
// expected was left unchecked.
func scaleCompareLevels(t *testing.T, s *gen.Set, l scaleLevels, e scaleExpected) {
	t.Helper()
	if len(l.cities) != len(s.Tree.Level(gen.LevelCity)) || len(l.provinces) != len(s.Tree.Level(gen.LevelProvince)) {
		t.Fatalf("%d cities, %d provinces rolled up", len(l.cities), len(l.provinces))
	}
	compared := 0
	for code, f := range l.cities {
		compared += scaleCompareForm(t, code, f, e)
	}
	for code, f := range l.provinces {
		compared += scaleCompareForm(t, code, f, e)
	}
	compared += scaleCompareForm(t, gen.NationCode, l.nation, e)
	expect := 0
	for k := range e.figures {
		if r, _ := s.Tree.Region(k.code); r.Level < gen.LevelCounty {
			expect++
		}
	}
	for k := range e.funds {
		if r, _ := s.Tree.Region(k.code); r.Level < gen.LevelCounty {
			expect++
		}
	}
	if compared != expect {
		t.Errorf("compared %d figures, %d expected above county level", compared, expect)
	}
	if got := l.nation.Aggregation.Members; len(got) != len(l.provinces) {
		t.Errorf("nation has %d members", len(got))
	}
	if u := scaleUnits(l.nation); u != len(s.Forms) {
		t.Errorf("nation stands for %d units, want %d", u, len(s.Forms))
	}
}

func scaleUnits(f *jixiao.Form) int {
	n := 0
	for _, m := range f.Aggregation.Members {
		n += m.Units
	}
	return n
}

// The rollup of a generated data set, level by level, equals the sums and
// weighted sums of the numbers the generator wrote into the forms: the
// readers of phrases, the judgement and the aggregation together give the
// ground truth. Rolling up the leaves directly gives the same national
// figures as rolling up level by level.
func TestRollupMatchesGroundTruth(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 3})
	if err != nil {
		t.Fatal(err)
	}
	l := scaleRollAll(t, s.Tree, s.Forms)
	scaleCompareLevels(t, s, l, scaleTruth(s))

	direct, err := rollup.Rollup(s.Forms, rollup.Options{Region: "全国"})
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range l.nation.Aggregation.Indicators {
		b := direct.Form.Aggregation.Indicators[i]
		if fmt.Sprint(a.Target, a.Actual, a.OnTime, a.Members) != fmt.Sprint(b.Target, b.Actual, b.OnTime, b.Members) {
			t.Errorf("%s: by levels %v %v, directly %v %v", l.nation.Indicators[i].Path(), a.Target, a.Actual, b.Target, b.Actual)
		}
		if l.nation.Indicators[i].Actual != direct.Form.Indicators[i].Actual {
			t.Errorf("%s: by levels %q, directly %q", l.nation.Indicators[i].Path(), l.nation.Indicators[i].Actual, direct.Form.Indicators[i].Actual)
		}
	}
}

// rollup.RollupTree (the --tree path of the CLI) over the generator's
// tree.csv gives the same figures at every level.
func TestRollupTreeMatchesGroundTruth(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 2})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := rollup.ReadTree("tree.csv", []byte(s.Tree.String()))
	if err != nil {
		t.Fatal(err)
	}
	res, err := rollup.RollupTree(tree, s.Forms, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := scaleLevels{cities: map[string]*jixiao.Form{}, provinces: map[string]*jixiao.Form{}}
	for _, r := range res {
		switch r.Depth {
		case gen.LevelCity:
			l.cities[r.Node.Code] = r.Result.Form
		case gen.LevelProvince:
			l.provinces[r.Node.Code] = r.Result.Form
		case gen.LevelNation:
			l.nation = r.Result.Form
		}
	}
	scaleCompareLevels(t, s, l, scaleTruth(s))
}

// jixiao's figures at every level equal PostgreSQL's GROUP BY ROLLUP over
// the same values: sums exactly, weighted averages as numerator and
// denominator exactly (and the quotients to 10 places). The county level is
// each unit form rolled up alone.
func TestRollupMatchesPostgres(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 2, Cities: 4, Counties: 12})
	if err != nil {
		t.Fatal(err)
	}
	pg := scalePeerFigures(t, s, pgtest.Start(t))

	// PostgreSQL agrees with the ground truth (so both sides are checked
	// against something independent) …
	gt := scaleTruth(s)
	if len(pg.figures) != len(gt.figures) || len(pg.funds) != len(gt.funds) {
		t.Fatalf("PostgreSQL has %d figures and %d funds lines, the ground truth %d and %d", len(pg.figures), len(pg.funds), len(gt.figures), len(gt.funds))
	}
	// … and jixiao agrees with PostgreSQL at the city, province and
	// national levels …
	l := scaleRollAll(t, s.Tree, s.Forms)
	scaleCompareLevels(t, s, l, pg)
	// … and at the county level.
	for i, f := range s.Forms {
		res, err := rollup.Rollup([]*jixiao.Form{f}, rollup.Options{})
		if err != nil {
			t.Fatal(err)
		}
		scaleCompareForm(t, s.Codes[i], res.Form, pg)
	}
}

var scaleNational = sync.OnceValue(func() *gen.Set {
	s, err := gen.Generate(scaleSeed, gen.Options{})
	if err != nil {
		panic(err)
	}
	return s
})

// BenchmarkNationalRollup rolls the national data set (3,000 county units
// of 30 indicators) up county → city → province → nation: 333 + 31 + 1
// rollups, the judgement of every unit form included. After the timed
// loop, one more run measures the peak heap (runtime.ReadMemStats sampled
// every millisecond): peak-heap-MB with the data set itself, and
// input-heap-MB the data set alone.
func BenchmarkNationalRollup(b *testing.B) {
	s := scaleNational()
	b.ReportAllocs()
	for b.Loop() {
		scaleRollAll(b, s.Tree, s.Forms)
	}
	b.StopTimer()
	base, peak, sys := scalePeakHeap(func() { scaleRollAll(b, s.Tree, s.Forms) })
	b.ReportMetric(float64(base)/(1<<20), "input-heap-MB")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(sys)/(1<<20), "peak-sys-MB")
}

// BenchmarkNationalRollupUpper rolls already-judged values up: the 333
// city forms → 31 provinces → nation (the work above the first level).
func BenchmarkNationalRollupUpper(b *testing.B) {
	s := scaleNational()
	cities := scaleForms(scaleRollUp(b, s.Tree, s.Forms, gen.LevelCity))
	b.ReportAllocs()
	for b.Loop() {
		provinces := scaleRollUp(b, s.Tree, cities, gen.LevelProvince)
		scaleRollUp(b, s.Tree, scaleForms(provinces), gen.LevelNation)
	}
}

// BenchmarkNationalRollupTree is the path of `jixiao rollup --tree`:
// rollup.RollupTree over the generator's tree.csv, which also rolls up
// each county (one unit form) on its own before its city.
func BenchmarkNationalRollupTree(b *testing.B) {
	s := scaleNational()
	tree, err := rollup.ReadTree("tree.csv", []byte(s.Tree.String()))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rollup.RollupTree(tree, s.Forms, rollup.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNationalJudge judges the 3,000 unit forms alone (the part of
// BenchmarkNationalRollup that reads phrases and judges indicators).
func BenchmarkNationalJudge(b *testing.B) {
	s := scaleNational()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range s.Forms {
			judge.Form(f)
		}
	}
}

// peakHeap runs f and reports the live heap before it (after a GC) and the
// highest heap in use and memory obtained from the OS while it ran.
func scalePeakHeap(f func()) (base, peak, sys uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak, sys = ms.HeapAlloc, ms.HeapAlloc, ms.Sys
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak, sys = max(peak, ms.HeapAlloc), max(sys, ms.Sys)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return base, peak, sys
}

// BenchmarkNationalPeer measures, in one run, jixiao's rollup of the
// national data set (from forms in memory, judgement included) and
// PostgreSQL doing the equivalent: loading the same values (COPY, ANALYZE)
// and running GROUP BY ROLLUP (province, city, county) over values and
// funds. Reported per run, in ms:
//
//	jixiao-ms       rollup.Rollup county → city → province → nation
//	load-ms         create the tables, COPY 192,000 values and 12,000 funds lines, ANALYZE
//	sql-ms          both queries, every row (all four levels) read into exact decimals
//	sql-regions-ms  the same, reading only the rows above the counties (what jixiao makes)
//	sql-server-ms   the values query with its rows counted in the server, none sent
//
// and the ratios sql/jixiao and sql-regions/jixiao. Needs PostgreSQL
// (scripts/postgres).
func BenchmarkNationalPeer(b *testing.B) {
	s := scaleNational()
	ctx := context.Background()
	peer, err := pgpeer.Open(ctx, pgtest.Start(b))
	if err != nil {
		b.Fatal(err)
	}
	defer peer.Close(ctx)
	var tj, tl, ts, tr, tsrv time.Duration
	n := 0
	sql := func(level int) (int, time.Duration) {
		t0 := time.Now()
		rows, err := peer.Values(ctx, level)
		if err != nil {
			b.Fatal(err)
		}
		funds, err := peer.Funds(ctx, level)
		if err != nil || len(funds) == 0 {
			b.Fatal(err)
		}
		return len(rows), time.Since(t0)
	}
	for b.Loop() {
		t0 := time.Now()
		scaleRollAll(b, s.Tree, s.Forms)
		t1 := time.Now()
		if err := peer.Load(ctx, s); err != nil {
			b.Fatal(err)
		}
		tl += time.Since(t1)
		tj += t1.Sub(t0)
		rows, d := sql(gen.LevelCounty)
		ts += d
		_, d = sql(gen.LevelCity)
		tr += d
		t2 := time.Now()
		var count int64
		if err := peer.Conn().QueryRow(ctx, "SELECT count(*) FROM ("+pgpeer.ValuesQuery+") q").Scan(&count); err != nil {
			b.Fatal(err)
		}
		tsrv += time.Since(t2)
		if int(count) != rows {
			b.Fatalf("%d rows, %d counted", rows, count)
		}
		n++
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	b.ReportMetric(ms(tj), "jixiao-ms")
	b.ReportMetric(ms(tl), "load-ms")
	b.ReportMetric(ms(ts), "sql-ms")
	b.ReportMetric(ms(tr), "sql-regions-ms")
	b.ReportMetric(ms(tsrv), "sql-server-ms")
	b.ReportMetric(float64(ts)/float64(tj), "sql/jixiao")
	b.ReportMetric(float64(tr)/float64(tj), "sql-regions/jixiao")
}

// scalePeerFigures loads s into PostgreSQL at dsn and returns its GROUP BY
// ROLLUP figures, every level from the counties up.
func scalePeerFigures(t *testing.T, s *gen.Set, dsn string) scaleExpected {
	t.Helper()
	ctx := context.Background()
	peer, err := pgpeer.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer peer.Close(ctx)
	if err := peer.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	rows, err := peer.Values(ctx, gen.LevelCounty)
	if err != nil {
		t.Fatal(err)
	}
	funds, err := peer.Funds(ctx, gen.LevelCounty)
	if err != nil {
		t.Fatal(err)
	}
	return scaleFromPeer(rows, funds)
}
