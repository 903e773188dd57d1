package textform

import (
	"bytes"
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
		if !utf8.Valid(data) {
			return "", jixiao.Invalid("%s：文件标明为 UTF-8 编码，但内容不是有效的 UTF-8 文字，可能已损坏或是二进制文件。请另存为 UTF-8 文本", name)
		}
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

// looksLikeText reports whether valid UTF-8 data (every path of Decode has
// checked or produced it) reads as text: no NUL, no replacement characters
// from a wrong decoding, few control characters.
// replacementChar is U+FFFD: text that holds it was decoded wrongly before.
var replacementChar = []byte("\uFFFD")

func looksLikeText(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 || bytes.Contains(data, replacementChar) {
		return false
	}
	// valid UTF-8: count runes and control characters (C0 but tab, line
	// feed, carriage return and form feed; DEL; C1, encoded C2 80–C2 9F) by
	// their bytes, without decoding every rune
	controls, runes := 0, 0
	for i, b := range data {
		if b&0xC0 != 0x80 {
			runes++
		}
		switch {
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f', b == 0x7F:
			controls++
		case b == 0xC2 && i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9F:
			controls++
		}
	}
	return controls*100 <= runes // at most 1 %
}
