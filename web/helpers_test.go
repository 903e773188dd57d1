package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// app is the web application over a real SQLite store with the storetest
// world, served by httptest.
type app struct {
	*storetest.World
	web *web.Server
	srv *httptest.Server
}

func newApp(t *testing.T, opts web.Options) *app {
	t.Helper()
	s, w := openWorld(t)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h, err := web.New(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &app{World: w, web: h, srv: srv}
}

// The world is built once (eight argon2 password hashes on a busy machine
// take a while) in a SQLite file that each test copies.
var world struct {
	once  sync.Once
	dir   string
	world *storetest.World
	err   error
}

// openWorld returns a fresh copy of the storetest world on SQLite.
func openWorld(t testing.TB) (*store.Store, *storetest.World) {
	t.Helper()
	world.once.Do(func() {
		if world.dir, world.err = os.MkdirTemp("", "jixiao-web-test-"); world.err != nil {
			return
		}
		s, err := store.Open(t.Context(), filepath.Join(world.dir, "world.db"))
		if err != nil {
			world.err = err
			return
		}
		world.world = storetest.NewWorld(t, s)
		world.err = s.Close() // a clean close folds the WAL into the file
	})
	if world.err != nil || world.world == nil {
		t.Fatalf("the test world could not be built: %v", world.err)
	}
	s := openCopy(t, filepath.Join(world.dir, "world.db"))
	w := *world.world
	w.S = s
	return s, &w
}

// client is a browser: it keeps cookies and does not follow redirects (the
// tests look at them).
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func (a *app) client(t *testing.T) *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &client{t: t, base: a.srv.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// response is a response read whole.
type response struct {
	*http.Response
	body string
}

func (c *client) do(req *http.Request) *response {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return &response{Response: resp, body: string(body)}
}

func (c *client) request(method, path string, body io.Reader, header ...string) *http.Request {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req
}

func (c *client) get(path string, header ...string) *response {
	c.t.Helper()
	return c.do(c.request("GET", path, nil, header...))
}

func (c *client) postForm(path string, v url.Values, header ...string) *response {
	c.t.Helper()
	req := c.request("POST", path, strings.NewReader(v.Encode()), header...)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) postJSON(path string, v any, header ...string) *response {
	c.t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	req := c.request("POST", path, bytes.NewReader(data), header...)
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

// upload posts data as the multipart file field "file" named name.
func (c *client) upload(path, name string, data []byte, header ...string) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := c.request("POST", path, &body, header...)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// login signs in through the login page as a storetest user and checks it
// worked.
func (c *client) login(username string) *response {
	c.t.Helper()
	return c.loginWith(username, storetest.Password)
}

func (c *client) loginWith(username, password string) *response {
	c.t.Helper()
	resp := c.postForm("/login", url.Values{"username": {username}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %s", username, resp.StatusCode, resp.body)
	}
	return resp
}

// cookie is the session cookie resp sets, or nil.
func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if strings.HasSuffix(c.Name, "jixiao_session") {
			return c
		}
	}
	return nil
}

// apiError decodes an API error body.
func apiError(t *testing.T, r *response) (msg, kind string) {
	t.Helper()
	var e struct{ Error, Kind string }
	if err := json.Unmarshal([]byte(r.body), &e); err != nil {
		t.Fatalf("API error body %q: %v", r.body, err)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("API error content type %q", ct)
	}
	return e.Error, e.Kind
}

// sameOrigin are the headers a browser sends with a form posted from this
// site, which http.CrossOriginProtection lets through.
func (c *client) sameOrigin() []string {
	return []string{"Sec-Fetch-Site", "same-origin", "Origin", c.base}
}

// post posts a form from this site.
func (c *client) post(path string, v url.Values) *response {
	c.t.Helper()
	return c.postForm(path, v, c.sameOrigin()...)
}

// openCopy opens a copy of the SQLite database at path, closed when the
// test ends: each test changes its own.
func openCopy(t testing.TB, path string) *store.Store {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(t.TempDir(), "jixiao.db")
	if err := os.WriteFile(copied, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(t.Context(), copied)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
