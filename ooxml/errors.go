package ooxml

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf16"

	jixiao "github.com/jixiao/jixiao"
)

var sprintf = fmt.Sprintf

// ErrLimit is wrapped by the errors for a package that goes past a count
// limit (XML elements, namespace bindings, attributes, relationships), so
// that a caller that reads something optional despite damage can still
// refuse what is hostile.
var ErrLimit = errors.New("ooxml: reading limit exceeded")

// limit marks e as going past a limit.
func limit(e *jixiao.Error) error {
	e.Err = ErrLimit
	return e
}

// cfbMagic opens every Compound File Binary (OLE2) file: Word 97-2003 .doc,
// Excel 97-2003 .xls, WPS .wps/.et, and password-protected .docx/.xlsx (which
// Office wraps in a CFB holding EncryptionInfo and EncryptedPackage).
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// sniff explains data that is not a zip package.
func sniff(name string, data []byte) error {
	head := data[:min(len(data), 1024)]
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return jixiao.Invalid("%s：文件是空的（%d 字节），可能上传不完整。请重新选择文件上传", name, len(data))
	case bytes.HasPrefix(data, cfbMagic):
		return cfbError(name, data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("PK\x05\x06")):
		return nil
	case bytes.HasPrefix(data, []byte("%PDF")):
		return jixiao.Invalid("%s：这是 PDF 文件，不是 %s 文件，无法读取其中的表格。请提供自评表的 Word（.docx）或 Excel（.xlsx）原文件", name, ext(name))
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		return jixiao.Invalid("%s：这是 RTF 格式的文件（可能是改了扩展名），不是 %s 文件。请用 Word 或 WPS 打开后另存为 .docx 再上传", name, ext(name))
	}
	lower := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	switch {
	case bytes.HasPrefix(lower, []byte("<?xml")), bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<!doctype")), bytes.HasPrefix(lower, []byte("mime-version:")):
		return jixiao.Invalid("%s：这是 XML 或网页格式的文件（例如 Word/Excel 2003 XML、“另存为网页”的 .mht/.htm），不是 %s 文件。请用 %s 打开后另存为 %s 再上传", name, ext(name), app(name), ext(name))
	}
	if bytes.Contains(data, []byte("PK\x03\x04")) || bytes.Contains(data[max(0, len(data)-0x10000-22):], []byte("PK\x05\x06")) {
		return nil // a zip with something in front (self-extracting): let archive/zip decide
	}
	return jixiao.Invalid("%s：不是有效的 %s 文件（文件内容不是 Office Open XML 压缩包，可能是其他格式的文件改了扩展名，或文件已损坏）。请用 %s 打开原文件另存为 %s 再上传；文本格式的自评表请以 .txt 上传", name, ext(name), app(name), ext(name))
}

func cfbError(name string, data []byte) error {
	has := func(s string) bool { return bytes.Contains(data, utf16le(s)) }
	switch {
	case has("EncryptedPackage") || has("EncryptionInfo"):
		return jixiao.Invalid("%s：文件已加密（设置了打开密码），无法读取。请用 %s 打开，去掉密码（文件 → 信息 → 保护 → 用密码进行加密，清空密码）后另存为 %s 再上传", name, app(name), ext(name))
	case has("WordDocument") && !has("Workbook"):
		return jixiao.Invalid("%s：这是旧版 Word 97-2003 文档（.doc），不能直接读取。请用 Word 或 WPS 打开后另存为 .docx 再上传", name)
	case (has("Workbook") || has("Book")) && !has("WordDocument"):
		return jixiao.Invalid("%s：这是旧版 Excel 97-2003 工作簿（.xls），不能直接读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传", name)
	}
	return jixiao.Invalid("%s：文件已加密（设置了打开密码）或为旧版 .doc/.xls 格式（或 WPS 的 .wps/.et 格式），无法直接读取。请用 Word/Excel/WPS 打开，另存为 .docx/.xlsx 并去掉密码后再上传", name)
}

func utf16le(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		b[2*i], b[2*i+1] = byte(c), byte(c>>8)
	}
	return b
}

func corrupted(name string, err error) error {
	return &jixiao.Error{Kind: jixiao.KindInvalid, Err: err, Message: sprintf(
		"%s：文件已损坏（压缩包结构无效），可能下载或上传不完整，或是其他格式的文件改了扩展名。请重新获取原文件，或用 %s 打开后另存为 %s 再上传", name, app(name), ext(name))}
}

func bomb(name, part string, lim Limits) error {
	return jixiao.Invalid("%s：部件“%s”解压后超过 %s 的上限，文件异常（可能是恶意构造的“压缩炸弹”）或过大，拒绝读取。自评表文件通常不超过 1 MB；请检查文件来源，或删除其中的大图片等内容后另存再上传",
		name, part, jixiao.ByteSize(lim.MaxPartSize))
}

func bombTotal(name string, lim Limits) error {
	return jixiao.Invalid("%s：文件解压后总大小超过 %s 的上限，文件异常（可能是恶意构造的“压缩炸弹”）或过大，拒绝读取。自评表文件通常不超过 1 MB；请检查文件来源，或删除其中的大图片等内容后另存再上传",
		name, jixiao.ByteSize(lim.MaxTotalSize))
}

func tooManyEntries(name string, n, limit int) error {
	return jixiao.Invalid("%s：压缩包中有 %d 个部件，超过 %d 个的上限，文件异常（可能是恶意构造的文件），拒绝读取。请检查文件来源，或用 %s 打开后另存为 %s 再上传",
		name, n, limit, app(name), ext(name))
}

// ext names the expected format after the file's extension.
func ext(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm", ".dotx", ".doc", ".wps":
		return ".docx"
	case ".xlsx", ".xlsm", ".xltx", ".xls", ".et":
		return ".xlsx"
	}
	return ".docx/.xlsx"
}

// app names the program that can repair or convert the file.
func app(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".docx", ".docm", ".dotx", ".doc", ".wps":
		return "Word 或 WPS"
	case ".xlsx", ".xlsm", ".xltx", ".xls", ".et":
		return "Excel 或 WPS"
	}
	return "Word/Excel 或 WPS"
}
