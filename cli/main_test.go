package cli_test

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
