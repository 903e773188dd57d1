package cli_test

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/servetest"
)

// TestMain stops the shared PostgreSQL cluster (pgtest) and removes the
// jixiao binary built for TestHostileFiles (servetest) after the tests.
func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	servetest.Cleanup()
	os.Exit(code)
}
