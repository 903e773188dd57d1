package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/pgtest"
)

// TestViolationCodes: each driver's constraint errors are classified by
// their codes, on real databases.
func TestViolationCodes(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "v.db")
			if backend == "postgres" {
				dsn = pgtest.Database(t)
			}
			s, err := Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			exec := func(q string) error {
				_, err := s.write.Exec(s.d.rebind(q))
				return err
			}
			if err := exec("INSERT INTO regions (code, name, level, full_name, path) VALUES ('1', 'a', 1, 'a', '1/')"); err != nil {
				t.Fatal(err)
			}
			cases := []struct {
				q    string
				want violation
			}{
				{"INSERT INTO regions (code, name, level, full_name, path) VALUES ('1', 'b', 1, 'b', '1/')", violationUnique},
				{"INSERT INTO regions (code, name, level, parent, full_name, path) VALUES ('2', 'b', 1, 'nope', 'b', '2/')", violationForeignKey},
				{"INSERT INTO organisations (name, kind, region, created_at) VALUES ('o', 'nonsense', '1', 'x')", violationCheck},
				{"INSERT INTO organisations (name, kind, region, created_at) VALUES (NULL, 'unit', '1', 'x')", violationCheck},
				{"SELECT * FROM no_such_table", violationNone},
			}
			for _, c := range cases {
				err := exec(c.q)
				if err == nil {
					t.Fatalf("%s: no error", c.q)
				}
				if got := s.d.violation(err); got != c.want {
					t.Errorf("%s: %v classified %d, want %d", c.q, err, got, c.want)
				}
			}
		})
	}
}

// TestStorageFailureCodes: a full database, a read-only one and an I/O
// error are classified by their codes — provoked on real databases where
// a test can (SQLite full by its page limit, read-only by its open mode;
// PostgreSQL read-only by its session setting) — and translated into the
// unavailable kind with the user's message, never as internal.
func TestStorageFailureCodes(t *testing.T) {
	insert := "INSERT INTO regions (code, name, level, full_name, path) VALUES (?, ?, 1, ?, '1/')"
	big := strings.Repeat("区", 100_000)
	cases := []struct {
		name string
		err  func(t *testing.T) error
		want string
	}{
		{"sqlite full", func(t *testing.T) error {
			s := openTest(t, filepath.Join(t.TempDir(), "full.db"))
			if _, err := s.write.Exec("PRAGMA max_page_count = 200"); err != nil {
				t.Fatal(err)
			}
			_, err := s.write.Exec(insert, "1", big, big)
			return err
		}, msgDiskFull},
		{"sqlite read-only", func(t *testing.T) error {
			path := filepath.Join(t.TempDir(), "ro.db")
			openTest(t, path)
			db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			_, err = db.Exec(insert, "1", "a", "a")
			return err
		}, msgReadOnly},
		{"postgres read-only", func(t *testing.T) error {
			s := openTest(t, pgtest.Database(t))
			ctx := context.Background()
			conn, err := s.write.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.ExecContext(ctx, "SET default_transaction_read_only = on"); err != nil {
				t.Fatal(err)
			}
			_, err = conn.ExecContext(ctx, s.d.rebind(insert), "1", "a", "a")
			return err
		}, msgReadOnly},
		// PostgreSQL's full disk needs a disk of its own: systemtest's
		// TestStorageCannotWrite mounts one for a tablespace, as root.
		{"postgres disk full", func(*testing.T) error { return &pgconn.PgError{Code: "53100"} }, msgDiskFull},
		{"postgres io error", func(*testing.T) error { return &pgconn.PgError{Code: "58030"} }, msgIOError},
		{"postgres other", func(*testing.T) error { return &pgconn.PgError{Code: "42P01"} }, ""},
		{"plain", func(*testing.T) error { return errors.New("x") }, ""},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			err := c.err(t)
			if err == nil {
				t.Fatal("no error")
			}
			d := &dialect{}
			if got := d.storageFailure(err); got != c.want {
				t.Fatalf("%v: classified %q, want %q", err, got, c.want)
			}
			got := (&Store{d: d}).translate(err)
			if want := map[bool]jixiao.ErrorKind{true: jixiao.KindUnavailable, false: jixiao.KindInternal}[c.want != ""]; jixiao.KindOf(got) != want {
				t.Errorf("%v: translated as %s, want %s", err, jixiao.KindOf(got), want)
			}
		})
	}
}

// openTest opens a store at dsn for the test.
func openTest(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestRebind(t *testing.T) {
	pg := &dialect{name: dialectPostgres}
	if got := pg.rebind("SELECT ? FROM t WHERE a = ? AND b = ?"); got != "SELECT $1 FROM t WHERE a = $2 AND b = $3" {
		t.Errorf("rebind: %s", got)
	}
	lite := &dialect{name: dialectSQLite}
	if got := lite.rebind("a = ?"); got != "a = ?" {
		t.Errorf("sqlite rebind: %s", got)
	}
}

// TestMigrationsNumbered: every dialect has the same migrations, numbered
// once each (two branches taking one number must not merge silently).
func TestMigrationsNumbered(t *testing.T) {
	var names [2][]string
	for i, d := range []string{dialectSQLite, dialectPostgres} {
		s := &Store{d: &dialect{name: d}}
		ms, err := s.migrations()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			names[i] = append(names[i], fmt.Sprintf("%04d_%s", m.Version, m.Name))
		}
	}
	if fmt.Sprint(names[0]) != fmt.Sprint(names[1]) {
		t.Errorf("sqlite has %v, postgres %v", names[0], names[1])
	}
}
