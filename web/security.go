package web

import (
	"errors"
	"net/http"

	jixiao "github.com/jixiao/jixiao"
)

// contentSecurityPolicy allows scripts, styles, images and requests from
// this server only, no inline script or style (every script and style is a
// file under /static), no plugins, no framing, no form posted elsewhere.
// ECharts draws on a canvas and htmx's own indicator styles are turned off
// (layout.html), so neither needs 'unsafe-inline'.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// secure wraps every response in the security headers and refuses
// state-changing cross-origin requests (http.CrossOriginProtection: by
// Sec-Fetch-Site, else Origin against Host; GET, HEAD and OPTIONS pass).
// Requests without either header — other systems calling the API, curl —
// are not from a browser and pass too: they carry no ambient cookie.
func (s *Server) secure(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, jixiao.Errorf(jixiao.KindForbidden, "请求来自其他网站，已拒绝：请在本系统的页面上操作"))
	}))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.opts.Secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		protected.ServeHTTP(w, r)
	})
}

// Request body limits: a login, a password change or a JSON call is small;
// an upload is a form file of at most jixiao.MaxFileSize plus the multipart
// envelope. A larger body is cut off where it passes the limit.
const (
	smallBody  = 64 << 10
	uploadBody = jixiao.MaxFileSize + 1<<20
)

// limit bounds the request body of h to n bytes. A posted form
// (urlencoded) is read here: past the limit it is refused with 413, where
// r.PostFormValue would give h empty fields and h a misleading answer
// ("请输入…" for a comment of 100,000 characters). The editor's htmx posts
// read it themselves, to answer in the editor's status line (edit.go), and
// the API reads JSON, whatever type the client names (curl -d says
// urlencoded).
func (s *Server) limit(n int64, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		if isAPI(r) || htmx(r) {
			h(w, r)
			return
		}
		var tooLarge *http.MaxBytesError
		if err := r.ParseForm(); errors.As(err, &tooLarge) {
			s.fail(w, r, err)
			return
		}
		h(w, r)
	}
}
