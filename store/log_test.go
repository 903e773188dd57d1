package store_test

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// The log's filters select by range, form and action, oldest or newest
// first, on both backends; only administrators see the whole log.
func TestLogFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		ctx := storetest.As(w.Admin)
		all, err := s.Log(ctx, store.LogFilter{Limit: 10000})
		if err != nil {
			t.Fatal(err)
		}
		n := int64(len(all))
		if n < 20 {
			t.Fatalf("the world logged %d entries", n)
		}
		creates := 0
		for _, e := range all {
			if e.Action == jixiao.ActionUserCreate {
				creates++
			}
		}
		seqs := func(f store.LogFilter) []int64 {
			t.Helper()
			entries, err := s.Log(ctx, f)
			if err != nil {
				t.Fatalf("%+v: %v", f, err)
			}
			var out []int64
			for _, e := range entries {
				if f.Action != "" && e.Action != f.Action {
					t.Errorf("%+v gave a %s entry", f, e.Action)
				}
				out = append(out, e.Seq)
			}
			return out
		}
		for _, c := range []struct {
			f    store.LogFilter
			want []int64
		}{
			{store.LogFilter{Limit: 3}, []int64{1, 2, 3}},
			{store.LogFilter{Newest: true, Limit: 3}, []int64{n, n - 1, n - 2}},
			{store.LogFilter{Newest: true, Before: 10, Limit: 3}, []int64{9, 8, 7}},
			{store.LogFilter{After: 2, Before: 6}, []int64{3, 4, 5}},
			{store.LogFilter{Newest: true, After: 2, Before: 6}, []int64{5, 4, 3}},
			{store.LogFilter{Before: 1}, nil},
		} {
			if got := seqs(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%+v: %v, want %v", c.f, got, c.want)
			}
		}
		if got := seqs(store.LogFilter{Action: jixiao.ActionUserCreate, Newest: true}); len(got) != creates || creates != 8 || !slices.IsSortedFunc(got, func(a, b int64) int { return int(b - a) }) {
			t.Errorf("user.create entries %v, want %d newest first", got, creates)
		}
		if got := seqs(store.LogFilter{Action: jixiao.ActionUserCreate, Newest: true, Limit: 2}); len(got) != 2 {
			t.Errorf("two user.create entries: %v", got)
		}
		// a form's entries: its filler and the administrator (who may not
		// read the form) see them, another unit does not
		f, err := s.CreateForm(storetest.As(w.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitA.ID, Form: storetest.CleanForm(t)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Form(ctx, f.ID); jixiao.KindOf(err) != jixiao.KindNotFound {
			t.Errorf("the administrator reads a form: %v", err)
		}
		for _, u := range []*jixiao.User{w.Admin, w.FillerA} {
			if got, err := s.Log(storetest.As(u), store.LogFilter{FormID: f.ID}); err != nil || len(got) != 1 || got[0].FormID != f.ID {
				t.Errorf("%s: the form's log %v %v", u.Username, got, err)
			}
		}
		if _, err := s.Log(storetest.As(w.FillerB), store.LogFilter{FormID: f.ID}); jixiao.KindOf(err) != jixiao.KindNotFound {
			t.Errorf("another unit reads the form's log: %v", err)
		}
		for _, u := range []*jixiao.User{w.FillerA, w.RevChaoyang, w.Viewer} {
			if _, err := s.Log(storetest.As(u), store.LogFilter{Newest: true}); jixiao.KindOf(err) != jixiao.KindForbidden {
				t.Errorf("%s reads the whole log: %v", u.Username, err)
			}
		}
	})
}

// appendEntries extends the chain of a SQLite store by n entries written
// directly, each hashed as the store hashes them, in one transaction: a
// long log in seconds (through the service layer every entry would be a
// commit waiting for the disk).
func appendEntries(tb testing.TB, s *store.Store, n int) {
	tb.Helper()
	tx, err := s.DB().Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	var seq int64
	var prev string
	if err := tx.QueryRow("SELECT seq, hash FROM log_head WHERE id = 1").Scan(&seq, &prev); err != nil {
		tb.Fatal(err)
	}
	ins, err := tx.Prepare(`INSERT INTO log_entries (seq, at, actor_id, actor, action, object, object_id, form_id,
		hash_before, hash_after, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		e := jixiao.LogEntry{Seq: seq + 1, At: at.Add(time.Duration(i) * time.Second), Actor: "测试（test）",
			Action: jixiao.ActionFormComment, Object: "form", ObjectID: "1", FormID: 1,
			Detail: "第 " + strconv.Itoa(i) + " 条留言：请补充未完成原因", PrevHash: prev}
		e.Hash = e.ComputeHash()
		if _, err := ins.Exec(e.Seq, e.At.Format(jixiao.LogTimeFormat), sql.NullInt64{}, e.Actor, string(e.Action), e.Object,
			e.ObjectID, e.FormID, e.HashBefore, e.HashAfter, e.Detail, e.PrevHash, e.Hash); err != nil {
			tb.Fatal(err)
		}
		seq, prev = e.Seq, e.Hash
	}
	if _, err := tx.Exec("UPDATE log_head SET seq = ?, hash = ? WHERE id = 1", seq, prev); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkVerifyLog verifies a chain of 100,000 entries on a SQLite file
// (what the log page would cost if it verified on every view):
//
//	go test ./store/ -run '^$' -bench VerifyLog -benchtime 5x
func BenchmarkVerifyLog(b *testing.B) {
	s := storetest.Open(b, "sqlite")
	appendEntries(b, s, 100_000)
	ctx := context.Background()
	for b.Loop() {
		c, err := s.VerifyLog(ctx)
		if err != nil || c.Broken != 0 || c.Entries != 100_000 {
			b.Fatalf("%+v %v", c, err)
		}
	}
}
