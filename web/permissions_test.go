package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// Issue 12, permissions: every route × every role, against the table of
// who may do what below. The object of a form route is a form of
// 朝阳区知识产权服务中心 (UnitA): its filler zy_a owns it; zy_b fills
// another unit of the same district and hd_a one of another district (both
// must get 404, as for a form that does not exist); zy_rev reviews it (the
// department above UnitA); bj_rev (北京市, above the district) and central
// see it but may not change or review it; hd_rev and admin do not see it.

// roles are the table's columns: "" is a visitor without a session.
var roles = []string{"", "admin", "zy_a", "zy_b", "hd_a", "zy_rev", "hd_rev", "bj_rev", "central"}

// want is the status each role gets, in the order of roles.
type want [9]int

// permRow is one request and what each role gets for it.
type permRow struct {
	pattern string // the route, as web.Server.Routes lists it
	call    call
	want    want
}

// call is a request of the table; {draft}, {submitted}, {unitA}, {zy_b}
// {chaoyang}, {haidian} in its path and values stand for the fixture's
// objects.
type call struct {
	method, path string
	values       url.Values // a urlencoded form (POST)
	json         string     // a JSON body (POST, PUT); {doc} is a form document
	file         *filePart  // a multipart body
}

// filePart is a multipart body: small fields, then one file field.
type filePart struct {
	fields   url.Values
	field    string // the file's field name
	name     string // its file name ("" for a text part)
	document bool   // its content is the fixture's form document (else the reference text)
}

func get(path string) call                      { return call{method: "GET", path: path} }
func postValues(path string, v url.Values) call { return call{method: "POST", path: path, values: v} }
func postJSONBody(path, body string) call       { return call{method: "POST", path: path, json: body} }

var uploadFile = &filePart{field: "file", name: "chaoyang.txt"}

// editorPost is what the editor posts: the base version and a changed cell.
func editorPost(op string) url.Values {
	v := url.Values{"_base": {"1"}, "notes": {"权限测试"}}
	if op != "" {
		v.Set("_op", op)
	}
	return v
}

// permissionTable is the product's decision for every route. Pages
// redirect a visitor to the login page (303), the API answers 401; a
// form another unit may not see is 404, a page a role may not use 403.
//
//	visitor admin zy_a zy_b hd_a zy_rev hd_rev bj_rev central
var permissionTable = []permRow{
	{"GET /static/{hash}/{file}", get("{static}"), want{200, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"GET /login", get("/login"), want{200, 303, 303, 303, 303, 303, 303, 303, 303}},
	{"POST /login", postValues("/login", url.Values{"username": {"zy_b"}, "password": {storetest.Password}}),
		want{303, 303, 303, 303, 303, 303, 303, 303, 303}},
	{"GET /logout", get("/logout"), want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"POST /logout", postValues("/logout", nil), want{303, 303, 303, 303, 303, 303, 303, 303, 303}},
	{"GET /password", get("/password"), want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"POST /password", postValues("/password", url.Values{"old": {storetest.Password}, "new": {"new-horse-22"}, "again": {"new-horse-22"}}),
		want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"GET /{$}", get("/"), want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"GET /forms", get("/forms"), want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"GET /forms/{id}", get("/forms/{draft}"), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"GET /forms/{id}", get("/forms/999999"), want{303, 404, 404, 404, 404, 404, 404, 404, 404}},
	{"GET /forms/{id}/print", get("/forms/{draft}/print"), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"GET /forms/{id}/download/{format}", get("/forms/{draft}/download/xlsx"), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"GET /forms/{id}/download/{format}", get("/forms/{submitted}/download/docx?review=1"), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"POST /forms/{id}/{action}", postValues("/forms/{draft}/submit", url.Values{"version": {"1"}}),
		want{303, 404, 303, 404, 404, 403, 404, 403, 403}},
	{"POST /forms/{id}/{action}", postValues("/forms/{submitted}/return", url.Values{"version": {"1"}, "comment": {"请补充说明"}}),
		want{303, 404, 403, 404, 404, 303, 404, 403, 403}},
	{"POST /forms/{id}/{action}", postValues("/forms/{submitted}/approve", url.Values{"version": {"1"}}),
		want{303, 404, 403, 404, 404, 303, 404, 403, 403}},
	{"POST /forms/{id}/{action}", postValues("/forms/{draft}/comment", url.Values{"comment": {"请核对"}}),
		want{303, 404, 303, 404, 404, 303, 404, 403, 403}},
	{"POST /forms/{id}/{action}", postValues("/forms/{draft}/delete", url.Values{"version": {"1"}}),
		want{303, 404, 404, 404, 404, 404, 404, 404, 404}},
	// the live check and the row buttons store nothing: whoever may see
	// the form may judge what they post (as POST /api/check judges any
	// file); only saving needs the right to change it
	{"POST /forms/{id}/check", postValues("/forms/{draft}/check", editorPost("")), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"POST /forms/{id}/save", postValues("/forms/{draft}/save", editorPost("")), want{303, 404, 303, 404, 404, 403, 404, 403, 403}},
	{"POST /forms/{id}/save", postValues("/forms/{submitted}/save", editorPost("")), want{303, 404, 409, 404, 404, 403, 404, 403, 403}},
	{"POST /forms/{id}/rows", postValues("/forms/{draft}/rows", editorPost("add-ind:0")), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"GET /reporting", get("/reporting"), want{303, 403, 403, 403, 403, 200, 200, 200, 200}},
	{"GET /upload", get("/upload"), want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"GET /upload", get("/upload?form={draft}"), want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"POST /upload", call{method: "POST", path: "/upload", file: uploadFile}, want{303, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"POST /upload", call{method: "POST", path: "/upload?form={draft}", file: uploadFile}, want{303, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"POST /upload/save", call{method: "POST", path: "/upload/save", file: &filePart{
		fields: url.Values{"org": {"{unitA}"}, "year": {"2022"}, "program": {storetest.Program}, "source": {"a.txt"}},
		field:  "document", document: true}}, want{303, 403, 303, 403, 403, 403, 403, 403, 403}},
	{"POST /upload/save", call{method: "POST", path: "/upload/save", file: &filePart{
		fields: url.Values{"form": {"{draft}"}, "version": {"1"}, "source": {"a.txt"}},
		field:  "document", document: true}}, want{303, 404, 303, 404, 404, 403, 404, 403, 403}},
	{"GET /forms/new", get("/forms/new"), want{303, 403, 200, 200, 200, 403, 403, 403, 403}},
	{"POST /forms/new", postValues("/forms/new", url.Values{"org": {"{unitA}"}, "program": {storetest.Program}, "year": {"2022"}}),
		want{303, 403, 303, 403, 403, 403, 403, 403, 403}},
	{"GET /rollup", get("/rollup"), want{303, 403, 403, 403, 403, 200, 200, 200, 403}},
	{"GET /rollup", get("/rollup?dept={haidian}"), want{303, 403, 403, 403, 403, 403, 200, 403, 403}},
	{"POST /rollup", postValues("/rollup", url.Values{"program": {storetest.Program}, "year": {"2021"}}),
		want{303, 403, 403, 403, 403, 422, 422, 422, 403}},
	{"GET /compare", get("/compare"), want{303, 403, 403, 403, 403, 200, 200, 200, 200}},
	{"GET /compare/xlsx", get("/compare/xlsx"), want{303, 403, 403, 403, 403, 404, 404, 404, 404}},
	{"GET /log", get("/log"), want{303, 200, 403, 403, 403, 403, 403, 403, 403}},
	{"POST /log/verify", postValues("/log/verify", nil), want{303, 303, 403, 403, 403, 403, 403, 403, 403}},
	{"GET /admin", get("/admin"), want{303, 303, 403, 403, 403, 403, 403, 403, 403}},
	{"GET /admin/users", get("/admin/users"), want{303, 200, 403, 403, 403, 403, 403, 403, 403}},
	{"POST /admin/users", postValues("/admin/users", url.Values{"username": {"new_user"}, "name": {"新用户"}, "password": {"new-horse-22"}}),
		want{303, 303, 403, 403, 403, 403, 403, 403, 403}},
	{"GET /admin/users/{id}", get("/admin/users/{zy_b}"), want{303, 200, 403, 403, 403, 403, 403, 403, 403}},
	{"POST /admin/users/{id}/{action}", postValues("/admin/users/{zy_b}/disable", nil), want{303, 303, 403, 403, 403, 403, 403, 403, 403}},
	{"POST /admin/users/{id}/{action}", postValues("/admin/users/{zy_b}/grant", url.Values{"role": {"filler"}, "org": {"{unitA}"}}),
		want{303, 303, 403, 403, 403, 403, 403, 403, 403}},
	{"GET /admin/orgs", get("/admin/orgs"), want{303, 200, 403, 403, 403, 403, 403, 403, 403}},
	{"POST /admin/orgs", postValues("/admin/orgs", url.Values{"name": {"朝阳区新单位"}, "kind": {"unit"}, "region": {"110105"}, "parent": {"{chaoyang}"}}),
		want{303, 303, 403, 403, 403, 403, 403, 403, 403}},
	{"GET /admin/regions", get("/admin/regions"), want{303, 200, 403, 403, 403, 403, 403, 403, 403}},
	{"POST /admin/regions/load", postValues("/admin/regions/load", nil), want{303, 303, 403, 403, 403, 403, 403, 403, 403}},

	{"POST /api/login", postJSONBody("/api/login", `{"username": "zy_b", "password": "`+storetest.Password+`"}`),
		want{200, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"POST /api/logout", call{method: "POST", path: "/api/logout"}, want{204, 204, 204, 204, 204, 204, 204, 204, 204}},
	{"GET /api/forms", get("/api/forms"), want{401, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"GET /api/forms/{id}", get("/api/forms/{draft}"), want{401, 404, 200, 404, 404, 200, 404, 200, 200}},
	{"POST /api/check", call{method: "POST", path: "/api/check", file: uploadFile}, want{401, 200, 200, 200, 200, 200, 200, 200, 200}},
	{"PUT /api/forms/{id}", call{method: "PUT", path: "/api/forms/{draft}?version=1", json: "{doc}"},
		want{401, 404, 200, 404, 404, 403, 404, 403, 403}},
	{"POST /api/forms/{id}/{action}", postJSONBody("/api/forms/{draft}/submit", `{"version": 1}`),
		want{401, 404, 200, 404, 404, 403, 404, 403, 403}},
	{"POST /api/forms/{id}/{action}", postJSONBody("/api/forms/{submitted}/return", `{"version": 1, "comment": "请补充"}`),
		want{401, 404, 403, 404, 404, 200, 404, 403, 403}},
	{"POST /api/forms/{id}/{action}", postJSONBody("/api/forms/{submitted}/approve", `{"version": 1}`),
		want{401, 404, 403, 404, 404, 200, 404, 403, 403}},
	{"POST /api/forms/{id}/{action}", postJSONBody("/api/forms/{draft}/comment", `{"comment": "请核对"}`),
		want{401, 404, 200, 404, 404, 200, 404, 403, 403}},
}

// TestPermissionsTableCoversRoutes: every route the server registers has a
// row, and every row names a route that exists — a route added without
// deciding who may use it fails here.
func TestPermissionsTableCoversRoutes(t *testing.T) {
	t.Parallel()
	s, _ := openWorld(t)
	srv, err := web.New(s, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	routes := srv.Routes()
	rows := map[string]bool{}
	for _, row := range permissionTable {
		rows[row.pattern] = true
		if !slices.Contains(routes, row.pattern) {
			t.Errorf("the permissions table has a row for %q, which is not a route (any more): remove or rename the row", row.pattern)
		}
		if m, _, _ := strings.Cut(row.pattern, " "); m != row.call.method {
			t.Errorf("row %q calls %s", row.pattern, row.call.method)
		}
	}
	for _, p := range routes {
		if !rows[p] {
			t.Errorf("route %q has no row in permissionTable (permissions_test.go): decide who may use it and add one", p)
		}
	}
	if len(routes) < 40 {
		t.Errorf("only %d routes: Routes() is not listing them all", len(routes))
	}
}

// TestPermissions makes each row's request as each role and compares the
// status with the table; a visitor sent away must be sent to the login
// page. Each state-changing request runs on its own copy of the fixture
// (one role's change must not decide another's answer), and is made once
// more from another site, which must be refused with 403 whoever asks.
func TestPermissions(t *testing.T) {
	t.Parallel()
	fx := permissionsFixture(t)
	reads := fx.app(t) // GET changes nothing: one copy for all of them
	seen := map[string]int{}
	for _, row := range permissionTable {
		name := row.call.method + " " + row.call.path
		if seen[name]++; seen[name] > 1 { // t.Run would add #01, which a database path may not hold
			name += " (" + strconv.Itoa(seen[name]) + ")"
		}
		t.Run(name, func(t *testing.T) {
			for i, role := range roles {
				a := reads
				if row.call.method != "GET" {
					a = fx.app(t)
				}
				resp := fx.do(t, a, role, row.call)
				if resp.StatusCode != row.want[i] {
					t.Errorf("%s as %s: %d, want %d\n%s", name, roleName(role), resp.StatusCode, row.want[i], excerpt(resp.body))
				}
				if role == "" && resp.StatusCode == http.StatusSeeOther && row.pattern != "POST /login" &&
					!strings.HasPrefix(resp.Header.Get("Location"), "/login") {
					t.Errorf("%s as a visitor: sent to %q, want the login page", name, resp.Header.Get("Location"))
				}
				if role == "" && resp.StatusCode == http.StatusUnauthorized {
					if _, kind := apiError(t, resp); kind != "unauthenticated" {
						t.Errorf("%s as a visitor: kind %q", name, kind)
					}
				}
			}
			if row.call.method == "GET" {
				return
			}
			// from another site, as the role the row allows (or zy_a)
			role := "zy_a"
			for i, r := range roles {
				if r != "" && row.want[i] < 400 {
					role = r
					break
				}
			}
			for _, h := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://evil.example"}} {
				resp := fx.do(t, fx.app(t), role, row.call, h[0], h[1])
				if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.body, "请求来自其他网站") {
					t.Errorf("%s as %s with %s: %s: %d, want 403\n%s", name, role, h[0], h[1], resp.StatusCode, excerpt(resp.body))
				}
			}
		})
	}
}

// The lists show each role the forms of the table above and no others:
// another unit's form is not listed, not counted, not found by a search.
func TestPermissionsLists(t *testing.T) {
	t.Parallel()
	fx := permissionsFixture(t)
	srv := fx.app(t)
	i := slices.IndexFunc(permissionTable, func(r permRow) bool { return r.call.method == "GET" && r.call.path == "/forms/{draft}" })
	for k, role := range roles[1:] {
		sees := permissionTable[i].want[k+1] == http.StatusOK
		resp := fx.do(t, srv, role, get("/api/forms?q=朝阳"))
		var list struct{ Total int }
		if err := json.Unmarshal([]byte(resp.body), &list); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/forms as %s: %d %s", role, resp.StatusCode, resp.body)
		}
		if want := map[bool]int{true: 2, false: 0}[sees]; list.Total != want {
			t.Errorf("GET /api/forms?q=朝阳 as %s: %d forms, want %d", role, list.Total, want)
		}
		page := fx.do(t, srv, role, get("/forms?q=朝阳"))
		if listed := strings.Contains(page.body, fx.subst.Replace(`href="/forms/{draft}"`)); listed != sees {
			t.Errorf("GET /forms?q=朝阳 as %s lists UnitA's form: %v, want %v", role, listed, sees)
		}
	}
}

// Another unit's form is not found in the same words as a form that does
// not exist: the answer tells nothing of what the id holds.
func TestPermissionsNotFoundTellsNothing(t *testing.T) {
	t.Parallel()
	fx := permissionsFixture(t)
	srv := fx.app(t)
	draft := fx.subst.Replace("{draft}")
	for _, path := range []string{"/api/forms/", "/forms/"} {
		other := fx.do(t, srv, "zy_b", get(path+draft))
		none := fx.do(t, srv, "zy_b", get(path+"999999"))
		if other.StatusCode != http.StatusNotFound || strings.ReplaceAll(other.body, "自评表 "+draft+" ", "自评表 999999 ") != none.body {
			t.Errorf("%s: another unit's form (%d) and no form answer differently:\n%s\n%s", path, other.StatusCode, excerpt(other.body), excerpt(none.body))
		}
	}
}

func roleName(role string) string {
	if role == "" {
		return "a visitor"
	}
	return role
}

func excerpt(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// permFixture is the storetest world with two forms of UnitA — {draft}
// (year 2021, version 1) and {submitted} (year 2020, submitted) at version 1 — and every user signed in, kept in a SQLite file each case copies.
type permFixture struct {
	path   string
	tokens map[string]string // user name → session token
	subst  *strings.Replacer // {draft} and the other placeholders → ids
	doc    []byte            // a form document of UnitA (the clean reference form, year 2022)
}

var permWorld struct {
	once sync.Once
	fx   *permFixture
	err  error
}

func permissionsFixture(t *testing.T) *permFixture {
	t.Helper()
	permWorld.once.Do(func() { permWorld.fx, permWorld.err = buildPermFixture(t) })
	if permWorld.err != nil {
		t.Fatalf("the permissions fixture could not be built: %v", permWorld.err)
	}
	return permWorld.fx
}

func buildPermFixture(t *testing.T) (*permFixture, error) {
	_, w := openWorld(t) // builds the world once; its file is copied here
	data, err := os.ReadFile(filepath.Join(world.dir, "world.db"))
	if err != nil {
		return nil, err
	}
	fx := &permFixture{path: filepath.Join(world.dir, "permissions.db"), tokens: map[string]string{}}
	if err := os.WriteFile(fx.path, data, 0o600); err != nil {
		return nil, err
	}
	ctx := context.Background()
	s, err := store.Open(ctx, fx.path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	asA := jixiao.NewContextWithActor(ctx, store.ActorOf(w.FillerA))
	draft, err := s.CreateForm(asA, store.NewForm{Program: storetest.Program, Year: 2021, OrgID: w.UnitA.ID, Form: storetest.CleanForm(t)})
	if err != nil {
		return nil, err
	}
	sub, err := s.CreateForm(asA, store.NewForm{Program: storetest.Program, Year: 2020, OrgID: w.UnitA.ID, Form: storetest.CleanForm(t)})
	if err != nil {
		return nil, err
	}
	if sub, err = s.Submit(asA, sub.ID, sub.Version); err != nil {
		return nil, err
	}
	if sub.Version != 1 || draft.Version != 1 {
		return nil, &jixiao.Error{Message: "versions " + strconv.Itoa(draft.Version) + ", " + strconv.Itoa(sub.Version) + ": the table assumes version 1 of both"}
	}
	for _, u := range roles[1:] {
		sess, err := s.Login(ctx, u, storetest.Password, "192.0.2.1", store.DefaultLoginPolicy())
		if err != nil {
			return nil, err
		}
		fx.tokens[u] = sess.Token
	}
	f := storetest.CleanForm(t)
	f.Year = 2022
	var doc bytes.Buffer
	if err := jsonform.Write(&doc, []*jixiao.Form{f}); err != nil {
		return nil, err
	}
	fx.doc = doc.Bytes()
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	fx.subst = strings.NewReplacer("{draft}", id(draft.ID), "{submitted}", id(sub.ID), "{unitA}", id(w.UnitA.ID),
		"{zy_b}", id(w.FillerB.ID), "{chaoyang}", id(w.Chaoyang.ID), "{haidian}", id(w.Haidian.ID))
	return fx, nil
}

// app serves a fresh copy of the fixture.
func (fx *permFixture) app(t *testing.T) *httptest.Server {
	t.Helper()
	s := openCopy(t, fx.path)
	h, err := web.New(s, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// do makes c's request on srv as role (its session cookie; none for a
// visitor), from this site unless header says otherwise.
func (fx *permFixture) do(t *testing.T, srv *httptest.Server, role string, c call, header ...string) *response {
	t.Helper()
	cl := (&app{srv: srv}).client(t)
	path := fx.subst.Replace(c.path)
	if path == "{static}" {
		path = staticPath(t, cl)
	}
	var body io.Reader
	contentType := ""
	switch {
	case c.values != nil:
		v := url.Values{}
		for k, vs := range c.values {
			for _, x := range vs {
				v.Add(k, fx.subst.Replace(x))
			}
		}
		body, contentType = strings.NewReader(v.Encode()), "application/x-www-form-urlencoded"
	case c.json == "{doc}":
		body, contentType = bytes.NewReader(fx.doc), "application/json"
	case c.json != "":
		body, contentType = strings.NewReader(c.json), "application/json"
	case c.file != nil:
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		for k, vs := range c.file.fields {
			mw.WriteField(k, fx.subst.Replace(vs[0]))
		}
		var part io.Writer
		var err error
		if c.file.name != "" {
			part, err = mw.CreateFormFile(c.file.field, c.file.name)
		} else {
			part, err = mw.CreateFormField(c.file.field)
		}
		if err != nil {
			t.Fatal(err)
		}
		if c.file.document {
			part.Write(fx.doc)
		} else {
			io.WriteString(part, reftest.Text(t))
		}
		mw.Close()
		body, contentType = &b, mw.FormDataContentType()
	}
	if c.method != "GET" && len(header) == 0 {
		header = cl.sameOrigin()
	}
	req := cl.request(c.method, path, body, header...)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if role != "" {
		req.AddCookie(&http.Cookie{Name: "jixiao_session", Value: fx.tokens[role]})
	}
	return cl.do(req)
}

// staticPath is the stylesheet's address as the login page names it.
func staticPath(t *testing.T, c *client) string {
	t.Helper()
	page := c.get("/login").body
	i := strings.Index(page, "/static/")
	if i < 0 {
		t.Fatal("the login page names no static file")
	}
	return page[i : i+strings.IndexByte(page[i:], '"')]
}

// Issue 12, point 5: sessions at the HTTP level. Already covered
// elsewhere: account throttling (TestLoginThrottled), logout through the
// page (TestLogout), a password change ending the other sessions
// (TestPasswordChangeEndsOtherSessions), a disabled user (TestDisabledUser,
// TestAdminManagesUsers). Here: the idle and the absolute expiry, the
// address throttle and the end of a lock, the API's logout, and an
// administrator's password reset signing the user out.
func TestPermissionsSessions(t *testing.T) {
	t.Parallel()
	p := store.DefaultLoginPolicy()
	p.AccountFailures, p.AddressFailures = 100, 3

	// signedOut checks c's session has ended: a page sends it to the login
	// page (and clears the cookie), the API answers 401.
	signedOut := func(t *testing.T, what string, c *client) {
		t.Helper()
		if resp := c.get("/api/forms"); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: the API answers %d, want 401", what, resp.StatusCode)
		}
		resp := c.get("/forms")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Fforms" {
			t.Errorf("%s: /forms answers %d %q, want the login page", what, resp.StatusCode, resp.Header.Get("Location"))
		}
		if ck := sessionCookie(resp.Response); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("%s: the ended session's cookie is not cleared: %+v", what, ck)
		}
	}
	signedIn := func(t *testing.T, what string, c *client) {
		t.Helper()
		if resp := c.get("/forms"); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: /forms answers %d, want 200", what, resp.StatusCode)
		}
	}

	t.Run("idle", func(t *testing.T) {
		a, clock := newClockedApp(t, p)
		c := a.client(t)
		c.login("zy_a")
		for range 3 { // used within the idle time, it lives past it
			clock.add(p.Idle - time.Minute)
			signedIn(t, "used within the idle time", c)
		}
		clock.add(p.Idle)
		signedOut(t, "idle for "+p.Idle.String(), c)
	})
	t.Run("absolute", func(t *testing.T) {
		a, clock := newClockedApp(t, p)
		c := a.client(t)
		c.login("zy_a")
		for elapsed := time.Duration(0); elapsed+p.Idle/2 < p.Absolute; elapsed += p.Idle / 2 {
			clock.add(p.Idle / 2)
			signedIn(t, "used every "+(p.Idle/2).String(), c)
		}
		clock.add(p.Idle / 2)
		signedOut(t, "past the absolute limit of "+p.Absolute.String(), c)
	})
	t.Run("address throttle", func(t *testing.T) {
		a, clock := newClockedApp(t, p)
		c := a.client(t)
		for i, name := range []string{"zy_a", "zy_b", "hd_a"} { // three names, one address
			resp := c.postForm("/login", url.Values{"username": {name}, "password": {"wrong-password"}})
			if want := map[bool]int{true: 429, false: 401}[i == 2]; resp.StatusCode != want {
				t.Fatalf("failure %d from one address: %d, want %d", i+1, resp.StatusCode, want)
			}
		}
		resp := c.postForm("/login", url.Values{"username": {"central"}, "password": {storetest.Password}})
		if resp.StatusCode != http.StatusTooManyRequests || sessionCookie(resp.Response) != nil || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("a locked address, another account, the right password: %d %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		resp = c.postJSON("/api/login", map[string]string{"username": "central", "password": storetest.Password})
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("a locked address through the API: %d", resp.StatusCode)
		}
		clock.add(p.Lockout)
		c.login("central") // the lock has ended
		signedIn(t, "after the lock", c)
	})
	t.Run("API logout", func(t *testing.T) {
		a, _ := newClockedApp(t, p)
		c := a.client(t)
		if resp := c.postJSON("/api/login", map[string]string{"username": "zy_a", "password": storetest.Password}); resp.StatusCode != http.StatusOK {
			t.Fatalf("API login: %d %s", resp.StatusCode, resp.body)
		}
		token := c.jarToken()
		if resp := c.postJSON("/api/logout", nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("API logout: %d", resp.StatusCode)
		}
		replay := a.client(t)
		for _, path := range []string{"/api/forms", "/forms"} {
			resp := replay.get(path, "Cookie", "jixiao_session="+token)
			if want := map[string]int{"/api/forms": 401, "/forms": 303}[path]; resp.StatusCode != want {
				t.Errorf("%s with the cookie after the API's logout: %d, want %d", path, resp.StatusCode, want)
			}
		}
	})
	t.Run("password reset", func(t *testing.T) {
		a, _ := newClockedApp(t, p)
		user, admin := a.client(t), a.client(t)
		user.login("zy_a")
		admin.login("admin")
		time.Sleep(2 * time.Millisecond) // the reset comes strictly after the session began
		resp := admin.post("/admin/users/"+strconv.FormatInt(a.FillerA.ID, 10)+"/password", url.Values{"password": {"reset-horse-33"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("password reset: %d\n%s", resp.StatusCode, excerpt(resp.body))
		}
		signedOut(t, "after an administrator reset the password", user)
		signedIn(t, "the administrator", admin)
	})
}

// testClock is a store clock the test moves on while the server reads it.
type testClock struct{ ns atomic.Int64 }

func (c *testClock) now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *testClock) add(d time.Duration) { c.ns.Add(int64(d)) }

// newClockedApp is newApp with login policy p over a store whose clock the
// test sets (it starts at the real time: the reset test sleeps on it).
func newClockedApp(t *testing.T, p store.LoginPolicy) (*app, *testClock) {
	t.Helper()
	s, w := openWorld(t)
	clock := &testClock{}
	clock.ns.Store(time.Now().UnixNano())
	start := time.Now()
	s.Now = func() time.Time { return clock.now().Add(time.Since(start)) }
	h, err := web.New(s, web.Options{Login: p, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &app{World: w, srv: srv}, clock
}

// jarToken is the session token c's cookie jar holds.
func (c *client) jarToken() string {
	c.t.Helper()
	u, _ := url.Parse(c.base)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "jixiao_session" {
			return ck.Value
		}
	}
	c.t.Fatal("no session cookie in the jar")
	return ""
}
