package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/xlsx"
)

const convertUsage = `用法：jixiao convert [--annotate] 输入文件 输出文件

把自评表转换为另一种格式，输出格式由扩展名决定：
  .docx  官方版式的 Word 表（A4，合并单元格、字体、表注、填表人），空白的执行率按 B/A 补上
  .xlsx  同样版式的 Excel 表，执行率为 B/A 公式，打印设置为 A4、一页宽、表头每页重复
  .json  jixiao 表单格式（docs/form-schema.md）
--annotate：把审核发现的每个问题写成批注（Word 批注或 Excel 单元格批注），锚定在出问题的单元格上，
并在文末（或“审核意见”工作表）逐条列出，可直接退回填报单位修改。`

func runConvert(args []string, stdout, stderr io.Writer) int {
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
	if err := convert(pos[0], pos[1], cfg); err != nil {
		fmt.Fprintln(stderr, "jixiao convert："+jixiao.MessageOf(err))
		return ExitCode(err)
	}
	return ExitOK
}

// convert reads in and writes out; with cfg, the audit findings of each
// form become review comments.
func convert(in, out string, cfg *audit.Config) error {
	if err := guardOutput(in, out); err != nil {
		return err
	}
	forms, err := readForms(in)
	if err != nil {
		return err
	}
	var findings [][]jixiao.Finding
	if cfg != nil {
		for i, f := range forms {
			findings = append(findings, check.Form(in, i, f, *cfg).Findings)
		}
	}
	return writeForms(out, forms, findings)
}

// guardOutput refuses an output that would destroy something: the input
// itself (the same path, or the same file through a symbolic or hard link),
// a read-only file, a directory. A file that does not exist yet is fine.
func guardOutput(in, out string) error {
	ost, err := os.Stat(out)
	if err != nil {
		return nil // nothing there yet (or unreachable: writing says why)
	}
	if ost.IsDir() {
		return jixiao.Invalid("输出“%s”是一个目录，请指定输出文件名，如 %s", out, filepath.Join(out, "自评表.docx"))
	}
	if ist, err := os.Stat(in); err == nil && os.SameFile(ist, ost) {
		return jixiao.Invalid("输出文件“%s”就是输入文件“%s”（同一个文件），转换会覆盖原表，已停止。请换一个输出文件名", out, in)
	}
	if readOnly(out, ost) {
		return jixiao.Invalid("输出文件“%s”是只读文件，不会覆盖。如确需替换，请先取消它的只读属性，或换一个输出文件名", out)
	}
	return nil
}

// writeForms writes forms in the format named by the file's extension;
// findings, when given per form, become review comments.
func writeForms(out string, forms []*jixiao.Form, findings [][]jixiao.Finding) error {
	var buf bytes.Buffer
	var err error
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case ".json":
		err = jsonform.Write(&buf, forms)
	case ".docx":
		err = docx.Write(&buf, forms, findings)
	case ".xlsx":
		err = xlsx.Write(&buf, forms, findings)
	default:
		return jixiao.Invalid("不支持输出为“%s”格式，请使用 .docx、.xlsx 或 .json 扩展名", ext)
	}
	if err != nil {
		return err
	}
	return writeFileAtomic(out, buf.Bytes())
}

// writeFileAtomic writes through a temporary file and a rename, so that a
// failure never leaves a half-written output behind.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".jixiao-*")
	if err != nil {
		return &jixiao.Error{Kind: jixiao.KindInvalid, Message: "无法在目录 " + dir + " 中写文件，请检查目录是否存在及写权限", Err: err}
	}
	defer os.Remove(tmp.Name())
	// a temporary file is private (0600): give the output the usual mode,
	// and have it on disk before it replaces anything
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		tmp.Close()
		return &jixiao.Error{Kind: jixiao.KindInternal, Message: "写入 " + path + " 失败（磁盘已满或无写权限？）", Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &jixiao.Error{Kind: jixiao.KindInternal, Message: "写入 " + path + " 失败", Err: err}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &jixiao.Error{Kind: jixiao.KindInvalid, Message: "无法写入 " + path, Err: err}
	}
	return nil
}
