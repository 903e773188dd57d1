package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/user"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// The commands that work on the shared record (list, import, log, backup,
// user, org, region, task, migrate) are thin shells over package store: they
// parse flags, act as the command-line operator (jixiao.SystemActor: whoever
// may open the database file or connect to the server administers it) and
// print what the service returns.

const dbUsage = "数据库：SQLite 文件路径或 postgres://用户@主机:端口/库名（默认取环境变量 JIXIAO_DB，否则为当前目录的 jixiao.db）"

// dbAction is what a database command does once its flags are parsed: it
// checks its arguments, then opens the database (open migrates it) and
// calls the service. A returned error is printed in Chinese and mapped to
// the exit status; exitStatus ends with a status of its own.
type dbAction func(ctx context.Context, pos []string, open func() (*store.Store, error)) error

// exitStatus is an action's way to end with a given status and no message.
type exitStatus int

func (e exitStatus) Error() string { return "exit " + strconv.Itoa(int(e)) }

// exit is nil for ExitOK, else the status as an error.
func exit(code int) error {
	if code == ExitOK {
		return nil
	}
	return exitStatus(code)
}

// runDB is the frame of every database command: flags with --db (define
// adds the command's own and returns its action), the operator's context,
// the store opened on demand and closed, errors mapped in one place.
func runDB(ctx context.Context, name, usage string, args []string, stdout, stderr io.Writer, define func(f *flags) dbAction) int {
	f := newFlags(name, usage, stderr)
	db := f.String("db", "", dbUsage)
	action := define(f)
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx = operator(ctx)
	var s *store.Store
	open := func() (*store.Store, error) {
		if s == nil {
			var err error
			if s, err = store.Open(ctx, store.DSN(*db)); err != nil {
				return nil, err
			}
		}
		return s, nil
	}
	err := action(ctx, pos, open)
	if s != nil {
		s.Close()
	}
	var status exitStatus
	if errors.As(err, &status) {
		return int(status)
	}
	if err != nil {
		return fail(stderr, name, err)
	}
	return ExitOK
}

// usageError is the error of a command line with the wrong arguments.
func usageError(format string, args ...any) error { return jixiao.Invalid(format, args...) }

// operator is ctx acting as the command-line operator.
func operator(ctx context.Context) context.Context {
	name := "命令行"
	if u, err := user.Current(); err == nil && u.Username != "" {
		name += "（" + u.Username + "）"
	}
	return jixiao.NewContextWithActor(ctx, jixiao.SystemActor(name))
}

// fail prints err's Chinese message and returns its exit status.
func fail(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintln(stderr, "jixiao "+cmd+"："+jixiao.MessageOf(err))
	return ExitCode(err)
}

// subcommand is one verb of a command group (jixiao user add).
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// runGroup dispatches a command group: jixiao <group> <verb> [options].
func runGroup(ctx context.Context, group, summary string, subs []subcommand, args []string, stdout, stderr io.Writer) int {
	usage := func(w io.Writer) {
		fmt.Fprintf(w, "%s\n\n用法：\n", summary)
		for _, s := range subs {
			fmt.Fprintf(w, "  jixiao %s %-8s %s\n", group, s.name, s.summary)
		}
		fmt.Fprintf(w, "\n每个子命令的选项：jixiao %s <子命令> --help\n", group)
	}
	if len(args) == 0 {
		usage(stderr)
		return ExitInput
	}
	if a := args[0]; a == "-h" || a == "--help" || a == "help" {
		usage(stdout)
		return ExitOK
	}
	for _, s := range subs {
		if s.name == args[0] {
			return s.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "jixiao %s：未知子命令“%s”\n\n", group, args[0])
	usage(stderr)
	return ExitInput
}

// oneLine makes s fit on one line of a table.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
