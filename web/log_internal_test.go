package web

import (
	"testing"
	"time"

	"github.com/jixiao/jixiao/internal/storetest"
)

// The server keeps its verification of the chain for chainMaxAge: an
// edit in the database shows once it is older, or at once when asked.
func TestChainCacheAge(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	storetest.NewWorld(t, st)
	s, err := New(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	first, at, err := s.verifyChain(ctx, false)
	if err != nil || first.Broken != 0 {
		t.Fatalf("%+v %v", first, err)
	}
	if _, err := st.DB().Exec("UPDATE log_entries SET actor = '别人' WHERE seq = 3"); err != nil {
		t.Fatal(err)
	}
	if c, again, _ := s.verifyChain(ctx, false); c != first || again != at {
		t.Errorf("a fresh verification was repeated: %+v", c)
	}
	s.chain.at = at.Add(-chainMaxAge - time.Second)
	if c, _, _ := s.verifyChain(ctx, false); c.Broken != 3 {
		t.Errorf("after %v: %+v", chainMaxAge, c)
	}
	if _, err := st.DB().Exec("UPDATE log_entries SET actor = '别人' WHERE seq = 2"); err != nil {
		t.Fatal(err)
	}
	if c, _, _ := s.verifyChain(ctx, true); c.Broken != 2 {
		t.Errorf("verified now: %+v", c)
	}
}
