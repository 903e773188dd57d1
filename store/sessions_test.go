package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// TestSessions: a login starts a session found by its token alone (the
// table keeps only its hash); sessions end at their idle and absolute
// expiry, at logout, when the user is disabled and when the password
// changes; RenewSession keeps one browser signed in after a password change.
func TestSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clock := &storetest.Clock{T: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
		s.Now = clock.Now
		w := storetest.NewWorld(t, s)
		ctx := context.Background()
		p := store.DefaultLoginPolicy()
		login := func() *store.Session {
			t.Helper()
			sess, err := s.Login(ctx, "zy_a", storetest.Password, "192.0.2.1", p)
			if err != nil {
				t.Fatal(err)
			}
			return sess
		}
		ended := func(token, why string) {
			t.Helper()
			if _, err := s.Session(ctx, token, p); jixiao.KindOf(err) != jixiao.KindUnauthenticated {
				t.Errorf("%s: session still valid (%v)", why, err)
			}
		}

		a := login()
		if len(a.Token) < 40 || a.User.ID != w.FillerA.ID {
			t.Fatalf("session %+v", a)
		}
		var stored string
		if err := s.DB().QueryRow("SELECT token_hash FROM sessions").Scan(&stored); err != nil || strings.Contains(stored, a.Token) {
			t.Fatalf("stored %q (%v): the token itself must not be stored", stored, err)
		}
		got, err := s.Session(ctx, a.Token, p)
		if err != nil || got.User.ID != w.FillerA.ID || got.Address != "192.0.2.1" {
			t.Fatalf("session: %+v %v", got, err)
		}
		ended("", "empty token")
		ended(a.Token+"x", "wrong token")

		// Idle: used within the idle time it lives on, past it it ends.
		clock.Add(p.Idle - time.Minute)
		if _, err := s.Session(ctx, a.Token, p); err != nil {
			t.Fatalf("before idle expiry: %v", err)
		}
		clock.Add(p.Idle - time.Minute)
		if _, err := s.Session(ctx, a.Token, p); err != nil {
			t.Fatalf("used again within the idle time: %v", err)
		}
		clock.Add(p.Idle)
		ended(a.Token, "idle")

		// Absolute: used all the time, it still ends.
		b := login()
		for clock.T.Before(b.ExpiresAt.Add(-p.Idle / 2)) {
			clock.Add(p.Idle / 2)
			if _, err := s.Session(ctx, b.Token, p); err != nil {
				t.Fatalf("in use before absolute expiry: %v", err)
			}
		}
		clock.Add(p.Idle / 2)
		ended(b.Token, "absolute")

		// Logout.
		c := login()
		if err := s.Logout(ctx, c.Token); err != nil {
			t.Fatal(err)
		}
		ended(c.Token, "logout")

		// Disabled user.
		d := login()
		if err := s.SetDisabled(storetest.System(), "zy_a", true); err != nil {
			t.Fatal(err)
		}
		ended(d.Token, "disabled")
		if _, err := s.Login(ctx, "zy_a", storetest.Password, "192.0.2.1", p); jixiao.KindOf(err) != jixiao.KindUnauthenticated {
			t.Errorf("disabled user signed in: %v", err)
		}
		if err := s.SetDisabled(storetest.System(), "zy_a", false); err != nil {
			t.Fatal(err)
		}

		// Password change: by an administrator, every session ends; by the
		// user, RenewSession keeps one.
		clock.Add(time.Second)
		e1, e2 := login(), login()
		clock.Add(time.Second)
		if err := s.SetPassword(storetest.System(), "zy_a", "another-horse-2"); err != nil {
			t.Fatal(err)
		}
		ended(e1.Token, "password set by the administrator")
		ended(e2.Token, "password set by the administrator")
		clock.Add(time.Second)
		f1, err := s.Login(ctx, "zy_a", "another-horse-2", "192.0.2.1", p)
		if err != nil {
			t.Fatal(err)
		}
		f2, err := s.Login(ctx, "zy_a", "another-horse-2", "192.0.2.9", p)
		if err != nil {
			t.Fatal(err)
		}
		clock.Add(time.Second)
		uctx := storetest.As(f1.User)
		if err := s.ChangePassword(uctx, "another-horse-2", storetest.Password); err != nil {
			t.Fatal(err)
		}
		renewed, err := s.RenewSession(uctx, "192.0.2.1", p)
		if err != nil {
			t.Fatal(err)
		}
		ended(f1.Token, "the old session of the browser that changed the password")
		ended(f2.Token, "another browser after a password change")
		if _, err := s.Session(ctx, renewed.Token, p); err != nil {
			t.Errorf("renewed session: %v", err)
		}
		if n, err := s.UserSessions(ctx, w.FillerA.ID, p); err != nil || n != 1 {
			t.Errorf("%d sessions after the change (%v), want 1", n, err)
		}
		clock.Add(p.Idle + time.Second) // idle: expired, not yet swept away
		if n, err := s.UserSessions(ctx, w.FillerA.ID, p); err != nil || n != 0 {
			t.Errorf("%d live sessions after the idle expiry (%v), want 0", n, err)
		}
	})
}

// TestThrottle: wrong passwords lock the account (any address) and the
// address (any account); a locked login is refused even with the right
// password and says when to try again; the lock ends after its time, and a
// success forgets the account's failures.
func TestThrottle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clock := &storetest.Clock{T: time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC)} // 09:00 in China
		s.Now = clock.Now
		storetest.NewWorld(t, s)
		ctx := context.Background()
		p := store.LoginPolicy{Idle: time.Hour, Absolute: 8 * time.Hour, AccountFailures: 3, AddressFailures: 5,
			Window: 10 * time.Minute, Lockout: 15 * time.Minute}
		try := func(user, pass, addr string) error {
			_, err := s.Login(ctx, user, pass, addr, p)
			return err
		}
		isThrottled := func(err error) bool {
			var th *store.Throttled
			return errors.As(err, &th)
		}

		// Two failures, a success: the account's count starts again.
		for range 2 {
			if err := try("zy_a", "wrong-password", "192.0.2.1"); jixiao.KindOf(err) != jixiao.KindUnauthenticated || isThrottled(err) {
				t.Fatalf("wrong password: %v", err)
			}
		}
		if err := try("zy_a", storetest.Password, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		// Three failures from different addresses lock the account.
		for i, addr := range []string{"192.0.2.2", "192.0.2.3", "192.0.2.4"} {
			err := try("zy_a", "wrong-password", addr)
			if got, want := isThrottled(err), i == 2; got != want {
				t.Fatalf("failure %d: throttled %v, want %v (%v)", i+1, got, want, err)
			}
		}
		err := try("zy_a", storetest.Password, "192.0.2.5")
		if !isThrottled(err) || !strings.Contains(jixiao.MessageOf(err), "09:15") || !strings.Contains(jixiao.MessageOf(err), "再试") {
			t.Fatalf("locked account with the right password: %v", err)
		}
		if err := try("zy_b", storetest.Password, "192.0.2.5"); err != nil {
			t.Fatalf("another account is not locked: %v", err)
		}
		clock.Add(15 * time.Minute)
		if err := try("zy_a", storetest.Password, "192.0.2.5"); err != nil {
			t.Fatalf("after the lock: %v", err)
		}

		// Five failures from one address over several accounts lock the address.
		for i, user := range []string{"zy_b", "hd_a", "zy_rev", "nobody", "hd_rev"} {
			err := try(user, "wrong-password", "198.51.100.7")
			if got, want := isThrottled(err), i == 4; got != want {
				t.Fatalf("address failure %d: throttled %v, want %v (%v)", i+1, got, want, err)
			}
		}
		if err := try("central", storetest.Password, "198.51.100.7"); !isThrottled(err) {
			t.Fatalf("locked address: %v", err)
		}
		if err := try("central", storetest.Password, "198.51.100.8"); err != nil {
			t.Fatalf("another address: %v", err)
		}

		// Failures spread wider than the window never lock.
		for range 5 {
			clock.Add(p.Window)
			if err := try("hd_a", "wrong-password", "203.0.113.1"); isThrottled(err) {
				t.Fatalf("failures %v apart locked: %v", p.Window, err)
			}
		}
	})
}

// TestSessionOnReadOnlyStorage: when the database cannot write (a full or
// read-only disk), a signed-in user keeps reading: the session's
// last-seen time, written at most once a minute, is skipped rather than
// failing the request, and a session past its end still ends.
func TestSessionOnReadOnlyStorage(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	clock := &storetest.Clock{T: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
	s.Now = clock.Now
	storetest.NewWorld(t, s)
	ctx := context.Background()
	p := store.DefaultLoginPolicy()
	sess, err := s.Login(ctx, "zy_a", storetest.Password, "192.0.2.1", p)
	if err != nil {
		t.Fatal(err)
	}
	// The writer is one connection: it refuses every write from now on, as
	// a read-only file system does (SQLITE_READONLY).
	if _, err := s.DB().Exec("PRAGMA query_only = 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(ctx, "zy_a", storetest.Password, "192.0.2.1", p); jixiao.KindOf(err) != jixiao.KindUnavailable {
		t.Fatalf("login on a read-only database: %v, want unavailable", err)
	}
	clock.Add(5 * time.Minute) // the last-seen time is due
	if got, err := s.Session(ctx, sess.Token, p); err != nil || got.User.Username != "zy_a" {
		t.Fatalf("session on a read-only database: %+v %v", got, err)
	}
	clock.Add(p.Idle)
	if _, err := s.Session(ctx, sess.Token, p); jixiao.KindOf(err) != jixiao.KindUnauthenticated {
		t.Fatalf("idle session on a read-only database: %v, want ended", err)
	}
}
