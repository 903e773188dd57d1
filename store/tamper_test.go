package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// Issue 10 §5: someone with access to the database edits, deletes or
// reorders log entries, or moves the head; VerifyLog must name the first
// entry that no longer holds, in Chinese. Each case tampers with the
// database directly in SQL (written to run unchanged on both dialects).

// tamperedLog fills s with a log of a dozen and more entries: regions,
// organisations, and an imported form saved twice.
func tamperedLog(t *testing.T, s *store.Store) int64 {
	t.Helper()
	formSavedTwice(t, s)
	var n int64
	if err := s.DB().QueryRow("SELECT count(*) FROM log_entries").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// formSavedTwice creates the reference form for the import world's first
// unit and saves two variants of it: the form is at version 3.
func formSavedTwice(t *testing.T, s *store.Store) int64 {
	t.Helper()
	units := importWorld(t, s)
	ctx := storetest.System()
	org, err := s.OrgByName(ctx, units[0])
	if err != nil {
		t.Fatal(err)
	}
	f, err := s.CreateForm(ctx, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: org.ID, Form: storetest.RefForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= 2; v++ {
		if _, err := s.SaveForm(ctx, f.ID, v, variant(storetest.CleanForm(t), strconv.Itoa(v))); err != nil {
			t.Fatal(err)
		}
	}
	return f.ID
}

func TestLogTampering(t *testing.T) {
	const mid = 5 // an entry in the middle
	seq := func(n int64) string { return strconv.FormatInt(n, 10) }
	cases := []struct {
		name string
		// tamper returns the SQL to run, given the number of entries.
		tamper func(t *testing.T, s *store.Store, n int64) []string
		broken func(n int64) int64 // the entry VerifyLog must name
		says   func(n int64) string
	}{
		{"intact", func(*testing.T, *store.Store, int64) []string { return nil },
			func(int64) int64 { return 0 }, func(int64) string { return "" }},
		{"an entry's detail edited", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"UPDATE log_entries SET detail = detail || '（已更正）' WHERE seq = " + seq(mid)}
		}, func(int64) int64 { return mid }, func(int64) string { return "第 5 条记录的内容被修改" }},
		{"the first entry's actor edited", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"UPDATE log_entries SET actor = '别人' WHERE seq = 1"}
		}, func(int64) int64 { return 1 }, func(int64) string { return "第 1 条记录的内容被修改" }},
		{"a form hash edited", func(_ *testing.T, _ *store.Store, n int64) []string {
			return []string{"UPDATE log_entries SET hash_after = 'abc' WHERE seq = " + seq(n)}
		}, func(n int64) int64 { return n }, func(n int64) string { return "第 " + seq(n) + " 条记录的内容被修改" }},
		{"an entry edited and its hash recomputed", func(t *testing.T, s *store.Store, _ int64) []string {
			// Whoever knows the hash can rewrite one entry consistently; the
			// next entry's link to it still breaks.
			entries, err := s.Log(storetest.System(), store.LogFilter{After: mid - 1, Limit: 1})
			if err != nil || len(entries) != 1 {
				t.Fatalf("log: %v %v", entries, err)
			}
			e := entries[0]
			e.Detail += "（已更正）"
			return []string{"UPDATE log_entries SET detail = '" + e.Detail + "', hash = '" + e.ComputeHash() + "' WHERE seq = " + seq(mid)}
		}, func(int64) int64 { return mid + 1 }, func(int64) string { return "第 6 条记录与前一条接不上" }},
		{"a middle entry deleted", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"DELETE FROM log_entries WHERE seq = " + seq(mid)}
		}, func(int64) int64 { return mid }, func(int64) string { return "第 5 条记录已被删除" }},
		{"the first entries deleted", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"DELETE FROM log_entries WHERE seq <= 2"}
		}, func(int64) int64 { return 1 }, func(int64) string { return "第 1 条至第 2 条记录已被删除" }},
		{"the last entries deleted", func(_ *testing.T, _ *store.Store, n int64) []string {
			return []string{"DELETE FROM log_entries WHERE seq >= " + seq(n-1)}
		}, func(n int64) int64 { return n - 1 }, func(n int64) string {
			return "最后的第 " + seq(n-1) + " 条至第 " + seq(n) + " 条记录已被删除"
		}},
		{"every entry deleted", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"DELETE FROM log_entries"}
		}, func(int64) int64 { return 1 }, func(n int64) string { return "最后的第 1 条至第 " + seq(n) + " 条记录已被删除" }},
		{"two entries swapped", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{
				"UPDATE log_entries SET seq = -1 WHERE seq = " + seq(mid),
				"UPDATE log_entries SET seq = " + seq(mid) + " WHERE seq = " + seq(mid+1),
				"UPDATE log_entries SET seq = " + seq(mid+1) + " WHERE seq = -1",
			}
		}, func(int64) int64 { return mid }, func(int64) string { return "第 5 条记录" }},
		{"an entry's seq moved before the first", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"UPDATE log_entries SET seq = 0 WHERE seq = " + seq(mid)}
		}, func(int64) int64 { return 1 }, func(int64) string { return "序号被改动或顺序被调换" }},
		{"an entry forged at the end", func(_ *testing.T, _ *store.Store, n int64) []string {
			return []string{`INSERT INTO log_entries (seq, at, actor_id, actor, action, object, object_id, form_id, hash_before, hash_after, detail, prev_hash, hash)
				SELECT seq + 1, at, actor_id, actor, action, object, object_id, form_id, hash_before, hash_after, detail, hash, hash FROM log_entries WHERE seq = ` + seq(n)}
		}, func(n int64) int64 { return n + 1 }, func(n int64) string { return "第 " + seq(n+1) + " 条记录的内容被修改" }},
		{"the head's hash edited", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"UPDATE log_head SET hash = 'abc'"}
		}, func(n int64) int64 { return n }, func(int64) string { return "链头被修改" }},
		{"the head moved back", func(_ *testing.T, _ *store.Store, _ int64) []string {
			return []string{"UPDATE log_head SET seq = seq - 1"}
		}, func(n int64) int64 { return n }, func(int64) string { return "日志末尾与记录的链头不符" }},
	}
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			// One database per backend: each case tampers, verifies, and
			// puts the log back from a copy.
			s := storetest.Open(t, backend)
			n := tamperedLog(t, s)
			t.Logf("a log of %d entries", n)
			exec := func(qs ...string) {
				t.Helper()
				for _, q := range qs {
					if _, err := s.DB().Exec(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
			}
			exec("CREATE TABLE saved_entries AS SELECT * FROM log_entries", "CREATE TABLE saved_head AS SELECT * FROM log_head")
			for _, c := range cases {
				t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
					exec(c.tamper(t, s, n)...)
					defer exec("DELETE FROM log_entries", "INSERT INTO log_entries SELECT * FROM saved_entries",
						"DELETE FROM log_head", "INSERT INTO log_head SELECT * FROM saved_head")
					got, err := s.VerifyLog(context.Background())
					if err != nil {
						t.Fatal(err)
					}
					want, says := c.broken(n), c.says(n)
					if got.Broken != want || !strings.Contains(got.Problem, says) || (want == 0 && got.Entries != n) {
						t.Errorf("VerifyLog: broken at %d (%q) after %d entries; want %d (%q)", got.Broken, got.Problem, got.Entries, want, says)
					}
					if want != 0 && !strings.HasPrefix(c.name, "the head") && got.Entries != want-1 {
						t.Errorf("VerifyLog: %d entries verified before the break at %d", got.Entries, want)
					}
				})
			}
			// Put back, the log verifies again and goes on.
			if _, err := s.SaveForm(storetest.System(), 1, 3, variant(storetest.CleanForm(t), "after")); err != nil {
				t.Fatal(err)
			}
			if got, err := s.VerifyLog(context.Background()); err != nil || got.Broken != 0 || got.Entries != n+1 {
				t.Errorf("restored log: %+v %v", got, err)
			}
		})
	}
}
