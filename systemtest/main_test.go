// Package systemtest holds the tests of issue 12 that run `jixiao serve` as
// child processes (internal/servetest): crashes, two servers on one
// PostgreSQL, load.
package systemtest

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/servetest"
)

func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	servetest.Cleanup()
	os.Exit(code)
}
