package cli

import (
	"context"
	"fmt"
	"io"
	"os/user"
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

// dbFlag adds --db to f.
func dbFlag(f *flags) *string { return f.String("db", "", dbUsage) }

// openStore opens the database of --db (migrating it), or reports why not.
func openStore(ctx context.Context, cmd, dsn string, stderr io.Writer) (*store.Store, int, bool) {
	s, err := store.Open(ctx, store.DSN(dsn))
	if err != nil {
		return nil, fail(stderr, cmd, err), false
	}
	return s, 0, true
}

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
