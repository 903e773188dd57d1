package web_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/hostile"
	"github.com/jixiao/jixiao/internal/htmlform"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// referenceDocx is the reference form as Word writes it.
func referenceDocx(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(reftest.Path("docx"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// uploadFile posts a form file to path (/upload, /upload?form=ID) from this
// site, with the small fields first, as the upload page's form sends it.
func (c *client) uploadFile(path, name string, data []byte, fields ...string) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		c.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req := c.request("POST", path, &body, c.sameOrigin()...)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// saveFields are the fields of a preview's save form, in document order,
// as a browser posts them.
func saveFields(t *testing.T, page string) []string {
	t.Helper()
	v, err := htmlform.Fields([]byte(page), "save-form")
	if err != nil {
		t.Fatalf("%v:\n%s", err, page)
	}
	return htmlform.Pairs(v)
}

// set replaces the value of field name in fields.
func set(fields []string, name, value string) []string {
	out := append([]string(nil), fields...)
	for i := 0; i+1 < len(out); i += 2 {
		if out[i] == name {
			out[i+1] = value
		}
	}
	return out
}

// postMultipart posts fields as multipart/form-data from this site.
func (c *client) postMultipart(path string, fields []string) *response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	mw.Close()
	req := c.request("POST", path, &body, c.sameOrigin()...)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

// The unit uploads the reference .docx: the preview shows what was read
// and the three cost-row errors in their cells, and stores nothing; saving
// creates the form at version 1 from that file, logged, and the form's page
// says so.
func TestUploadPreviewThenSave(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")
	page := c.get("/upload")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.body, `id="file"`) || !strings.Contains(page.body, "不能超过 20 MB") {
		t.Fatalf("upload page: %d\n%s", page.StatusCode, page.body)
	}
	checkNoInlineCode(t, "upload", page.body)

	prev := c.uploadFile("/upload", "朝阳区自评表.docx", referenceDocx(t), "org", strconv.FormatInt(a.UnitA.ID, 10))
	if prev.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d\n%s", prev.StatusCode, prev.body)
	}
	checkNoInlineCode(t, "upload preview", prev.body)
	for _, want := range []string{
		"北京市朝阳区知识产权运营服务体系建设", "<dd>2020</dd>", "北京市朝阳区市场监督管理局", "<dd>30 项</dd>", "全年预算数 10926.2",
		`class="k-value" rowspan="5">成本指标</td>`,
		`已完成<span class="finding sev-error"><span class="tag">`,
		// the header names another unit than the one it is saved for
		"表头写的资金使用单位是“北京市朝阳区市场监督管理局”，而这张表将保存为“朝阳区知识产权服务中心”的表",
		`id="save"`, `name="program" value="知识产权运营服务体系建设"`,
	} {
		if !strings.Contains(prev.body, want) {
			t.Errorf("the preview lacks %s", want)
		}
	}
	if n := strings.Count(prev.body, `class="finding sev-error"`); n != 3 {
		t.Errorf("%d errors beside cells, want 3", n)
	}
	if n := strings.Count(prev.body, "产出指标/成本指标/指标"); n < 3 {
		t.Errorf("the findings list names %d cost rows, want the 3 in error", n)
	}
	if _, total, err := a.S.Forms(storetest.As(a.FillerA), store.FormFilter{}); err != nil || total != 0 {
		t.Fatalf("the preview stored something: %d forms (%v)", total, err)
	}

	create := saveFields(t, prev.body)
	if resp := c.postMultipart("/upload/save", set(create, "year", "2021")); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(resp.body, "文件中的年度是 2020 年，而您填写的是 2021 年") {
		t.Errorf("another year than the file's: %d\n%s", resp.StatusCode, resp.body)
	}
	resp := c.postMultipart("/upload/save", create)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=upload") {
		t.Fatalf("save: %d %s\n%s", resp.StatusCode, loc, resp.body)
	}
	id, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(loc, "/forms/"), "?done=upload"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	ctx := storetest.As(a.FillerA)
	f, err := a.S.Form(ctx, id)
	if err != nil || f.Version != 1 || f.Status != jixiao.StatusDraft || f.Errors != 3 || f.OrgID != a.UnitA.ID ||
		f.Program != storetest.Program || f.Year != 2020 || len(f.Form.Indicators) != 30 {
		t.Fatalf("the stored form: %+v (%v)", f, err)
	}
	revs, err := a.S.Revisions(ctx, id)
	if err != nil || len(revs) != 1 || revs[0].Source != "朝阳区自评表.docx" {
		t.Errorf("revisions %+v (%v), want one from the file", revs, err)
	}
	entries, err := a.S.Log(ctx, store.LogFilter{FormID: id})
	if err != nil || len(entries) != 1 || entries[0].Action != jixiao.ActionFormCreate || !strings.Contains(entries[0].Detail, "来自文件 朝阳区自评表.docx") {
		t.Errorf("log %+v (%v), want the creation from the file", entries, err)
	}
	shown := c.get(loc)
	if !strings.Contains(shown.body, "已从上传的文件新建自评表") || !strings.Contains(shown.body, `id="replace-upload"`) {
		t.Errorf("the form's page after saving:\n%s", shown.body)
	}

	// the first preview's save posted again would be a second form of one
	// unit, program and year: refused, shown in Chinese
	if dup := c.postMultipart("/upload/save", create); dup.StatusCode != http.StatusConflict || !strings.Contains(dup.body, "已存在") {
		t.Errorf("a duplicate: %d\n%s", dup.StatusCode, dup.body)
	}
	// the same file uploaded again for the same unit, program and year
	// replaces the form that exists
	again := c.uploadFile("/upload", "朝阳区自评表.docx", referenceDocx(t), "org", strconv.FormatInt(a.UnitA.ID, 10))
	if !strings.Contains(again.body, `id="upload-existing"`) || !strings.Contains(again.body, `name="version" value="1"`) {
		t.Errorf("the second preview does not offer to replace the existing form:\n%s", again.body)
	}
	resp = c.postMultipart("/upload/save", saveFields(t, again.body))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/forms/%d?done=replace", id) {
		t.Errorf("replacing: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), resp.body)
	}
	if _, total, err := a.S.Forms(ctx, store.FormFilter{}); err != nil || total != 1 {
		t.Errorf("%d forms (%v), want 1", total, err)
	}
}

// newAppOn is the web application over s (a storetest world), for tests
// run on both backends.
func newAppOn(t *testing.T, s *store.Store) *app {
	t.Helper()
	w := storetest.NewWorld(t, s)
	h, err := web.New(s, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &app{World: w, srv: srv}
}

// Replacing a form from a file: the preview warns where the file's year
// differs from the form's; saving from a version that is no longer current
// is a conflict shown in Chinese and changes nothing; saving from the
// current version makes the next one. On both backends.
func TestUploadReplace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a := newAppOn(t, s)
		ctx := storetest.As(a.FillerA)
		f := a.newForm(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
		c := a.client(t)
		c.login("zy_a")
		target := "/upload?form=" + strconv.FormatInt(f.ID, 10)
		if page := c.get(target); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "上传文件替换自评表") {
			t.Fatalf("replace page: %d\n%s", page.StatusCode, page.body)
		}
		prev := c.uploadFile(target, "新版.docx", referenceDocx(t))
		if prev.StatusCode != http.StatusOK || !strings.Contains(prev.body, "文件写的是 2020 年度，而被替换的表是 2021 年度的表") {
			t.Fatalf("preview: %d\n%s", prev.StatusCode, prev.body)
		}
		fields := saveFields(t, prev.body)

		// someone saves in between
		if _, err := a.S.SaveForm(ctx, f.ID, 1, storetest.CleanForm(t)); err != nil {
			t.Fatal(err)
		}
		before, err := a.S.Form(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		stale := c.postMultipart("/upload/save", fields)
		if stale.StatusCode != http.StatusConflict || !strings.Contains(stale.body, "保存冲突") || !strings.Contains(stale.body, `id="save-error"`) {
			t.Errorf("a stale save: %d\n%s", stale.StatusCode, stale.body)
		}
		after, err := a.S.Form(ctx, f.ID)
		if err != nil || after.Version != 2 || after.Hash != before.Hash {
			t.Fatalf("the stale save changed the form: version %d (%v)", after.Version, err)
		}

		resp := c.postMultipart("/upload/save", set(fields, "version", "2"))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/forms/%d?done=replace", f.ID) {
			t.Fatalf("save: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), resp.body)
		}
		if got, err := a.S.Form(ctx, f.ID); err != nil || got.Version != 3 || got.Errors != 3 {
			t.Errorf("after replacing: %+v (%v), want version 3 with the file's 3 errors", got, err)
		}
		sum := sha256.Sum256(referenceDocx(t))
		revs, err := a.S.Revisions(ctx, f.ID)
		if err != nil || len(revs) != 3 || revs[2].Source != "新版.docx" || revs[1].Source != "" {
			t.Errorf("revisions %+v (%v), want the third from the file", revs, err)
		}
		entries, err := a.S.Log(ctx, store.LogFilter{FormID: f.ID})
		if err != nil || !slices.ContainsFunc(entries, func(e *jixiao.LogEntry) bool {
			return strings.HasSuffix(e.Detail, "第 3 版（3 个错误、6 个警告），来自文件 新版.docx")
		}) {
			t.Errorf("log %+v (%v), want the third version from the file", entries, err)
		}
		var stored string
		if err := s.DB().QueryRow("SELECT source_hash FROM form_revisions WHERE form_id = $1 AND version = 3", f.ID).Scan(&stored); err != nil || stored != hex.EncodeToString(sum[:]) {
			t.Errorf("the revision's source hash %q (%v), want the file's SHA-256", stored, err)
		}
	})
}

// A file that cannot be read shows the upload page again with the Chinese
// reason and a 4xx, never a 500; a hostile file is refused within the
// CLI's limits, as the CLI refuses it.
func TestUploadUnreadable(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")
	var bomb hostile.Case
	for _, hc := range hostile.Cases() {
		if hc.Want == hostile.Refused && strings.HasSuffix(hc.File, ".docx") {
			bomb = hc
			break
		}
	}
	bombData, err := bomb.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
		code int
		want string
	}{
		{"坏文件.docx", []byte("PK\x03\x04 this is not a Word file"), http.StatusUnprocessableEntity, "坏文件.docx："},
		{"空白.txt", []byte(" \n"), http.StatusUnprocessableEntity, "空白.txt：文件为空"},
		{"报告.pdf", []byte("%PDF-1.4"), http.StatusUnprocessableEntity, "报告.pdf："},
		{"大.txt", bytes.Repeat([]byte("一"), jixiao.MaxFileSize/3+1), http.StatusRequestEntityTooLarge, "大.txt：文件超过上限 20 MB"},
		{bomb.File, bombData, http.StatusUnprocessableEntity, bomb.File + "："},
	} {
		resp := c.uploadFile("/upload", tc.name, tc.data)
		if resp.StatusCode != tc.code || !strings.Contains(resp.body, `id="upload-error"`) || !strings.Contains(resp.body, tc.want) ||
			!strings.Contains(resp.body, `id="file"`) {
			t.Errorf("%s (%s): %d, want %d with %q:\n%.2000s", tc.name, bomb.ID, resp.StatusCode, tc.code, tc.want, resp.body)
		}
	}
	if _, total, err := a.S.Forms(storetest.As(a.FillerA), store.FormFilter{}); err != nil || total != 0 {
		t.Errorf("%d forms stored (%v)", total, err)
	}
	// a save whose form is not a form: 4xx, nothing stored
	resp := c.postMultipart("/upload/save", []string{"org", strconv.FormatInt(a.UnitA.ID, 10), "program", "x", "year", "2021",
		"document", `{"format": "jixiao.form", "version": 2, "forms": [{"indicators": 5}]}`})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.body, "预览内容.json") {
		t.Errorf("a broken document: %d\n%s", resp.StatusCode, resp.body)
	}
}

// Only a unit's fillers create and replace its forms: a department
// reviewer is refused (403: they see the form), another unit's filler does
// not find it (404); the preview still works for them, and offers saving
// only to a filler (for their own unit).
func TestUploadAuthorisation(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	unit := a.client(t)
	unit.login("zy_a")
	prev := unit.uploadFile("/upload", "自评表.docx", referenceDocx(t))
	create := saveFields(t, prev.body) // 2020: UnitA has only a 2021 form
	replace := saveFields(t, unit.uploadFile("/upload?form="+strconv.FormatInt(f.ID, 10), "自评表.docx", referenceDocx(t)).body)

	for _, tc := range []struct {
		user           string
		create, replay int
	}{
		{"zy_rev", http.StatusForbidden, http.StatusForbidden},
		{"zy_b", http.StatusForbidden, http.StatusNotFound},
		{"central", http.StatusForbidden, http.StatusForbidden},
	} {
		c := a.client(t)
		c.login(tc.user)
		p := c.uploadFile("/upload", "自评表.docx", referenceDocx(t))
		if filler := tc.user == "zy_b"; p.StatusCode != http.StatusOK || strings.Contains(p.body, `id="save"`) != filler ||
			strings.Contains(p.body, `id="upload-refusal"`) == filler {
			t.Errorf("%s previews: %d, want the check, with a save button only for a filler:\n%s", tc.user, p.StatusCode, p.body)
		}
		if resp := c.postMultipart("/upload/save", create); resp.StatusCode != tc.create {
			t.Errorf("%s creates a form of %s: %d, want %d\n%s", tc.user, a.UnitA.Name, resp.StatusCode, tc.create, resp.body)
		}
		if resp := c.postMultipart("/upload/save", replace); resp.StatusCode != tc.replay {
			t.Errorf("%s replaces form %d: %d, want %d\n%s", tc.user, f.ID, resp.StatusCode, tc.replay, resp.body)
		}
	}
	if _, total, err := a.S.Forms(storetest.System(), store.FormFilter{}); err != nil || total != 1 {
		t.Errorf("%d forms (%v), want the one", total, err)
	}
	// a form in review is not replaced: the page says why, a save is refused
	if _, err := a.S.Submit(storetest.As(a.FillerA), f.ID, 1); err != nil {
		t.Fatal(err)
	}
	if page := unit.get("/upload?form=" + strconv.FormatInt(f.ID, 10)); !strings.Contains(page.body, "正在审核，不能替换") {
		t.Errorf("the replace page of a submitted form:\n%s", page.body)
	}
	if resp := unit.postMultipart("/upload/save", replace); resp.StatusCode != http.StatusConflict || !strings.Contains(resp.body, "已提交") {
		t.Errorf("replacing a submitted form: %d\n%s", resp.StatusCode, resp.body)
	}
	if got, err := a.S.Form(storetest.System(), f.ID); err != nil || got.Version != 1 || got.Status != jixiao.StatusSubmitted {
		t.Errorf("form %d changed: %+v (%v)", f.ID, got, err)
	}
	// a done message is not a workflow action
	if resp := unit.post(fmt.Sprintf("/forms/%d/upload", f.ID), url.Values{"version": {"1"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /forms/%d/upload: %d", f.ID, resp.StatusCode)
	}
}

// Every format the CLI reads previews the same: the reference form as
// text, Excel and a JSON form file shows its three errors in their cells.
func TestUploadFormats(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")
	var js bytes.Buffer
	if err := jsonform.Write(&js, []*jixiao.Form{storetest.RefForm(t)}); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"自评表.json": js.Bytes()}
	for _, ext := range []string{"txt", "xlsx"} {
		data, err := os.ReadFile(reftest.Path(ext))
		if err != nil {
			t.Fatal(err)
		}
		files["自评表."+ext] = data
	}
	for name, data := range files {
		prev := c.uploadFile("/upload", name, data)
		if prev.StatusCode != http.StatusOK || strings.Count(prev.body, `class="finding sev-error"`) != 3 || !strings.Contains(prev.body, `id="save"`) {
			t.Errorf("%s: %d\n%.3000s", name, prev.StatusCode, prev.body)
		}
	}
}

// An old .doc is converted by LibreOffice (here a stand-in that gives the
// reference .docx, so the test needs no LibreOffice) and previewed like a
// .docx.
func TestUploadOldWord(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the LibreOffice stand-in is a shell script")
	}
	script := filepath.Join(t.TempDir(), "soffice")
	src := "#!/bin/sh\nout=\nwhile [ $# -gt 0 ]; do [ \"$1\" = --outdir ] && out=$2; shift; done\ncp '" + reftest.Path("docx") + "' \"$out/form.docx\"\n"
	if err := os.WriteFile(script, []byte(src), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("JIXIAO_SOFFICE", script)
	a := newApp(t, web.Options{})
	c := a.client(t)
	c.login("zy_a")
	old := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3}
	prev := c.uploadFile("/upload", "自评表.doc", old)
	if prev.StatusCode != http.StatusOK || strings.Count(prev.body, `class="finding sev-error"`) != 3 || !strings.Contains(prev.body, `id="save"`) {
		t.Errorf("a .doc: %d\n%.3000s", prev.StatusCode, prev.body)
	}
}
