// Package cli implements the jixiao command line: sub-commands, flags,
// Chinese help and messages, and the one mapping from error kinds to exit
// statuses.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Version of jixiao.
const Version = "0.1.0"

// Exit statuses (docs/contract.md).
const (
	ExitOK       = 0 // done; for check: no file has an error-level finding
	ExitFindings = 1 // check: some form has an error-level finding
	ExitInput    = 2 // some input could not be read, or the command line is wrong
	ExitInternal = 3 // a bug: please report it
	// ExitInterrupted: stopped by Ctrl-C or a termination signal before
	// the end; 128+SIGINT, the status a shell gives a program Ctrl-C ends,
	// as it was before jixiao caught the signal.
	ExitInterrupted = 130
)

// ExitCode maps an error to the exit status, in one place.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	switch jixiao.KindOf(err) {
	case jixiao.KindInvalid, jixiao.KindNotFound, jixiao.KindForbidden, jixiao.KindConflict, jixiao.KindUnauthenticated:
		return ExitInput
	}
	return ExitInternal
}

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	// readsFiles: the command reads form files, which may start LibreOffice;
	// an interrupt cancels its context (interruptible) rather than ending
	// the program at once.
	readsFiles bool
}

func commands() []command {
	return []command{
		{"check", "检查自评表：判定每个指标、审核常见错误，输出中文报告或 JSON", runCheck, true},
		{"parse", "显示 jixiao 如何理解指标值或实际完成值短语", runParse, false},
		{"convert", "转换自评表格式（.docx 官方版式、.xlsx、.json），可附审核批注", runConvert, true},
		{"rollup", "按表注规则把多张自评表逐级汇总为地区表，可追溯每个汇总数的来源", runRollup, true},
		{"score", "按评分方案给自评表打分，核对申报的分值、得分、总分和等级", runScore, true},
		{"rank", "比较同一项目、同一年度各地区的自评表并排名（可导出 Excel 及图表）", runRank, true},
		{"rules", "列出全部审核规则：编号、严重程度和所查的问题", runRules, false},
		{"gen", "生成合成的全国数据（省、市、县的自评表和地区树），用于试用和测量", runGen, false},
		{"list", "列出数据库中的自评表（编号、项目、年度、单位、地区、状态、版本）", runList, true},
		{"import", "把一批自评表文件导入数据库：按表头归到单位和地区，可重复运行、中断后续导", runImport, true},
		{"log", "防篡改日志：verify 校验日志链，show 显示日志", runLog, true},
		{"backup", "备份数据库（SQLite 在线备份；PostgreSQL 显示 pg_dump 命令）", runBackup, true},
		{"user", "用户与角色：add、passwd、grant、revoke、disable、enable、list", runUser, true},
		{"org", "单位：add、list", runOrg, true},
		{"region", "地区：load 载入全国行政区划或地区树，list", runRegion, true},
		{"task", "自评任务：issue 下发，status 报送情况", runTask, true},
		{"migrate", "把数据库结构升级到本程序的版本", runMigrate, true},
		{"serve", "启动网页应用和 JSON 接口（登录、工作台、上传检查）", runServe, true},
		{"version", "显示版本", runVersion, false},
	}
}

const usageHead = `jixiao — 转移支付绩效自评表的读取、判定与审核工具

用法：
  jixiao <命令> [选项] [参数]

命令：
`

func usage(w io.Writer) {
	fmt.Fprint(w, usageHead)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
每个命令的选项：jixiao <命令> --help

退出状态：0 正常；1 有表存在“错误”级问题；2 有文件无法读取或命令行有误；3 内部错误
`)
}

// Run runs the command line and returns the exit status. It never panics:
// a bug is reported in Chinese with status 3. For the commands that read
// form files, an interrupt (Ctrl-C) or a termination signal cancels the
// command's context (see interruptible); the others end at once, as
// programs do.
func Run(args []string, stdout, stderr io.Writer) (code int) {
	ctx := context.Background()
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "jixiao：内部错误（%v），请把命令和输入文件报告给维护者\n", p)
			code = ExitInternal
		}
	}()
	if len(args) == 0 {
		usage(stderr)
		return ExitInput
	}
	switch args[0] {
	case "-h", "--help", "-help", "help":
		usage(stdout)
		return ExitOK
	case "-v", "--version", "-version":
		return runVersion(ctx, nil, stdout, stderr)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			if c.readsFiles {
				var stop context.CancelFunc
				ctx, stop = interruptible()
				defer stop()
			}
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "jixiao：未知命令“%s”\n\n", args[0])
	usage(stderr)
	return ExitInput
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "jixiao %s (%s %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return ExitOK
}

// flags is a flag set with Chinese usage that accepts flags after
// positional arguments (jixiao check a.txt --json).
type flags struct {
	*flag.FlagSet
	usage string
}

func newFlags(name, usage string, stderr io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flags{FlagSet: fs, usage: usage}
}

// parse parses args and returns the positional arguments; done is true
// when the caller should return code (help was asked for, or a flag is wrong).
func (f *flags) parse(args []string, stdout, stderr io.Writer) (pos []string, code int, done bool) {
	for {
		err := f.Parse(args)
		if err == flag.ErrHelp {
			f.printUsage(stdout)
			return nil, ExitOK, true
		}
		if err != nil {
			fmt.Fprintf(stderr, "jixiao %s：%s\n\n", f.Name(), translateFlagError(err))
			f.printUsage(stderr)
			return nil, ExitInput, true
		}
		rest := f.Args()
		if len(rest) == 0 {
			return pos, 0, false
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), 0, false
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (f *flags) printUsage(w io.Writer) {
	fmt.Fprintln(w, f.usage)
	fmt.Fprintln(w, "\n选项：")
	f.VisitAll(func(fl *flag.Flag) {
		name := "--" + fl.Name
		if _, isBool := fl.Value.(interface{ IsBoolFlag() bool }); !isBool {
			name += " 值"
		}
		def := ""
		if fl.DefValue != "" && fl.DefValue != "false" {
			def = "（默认 " + fl.DefValue + "）"
		}
		fmt.Fprintf(w, "  %-22s %s%s\n", name, fl.Usage, def)
	})
}

func translateFlagError(err error) string {
	s := err.Error()
	switch {
	case strings.HasPrefix(s, "flag provided but not defined: "):
		return "未知选项 " + strings.TrimPrefix(s, "flag provided but not defined: ")
	case strings.HasPrefix(s, "flag needs an argument: "):
		return "选项缺少取值：" + strings.TrimPrefix(s, "flag needs an argument: ")
	case strings.HasPrefix(s, "invalid value "):
		return "选项取值无效：" + strings.TrimPrefix(s, "invalid value ")
	}
	return s
}
