package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Migrations are plain SQL files, one folder per dialect, numbered
// (0001_init.sql, 0002_…): each is applied once, in order, in its own
// transaction, and recorded in schema_migrations. A migration once released
// is never edited; a change is a new file in both folders.
//
//go:embed migrations
var migrations embed.FS

// migrationLock is the PostgreSQL advisory lock key held while migrating.
const migrationLock = 7_305_110_105

// Migration is one schema step.
type Migration struct {
	Version int
	Name    string
	sql     string
}

func (s *Store) migrations() ([]Migration, error) {
	dir := path.Join("migrations", s.d.name)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration file %s/%s is not NNNN_name.sql", dir, e.Name())
		}
		body, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: name, sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	for i := 1; i < len(out); i++ {
		if out[i].Version == out[i-1].Version {
			return nil, fmt.Errorf("migrations %s/%04d_%s and %04d_%s share a number", dir, out[i].Version, out[i].Name, out[i-1].Version, out[i-1].Name)
		}
	}
	return out, nil
}

// Migrate applies the migrations the database does not have yet and
// returns those it applied. Several processes starting at once on one
// PostgreSQL apply each migration once (the table lock orders them).
func (s *Store) Migrate(ctx context.Context) error {
	_, err := s.MigrateReport(ctx)
	return err
}

// MigrateReport is Migrate returning the migrations applied.
func (s *Store) MigrateReport(ctx context.Context) ([]Migration, error) {
	all, err := s.migrations()
	if err != nil {
		return nil, err
	}
	if s.d.name == dialectPostgres {
		// Servers starting together: one migrates, the others wait for it
		// (even CREATE TABLE IF NOT EXISTS races in PostgreSQL's catalogue).
		conn, err := s.write.Conn(ctx)
		if err != nil {
			return nil, s.openError(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
			return nil, s.openError(err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock)
	}
	// In a transaction: on SQLite it begins IMMEDIATE and so waits (busy
	// timeout) for another process opening the same new file; a bare
	// statement that reads the schema and then writes it may instead fail
	// at once with "database is locked".
	err = s.update(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
		return err
	})
	if err != nil {
		return nil, s.openError(err)
	}
	var applied []Migration
	for _, m := range all {
		done := false
		err := s.update(ctx, func(t *tx) error {
			if s.d.name == dialectPostgres {
				if _, err := t.exec(ctx, "LOCK TABLE schema_migrations IN EXCLUSIVE MODE"); err != nil {
					return err
				}
			}
			var n int
			if err := t.queryRow(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := t.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
			}
			_, err := t.exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, formatTime(t.now))
			return err
		})
		if err != nil {
			return applied, err
		}
		if !done {
			applied = append(applied, m)
		}
	}
	var newest int
	if err := s.write.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&newest); err != nil {
		return applied, s.translate(err)
	}
	if known := all[len(all)-1].Version; newest > known {
		return applied, jixiao.Errorf(jixiao.KindInvalid,
			"数据库 %s 的结构版本是 %d，比本程序认识的 %d 新：请使用新版 jixiao", s.d.location, newest, known)
	}
	return applied, nil
}

// openError explains why the database could not be opened.
func (s *Store) openError(err error) error {
	if s.d.name == dialectSQLite {
		return &jixiao.Error{Kind: jixiao.KindInvalid,
			Message: fmt.Sprintf("无法打开数据库文件 %s：请检查路径、权限，以及它是否是 jixiao 的 SQLite 数据库", s.d.location), Err: err}
	}
	return &jixiao.Error{Kind: jixiao.KindInternal,
		Message: fmt.Sprintf("无法连接 PostgreSQL（%s）：请检查服务器是否运行、连接串中的主机、端口、用户和数据库", s.d.location), Err: err}
}
