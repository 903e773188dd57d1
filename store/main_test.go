package store_test

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	removeNationalStores()
	os.Exit(code)
}
