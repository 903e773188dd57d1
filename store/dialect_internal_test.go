package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

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
