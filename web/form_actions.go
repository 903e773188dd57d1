package web

import (
	"net/http"
	"strconv"
)

// formAction does a workflow action posted from the form page — submit,
// return (with a comment), approve (with an optional note), comment — at
// the version the page showed: if the form changed since, the store refuses
// it as a conflict, and the page is shown again, current, with the reason.
// Done, the browser is sent back to the page (post/redirect/get).
func (s *Server) formAction(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := r.PathValue("action")
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil && action != "comment" {
		s.fail(w, r, badRequest("缺少自评表的版本号：请刷新页面后再操作"))
		return
	}
	text := r.PostFormValue("comment")
	_, err = s.act(r, id, action, version, text)
	switch {
	case err == nil:
		http.Redirect(w, r, "/forms/"+strconv.FormatInt(id, 10)+"?done="+action, http.StatusSeeOther)
	case status(err) == http.StatusNotFound || status(err) >= 500:
		s.fail(w, r, err)
	default:
		// refused (a stale version, errors left, an empty comment): the
		// page again, as it is now, saying why
		s.showForm(w, r, status(err), formPage{Error: message(err), Draft: text, DraftFor: action})
	}
}
