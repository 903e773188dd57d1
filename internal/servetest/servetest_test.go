package servetest_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/jixiao/jixiao/internal/servetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	servetest.Cleanup()
	os.Exit(code)
}

// A seeded server answers a signed-in client, and after SIGKILL answers
// nobody; a server started again on the same file serves the same world.
func TestStartKillRestart(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "jixiao.db")
	servetest.Seed(t, dsn)
	for round := range 2 {
		srv := servetest.Start(t, dsn)
		c := servetest.Login(t, srv.URL, "cy_scj")
		resp, err := c.Get(srv.URL + "/api/forms")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("round %d: GET /api/forms: %d", round, resp.StatusCode)
		}
		srv.Kill()
		if _, err := c.Get(srv.URL + "/api/forms"); err == nil {
			t.Fatalf("round %d: the killed server still answers", round)
		}
	}
}
