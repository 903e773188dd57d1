package store_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
)

// The crash, import and concurrency tests end with storetest.CheckWhole:
// is everything in the database whole, whatever happened to the processes
// that wrote it? TestCheckWhole shows it finds what it looks for.

// variant is form f with its achievement text marked, so that every save
// stores a different document.
func variant(f *jixiao.Form, mark string) *jixiao.Form {
	v := *f
	v.Achievement = f.Achievement + "（" + mark + "）"
	return &v
}

// markOf returns the mark variant put on a stored revision's document.
func markOf(document string) string {
	forms, err := jsonform.Reader{}.ReadForms("document.json", []byte(document))
	if err != nil || len(forms) != 1 {
		return ""
	}
	a := forms[0].Achievement
	i := strings.LastIndex(a, "（")
	if i < 0 || !strings.HasSuffix(a, "）") {
		return ""
	}
	return strings.TrimSuffix(a[i+len("（"):], "）")
}

// documentJSON is f as a JSON form file.
func documentJSON(t testing.TB, f *jixiao.Form) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jsonform.Write(&buf, []*jixiao.Form{f}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// recorder is a testing.TB that keeps what storetest.CheckWhole reports.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

// TestCheckWhole: the check the crash tests rely on finds each kind of
// half-written or inconsistent record (on SQLite: the check is plain SQL).
func TestCheckWhole(t *testing.T) {
	cases := []struct {
		name, sql string
		says      string // "" : nothing found
	}{
		{"whole", "", ""},
		{"an indicator row missing", "DELETE FROM form_indicators WHERE idx = (SELECT min(idx) FROM form_indicators)", "indicator rows stored"},
		{"version ahead of its revisions", "UPDATE forms SET version = version + 1", "revisions"},
		{"the last revision missing", "DELETE FROM form_revisions WHERE version = 3", "version 3 but 2 revisions"},
		{"a revision's document torn", "UPDATE form_revisions SET document = substr(document, 1, 100) WHERE version = 2", "does not match its hash"},
		{"the current document not the last revision's", "UPDATE forms SET hash = 'abc'", "current document"},
		{"status the log does not give", "UPDATE forms SET status = 'approved'", "the log's transitions give"},
		{"findings missing", "DELETE FROM form_findings WHERE severity = 'warning'", "warnings"},
		{"a save's log entry with other hashes", "UPDATE log_entries SET hash_after = 'abc' WHERE action = 'form.save'", "does not carry revision"},
		{"a save without its log entry", "DELETE FROM log_entries WHERE seq = (SELECT max(seq) FROM log_entries WHERE action = 'form.save')", "create/save/import entries"},
		{"a row of no form", "INSERT INTO form_findings (form_id, seq, rule, severity, at, message) VALUES (99, 0, 'r', 'error', '', 'm')", "which does not exist"},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			s := storetest.Open(t, "sqlite")
			id := formSavedTwice(t, s)
			ctx := storetest.System()
			if _, err := s.Submit(ctx, id, 3); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Return(ctx, id, 3, "请补充"); err != nil {
				t.Fatal(err)
			}
			if c.sql != "" {
				// Without foreign keys, as someone editing the file by hand.
				db, err := sql.Open("sqlite", s.Location())
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec(c.sql); err != nil {
					t.Fatalf("%s: %v", c.sql, err)
				}
				db.Close()
			}
			r := &recorder{TB: t}
			storetest.CheckWhole(r, s)
			got := strings.Join(r.errs, "\n")
			if (c.says == "") != (got == "") || !strings.Contains(got, c.says) {
				t.Errorf("checkWhole found %q, want %q", got, c.says)
			}
		})
	}
}
