package textform

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	utf16 "golang.org/x/text/encoding/unicode"

	jixiao "github.com/jixiao/jixiao"
)

// Decode returns the text of a file as UTF-8. Text forms saved on Windows
// are often GBK ("ANSI" in Notepad) or UTF-16 ("Unicode"): they are
// converted, not refused. Binary content is refused with a Chinese message.
func Decode(name string, data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		u, err := utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", jixiao.Invalid("%s：UTF-16 编码的文本无法解码，文件可能已损坏。请另存为 UTF-8 文本", name)
		}
		data = u
	case !utf8.Valid(data):
		g, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !looksLikeText(g) {
			return "", jixiao.Invalid("%s：不是文本格式的自评表（既不是 UTF-8 也不是 GBK 编码的文字，可能是二进制文件）。请提供 .txt、.docx、.xlsx 或 .json 文件", name)
		}
		data = g
	}
	if !looksLikeText(data) {
		return "", jixiao.Invalid("%s：文件含有二进制内容，不是文本格式的自评表。请提供 .txt、.docx、.xlsx 或 .json 文件", name)
	}
	return string(data), nil
}

// looksLikeText reports whether UTF-8 data reads as text: no NUL, no
// replacement characters from a wrong decoding, few control characters.
func looksLikeText(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return false
	}
	controls, runes := 0, 0
	for _, r := range string(data) {
		runes++
		switch {
		case r == utf8.RuneError:
			return false
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		case unicode.IsControl(r):
			controls++
		}
	}
	return controls*100 <= runes // at most 1 %
}
