package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// redirected checks that resp is a 303 to a page starting with prefix and
// returns that page, fetched by c.
func (c *client) redirected(what string, resp *response, prefix string) *response {
	c.t.Helper()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		c.t.Fatalf("%s: %d to %q, want 303 to %s…:\n%s", what, resp.StatusCode, loc, prefix, resp.body)
	}
	page := c.get(loc)
	if page.StatusCode != http.StatusOK {
		c.t.Fatalf("%s: %s is %d:\n%s", what, loc, page.StatusCode, page.body)
	}
	checkNoInlineCode(c.t, what, page.body)
	return page
}

// contains fails unless every text is in page.
func contains(t *testing.T, what string, page *response, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(page.body, s) {
			t.Errorf("%s: %q missing:\n%s", what, s, page.body)
			return
		}
	}
}

// An administrator creates a user, grants a role, and the user signs in
// and sees what the role allows (their unit's form, no administration);
// disabling the user ends their session. Refusals show the page again with
// the reason and what was typed, never the password; a name with markup
// shows as text.
func TestAdminManagesUsers(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	other := a.newForm(t, a.FillerH, a.UnitH, storetest.CleanForm(t))
	admin := a.client(t)
	admin.login("admin")
	list := admin.get("/admin/users")
	checkNoInlineCode(t, "users", list.body)
	contains(t, "users", list, "zy_a", "张三", "单位填报人（朝阳区知识产权服务中心）", "新建用户")

	const evil = "<script>alert(1)</script>"
	const typed = "first-pass-9"
	page := admin.redirected("create", admin.post("/admin/users", url.Values{"username": {"new_a"}, "name": {evil}, "password": {typed}}), "/admin/users/")
	contains(t, "created", page, "已新建用户 new_a", "&lt;script&gt;alert(1)&lt;/script&gt;", "还没有角色")
	path := page.Request.URL.Path
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/admin/users/"), 10, 64)
	if err != nil {
		t.Fatalf("the new user's page: %s", path)
	}

	// refused: the same name again; the name is kept, the password is not
	resp := admin.post("/admin/users", url.Values{"username": {"new_a"}, "name": {"另一个"}, "password": {"secret-pass-7"}})
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("a second new_a: %d", resp.StatusCode)
	}
	contains(t, "duplicate", resp, "用户名“new_a”已被使用", `value="new_a"`, `value="另一个"`)
	if strings.Contains(resp.body, "secret-pass-7") {
		t.Error("a refused creation shows the typed password")
	}
	// refused: a filler's role on a department; the choice is kept
	resp = admin.post(path+"/grant", url.Values{"role": {"filler"}, "org": {strconv.FormatInt(a.Chaoyang.ID, 10)}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("filler of a department: %d", resp.StatusCode)
	}
	contains(t, "bad grant", resp, "单位填报人 只能属于资金使用单位", `<option value="filler" selected>`,
		`<option value="`+strconv.FormatInt(a.Chaoyang.ID, 10)+`" selected>`)

	resp = admin.post(path+"/grant", url.Values{"role": {"reviewer"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a role without its organisation: %d", resp.StatusCode)
	}
	contains(t, "no organisation", resp, "请选择角色所属的单位：部门审核人属于地方主管部门")

	page = admin.redirected("grant", admin.post(path+"/grant", url.Values{"role": {"filler"}, "org": {strconv.FormatInt(a.UnitA.ID, 10)}}), path)
	contains(t, "granted", page, "已授予 new_a 角色", "单位填报人（朝阳区知识产权服务中心")

	user := a.client(t)
	user.loginWith("new_a", typed)
	forms := user.get("/forms")
	contains(t, "the new user's forms", forms, "/forms/"+strconv.FormatInt(f.ID, 10)+`"`)
	if strings.Contains(forms.body, "/forms/"+strconv.FormatInt(other.ID, 10)+`"`) || strings.Contains(forms.body, `href="/admin"`) || strings.Contains(forms.body, `href="/log"`) {
		t.Errorf("the new filler sees another unit's form or the administration:\n%s", forms.body)
	}
	if resp := user.get("/admin/users"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the new filler on /admin/users: %d", resp.StatusCode)
	}
	contains(t, "one session", admin.get("/admin/users"), `<td class="num">1</td>`)

	page = admin.redirected("disable", admin.post(path+"/disable", nil), path)
	contains(t, "disabled", page, "已停用用户 new_a", "恢复此用户")
	if resp := user.get("/forms"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("a disabled user's session: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n, err := a.S.UserSessions(t.Context(), id, store.DefaultLoginPolicy()); err != nil || n != 0 {
		t.Errorf("sessions of the disabled user: %d %v", n, err)
	}
	admin.redirected("enable", admin.post(path+"/enable", nil), path)

	// a password left empty is generated and shown once, in the answer to
	// the post (never in an address)
	resp = admin.post(path+"/password", url.Values{"password": {""}})
	m := regexp.MustCompile(`<code class="hash">([A-Z2-7]{26})</code>`).FindStringSubmatch(resp.body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("generated password: %d\n%s", resp.StatusCode, resp.body)
	}
	contains(t, "reset", resp, "只显示这一次", "已重置 new_a 的密码")
	if strings.Contains(admin.get(path).body, m[1]) {
		t.Error("the generated password shows again")
	}
	user.loginWith("new_a", m[1])
	contains(t, "revoke", admin.redirected("revoke", admin.post(path+"/revoke", url.Values{"role": {"filler"}, "org": {strconv.FormatInt(a.UnitA.ID, 10)}}), path),
		"已撤销 new_a 的角色", "还没有角色")

	// created without a password: one is generated and shown
	resp = admin.post("/admin/users", url.Values{"username": {"new_b"}, "role": {"reviewer"}, "org": {strconv.FormatInt(a.Haidian.ID, 10)}})
	m = regexp.MustCompile(`<code class="hash">([A-Z2-7]{26})</code>`).FindStringSubmatch(resp.body)
	if resp.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("generated initial password: %d\n%s", resp.StatusCode, resp.body)
	}
	contains(t, "created with a role", resp, "部门审核人（北京市海淀区知识产权局")
	a.client(t).loginWith("new_b", m[1])

	// the administrator's own page offers no button that would lock them out
	own := admin.get("/admin/users/" + strconv.FormatInt(a.Admin.ID, 10))
	contains(t, "own page", own, "这是您自己的账户")
	if strings.Contains(own.body, "/disable") {
		t.Error("the administrator's own page offers to disable them")
	}

	// every change is in the log, escaped there too
	log := admin.get("/log")
	contains(t, "log", log, "新建用户 new_a（&lt;script&gt;", "授予 new_a 角色", "停用用户 new_a", "修改了 new_a 的密码")
}

// Nobody but an administrator reaches the log or the administration: 403
// (the store refuses them as forbidden; the pages' existence is no secret,
// unlike a form's), and their menu has no link to them. The administrator's
// has.
func TestAdminRefusesOthers(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	gets := []string{"/log", "/admin", "/admin/users", "/admin/users/1", "/admin/orgs", "/admin/regions", "/admin/regions?parent=110000"}
	posts := []string{"/log/verify", "/admin/users", "/admin/users/1/grant", "/admin/users/1/disable", "/admin/users/1/password",
		"/admin/orgs", "/admin/regions/load"}
	for _, u := range []*jixiao.User{a.FillerA, a.RevChaoyang, a.RevBeijing, a.Viewer} {
		c := a.client(t)
		c.login(u.Username)
		home := c.get("/")
		if strings.Contains(home.body, `href="/log"`) || strings.Contains(home.body, `href="/admin"`) {
			t.Errorf("%s's menu links to the administration", u.Username)
		}
		for _, p := range gets {
			if resp := c.get(p); resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.body, "只供系统管理员使用") {
				t.Errorf("%s GET %s: %d", u.Username, p, resp.StatusCode)
			}
		}
		for _, p := range posts {
			resp := c.post(p, url.Values{"username": {"x_" + u.Username}, "password": {"long-enough-1"}, "role": {"admin"},
				"org": {strconv.FormatInt(a.Central.ID, 10)}, "name": {"某单位"}, "kind": {"department"}, "region": {"110000"}})
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s POST %s: %d", u.Username, p, resp.StatusCode)
			}
		}
	}
	users, err := a.S.Users(storetest.System())
	if err != nil || len(users) != 8 {
		t.Errorf("users after the refused posts: %d %v", len(users), err)
	}
	if _, err := a.S.OrgByName(storetest.System(), "某单位"); jixiao.KindOf(err) != jixiao.KindNotFound {
		t.Errorf("a refused post created an organisation: %v", err)
	}
	visitor := a.client(t)
	for _, p := range gets {
		if resp := visitor.get(p); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
			t.Errorf("visitor GET %s: %d", p, resp.StatusCode)
		}
	}
	admin := a.client(t)
	admin.login("admin")
	home := admin.get("/")
	contains(t, "the administrator's menu", home, `href="/log"`, `href="/admin"`)
	if resp := admin.get("/admin"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users" {
		t.Errorf("/admin: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := admin.postForm("/admin/users/1/disable", nil, "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a cross-site disable: %d", resp.StatusCode)
	}
	if resp := admin.get("/admin/users/999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/admin/users/999: %d", resp.StatusCode)
	}
	if resp := admin.post("/admin/users/2/nothing", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown user action: %d", resp.StatusCode)
	}
}

// Organisations are listed as a tree and created in a stored region named
// as users write it; regions are browsed a level at a time and the
// national list loads with its counts.
func TestAdminOrgsAndRegions(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	admin := a.client(t)
	admin.login("admin")
	orgs := admin.get("/admin/orgs")
	checkNoInlineCode(t, "orgs", orgs.body)
	tree := regexp.MustCompile(`depth-(\d)">(?:<span aria-hidden="true">└ </span>)?([^<]+)</th>`).FindAllStringSubmatch(orgs.body, -1)
	var got []string
	for _, m := range tree {
		got = append(got, m[1]+" "+m[2])
	}
	want := []string{"0 国家知识产权局", "0 北京市知识产权局", "1 北京市朝阳区知识产权局", "2 朝阳区知识产权服务中心", "2 朝阳区科技园区管委会",
		"1 北京市海淀区知识产权局", "2 海淀区知识产权服务中心"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("tree:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	beijing := strconv.FormatInt(a.Beijing.ID, 10)
	resp := admin.post("/admin/orgs", url.Values{"name": {"东城区<b>x</b>局"}, "kind": {"department"}, "parent": {beijing}, "region": {"东城区"}})
	page := admin.redirected("create department", resp, "/admin/orgs?")
	contains(t, "created", page, "已新建单位“东城区&lt;b&gt;x&lt;/b&gt;局”", "北京市东城区")
	dept, err := a.S.OrgByName(storetest.System(), "东城区<b>x</b>局")
	if err != nil || dept.ParentID != a.Beijing.ID || dept.Region != "110101" {
		t.Fatalf("%+v %v", dept, err)
	}
	for _, c := range []struct {
		name string
		form url.Values
		code int
		says string
	}{
		{"a unit without a department", url.Values{"name": {"孤立单位"}, "kind": {"unit"}, "region": {"110101"}}, 422, "须有上级主管部门"},
		{"an unknown region", url.Values{"name": {"孤立单位"}, "kind": {"unit"}, "parent": {beijing}, "region": {"火星"}}, 404, "不在已载入的地区中"},
		{"no region", url.Values{"name": {"孤立单位"}, "kind": {"unit"}, "parent": {beijing}}, 422, "请填写所在地区"},
		{"a name taken", url.Values{"name": {"北京市朝阳区知识产权局"}, "kind": {"department"}, "region": {"110105"}}, 409, "已存在"},
	} {
		resp := admin.post("/admin/orgs", c.form)
		if resp.StatusCode != c.code {
			t.Errorf("%s: %d, want %d", c.name, resp.StatusCode, c.code)
		}
		contains(t, c.name, resp, c.says, `value="`+c.form.Get("name")+`"`, `value="`+c.form.Get("region")+`"`)
	}

	regions := admin.get("/admin/regions")
	checkNoInlineCode(t, "regions", regions.body)
	contains(t, "regions", regions, "已载入 5 个地区", `href="/admin/regions?parent=000000"`)
	contains(t, "beijing", admin.get("/admin/regions?parent=110000"), "北京市（110000）", "朝阳区", "北京市东城区")
	if resp := admin.get("/admin/regions?parent=999999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown region: %d", resp.StatusCode)
	}
	page = admin.redirected("load", admin.post("/admin/regions/load", nil), "/admin/regions?")
	m := regexp.MustCompile(`新增 (\d+) 个地区，更新 (\d+) 个`).FindStringSubmatch(page.body)
	if m == nil || m[1] == "0" {
		t.Fatalf("load: %s", page.body)
	}
	if n, _ := strconv.Atoi(m[1]); n < 3000 {
		t.Errorf("loaded %d regions", n)
	}
	page = admin.redirected("load again", admin.post("/admin/regions/load", nil), "/admin/regions?")
	contains(t, "load again", page, "新增 0 个地区，更新 0 个")
	contains(t, "zhejiang", admin.get("/admin/regions?parent=330000"), "杭州市")
}

// The user list shows a hundred users a page and finds users by user name,
// name or organisation. The users are written straight into the database
// (through the store each would cost an argon2 hash).
func TestAdminUserListPagesAndSearch(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	tx, err := a.S.DB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 150 {
		if _, err := tx.Exec(`INSERT INTO users (username, name, password_hash, disabled, created_at, password_changed_at)
			VALUES (?, '某人', 'x', 0, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')`, "u"+strconv.Itoa(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	admin := a.client(t)
	admin.login("admin")
	rows := regexp.MustCompile(`<th scope="row"><a href="/admin/users/\d+">([^<]+)</a>`)
	names := func(page *response) (out []string) {
		for _, m := range rows.FindAllStringSubmatch(page.body, -1) {
			out = append(out, m[1])
		}
		return out
	}
	first := admin.get("/admin/users")
	contains(t, "first page", first, "共 158 个用户，第 1 / 2 页", `href="/admin/users?page=2" rel="next"`)
	if got := names(first); len(got) != 100 || got[0] != "admin" {
		t.Errorf("first page: %d users from %v", len(got), got[:1])
	}
	second := admin.get("/admin/users?page=2")
	if got := names(second); len(got) != 58 || got[57] != "u149" || strings.Contains(second.body, `rel="next"`) {
		t.Errorf("second page: %v", got)
	}
	for q, want := range map[string]string{"u14": "u14 u140 u141 u142 u143 u144 u145 u146 u147 u148 u149",
		"科技园区": "zy_b", "张三": "zy_a", "<b>x</b>": ""} {
		page := admin.get("/admin/users?q=" + url.QueryEscape(q))
		checkNoInlineCode(t, "search "+q, page.body)
		if got := strings.Join(names(page), " "); got != want {
			t.Errorf("search %q: %q, want %q", q, got, want)
		}
	}
}
