package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
)

// change is what a service method records in the log.
type change struct {
	action     jixiao.Action
	object     string
	objectID   string
	formID     int64
	hashBefore string
	hashAfter  string
	detail     string
}

// log appends c to the chain inside t, as actor a (nil: nobody, a failed
// login). It runs last in every transaction that changes something: the
// head row it locks orders appends across connections and servers, and is
// held only until commit.
func (t *tx) log(ctx context.Context, a *jixiao.Actor, c change) error {
	var seq int64
	var prev string
	if err := t.queryRow(ctx, t.d.lockLog).Scan(&seq, &prev); err != nil {
		return fmt.Errorf("log head: %w", err)
	}
	e := jixiao.LogEntry{
		Seq: seq + 1, At: t.now, Action: c.action, Object: c.object, ObjectID: c.objectID,
		FormID: c.formID, HashBefore: c.hashBefore, HashAfter: c.hashAfter, Detail: c.detail, PrevHash: prev,
		Actor: "（未登录）",
	}
	if a != nil {
		e.ActorID, e.Actor = a.UserID, a.Name
	}
	e.Hash = e.ComputeHash()
	if _, err := t.exec(ctx, `INSERT INTO log_entries (seq, at, actor_id, actor, action, object, object_id, form_id,
		hash_before, hash_after, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At.Format(jixiao.LogTimeFormat), nullInt(e.ActorID), e.Actor, string(e.Action), e.Object, e.ObjectID,
		nullInt(e.FormID), e.HashBefore, e.HashAfter, e.Detail, e.PrevHash, e.Hash); err != nil {
		return err
	}
	_, err := t.exec(ctx, "UPDATE log_head SET seq = ?, hash = ? WHERE id = 1", e.Seq, e.Hash)
	return err
}

func nullInt(n int64) sql.NullInt64 { return sql.NullInt64{Int64: n, Valid: n != 0} }

const logColumns = `seq, at, coalesce(actor_id, 0), actor, action, object, object_id, coalesce(form_id, 0),
	hash_before, hash_after, detail, prev_hash, hash`

func scanLog(rows interface{ Scan(...any) error }) (*jixiao.LogEntry, error) {
	var e jixiao.LogEntry
	var at, action string
	if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.Actor, &action, &e.Object, &e.ObjectID, &e.FormID,
		&e.HashBefore, &e.HashAfter, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	e.At, e.Action = parseTime(at), jixiao.Action(action)
	return &e, nil
}

// VerifyLog checks the whole chain in one snapshot, reading entries one at a
// time (memory stays flat however long the log is). Anyone who may open the
// database may verify it: the result names the first entry that was edited,
// deleted or reordered.
func (s *Store) VerifyLog(ctx context.Context) (*jixiao.ChainCheck, error) {
	var c jixiao.ChainCheck
	err := s.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, "SELECT "+logColumns+" FROM log_entries ORDER BY seq")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanLog(rows)
			if err != nil {
				return err
			}
			if !c.Add(e) {
				return nil
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var seq int64
		var hash string
		if err := t.queryRow(ctx, "SELECT seq, hash FROM log_head WHERE id = 1").Scan(&seq, &hash); err != nil {
			if err == sql.ErrNoRows {
				c.End(-1, "")
				return nil
			}
			return err
		}
		c.End(seq, hash)
		return nil
	})
	return &c, err
}

// LogFilter selects log entries: those after After and before Before, of
// one form or one action, oldest first or newest first, at most Limit.
type LogFilter struct {
	FormID int64         // only this form's entries
	Action jixiao.Action // only entries of this action
	After  int64         // entries after this Seq
	Before int64         // entries before this Seq (0: up to the last)
	// Newest lists newest first: the last Limit entries of the range,
	// so a page of the log reads back from Before.
	Newest bool
	Limit  int // at most this many (default 100, at most 10,000)
}

// Log lists entries in order of Seq (reversed with Newest). Administrators
// and the command line see the whole log (and may filter it by any form,
// though they may not read forms themselves); others see the entries of
// forms they may see.
func (s *Store) Log(ctx context.Context, f LogFilter) ([]*jixiao.LogEntry, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if f.Limit <= 0 {
		f.Limit = 100
	}
	f.Limit = min(f.Limit, 10000)
	var out []*jixiao.LogEntry
	err = s.view(ctx, func(t *tx) error {
		// whoever reads the whole log may filter it by any form; others
		// read the entries of a form they may see
		switch whole := a.System || a.Has(jixiao.RoleAdmin); {
		case f.FormID != 0 && !whole:
			if _, err := t.formScope(ctx, a, f.FormID); err != nil {
				return err
			}
		case !whole:
			return errForbiddenf("只有系统管理员可以查看全部日志；请按自评表查看其记录")
		}
		q := "SELECT " + logColumns + " FROM log_entries WHERE seq > ?"
		args := []any{f.After}
		if f.Before > 0 {
			q += " AND seq < ?"
			args = append(args, f.Before)
		}
		if f.FormID != 0 {
			q += " AND form_id = ?"
			args = append(args, f.FormID)
		}
		if f.Action != "" {
			q += " AND action = ?"
			args = append(args, string(f.Action))
		}
		order := " ORDER BY seq"
		if f.Newest {
			order += " DESC"
		}
		rows, err := t.query(ctx, q+order+" LIMIT "+strconv.Itoa(f.Limit), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			e, err := scanLog(rows)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}
