// Package formfile opens a form file of any supported format: it checks the
// path and size, recognises the format by extension and content, and hands
// the bytes to the right reader. It also writes forms in the format a path's
// extension names (Write), atomically and never over an input (CheckOutput):
// reading and writing dispatch live in one place for the CLI and the server.
package formfile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/textform"
	"github.com/jixiao/jixiao/xlsx"
)

// MaxSize is the largest file accepted: real forms are a few hundred KB.
const MaxSize = jixiao.MaxFileSize

// readers by format name.
var readers = map[string]jixiao.FormReader{
	"txt":  textform.Reader{},
	"json": jsonform.Reader{},
	"docx": docx.Reader{},
	"xlsx": xlsx.Reader{},
}

// extensions maps file extensions to format names.
var extensions = map[string]string{
	".txt": "txt", ".text": "txt", ".tsv": "txt", ".csv": "txt",
	".json": "json",
	".docx": "docx", ".docm": "docx", ".dotx": "docx",
	".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx",
	// old binary formats: converted with LibreOffice when it is installed
	".doc": "legacy", ".wps": "legacy", ".xls": "legacy", ".et": "legacy",
}

// Read reads every form in the file at path. ctx bounds what can take time:
// a LibreOffice conversion is killed when it is done.
func Read(ctx context.Context, path string) ([]*jixiao.Form, error) {
	if err := ctx.Err(); err != nil {
		return nil, canceled(path, err)
	}
	data, err := load(path)
	if err != nil {
		return nil, err
	}
	return Parse(ctx, path, data)
}

// load reads the file, refusing what cannot be a form file.
func load(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &jixiao.Error{Kind: jixiao.KindNotFound, Message: path + "：文件不存在，请检查路径和文件名", Err: err}
	case errors.Is(err, fs.ErrPermission):
		// the user can fix the file's permissions: invalid input, not a
		// refusal by the system's own rules (KindForbidden)
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: path + "：没有读取权限，请检查文件的权限设置（或以有权限的用户运行）", Err: err}
	case err != nil:
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: path + "：无法读取文件", Err: err}
	case st.IsDir():
		return nil, jixiao.Invalid("%s：这是一个目录，不是文件。请指定目录中的自评表文件（如 %s）", path, filepath.Join(path, "*.docx"))
	case st.Size() > MaxSize:
		return nil, jixiao.Invalid("%s：文件大小 %.1f MB，超过上限 %s。自评表通常不超过 1 MB，请确认文件是否正确", path, float64(st.Size())/(1<<20), jixiao.ByteSize(MaxSize))
	case st.Size() == 0:
		return nil, jixiao.Invalid("%s：文件为空", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: path + "：无法打开文件", Err: err}
	}
	defer f.Close()
	// the size may change between Stat and Read: never read past the limit
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: path + "：读取文件出错", Err: err}
	}
	if len(data) > MaxSize {
		return nil, jixiao.Invalid("%s：文件超过上限 %s", path, jixiao.ByteSize(MaxSize))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, jixiao.Invalid("%s：文件为空（只有空白）", path)
	}
	return data, nil
}

// Parse reads the forms in data, named name. ctx bounds the LibreOffice
// conversion of old formats; the other readers work in memory on at most
// MaxSize bytes, within their own limits, and are not interrupted.
func Parse(ctx context.Context, name string, data []byte) ([]*jixiao.Form, error) {
	if err := ctx.Err(); err != nil {
		return nil, canceled(name, err)
	}
	format := Detect(name, data)
	if format == "legacy" {
		return readLegacy(ctx, name, data)
	}
	r, ok := readers[format]
	if !ok {
		return nil, jixiao.Invalid("%s：不支持的文件格式。请提供 .txt、.json、.docx 或 .xlsx 格式的自评表", name)
	}
	return r.ReadForms(name, data)
}

// canceled is the error of a read the caller gave up (ctx done): the file
// was not read, through no fault of its own. errors.Is(err, ctx.Err())
// holds.
func canceled(name string, err error) error {
	return &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：读取已取消，文件没有读完", Err: err}
}

// Detect names the format of a file: by its content where that is
// unambiguous (a zip package, JSON), else by its extension, else text.
func Detect(name string, data []byte) string {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if f, ok := extensions[ext]; ok && (f == "docx" || f == "xlsx") {
			return f
		}
		return zipFormat(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		// an old .doc/.xls, or an encrypted .docx/.xlsx: the OOXML readers
		// explain the latter
		if f, ok := extensions[ext]; ok {
			return f
		}
		return "legacy"
	}
	if f, ok := extensions[ext]; ok {
		return f
	}
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		return "json"
	}
	return "txt"
}

// zipFormat guesses an OOXML package's kind from the part names in it.
func zipFormat(data []byte) string {
	switch {
	case bytes.Contains(data, []byte("word/")):
		return "docx"
	case bytes.Contains(data, []byte("xl/")):
		return "xlsx"
	}
	return "zip"
}
