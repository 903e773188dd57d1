package store_test

import (
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// TestMemberForms: a department's members are the organisations directly
// under it with their forms; the task says which it expects and which
// hold up its region form; a department elsewhere is not found.
func TestMemberForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		rev := storetest.As(w.RevChaoyang)
		if _, err := s.IssueTask(rev, store.NewTask{Program: storetest.Program, Year: storetest.Year, IssuerID: w.Chaoyang.ID,
			Deadline: time.Now().Add(24 * time.Hour), UnitIDs: []int64{w.UnitA.ID}}); err != nil {
			t.Fatal(err)
		}
		f, err := s.CreateForm(storetest.As(w.FillerB), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitB.ID, Form: storetest.CleanForm(t)})
		if err != nil {
			t.Fatal(err)
		}
		for _, ctx := range []*jixiao.User{w.RevChaoyang, w.RevBeijing, w.Viewer} {
			ms, err := s.MemberForms(storetest.As(ctx), w.Chaoyang.ID, storetest.Program, storetest.Year)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[int64]store.MemberForm{}
			for _, m := range ms {
				byID[m.OrgID] = m
			}
			a, b := byID[w.UnitA.ID], byID[w.UnitB.ID]
			if len(ms) != 2 || !a.Expected || a.Form != nil || !a.Pending() || b.Expected || b.Form == nil || b.Form.ID != f.ID || b.Pending() {
				t.Errorf("%s: members %+v", ctx.Username, ms)
			}
		}
		beijing, err := s.MemberForms(storetest.As(w.RevBeijing), w.Beijing.ID, storetest.Program, storetest.Year)
		if err != nil || len(beijing) != 2 || beijing[0].OrgKind != jixiao.OrgDepartment {
			t.Errorf("北京市's members are its two district departments: %+v %v", beijing, err)
		}
		for _, u := range []*jixiao.User{w.RevHaidian, w.FillerA} {
			if _, err := s.MemberForms(storetest.As(u), w.Chaoyang.ID, storetest.Program, storetest.Year); jixiao.KindOf(err) != jixiao.KindNotFound {
				t.Errorf("%s on 朝阳区's members: %v", u.Username, err)
			}
		}
	})
}

// TestIndicatorCategories: the counts by category are the judgement of the
// forms the actor may see, category by category.
func TestIndicatorCategories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		ref := storetest.RefForm(t)
		for _, o := range []struct {
			u   *jixiao.User
			org *jixiao.Organisation
		}{{w.FillerA, w.UnitA}, {w.FillerB, w.UnitB}, {w.FillerH, w.UnitH}} {
			if _, err := s.CreateForm(storetest.As(o.u), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: o.org.ID, Form: ref}); err != nil {
				t.Fatal(err)
			}
		}
		// one form's judgement, by category
		want := map[jixiao.Category][4]int{}
		for _, as := range s.Judge(ref).Indicators {
			c := want[jixiao.NormalizeLevel2(as.Level2)]
			switch as.Status {
			case jixiao.StatusMet:
				c[0]++
			case jixiao.StatusNotMet:
				c[1]++
			case jixiao.StatusQualitative:
				c[2]++
			default:
				c[3]++
			}
			want[jixiao.NormalizeLevel2(as.Level2)] = c
		}
		for _, tc := range []struct {
			u      *jixiao.User
			region string
			forms  int
		}{{w.Viewer, "", 3}, {w.Viewer, "110105", 2}, {w.RevChaoyang, "", 2}, {w.RevHaidian, "", 1}, {w.FillerA, "", 1}, {w.Admin, "", 0}} {
			got, err := s.IndicatorCategories(storetest.As(tc.u), store.CategoryFilter{Program: storetest.Program, Year: storetest.Year, Region: tc.region})
			if err != nil {
				t.Fatal(err)
			}
			if tc.forms == 0 {
				if len(got) != 0 {
					t.Errorf("%s: %+v", tc.u.Username, got)
				}
				continue
			}
			if len(got) != len(want) {
				t.Errorf("%s %s: %d categories, want %d", tc.u.Username, tc.region, len(got), len(want))
			}
			for _, c := range got {
				w := want[c.Category]
				if c.Met != tc.forms*w[0] || c.NotMet != tc.forms*w[1] || c.Qualitative != tc.forms*w[2] || c.Undetermined != tc.forms*w[3] {
					t.Errorf("%s %s %s: %+v, want %d × %v", tc.u.Username, tc.region, c.Category, c, tc.forms, w)
				}
			}
		}
	})
}

// BenchmarkDashboard counts the indicator results of the 3,000 forms of the
// national data set by category (IndicatorCategories: one GROUP BY over
// their judged rows) and lists the root department's 3,000 members with
// their forms (MemberForms), as its reviewer, on SQLite and PostgreSQL.
func BenchmarkDashboard(b *testing.B) {
	for _, backend := range storetest.Backends {
		s, g := storedNational(b, backend)
		ctx := storetest.As(g.Reviewer)
		b.Run("categories/"+backend, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				t0 := time.Now()
				cs, err := s.IndicatorCategories(ctx, store.CategoryFilter{Program: storetest.Program, Year: storetest.GenYear})
				times = append(times, time.Since(t0))
				if err != nil || len(cs) == 0 {
					b.Fatal(cs, err)
				}
			}
			reportPercentiles(b, times)
		})
		b.Run("members/"+backend, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				t0 := time.Now()
				ms, err := s.MemberForms(ctx, g.Dept.ID, storetest.Program, storetest.GenYear)
				times = append(times, time.Since(t0))
				if err != nil || len(ms) != len(g.Units) {
					b.Fatal(len(ms), err)
				}
			}
			reportPercentiles(b, times)
		})
	}
}
