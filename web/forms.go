package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// pageSize is how many forms the list shows at a time.
const pageSize = 50

// formList is the 自评表列表 page's data.
type formList struct {
	Forms                  []*jixiao.StoredForm
	Total, Page, Pages     int
	Prev, Next             string // links to the neighbouring pages ("" at the ends)
	Year                   int
	Program, Region, Query string
	Status                 jixiao.FormStatus
	Years                  []int
	Programs               []jixiao.Program
	Regions                []jixiao.Region
	Statuses               []jixiao.FormStatus
}

var allStatuses = []jixiao.FormStatus{jixiao.StatusDraft, jixiao.StatusSubmitted, jixiao.StatusReturned,
	jixiao.StatusResubmitted, jixiao.StatusApproved}

// maxRegionChoices is how many regions the region filter lists: all of them
// in a small tree, the provinces and cities of the national list (its 3,000
// counties are found by the search box, which matches region names).
const maxRegionChoices = 400

// forms lists the forms the user may see, filtered by year, program,
// region and status and searched by unit or region name, a page at a time
// (the store counts and pages in SQL, so thousands of forms cost one page).
func (s *Server) forms(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l := formList{Program: q.Get("program"), Region: q.Get("region"), Query: strings.TrimSpace(q.Get("q")),
		Status: jixiao.FormStatus(q.Get("status")), Statuses: allStatuses, Page: 1}
	l.Year, _ = strconv.Atoi(q.Get("year")) // a year that is not a number filters nothing
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		l.Page = p
	}
	ctx := r.Context()
	var err error
	l.Forms, l.Total, err = s.store.Forms(ctx, store.FormFilter{Program: l.Program, Year: l.Year, Region: l.Region,
		Status: l.Status, Search: l.Query, Limit: pageSize, Offset: (l.Page - 1) * pageSize})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l.Pages = max(1, (l.Total+pageSize-1)/pageSize)
	if l.Page > 1 {
		l.Prev = pageLink(q, l.Page-1)
	}
	if l.Page < l.Pages {
		l.Next = pageLink(q, l.Page+1)
	}
	if l.Programs, err = s.store.Programs(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if l.Regions, err = s.regionChoices(r); err != nil {
		s.fail(w, r, err)
		return
	}
	for y := time.Now().In(store.ChinaTime()).Year(); y >= 2015; y-- {
		l.Years = append(l.Years, y)
	}
	s.render(w, r, http.StatusOK, "forms", l)
}

// regionChoices are the regions the filter offers, parents first.
func (s *Server) regionChoices(r *http.Request) ([]jixiao.Region, error) {
	all, err := s.store.Regions(r.Context(), "", true)
	if err != nil || len(all) <= maxRegionChoices {
		return all, err
	}
	var out []jixiao.Region
	for _, reg := range all {
		if reg.Level <= 2 {
			out = append(out, reg)
		}
	}
	return out, nil
}

// pageLink is the list's address for page p with the same filters.
func pageLink(q url.Values, p int) string {
	v := url.Values{}
	for k, vs := range q {
		if k != "page" && len(vs) > 0 && vs[0] != "" {
			v.Set(k, vs[0])
		}
	}
	v.Set("page", strconv.Itoa(p))
	return "/forms?" + v.Encode()
}
