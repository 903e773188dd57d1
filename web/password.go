package web

import (
	"net/http"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// errPasswordMismatch is the password form's own check.
var errPasswordMismatch = jixiao.Invalid("两次输入的新密码不一致，请重新输入")

// passwordForm is the password view's data.
type passwordForm struct {
	Error, Done string
	MinLength   int
}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", passwordForm{MinLength: store.MinPasswordLength})
}

// passwordSubmit changes the signed-in user's password, then ends all their
// sessions and starts a new one for this browser: whoever else held a
// session (a forgotten browser, a stolen cookie) is signed out.
func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	form := passwordForm{MinLength: store.MinPasswordLength}
	old, pw, again := r.PostFormValue("old"), r.PostFormValue("new"), r.PostFormValue("again")
	if pw != again {
		form.Error = message(errPasswordMismatch)
		s.render(w, r, status(errPasswordMismatch), "password", form)
		return
	}
	if err := s.store.ChangePassword(r.Context(), old, pw); err != nil {
		if status(err) == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		form.Error = message(err)
		s.render(w, r, status(err), "password", form)
		return
	}
	sess, err := s.store.RenewSession(r.Context(), address(r), s.opts.Login)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSession(w, sess)
	form.Done = "密码已修改。其他浏览器中的登录已全部退出，本浏览器保持登录。"
	s.render(w, r, http.StatusOK, "password", form)
}
