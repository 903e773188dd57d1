package e2e

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/demo"
)

// Every page the scenario does not visit, for a role that has it, loads
// without a JavaScript or browser error, with every visible field labelled,
// and is the page it says it is (its title); with the scenario, every view
// of the application is visited in the browser.
func TestEveryOtherPage(t *testing.T) {
	exe := chromium(t)
	a := startApp(t)
	b := newBrowser(t, exe, a.url)
	ctx := jixiao.NewContextWithActor(context.Background(), jixiao.SystemActor("e2e"))
	users, err := a.store.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	filler := users[slices.IndexFunc(users, func(u *jixiao.User) bool { return u.Username == unitUser })]
	form := formPath(a.world.Forms[unitName].ID)

	// a page is a path and the start of its title; a title of 出错了 is
	// the error page of a form one may not see, answered 404 (which the
	// browser logs as a failed load)
	type page struct{ path, title string }
	const notFound = "出错了"
	for _, tour := range []struct {
		user  string
		pages []page
	}{
		{unitUser, []page{{"/forms", "自评表"}, {"/forms/new", "新建自评表"}, {form + "/print", unitName}, {"/password", "修改密码"}}},
		{"beijing", []page{{"/reporting", "填报进度"}, {"/compare", "地区对比"}, {"/rollup", "地区汇总"}, {form, unitName}}},
		{"admin", []page{{"/log", "日志"}, {"/admin", "用户管理"}, {"/admin/users/" + strconv.FormatInt(filler.ID, 10), "用户"},
			{"/admin/orgs", "单位管理"}, {"/admin/regions", "地区管理"}, {form, notFound}}},
	} {
		b.login(tour.user, demo.Password)
		for _, p := range tour.pages {
			name := tour.user + strings.ReplaceAll(p.path, "/", "-")
			undo := func() {}
			if p.title == notFound {
				undo = b.expect("status of 404")
			}
			b.step(name, b.open(p.path), chromedp.WaitVisible(chromedp.ID("main")))
			undo()
			if got := eval[string](b, "document.title"); !strings.HasPrefix(got, p.title) {
				t.Errorf("%s as %s: the page's title is %q, want it to start with %q", p.path, tour.user, got, p.title)
			}
		}
		// signing out through the confirmation page (GET /logout)
		b.step("logout-page", b.open("/logout"), chromedp.WaitVisible(chromedp.CSS(`main form[action="/logout"] button`)))
		b.step("logout", click(`main form[action="/logout"] button`), chromedp.WaitVisible(chromedp.ID("username")))
	}
}
