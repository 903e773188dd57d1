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
//
// UTF-8 without a byte-order mark, the usual case, is validated and judged
// as text in one pass over the bytes (scanText).
func Decode(name string, data []byte) (string, error) {
	s, _, err := decode(name, data)
	return s, err
}

// decode is Decode that also returns how many lines of the text start with
// a tab (a "\n\t" each, counted by the same pass): about the number of
// cells, which the reader allocates at once.
func decode(name string, data []byte) (_ string, tabLines int, _ error) {
	var valid, text bool
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if valid, text, tabLines = scanText(data); !valid {
			return "", 0, jixiao.Invalid("%s：文件标明为 UTF-8 编码，但内容不是有效的 UTF-8 文字，可能已损坏或是二进制文件。请另存为 UTF-8 文本", name)
		}
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		u, err := utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return "", 0, jixiao.Invalid("%s：UTF-16 编码的文本无法解码，文件可能已损坏。请另存为 UTF-8 文本", name)
		}
		data = u
		_, text, tabLines = scanText(data)
	default:
		if valid, text, tabLines = scanText(data); valid {
			break
		}
		g, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err == nil {
			_, text, tabLines = scanText(g)
		}
		if err != nil || !text {
			return "", 0, jixiao.Invalid("%s：不是文本格式的自评表（既不是 UTF-8 也不是 GBK 编码的文字，可能是二进制文件）。请提供 .txt、.docx、.xlsx 或 .json 文件", name)
		}
		data = g
	}
	if !text {
		return "", 0, jixiao.Invalid("%s：文件含有二进制内容，不是文本格式的自评表。请提供 .txt、.docx、.xlsx 或 .json 文件", name)
	}
	return string(data), tabLines, nil
}

// scanText reports, in one pass over data, whether it is valid UTF-8 (as
// utf8.Valid) and, when it is, whether it reads as text: no NUL, no
// replacement character U+FFFD (from a wrong decoding before), and at most
// 1 % control characters among its runes (C0 but tab, line feed, carriage
// return and form feed; DEL; C1). text is false when valid is. When text
// is true, tabLines is the number of "\n\t" in data.
func scanText(data []byte) (valid, text bool, tabLines int) {
	controls, runes := 0, 0
	n := len(data)
	for i := 0; i < n; {
		b := data[i]
		runes++
		if b < 0x80 {
			switch {
			case b == '\t':
				if i > 0 && data[i-1] == '\n' {
					tabLines++
				}
			case b == 0:
				// not text, but the rest must still be valid
				return utf8.Valid(data[i+1:]), false, 0
			case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f', b == 0x7F:
				controls++
			}
			i++
			continue
		}
		// the ranges of well-formed sequences (the Unicode standard's
		// table 3-7): what utf8.Valid accepts
		switch {
		case b >= 0xE1 && b <= 0xEF && b != 0xED:
			// three bytes, most of a Chinese text: any two continuation
			// bytes follow these leads
			if i+2 >= n || data[i+1]&0xC0 != 0x80 || data[i+2]&0xC0 != 0x80 {
				return false, false, 0
			}
			if b == 0xEF && data[i+1] == 0xBF && data[i+2] == 0xBD {
				// U+FFFD: not text, but the rest must still be valid
				return utf8.Valid(data[i+3:]), false, 0
			}
			i += 3
		case b >= 0xC2 && b <= 0xDF:
			if i+1 >= n || data[i+1]&0xC0 != 0x80 {
				return false, false, 0
			}
			if b == 0xC2 && data[i+1] <= 0x9F {
				controls++ // C1
			}
			i += 2
		case b >= 0xE0 && b <= 0xEF:
			if i+2 >= n || !cont2(b, data[i+1]) || data[i+2]&0xC0 != 0x80 {
				return false, false, 0
			}
			if b == 0xEF && data[i+1] == 0xBF && data[i+2] == 0xBD {
				// U+FFFD: not text, but the rest must still be valid
				return utf8.Valid(data[i+3:]), false, 0
			}
			i += 3
		case b >= 0xF0 && b <= 0xF4:
			if i+3 >= n || !cont2(b, data[i+1]) || data[i+2]&0xC0 != 0x80 || data[i+3]&0xC0 != 0x80 {
				return false, false, 0
			}
			i += 4
		default:
			return false, false, 0
		}
	}
	return true, controls*100 <= runes, tabLines // at most 1 %
}

// cont2 reports whether c may follow the lead byte b of a three- or
// four-byte sequence: no overlong forms, no surrogates, nothing past U+10FFFF.
func cont2(b, c byte) bool {
	switch b {
	case 0xE0:
		return c >= 0xA0 && c <= 0xBF
	case 0xED:
		return c >= 0x80 && c <= 0x9F
	case 0xF0:
		return c >= 0x90 && c <= 0xBF
	case 0xF4:
		return c >= 0x80 && c <= 0x8F
	}
	return c&0xC0 == 0x80
}
