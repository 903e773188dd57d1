package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/regions"
)

// regionsPage is the 地区管理 page's data: one level of the stored region
// tree (the roots, or the regions under Parent) and the national list to
// load.
type regionsPage struct {
	Parent   *jixiao.Region
	Trail    []jixiao.Region // Parent's ancestors, from the root
	Children []jixiao.Region
	Stored   int    // regions stored in all
	Version  string // of the national list the program carries
	Done     string
	Error    string
}

// adminRegions browses the stored tree a level at a time (?parent=code).
func (s *Server) adminRegions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var p regionsPage
	if q.Get("done") == "load" {
		p.Done = "已载入全国行政区划（" + regions.Version() + "）：新增 " + count(q, "added") + " 个地区，更新 " + count(q, "changed") + " 个。"
	}
	s.showRegions(w, r, http.StatusOK, strings.TrimSpace(q.Get("parent")), p)
}

// count is a number of the address, as a number (anything else: 0).
func count(q url.Values, key string) string {
	n, _ := strconv.Atoi(q.Get(key))
	return strconv.Itoa(max(n, 0))
}

func (s *Server) showRegions(w http.ResponseWriter, r *http.Request, code int, parent string, p regionsPage) {
	ctx := r.Context()
	p.Version = regions.Version()
	if parent != "" {
		reg, err := s.store.Region(ctx, parent)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Parent = reg
		for _, c := range strings.Split(strings.TrimSuffix(reg.Path, "/"), "/") {
			if c == reg.Code {
				break
			}
			up, err := s.store.Region(ctx, c)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			p.Trail = append(p.Trail, *up)
		}
	}
	var err error
	if p.Children, err = s.store.Regions(ctx, parent, false); err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.store.Regions(ctx, "", true)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Stored = len(all)
	s.render(w, r, code, "admin_regions", p)
}

// adminLoadRegions loads the national list the program carries
// (regions.National, as `jixiao region load` does): new regions are added,
// renamed ones updated, none deleted.
func (s *Server) adminLoadRegions(w http.ResponseWriter, r *http.Request) {
	list, err := regions.National()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	added, changed, err := s.store.LoadRegions(r.Context(), list, regions.Version())
	switch {
	case err != nil && refused(err):
		s.showRegions(w, r, status(err), "", regionsPage{Error: message(err)})
	case err != nil:
		s.fail(w, r, err)
	default:
		done(w, r, "/admin/regions", "load", url.Values{"added": {strconv.Itoa(added)}, "changed": {strconv.Itoa(changed)}})
	}
}
