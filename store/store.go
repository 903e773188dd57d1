// Package store keeps the shared record — regions, organisations, users,
// tasks, forms with every revision, comments and the tamper-evident log — in
// embedded SQLite (the default: one file, nothing to set up) or PostgreSQL
// (many users, several application servers). It is also the service layer:
// every exported method is one transaction that checks who may do it and
// appends to the log inside that transaction, so the command line and the
// web application are thin shells over the same rules.
//
// One implementation serves both databases over database/sql; what differs
// lives in the embedded migrations of each dialect and in dialect.go.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
)

// DefaultPath is the SQLite file used when neither --db nor JIXIAO_DB names one.
const DefaultPath = "jixiao.db"

// EnvDB names the environment variable that chooses the database.
const EnvDB = "JIXIAO_DB"

// Store is an open database.
type Store struct {
	// read serves reads; write serves transactions that change something.
	// On SQLite write is a pool of one connection that begins IMMEDIATE, so
	// writers queue in Go instead of failing on a busy lock, while reads go
	// on in parallel from the WAL. On PostgreSQL both are the same pool.
	read, write *sql.DB
	d           *dialect
	stmts       *stmtCache // SQLite: the write connection's prepared statements
	// refused is set when the storage refused a change (full, read-only):
	// the next change reconnects first (dialect.go).
	refused   atomic.Bool
	readStmts *stmtCache // SQLite: the read pool's, prepared once on each connection
	// Now is the clock (tests set it); times are stored in UTC to the microsecond.
	Now func() time.Time
	// Audit configures the judgement made at every save (thresholds,
	// direction words), as `jixiao check --config` does for files.
	Audit audit.Config
}

// Location describes where a store lives, for messages: the file, or the
// PostgreSQL server without its password.
func (s *Store) Location() string { return s.d.location }

// Dialect is "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Open opens (creating where needed) the database named by dsn — a file
// path for SQLite, postgres://… for PostgreSQL — and brings its schema up
// to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := open(dsn)
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// OpenExisting opens without migrating (jixiao migrate applies them itself).
func OpenExisting(dsn string) (*Store, error) { return open(dsn) }

func open(dsn string) (*Store, error) {
	if strings.TrimSpace(dsn) == "" {
		dsn = DefaultPath
	}
	var s *Store
	var err error
	if isPostgres(dsn) {
		s, err = openPostgres(dsn)
	} else {
		s, err = openSQLite(dsn)
	}
	if err != nil {
		return nil, err
	}
	if s.stmts != nil {
		s.readStmts = &stmtCache{db: s.read, m: map[string]*sql.Stmt{}}
	}
	s.Now = time.Now
	s.Audit = audit.Defaults()
	return s, nil
}

// DSN returns the database the command line should use: the flag, else
// JIXIAO_DB, else jixiao.db in the working directory.
func DSN(flag string) string {
	if flag != "" {
		return flag
	}
	if env := os.Getenv(EnvDB); env != "" {
		return env
	}
	return DefaultPath
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	s.readStmts.close()
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	return err
}

// DB returns the database handle that writes, for tests and benchmarks that
// inspect or tamper with the database directly.
func (s *Store) DB() *sql.DB { return s.write }

func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// timeFormat is how every timestamp is stored: fixed-width UTC text.
const timeFormat = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// tx is a transaction with the dialect's query rewriting.
type tx struct {
	*sql.Tx
	d     *dialect
	now   time.Time
	s     *Store
	stmts *stmtCache // nil: statements are prepared where they run
	// missed are the queries run that stmts did not hold yet.
	missed []string
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.ExecContext(ctx, t.d.rebind(query), args...)
}

func (t *tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.QueryContext(ctx, t.d.rebind(query), args...)
}

func (t *tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.QueryRowContext(ctx, t.d.rebind(query), args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (t *tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// update runs fn in a transaction that may write, committing when it
// returns nil. Errors are translated (constraint violations to conflicts).
func (s *Store) update(ctx context.Context, fn func(*tx) error) error {
	return s.run(ctx, s.write, false, fn)
}

// view runs fn in a read-only transaction (one consistent snapshot).
func (s *Store) view(ctx context.Context, fn func(*tx) error) error {
	return s.run(ctx, s.read, true, fn)
}

func (s *Store) run(ctx context.Context, db *sql.DB, readOnly bool, fn func(*tx) error) error {
	if db == s.write && s.refused.Swap(false) {
		s.reconnect()
	}
	sqlTx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly && s.d.name == dialectPostgres})
	if err != nil {
		return s.translate(err)
	}
	t := &tx{Tx: sqlTx, d: s.d, now: s.now(), s: s}
	switch {
	case db == s.write && !readOnly:
		t.stmts = s.stmts
	case db == s.read && readOnly:
		t.stmts = s.readStmts
	}
	if t.stmts != nil {
		defer func() { t.stmts.warm(ctx, t.missed) }() // after commit or rollback: the connection is free
	}
	err = fn(t)
	if err != nil {
		sqlTx.Rollback()
	} else {
		err = sqlTx.Commit()
	}
	if err != nil {
		err = s.translate(err)
		if db == s.write && jixiao.KindOf(err) == jixiao.KindUnavailable {
			s.refused.Store(true)
		}
	}
	return err
}

// translate turns database errors into jixiao errors: *jixiao.Error passes
// through; a constraint violation is a conflict; a storage that cannot
// write (full, read-only, failing: dialect.storageFailure) is unavailable;
// anything else is internal with a message that says where the database is.
func (s *Store) translate(err error) error {
	var je *jixiao.Error
	if errors.As(err, &je) {
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return &jixiao.Error{Kind: jixiao.KindInternal, Message: "操作已取消或超时，未保存任何修改", Err: err}
	}
	switch s.d.violation(err) {
	case violationUnique:
		return &jixiao.Error{Kind: jixiao.KindConflict, Message: "记录已存在（与已有的记录重复），未保存", Err: err}
	case violationForeignKey:
		return &jixiao.Error{Kind: jixiao.KindInvalid, Message: "引用的记录不存在（地区、单位、项目或用户），未保存", Err: err}
	case violationCheck:
		return &jixiao.Error{Kind: jixiao.KindInvalid, Message: "数据不符合约束（状态、类型或角色取值不对），未保存", Err: err}
	}
	if msg := s.d.storageFailure(err); msg != "" {
		return &jixiao.Error{Kind: jixiao.KindUnavailable, Message: msg, Err: err}
	}
	return &jixiao.Error{Kind: jixiao.KindInternal, Message: fmt.Sprintf("数据库操作失败（%s）", s.d.location), Err: err}
}

// absPath is p made absolute for messages (best effort).
func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}
