package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// orgNode is an organisation in the tree as the page lists it.
type orgNode struct {
	*jixiao.Organisation
	Depth      int
	RegionName string
}

// orgsPage is the 单位管理 page's data: the organisations as a tree (each
// under the department above it) and the form to create one, with what was
// typed kept after a refusal.
type orgsPage struct {
	Tree    []orgNode
	Parents []*jixiao.Organisation // who may stand above a new organisation
	Regions []jixiao.Region        // the stored regions, offered as the region field's list
	Kinds   []jixiao.OrgKind
	// The creation form.
	Name, Region string
	Kind         jixiao.OrgKind
	ParentID     int64
	Done, Error  string
}

var orgDone = map[string]string{"create": "已新建单位“%s”。"}

// newOrgKinds are what the page creates: departments and the units under
// them (the central department is made when the system is set up).
var newOrgKinds = []jixiao.OrgKind{jixiao.OrgUnit, jixiao.OrgDepartment}

func (s *Server) adminOrgs(w http.ResponseWriter, r *http.Request) {
	s.showOrgs(w, r, http.StatusOK, orgsPage{Kind: jixiao.OrgUnit, Done: doneText(orgDone, r.URL.Query())})
}

// orgTree orders organisations depth first: each after the one above it,
// departments before units, then by creation. An organisation whose parent
// is missing stands at the top.
func orgTree(orgs []*jixiao.Organisation, regionNames map[string]string) []orgNode {
	byID := map[int64]bool{}
	children := map[int64][]*jixiao.Organisation{}
	for _, o := range orgs {
		byID[o.ID] = true
	}
	for _, o := range orgs {
		parent := o.ParentID
		if !byID[parent] {
			parent = 0
		}
		children[parent] = append(children[parent], o)
	}
	rank := map[jixiao.OrgKind]int{jixiao.OrgCentral: 0, jixiao.OrgDepartment: 1, jixiao.OrgUnit: 2}
	out := make([]orgNode, 0, len(orgs))
	seen := map[int64]bool{}
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		list := children[parent]
		slices.SortStableFunc(list, func(a, b *jixiao.Organisation) int {
			return cmp.Or(cmp.Compare(rank[a.Kind], rank[b.Kind]), cmp.Compare(a.ID, b.ID))
		})
		for _, o := range list {
			if seen[o.ID] { // parents in a loop: each listed once
				continue
			}
			seen[o.ID] = true
			out = append(out, orgNode{Organisation: o, Depth: depth, RegionName: cmp.Or(regionNames[o.Region], o.Region)})
			walk(o.ID, depth+1)
		}
	}
	walk(0, 0)
	for _, o := range orgs { // only in a loop of parents, which nothing creates
		if !seen[o.ID] {
			seen[o.ID] = true
			out = append(out, orgNode{Organisation: o, RegionName: cmp.Or(regionNames[o.Region], o.Region)})
			walk(o.ID, 1)
		}
	}
	return out
}

// showOrgs renders the page; p carries the creation form.
func (s *Server) showOrgs(w http.ResponseWriter, r *http.Request, code int, p orgsPage) {
	ctx := r.Context()
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Regions, err = s.store.Regions(ctx, "", true); err != nil {
		s.fail(w, r, err)
		return
	}
	names := make(map[string]string, len(p.Regions))
	for _, reg := range p.Regions {
		names[reg.Code] = reg.FullName
	}
	p.Tree = orgTree(orgs, names)
	for _, n := range p.Tree {
		if n.Kind != jixiao.OrgUnit {
			p.Parents = append(p.Parents, n.Organisation)
		}
	}
	p.Kinds = newOrgKinds
	s.render(w, r, code, "admin_orgs", p)
}

// adminCreateOrg creates an organisation: a department, or a unit under
// one, in a stored region given by its code or name.
func (s *Server) adminCreateOrg(w http.ResponseWriter, r *http.Request) {
	p := orgsPage{Name: strings.TrimSpace(r.PostFormValue("name")), Region: strings.TrimSpace(r.PostFormValue("region")),
		Kind: jixiao.OrgKind(r.PostFormValue("kind"))}
	p.ParentID, _ = strconv.ParseInt(r.PostFormValue("parent"), 10, 64) // none, or not a number: no parent
	o, err := s.createOrg(r, p)
	switch {
	case err != nil && refused(err):
		p.Error = message(err)
		s.showOrgs(w, r, status(err), p)
	case err != nil:
		s.fail(w, r, err)
	default:
		done(w, r, "/admin/orgs", "create", url.Values{"name": {o.Name}})
	}
}

func (s *Server) createOrg(r *http.Request, p orgsPage) (*jixiao.Organisation, error) {
	ctx := r.Context()
	if p.Region == "" {
		return nil, jixiao.Invalid("请填写所在地区：从列表中选，或写出地区全称（如 北京市朝阳区）或 6 位代码")
	}
	reg, err := s.store.FindRegion(ctx, p.Region)
	if err != nil {
		return nil, err
	}
	return s.store.CreateOrg(ctx, jixiao.Organisation{Name: p.Name, Kind: p.Kind, Region: reg.Code, ParentID: p.ParentID})
}
