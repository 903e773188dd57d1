package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// A wrong password shows the login page again with a Chinese message; the
// right one sets an HttpOnly, SameSite=Lax session cookie (not Secure over
// plain HTTP) and goes where the visitor was going.
func TestLogin(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)

	resp := c.get("/password")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Fpassword" {
		t.Fatalf("visitor on /password: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp = c.postForm("/login", url.Values{"username": {"zy_a"}, "password": {"wrong-password"}, "next": {"/password"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(resp.body, "用户名或密码不对") || sessionCookie(resp.Response) != nil {
		t.Fatalf("wrong password: %d %s", resp.StatusCode, resp.body)
	}
	if !strings.Contains(resp.body, `value="zy_a"`) {
		t.Errorf("the login page forgot the user name typed")
	}
	resp = c.postForm("/login", url.Values{"username": {"zy_a"}, "password": {storetest.Password}, "next": {"/password"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/password" {
		t.Fatalf("login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	ck := sessionCookie(resp.Response)
	if ck == nil || ck.Name != "jixiao_session" || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.Path != "/" || len(ck.Value) < 40 {
		t.Fatalf("session cookie %+v", ck)
	}
	resp = c.get("/")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, "张三") || !strings.Contains(resp.body, "单位填报人（朝阳区知识产权服务中心）") {
		t.Fatalf("工作台 after login: %d %s", resp.StatusCode, resp.body)
	}

	// Another site as the place to go after login is not followed.
	for _, next := range []string{"//evil.example/", "https://evil.example/", `/\evil.example`} {
		resp = a.client(t).postForm("/login", url.Values{"username": {"zy_a"}, "password": {storetest.Password}, "next": {next}})
		if got := resp.Header.Get("Location"); got != "/" {
			t.Errorf("next=%s: redirected to %q", next, got)
		}
	}
}

// Under TLS the cookie is Secure with the __Host- prefix, and browsers are
// told to keep to HTTPS.
func TestSecureCookie(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{Secure: true})
	resp := a.client(t).postForm("/login", url.Values{"username": {"zy_a"}, "password": {storetest.Password}})
	ck := sessionCookie(resp.Response)
	if ck == nil || ck.Name != "__Host-jixiao_session" || !ck.Secure || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookie under TLS: %+v", ck)
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no Strict-Transport-Security under TLS")
	}
}

// Too many wrong passwords lock the account: the page and the API answer
// 429 with a Chinese message that says when to try again, even for the
// right password.
func TestLoginThrottled(t *testing.T) {
	t.Parallel()
	p := store.DefaultLoginPolicy()
	p.AccountFailures = 3
	a := newApp(t, web.Options{Login: p})
	c := a.client(t)
	for i := range 3 {
		resp := c.postForm("/login", url.Values{"username": {"zy_b"}, "password": {"wrong-password"}})
		if want := map[bool]int{true: 429, false: 401}[i == 2]; resp.StatusCode != want {
			t.Fatalf("failure %d: %d, want %d", i+1, resp.StatusCode, want)
		}
	}
	resp := c.postForm("/login", url.Values{"username": {"zy_b"}, "password": {storetest.Password}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(resp.body, "再试") || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("locked account, page: %d %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), resp.body)
	}
	resp = c.postJSON("/api/login", map[string]string{"username": "zy_b", "password": storetest.Password})
	if msg, kind := apiError(t, resp); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(msg, "分钟后）再试") || kind != "unauthenticated" {
		t.Fatalf("locked account, API: %d %s", resp.StatusCode, resp.body)
	}
	c.login("zy_a") // another account from the same address is not locked
}

// Logging out ends the session in the database: the same cookie sent again
// opens nothing.
func TestLogout(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	ck := sessionCookie(c.login("zy_a").Response)
	if resp := c.postForm("/logout", nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("logout: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	replay := a.client(t)
	for _, path := range []string{"/", "/api/forms"} {
		resp := replay.get(path, "Cookie", ck.Name+"="+ck.Value)
		if want := map[string]int{"/": 303, "/api/forms": 401}[path]; resp.StatusCode != want {
			t.Errorf("%s with the old cookie after logout: %d, want %d", path, resp.StatusCode, want)
		}
	}
	if n, err := a.S.UserSessions(t.Context(), a.FillerA.ID, store.DefaultLoginPolicy()); err != nil || n != 0 {
		t.Errorf("%d sessions left after logout (%v)", n, err)
	}
}

// Changing one's password signs out every other browser and keeps this one.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	here, there := a.client(t), a.client(t)
	here.login("zy_a")
	there.login("zy_a")
	time.Sleep(2 * time.Millisecond) // the password changes strictly after the sessions began

	resp := here.postForm("/password", url.Values{"old": {storetest.Password}, "new": {"new-horse-22"}, "again": {"new-horse-23"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.body, "不一致") {
		t.Fatalf("mismatched new passwords: %d %s", resp.StatusCode, resp.body)
	}
	resp = here.postForm("/password", url.Values{"old": {"not-my-password"}, "new": {"new-horse-22"}, "again": {"new-horse-22"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.body, "原密码不对") {
		t.Fatalf("wrong old password: %d %s", resp.StatusCode, resp.body)
	}
	resp = here.postForm("/password", url.Values{"old": {storetest.Password}, "new": {"new-horse-22"}, "again": {"new-horse-22"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.body, "密码已修改") || sessionCookie(resp.Response) == nil {
		t.Fatalf("password change: %d %s", resp.StatusCode, resp.body)
	}
	if resp := here.get("/"); resp.StatusCode != http.StatusOK {
		t.Errorf("this browser after the change: %d", resp.StatusCode)
	}
	if resp := there.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the other browser after the change: %d, want a redirect to the login page", resp.StatusCode)
	}
	if resp := a.client(t).postForm("/login", url.Values{"username": {"zy_a"}, "password": {"new-horse-22"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", resp.StatusCode)
	}
}

// A disabled user's sessions are refused at once.
func TestDisabledUser(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")
	if err := a.S.SetDisabled(storetest.System(), "zy_a", true); err != nil {
		t.Fatal(err)
	}
	if resp := c.get("/"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled user's page: %d", resp.StatusCode)
	}
	if resp := c.get("/api/forms"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("disabled user's API call: %d", resp.StatusCode)
	}
}

// Without a session pages redirect to the login page and the API answers
// 401 with a Chinese JSON error.
func TestUnauthenticated(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	for path, want := range map[string]string{"/": "/login", "/password": "/login?next=%2Fpassword"} {
		if resp := c.get(path); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d %q", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	for _, resp := range []*response{c.get("/api/forms"), c.get("/api/forms/1"), c.upload("/api/check", "a.txt", []byte("x")),
		c.get("/api/forms", "Cookie", "jixiao_session=forged-token")} {
		msg, kind := apiError(t, resp)
		if resp.StatusCode != http.StatusUnauthorized || kind != "unauthenticated" || !strings.Contains(msg, "请重新登录") {
			t.Errorf("%s %s: %d %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, resp.body)
		}
	}
}
