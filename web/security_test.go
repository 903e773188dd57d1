package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// Every page carries the security headers, and no rendered page has inline
// script or style (so the CSP can forbid them): each script is a file, each
// style in the stylesheet, no event-handler attribute, no javascript: URL.
// Every static file a page names is served, cached for a year.
func TestPagesSecureAndWithoutInlineCode(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	ctx := storetest.As(a.FillerA)
	if _, err := a.S.CreateForm(ctx, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: a.UnitA.ID, Form: storetest.RefForm(t)}); err != nil {
		t.Fatal(err)
	}
	visitor, user := a.client(t), a.client(t)
	user.login("zy_a")
	pages := map[string]*response{
		"login":           visitor.get("/login"),
		"wrong password":  visitor.postForm("/login", url.Values{"username": {"zy_a"}, "password": {"<script>alert(1)</script>"}}),
		"404 (visitor)":   visitor.get("/no/such/page"),
		"工作台":             user.get("/"),
		"password":        user.get("/password"),
		"logout":          user.get("/logout"),
		"password failed": user.postForm("/password", url.Values{"old": {"x"}, "new": {"<b>x</b>"}, "again": {"<b>x</b>"}}),
		"404 (user)":      user.get("/forms/999"),
	}
	statics := map[string]bool{}
	for name, resp := range pages {
		if resp.StatusCode >= 500 {
			t.Errorf("%s: %d", name, resp.StatusCode)
		}
		checkSecurityHeaders(t, name, resp.Header)
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: content type %q", name, ct)
		}
		for _, src := range checkNoInlineCode(t, name, resp.body) {
			statics[src] = true
		}
	}
	if !strings.Contains(pages["工作台"].body, "草稿") || !strings.Contains(pages["工作台"].body, "知识产权运营服务体系建设") {
		t.Errorf("工作台 does not list the unit's draft form:\n%s", pages["工作台"].body)
	}
	if resp := pages["404 (user)"]; resp.StatusCode != http.StatusNotFound || !strings.Contains(resp.body, "页面不存在") {
		t.Errorf("404 page: %d %s", resp.StatusCode, resp.body)
	}
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"DELETE", "/api/forms", 405, "GET"}, {"GET", "/api/check", 405, "POST"}, {"PUT", "/login", 405, "GET, POST"},
		{"GET", "/api/nothing", 404, ""},
	} {
		resp := user.do(user.request(tc.method, tc.path, nil))
		want := map[int]string{405: "此地址不接受", 404: "接口不存在"}[tc.status]
		if resp.StatusCode != tc.status || resp.Header.Get("Allow") != tc.allow || !strings.Contains(resp.body, want) {
			t.Errorf("%s %s: %d Allow %q %s", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Allow"), resp.body)
		}
	}
	if len(statics) < 2 {
		t.Errorf("pages name %d static files, want the stylesheet and htmx at least", len(statics))
	}
	for src := range statics {
		resp := visitor.get(src)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || len(resp.body) == 0 {
			t.Errorf("%s: %d %q", src, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		stale := strings.Replace(src, "/static/", "/static/0", 1)
		if resp := visitor.get(stale); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s with a wrong hash: %d", stale, resp.StatusCode)
		}
	}
}

func checkSecurityHeaders(t *testing.T, name string, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %s", name, csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") {
		t.Errorf("%s: CSP allows unsafe code: %q", name, csp)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY"} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %s = %q, want %q", name, k, got, want)
		}
	}
}

// checkNoInlineCode parses page and reports inline code; it returns the
// static files the page links to.
func checkNoInlineCode(t *testing.T, name, page string) (statics []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	labels := map[string]bool{}
	var inputs []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, at := range n.Attr {
				attrs[at.Key] = at.Val
				switch {
				case strings.HasPrefix(at.Key, "on"):
					t.Errorf("%s: <%s %s=…>: inline event handler", name, n.Data, at.Key)
				case at.Key == "style":
					t.Errorf("%s: <%s style=…>: inline style", name, n.Data)
				case strings.HasPrefix(strings.ToLower(strings.TrimSpace(at.Val)), "javascript:"):
					t.Errorf("%s: <%s %s=%q>", name, n.Data, at.Key, at.Val)
				}
			}
			switch n.Data {
			case "script":
				if attrs["type"] == "application/json" && attrs["src"] == "" {
					break // data for a script file (charts), never executed
				}
				if attrs["src"] == "" || n.FirstChild != nil {
					t.Errorf("%s: inline <script>", name)
				}
				statics = append(statics, attrs["src"])
			case "style":
				t.Errorf("%s: inline <style>", name)
			case "link":
				if attrs["rel"] == "stylesheet" {
					statics = append(statics, attrs["href"])
				}
			case "label":
				labels[attrs["for"]] = true
			case "input", "textarea", "select":
				if attrs["type"] != "hidden" && attrs["aria-label"] == "" {
					inputs = append(inputs, attrs["id"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, id := range inputs {
		if id == "" || !labels[id] {
			t.Errorf("%s: an input (id %q) without a label", name, id)
		}
	}
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<b>x</b>") {
		t.Errorf("%s: what the user typed is not escaped", name)
	}
	return statics
}

// A state-changing request from another site is refused with 403 (a
// Chinese page, or JSON for the API), whatever its cookie; the same request
// from this site, or from a program without browser headers, passes.
func TestCrossOriginRefused(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")
	cross := []*response{
		c.postForm("/logout", nil, "Sec-Fetch-Site", "cross-site"),
		c.postForm("/password", url.Values{"old": {storetest.Password}, "new": {"evil-horse-99"}, "again": {"evil-horse-99"}}, "Origin", "http://evil.example"),
		c.postJSON("/api/login", map[string]string{"username": "zy_a", "password": storetest.Password}, "Sec-Fetch-Site", "cross-site"),
		// a sibling subdomain is another origin too
		c.upload("/api/check", "a.txt", []byte("x"), "Sec-Fetch-Site", "same-site"),
	}
	for i, resp := range cross {
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.body, "请求来自其他网站") {
			t.Errorf("cross-origin request %d (%s): %d %s", i, resp.Request.URL.Path, resp.StatusCode, resp.body)
		}
	}
	if resp := c.get("/"); resp.StatusCode != http.StatusOK {
		t.Fatalf("the session must survive the refused logout: %d", resp.StatusCode)
	}
	if resp := c.postForm("/logout", nil, "Sec-Fetch-Site", "same-origin"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin logout: %d", resp.StatusCode)
	}
}
