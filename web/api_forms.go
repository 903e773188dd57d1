package web

import (
	"net/http"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// formsResponse is GET /api/forms' answer: one page of the forms the caller
// may see and how many match in all.
type formsResponse struct {
	Total int                  `json:"total"`
	Forms []*jixiao.StoredForm `json:"forms"`
}

// apiForms lists the forms the caller may see, filtered by the query:
// program, year, region (code: it and everything under it), status, kind,
// org (id), q (part of the unit's or region's name), limit, offset.
func (s *Server) apiForms(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ff := store.FormFilter{Program: q.Get("program"), Region: q.Get("region"), Search: q.Get("q"),
		Status: jixiao.FormStatus(q.Get("status")), Kind: jixiao.FormKind(q.Get("kind"))}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"year", &ff.Year}, {"limit", &ff.Limit}, {"offset", &ff.Offset}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				s.fail(w, r, badRequest("参数 %s=%q 应为非负整数", p.name, v))
				return
			}
			*p.dst = n
		}
	}
	if v := q.Get("org"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			s.fail(w, r, badRequest("参数 org=%q 应为单位编号（正整数）", v))
			return
		}
		ff.OrgID = n
	}
	forms, total, err := s.store.Forms(r.Context(), ff)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if forms == nil {
		forms = []*jixiao.StoredForm{}
	}
	writeJSON(w, http.StatusOK, formsResponse{Total: total, Forms: forms})
}

// apiForm returns one stored form with its document. A form the caller may
// not see is 404, exactly like one that does not exist (store.Form decides).
func (s *Server) apiForm(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "自评表编号“%s”不对：应为正整数", r.PathValue("id")))
		return
	}
	f, err := s.store.FormInfo(r.Context(), id)
	if err == nil {
		f.Form, err = s.document(r.Context(), id, f.Version, f.Hash)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}
