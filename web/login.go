package web

import (
	"net/http"
	"strings"
)

// loginForm is the login view's data.
type loginForm struct {
	Username, Next, Error string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if sr, err := s.signedIn(r); err == nil {
		http.Redirect(w, sr, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", loginForm{Next: safeNext(r.URL.Query().Get("next"))})
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	form := loginForm{Username: strings.TrimSpace(r.PostFormValue("username")), Next: safeNext(r.PostFormValue("next"))}
	password := r.PostFormValue("password")
	if form.Username == "" || password == "" {
		form.Error = "请输入用户名和密码"
		s.render(w, r, http.StatusUnprocessableEntity, "login", form)
		return
	}
	sess, err := s.store.Login(r.Context(), form.Username, password, address(r), s.opts.Login)
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		form.Error = message(err)
		retryAfter(w, err)
		s.render(w, r, status(err), "login", form)
		return
	}
	s.setSession(w, sess)
	http.Redirect(w, r, form.Next, http.StatusSeeOther)
}

// logoutPage asks to confirm (a link or a typed address may not sign
// anyone out: only a POST from this site does).
func (s *Server) logoutPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "logout", nil)
}

// logout ends the session in the database (the cookie alone would still
// open it elsewhere) and sends the browser to the login page.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if t := s.token(r); t != "" {
		if err := s.store.Logout(r.Context(), t); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSession(w)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
