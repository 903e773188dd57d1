package jixiao

import (
	"errors"
	"fmt"
)

// ErrorKind classifies an error so that each front end maps it in one place:
// the CLI to an exit status, HTTP to a status code.
type ErrorKind string

// Error kinds.
const (
	KindInvalid         ErrorKind = "invalid"         // the input is wrong: the user can fix it
	KindNotFound        ErrorKind = "not_found"       // a file or record does not exist
	KindConflict        ErrorKind = "conflict"        // the change clashes with the current state
	KindUnauthenticated ErrorKind = "unauthenticated" // nobody is signed in, or the session has ended
	KindForbidden       ErrorKind = "forbidden"       // the signed-in user may not do this (never file permissions)
	KindUnavailable     ErrorKind = "unavailable"     // the storage cannot take changes now (disk full, read-only): nothing was stored; the administrator must act
	KindInternal        ErrorKind = "internal"        // a bug or an outside failure
)

// Error is an error with a kind and a message for users, in Chinese.
type Error struct {
	Kind    ErrorKind
	Message string // zh-CN, says what is wrong and how to fix it
	Err     error  // underlying cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + "：" + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an invalid-input error with a formatted message.
func Invalid(format string, args ...any) *Error { return Errorf(KindInvalid, format, args...) }

// KindOf returns the kind of err: the kind of the first *Error in its chain,
// KindInternal otherwise.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// MessageOf returns the user-facing message of err: the message of the first
// *Error in its chain, a generic Chinese message otherwise (internal details
// are for logs, not users).
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "内部错误，请联系系统管理员"
}
