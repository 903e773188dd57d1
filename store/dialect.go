package store

import (
	"database/sql"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// This file is the one place where SQLite and PostgreSQL differ in Go code:
// opening, placeholders, the lock that orders log appends, and how each
// driver reports a constraint violation or a storage that cannot write (by
// its error code, never by the text of its message). Schema differences live in migrations/<dialect>.

const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

type dialect struct {
	name     string
	location string // for messages: the file, or the server without password
	// lockLog is the statement that reads the log's head and holds it until
	// commit, so that appends form one chain even with several servers.
	lockLog string
}

type violation int

const (
	violationNone violation = iota
	violationUnique
	violationForeignKey
	violationCheck
)

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// SQLite settings, on every connection:
//   - WAL: readers never block the writer and the writer never blocks readers;
//   - foreign keys on (SQLite's default is off);
//   - busy timeout 10 s: another process holding the write lock (jixiao import
//     beside jixiao serve) is waited for, not reported as an error;
//   - synchronous=FULL: a save the user was told is stored survives a power
//     cut, not only a crash of the process (NORMAL in WAL mode may lose the
//     last commits on power loss). The cost is one more fsync per commit,
//     measured in BENCHMARKS.md (save p99).
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)"

// The sizes of SQLite's pools: one writer, so that writers queue in Go;
// readers in parallel.
const (
	sqliteWriters = 1
	sqliteReaders = 8
)

func openSQLite(path string) (*Store, error) {
	if strings.ContainsAny(path, "?#") {
		return nil, errInvalidf("数据库文件名“%s”不能含 ? 或 #，请换一个文件名", path)
	}
	path = strings.TrimPrefix(path, "file:")
	d := &dialect{name: dialectSQLite, location: absPath(path), lockLog: "SELECT seq, hash FROM log_head WHERE id = 1"}
	// The writer begins IMMEDIATE: it takes the write lock at BEGIN, so a
	// transaction never fails half-way on a lock another writer holds.
	write, err := sql.Open("sqlite", path+"?"+sqliteParams+"&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write.SetMaxOpenConns(sqliteWriters)
	write.SetMaxIdleConns(sqliteWriters)
	write.SetConnMaxLifetime(0)
	connectSQLite(write)
	read, err := sql.Open("sqlite", path+"?"+sqliteParams)
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(sqliteReaders)
	read.SetMaxIdleConns(sqliteReaders)
	return &Store{read: read, write: write, d: d, stmts: &stmtCache{db: write, m: map[string]*sql.Stmt{}}}, nil
}

// connectSQLite makes the writer's first connection. On a new file that
// connection turns the file to WAL, which takes the file's exclusive lock;
// processes opening one new file together can meet in SQLite's deadlock
// avoidance, where one gets SQLITE_BUSY at once, its busy timeout not
// consulted. Trying again after a pause, once the other has switched the
// file, succeeds; the budget is the busy timeout's. Any other error is left
// to the first statement, which reports it (Open: openError).
func connectSQLite(db *sql.DB) {
	deadline := time.Now().Add(10 * time.Second)
	for pause := time.Millisecond; ; pause = min(2*pause, 50*time.Millisecond) {
		err := db.Ping()
		var se *sqlite.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return
		}
		time.Sleep(pause)
	}
}

func openPostgres(dsn string) (*Store, error) {
	loc := dsn
	if u, err := url.Parse(dsn); err == nil {
		u.User = url.User(u.User.Username())
		loc = u.Redacted()
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errInvalidf("PostgreSQL 连接串“%s”无法识别，应为 postgres://用户@主机:端口/数据库", loc)
	}
	// A client that stops half-way through a transaction (a paused process,
	// a cut network) must not hold the log's head, and with it every
	// writer, until TCP gives up: the server ends such a session after a
	// minute, unless the connection string says otherwise.
	if _, set := cfg.RuntimeParams["idle_in_transaction_session_timeout"]; !set {
		cfg.RuntimeParams["idle_in_transaction_session_timeout"] = "60000"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	d := &dialect{name: dialectPostgres, location: loc, lockLog: "SELECT seq, hash FROM log_head WHERE id = 1 FOR UPDATE"}
	return &Store{read: db, write: db, d: d}, nil
}

// rebind rewrites ? placeholders to PostgreSQL's $1, $2… (queries here never
// hold a ? inside a string literal).
func (d *dialect) rebind(q string) string {
	if d.name != dialectPostgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// violation classifies err by the driver's error code.
func (d *dialect) violation(err error) violation {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return violationUnique
		case "23503":
			return violationForeignKey
		case "23514", "23502":
			return violationCheck
		}
		return violationNone
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return violationUnique
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return violationForeignKey
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return violationCheck
		}
	}
	return violationNone
}

// Messages of a storage that cannot take changes: what happened, that
// nothing was stored, and who can help (the user cannot: the server's
// administrator must free space or make the database writable again).
const (
	msgDiskFull = "服务器磁盘已满，未能保存；请联系系统管理员清理磁盘空间后再试"
	msgReadOnly = "数据库当前只读（磁盘或数据库文件不可写），未能保存；请联系系统管理员"
	msgIOError  = "数据库读写磁盘出错，未能完成操作；请稍后再试，如果一再出现，请联系系统管理员检查服务器磁盘"
)

// storageFailure classifies err, by the driver's error code, as a storage
// that cannot write: a full disk (SQLITE_FULL, PostgreSQL 53100
// disk_full), a read-only database or file system (SQLITE_READONLY and its
// extended codes, PostgreSQL 25006 read_only_sql_transaction, as on a
// standby), or an I/O error (SQLITE_IOERR and its extended codes —
// SQLite reports a failed write(2) of a full disk as one too —, PostgreSQL
// 58030 io_error). It returns the user's message, "" for any other error.
func (d *dialect) storageFailure(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "53100":
			return msgDiskFull
		case "25006":
			return msgReadOnly
		case "58030":
			return msgIOError
		}
		return ""
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // the primary result code of an extended one
		case sqlite3.SQLITE_FULL:
			return msgDiskFull
		case sqlite3.SQLITE_READONLY:
			return msgReadOnly
		case sqlite3.SQLITE_IOERR:
			return msgIOError
		}
	}
	return ""
}

// reconnect is called before a change that follows one the storage
// refused. SQLite opens a file it cannot write (a read-only file system
// when the server started) read-only, and keeps it so while any connection
// of the process has it open (they share the file's lock and shared-memory
// state), also once the file system is writable again: closing every idle
// connection lets the change open the file anew, so saves work again
// without a restart. Closed before the change rather than after the
// failure: reads in between open connections too. (PostgreSQL's server
// owns its files.)
func (s *Store) reconnect() {
	if s.d.name == dialectSQLite {
		s.write.SetMaxIdleConns(0)
		s.read.SetMaxIdleConns(0)
		s.write.SetMaxIdleConns(sqliteWriters)
		s.read.SetMaxIdleConns(sqliteReaders)
	}
}
