package rollup_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/store"
)

// storedPath is a county's region path as a store keeps it: the codes from
// the nation down, each followed by /.
func storedPath(t *gen.Tree, county string) string {
	return gen.NationCode + "/" + t.Ancestor(county, gen.LevelProvince) + "/" + t.Ancestor(county, gen.LevelCity) + "/" + county + "/"
}

// compareTotals checks every figure and funds line of every region of a
// stored roll-up against the expected ones (the ground truth, or
// PostgreSQL's), and that nothing expected is missing.
func compareTotals(t testing.TB, s *gen.Set, tot *rollup.Totals, e scaleExpected) {
	t.Helper()
	paths := map[string]string{} // IndicatorKey → the path gen and pgpeer key by
	for i := range s.Forms[0].Indicators {
		in := &s.Forms[0].Indicators[i]
		paths[rollup.IndicatorKey(in)] = in.Path()
	}
	figures, funds := 0, 0
	for _, code := range tot.Regions() {
		for _, f := range tot.Figures(code) {
			figures++
			w := e.figures[scaleFigure{code, paths[f.Key], f.Part, gen.Side(f.Side)}]
			if w == nil {
				t.Errorf("%s %s %s[%d]: not expected", code, f.Key, f.Side, f.Part)
				continue
			}
			if string(f.Kind) != string(w.kind) || f.Units != w.units {
				t.Errorf("%s %s %s[%d]: %s of %d units, want %s of %d", code, f.Key, f.Side, f.Part, f.Kind, f.Units, w.kind, w.units)
			}
			switch f.Kind {
			case rollup.ValueWeighted:
				if !f.Numerator.Equal(w.num) || !f.Denominator.Equal(w.den) {
					t.Errorf("%s %s %s[%d]: Σ%s/Σ%s, want Σ%s/Σ%s", code, f.Key, f.Side, f.Part, f.Numerator, f.Denominator, w.num, w.den)
				}
				if avg, ok := f.Average(); w.avg != nil && (!ok || avg.Sub(*w.avg).Abs().GreaterThan(decimal.New(1, -10))) {
					t.Errorf("%s %s %s[%d]: average %s, PostgreSQL %s", code, f.Key, f.Side, f.Part, avg, w.avg)
				}
			default:
				if !f.Sum.Equal(w.sum) {
					t.Errorf("%s %s %s[%d]: sum %s, want %s", code, f.Key, f.Side, f.Part, f.Sum, w.sum)
				}
			}
		}
		for _, f := range tot.Funds(code) {
			funds++
			w := e.funds[scaleFundKey{code, f.Role}]
			switch {
			case w == nil:
				t.Errorf("%s funds %s: not expected", code, f.Role)
			case f.Budget == nil || f.Executed == nil || !f.Budget.Equal(w.budget) || !f.Executed.Equal(w.executed):
				t.Errorf("%s funds %s: A %v B %v, want A %s B %s", code, f.Role, f.Budget, f.Executed, w.budget, w.executed)
			}
		}
	}
	if figures != len(e.figures) || funds != len(e.funds) {
		t.Errorf("%d figures and %d funds lines, want %d and %d", figures, funds, len(e.figures), len(e.funds))
	}
	if n := tot.Forms(gen.NationCode); n != len(s.Forms) {
		t.Errorf("the nation holds %d forms, want %d", n, len(s.Forms))
	}
}

// storedTotals rolls a data set up as a store does: each form judged once,
// its values encoded, then added from the encoding alone.
func storedTotals(tb testing.TB, s *gen.Set) *rollup.Totals {
	tot := rollup.NewTotals("")
	for i, f := range s.Forms {
		layout, data := rollup.EncodeValues(rollup.UnitValues(f, judge.Form(f)))
		l, err := tot.Layout(layout)
		if err != nil {
			tb.Fatal(err)
		}
		if err := tot.Add(storedPath(s.Tree, s.Codes[i]), l, data); err != nil {
			tb.Fatal(err)
		}
	}
	tot.Finish()
	return tot
}

// Rolled up from their stored values alone, the forms of a data set give
// the generator's ground truth at every level: county, city, province,
// nation.
func TestTotalsMatchGroundTruth(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 2})
	if err != nil {
		t.Fatal(err)
	}
	compareTotals(t, s, storedTotals(t, s), scaleTruth(s))
}

// The stored values of a form are what Rollup adds up: the national figures
// of a stored roll-up equal those of Rollup over the forms themselves.
func TestTotalsMatchRollup(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 1, Cities: 2, Counties: 5})
	if err != nil {
		t.Fatal(err)
	}
	tot := storedTotals(t, s)
	res, err := rollup.Rollup(s.Forms, rollup.Options{Region: "全国"})
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]rollup.Figure{}
	for _, f := range tot.Figures(gen.NationCode) {
		byKey[f.Key+"/"+string(f.Side)+"/"+string(rune('0'+f.Part))] = f
	}
	n := 0
	for i, ai := range res.Form.Aggregation.Indicators {
		key := rollup.IndicatorKey(&res.Form.Indicators[i])
		if ai.Method == jixiao.MethodDeadline {
			f := byKey[key+"/actual/0"]
			n++
			if !f.Sum.Equal(decimal.NewFromInt(int64(ai.OnTime))) || f.Units != ai.Members {
				t.Errorf("%s: %s of %d on time, Rollup %d of %d", key, f.Sum, f.Units, ai.OnTime, ai.Members)
			}
			continue
		}
		for side, vs := range map[string][]jixiao.AggregateValue{"target": ai.Target, "actual": ai.Actual} {
			for p, v := range vs {
				f, ok := byKey[key+"/"+side+"/"+string(rune('0'+p))]
				if !ok {
					if v.Sum != nil || v.Numerator != nil {
						t.Errorf("%s %s[%d]: Rollup has %+v, the stored roll-up nothing", key, side, p, v)
					}
					continue
				}
				n++
				switch {
				case v.Sum != nil && !v.Sum.Equal(f.Sum):
					t.Errorf("%s %s[%d]: %s, Rollup %s", key, side, p, f.Sum, v.Sum)
				case v.Numerator != nil && (!v.Numerator.Equal(f.Numerator) || !v.Denominator.Equal(f.Denominator)):
					t.Errorf("%s %s[%d]: %s/%s, Rollup %s/%s", key, side, p, f.Numerator, f.Denominator, v.Numerator, v.Denominator)
				case v.Sum == nil && v.Numerator == nil:
					t.Errorf("%s %s[%d]: Rollup has nothing, the stored roll-up %+v", key, side, p, f)
				}
			}
		}
	}
	if n != len(byKey) {
		t.Errorf("compared %d figures of %d", n, len(byKey))
	}
}

// Sums too large for machine integers stay exact; stored values that are
// damaged are refused with a message, not added up as zero.
func TestTotalsExactAndStrict(t *testing.T) {
	v := rollup.Values{Indicators: []rollup.Value{
		{Key: "a", Side: rollup.SideTarget, Kind: rollup.ValueSum, Unit: "元", Value: decimal.RequireFromString("9000000000000000000.5")},
		{Key: "b", Side: rollup.SideActual, Kind: rollup.ValueWeighted, Unit: "%", Value: decimal.RequireFromString("99.99")},
	}}
	w := decimal.RequireFromString("4000000000000000.001")
	v.Budget = &w
	tot := rollup.NewTotals("")
	layout, data := rollup.EncodeValues(v)
	l, err := tot.Layout(layout)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"000000/110000/", "000000/120000/", "000000/110000/"} {
		if err := tot.Add(p, l, data); err != nil {
			t.Fatal(err)
		}
	}
	tot.Finish()
	got := tot.Figures("000000")
	if len(got) != 2 || got[0].Sum.String() != "27000000000000000001.5" || got[0].Units != 3 ||
		!got[1].Numerator.Equal(w.Mul(decimal.RequireFromString("299.97"))) || !got[1].Denominator.Equal(w.Mul(decimal.NewFromInt(3))) {
		t.Errorf("figures %+v", got)
	}
	if f := tot.Figures("110000"); len(f) != 2 || f[0].Units != 2 {
		t.Errorf("110000: %+v", f)
	}
	fresh := rollup.NewTotals("")
	if l, err = fresh.Layout(layout); err != nil {
		t.Fatal(err)
	}
	if err := fresh.Add("000000/", l, data); err != nil {
		t.Errorf("good data refused: %v", err)
	}
	for _, bad := range []string{"", "jixiao-values 9\n\t\t\n1\t2", "jixiao-values 1\n\t\t\n1x\t2", "jixiao-values 1\n\t\t\n1\t2\t3", "jixiao-values 1\nx\t\t\n1\t2"} {
		if err := fresh.Add("000000/", l, []byte(bad)); err == nil {
			t.Errorf("data %q accepted", bad)
		}
	}
	for _, bad := range []string{"", "jixiao-layout 2\n", "jixiao-layout 1\nv\ta\tx\ttarget\tsum\t件", "jixiao-layout 1\nw\ta"} {
		if _, err := rollup.NewTotals("").Layout([]byte(bad)); err == nil {
			t.Errorf("layout %q accepted", bad)
		}
	}
}

// The stored roll-up — forms saved through the store on SQLite and on
// PostgreSQL, rolled up from their stored values — equals PostgreSQL's
// GROUP BY ROLLUP over the same values (pgpeer) at every level, and the
// generator's ground truth. A reviewer counts only the forms of their
// region; a status filter only forms of that status.
func TestStoredRollupMatchesPostgres(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 2, Cities: 4, Counties: 12})
	if err != nil {
		t.Fatal(err)
	}
	pg := scalePeerFigures(t, s, pgtest.Database(t))
	truth := scaleTruth(s)
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			st := storetest.Open(t, backend)
			g := storetest.LoadGen(t, st, s)
			filter := store.RollupFilter{Program: storetest.Program, Year: storetest.GenYear}
			tot, err := st.RollupStored(storetest.As(g.Reviewer), filter)
			if err != nil {
				t.Fatal(err)
			}
			compareTotals(t, s, tot, pg)
			compareTotals(t, s, tot, truth)

			province := s.Tree.Level(gen.LevelProvince)[1].Code
			filter.Region = province
			if tot, err = st.RollupStored(storetest.System(), filter); err != nil {
				t.Fatal(err)
			}
			if n, all := tot.Forms(province), tot.Forms(gen.NationCode); n == 0 || n != all || n == len(s.Forms) {
				t.Errorf("region %s: %d forms, the nation %d", province, n, all)
			}
			filter.Region, filter.Status = "", jixiao.StatusApproved
			if tot, err = st.RollupStored(storetest.System(), filter); err != nil || len(tot.Regions()) != 0 {
				t.Errorf("approved only: %v regions, %v", tot.Regions(), err)
			}
		})
	}
}

// A stored form without stored values (saved before they were kept) is
// named, not left out of the sums.
func TestStoredRollupRefusesFormsWithoutValues(t *testing.T) {
	s, err := gen.Generate(scaleSeed, gen.Options{Provinces: 1, Cities: 1, Counties: 2})
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t, "sqlite")
	g := storetest.LoadGen(t, st, s)
	if _, err := st.DB().Exec("DELETE FROM form_values WHERE form_id = ?", g.FormIDs[1]); err != nil {
		t.Fatal(err)
	}
	_, err = st.RollupStored(storetest.System(), store.RollupFilter{Program: storetest.Program, Year: storetest.GenYear})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("自评表 %d 没有存储汇总数值", g.FormIDs[1])) {
		t.Errorf("err = %v", err)
	}
}
