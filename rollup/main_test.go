package rollup_test

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
)

// TestMain stops the shared PostgreSQL cluster of the stored roll-up's
// tests (internal/storetest) when they are done.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
