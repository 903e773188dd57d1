package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
)

const checkUsage = `用法：jixiao check [--json] [--verbose] [--config 文件] [--low-execution 百分比] 文件...

读取一个或多个自评表（.txt、.json，及后续支持的 .docx、.xlsx），判定每个三级指标是否达成，
按审核规则找出问题，按表输出中文报告；--json 输出机器可读的结果（字段见 docs/contract.md）。
退出状态：0 没有“错误”级问题；1 有表存在“错误”级问题；2 有文件无法读取（其余文件照常检查）。`

func runCheck(args []string, stdout, stderr io.Writer) int {
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

	reports := []jixiao.Report{}
	exit := ExitOK
	for _, file := range files {
		forms, err := readForms(file)
		if err != nil {
			fmt.Fprintln(stderr, "jixiao check："+jixiao.MessageOf(err))
			exit = max(exit, ExitCode(err))
			continue
		}
		for i, form := range forms {
			r := check.Form(file, i, form, cfg)
			if r.Summary.Errors > 0 {
				exit = max(exit, ExitFindings)
			}
			reports = append(reports, r)
			if !*asJSON {
				writeReport(stdout, &r, *verbose)
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(reports); err != nil {
			fmt.Fprintln(stderr, "jixiao check：写出 JSON 失败："+err.Error())
			return ExitInternal
		}
	}
	return exit
}

// readForms reads a file's forms, turning a panic in a reader into an
// internal error for that file only, so the other files are still checked.
func readForms(file string) (forms []*jixiao.Form, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &jixiao.Error{Kind: jixiao.KindInternal, Message: file + "：读取时发生内部错误，请把此文件报告给维护者", Err: fmt.Errorf("%v", p)}
		}
	}()
	return formfile.Read(file)
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
