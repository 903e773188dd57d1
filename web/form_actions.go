package web

import (
	"net/http"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
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
	if _, ok := doneMessages[action]; !ok {
		s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "页面不存在：请检查地址，或从工作台重新进入"))
		return
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil && action != "comment" {
		s.fail(w, r, badRequest("缺少自评表的版本号：请刷新页面后再操作"))
		return
	}
	ctx, text := r.Context(), r.PostFormValue("comment")
	switch action {
	case "submit":
		_, err = s.store.Submit(ctx, id, version)
	case "return":
		_, err = s.store.Return(ctx, id, version, text)
	case "approve":
		_, err = s.store.Approve(ctx, id, version, text)
	case "comment":
		_, err = s.store.AddComment(ctx, id, text)
	default: // a done message that is not an action (upload, new)
		s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "页面不存在：请检查地址，或从工作台重新进入"))
		return
	}
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
