package web_test

import (
	"os"
	"testing"

	"github.com/jixiao/jixiao/internal/pgtest"
)

func TestMain(m *testing.M) {
	code := pgtest.Main(m)
	if world.dir != "" {
		os.RemoveAll(world.dir)
	}
	os.Exit(code)
}
