package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/jsonout"
	"github.com/jixiao/jixiao/store"
)

// errBadRequest marks a request that is not what the endpoint reads (not
// JSON, no file field): 400, where content that is read but wrong is 422.
var errBadRequest = errors.New("bad request")

// errTooLarge marks content found over its size limit while it is read (a
// file over jixiao.MaxFileSize in a body within the body limit): 413, as a
// body over its limit is.
var errTooLarge = errors.New("too large")

// errTooBusy marks the unavailability of a server busy with too many
// uploads (503, as every jixiao.KindUnavailable): it is soon over, so its
// Retry-After is short.
var errTooBusy = errors.New("too busy")

// errMethodNotAllowed marks a request for an address that exists with
// another method: 405.
var errMethodNotAllowed = errors.New("method not allowed")

// badRequest is an invalid-input error for a malformed request.
func badRequest(format string, args ...any) error {
	e := jixiao.Invalid(format, args...)
	e.Err = errBadRequest
	return e
}

// status maps an error to the HTTP status, in one place (as cli.ExitCode
// maps it to the exit status).
func status(err error) int {
	var th *store.Throttled
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &th):
		return http.StatusTooManyRequests
	case errors.As(err, &tooLarge), errors.Is(err, errTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errBadRequest):
		return http.StatusBadRequest
	case errors.Is(err, errMethodNotAllowed):
		return http.StatusMethodNotAllowed
	}
	switch jixiao.KindOf(err) {
	case jixiao.KindInvalid:
		return http.StatusUnprocessableEntity
	case jixiao.KindNotFound:
		return http.StatusNotFound
	case jixiao.KindConflict:
		return http.StatusConflict
	case jixiao.KindUnauthenticated:
		return http.StatusUnauthorized
	case jixiao.KindForbidden:
		return http.StatusForbidden
	case jixiao.KindUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// message is what the user reads about err: its Chinese message; for an
// internal error a generic one (the details, which may name files and
// servers, go to the log).
func message(err error) string {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge) && tooLarge.Limit == uploadBody:
		return "上传的内容太大：自评表文件不能超过 " + jixiao.ByteSize(jixiao.MaxFileSize) + "，请确认文件是否正确"
	case errors.As(err, &tooLarge):
		return "提交的内容太大（上限 " + jixiao.ByteSize(tooLarge.Limit) + "），未处理：请精简后再提交"
	case jixiao.KindOf(err) == jixiao.KindInternal:
		return "服务器内部错误，请稍后再试；如果一再出现，请联系系统管理员"
	}
	return jixiao.MessageOf(err)
}

// apiError is the JSON body of every API error.
type apiError struct {
	Error string           `json:"error"` // zh-CN: what is wrong and what to do
	Kind  jixiao.ErrorKind `json:"kind"`
}

// fail answers err: JSON under /api/, a Chinese page elsewhere.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	switch { // the administrator's to see: a fault; a full or read-only disk, too many uploads
	case code == http.StatusInternalServerError:
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	case code > 500:
		s.log.Warn("unavailable", "method", r.Method, "path", r.URL.Path, "status", code, "err", err)
	}
	retryAfter(w, err)
	if isAPI(r) {
		writeJSON(w, code, apiError{Error: message(err), Kind: jixiao.KindOf(err)})
		return
	}
	s.render(w, r, code, "error", errorPage{Status: code, Message: message(err)})
}

// unavailableRetry is when a client refused because the storage cannot
// write (a full or read-only disk) may try again: nothing can say when the
// administrator will have acted, and a minute neither hammers the server
// nor leaves a user waiting long after space is freed.
const unavailableRetry = "60"

// retryAfter tells a client refused for too many failed logins, for too
// many uploads under way, or by a storage that cannot write, when to try
// again.
func retryAfter(w http.ResponseWriter, err error) {
	var th *store.Throttled
	switch {
	case errors.As(err, &th):
		secs := int(time.Until(th.Until).Seconds()) + 1
		w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	case errors.Is(err, errTooBusy):
		w.Header().Set("Retry-After", strconv.Itoa(int(uploadRetry/time.Second)))
	case jixiao.KindOf(err) == jixiao.KindUnavailable:
		w.Header().Set("Retry-After", unavailableRetry)
	}
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// writeJSON writes v as the API's JSON, formatted as the command line's
// --json output.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	jsonout.Write(w, v) // a client gone away is nobody's to hear of
}

// unmatched answers a request no route takes: 405 with Allow when the
// address exists for another method, else 404 (a Chinese page, or JSON
// under /api/). ServeMux would answer both in English plain text.
func (s *Server) unmatched(mux *http.ServeMux) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut} {
			other := *r
			other.Method = m
			if _, pattern := mux.Handler(&other); m != r.Method && pattern != "/" {
				allow = append(allow, m)
			}
		}
		switch {
		case len(allow) > 0:
			w.Header().Set("Allow", strings.Join(allow, ", "))
			s.fail(w, r, &jixiao.Error{Kind: jixiao.KindInvalid, Err: errMethodNotAllowed,
				Message: "此地址不接受 " + r.Method + " 请求（可用：" + strings.Join(allow, "、") + "）"})
		case isAPI(r):
			s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "接口不存在：请查阅 docs/api.md"))
		default:
			s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "页面不存在：请检查地址，或从工作台重新进入"))
		}
	}
}
