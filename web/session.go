package web

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// cookieName is the session cookie's name; under TLS it carries the
// __Host- prefix, which browsers accept only from a secure origin, for path
// / and without Domain, so no other host or plain-HTTP page can set it.
func (s *Server) cookieName() string {
	if s.opts.Secure {
		return "__Host-jixiao_session"
	}
	return "jixiao_session"
}

// setSession gives the browser the session's token: HttpOnly (no script
// reads it), SameSite=Lax (not sent with cross-site posts), Secure under
// TLS. It has no expiry of its own: it goes when the browser closes, and
// the server ends it earlier (idle, absolute, logout).
func (s *Server) setSession(w http.ResponseWriter, sess *store.Session) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: sess.Token, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.opts.Secure})
}

func (s *Server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.opts.Secure})
}

func (s *Server) token(r *http.Request) string {
	c, err := r.Cookie(s.cookieName())
	if err != nil {
		return ""
	}
	return c.Value
}

type userKey struct{}

// userOf is the signed-in user of r, or nil.
func userOf(r *http.Request) *jixiao.User {
	u, _ := r.Context().Value(userKey{}).(*jixiao.User)
	return u
}

// signedIn returns r acting as the user of its session: the store's
// service methods see the actor, the templates the user.
func (s *Server) signedIn(r *http.Request) (*http.Request, error) {
	sess, err := s.store.Session(r.Context(), s.token(r), s.opts.Login)
	if err != nil {
		return nil, err
	}
	ctx := jixiao.NewContextWithActor(r.Context(), store.ActorOf(sess.User))
	ctx = context.WithValue(ctx, userKey{}, sess.User)
	return r.WithContext(ctx), nil
}

// page requires a session: a visitor is sent to the login page, which
// brings them back here afterwards.
func (s *Server) page(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sr, err := s.signedIn(r)
		if jixiao.KindOf(err) == jixiao.KindUnauthenticated {
			if s.token(r) != "" {
				s.clearSession(w) // an ended session's cookie is of no more use
			}
			target := "/login"
			if r.Method == http.MethodGet && r.URL.Path != "/" {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h(w, sr)
	}
}

// api requires a session: without one the answer is 401 with a Chinese
// JSON error.
func (s *Server) api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sr, err := s.signedIn(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h(w, sr)
	}
}

// address is the client's IP address, for login throttling and the
// session record. It is the connection's peer: behind a reverse proxy
// every user shares the proxy's address (docs/api.md says so); forwarded
// headers are not trusted, since any client can write them.
func address(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext is where to go after signing in: a path on this site, never
// another site (//evil.example, /\evil.example), else the 工作台.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}
