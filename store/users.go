package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	jixiao "github.com/jixiao/jixiao"
)

// actor returns the actor of ctx, or an unauthenticated error.
func actor(ctx context.Context) (*jixiao.Actor, error) {
	a := jixiao.ActorFrom(ctx)
	if a == nil {
		return nil, jixiao.Errorf(jixiao.KindUnauthenticated, "请先登录")
	}
	return a, nil
}

// admin returns the actor of ctx if it may administer users, organisations
// and regions.
func admin(ctx context.Context) (*jixiao.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.System && !a.Has(jixiao.RoleAdmin) {
		return nil, errForbiddenf("只有系统管理员可以管理用户、单位和地区")
	}
	return a, nil
}

// maxNameBytes bounds a user's name (an organisation's name too): a name
// is shown on every page the user acts on.
const maxNameBytes = 200

// NewUser is what creating a user needs.
type NewUser struct {
	Username, Name, Password string
	Grants                   []jixiao.Grant // Role and OrgID
}

func validUsername(u string) error {
	if u == "" || len(u) > 64 {
		return errInvalidf("用户名不能为空，最多 64 个字符")
	}
	for _, r := range u {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return errInvalidf("用户名“%s”不能含空格或控制字符", u)
		}
	}
	return nil
}

// CreateUser adds a user with a password and roles.
func (s *Store) CreateUser(ctx context.Context, nu NewUser) (*jixiao.User, error) {
	a, err := admin(ctx)
	if err != nil {
		return nil, err
	}
	nu.Username, nu.Name = strings.TrimSpace(nu.Username), strings.TrimSpace(jixiao.WithoutControls(nu.Name))
	if err := validUsername(nu.Username); err != nil {
		return nil, err
	}
	if len(nu.Name) > maxNameBytes {
		return nil, errInvalidf("姓名太长（%d 字节）：最多 %d 字节", len(nu.Name), maxNameBytes)
	}
	if nu.Name == "" {
		nu.Name = nu.Username
	}
	if err := validPassword(nu.Password); err != nil {
		return nil, err
	}
	hash, err := hashPassword(nu.Password)
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.update(ctx, func(t *tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT count(*) FROM users WHERE username = ?", nu.Username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errConflictf("用户名“%s”已被使用，请换一个", nu.Username)
		}
		now := formatTime(t.now)
		id, err = t.insert(ctx, "INSERT INTO users (username, name, password_hash, disabled, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?)",
			nu.Username, nu.Name, hash, false, now, now)
		if err != nil {
			return err
		}
		if err := t.log(ctx, a, change{action: jixiao.ActionUserCreate, object: "user", objectID: strconv.FormatInt(id, 10),
			detail: fmt.Sprintf("新建用户 %s（%s）", nu.Username, nu.Name)}); err != nil {
			return err
		}
		for _, g := range nu.Grants {
			if err := t.grant(ctx, a, id, nu.Username, g.Role, g.OrgID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.user(ctx, id)
}

// Grant gives a user a role for an organisation.
func (s *Store) Grant(ctx context.Context, username string, role jixiao.Role, orgID int64) error {
	return s.changeUser(ctx, username, func(t *tx, a *jixiao.Actor, id int64) error {
		return t.grant(ctx, a, id, username, role, orgID)
	})
}

// changeUser runs change on user username in one transaction, as an
// administrator.
func (s *Store) changeUser(ctx context.Context, username string, change func(t *tx, a *jixiao.Actor, id int64) error) error {
	a, err := admin(ctx)
	if err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		id, err := t.userID(ctx, username)
		if err != nil {
			return err
		}
		return change(t, a, id)
	})
}

func (t *tx) grant(ctx context.Context, a *jixiao.Actor, userID int64, username string, role jixiao.Role, orgID int64) error {
	if !role.Valid() {
		return errInvalidf("角色“%s”不存在；可用的角色：filler（单位填报人）、reviewer（部门审核人）、viewer（中央查看人）、admin（系统管理员）", role)
	}
	org, err := t.org(ctx, orgID)
	if err != nil {
		return err
	}
	if want := role.OrgKindFor(); want != "" && org.Kind != want {
		return errInvalidf("%s 只能属于%s，而“%s”是%s", role.Label(), want.Label(), org.Name, org.Kind.Label())
	}
	var n int
	if err := t.queryRow(ctx, "SELECT count(*) FROM user_roles WHERE user_id = ? AND org_id = ? AND role = ?", userID, orgID, string(role)).Scan(&n); err != nil || n > 0 {
		return err
	}
	if _, err := t.exec(ctx, "INSERT INTO user_roles (user_id, org_id, role) VALUES (?, ?, ?)", userID, orgID, string(role)); err != nil {
		return err
	}
	return t.log(ctx, a, change{action: jixiao.ActionUserGrant, object: "user", objectID: strconv.FormatInt(userID, 10),
		detail: fmt.Sprintf("授予 %s 角色 %s（%s）", username, role.Label(), org.Name)})
}

func (t *tx) userID(ctx context.Context, username string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, "SELECT id FROM users WHERE username = ?", username).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errNotFoundf("用户“%s”不存在", username)
	}
	return id, err
}

// SetPassword sets a user's password: an administrator for anyone, a user
// for themselves (with the old password: ChangePassword).
func (s *Store) SetPassword(ctx context.Context, username, password string) error {
	a, err := admin(ctx)
	if err != nil {
		return err
	}
	return s.setPassword(ctx, a, username, password)
}

// ChangePassword changes the signed-in user's own password after checking
// the old one.
func (s *Store) ChangePassword(ctx context.Context, old, password string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	u, err := s.user(ctx, a.UserID)
	if err != nil {
		return err
	}
	var hash string
	if err := s.read.QueryRowContext(ctx, s.d.rebind("SELECT password_hash FROM users WHERE id = ?"), a.UserID).Scan(&hash); err != nil {
		return s.translate(err)
	}
	if !checkPassword(hash, old) {
		return errInvalidf("原密码不对")
	}
	return s.setPassword(ctx, a, u.Username, password)
}

func (s *Store) setPassword(ctx context.Context, a *jixiao.Actor, username, password string) error {
	if err := validPassword(password); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	return s.update(ctx, func(t *tx) error {
		id, err := t.userID(ctx, username)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?", hash, formatTime(t.now), id); err != nil {
			return err
		}
		return t.log(ctx, a, change{action: jixiao.ActionUserPassword, object: "user", objectID: strconv.FormatInt(id, 10),
			detail: "修改了 " + username + " 的密码"})
	})
}

// Authenticate checks a user name and password and returns the user with
// their roles. A wrong name or password is one message (no enumeration),
// and is logged as a failed login.
func (s *Store) Authenticate(ctx context.Context, username, password string) (*jixiao.User, error) {
	var id int64
	var hash string
	var disabled bool
	err := s.read.QueryRowContext(ctx, s.d.rebind("SELECT id, password_hash, disabled FROM users WHERE username = ?"), username).Scan(&id, &hash, &disabled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, s.translate(err)
	}
	if err != nil {
		hash = dummyHash
	}
	if !checkPassword(hash, password) || id == 0 || disabled {
		if len(username) > 64 {
			username = username[:64]
		}
		lerr := s.update(ctx, func(t *tx) error {
			return t.log(ctx, nil, change{action: jixiao.ActionLoginFailed, object: "login", objectID: username,
				detail: "用户名或密码错误：" + strconv.Quote(username)})
		})
		if lerr != nil {
			return nil, lerr
		}
		return nil, jixiao.Errorf(jixiao.KindUnauthenticated, "用户名或密码不对")
	}
	return s.user(ctx, id)
}

// User returns a user with their roles (for a session).
func (s *Store) User(ctx context.Context, id int64) (*jixiao.User, error) { return s.user(ctx, id) }

func (s *Store) user(ctx context.Context, id int64) (*jixiao.User, error) {
	var u jixiao.User
	err := s.view(ctx, func(t *tx) error {
		err := t.queryRow(ctx, "SELECT id, username, name, disabled FROM users WHERE id = ?", id).Scan(&u.ID, &u.Username, &u.Name, &u.Disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return errNotFoundf("用户不存在")
		}
		if err != nil {
			return err
		}
		u.Grants, err = t.grants(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &u, nil
}

func (t *tx) grants(ctx context.Context, userID int64) ([]jixiao.Grant, error) {
	byUser, err := t.grantsOf(ctx, "ur.user_id = ?", userID)
	return byUser[userID], err
}

// grantsOf returns the grants of the users cond selects, by user, each
// user's ordered by organisation and role.
func (t *tx) grantsOf(ctx context.Context, cond string, args ...any) (map[int64][]jixiao.Grant, error) {
	rows, err := t.query(ctx, `SELECT ur.user_id, ur.role, o.id, o.name, o.kind, o.region, r.path, coalesce(o.parent_id, 0), r.full_name
		FROM user_roles ur JOIN organisations o ON o.id = ur.org_id JOIN regions r ON r.code = o.region
		WHERE `+cond+` ORDER BY ur.user_id, o.id, ur.role`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]jixiao.Grant{}
	for rows.Next() {
		var g jixiao.Grant
		var userID int64
		var role, kind string
		if err := rows.Scan(&userID, &role, &g.OrgID, &g.OrgName, &kind, &g.Region, &g.RegionPath, &g.OrgParent, &g.RegionName); err != nil {
			return nil, err
		}
		g.Role, g.OrgKind = jixiao.Role(role), jixiao.OrgKind(kind)
		out[userID] = append(out[userID], g)
	}
	return out, rows.Err()
}

// ActorOf is the actor a signed-in user acts as.
func ActorOf(u *jixiao.User) *jixiao.Actor {
	return &jixiao.Actor{UserID: u.ID, Name: u.Name + "（" + u.Username + "）", Person: u.Name, Grants: u.Grants}
}

// Users lists every user with their roles, in two queries whatever their
// number (the administration page lists thousands).
func (s *Store) Users(ctx context.Context) ([]*jixiao.User, error) {
	if _, err := admin(ctx); err != nil {
		return nil, err
	}
	var out []*jixiao.User
	err := s.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, "SELECT id, username, name, disabled FROM users ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var u jixiao.User
			if err := rows.Scan(&u.ID, &u.Username, &u.Name, &u.Disabled); err != nil {
				return err
			}
			out = append(out, &u)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		grants, err := t.grantsOf(ctx, "1 = 1")
		for _, u := range out {
			u.Grants = grants[u.ID]
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Revoke takes a role for an organisation from a user.
func (s *Store) Revoke(ctx context.Context, username string, role jixiao.Role, orgID int64) error {
	return s.changeUser(ctx, username, func(t *tx, a *jixiao.Actor, id int64) error {
		org, err := t.org(ctx, orgID)
		if err != nil {
			return err
		}
		res, err := t.exec(ctx, "DELETE FROM user_roles WHERE user_id = ? AND org_id = ? AND role = ?", id, orgID, string(role))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errNotFoundf("%s 没有“%s”的%s角色", username, org.Name, role.Label())
		}
		return t.log(ctx, a, change{action: jixiao.ActionUserRevoke, object: "user", objectID: strconv.FormatInt(id, 10),
			detail: fmt.Sprintf("撤销 %s 的角色 %s（%s）", username, role.Label(), org.Name)})
	})
}

// SetDisabled disables a user (they can no longer sign in; their work and
// log entries stay) or enables them again.
func (s *Store) SetDisabled(ctx context.Context, username string, disabled bool) error {
	return s.changeUser(ctx, username, func(t *tx, a *jixiao.Actor, id int64) error {
		if _, err := t.exec(ctx, "UPDATE users SET disabled = ? WHERE id = ?", disabled, id); err != nil {
			return err
		}
		what := "停用用户 "
		if !disabled {
			what = "恢复用户 "
		}
		return t.log(ctx, a, change{action: jixiao.ActionUserDisable, object: "user", objectID: strconv.FormatInt(id, 10), detail: what + username})
	})
}
