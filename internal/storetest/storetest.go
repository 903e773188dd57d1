// Package storetest opens real databases for tests — a SQLite file in the
// test's temporary directory and a new database in a throwaway PostgreSQL
// cluster (internal/pgtest) — and fills them with a small world of regions,
// organisations and users, so every storage and service test runs on both
// backends from one table of cases.
package storetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/textform"
)

// Backends are the databases every test runs on.
var Backends = []string{"sqlite", "postgres"}

// DSN returns a fresh, empty database of backend for tb.
func DSN(tb testing.TB, backend string) string {
	tb.Helper()
	if backend == "postgres" {
		return pgtest.Database(tb)
	}
	return filepath.Join(tb.TempDir(), "jixiao.db")
}

// Open opens a fresh, migrated store of backend, closed when tb ends.
func Open(tb testing.TB, backend string) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), DSN(tb, backend))
	if err != nil {
		tb.Fatalf("open %s: %v", backend, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Each runs f as a subtest on every backend, each with a fresh store.
func Each(t *testing.T, f func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, b := range Backends {
		t.Run(b, func(t *testing.T) { f(t, Open(t, b)) })
	}
}

// System is the context of the command-line operator.
func System() context.Context {
	return jixiao.NewContextWithActor(context.Background(), jixiao.SystemActor("测试"))
}

// Password is every World user's password.
const Password = "correct-horse-1"

// Program and Year of the World's task.
const (
	Program = "知识产权运营服务体系建设"
	Year    = 2021
)

// World is a small reporting chain: 北京市 with 朝阳区 and 海淀区, their
// departments, units and users.
type World struct {
	S *store.Store
	// Organisations.
	Central, Beijing, Chaoyang, Haidian, UnitA, UnitB, UnitH *jixiao.Organisation
	// Users by role: the admin, fillers of UnitA, UnitB and UnitH,
	// reviewers of Chaoyang, Haidian and Beijing, the central viewer.
	Admin, FillerA, FillerB, FillerH, RevChaoyang, RevHaidian, RevBeijing, Viewer *jixiao.User
}

// NewWorld fills s with the world.
func NewWorld(tb testing.TB, s *store.Store) *World {
	tb.Helper()
	ctx := System()
	regions := []jixiao.Region{
		{Code: "000000", Name: "全国", Level: 0},
		{Code: "110000", Name: "北京市", Level: 1, Parent: "000000"},
		{Code: "110105", Name: "朝阳区", Level: 3, Parent: "110000"},
		{Code: "110108", Name: "海淀区", Level: 3, Parent: "110000"},
		{Code: "110101", Name: "东城区", Level: 3, Parent: "110000"},
	}
	if _, _, err := s.LoadRegions(ctx, regions, "storetest"); err != nil {
		tb.Fatal(err)
	}
	w := &World{S: s}
	org := func(name string, kind jixiao.OrgKind, region string, parent *jixiao.Organisation) *jixiao.Organisation {
		o := jixiao.Organisation{Name: name, Kind: kind, Region: region}
		if parent != nil {
			o.ParentID = parent.ID
		}
		got, err := s.CreateOrg(ctx, o)
		if err != nil {
			tb.Fatal(err)
		}
		return got
	}
	w.Central = org("国家知识产权局", jixiao.OrgCentral, "000000", nil)
	w.Beijing = org("北京市知识产权局", jixiao.OrgDepartment, "110000", nil)
	w.Chaoyang = org("北京市朝阳区知识产权局", jixiao.OrgDepartment, "110105", w.Beijing)
	w.Haidian = org("北京市海淀区知识产权局", jixiao.OrgDepartment, "110108", w.Beijing)
	w.UnitA = org("朝阳区知识产权服务中心", jixiao.OrgUnit, "110105", w.Chaoyang)
	w.UnitB = org("朝阳区科技园区管委会", jixiao.OrgUnit, "110105", w.Chaoyang)
	w.UnitH = org("海淀区知识产权服务中心", jixiao.OrgUnit, "110108", w.Haidian)
	user := func(username, name string, role jixiao.Role, o *jixiao.Organisation) *jixiao.User {
		u, err := s.CreateUser(ctx, store.NewUser{Username: username, Name: name, Password: Password,
			Grants: []jixiao.Grant{{Role: role, OrgID: o.ID}}})
		if err != nil {
			tb.Fatal(err)
		}
		return u
	}
	w.Admin = user("admin", "管理员", jixiao.RoleAdmin, w.Central)
	w.FillerA = user("zy_a", "张三", jixiao.RoleFiller, w.UnitA)
	w.FillerB = user("zy_b", "李四", jixiao.RoleFiller, w.UnitB)
	w.FillerH = user("hd_a", "王五", jixiao.RoleFiller, w.UnitH)
	w.RevChaoyang = user("zy_rev", "赵六", jixiao.RoleReviewer, w.Chaoyang)
	w.RevHaidian = user("hd_rev", "孙七", jixiao.RoleReviewer, w.Haidian)
	w.RevBeijing = user("bj_rev", "周八", jixiao.RoleReviewer, w.Beijing)
	w.Viewer = user("central", "吴九", jixiao.RoleViewer, w.Central)
	return w
}

// As is the context of user u.
func As(u *jixiao.User) context.Context {
	return jixiao.NewContextWithActor(context.Background(), store.ActorOf(u))
}

// Clock is a settable clock for a store.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Add moves the clock on.
func (c *Clock) Add(d time.Duration) { c.T = c.T.Add(d) }

// RefForm is the bundled reference form (3 errors: rows marked 已完成 that
// were not met, and warnings).
func RefForm(tb testing.TB) *jixiao.Form {
	tb.Helper()
	forms, err := textform.Reader{}.ReadForms("chaoyang-2020-ip-ops.txt", []byte(reftest.Text(tb)))
	if err != nil || len(forms) != 1 {
		tb.Fatalf("reference form: %v (%d forms)", err, len(forms))
	}
	return forms[0]
}

// CleanForm is the reference form with its errors fixed (each row that was
// not met says why), so it may be submitted; warnings remain.
func CleanForm(tb testing.TB) *jixiao.Form {
	tb.Helper()
	f := RefForm(tb)
	for i := range f.Indicators {
		if strings.Contains(f.Indicators[i].Reason, "已完成") {
			f.Indicators[i].Reason = "受疫情影响，部分项目延期至次年实施"
		}
	}
	return f
}
