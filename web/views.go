package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

//go:embed templates
var templateFS embed.FS

// viewNames are the pages, each templates/<name>.html inside layout.html
// with the shared blocks of templates/blocks.html. A template file that is
// not listed here, or a listed one that is missing or broken, stops New:
// every view is registered and checked at start.
var viewNames = []string{"login", "logout", "password", "home", "error", "forms", "form", "print", "reporting",
	"upload", "upload_preview", "newform",
	"rollup", "compare",
	"log", "admin_users", "admin_user", "admin_orgs", "admin_regions"}

// bareViews are shown without the site's header and navigation: the print
// view is the paper form alone.
var bareViews = map[string]bool{"print": true}

type views struct {
	pages map[string]*template.Template
}

// pageData is what every page's template receives.
type pageData struct {
	Title string
	User  *jixiao.User // nil on the login and error pages of a visitor
	Bare  bool         // no header and navigation (bareViews)
	Data  any          // the view's own
}

// displayTime is how the pages show a time: China's, to the minute; nothing
// for none.
func displayTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(store.ChinaTime()).Format("2006-01-02 15:04")
}

func parseViews(static *staticFiles) (*views, error) {
	funcs := template.FuncMap{
		"static":    static.url,
		"time":      displayTime,
		"roles":     rolesText,
		"taskLinks": taskLinks,
		"reporting": mayFollowReporting,
		"rollsUp":   mayRollUp,
		"compares":  mayCompare,
		"admin":     mayAdminister,
	}
	entries, err := fs.ReadDir(templateFS, "templates")
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".html")
		if name != "layout" && name != "blocks" && !slices.Contains(viewNames, name) {
			return nil, fmt.Errorf("web: templates/%s is not a registered view (views.go: viewNames)", e.Name())
		}
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, name := range viewNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/blocks.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: view %s: %w", name, err)
		}
		// Executing once with no data finds what parsing cannot: a static
		// file that does not exist, a missing block.
		if err := t.Execute(new(bytes.Buffer), pageData{Title: name}); err != nil {
			return nil, fmt.Errorf("web: view %s: %w", name, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// render writes view name with data and status code. The page is rendered
// into memory first, so a template error never leaves half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	t, ok := s.views.pages[name]
	if !ok {
		panic("web: unregistered view " + name) // a programming error: New checks every name it knows
	}
	pd := pageData{Title: titles[name], User: userOf(r), Bare: bareViews[name], Data: data}
	if t, ok := data.(interface{ title() string }); ok {
		pd.Title = t.title()
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, pd); err != nil {
		s.log.Error("render", "view", name, "err", err)
		code = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString("<!doctype html><meta charset=utf-8><title>服务器内部错误</title><p>服务器内部错误，请稍后再试；如果一再出现，请联系系统管理员。</p>")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

var titles = map[string]string{
	"login": "登录", "logout": "退出登录", "password": "修改密码", "home": "工作台", "error": "出错了",
	"forms": "自评表", "form": "自评表", "print": "打印自评表", "reporting": "填报进度",
	"upload": "上传自评表", "upload_preview": "上传预览", "newform": "新建自评表",
	"rollup": "地区汇总", "compare": "地区对比",
	"log": "日志", "admin_users": "用户管理", "admin_user": "用户", "admin_orgs": "单位管理", "admin_regions": "地区管理",
}

// rolesText is a user's roles in words: 单位填报人（朝阳区知识产权服务中心）.
func rolesText(u *jixiao.User) string {
	if u == nil {
		return ""
	}
	var parts []string
	for _, g := range u.Grants {
		parts = append(parts, g.Role.Label()+"（"+g.OrgName+"）")
	}
	if len(parts) == 0 {
		return "（未分配角色）"
	}
	return strings.Join(parts, "、")
}

// errorPage is the error view's data.
type errorPage struct {
	Status  int
	Message string
}
