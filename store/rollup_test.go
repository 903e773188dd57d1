package store_test

import (
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// TestRegionForm: a department rolls up only approved unit forms, records
// the revisions it used, and its region form can be submitted and approved
// only when every expected unit form is approved.
func TestRegionForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		rev := storetest.As(w.RevChaoyang)
		if _, err := s.IssueTask(rev, store.NewTask{Program: storetest.Program, Year: storetest.Year, IssuerID: w.Chaoyang.ID,
			Deadline: time.Now().Add(24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		approve := func(u *jixiao.User, o *jixiao.Organisation) *jixiao.StoredForm {
			f, err := s.CreateForm(storetest.As(u), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: o.ID, Form: storetest.CleanForm(t)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Submit(storetest.As(u), f.ID, 1); err != nil {
				t.Fatal(err)
			}
			if f, err = s.Approve(rev, f.ID, 1, ""); err != nil {
				t.Fatal(err)
			}
			return f
		}
		if _, err := s.RollupRegion(rev, w.Chaoyang.ID, storetest.Program, storetest.Year, false); jixiao.KindOf(err) != jixiao.KindInvalid {
			t.Fatalf("rollup with nothing approved: %v", err)
		}
		a := approve(w.FillerA, w.UnitA)
		if _, err := s.RollupRegion(storetest.As(w.RevHaidian), w.Chaoyang.ID, storetest.Program, storetest.Year, false); jixiao.KindOf(err) != jixiao.KindForbidden {
			t.Fatalf("another department's rollup: %v", err)
		}
		res, err := s.RollupRegion(rev, w.Chaoyang.ID, storetest.Program, storetest.Year, false)
		if err != nil {
			t.Fatal(err)
		}
		region := res.Form
		if region.Kind != jixiao.FormRegion || region.Status != jixiao.StatusDraft || len(res.Members) != 1 || res.Members[0].FormID != a.ID {
			t.Fatalf("region form %+v members %+v", region, res.Members)
		}
		// B is expected but missing: the region form cannot be submitted.
		_, err = s.Submit(rev, region.ID, region.Version)
		if jixiao.KindOf(err) != jixiao.KindConflict || !strings.Contains(jixiao.MessageOf(err), "朝阳区科技园区管委会（未填报）") {
			t.Fatalf("submit with a unit missing: %v", err)
		}
		b := approve(w.FillerB, w.UnitB)
		res, err = s.RollupRegion(rev, w.Chaoyang.ID, storetest.Program, storetest.Year, false)
		if err != nil {
			t.Fatal(err)
		}
		if res.Form.ID != region.ID || res.Form.Version != 2 || len(res.Members) != 2 {
			t.Fatalf("second rollup %+v", res.Form)
		}
		ms, err := s.Members(storetest.As(w.RevBeijing), region.ID, 2)
		if err != nil || len(ms) != 2 || !(ms[0].FormID == b.ID || ms[1].FormID == b.ID) {
			t.Fatalf("members %+v %v", ms, err)
		}
		if res.Form.Errors > 0 {
			t.Skipf("the rolled-up form has %d errors; workflow beyond needs a clean roll-up", res.Form.Errors)
		}
		if _, err := s.Submit(rev, region.ID, 2); err != nil {
			t.Fatal(err)
		}
		if f, err := s.Approve(rev, region.ID, 2, ""); err != nil || f.Status != jixiao.StatusApproved {
			t.Fatalf("approve region form: %v", err)
		}
	})
}
