package pgtest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestStart(t *testing.T) {
	dsn := Start(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var got string
	if err := conn.QueryRow(ctx, "select current_user || ' ' || current_setting('fsync') || ' ' || pg_encoding_to_char(encoding) from pg_database where datname = current_database()").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != "jixiao off UTF8" {
		t.Errorf("got %q", got)
	}
}

// Two clusters at once (packages test in parallel) get their own ports.
func TestTwo(t *testing.T) {
	a, b := Start(t), Start(t)
	if a == b {
		t.Errorf("same DSN %s", a)
	}
}

// fakeTB records Skip and Fatal; they stop the call as the real ones do.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

type stopped struct{}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped = format
	panic(stopped{})
}
func (f *fakeTB) Fatalf(format string, args ...any) {
	f.failed = format
	panic(stopped{})
}

func TestMissingBinaries(t *testing.T) {
	missing := func() (string, error) { return "", errors.New("not found") }
	for _, tt := range []struct {
		env        string
		skip, fail bool
	}{{"", true, false}, {"0", true, false}, {"1", false, true}} {
		t.Setenv(RequireEnv, tt.env)
		if tt.env == "" {
			os.Unsetenv(RequireEnv)
		}
		f := &fakeTB{TB: t}
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(stopped); !ok {
						panic(r)
					}
				}
			}()
			start(f, missing)
			t.Errorf("%s=%q: Start went on without PostgreSQL", RequireEnv, tt.env)
		}()
		if (f.skipped != "") != tt.skip || (f.failed != "") != tt.fail {
			t.Errorf("%s=%q: skipped %q, failed %q", RequireEnv, tt.env, f.skipped, f.failed)
		}
		if msg := f.skipped + f.failed; !strings.Contains(msg, "scripts/postgres") {
			t.Errorf("message %q does not say how to install", msg)
		}
	}
}
