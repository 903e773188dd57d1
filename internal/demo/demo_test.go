package demo_test

import (
	"context"
	"os"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// The embedded copy of the reference form is the bundled one.
func TestReferenceIsTheBundledForm(t *testing.T) {
	t.Parallel()
	embedded, err := os.ReadFile("reference.txt")
	if err != nil {
		t.Fatal(err)
	}
	if string(embedded) != reftest.Text(t) {
		t.Error("internal/demo/reference.txt differs from testdata/forms/chaoyang-2020-ip-ops.txt: copy it again")
	}
}

// The demo world loads on both backends with the promised forms, task and
// accounts, and a second load is refused.
func TestLoad(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		t.Parallel()
		w, err := demo.Load(t.Context(), s)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]struct {
			status jixiao.FormStatus
			errors int
		}{
			"北京市朝阳区市场监督管理局":  {jixiao.StatusDraft, 3},
			"北京市朝阳区知识产权服务中心": {jixiao.StatusSubmitted, 0},
			"北京市海淀区市场监督管理局":  {jixiao.StatusApproved, 0},
			"北京市东城区市场监督管理局":  {jixiao.StatusReturned, 0},
		}
		sys := storetest.System()
		forms, total, err := s.Forms(sys, store.FormFilter{})
		if err != nil || total != len(want) {
			t.Fatalf("%d forms, want %d: %v", total, len(want), err)
		}
		for _, f := range forms {
			if w, ok := want[f.Org]; !ok || f.Status != w.status || f.Errors != w.errors || f.TaskID == 0 ||
				f.Program != demo.Program || f.Year != demo.Year {
				t.Errorf("%s: %s, %d errors, task %d; want %+v", f.Org, f.Status, f.Errors, f.TaskID, w)
			}
		}
		returned := w.Forms["北京市东城区市场监督管理局"]
		if cs, err := s.Comments(sys, returned.ID); err != nil || len(cs) != 2 || cs[0].Kind != "return" {
			t.Errorf("the returned form's comments: %+v %v", cs, err)
		}
		// every account signs in with the documented password and sees forms
		// (the administrator manages users, not forms)
		for _, a := range w.Accounts {
			u, err := s.Authenticate(context.Background(), a.Username, demo.Password)
			if err != nil || len(u.Grants) != 1 || u.Grants[0].Role != a.Role || u.Grants[0].OrgName != a.Org {
				t.Fatalf("%s: %+v %v", a.Username, u, err)
			}
			_, n, err := s.Forms(storetest.As(u), store.FormFilter{})
			if err != nil || (n == 0) != (a.Role == jixiao.RoleAdmin) {
				t.Errorf("%s sees %d forms: %v", a.Username, n, err)
			}
		}
		rates, err := s.ReportingRates(sys, demo.Program, demo.Year)
		if err != nil || len(rates) != 5 {
			t.Fatalf("reporting rates: %+v %v", rates, err)
		}
		if bj := rates[1]; bj.Region.Code != "110000" || bj.Expected != 4 || bj.Submitted != 3 || bj.Approved != 1 {
			t.Errorf("北京市: %+v", bj)
		}
		if !w.Deadline.After(s.Now()) {
			t.Errorf("deadline %v is not ahead", w.Deadline)
		}
		if _, err := demo.Load(t.Context(), s); jixiao.KindOf(err) != jixiao.KindConflict {
			t.Errorf("a second load: %v, want a conflict", err)
		}
	})
}
