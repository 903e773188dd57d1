package pgtest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// One cluster per test binary, shared by every test that asks for a
// Database: initdb costs about a second, a new database a few milliseconds.
// The package's TestMain must call Main so that the cluster is stopped.
var shared struct {
	once    sync.Once
	cluster *cluster
	err     error
	n       atomic.Int64
}

// Main runs the tests of a package that uses Database and stops the shared
// cluster afterwards: func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }.
func Main(m *testing.M) int {
	code := m.Run()
	if shared.cluster != nil {
		shared.cluster.stop()
	}
	return code
}

// Database creates a new, empty database in the shared cluster (started on
// first use) and returns its DSN. Like Start, it skips where PostgreSQL is
// missing, or fails when JIXIAO_REQUIRE_POSTGRES=1.
func Database(tb testing.TB) string {
	tb.Helper()
	shared.once.Do(func() {
		bin, err := BinDir()
		if err != nil {
			shared.err = err
			return
		}
		shared.cluster, shared.err = newCluster(bin)
	})
	if shared.err != nil {
		if shared.cluster == nil && strings.Contains(shared.err.Error(), "not found") {
			start(tb, func() (string, error) { return "", shared.err })
			return ""
		}
		tb.Fatalf("pgtest: %v", shared.err)
	}
	name := fmt.Sprintf("t%d", shared.n.Add(1))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, shared.cluster.dsn)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	return strings.Replace(shared.cluster.dsn, "/postgres?", "/"+name+"?", 1)
}
