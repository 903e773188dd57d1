package rollup_test

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
)

// TestMain stops the shared PostgreSQL cluster of the stored roll-up's
// tests (internal/storetest) and removes the national store of the
// benchmarks when they are done.
func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	removeNationalStore()
	os.Exit(code)
}
