package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// seqs are the sequence numbers of the entries a log page lists, in order.
func seqs(page *response) []int {
	var out []int
	for _, m := range regexp.MustCompile(`<tr id="seq-(\d+)"`).FindAllStringSubmatch(page.body, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// The log page lists the entries newest first, fifty at a time, filtered
// by action or form, under the chain's status with its full head hash;
// after a row is edited in the database file, verifying again names the
// entry in Chinese.
func TestLogPage(t *testing.T) {
	t.Parallel()
	a := newApp(t, web.Options{})
	f := a.newForm(t, a.FillerA, a.UnitA, storetest.CleanForm(t))
	for i := range 40 {
		if _, err := a.S.AddComment(storetest.As(a.FillerA), f.ID, "第 "+strconv.Itoa(i)+" 条说明<script>alert(1)</script>"); err != nil {
			t.Fatal(err)
		}
	}
	all, err := a.S.Log(storetest.System(), store.LogFilter{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	n := len(all)
	head := all[n-1]
	admin := a.client(t)
	admin.login("admin")

	page := admin.get("/log")
	checkNoInlineCode(t, "log", page.body)
	contains(t, "log", page, "日志链完整", "第 1 条至第 "+strconv.Itoa(n)+" 条记录逐条校验无误", head.Hash,
		"&lt;script&gt;alert(1)&lt;/script&gt;", "评论", "张三（zy_a）", `href="/log?form=`+strconv.FormatInt(f.ID, 10)+`"`,
		`<code title="`+head.Hash+`">`+head.Hash[:12]+`</code>`)
	if !regexp.MustCompile(`<td>20\d\d-\d\d-\d\d \d\d:\d\d:\d\d</td>`).MatchString(page.body) {
		t.Error("entries' times are not shown to the second")
	}
	got := seqs(page)
	if len(got) != 50 || got[0] != n || got[49] != n-49 {
		t.Fatalf("first page: %v (of %d)", got, n)
	}
	older := regexp.MustCompile(`href="(/log\?before=\d+)" rel="next"`).FindStringSubmatch(page.body)
	if older == nil || strings.Contains(page.body, `rel="prev"`) {
		t.Fatalf("first page's links:\n%s", page.body)
	}
	page = admin.get(older[1])
	if got := seqs(page); len(got) != n-50 || got[0] != n-50 || got[len(got)-1] != 1 || strings.Contains(page.body, `rel="next"`) {
		t.Errorf("second page: %v", got)
	}
	newer := regexp.MustCompile(`href="(/log\?after=\d+)" rel="prev"`).FindStringSubmatch(page.body)
	if newer == nil {
		t.Fatalf("second page's links:\n%s", page.body)
	}
	if got := seqs(admin.get(newer[1])); len(got) != 50 || got[0] != n || got[49] != n-49 {
		t.Errorf("back to the newest: %v", got)
	}

	page = admin.get("/log?action=user.create")
	if got := seqs(page); len(got) != 8 {
		t.Errorf("user.create entries: %v", got)
	}
	contains(t, "filtered", page, `<option value="user.create" selected>新建用户</option>`)
	if got := seqs(admin.get("/log?form=" + strconv.FormatInt(f.ID, 10) + "&action=form.comment")); len(got) != 40 {
		t.Errorf("the form's comments: %d entries", len(got))
	}
	if got := seqs(admin.get("/log?seq=5")); len(got) != 5 || got[0] != 5 {
		t.Errorf("from entry 5: %v", got)
	}
	if got := seqs(admin.get("/log?before=x&after=-3")); len(got) != 50 || got[0] != n {
		t.Errorf("a position that is not a number: %v", got)
	}

	// Edited in the database behind the system's back: the page keeps its
	// last verification (with its time) until verified again.
	if _, err := a.S.DB().Exec("UPDATE log_entries SET detail = detail || '（已更正）' WHERE seq = 7"); err != nil {
		t.Fatal(err)
	}
	contains(t, "before verifying", admin.get("/log"), "日志链完整")
	resp := admin.post("/log/verify", nil)
	page = admin.redirected("verify", resp, "/log?")
	contains(t, "broken", page, "已重新校验整条日志链", "日志链已被改动", "第 7 条记录的内容被修改（与其哈希不符）",
		"第 7 条之前的 6 条记录校验无误", `href="/log?seq=7#seq-7"`)
	if strings.Contains(page.body, "日志链完整") {
		t.Error("a broken chain is shown as intact")
	}
	if !regexp.MustCompile(`<section class="chain chain-broken" role="alert"`).MatchString(page.body) {
		t.Error("the break is not announced as an alert")
	}
	contains(t, "the broken entry", admin.get("/log?seq=7"), `<tr id="seq-7" class="target">`)

	// another server over the same database verifies at its first view
	other, err := web.New(a.S, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", "/log", nil)
	for _, c := range admin.http.Jar.Cookies(mustURL(t, admin.base)) {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	other.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), "第 7 条记录的内容被修改") {
		t.Errorf("a new server's first view:\n%s", rec.Body.String())
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
