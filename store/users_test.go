package store_test

import (
	"context"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// TestUsers: passwords are hashed, logins checked, failed logins logged,
// roles granted and revoked, disabled users refused; only administrators
// manage users.
func TestUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		ctx := context.Background()
		var hash string
		if err := s.DB().QueryRow("SELECT password_hash FROM users WHERE username = 'zy_a'").Scan(&hash); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(hash, "$argon2id$v=19$") || strings.Contains(hash, storetest.Password) {
			t.Fatalf("stored password %q", hash)
		}
		u, err := s.Authenticate(ctx, "zy_a", storetest.Password)
		if err != nil || u.ID != w.FillerA.ID || len(u.Grants) != 1 || u.Grants[0].OrgID != w.UnitA.ID {
			t.Fatalf("login: %+v %v", u, err)
		}
		for _, bad := range [][2]string{{"zy_a", "wrong-password"}, {"nobody", storetest.Password}} {
			_, err := s.Authenticate(ctx, bad[0], bad[1])
			if jixiao.KindOf(err) != jixiao.KindUnauthenticated || jixiao.MessageOf(err) != "用户名或密码不对" {
				t.Fatalf("login %v: %v", bad, err)
			}
		}
		var failed int
		if err := s.DB().QueryRow("SELECT count(*) FROM log_entries WHERE action = 'login.failed'").Scan(&failed); err != nil || failed != 2 {
			t.Fatalf("failed logins logged: %d %v", failed, err)
		}
		// Only administrators manage users.
		for _, who := range []*jixiao.User{w.FillerA, w.RevBeijing, w.Viewer} {
			_, err := s.CreateUser(storetest.As(who), store.NewUser{Username: "x" + who.Username, Password: "long-enough-1"})
			if jixiao.KindOf(err) != jixiao.KindForbidden {
				t.Errorf("%s creating a user: %v", who.Username, err)
			}
		}
		if _, err := s.CreateUser(storetest.As(w.Admin), store.NewUser{Username: "short", Password: "1234"}); jixiao.KindOf(err) != jixiao.KindInvalid {
			t.Errorf("short password: %v", err)
		}
		// Change one's own password: the old one must match.
		if err := s.ChangePassword(storetest.As(w.FillerA), "not-it", "new-password-1"); jixiao.KindOf(err) != jixiao.KindInvalid {
			t.Errorf("change with a wrong old password: %v", err)
		}
		if err := s.ChangePassword(storetest.As(w.FillerA), storetest.Password, "new-password-1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "zy_a", "new-password-1"); err != nil {
			t.Fatal(err)
		}
		// Grant, revoke, disable.
		admin := storetest.As(w.Admin)
		if err := s.Grant(admin, "zy_a", jixiao.RoleFiller, w.UnitB.ID); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.User(ctx, w.FillerA.ID); len(u.Grants) != 2 {
			t.Fatalf("grants after grant: %+v", u.Grants)
		}
		if err := s.Revoke(admin, "zy_a", jixiao.RoleFiller, w.UnitB.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Revoke(admin, "zy_a", jixiao.RoleFiller, w.UnitB.ID); jixiao.KindOf(err) != jixiao.KindNotFound {
			t.Fatalf("revoking twice: %v", err)
		}
		if err := s.SetDisabled(admin, "zy_a", true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "zy_a", "new-password-1"); jixiao.KindOf(err) != jixiao.KindUnauthenticated {
			t.Fatalf("a disabled user signed in: %v", err)
		}
		if c, err := s.VerifyLog(ctx); err != nil || c.Broken != 0 {
			t.Fatalf("log %+v %v", c, err)
		}
	})
}
