package store

import (
	"context"
	"fmt"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// Login throttling is stored (table login_throttle), so several servers
// count the same failures. Keys are "account:<name>" and "address:<ip>".
// Two simultaneous wrong guesses may both pass the check before either is
// counted: the limit may be exceeded by the number of servers × concurrent
// requests, not more, which is what throttling needs.

// Throttled is why a login was refused without checking the password: too
// many failures for the name or the address; try again at Until.
type Throttled struct{ Until time.Time }

func (e *Throttled) Error() string { return "login throttled until " + e.Until.Format(time.RFC3339) }

// throttled is the error of a locked login, in Chinese, with the time (China
// time) and the minutes left.
func throttled(until, now time.Time) error {
	mins := int((until.Sub(now) + time.Minute - 1) / time.Minute)
	return &jixiao.Error{Kind: jixiao.KindUnauthenticated,
		Message: fmt.Sprintf("登录失败次数过多，已暂时锁定：请于 %s（约 %d 分钟后）再试；如忘记密码，请联系系统管理员重设",
			until.In(chinaTime).Format("15:04"), max(mins, 1)),
		Err: &Throttled{Until: until}}
}

type loginKeys struct{ account, address string }

func throttleKeys(username, address string) loginKeys {
	if len(username) > 64 {
		username = username[:64]
	}
	return loginKeys{account: "account:" + username, address: "address:" + address}
}

// lockedUntil returns when the later lock of keys ends, or zero when
// neither is locked now.
func (s *Store) lockedUntil(ctx context.Context, keys loginKeys) (time.Time, error) {
	var until string
	err := s.view(ctx, func(t *tx) error {
		return t.queryRow(ctx, "SELECT coalesce(max(locked_until), '') FROM login_throttle WHERE key IN (?, ?) AND locked_until > ?",
			keys.account, keys.address, formatTime(t.now)).Scan(&until)
	})
	if err != nil || until == "" {
		return time.Time{}, err
	}
	return parseTime(until), nil
}

// recordFailure counts a failed login against both keys and returns when
// the lock this failure set ends (zero: no lock).
func (s *Store) recordFailure(ctx context.Context, keys loginKeys, p LoginPolicy) (time.Time, error) {
	var until time.Time
	err := s.update(ctx, func(t *tx) error {
		until = time.Time{}
		for _, k := range []struct {
			key   string
			limit int
		}{{keys.account, p.AccountFailures}, {keys.address, p.AddressFailures}} {
			u, err := t.countFailure(ctx, k.key, k.limit, p)
			if err != nil {
				return err
			}
			if u.After(until) {
				until = u
			}
		}
		return nil
	})
	return until, err
}

func (t *tx) countFailure(ctx context.Context, key string, limit int, p LoginPolicy) (time.Time, error) {
	failures, start := 0, t.now
	var startText string
	err := t.queryRow(ctx, "SELECT failures, window_start FROM login_throttle WHERE key = ?", key).Scan(&failures, &startText)
	switch {
	case isNoRows(err):
	case err != nil:
		return time.Time{}, err
	case t.now.Sub(parseTime(startText)) < p.Window:
		start = parseTime(startText)
	default:
		failures = 0 // the window has passed: count afresh
	}
	failures++
	var until time.Time
	if limit > 0 && failures >= limit {
		until, failures, start = t.now.Add(p.Lockout), 0, t.now
	}
	_, err = t.exec(ctx, `INSERT INTO login_throttle (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, locked_until = excluded.locked_until`,
		key, failures, formatTime(start), lockText(until))
	return until, err
}

func lockText(until time.Time) string {
	if until.IsZero() {
		return ""
	}
	return formatTime(until)
}

// clearThrottle forgets the failures of key (a successful login forgets its
// account's; the address's stay, or one valid account would reset the
// count of an address guessing at others).
func (t *tx) clearThrottle(ctx context.Context, key string) error {
	_, err := t.exec(ctx, "DELETE FROM login_throttle WHERE key = ?", key)
	return err
}
