package formfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// legacyTimeout bounds a LibreOffice conversion; a variable for tests.
var legacyTimeout = 2 * time.Minute

// legacyGrace is how long, after soffice exits or is killed, the output
// pipes may stay open: a process LibreOffice left behind must not hold the
// conversion up.
const legacyGrace = 3 * time.Second

// maxConvertLog bounds what is kept of LibreOffice's own output (for logs).
const maxConvertLog = 16 << 10

// readLegacy reads an old binary Word/Excel/WPS file by converting it with
// LibreOffice (soffice) in a temporary directory, removed afterwards. Where
// LibreOffice is not installed, it asks for the new format instead. Every
// message names the user's file, never the converted one.
func readLegacy(ctx context.Context, name string, data []byte) ([]*jixiao.Form, error) {
	ext := strings.ToLower(filepath.Ext(name))
	target, newExt := "docx", ".docx"
	if ext == ".xls" || ext == ".et" {
		target, newExt = "xlsx", ".xlsx"
	}
	soffice := findSoffice()
	if soffice == "" {
		return nil, jixiao.Invalid("%s：这是旧版 Office/WPS 格式（%s），本机未安装 LibreOffice，无法自动转换。请用 Word/WPS/Excel 打开后“另存为”%s 格式再读取", name, ext, newExt)
	}
	converted, err := convertLegacy(ctx, soffice, name, ext, data, target, newExt)
	if err != nil {
		return nil, err
	}
	return readers[target].ReadForms(name, converted)
}

// convertLegacy runs LibreOffice on data in a temporary directory and returns
// the converted file. LibreOffice runs in a process group of its own, killed
// whole when the time is up (soffice starts children that would otherwise
// outlive it and keep its output open) when the time is up or ctx is done,
// and what it writes is size-checked before it is read.
func convertLegacy(ctx context.Context, soffice, name, ext string, data []byte, target, newExt string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "jixiao-convert-*")
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：无法创建临时目录，无法转换旧版格式", Err: err}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "form"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：无法写临时文件，无法转换旧版格式", Err: err}
	}
	run, cancel := context.WithTimeout(ctx, legacyTimeout)
	defer cancel()
	// a private profile directory: a user's running LibreOffice must not
	// block the conversion, and nothing is left in their profile
	cmd := exec.CommandContext(run, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--convert-to", target, "--outdir", dir, in)
	log := &boundedBuffer{max: maxConvertLog}
	cmd.Stdout, cmd.Stderr = log, log
	cmd.WaitDelay = legacyGrace
	ownProcessGroup(cmd)
	err = cmd.Run()
	killProcessGroup(cmd) // whatever it left running
	switch {
	case ctx.Err() != nil: // the caller's, not the time limit's
		return nil, canceled(name, ctx.Err())
	case run.Err() == context.DeadlineExceeded:
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Err: &convertError{run.Err(), log.String()}, Message: fmt.Sprintf(
			"%s：LibreOffice 转换超过 %s 仍未完成，已终止。文件可能已损坏或过于复杂；请用 Word/WPS/Excel 打开后另存为 %s 再读取", name, legacyTimeout, newExt)}
	case err != nil && !errors.Is(err, exec.ErrWaitDelay):
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Err: &convertError{err, log.String()}, Message: fmt.Sprintf(
			"%s：LibreOffice 转换失败，文件可能已损坏或加密。请用 Word/WPS/Excel 打开后另存为 %s 再读取", name, newExt)}
	}
	return readConverted(name, filepath.Join(dir, "form"+newExt), newExt)
}

// readConverted reads LibreOffice's output, refusing what is missing, not a
// regular file, or over the size limit of form files.
func readConverted(name, path, newExt string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, jixiao.Invalid("%s：LibreOffice 没有生成转换结果，文件可能已损坏。请另存为 %s 后再读取", name, newExt)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, jixiao.Invalid("%s：LibreOffice 的转换结果无法读取。请另存为 %s 后再读取", name, newExt)
	}
	if st.Size() > MaxSize {
		return nil, jixiao.TooLarge(name, "LibreOffice 转换后的文件", MaxSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	switch {
	case err != nil:
		return nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：读取 LibreOffice 的转换结果出错", Err: err}
	case len(data) > MaxSize:
		return nil, jixiao.TooLarge(name, "LibreOffice 转换后的文件", MaxSize)
	}
	return data, nil
}

type convertError struct {
	err    error
	output string
}

func (e *convertError) Error() string { return e.err.Error() + ": " + e.output }

// boundedBuffer keeps the first max bytes written to it and drops the rest.
type boundedBuffer struct {
	buf []byte
	max int
}

func (b *boundedBuffer) Write(p []byte) (int, error) {
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (b *boundedBuffer) String() string { return string(b.buf) }

// findSoffice finds LibreOffice: JIXIAO_SOFFICE names it where it is not on
// the PATH (or to use another build).
func findSoffice() string {
	if p := os.Getenv("JIXIAO_SOFFICE"); p != "" {
		return p
	}
	for _, n := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}
