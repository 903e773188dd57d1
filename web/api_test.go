package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// POST /api/login: 401 with a Chinese JSON error on a wrong password, 400
// on a body that is not the JSON expected, 200 with the user and the
// session cookie otherwise; the cookie then opens the API.
func TestAPILogin(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	resp := c.postJSON("/api/login", map[string]string{"username": "zy_a", "password": "wrong-password"})
	if msg, kind := apiError(t, resp); resp.StatusCode != http.StatusUnauthorized || msg != "用户名或密码不对" || kind != "unauthenticated" {
		t.Fatalf("wrong password: %d %s", resp.StatusCode, resp.body)
	}
	for _, body := range []any{"not an object", map[string]string{"user": "zy_a", "password": "x"}, map[string]string{"username": "zy_a"}} {
		resp := c.postJSON("/api/login", body)
		if msg, kind := apiError(t, resp); resp.StatusCode != http.StatusBadRequest || kind != "invalid" || !strings.Contains(msg, "username") {
			t.Errorf("body %v: %d %s", body, resp.StatusCode, resp.body)
		}
	}
	huge := map[string]string{"username": "zy_a", "password": strings.Repeat("x", 70<<10)}
	if resp := c.postJSON("/api/login", huge); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 70 KB login body: %d %s", resp.StatusCode, resp.body)
	}
	resp = c.postJSON("/api/login", map[string]string{"username": "zy_a", "password": storetest.Password})
	var ok struct{ User jixiao.User }
	if err := json.Unmarshal([]byte(resp.body), &ok); resp.StatusCode != http.StatusOK || err != nil || ok.User.Username != "zy_a" || sessionCookie(resp.Response) == nil {
		t.Fatalf("login: %d %s (%v)", resp.StatusCode, resp.body, err)
	}
	if resp := c.get("/api/forms"); resp.StatusCode != http.StatusOK {
		t.Errorf("forms after login: %d %s", resp.StatusCode, resp.body)
	}
	if resp := c.postJSON("/api/logout", nil); resp.StatusCode != http.StatusNoContent {
		t.Errorf("logout: %d", resp.StatusCode)
	}
	if resp := c.get("/api/forms"); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("forms after logout: %d", resp.StatusCode)
	}
}

// GET /api/forms lists what the caller may see; a unit user who guesses
// another unit's form id gets 404, exactly like an id that does not exist.
func TestAPIFormsVisibility(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f, err := a.S.CreateForm(storetest.As(a.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: a.UnitA.ID, Form: storetest.RefForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	list := func(c *client, query string) (total int, ids []int64) {
		t.Helper()
		resp := c.get("/api/forms" + query)
		var out struct {
			Total int
			Forms []jixiao.StoredForm
		}
		if err := json.Unmarshal([]byte(resp.body), &out); resp.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("forms%s: %d %s", query, resp.StatusCode, resp.body)
		}
		for _, f := range out.Forms {
			ids = append(ids, f.ID)
		}
		return out.Total, ids
	}
	for _, tc := range []struct {
		user  string
		sees  bool
		query string
	}{
		{"zy_a", true, ""}, {"zy_rev", true, "?year=2021&status=draft"}, {"central", true, "?region=110105"},
		{"zy_b", false, ""}, {"hd_a", false, ""}, {"hd_rev", false, ""}, {"admin", false, ""},
	} {
		c := a.client(t)
		c.login(tc.user)
		total, ids := list(c, tc.query)
		if sees := total == 1 && len(ids) == 1 && ids[0] == f.ID; sees != tc.sees || (!tc.sees && total != 0) {
			t.Errorf("%s lists %d forms %v, want sees=%v", tc.user, total, ids, tc.sees)
		}
		resp := c.get(fmt.Sprint("/api/forms/", f.ID))
		if tc.sees {
			var got jixiao.StoredForm
			if err := json.Unmarshal([]byte(resp.body), &got); resp.StatusCode != http.StatusOK || err != nil || got.Form == nil || got.ID != f.ID {
				t.Errorf("%s reads form %d: %d %.200s", tc.user, f.ID, resp.StatusCode, resp.body)
			}
			continue
		}
		msg, kind := apiError(t, resp)
		missing := c.get("/api/forms/999999")
		missingMsg, _ := apiError(t, missing)
		if resp.StatusCode != http.StatusNotFound || kind != "not_found" || missing.StatusCode != http.StatusNotFound ||
			strings.Replace(msg, fmt.Sprint(f.ID), "999999", 1) != missingMsg {
			t.Errorf("%s guesses form %d: %d %s; a missing form: %d %s", tc.user, f.ID, resp.StatusCode, resp.body, missing.StatusCode, missing.body)
		}
	}
	c := a.client(t)
	c.login("zy_a")
	for _, q := range []string{"?year=abc", "?limit=-1", "?org=x"} {
		if resp := c.get("/api/forms" + q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("forms%s: %d", q, resp.StatusCode)
		}
	}
}

// POST /api/check answers byte for byte what `jixiao check --json` prints
// for the same file (the reference form in each format); a file that cannot
// be read is a 4xx with the CLI's Chinese message; a file over the CLI's
// size limit is refused the same way.
func TestAPICheckEqualsCLI(t *testing.T) {
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")

	dir := t.TempDir()
	files := map[string][]byte{"broken.docx": []byte("PK\x03\x04 this is not a Word file"), "empty.txt": []byte(" \n"),
		"unknown.pdf": []byte("%PDF-1.4 not a form")}
	for _, ext := range []string{"txt", "docx", "xlsx"} {
		data, err := os.ReadFile(reftest.Path(ext))
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(reftest.Path(ext))] = data
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir) // the CLI names the file as given: the bare name, as an upload does

	for name, data := range files {
		var stdout, stderr bytes.Buffer
		code := cli.Run([]string{"check", "--json", name}, &stdout, &stderr)
		resp := c.upload("/api/check", name, data)
		switch code {
		case cli.ExitOK, cli.ExitFindings:
			if resp.StatusCode != http.StatusOK || resp.body != stdout.String() {
				t.Errorf("%s: API %d, not the CLI's output (exit %d):\nAPI %.300s\nCLI %.300s", name, resp.StatusCode, code, resp.body, stdout.String())
			}
			if strings.HasPrefix(name, "chaoyang") && !strings.Contains(resp.body, `"errors": 3`) {
				t.Errorf("%s: the reference form's three errors are missing: %.300s", name, resp.body)
			}
		default:
			msg, kind := apiError(t, resp)
			if resp.StatusCode != http.StatusUnprocessableEntity || kind != "invalid" || "jixiao check："+msg+"\n" != stderr.String() {
				t.Errorf("%s: API %d %s; CLI exit %d %s", name, resp.StatusCode, resp.body, code, stderr.String())
			}
		}
	}

	big := bytes.Repeat([]byte("一"), jixiao.MaxFileSize/3+1)
	resp := c.upload("/api/check", "big.txt", big)
	if msg, _ := apiError(t, resp); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "big.txt：文件超过上限 20 MB") {
		t.Errorf("a file over the limit: %d %s", resp.StatusCode, resp.body)
	}
	// a body over the limit: refused once the file passes 20 MB
	huge := bytes.Repeat([]byte("一"), 30<<20/3)
	resp = c.upload("/api/check", "huge.txt", huge)
	if msg, _ := apiError(t, resp); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(msg, "huge.txt：文件超过上限 20 MB") {
		t.Errorf("a body over the limit: %d %s", resp.StatusCode, resp.body)
	}
	resp = c.postJSON("/api/check", map[string]string{"file": "x"})
	if msg, _ := apiError(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "multipart/form-data") {
		t.Errorf("not a multipart upload: %d %s", resp.StatusCode, resp.body)
	}
}
