package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
)

const convertUsage = `用法：jixiao convert [--annotate] 输入文件 输出文件

把自评表转换为另一种格式，输出格式由扩展名决定：
  .docx  官方版式的 Word 表（A4，合并单元格、字体、表注、填表人），空白的执行率按 B/A 补上
  .xlsx  同样版式的 Excel 表，执行率为 B/A 公式，打印设置为 A4、一页宽、表头每页重复
  .json  jixiao 表单格式（docs/form-schema.md）
--annotate：把审核发现的每个问题写成批注（Word 批注或 Excel 单元格批注），锚定在出问题的单元格上，
并在文末（或“审核意见”工作表）逐条列出，可直接退回填报单位修改。`

func runConvert(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("convert", convertUsage, stderr)
	annotate := f.Bool("annotate", false, "把审核发现写成批注和文末的审核意见")
	configPath := f.String("config", "", "审核阈值配置文件（JSON，--annotate 时使用）")
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "jixiao convert：需要两个参数：输入文件和输出文件")
		fmt.Fprintln(stderr, convertUsage)
		return ExitInput
	}
	var cfg *audit.Config
	if *annotate {
		c, err := checkConfig(*configPath, "")
		if err != nil {
			fmt.Fprintln(stderr, "jixiao convert："+jixiao.MessageOf(err))
			return ExitCode(err)
		}
		cfg = &c
	}
	if err := convert(ctx, pos[0], pos[1], cfg); err != nil {
		fmt.Fprintln(stderr, "jixiao convert："+jixiao.MessageOf(err))
		if code, ok := interrupted(ctx, stderr, "convert"); ok {
			return code
		}
		return ExitCode(err)
	}
	return ExitOK
}

// convert reads in and writes out; with cfg, the audit findings of each
// form become review comments.
func convert(ctx context.Context, in, out string, cfg *audit.Config) error {
	if err := formfile.CheckOutput(in, out); err != nil {
		return err
	}
	forms, err := readForms(ctx, in)
	if err != nil {
		return err
	}
	var findings [][]jixiao.Finding
	if cfg != nil {
		for _, f := range forms {
			findings = append(findings, check.Form(f, *cfg).Findings)
		}
	}
	return formfile.Write(out, forms, findings, time.Now())
}
