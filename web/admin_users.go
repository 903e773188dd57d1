package web

import (
	"cmp"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// The users' administration: the list with a form to create a user
// (GET/POST /admin/users), and one user's page (GET /admin/users/{id}) with
// their roles, sessions and the changes posted to /admin/users/{id}/{action}.
// Every change is a store call, which authorises it and logs it.

// allRoles are the roles in the order the forms offer them.
var allRoles = []jixiao.Role{jixiao.RoleFiller, jixiao.RoleReviewer, jixiao.RoleViewer, jixiao.RoleAdmin}

// userRow is a user in the list with their live sessions.
type userRow struct {
	*jixiao.User
	Sessions int
}

// grantForm is what the role fields hold (kept when a change is refused).
type grantForm struct {
	Role  jixiao.Role
	OrgID int64
}

// usersPerPage is how many users the list shows at a time.
const usersPerPage = 100

// usersPage is the 用户管理 page's data.
type usersPage struct {
	Users []userRow
	// Query searches user names, names and organisations; the list shows
	// a page of the users it finds.
	Query              string
	Found, Page, Pages int
	Prev, Next         string
	// New is what the creation form holds: empty, or what was typed before
	// a refusal (never the password).
	Username, Name string
	Grant          grantForm
	Roles          []jixiao.Role
	Orgs           []*jixiao.Organisation
	Done, Error    string
	MinLength      int
}

// userPage is one user's page: their roles, sessions and the changes.
type userPage struct {
	User     *jixiao.User
	Sessions int
	Grant    grantForm
	Roles    []jixiao.Role
	Orgs     []*jixiao.Organisation
	Done     string
	Error    string
	ErrorFor string // the action refused: its form shows the reason
	// Password is a password the server generated, shown this once (the
	// answer to the post itself: never in an address or a redirect).
	Password  string
	MinLength int
}

func (p userPage) title() string { return "用户 " + p.User.Name + "（" + p.User.Username + "）" }

// userDone are the messages after a user's change; %s is the user name.
var userDone = map[string]string{
	"create":   "已新建用户 %s。",
	"grant":    "已授予 %s 角色。",
	"revoke":   "已撤销 %s 的角色。",
	"disable":  "已停用用户 %s：不能再登录，已登录的浏览器全部退出；其填报和日志记录保留。",
	"enable":   "已恢复用户 %s，可以重新登录。",
	"password": "已重置 %s 的密码：其已登录的浏览器全部退出，请把新密码告诉本人，并提醒其登录后修改。",
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request) {
	s.showUsers(w, r, http.StatusOK, usersPage{Done: doneText(userDone, r.URL.Query())})
}

// matches reports whether u's user name, name or one of their
// organisations contains q.
func matches(u *jixiao.User, q string) bool {
	if q == "" || strings.Contains(u.Username, q) || strings.Contains(u.Name, q) {
		return true
	}
	return slices.ContainsFunc(u.Grants, func(g jixiao.Grant) bool { return strings.Contains(g.OrgName, q) })
}

// showUsers renders the list (?q= and ?page= of the address); p carries
// what the creation form said.
func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, code int, p usersPage) {
	ctx := r.Context()
	users, err := s.store.Users(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	p.Query = strings.TrimSpace(q.Get("q"))
	users = slices.DeleteFunc(users, func(u *jixiao.User) bool { return !matches(u, p.Query) })
	p.Found, p.Pages = len(users), max(1, (len(users)+usersPerPage-1)/usersPerPage)
	p.Page, _ = strconv.Atoi(q.Get("page"))
	p.Page = min(max(p.Page, 1), p.Pages)
	if p.Page > 1 {
		p.Prev = usersLink(p.Query, p.Page-1)
	}
	if p.Page < p.Pages {
		p.Next = usersLink(p.Query, p.Page+1)
	}
	for _, u := range users[(p.Page-1)*usersPerPage : min(p.Page*usersPerPage, len(users))] {
		n, err := s.store.UserSessions(ctx, u.ID, s.opts.Login)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Users = append(p.Users, userRow{User: u, Sessions: n})
	}
	if p.Orgs, err = s.store.Orgs(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Roles, p.MinLength = allRoles, store.MinPasswordLength
	s.render(w, r, code, "admin_users", p)
}

// readGrant reads the role and organisation fields (an organisation that
// is not a number is none).
func readGrant(r *http.Request) grantForm {
	id, _ := strconv.ParseInt(r.PostFormValue("org"), 10, 64)
	return grantForm{Role: jixiao.Role(r.PostFormValue("role")), OrgID: id}
}

// complete says which of the two fields is left to choose: the store would
// name an empty role or "organisation 0" less helpfully.
func (g grantForm) complete() error {
	switch {
	case g.Role == "":
		return jixiao.Invalid("请选择要授予的角色")
	case g.OrgID == 0:
		return jixiao.Invalid("请选择角色所属的单位：%s属于%s", g.Role.Label(), cmp.Or(g.Role.OrgKindFor().Label(), "任一单位"))
	}
	return nil
}

// newPassword is the password a field left empty stands for: generated, as
// `jixiao serve` makes the first administrator's (128 random bits).
func newPassword(typed string) (password string, generated bool) {
	if typed != "" {
		return typed, false
	}
	return rand.Text(), true
}

// adminCreateUser creates a user with an initial password (typed, or
// generated and shown once) and, if chosen, a first role.
func (s *Server) adminCreateUser(w http.ResponseWriter, r *http.Request) {
	p := usersPage{Username: strings.TrimSpace(r.PostFormValue("username")), Name: strings.TrimSpace(r.PostFormValue("name")), Grant: readGrant(r)}
	nu := store.NewUser{Username: p.Username, Name: p.Name}
	var generated bool
	nu.Password, generated = newPassword(r.PostFormValue("password"))
	var u *jixiao.User
	var err error
	if p.Grant != (grantForm{}) { // a first role, or nothing
		err = p.Grant.complete()
		nu.Grants = []jixiao.Grant{{Role: p.Grant.Role, OrgID: p.Grant.OrgID}}
	}
	if err == nil {
		u, err = s.store.CreateUser(r.Context(), nu)
	}
	switch {
	case err != nil && refused(err):
		p.Error = message(err)
		s.showUsers(w, r, status(err), p)
	case err != nil:
		s.fail(w, r, err)
	case generated:
		s.showUser(w, r, u.ID, http.StatusOK, userPage{Done: fmt.Sprintf(userDone["create"], u.Username), Password: nu.Password})
	default:
		done(w, r, userPath(u.ID), "create", url.Values{"name": {u.Username}})
	}
}

// usersLink is the list's address for page n of the users q finds.
func usersLink(q string, n int) string {
	v := url.Values{"page": {strconv.Itoa(n)}}
	if q != "" {
		v.Set("q", q)
	}
	return "/admin/users?" + v.Encode()
}

func userPath(id int64) string { return "/admin/users/" + strconv.FormatInt(id, 10) }

// userID reads the {id} of the path; a malformed one is "not found".
func userID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, jixiao.Errorf(jixiao.KindNotFound, "用户编号“%s”不对：请从用户列表进入", r.PathValue("id"))
	}
	return id, nil
}

// adminUser finds user id among the users the store lets the caller
// administer (store.Users refuses anyone else).
func (s *Server) adminUser(r *http.Request, id int64) (*jixiao.User, error) {
	users, err := s.store.Users(r.Context())
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if u.ID == id {
			return u, nil
		}
	}
	return nil, jixiao.Errorf(jixiao.KindNotFound, "用户编号 %d 不存在：请从用户列表进入", id)
}

func (s *Server) adminUserPage(w http.ResponseWriter, r *http.Request) {
	id, err := userID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showUser(w, r, id, http.StatusOK, userPage{Done: doneText(userDone, r.URL.Query())})
}

// showUser renders user id's page; p carries what the last change said.
func (s *Server) showUser(w http.ResponseWriter, r *http.Request, id int64, code int, p userPage) {
	ctx := r.Context()
	var err error
	if p.User, err = s.adminUser(r, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Sessions, err = s.store.UserSessions(ctx, id, s.opts.Login); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Orgs, err = s.store.Orgs(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Roles, p.MinLength = allRoles, store.MinPasswordLength
	s.render(w, r, code, "admin_user", p)
}

// adminUserAction changes user {id}: grant or revoke a role, disable or
// enable, reset the password. Done, the browser goes back to the user's
// page; refused, the page says why beside the form, with the choices kept.
func (s *Server) adminUserAction(w http.ResponseWriter, r *http.Request) {
	id, err := userID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action := r.PathValue("action")
	if _, ok := userDone[action]; !ok || action == "create" {
		s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "页面不存在：请检查地址，或从用户列表重新进入"))
		return
	}
	u, err := s.adminUser(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, g := r.Context(), readGrant(r)
	var password string
	var generated bool
	switch action {
	case "grant":
		if err = g.complete(); err == nil {
			err = s.store.Grant(ctx, u.Username, g.Role, g.OrgID)
		}
	case "revoke":
		err = s.store.Revoke(ctx, u.Username, g.Role, g.OrgID)
	case "disable", "enable":
		err = s.store.SetDisabled(ctx, u.Username, action == "disable")
	case "password":
		password, generated = newPassword(r.PostFormValue("password"))
		err = s.store.SetPassword(ctx, u.Username, password)
	}
	switch {
	case err != nil && refused(err):
		p := userPage{Error: message(err), ErrorFor: action}
		if action == "grant" {
			p.Grant = g
		}
		s.showUser(w, r, id, status(err), p)
	case err != nil:
		s.fail(w, r, err)
	case generated:
		s.showUser(w, r, id, http.StatusOK, userPage{Done: fmt.Sprintf(userDone[action], u.Username), Password: password})
	default:
		done(w, r, userPath(id), action, url.Values{"name": {u.Username}})
	}
}
