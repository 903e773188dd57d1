package storetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
)

// The crash, import and concurrency tests end by asking the same question
// of the database, whatever happened to the processes that wrote it: is
// everything there whole? CheckWhole answers it from the tables themselves,
// not through the service, so that the service cannot hide a half-written
// record from the test.

// StoredForm is a form's row with everything stored about it, read from
// the tables.
type StoredForm struct {
	ID, Version      int
	Hash, Status     string
	Errors, Warnings int
	Document         string           // the current revision's
	Revisions        []StoredRevision // by version
	Indicators       int              // judged indicator rows
	Findings         map[string]int   // by severity
	Entries          []StoredEntry    // the form's log entries, in order
	ReturnComments   int
}

// StoredRevision is one row of form_revisions.
type StoredRevision struct {
	Version                            int
	Hash, Document, Source, SourceHash string
}

// StoredEntry is one of a form's log entries.
type StoredEntry struct {
	Seq                   int64
	Action                string
	HashBefore, HashAfter string
}

// Whole is what CheckWhole found, for the callers' own checks.
type Whole struct {
	Forms   map[int]*StoredForm
	Entries int64 // log entries in all
}

// CheckWhole checks that nothing in s is half-written and that the log
// verifies; on SQLite also the file's integrity and its foreign keys. Every
// problem is reported with t.Errorf; the report is returned for the
// caller's own checks.
func CheckWhole(t testing.TB, s *store.Store) *Whole {
	t.Helper()
	ctx := context.Background()
	db := s.DB()
	if problems, err := s.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Errorf("integrity check: %v %v", problems, err)
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
	r := &Whole{Forms: map[int]*StoredForm{}}
	each(t, tx, "SELECT id, version, hash, status, errors, warnings FROM forms", func(rows *sql.Rows) error {
		f := &StoredForm{Findings: map[string]int{}}
		if err := rows.Scan(&f.ID, &f.Version, &f.Hash, &f.Status, &f.Errors, &f.Warnings); err != nil {
			return err
		}
		r.Forms[f.ID] = f
		return nil
	})
	form := func(id int) *StoredForm {
		f := r.Forms[id]
		if f == nil {
			t.Errorf("rows of form %d, which does not exist", id)
			f = &StoredForm{Findings: map[string]int{}}
		}
		return f
	}
	each(t, tx, "SELECT form_id, version, hash, document, source, source_hash FROM form_revisions ORDER BY form_id, version", func(rows *sql.Rows) error {
		var id int
		var rev StoredRevision
		if err := rows.Scan(&id, &rev.Version, &rev.Hash, &rev.Document, &rev.Source, &rev.SourceHash); err != nil {
			return err
		}
		f := form(id)
		f.Revisions = append(f.Revisions, rev)
		return nil
	})
	each(t, tx, "SELECT form_id, count(*) FROM form_indicators GROUP BY form_id", func(rows *sql.Rows) error {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		form(id).Indicators = n
		return nil
	})
	each(t, tx, "SELECT form_id, severity, count(*) FROM form_findings GROUP BY form_id, severity", func(rows *sql.Rows) error {
		var id, n int
		var sev string
		if err := rows.Scan(&id, &sev, &n); err != nil {
			return err
		}
		form(id).Findings[sev] = n
		return nil
	})
	each(t, tx, "SELECT form_id, count(*) FROM comments WHERE kind = 'return' GROUP BY form_id", func(rows *sql.Rows) error {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		form(id).ReturnComments = n
		return nil
	})
	each(t, tx, "SELECT seq, coalesce(form_id, 0), action, hash_before, hash_after FROM log_entries ORDER BY seq", func(rows *sql.Rows) error {
		var id int
		var e StoredEntry
		if err := rows.Scan(&e.Seq, &id, &e.Action, &e.HashBefore, &e.HashAfter); err != nil {
			return err
		}
		r.Entries++
		if id != 0 {
			f := form(id)
			f.Entries = append(f.Entries, e)
		}
		return nil
	})
	for _, f := range r.Forms {
		checkForm(t, f)
	}
	c, err := s.VerifyLog(ctx)
	if err != nil {
		t.Errorf("VerifyLog: %v", err)
	} else if c.Broken != 0 || c.Entries != r.Entries {
		t.Errorf("VerifyLog: broken at %d (%s), %d entries of %d", c.Broken, c.Problem, c.Entries, r.Entries)
	}
	return r
}

// checkForm checks one form against its revisions, its judged rows and its
// log entries.
func checkForm(t testing.TB, f *StoredForm) {
	t.Helper()
	bad := func(format string, args ...any) { t.Errorf("form %d: "+format, append([]any{f.ID}, args...)...) }
	// Revisions 1..version, each document matching its hash; the current
	// one is the form's.
	if len(f.Revisions) != f.Version {
		bad("version %d but %d revisions", f.Version, len(f.Revisions))
	}
	for i, rev := range f.Revisions {
		if rev.Version != i+1 {
			bad("revision %d where %d was expected", rev.Version, i+1)
		}
		if sum := sha256.Sum256([]byte(rev.Document)); hex.EncodeToString(sum[:]) != rev.Hash {
			bad("revision %d: document does not match its hash", rev.Version)
		}
	}
	if n := len(f.Revisions); n > 0 {
		// The current document is the revision at the form's version.
		last := f.Revisions[n-1]
		f.Document = last.Document
		if last.Hash != f.Hash {
			bad("current document (hash %.8s) is not revision %d's (hash %.8s)", f.Hash, last.Version, last.Hash)
		}
	}
	// The judged rows are the current document's.
	forms, err := jsonform.Reader{}.ReadForms("document.json", []byte(f.Document))
	if err != nil || len(forms) != 1 {
		bad("document unreadable: %v", err)
	} else if n := len(forms[0].Indicators); f.Indicators != n || n == 0 {
		bad("%d indicator rows stored, the document has %d", f.Indicators, n)
	}
	if f.Findings[string(jixiao.SeverityError)] != f.Errors || f.Findings[string(jixiao.SeverityWarning)] != f.Warnings {
		bad("%d errors and %d warnings, findings stored %v", f.Errors, f.Warnings, f.Findings)
	}
	// One create/save/import entry per revision, carrying its hashes; the
	// transitions replayed give the form's status.
	var saves []StoredEntry
	status, returns := jixiao.StatusDraft, 0
	for _, e := range f.Entries {
		switch jixiao.Action(e.Action) {
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
	if len(saves) != len(f.Revisions) {
		bad("%d revisions but %d create/save/import entries in the log", len(f.Revisions), len(saves))
	}
	for i := 0; i < min(len(saves), len(f.Revisions)); i++ {
		before := ""
		if i > 0 {
			before = f.Revisions[i-1].Hash
		}
		if saves[i].HashAfter != f.Revisions[i].Hash || saves[i].HashBefore != before {
			bad("log entry %d (%s) does not carry revision %d's hashes", saves[i].Seq, saves[i].Action, i+1)
		}
	}
	if string(status) != f.Status {
		bad("status %s, the log's transitions give %s", f.Status, status)
	}
	if returns != f.ReturnComments {
		bad("%d returns in the log, %d return comments", returns, f.ReturnComments)
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

// Settle waits, on PostgreSQL, until the server has finished with the
// sessions of killed children. A child killed just after it sent COMMIT
// leaves the server to finish the commit on its own: a check that began
// before would read the database half before and half after it, and see an
// inconsistency that no snapshot ever held. (SQLite has no server: a dead
// process's transaction is in the file or not.)
func Settle(t testing.TB, dsn string) {
	t.Helper()
	if !strings.HasPrefix(dsn, "postgres") {
		return
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		var others int
		if err := db.QueryRow("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").Scan(&others); err != nil {
			t.Fatal(err)
		}
		if others == 0 {
			return
		}
		if time.Since(start) > 20*time.Second {
			t.Fatalf("the server still has %d sessions of killed children after 20 s", others)
		}
	}
}
