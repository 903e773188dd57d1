package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// mayAdminister: the log and the administration pages are the system
// administrator's (the menu shows them to administrators only).
func mayAdminister(u *jixiao.User) bool {
	return u.Has(jixiao.RoleAdmin)
}

// errNotAdmin is what anyone else gets on those pages: 403, as the store
// answers them (a page's existence is no secret, unlike a form's).
var errNotAdmin = jixiao.Errorf(jixiao.KindForbidden, "日志和系统管理只供系统管理员使用；如需新建用户、授予角色或重置密码，请联系系统管理员")

// admin wraps an administration handler: signed in (s.page), then refused
// with 403 unless an administrator. The store decides again on every
// change; this keeps others from pages whose reads the store allows
// anyone (regions, organisations, the chain's verification).
func (s *Server) admin(h http.HandlerFunc) http.HandlerFunc {
	return s.page(func(w http.ResponseWriter, r *http.Request) {
		if !mayAdminister(userOf(r)) {
			s.fail(w, r, errNotAdmin)
			return
		}
		h(w, r)
	})
}

// adminHome is the 管理 menu's entry: the users.
func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// done sends the browser back to page after a change (post/redirect/get),
// which shows the Chinese message of done with its arguments.
func done(w http.ResponseWriter, r *http.Request, page, done string, args url.Values) {
	if args == nil {
		args = url.Values{}
	}
	args.Set("done", done)
	http.Redirect(w, r, page+"?"+args.Encode(), http.StatusSeeOther)
}

// doneText is the message of ?done= after a redirect, naming ?name= (the
// user or organisation changed; shown as text).
func doneText(messages map[string]string, q url.Values) string {
	f, ok := messages[q.Get("done")]
	if !ok {
		return ""
	}
	if strings.Contains(f, "%s") {
		return fmt.Sprintf(f, q.Get("name"))
	}
	return f
}

// refused reports whether err is a refusal the page shows itself, with the
// reason beside the form and what was typed kept (invalid input, a
// conflict, a name that does not exist). An internal error, a session
// ended, or a user who may not administer at all goes to s.fail instead.
func refused(err error) bool {
	switch jixiao.KindOf(err) {
	case jixiao.KindInvalid, jixiao.KindConflict, jixiao.KindNotFound:
		return true
	}
	return false
}
