package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Backup writes a consistent copy of a SQLite database to path while others
// keep working (VACUUM INTO: one read transaction, a compact file). The file
// must not exist. PostgreSQL is backed up with its own tools: Backup
// returns an invalid error whose message is the pg_dump command.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := admin(ctx); err != nil {
		return err
	}
	if s.d.name == dialectPostgres {
		return errInvalidf("PostgreSQL 数据库请用它自己的工具备份，例如：pg_dump --format=custom --file=%s '%s'", path, s.d.location)
	}
	if _, err := os.Stat(path); err == nil {
		return errConflictf("备份文件 %s 已存在：请换一个文件名，备份不会覆盖已有文件", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return errInvalidf("无法使用备份路径 %s：%v", path, err)
	}
	if absPath(path) == s.d.location {
		return errInvalidf("备份文件不能是数据库本身")
	}
	if _, err := s.read.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		os.Remove(path)
		return &jixiao.Error{Kind: jixiao.KindInternal, Message: fmt.Sprintf("备份到 %s 失败：请检查目录是否存在、可写，磁盘是否已满", path), Err: err}
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity and foreign-key checks and returns
// the problems found (none: nil). On PostgreSQL it checks nothing: the
// server keeps its own files consistent.
func (s *Store) IntegrityCheck(ctx context.Context) ([]string, error) {
	if s.d.name != dialectSQLite {
		return nil, nil
	}
	var problems []string
	rows, err := s.read.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, s.translate(err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	rows, err = s.read.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, s.translate(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = fmt.Sprint(v)
		}
		problems = append(problems, "foreign key: "+strings.Join(parts, " "))
	}
	return problems, rows.Err()
}
