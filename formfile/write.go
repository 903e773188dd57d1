package formfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/xlsx"
)

// CheckOutput refuses an output that would destroy something: the input
// itself (the same path, or the same file through a symbolic or hard link),
// a read-only file, a directory. A file that does not exist yet is fine.
func CheckOutput(in, out string) error {
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

// Write writes forms in the format named by the file's extension;
// findings, when given per form, become review comments. now is the time a
// Word or Excel file records as its creation and modification.
func Write(out string, forms []*jixiao.Form, findings [][]jixiao.Finding, now time.Time) error {
	var buf bytes.Buffer
	var err error
	switch ext := strings.ToLower(filepath.Ext(out)); ext {
	case ".json":
		err = jsonform.Write(&buf, forms)
	case ".docx":
		err = docx.Write(&buf, forms, findings, now)
	case ".xlsx":
		err = xlsx.Write(&buf, forms, findings, now)
	default:
		return jixiao.Invalid("不支持输出为“%s”格式，请使用 .docx、.xlsx 或 .json 扩展名", ext)
	}
	if err != nil {
		return err
	}
	return WriteFileAtomic(out, buf.Bytes())
}

// WriteFileAtomic writes through a temporary file and a rename, so that a
// failure never leaves a half-written output behind.
func WriteFileAtomic(path string, data []byte) error {
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
