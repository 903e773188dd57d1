package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// Issue 12, point 6: hostile text in every field a user types. Each value
// is stored and shown back exactly — without its control characters, for
// form cells (jixiao.WithoutControls, the part of jixiao.CleanText that
// applies to typed text: no page, .xlsx or .docx can show them) — escaped
// on every page (no markup of it survives: checkNoInlineCode), as text in the .xlsx
// (a string cell, never a formula, even when it starts with = + - @) and in
// the .docx. What is longer than a limit allows is refused with a Chinese
// 4xx, never cut.
var hostileTexts = []struct{ name, text string }{
	{"html", `<script>alert("x")</script><img src=x onerror=alert(1)><b>粗</b>&amp;&lt;`},
	{"attribute", `" onmouseover="alert(1)" x='`},
	{"sql", `'; DROP TABLE forms; -- " OR '1'='1`},
	{"formula =", `=HYPERLINK("http://evil.example/","点击")`},
	{"formula +", `+1+cmd|' /C calc'!A0`},
	{"formula -", `-2+3`},
	{"formula @", `@SUM(1+1)`},
	{"control", "甲\x00乙\x01丙\x07丁\x1b戊\x7f己\u0085庚\tend"},
	{"right-to-left", "\u202Egnp.exe\u202C 与 \u200F阿拉伯\u200E \u2067隔离\u2069"},
	{"lines", "第一行\n第二行\n\n第四行"},
}

// longText is 100,000 characters: past every limit on typed text.
var longText = strings.Repeat("长", 100_000)

// shownBack is what a form cell holding text reads back as.
func shownBack(text string) string { return jixiao.WithoutControls(text) }

// pageTexts is every text node and attribute value of page, unescaped.
func pageTexts(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data + "\x00")
		case html.ElementNode:
			for _, at := range n.Attr {
				b.WriteString(at.Val + "\x00")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// showsEscaped checks page shows text as text: found once unescaped, and
// none of it became markup.
func showsEscaped(t *testing.T, what string, resp *response, text string) {
	t.Helper()
	checkNoInlineCode(t, what, resp.body)
	if !strings.Contains(pageTexts(t, resp.body), text) {
		t.Errorf("%s: the page does not show %q", what, text)
	}
	for _, raw := range []string{"<script>alert", "<img src=x", "<b>粗</b>", `onmouseover="alert`} {
		if strings.Contains(text, raw) && strings.Contains(resp.body, raw) {
			t.Errorf("%s: %q is not escaped", what, raw)
		}
	}
}

// TestHostileTextForm: form cells saved through the editor and through
// the API, then read back through the API, the form page, the print view,
// the .xlsx and the .docx.
func TestHostileTextForm(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f, err := a.S.CreateForm(storetest.As(a.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: a.UnitA.ID, Form: storetest.CleanForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	c := a.client(t)
	c.login("zy_a")
	id := strconv.FormatInt(f.ID, 10)
	version := f.Version
	fields := []string{"notes", "ind.0.name", "ind.0.reason", "header.local_dept", "goal.goal"}
	get := func(f *jixiao.Form, name string) string {
		switch name {
		case "notes":
			return f.Notes
		case "ind.0.name":
			return f.Indicators[0].Name
		case "ind.0.reason":
			return f.Indicators[0].Reason
		case "header.local_dept":
			return f.Header.LocalDept
		}
		return f.Goal
	}
	stored := func(t *testing.T) *jixiao.StoredForm {
		t.Helper()
		resp := c.get("/api/forms/" + id)
		var sf jixiao.StoredForm
		if err := json.Unmarshal([]byte(resp.body), &sf); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/forms/%s: %d %v", id, resp.StatusCode, err)
		}
		return &sf
	}
	for _, h := range hostileTexts {
		want := shownBack(h.text)
		t.Run(h.name, func(t *testing.T) {
			// the editor's save (without scripts: a redirect to the page)
			v := url.Values{"_base": {strconv.Itoa(version)}}
			for _, name := range fields {
				v.Set(name, h.text)
			}
			if resp := c.post("/forms/"+id+"/save", v); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("editor save: %d\n%s", resp.StatusCode, excerpt(resp.body))
			}
			sf := stored(t)
			version = sf.Version
			for _, name := range fields {
				if got := get(sf.Form, name); got != want {
					t.Errorf("%s after the editor's save: %q, want %q", name, got, want)
				}
			}
			showsEscaped(t, "the form page", c.get("/forms/"+id), want)
			showsEscaped(t, "the print view", c.get("/forms/"+id+"/print"), want)
			checkXLSX(t, c.get("/forms/"+id+"/download/xlsx?review=1"), want)
			checkDOCX(t, c.get("/forms/"+id+"/download/docx"), want)

			// the API's save: the form as JSON, another value in each field
			sf.Form.Notes, sf.Form.Indicators[1].Name = "API："+h.text, "API："+h.text
			var doc bytes.Buffer
			if err := jsonform.Write(&doc, []*jixiao.Form{sf.Form}); err != nil {
				t.Fatal(err)
			}
			req := c.request("PUT", "/api/forms/"+id+"?version="+strconv.Itoa(version), &doc)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded") // as curl -d sends it: still read as JSON
			if resp := c.do(req); resp.StatusCode != http.StatusOK {
				t.Fatalf("API save: %d %s", resp.StatusCode, excerpt(resp.body))
			}
			sf = stored(t)
			version = sf.Version
			if want := shownBack("API：" + h.text); sf.Form.Notes != want || sf.Form.Indicators[1].Name != want {
				t.Errorf("after the API's save: %q, %q, want %q", sf.Form.Notes, sf.Form.Indicators[1].Name, want)
			}
		})
	}
	t.Run("100,000 characters", func(t *testing.T) {
		for _, name := range fields {
			resp := c.post("/forms/"+id+"/save", url.Values{"_base": {strconv.Itoa(version)}, name: {longText}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.body, "太长") || !strings.Contains(resp.body, "一格最多 64 KB") {
				t.Errorf("editor save of %s: %d\n%s", name, resp.StatusCode, excerpt(resp.body))
			}
		}
		sf := stored(t)
		sf.Form.Notes = longText
		var doc bytes.Buffer
		if err := jsonform.Write(&doc, []*jixiao.Form{sf.Form}); err != nil {
			t.Fatal(err)
		}
		req := c.request("PUT", "/api/forms/"+id+"?version="+strconv.Itoa(version), &doc)
		req.Header.Set("Content-Type", "application/json")
		resp := c.do(req)
		if msg, _ := apiError(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "上限") {
			t.Errorf("API save: %d %s", resp.StatusCode, excerpt(resp.body))
		}
		if sf := stored(t); sf.Version != version {
			t.Errorf("a refused save made version %d", sf.Version)
		}
	})
}

// checkXLSX finds text in a cell of the workbook and checks every cell
// holding it is a string, not a formula.
func checkXLSX(t *testing.T, resp *response, text string) {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("xlsx download: %d %s", resp.StatusCode, excerpt(resp.body))
	}
	x, err := excelize.OpenReader(strings.NewReader(resp.body))
	if err != nil {
		t.Fatalf("the .xlsx does not open: %v", err)
	}
	defer x.Close()
	found := 0
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for col, v := range row {
				if !strings.Contains(v, text) {
					continue
				}
				found++
				cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
				typ, err := x.GetCellType(sheet, cell)
				if err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
					t.Errorf("xlsx %s!%s holding %q: cell type %v (%v), want a string", sheet, cell, text, typ, err)
				}
				if f, _ := x.GetCellFormula(sheet, cell); f != "" {
					t.Errorf("xlsx %s!%s holding %q is a formula: %q", sheet, cell, text, f)
				}
			}
		}
	}
	if found == 0 {
		t.Errorf("no cell of the .xlsx holds %q", text)
	}
}

// checkDOCX reads the .docx with the project's reader and finds text.
func checkDOCX(t *testing.T, resp *response, text string) {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("docx download: %d %s", resp.StatusCode, excerpt(resp.body))
	}
	doc, err := docx.ReadDocument("form.docx", []byte(resp.body))
	if err != nil {
		t.Fatalf("the .docx does not read: %v", err)
	}
	var all strings.Builder
	for _, b := range doc.Blocks {
		all.WriteString(b.Paragraph + "\x00")
		if b.Table != nil {
			for _, row := range b.Table.Rows {
				for _, cell := range row.Cells {
					all.WriteString(cell.Text + "\x00")
				}
			}
		}
	}
	if !strings.Contains(all.String(), text) {
		t.Errorf("the .docx does not hold %q", text)
	}
}

// TestHostileTextOtherFields: comments, a return's reason, user names,
// organisation names and the names of uploaded files, each shown back as
// typed — without control characters and blank space at the ends (the
// store's rule for comments and names) — escaped; too long, a Chinese 422.
func TestHostileTextOtherFields(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	ctx := storetest.As(a.FillerA)
	f, err := a.S.CreateForm(ctx, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: a.UnitA.ID, Form: storetest.CleanForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	unit, rev, admin := a.client(t), a.client(t), a.client(t)
	unit.login("zy_a")
	rev.login("zy_rev")
	admin.login("admin")
	page := "/forms/" + strconv.FormatInt(f.ID, 10)
	typed := func(text string) string { return strings.TrimSpace(jixiao.WithoutControls(text)) }
	for i, h := range hostileTexts {
		want := typed(h.text)
		t.Run(h.name, func(t *testing.T) {
			if resp := unit.post(page+"/comment", url.Values{"comment": {h.text}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("comment: %d\n%s", resp.StatusCode, excerpt(resp.body))
			}
			showsEscaped(t, "a comment on the form page", unit.get(page), want)

			sf, err := a.S.Submit(ctx, f.ID, f.Version)
			if err != nil {
				t.Fatal(err)
			}
			if resp := rev.post(page+"/return", url.Values{"version": {strconv.Itoa(sf.Version)}, "comment": {h.text}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("return: %d\n%s", resp.StatusCode, excerpt(resp.body))
			}
			showsEscaped(t, "a return's reason on the form page", unit.get(page), want)

			username := "hostile_" + strconv.Itoa(i)
			resp := admin.post("/admin/users", url.Values{"username": {username}, "name": {h.text}, "password": {"long-enough-1"}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("user: %d\n%s", resp.StatusCode, excerpt(resp.body))
			}
			showsEscaped(t, "the user's page", admin.get(resp.Header.Get("Location")), want)
			showsEscaped(t, "the users' list", admin.get("/admin/users?q="+username), want)

			org := typed(h.text + strconv.Itoa(i))
			resp = admin.post("/admin/orgs", url.Values{"name": {h.text + strconv.Itoa(i)}, "kind": {"unit"}, "region": {"110105"},
				"parent": {strconv.FormatInt(a.Chaoyang.ID, 10)}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("organisation: %d\n%s", resp.StatusCode, excerpt(resp.body))
			}
			showsEscaped(t, "the organisations' page", admin.get(resp.Header.Get("Location")), org)

			// a file's name: as the multipart reader gives it (its base
			// name: no folder), shown on the preview
			if !strings.ContainsAny(h.text, "/\\\"\r\n") && !strings.ContainsFunc(h.text, jixiao.IsControl) {
				name := h.text + ".txt"
				resp := unit.upload("/upload", name, []byte(reftest.Text(t)), unit.sameOrigin()...)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("upload named %q: %d\n%s", name, resp.StatusCode, excerpt(resp.body))
				}
				showsEscaped(t, "the preview of an upload", resp, name)
			}
		})
	}
	t.Run("every page", func(t *testing.T) {
		// the names and comments above on the pages that list them, and a
		// user named with markup on their own pages
		named := a.client(t)
		named.loginWith("hostile_0", "long-enough-1")
		for who, paths := range map[*client][]string{
			admin: {"/log", "/admin/users", "/admin/orgs", "/admin/regions?parent=110105"},
			rev:   {"/", "/forms", "/reporting", "/rollup", "/compare", page, page + "/print"},
			unit:  {"/", "/forms", "/upload", "/forms/new"},
			named: {"/", "/password", "/forms"},
		} {
			for _, path := range paths {
				resp := who.get(path)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("%s: %d", path, resp.StatusCode)
				}
				checkNoInlineCode(t, path, resp.body)
			}
		}
		showsEscaped(t, "a user named with markup, on their 工作台", named.get("/"), typed(hostileTexts[0].text))
	})
	t.Run("100,000 characters", func(t *testing.T) {
		// past the limit of a posted form (64 KB): 413; past the limit of
		// the field, within the body's: 422
		for _, tc := range []struct {
			text   string
			status int
			says   string
		}{{longText, http.StatusRequestEntityTooLarge, "提交的内容太大（上限 64 KB）"}, {strings.Repeat("a", 30_000), http.StatusUnprocessableEntity, "最多"}} {
			for what, resp := range map[string]*response{
				"comment":      unit.post(page+"/comment", url.Values{"comment": {tc.text}}),
				"return":       rev.post(page+"/return", url.Values{"version": {"1"}, "comment": {tc.text}}),
				"user name":    admin.post("/admin/users", url.Values{"username": {"long_name"}, "name": {tc.text}, "password": {"long-enough-1"}}),
				"organisation": admin.post("/admin/orgs", url.Values{"name": {tc.text}, "kind": {"unit"}, "region": {"110105"}, "parent": {strconv.FormatInt(a.Chaoyang.ID, 10)}}),
			} {
				if resp.StatusCode != tc.status || !strings.Contains(resp.body, tc.says) {
					t.Errorf("%s of %d bytes: %d, want %d saying %s\n%s", what, len(tc.text), resp.StatusCode, tc.status, tc.says, excerpt(resp.body))
				}
			}
		}
		resp := unit.upload("/upload", longText+".txt", []byte(reftest.Text(t)), unit.sameOrigin()...)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.body, "文件名太长") {
			t.Errorf("a file name of 100,000 characters: %d\n%s", resp.StatusCode, excerpt(resp.body))
		}
	})
}
