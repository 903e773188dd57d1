package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
)

const convertUsage = `用法：jixiao convert 输入文件 输出文件

把自评表转换为另一种格式。输出格式由扩展名决定：.json（jixiao 表单格式，见 docs/form-schema.md）。`

func runConvert(args []string, stdout, stderr io.Writer) int {
	f := newFlags("convert", convertUsage, stderr)
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "jixiao convert：需要两个参数：输入文件和输出文件")
		fmt.Fprintln(stderr, convertUsage)
		return ExitInput
	}
	if err := convert(pos[0], pos[1]); err != nil {
		fmt.Fprintln(stderr, "jixiao convert："+jixiao.MessageOf(err))
		return ExitCode(err)
	}
	return ExitOK
}

func convert(in, out string) error {
	forms, err := readForms(in)
	if err != nil {
		return err
	}
	return writeForms(out, forms, nil)
}

// writeForms writes forms in the format named by the file's extension;
// findings, when given per form, become review comments.
func writeForms(out string, forms []*jixiao.Form, findings [][]jixiao.Finding) error {
	var buf bytes.Buffer
	var err error
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case ".json":
		err = jsonform.Write(&buf, forms)
	default:
		return jixiao.Invalid("不支持输出为“%s”格式，请使用 .json 扩展名", ext)
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
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return &jixiao.Error{Kind: jixiao.KindInternal, Message: "写入 " + path + " 失败", Err: err}
	}
	if err := tmp.Close(); err != nil {
		return &jixiao.Error{Kind: jixiao.KindInternal, Message: "写入 " + path + " 失败", Err: err}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &jixiao.Error{Kind: jixiao.KindInvalid, Message: "无法写入 " + path, Err: err}
	}
	return nil
}
