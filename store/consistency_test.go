package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
)

// The crash, import and concurrency tests end by asking the same question
// of the database, whatever happened to the processes that wrote it: is
// everything there whole? checkWhole answers it from the tables themselves,
// not through the service, so that the service cannot hide a half-written
// record from the test.

// storedForm is a form's row with everything stored about it.
type storedForm struct {
	id, version      int
	hash, status     string
	errors, warnings int
	document         string
	revisions        []storedRevision // by version
	indicators       int
	findings         map[string]int // by severity
	entries          []storedEntry  // the form's log entries, in order
	returnComments   int
}

type storedRevision struct {
	version                    int
	hash, document, sourceHash string
}

type storedEntry struct {
	seq                   int64
	action                string
	hashBefore, hashAfter string
}

// wholeReport is what checkWhole found, for the crash tests' own checks.
type wholeReport struct {
	forms   map[int]*storedForm
	entries int64 // log entries in all
}

// checkWhole checks that nothing in s is half-written and that the log
// verifies; on SQLite also the file's integrity and its foreign keys. Every
// problem is reported with t.Errorf; the report is returned for the
// caller's own checks.
func checkWhole(t testing.TB, s *store.Store) *wholeReport {
	t.Helper()
	ctx := context.Background()
	db := s.DB()
	if s.Dialect() == "sqlite" {
		var ok string
		if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("PRAGMA integrity_check: %q %v", ok, err)
		}
		rows, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
		if err != nil {
			t.Errorf("PRAGMA foreign_key_check: %v", err)
		} else {
			for rows.Next() {
				var table, parent string
				var rowid, fk sql.NullInt64
				rows.Scan(&table, &rowid, &parent, &fk)
				t.Errorf("foreign key violated: %s row %v → %s", table, rowid, parent)
			}
			rows.Close()
		}
	}
	// One snapshot for every table.
	var opts *sql.TxOptions
	if s.Dialect() == "postgres" {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	r := &wholeReport{forms: map[int]*storedForm{}}
	each(t, tx, "SELECT id, version, hash, status, errors, warnings FROM forms", func(rows *sql.Rows) error {
		f := &storedForm{findings: map[string]int{}}
		if err := rows.Scan(&f.id, &f.version, &f.hash, &f.status, &f.errors, &f.warnings); err != nil {
			return err
		}
		r.forms[f.id] = f
		return nil
	})
	form := func(id int) *storedForm {
		f := r.forms[id]
		if f == nil {
			t.Errorf("rows of form %d, which does not exist", id)
			f = &storedForm{findings: map[string]int{}}
		}
		return f
	}
	each(t, tx, "SELECT form_id, version, hash, document, source_hash FROM form_revisions ORDER BY form_id, version", func(rows *sql.Rows) error {
		var id int
		var rev storedRevision
		if err := rows.Scan(&id, &rev.version, &rev.hash, &rev.document, &rev.sourceHash); err != nil {
			return err
		}
		f := form(id)
		f.revisions = append(f.revisions, rev)
		return nil
	})
	each(t, tx, "SELECT form_id, count(*) FROM form_indicators GROUP BY form_id", func(rows *sql.Rows) error {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		form(id).indicators = n
		return nil
	})
	each(t, tx, "SELECT form_id, severity, count(*) FROM form_findings GROUP BY form_id, severity", func(rows *sql.Rows) error {
		var id, n int
		var sev string
		if err := rows.Scan(&id, &sev, &n); err != nil {
			return err
		}
		form(id).findings[sev] = n
		return nil
	})
	each(t, tx, "SELECT form_id, count(*) FROM comments WHERE kind = 'return' GROUP BY form_id", func(rows *sql.Rows) error {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		form(id).returnComments = n
		return nil
	})
	each(t, tx, "SELECT seq, coalesce(form_id, 0), action, hash_before, hash_after FROM log_entries ORDER BY seq", func(rows *sql.Rows) error {
		var id int
		var e storedEntry
		if err := rows.Scan(&e.seq, &id, &e.action, &e.hashBefore, &e.hashAfter); err != nil {
			return err
		}
		r.entries++
		if id != 0 {
			f := form(id)
			f.entries = append(f.entries, e)
		}
		return nil
	})
	for _, f := range r.forms {
		checkForm(t, f)
	}
	c, err := s.VerifyLog(ctx)
	if err != nil {
		t.Errorf("VerifyLog: %v", err)
	} else if c.Broken != 0 || c.Entries != r.entries {
		t.Errorf("VerifyLog: broken at %d (%s), %d entries of %d", c.Broken, c.Problem, c.Entries, r.entries)
	}
	return r
}

// checkForm checks one form against its revisions, its judged rows and its
// log entries.
func checkForm(t testing.TB, f *storedForm) {
	t.Helper()
	bad := func(format string, args ...any) { t.Errorf("form %d: "+format, append([]any{f.id}, args...)...) }
	// Revisions 1..version, each document matching its hash; the current
	// one is the form's.
	if len(f.revisions) != f.version {
		bad("version %d but %d revisions", f.version, len(f.revisions))
	}
	for i, rev := range f.revisions {
		if rev.version != i+1 {
			bad("revision %d where %d was expected", rev.version, i+1)
		}
		if sum := sha256.Sum256([]byte(rev.document)); hex.EncodeToString(sum[:]) != rev.hash {
			bad("revision %d: document does not match its hash", rev.version)
		}
	}
	if n := len(f.revisions); n > 0 {
		// The current document is the revision at the form's version.
		last := f.revisions[n-1]
		f.document = last.document
		if last.hash != f.hash {
			bad("current document (hash %.8s) is not revision %d's (hash %.8s)", f.hash, last.version, last.hash)
		}
	}
	// The judged rows are the current document's.
	forms, err := jsonform.Reader{}.ReadForms("document.json", []byte(f.document))
	if err != nil || len(forms) != 1 {
		bad("document unreadable: %v", err)
	} else if n := len(forms[0].Indicators); f.indicators != n || n == 0 {
		bad("%d indicator rows stored, the document has %d", f.indicators, n)
	}
	if f.findings[string(jixiao.SeverityError)] != f.errors || f.findings[string(jixiao.SeverityWarning)] != f.warnings {
		bad("%d errors and %d warnings, findings stored %v", f.errors, f.warnings, f.findings)
	}
	// One create/save/import entry per revision, carrying its hashes; the
	// transitions replayed give the form's status.
	var saves []storedEntry
	status, returns := jixiao.StatusDraft, 0
	for _, e := range f.entries {
		switch jixiao.Action(e.action) {
		case jixiao.ActionFormCreate, jixiao.ActionFormSave, jixiao.ActionFormImport:
			saves = append(saves, e)
		case jixiao.ActionFormSubmit:
			status = map[bool]jixiao.FormStatus{false: jixiao.StatusSubmitted, true: jixiao.StatusResubmitted}[status == jixiao.StatusReturned]
		case jixiao.ActionFormReturn:
			status = jixiao.StatusReturned
			returns++
		case jixiao.ActionFormApprove:
			status = jixiao.StatusApproved
		}
	}
	if len(saves) != len(f.revisions) {
		bad("%d revisions but %d create/save/import entries in the log", len(f.revisions), len(saves))
	}
	for i := 0; i < min(len(saves), len(f.revisions)); i++ {
		before := ""
		if i > 0 {
			before = f.revisions[i-1].hash
		}
		if saves[i].hashAfter != f.revisions[i].hash || saves[i].hashBefore != before {
			bad("log entry %d (%s) does not carry revision %d's hashes", saves[i].seq, saves[i].action, i+1)
		}
	}
	if string(status) != f.status {
		bad("status %s, the log's transitions give %s", f.status, status)
	}
	if returns != f.returnComments {
		bad("%d returns in the log, %d return comments", returns, f.returnComments)
	}
}

func each(t testing.TB, tx *sql.Tx, query string, fn func(*sql.Rows) error) {
	t.Helper()
	rows, err := tx.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

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

// recorder is a testing.TB that keeps what checkWhole reports.
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
			checkWhole(r, s)
			got := strings.Join(r.errs, "\n")
			if (c.says == "") != (got == "") || !strings.Contains(got, c.says) {
				t.Errorf("checkWhole found %q, want %q", got, c.says)
			}
		})
	}
}
