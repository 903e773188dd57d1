package store

import (
	"database/sql"
	"errors"

	jixiao "github.com/jixiao/jixiao"
)

func errInvalidf(format string, args ...any) error { return jixiao.Invalid(format, args...) }

func errNotFoundf(format string, args ...any) error {
	return jixiao.Errorf(jixiao.KindNotFound, format, args...)
}

func errForbiddenf(format string, args ...any) error {
	return jixiao.Errorf(jixiao.KindForbidden, format, args...)
}

func errConflictf(format string, args ...any) error {
	return jixiao.Errorf(jixiao.KindConflict, format, args...)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
