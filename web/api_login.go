package web

import (
	"encoding/json"
	"net/http"

	jixiao "github.com/jixiao/jixiao"
)

// loginRequest is POST /api/login's body.
type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// loginResponse is POST /api/login's answer (the session is the cookie).
type loginResponse struct {
	User *jixiao.User `json:"user"`
}

// apiLogin signs in with a JSON body and sets the session cookie, as the
// login page does.
func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.fail(w, r, jsonBodyError(err))
		return
	}
	if req.Username == "" || req.Password == "" {
		s.fail(w, r, badRequest(`请求体应为 {"username": "用户名", "password": "密码"}，两项都不能为空`))
		return
	}
	sess, err := s.store.Login(r.Context(), req.Username, req.Password, address(r), s.opts.Login)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setSession(w, sess)
	writeJSON(w, http.StatusOK, loginResponse{User: sess.User})
}

// jsonBodyError explains a request body that is not the JSON expected.
func jsonBodyError(err error) error {
	if status(err) == http.StatusRequestEntityTooLarge {
		return err
	}
	return badRequest(`请求体不是所需的 JSON（%v）：应为 {"username": "用户名", "password": "密码"}`, err)
}

// apiLogout ends the session (204, also when there was none).
func (s *Server) apiLogout(w http.ResponseWriter, r *http.Request) {
	if t := s.token(r); t != "" {
		if err := s.store.Logout(r.Context(), t); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSession(w)
	w.WriteHeader(http.StatusNoContent)
}
