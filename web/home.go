package web

import (
	"net/http"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// homeData is the 工作台's data: the forms the user may see.
type homeData struct {
	Forms []*jixiao.StoredForm
	Total int
}

// home is the 工作台: for now the forms the user may see, newest change
// first, with their status (the per-role dashboards of issue 11 build on it).
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	forms, total, err := s.store.Forms(r.Context(), store.FormFilter{Limit: 100})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", homeData{Forms: forms, Total: total})
}
