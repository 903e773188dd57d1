package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// PUT /api/forms/{id}?version=N saves a form sent as the documented JSON;
// a save on a stale version is 409 naming who saved in between, and stores
// nothing; the workflow actions follow at the version they name.
func TestAPISaveAndWorkflow(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f, err := a.S.CreateForm(storetest.As(a.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: a.UnitA.ID, Form: storetest.RefForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	var doc bytes.Buffer
	if err := jsonform.Write(&doc, []*jixiao.Form{storetest.CleanForm(t)}); err != nil {
		t.Fatal(err)
	}
	unit, other, dept := a.client(t), a.client(t), a.client(t)
	unit.login("zy_a")
	other.login("zy_b")
	dept.login("zy_rev")
	put := func(c *client, version string, body []byte) *response {
		t.Helper()
		req := c.request("PUT", fmt.Sprintf("/api/forms/%d%s", f.ID, version), bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		return c.do(req)
	}
	stored := func(r *response) jixiao.StoredForm {
		t.Helper()
		var sf jixiao.StoredForm
		if err := json.Unmarshal([]byte(r.body), &sf); r.StatusCode != http.StatusOK || err != nil {
			t.Fatalf("%d %.300s (%v)", r.StatusCode, r.body, err)
		}
		return sf
	}
	refused := func(what string, r *response, code int, kind, phrase string) {
		t.Helper()
		msg, k := apiError(t, r)
		if r.StatusCode != code || k != kind || !strings.Contains(msg, phrase) {
			t.Errorf("%s: %d %s, want %d %s with %q", what, r.StatusCode, r.body, code, kind, phrase)
		}
	}

	refused("no version", put(unit, "", doc.Bytes()), http.StatusBadRequest, "invalid", "version")
	refused("not a form", put(unit, "?version=1", []byte(`{"x": 1}`)), http.StatusUnprocessableEntity, "invalid", "")
	refused("another unit's form", put(other, "?version=1", doc.Bytes()), http.StatusNotFound, "not_found", "不存在")
	if sf := stored(put(unit, "?version=1", doc.Bytes())); sf.Version != 2 || sf.Errors != 0 {
		t.Fatalf("saved: version %d, %d errors", sf.Version, sf.Errors)
	}
	refused("stale", put(unit, "?version=1", doc.Bytes()), http.StatusConflict, "conflict", "张三（zy_a） 已于")
	if cur, err := a.S.Form(storetest.As(a.FillerA), f.ID); err != nil || cur.Version != 2 {
		t.Fatalf("after the refused save: %v %v", cur, err)
	}

	act := func(c *client, action string, body any) *response {
		t.Helper()
		return c.postJSON(fmt.Sprintf("/api/forms/%d/%s", f.ID, action), body)
	}
	refused("submit without a version", act(unit, "submit", map[string]any{}), http.StatusBadRequest, "invalid", "version")
	refused("unknown action", act(unit, "publish", map[string]any{"version": 2}), http.StatusNotFound, "not_found", "submit")
	if sf := stored(act(unit, "submit", map[string]any{"version": 2})); sf.Status != jixiao.StatusSubmitted {
		t.Errorf("submitted: %s", sf.Status)
	}
	refused("return without a reason", act(dept, "return", map[string]any{"version": 2}), http.StatusUnprocessableEntity, "invalid", "原因")
	if sf := stored(act(dept, "approve", map[string]any{"version": 2, "comment": "同意"})); sf.Status != jixiao.StatusApproved {
		t.Errorf("approved: %s", sf.Status)
	}
	refused("save a locked form", put(unit, "?version=2", doc.Bytes()), http.StatusConflict, "conflict", "锁定")
}
