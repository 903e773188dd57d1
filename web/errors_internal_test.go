package web

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// Every error kind has its status, and the web's own cases come first.
func TestStatus(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{jixiao.Invalid("x"), http.StatusUnprocessableEntity},
		{badRequest("x"), http.StatusBadRequest},
		{jixiao.Errorf(jixiao.KindNotFound, "x"), http.StatusNotFound},
		{jixiao.Errorf(jixiao.KindConflict, "x"), http.StatusConflict},
		{jixiao.Errorf(jixiao.KindUnauthenticated, "x"), http.StatusUnauthorized},
		{jixiao.Errorf(jixiao.KindForbidden, "x"), http.StatusForbidden},
		{jixiao.Errorf(jixiao.KindUnavailable, "x"), http.StatusServiceUnavailable},
		{jixiao.Errorf(jixiao.KindInternal, "x"), http.StatusInternalServerError},
		{fmt.Errorf("plain"), http.StatusInternalServerError},
		{&jixiao.Error{Kind: jixiao.KindUnauthenticated, Message: "x", Err: &store.Throttled{Until: time.Now()}}, http.StatusTooManyRequests},
		{fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 10}), http.StatusRequestEntityTooLarge},
		{&jixiao.Error{Kind: jixiao.KindInvalid, Err: errMethodNotAllowed}, http.StatusMethodNotAllowed},
		{&jixiao.Error{Kind: jixiao.KindInvalid, Err: errTooLarge}, http.StatusRequestEntityTooLarge},
		{errBusy, http.StatusServiceUnavailable},
	} {
		if got := status(tc.err); got != tc.want {
			t.Errorf("status(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
	if m := message(&jixiao.Error{Kind: jixiao.KindInternal, Message: "数据库操作失败（/srv/secret/jixiao.db）"}); m != "服务器内部错误，请稍后再试；如果一再出现，请联系系统管理员" {
		t.Errorf("an internal error's details reach the user: %s", m)
	}
}
