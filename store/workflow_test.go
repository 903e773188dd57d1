package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// TestWorkflow walks a unit form through draft → submitted → returned →
// resubmitted → approved, and checks each refusal on the way, on both
// backends. Each step runs as one user and expects success or an error of a
// kind whose Chinese message contains a phrase.
func TestWorkflow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		clock := &storetest.Clock{T: time.Date(2022, 3, 1, 9, 0, 0, 0, time.UTC)}
		s.Now = clock.Now
		ctx := context.Background()
		task, err := s.IssueTask(storetest.As(w.RevChaoyang), store.NewTask{Program: storetest.Program, Year: storetest.Year,
			IssuerID: w.Chaoyang.ID, Deadline: clock.T.Add(30 * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		// the list carries each task's units as the task itself does
		listed, err := s.Tasks(storetest.As(w.RevChaoyang), "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(listed) != 1 || len(task.ExpectedIDs) == 0 || !slices.Equal(listed[0].ExpectedIDs, task.ExpectedIDs) {
			t.Fatalf("Tasks lists %+v, the task expects %v", listed, task.ExpectedIDs)
		}
		f, err := s.CreateForm(storetest.As(w.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year,
			OrgID: w.UnitA.ID, Form: storetest.RefForm(t)})
		if err != nil {
			t.Fatal(err)
		}
		if f.Status != jixiao.StatusDraft || f.Version != 1 || f.Errors != 3 || f.TaskID == 0 {
			t.Fatalf("created %+v", f)
		}
		id := f.ID
		steps := []struct {
			name string
			as   *jixiao.User
			do   func(ctx context.Context) (*jixiao.StoredForm, error)
			kind jixiao.ErrorKind // "" : must succeed
			msg  string
			want jixiao.FormStatus
		}{
			{"errors block submit", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) { return s.Submit(c, id, 1) },
				jixiao.KindInvalid, "还有 3 个错误", ""},
			{"other unit cannot save", w.FillerB, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 1, storetest.CleanForm(t))
			}, jixiao.KindNotFound, "不存在", ""},
			{"other district reviewer cannot see", w.RevHaidian, func(c context.Context) (*jixiao.StoredForm, error) { return s.Form(c, id) },
				jixiao.KindNotFound, "不存在", ""},
			{"central cannot save", w.Viewer, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 1, storetest.CleanForm(t))
			}, jixiao.KindForbidden, "不是您单位的表", ""},
			{"fix the errors", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 1, storetest.CleanForm(t))
			}, "", "", jixiao.StatusDraft},
			{"stale save is a conflict naming who", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 1, storetest.CleanForm(t))
			}, jixiao.KindConflict, "张三（zy_a） 已于 2022-03-01 17:00:00 保存了第 2 版", ""},
			{"reviewer cannot approve a draft", w.RevChaoyang, func(c context.Context) (*jixiao.StoredForm, error) { return s.Approve(c, id, 2, "") },
				jixiao.KindConflict, "尚未提交", ""},
			{"submit", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) { return s.Submit(c, id, 2) }, "", "", jixiao.StatusSubmitted},
			{"submitted is not editable", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 2, storetest.CleanForm(t))
			}, jixiao.KindConflict, "已提交", ""},
			{"unit cannot approve itself", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) { return s.Approve(c, id, 2, "") },
				jixiao.KindForbidden, "不能审核", ""},
			{"city reviewer is not the unit's department", w.RevBeijing, func(c context.Context) (*jixiao.StoredForm, error) { return s.Approve(c, id, 2, "") },
				jixiao.KindForbidden, "不能审核", ""},
			{"return needs a reason", w.RevChaoyang, func(c context.Context) (*jixiao.StoredForm, error) { return s.Return(c, id, 2, "  ") },
				jixiao.KindInvalid, "原因", ""},
			{"return", w.RevChaoyang, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.Return(c, id, 2, "请补充说明栏")
			}, "", "", jixiao.StatusReturned},
			{"returned is editable", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 2, storetest.CleanForm(t))
			}, "", "", jixiao.StatusReturned},
			{"resubmit after the deadline is allowed", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) {
				clock.Add(60 * 24 * time.Hour)
				return s.Submit(c, id, 3)
			}, "", "", jixiao.StatusResubmitted},
			{"approve", w.RevChaoyang, func(c context.Context) (*jixiao.StoredForm, error) { return s.Approve(c, id, 3, "同意") },
				"", "", jixiao.StatusApproved},
			{"approved is locked", w.FillerA, func(c context.Context) (*jixiao.StoredForm, error) {
				return s.SaveForm(c, id, 3, storetest.CleanForm(t))
			}, jixiao.KindConflict, "已审核通过并锁定", ""},
			{"late first submission is refused", w.FillerB, func(c context.Context) (*jixiao.StoredForm, error) {
				f, err := s.CreateForm(c, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitB.ID, Form: storetest.CleanForm(t)})
				if err != nil {
					return nil, err
				}
				return s.Submit(c, f.ID, 1)
			}, jixiao.KindConflict, "已过截止时间", ""},
		}
		for _, st := range steps {
			got, err := st.do(storetest.As(st.as))
			if st.kind == "" {
				if err != nil {
					t.Fatalf("%s: %v", st.name, err)
				}
				if got.Status != st.want {
					t.Fatalf("%s: status %s, want %s", st.name, got.Status, st.want)
				}
				continue
			}
			if err == nil || jixiao.KindOf(err) != st.kind || !strings.Contains(jixiao.MessageOf(err), st.msg) {
				t.Fatalf("%s: got %v (kind %s), want kind %s with %q", st.name, err, jixiao.KindOf(err), st.kind, st.msg)
			}
		}
		revs, err := s.Revisions(storetest.As(w.FillerA), id)
		if err != nil || len(revs) != 3 {
			t.Fatalf("revisions %v %v", revs, err)
		}
		cs, err := s.Comments(storetest.As(w.RevChaoyang), id)
		if err != nil || len(cs) != 2 || cs[0].Kind != "return" || cs[1].Body != "同意" {
			t.Fatalf("comments %+v %v", cs, err)
		}
		rates, err := s.ReportingRates(storetest.As(w.RevBeijing), storetest.Program, storetest.Year)
		if err != nil {
			t.Fatal(err)
		}
		var chaoyang store.Reporting
		for _, r := range rates {
			if r.Region.Code == "110105" {
				chaoyang = r
			}
		}
		if chaoyang.Expected != 2 || chaoyang.Submitted != 1 || chaoyang.OnTime != 1 || chaoyang.Missing != 1 || chaoyang.Approved != 1 {
			t.Fatalf("reporting of 朝阳区 %+v", chaoyang)
		}
		if c, err := s.VerifyLog(ctx); err != nil || c.Broken != 0 {
			t.Fatalf("log: %+v %v", c, err)
		}
	})
}

// TestVisibility checks who sees which forms, through Forms and Form.
func TestVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		mk := func(u *jixiao.User, o *jixiao.Organisation) int64 {
			f, err := s.CreateForm(storetest.As(u), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: o.ID, Form: storetest.RefForm(t)})
			if err != nil {
				t.Fatal(err)
			}
			return f.ID
		}
		a, b, h := mk(w.FillerA, w.UnitA), mk(w.FillerB, w.UnitB), mk(w.FillerH, w.UnitH)
		cases := []struct {
			who  *jixiao.User
			sees []int64
		}{
			{w.FillerA, []int64{a}},
			{w.FillerH, []int64{h}},
			{w.RevChaoyang, []int64{a, b}},
			{w.RevHaidian, []int64{h}},
			{w.RevBeijing, []int64{a, b, h}},
			{w.Viewer, []int64{a, b, h}},
			{w.Admin, nil},
		}
		for _, c := range cases {
			forms, total, err := s.Forms(storetest.As(c.who), store.FormFilter{})
			if err != nil {
				t.Fatal(err)
			}
			got := map[int64]bool{}
			for _, f := range forms {
				got[f.ID] = true
			}
			if total != len(c.sees) || len(got) != len(c.sees) {
				t.Errorf("%s sees %v (total %d), want %v", c.who.Username, got, total, c.sees)
			}
			for _, id := range []int64{a, b, h} {
				f, err := s.Form(storetest.As(c.who), id)
				if want := contains(c.sees, id); (err == nil) != want {
					t.Errorf("%s reading form %d: %v, want visible=%v", c.who.Username, id, err, want)
				}
				// FormInfo is Form without the document, seen by the same people
				info, ierr := s.FormInfo(storetest.As(c.who), id)
				if (ierr == nil) != (err == nil) || jixiao.KindOf(ierr) != jixiao.KindOf(err) {
					t.Errorf("%s: FormInfo of form %d: %v, Form: %v", c.who.Username, id, ierr, err)
				}
				if err == nil && (info.Form != nil || info.Hash != f.Hash || info.Version != f.Version || info.Org != f.Org) {
					t.Errorf("%s: FormInfo of form %d is not Form without its document: %+v", c.who.Username, id, info)
				}
				// RevisionHash names the version's document, for the same people
				hash, herr := s.RevisionHash(storetest.As(c.who), id, 1)
				if (herr == nil) != (err == nil) || jixiao.KindOf(herr) != jixiao.KindOf(err) {
					t.Errorf("%s: RevisionHash of form %d: %v, Form: %v", c.who.Username, id, herr, err)
				}
				if err == nil && hash != f.Hash { // every form here is at version 1
					t.Errorf("%s: RevisionHash of form %d version 1 is %q, the form's hash %q", c.who.Username, id, hash, f.Hash)
				}
				if _, err := s.RevisionHash(storetest.As(c.who), id, 99); jixiao.KindOf(err) != jixiao.KindNotFound {
					t.Errorf("%s: RevisionHash of a version form %d does not have: %v", c.who.Username, id, err)
				}
			}
		}
		if _, _, err := s.Forms(context.Background(), store.FormFilter{}); jixiao.KindOf(err) != jixiao.KindUnauthenticated {
			t.Errorf("no actor: %v", err)
		}
		// Search and region filters.
		forms, _, err := s.Forms(storetest.As(w.Viewer), store.FormFilter{Region: "110108"})
		if err != nil || len(forms) != 1 || forms[0].ID != h {
			t.Errorf("region filter: %v %v", forms, err)
		}
		forms, _, err = s.Forms(storetest.As(w.Viewer), store.FormFilter{Search: "科技园"})
		if err != nil || len(forms) != 1 || forms[0].ID != b {
			t.Errorf("search: %v %v", forms, err)
		}
		forms, _, err = s.Forms(storetest.As(w.Viewer), store.FormFilter{Search: "100%_"})
		if err != nil || len(forms) != 0 {
			t.Errorf("search with LIKE characters: %v %v", forms, err)
		}
	})
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestConcurrentOpen: several processes (here stores) opening one new
// database at once migrate it once, without errors.
func TestConcurrentOpen(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			dsn := storetest.DSN(t, backend)
			errs := make(chan error, 4)
			for range 4 {
				go func() {
					s, err := store.Open(context.Background(), dsn)
					if err == nil {
						s.Close()
					}
					errs <- err
				}()
			}
			for range 4 {
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
