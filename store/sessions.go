package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// Web sessions live in the database (migration 0003), so several servers
// share them and a restart signs nobody out. The cookie holds a random
// token; the table holds only its SHA-256, so reading the table (a backup, a
// leaked dump) gives nobody a session.

// LoginPolicy is how long sessions last and how many failed logins lock an
// account or an address, and for how long.
type LoginPolicy struct {
	Idle     time.Duration // a session unused this long ends
	Absolute time.Duration // a session ends this long after sign-in, used or not
	// AccountFailures failed logins for one user name, or AddressFailures
	// from one address, within Window lock that name or address for Lockout.
	AccountFailures, AddressFailures int
	Window, Lockout                  time.Duration
}

// DefaultLoginPolicy: a working day's session that ends after two idle
// hours; 5 wrong passwords for a name or 30 from an address within 15
// minutes lock it for 15 minutes (an office shares one address, so the
// address limit is looser).
func DefaultLoginPolicy() LoginPolicy {
	return LoginPolicy{Idle: 2 * time.Hour, Absolute: 12 * time.Hour,
		AccountFailures: 5, AddressFailures: 30, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
}

// lastSeenEvery is how stale last_seen_at may get before a request writes
// it again: a write per request would queue every page behind SQLite's one
// writer for nothing.
const lastSeenEvery = time.Minute

// Session is a signed-in user's session.
type Session struct {
	// Token is the cookie's value, set only by Login and RenewSession:
	// the database keeps its hash alone.
	Token     string
	User      *jixiao.User
	CreatedAt time.Time
	ExpiresAt time.Time
	LastSeen  time.Time
	Address   string
}

func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token), nil
}

func tokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func errSessionEnded() error {
	return jixiao.Errorf(jixiao.KindUnauthenticated, "登录已过期或已退出，请重新登录")
}

// Login checks a user name and password from address and starts a session.
// A name or an address that failed too often is refused until its lock
// ends (a *Throttled error inside the returned error says until when),
// without checking the password, so a locked account cannot be guessed at.
func (s *Store) Login(ctx context.Context, username, password, address string, p LoginPolicy) (*Session, error) {
	keys := throttleKeys(username, address)
	until, err := s.lockedUntil(ctx, keys)
	if err != nil {
		return nil, err
	}
	if !until.IsZero() {
		return nil, throttled(until, s.now())
	}
	u, err := s.Authenticate(ctx, username, password)
	if err != nil {
		if jixiao.KindOf(err) != jixiao.KindUnauthenticated {
			return nil, err
		}
		until, ferr := s.recordFailure(ctx, keys, p)
		if ferr != nil {
			return nil, ferr
		}
		if !until.IsZero() {
			return nil, throttled(until, s.now())
		}
		return nil, err
	}
	var sess *Session
	err = s.update(ctx, func(t *tx) error {
		if err := t.clearThrottle(ctx, keys.account); err != nil {
			return err
		}
		if err := t.sweep(ctx, p); err != nil {
			return err
		}
		sess, err = t.createSession(ctx, u, address, p)
		return err
	})
	return sess, err
}

// RenewSession ends every session of the signed-in user and starts a new
// one: after a password change the other browsers are signed out and this
// one continues with a fresh token.
func (s *Store) RenewSession(ctx context.Context, address string, p LoginPolicy) (*Session, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	u, err := s.user(ctx, a.UserID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, errSessionEnded()
	}
	var sess *Session
	err = s.update(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", u.ID); err != nil {
			return err
		}
		sess, err = t.createSession(ctx, u, address, p)
		return err
	})
	return sess, err
}

func (t *tx) createSession(ctx context.Context, u *jixiao.User, address string, p LoginPolicy) (*Session, error) {
	token, hash, err := newToken()
	if err != nil {
		return nil, err
	}
	if len(address) > 64 {
		address = address[:64]
	}
	sess := &Session{Token: token, User: u, CreatedAt: t.now, ExpiresAt: t.now.Add(p.Absolute), LastSeen: t.now, Address: address}
	_, err = t.exec(ctx, "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, address) VALUES (?, ?, ?, ?, ?, ?)",
		hash, u.ID, formatTime(sess.CreatedAt), formatTime(sess.ExpiresAt), formatTime(sess.LastSeen), address)
	return sess, err
}

// Session returns the session of a cookie's token with its user, or an
// unauthenticated error when there is none: unknown token, past its
// absolute or idle expiry, user disabled, or password changed since it
// began (by the user elsewhere, by an administrator, or on the command line).
func (s *Store) Session(ctx context.Context, token string, p LoginPolicy) (*Session, error) {
	if token == "" || len(token) > 128 {
		return nil, errSessionEnded()
	}
	hash := tokenHash(token)
	now := s.now()
	// One read transaction, every request: the session with its user and
	// the user's grants.
	sess := Session{User: &jixiao.User{}}
	u := sess.User
	var created, expires, seen, changed string
	err := s.view(ctx, func(t *tx) error {
		err := t.queryRow(ctx, `SELECT s.user_id, s.created_at, s.expires_at, s.last_seen_at, s.address, u.username, u.name, u.disabled, u.password_changed_at
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hash).
			Scan(&u.ID, &created, &expires, &seen, &sess.Address, &u.Username, &u.Name, &u.Disabled, &changed)
		if err != nil {
			return err
		}
		u.Grants, err = t.grants(ctx, u.ID)
		return err
	})
	if isNoRows(err) { // translate keeps sql.ErrNoRows in the chain
		return nil, errSessionEnded()
	}
	if err != nil {
		return nil, err
	}
	sess.CreatedAt, sess.ExpiresAt, sess.LastSeen = parseTime(created), parseTime(expires), parseTime(seen)
	if u.Disabled || !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeen) >= p.Idle || sess.CreatedAt.Before(parseTime(changed)) {
		// Ended whether or not its row goes now: a storage that cannot
		// write (a full disk) leaves it to the next sweep.
		if err := s.update(ctx, func(t *tx) error {
			_, err := t.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash)
			return err
		}); err != nil && jixiao.KindOf(err) != jixiao.KindUnavailable {
			return nil, err
		}
		return nil, errSessionEnded()
	}
	if now.Sub(sess.LastSeen) >= lastSeenEvery {
		// On a storage that cannot write (a full or read-only disk) the
		// user keeps reading: the last-seen time stays older than it is,
		// which can only end the session sooner, never keep it longer.
		if err := s.update(ctx, func(t *tx) error {
			_, err := t.exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", formatTime(now), hash)
			return err
		}); err == nil {
			sess.LastSeen = now
		} else if jixiao.KindOf(err) != jixiao.KindUnavailable {
			return nil, err
		}
	}
	return &sess, nil
}

// Logout ends the session of token (nothing happens if there is none).
func (s *Store) Logout(ctx context.Context, token string) error {
	return s.update(ctx, func(t *tx) error {
		_, err := t.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash(token))
		return err
	})
}

// UserSessions counts the live sessions of user id under policy p (for
// tests and the administration pages): expired ones not yet swept away do
// not count.
func (s *Store) UserSessions(ctx context.Context, id int64, p LoginPolicy) (int, error) {
	var n int
	err := s.view(ctx, func(t *tx) error {
		return t.queryRow(ctx, "SELECT count(*) FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ?",
			id, formatTime(t.now), formatTime(t.now.Add(-p.Idle))).Scan(&n)
	})
	return n, err
}

// sweep deletes sessions past their absolute or idle expiry and throttle
// rows that no longer count, at each sign-in, so neither table grows.
func (t *tx) sweep(ctx context.Context, p LoginPolicy) error {
	if _, err := t.exec(ctx, "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?",
		formatTime(t.now), formatTime(t.now.Add(-p.Idle))); err != nil {
		return err
	}
	_, err := t.exec(ctx, "DELETE FROM login_throttle WHERE window_start <= ? AND locked_until <= ?",
		formatTime(t.now.Add(-p.Window)), formatTime(t.now))
	return err
}
