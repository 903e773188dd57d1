package storetest

import (
	"runtime"
	"sync"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/store"
)

// GenYear is the year of the forms LoadGen stores.
const GenYear = 2020

// Gen is a generated data set (package gen) stored through the service
// layer: its region tree, one department at the root that every unit
// reports to, its reviewer, and one unit per county with that county's form.
type Gen struct {
	Dept     *jixiao.Organisation
	Reviewer *jixiao.User
	Units    []*jixiao.Organisation // Units[i] holds set.Forms[i]
	FormIDs  []int64
}

// LoadGen stores set in s: regions, organisations and a reviewer one by
// one, then every county's form with CreateForm — several at a time, as
// several users would (the judging runs in parallel, the writes queue) —
// as a draft of Program for GenYear. Each stored row is what a save writes.
func LoadGen(tb testing.TB, s *store.Store, set *gen.Set) *Gen {
	tb.Helper()
	ctx := System()
	regions := make([]jixiao.Region, len(set.Tree.Regions))
	for i, r := range set.Tree.Regions {
		regions[i] = jixiao.Region{Code: r.Code, Name: r.Name, Level: r.Level, Parent: r.Parent}
	}
	if _, _, err := s.LoadRegions(ctx, regions, "gen"); err != nil {
		tb.Fatal(err)
	}
	g := &Gen{Units: make([]*jixiao.Organisation, len(set.Forms)), FormIDs: make([]int64, len(set.Forms))}
	var err error
	if g.Dept, err = s.CreateOrg(ctx, jixiao.Organisation{Name: "全国知识产权主管部门", Kind: jixiao.OrgDepartment, Region: gen.NationCode}); err != nil {
		tb.Fatal(err)
	}
	if g.Reviewer, err = s.CreateUser(ctx, store.NewUser{Username: "gen_rev", Name: "审核人", Password: Password,
		Grants: []jixiao.Grant{{Role: jixiao.RoleReviewer, OrgID: g.Dept.ID}}}); err != nil {
		tb.Fatal(err)
	}
	for i, code := range set.Codes {
		if g.Units[i], err = s.CreateOrg(ctx, jixiao.Organisation{Name: set.Tree.FullName(code) + "知识产权服务中心",
			Kind: jixiao.OrgUnit, Region: code, ParentID: g.Dept.ID}); err != nil {
			tb.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, len(set.Forms))
	create := func(i int) {
		f, err := s.CreateForm(ctx, store.NewForm{Program: Program, Year: GenYear, OrgID: g.Units[i].ID, Form: set.Forms[i]})
		if err != nil {
			errs[i] = err
			return
		}
		g.FormIDs[i] = f.ID
	}
	// The first form creates the program: alone, since two first forms of
	// a new program at once conflict on PostgreSQL (both insert it).
	create(0)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				create(i)
			}
		})
	}
	for i := 1; i < len(set.Forms); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return g
}
