package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/internal/checkfile"
	"github.com/jixiao/jixiao/internal/jsonout"
	"github.com/jixiao/jixiao/internal/ordered"
)

const checkUsage = `用法：jixiao check [--json] [--verbose] [--config 文件] [--low-execution 百分比] 文件...

读取一个或多个自评表（.txt、.json，及后续支持的 .docx、.xlsx），判定每个三级指标是否达成，
按审核规则找出问题，按表输出中文报告；--json 输出机器可读的结果（字段见 docs/contract.md）。
退出状态：0 没有“错误”级问题；1 有表存在“错误”级问题；2 有文件无法读取（其余文件照常检查）。`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("check", checkUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	verbose := f.Bool("verbose", false, "列出全部指标的判定，而不只是有问题的指标")
	configPath := f.String("config", "", "审核阈值配置文件（JSON）")
	low := f.String("low-execution", "", "低执行率阈值，百分比，如 80")
	files, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "jixiao check：请指定至少一个自评表文件")
		fmt.Fprintln(stderr, checkUsage)
		return ExitInput
	}
	cfg, err := checkConfig(*configPath, *low)
	if err != nil {
		fmt.Fprintln(stderr, "jixiao check："+jixiao.MessageOf(err))
		return ExitCode(err)
	}

	var reports *jsonout.Array
	if *asJSON {
		reports = jsonout.NewArray(stdout)
	}
	exit := ExitOK
	checkFiles(ctx, files, cfg, func(file string, c fileCheck) {
		if c.Err != nil {
			fmt.Fprintln(stderr, "jixiao check："+jixiao.MessageOf(c.Err))
			exit = max(exit, ExitCode(c.Err))
			return
		}
		for i := range c.Reports {
			r := &c.Reports[i]
			if r.Summary.Errors > 0 {
				exit = max(exit, ExitFindings)
			}
			if reports != nil {
				reports.Add(r)
			} else {
				writeReport(stdout, r, *verbose)
			}
		}
	})
	if code, ok := interrupted(ctx, stderr, "check"); ok {
		return code
	}
	if reports != nil {
		if err := reports.Close(); err != nil {
			return jsonFailed(stderr, "check", err)
		}
	}
	return exit
}

// checkWorkers is how many files are read and checked at once; 0 means
// runtime.GOMAXPROCS, every core. Tests set it to 1 to compare the output
// with a sequential run.
var checkWorkers = 0

// fileCheck is what checking one file gives (checkfile.Result, shared with
// the web API).
type fileCheck = checkfile.Result

// checkFiles checks files on checkWorkers goroutines and calls emit for each
// file in the order given, on the calling goroutine (ordered.Map: at most
// twice as many files as workers in flight, so memory stays bounded). It
// returns early, emitting no more, once ctx is done, after the reads under
// way were cancelled: a LibreOffice one started is killed before the
// program ends.
func checkFiles(ctx context.Context, files []string, cfg audit.Config, emit func(file string, c fileCheck)) {
	ordered.Map(ctx, len(files), ordered.Workers(checkWorkers),
		func(i int) fileCheck { return checkfile.Path(ctx, files[i], cfg) },
		func(i int, c fileCheck) bool {
			emit(files[i], c)
			if c.Panicked != nil {
				panic(c.Panicked)
			}
			return true
		})
}

// readForms reads a file's forms; a panic in a reader is an internal error
// for that file only, so the other files are still read.
func readForms(ctx context.Context, file string) ([]*jixiao.Form, error) {
	return checkfile.Read(ctx, file)
}

func checkConfig(path, low string) (audit.Config, error) {
	cfg := audit.Defaults()
	if path != "" {
		var err error
		if cfg, err = audit.LoadConfig(path); err != nil {
			return cfg, err
		}
	}
	if low != "" {
		v, err := decimal.NewFromString(low)
		if err != nil {
			return cfg, jixiao.Invalid("--low-execution 应为百分比数值，如 80（当前为 %q）", low)
		}
		cfg.LowExecution = v
	}
	return cfg, cfg.Validate()
}
