package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// Every account of the demo world signs in and sees its pages: the 工作台,
// the list, each form it may see (page, print view, download) — and 404 for
// every form it may not, exactly as for a form that does not exist — and
// 填报进度 when it is a department's or the central department's. No page
// has inline code.
func TestDemoPagesByRole(t *testing.T) {
	t.Parallel()
	s, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	world, err := demo.Load(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	h, err := web.New(s, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	a := &app{srv: srv}

	const (
		cyScj = "北京市朝阳区市场监督管理局"
		cyZx  = "北京市朝阳区知识产权服务中心"
		hdScj = "北京市海淀区市场监督管理局"
		dcScj = "北京市东城区市场监督管理局"
	)
	all := []string{cyScj, cyZx, hdScj, dcScj}
	sees := map[string][]string{
		"admin": nil, "zhongyang": all, "beijing": all,
		"chaoyang": {cyScj, cyZx}, "haidian": {hdScj}, "dongcheng": {dcScj},
		"cy_scj": {cyScj}, "cy_zx": {cyZx}, "hd_scj": {hdScj}, "dc_scj": {dcScj},
	}
	for _, acc := range world.Accounts {
		t.Run(acc.Username, func(t *testing.T) {
			c := a.client(t)
			c.loginWith(acc.Username, demo.Password)
			html := func(path string, want int) *response {
				t.Helper()
				resp := c.get(path)
				if resp.StatusCode != want {
					t.Errorf("%s: %d, want %d", path, resp.StatusCode, want)
				}
				checkSecurityHeaders(t, path, resp.Header)
				checkNoInlineCode(t, path, resp.body)
				return resp
			}
			html("/", http.StatusOK)
			list := html("/forms", http.StatusOK)
			if n := strings.Count(list.body, `<a href="/forms/`); n != len(sees[acc.Username]) {
				t.Errorf("the list shows %d forms, want %d", n, len(sees[acc.Username]))
			}
			reviewerOrViewer := acc.Role == jixiao.RoleReviewer || acc.Role == jixiao.RoleViewer
			if reviewerOrViewer != strings.Contains(list.body, `href="/reporting"`) {
				t.Errorf("the menu's 填报进度 link: want %v", reviewerOrViewer)
			}
			if reviewerOrViewer {
				rep := html("/reporting", http.StatusOK)
				if acc.Username == "beijing" && !strings.Contains(rep.body, `<td class="num">4</td><td class="num">3</td>`) {
					t.Errorf("北京市 should have 4 expected units, 3 submitted:\n%s", rep.body)
				}
			} else {
				html("/reporting", http.StatusForbidden)
			}
			for _, unit := range all {
				id := strconv.FormatInt(world.Forms[unit].ID, 10)
				want := http.StatusNotFound
				if slices.Contains(sees[acc.Username], unit) {
					want = http.StatusOK
				}
				page := html("/forms/"+id, want)
				html("/forms/"+id+"/print", want)
				if resp := c.get("/forms/" + id + "/download/xlsx?review=1"); resp.StatusCode != want {
					t.Errorf("download of %s: %d, want %d", unit, resp.StatusCode, want)
				}
				if want == http.StatusNotFound {
					if !strings.Contains(page.body, "不存在，或您无权查看") {
						t.Errorf("%s: the 404 page does not say so: %s", unit, page.body)
					}
					continue
				}
				// the buttons are the user's: its unit submits, its department reviews
				mayReview := (acc.Username == "chaoyang" && unit == cyZx)
				if got := strings.Contains(page.body, "退回修改</button>"); got != mayReview {
					t.Errorf("%s: 退回修改 offered %v, want %v", unit, got, mayReview)
				}
			}
		})
	}
}
