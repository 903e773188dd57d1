package hostile

import (
	"errors"
	"os"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
)

// referenceText returns the reference form's text rendering.
func referenceText() (string, error) {
	b, err := os.ReadFile(reftest.Path("txt"))
	return string(b), err
}

// repeatedReference is the reference text, encoded by encode, repeated
// copies times (copies 0: as many as fit in nearMax bytes) after bom.
func repeatedReference(copies int, bom string, encode func(string) ([]byte, error)) func() ([]byte, error) {
	return func() ([]byte, error) {
		text, err := referenceText()
		if err != nil {
			return nil, err
		}
		text = strings.TrimRight(text, "\n") + "\n\n"
		if copies == 0 {
			copies = nearMax / len(text)
		}
		one, err := encode(text)
		if err != nil {
			return nil, err
		}
		return flat(run{bom, 1}, run{string(one), copies})()
	}
}

func utf8Text(s string) ([]byte, error) { return []byte(s), nil }

func gbkText(s string) ([]byte, error) {
	return simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
}

func utf16Text(s string) ([]byte, error) {
	return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
}

// formsUnderRowLimit is how many copies of the reference form stay within
// jixiao.MaxRows table rows, all copies together.
func formsUnderRowLimit() int {
	text, err := referenceText()
	if err != nil {
		return 1
	}
	return (jixiao.MaxRows - 1) / max(tableRows(text), 1)
}

// tableRows counts the table rows of a text rendering as textform reads
// them: in each block of lines between blank lines, after the lines
// without a tab (paragraphs), a block starting with a tab-indented line is
// one row (a cell per line), and otherwise each line with a tab is a row
// (tab-separated cells).
func tableRows(text string) int {
	rows := 0
	for _, block := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		lines := strings.Split(block, "\n")
		for len(lines) > 0 && !strings.Contains(lines[0], "\t") {
			lines = lines[1:]
		}
		switch {
		case len(lines) == 0:
		case strings.HasPrefix(lines[0], "\t"):
			rows++
		default:
			for _, l := range lines {
				if strings.Contains(l, "\t") {
					rows++
				}
			}
		}
	}
	return rows
}

func textCases() []Case {
	tinyCells := strings.Repeat("\ta\n", 5) + "\n"
	wideRow := strings.Repeat("a\t", jixiao.MaxColumns-1) + "a\n"
	bookmark := "[bookmark: _GoBack]"
	return []Case{{
		ID:          "txt-reference",
		Description: "参考自评表（testdata/forms）本身：对照，必须读取",
		File:        "reference.txt", Limit: "—", Want: Read, Forms: 1, Indicators: referenceIndicators,
		Build: repeatedReference(1, "", utf8Text),
	}, {
		ID:          "txt-forms-at-limit",
		Description: "参考自评表重复到表格行数上限以内（约 400 张表）：必须读取",
		File:        "forms-at-limit.txt", Limit: count("表格行数", jixiao.MaxRows) + "（未超）", Want: Read, Forms: formsUnderRowLimit(), Indicators: referenceIndicators,
		Build: repeatedReference(formsUnderRowLimit(), "", utf8Text),
	}, {
		ID:          "txt-long-cell-under-limit",
		Description: "参考自评表，“总体目标”一格加长到单元格文字上限以内：必须读取",
		File:        "long-cell-under-limit.txt", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes) + "（未超）", Want: Read, Forms: 1, Indicators: referenceIndicators,
		Build: func() ([]byte, error) {
			text, err := referenceText()
			if err != nil {
				return nil, err
			}
			const at = "经过三年时间"
			long := strings.Repeat("目", (jixiao.MaxCellBytes-2048)/len("目"))
			return []byte(strings.Replace(text, at, long+at, 1)), nil
		},
	}, {
		ID:          "txt-long-numbers",
		Description: "参考自评表，预算数、指标值、完成值各写成 60,000 位的数：必须读取",
		File:        "long-numbers.txt", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes) + "（未超）", Want: Read, Forms: 1, Indicators: referenceIndicators,
		Build: func() ([]byte, error) {
			text, err := referenceText()
			if err != nil {
				return nil, err
			}
			n := strings.Repeat("9", 60_000)
			for _, r := range [][2]string{{"10926.2", n + ".2"}, {"不少于7000件", "不少于" + n + "件"}, {"共完成6747件", "共完成" + n + "件"}} {
				if !strings.Contains(text, r[0]) {
					return nil, errors.New("the reference form lacks " + r[0])
				}
				text = strings.Replace(text, r[0], r[1], 1)
			}
			return []byte(text), nil
		},
	}, {
		ID:          "txt-tiny-cells",
		Description: "19 MB 的一字单元格（每格一行、每行 5 格）",
		File:        "tiny-cells.txt", Limit: count("表格行数", jixiao.MaxRows), Want: Refused,
		Build: flat(run{tinyCells, fill(tinyCells)}),
	}, {
		ID:          "txt-tiny-cells-crlf",
		Description: "19 MB 的一字单元格，以 CRLF（Windows）换行",
		File:        "tiny-cells-crlf.txt", Limit: count("表格行数", jixiao.MaxRows), Want: Refused,
		Build: flat(run{strings.ReplaceAll(tinyCells, "\n", "\r\n"), fill(strings.ReplaceAll(tinyCells, "\n", "\r\n"))}),
	}, {
		ID:          "txt-wide-rows",
		Description: "19 MB 的 1,000 列制表符分隔行",
		File:        "wide-rows.txt", Limit: count("单元格数", jixiao.MaxCells), Want: Refused,
		Build: flat(run{wideRow, fill(wideRow)}),
	}, {
		ID:          "txt-bookmarks",
		Description: "一行 1 MB 的 [bookmark: …] 标记（清理时从头重扫则为平方级）",
		File:        "bookmarks.txt", Limit: bytesLimit("段落文字", jixiao.MaxCellBytes), Want: Refused,
		Build: flat(run{bookmark, 1 << 20 / len(bookmark)}, run{"\n", 1}),
	}, {
		ID:          "txt-bookmarks-in-cell",
		Description: "一个单元格里上限以内的 [bookmark: …] 标记，共 250 格",
		File:        "bookmarks-in-cell.txt", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes) + "（未超）", Want: Refused,
		Build: flat(run{"\t" + strings.Repeat(bookmark, (jixiao.MaxCellBytes-64)/len(bookmark)) + "\n\n", 250}),
	}, {
		ID:          "txt-continuation",
		Description: "一个单元格后接 500,000 个续行（每次 += 拼接则为平方级）",
		File:        "continuation.txt", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes), Want: Refused,
		Build: flat(run{"\t甲\n", 1}, run{"续\n", 500_000}),
	}, {
		ID:          "txt-one-line",
		Description: "19 MB 的一行文字，没有换行",
		File:        "one-line.txt", Limit: bytesLimit("段落文字", jixiao.MaxCellBytes), Want: Refused,
		Build: flat(run{"字", fill("字")}),
	}, {
		ID:          "txt-nul",
		Description: "19 MB 的 NUL 字节",
		File:        "nul.txt", Limit: "二进制内容", Want: Refused,
		Build: flat(run{"\x00", nearMax}),
	}, {
		ID:          "txt-invalid-utf8",
		Description: "19 MB 的无效字节（既非 UTF-8 也非 GBK；按 GBK 解码会膨胀为 57 MB 的替换字符）",
		File:        "invalid-utf8.txt", Limit: "不是文本", Want: Refused,
		Build: flat(run{"\xff", nearMax}),
	}, {
		ID:          "txt-gbk",
		Description: "GBK 编码的参考自评表重复到 19 MB（约 2,400 张表）",
		File:        "gbk.txt", Limit: count("表格行数", jixiao.MaxRows), Want: Refused,
		Build: repeatedReference(0, "", gbkText),
	}, {
		ID:          "txt-utf16",
		Description: "UTF-16 编码的参考自评表重复到 19 MB",
		File:        "utf16.txt", Limit: count("表格行数", jixiao.MaxRows), Want: Refused,
		Build: repeatedReference(0, "\xff\xfe", utf16Text),
	}}
}
