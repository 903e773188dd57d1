// Package systemtest holds the tests of issue 12 that run `jixiao serve`
// as a child process (internal/servetest) and prove the server holds:
// kill -9 in the middle of changes, full and read-only disks, two servers
// on one PostgreSQL, hostile uploads, load. It has no code outside tests.
package systemtest

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/servetest"
)

// TestMain stops the shared PostgreSQL cluster (pgtest) and removes the
// built server binary (servetest) after the tests.
func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	servetest.Cleanup()
	os.Exit(code)
}
