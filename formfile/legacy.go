package formfile

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// legacyTimeout bounds a LibreOffice conversion.
const legacyTimeout = 2 * time.Minute

// readLegacy reads an old binary Word/Excel/WPS file by converting it with
// LibreOffice (soffice) in a temporary directory, removed afterwards. Where
// LibreOffice is not installed, it asks for the new format instead.
func readLegacy(name string, data []byte) ([]*jixiao.Form, error) {
	ext := strings.ToLower(filepath.Ext(name))
	target, newExt := "docx", ".docx"
	if ext == ".xls" || ext == ".et" {
		target, newExt = "xlsx", ".xlsx"
	}
	soffice := findSoffice()
	if soffice == "" {
		return nil, jixiao.Invalid("%s：这是旧版 Office/WPS 格式（%s），本机未安装 LibreOffice，无法自动转换。请用 Word/WPS/Excel 打开后“另存为”%s 格式再读取", name, ext, newExt)
	}
	dir, err := os.MkdirTemp("", "jixiao-convert-*")
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：无法创建临时目录", Err: err}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "form"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：无法写临时文件", Err: err}
	}
	ctx, cancel := context.WithTimeout(context.Background(), legacyTimeout)
	defer cancel()
	// a private profile directory: a user's running LibreOffice must not
	// block the conversion, and nothing is left in their profile
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", target, "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：LibreOffice 转换失败，文件可能已损坏或加密。请用 Word/WPS/Excel 打开后另存为" + newExt, Err: &convertError{err, string(out)}}
	}
	converted, err := os.ReadFile(filepath.Join(dir, "form"+newExt))
	if err != nil {
		return nil, jixiao.Invalid("%s：LibreOffice 没有生成转换结果，文件可能已损坏。请另存为 %s 后再读取", name, newExt)
	}
	return Parse(strings.TrimSuffix(name, filepath.Ext(name))+newExt, converted)
}

type convertError struct {
	err    error
	output string
}

func (e *convertError) Error() string { return e.err.Error() + ": " + e.output }

func findSoffice() string {
	for _, n := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}
