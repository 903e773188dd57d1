package store

import (
	"context"
	"path/filepath"
	"testing"

	jixiao "github.com/jixiao/jixiao"
)

// TestStmtCache: the writer's statements are prepared once, after the
// transaction that first ran them, and reused by the next.
func TestStmtCache(t *testing.T) {
	s, ctx := openWithBeijing(t)
	cached := func() int {
		s.stmts.mu.Lock()
		defer s.stmts.mu.Unlock()
		return len(s.stmts.m)
	}
	if _, err := s.CreateOrg(ctx, jixiao.Organisation{Name: "甲", Kind: jixiao.OrgDepartment, Region: "110000"}); err != nil {
		t.Fatal(err)
	}
	n := cached()
	if n == 0 {
		t.Fatal("nothing cached after a change")
	}
	if _, err := s.CreateOrg(ctx, jixiao.Organisation{Name: "乙", Kind: jixiao.OrgDepartment, Region: "110000"}); err != nil {
		t.Fatal(err)
	}
	if got := cached(); got != n {
		t.Errorf("the same change again cached %d statements, had %d", got, n)
	}
	if _, err := s.CreateOrg(ctx, jixiao.Organisation{Name: "乙", Kind: jixiao.OrgDepartment, Region: "110000"}); jixiao.KindOf(err) != jixiao.KindConflict {
		t.Errorf("a duplicate through cached statements: %v", err)
	}
}

// TestReadStmtCache: the read pool's statements are prepared once too, and
// a read through them sees what was written after they were prepared.
func TestReadStmtCache(t *testing.T) {
	s, ctx := openWithBeijing(t)
	cached := func() int {
		s.readStmts.mu.Lock()
		defer s.readStmts.mu.Unlock()
		return len(s.readStmts.m)
	}
	orgs := func() int {
		list, err := s.Orgs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	if n := orgs(); n != 0 {
		t.Fatalf("%d organisations in a new database", n)
	}
	n := cached()
	if n == 0 {
		t.Fatal("nothing cached after a read")
	}
	if _, err := s.CreateOrg(ctx, jixiao.Organisation{Name: "甲", Kind: jixiao.OrgDepartment, Region: "110000"}); err != nil {
		t.Fatal(err)
	}
	if got := orgs(); got != 1 {
		t.Errorf("a cached read sees %d organisations, want 1", got)
	}
	if got := cached(); got != n {
		t.Errorf("the same read again cached %d statements, had %d", got, n)
	}
}

// openWithBeijing is a new SQLite store holding the region 北京市, and the
// command line's context to change it.
func openWithBeijing(t *testing.T) (*Store, context.Context) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx = jixiao.NewContextWithActor(ctx, jixiao.SystemActor("测试"))
	if _, _, err := s.LoadRegions(ctx, []jixiao.Region{{Code: "110000", Name: "北京市", Level: 1}}, "test"); err != nil {
		t.Fatal(err)
	}
	return s, ctx
}
