package hostile

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/xlsx"
)

// Parts of a workbook, around the hostile content.
const (
	xmlDecl   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	mainNS    = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	sheetHead = xmlDecl + `<worksheet ` + mainNS + `><sheetData>`
	sheetName = "xl/worksheets/sheet1.xml"
	sstName   = "xl/sharedStrings.xml"

	inlineCell = `<c t="inlineStr"><is><t>a</t></is></c>`
)

// sheet is the reference .xlsx with its only worksheet made of the runs
// (inside sheetData, then what follows it, such as mergeCells).
func sheet(rows []run, after ...run) func() ([]byte, error) {
	return sheetPart(part{runs: rows}, after...)
}

// sheetPart is sheet with the part's declared size kept.
func sheetPart(p part, after ...run) func() ([]byte, error) {
	return func() ([]byte, error) {
		p.name = sheetName
		runs := append([]run{{sheetHead, 1}}, p.runs...)
		runs = append(runs, run{`</sheetData>`, 1})
		runs = append(runs, after...)
		p.runs = append(runs, run{`</worksheet>`, 1})
		return fromReference("xlsx", p)
	}
}

// sharedStrings is the reference .xlsx with its shared string table made
// of the reference's strings followed by the runs: the form still reads.
func sharedStrings(runs ...run) func() ([]byte, error) {
	return sharedStringsAround(nil, runs)
}

// sharedStringsAround is sharedStrings with runs before the reference's
// strings too: the first of them is the text of the reference's cell A1.
func sharedStringsAround(before, after []run) func() ([]byte, error) {
	return func() ([]byte, error) {
		ref, err := referencePart("xlsx", sstName)
		if err != nil {
			return nil, err
		}
		end := strings.LastIndex(ref, "</sst>")
		if end < 0 {
			return nil, io.ErrUnexpectedEOF
		}
		start := strings.Index(ref, "<si>")
		if start < 0 {
			return nil, io.ErrUnexpectedEOF
		}
		all := append([]run{{ref[:start], 1}}, before...)
		all = append(append(all, run{ref[start:end], 1}), after...)
		return fromReference("xlsx", part{name: sstName, runs: append(all, run{"</sst>", 1})})
	}
}

// referencePart returns the content of one part of the reference package.
func referencePart(ext, name string) (string, error) {
	data, err := os.ReadFile(reftest.Path(ext))
	if err != nil {
		return "", err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	f, err := zr.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	return string(b), err
}

// emptyRows are numbered empty rows 1 to n.
func emptyRows(n int) string {
	return numbered(n, func(b []byte, i int) []byte {
		b = append(b, `<row r="`...)
		return append(append(b, itoa(i)...), `"/>`...)
	})
}

func excelCases() []Case {
	tinyString := `<si><t>a</t></si>`
	inlineRow := `<row>` + strings.Repeat(inlineCell, 10) + `</row>`
	return []Case{{
		ID:          "xlsx-reference",
		Description: "参考自评表（testdata/forms）本身：对照，必须读取",
		File:        "reference.xlsx", Limit: "—", Want: Read, Forms: 1, Indicators: referenceIndicators,
		Build: func() ([]byte, error) { return fromReference("xlsx") },
	}, {
		ID:          "xlsx-indicators-at-limit",
		Description: "jixiao 写出的官方版式 Excel 表，3 个工作表、每张 1,000 个指标（指标数上限）：必须读取",
		File:        "indicators-at-limit.xlsx", Limit: count("每张表的指标数", jixiao.MaxIndicators) + "（未超）", Want: Read, Forms: 3, Indicators: jixiao.MaxIndicators,
		Build: writtenForms(3, jixiao.MaxIndicators, xlsx.Write),
	}, {
		ID:          "xlsx-tiny-shared-strings",
		Description: "共享字符串表解压后约 60 MB，全是一个字的字符串",
		File:        "tiny-shared-strings.xlsx", Limit: count("共享字符串数", jixiao.MaxSharedStrings), Want: Refused,
		Build: sharedStrings(run{tinyString, inflated / len(tinyString)}),
	}, {
		ID:          "xlsx-shared-strings-at-limit",
		Description: "参考自评表，共享字符串表补足到上限以内（多出的字符串无人引用）：必须读取",
		File:        "shared-strings-at-limit.xlsx", Limit: count("共享字符串数", jixiao.MaxSharedStrings) + "（未超）", Want: Read, Forms: 1, Indicators: referenceIndicators,
		Build: sharedStrings(run{tinyString, jixiao.MaxSharedStrings - 1000}),
	}, {
		ID:          "xlsx-long-shared-string",
		Description: "单元格 A1 的共享字符串长约 30 MB",
		File:        "long-shared-string.xlsx", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes), Want: Refused,
		Build: sharedStringsAround([]run{{"<si><t>", 1}, {"字", 10 << 20}, {"</t></si>", 1}}, nil),
	}, {
		ID:          "xlsx-junk-parts",
		Description: "参考自评表加四个无用部件，每个解压后 62 MB",
		File:        "junk-parts.xlsx", Limit: bytesLimit("所有部件解压后", jixiao.MaxInflatedBytes) + "（若读取）", Want: Either, Forms: 1, Indicators: referenceIndicators,
		Build: junkParts("xlsx"),
	}, {
		ID:          "xlsx-empty-rows-far-cell",
		Description: "1,000,000 个空行，再加一个位于 XFD1048576 的单元格",
		File:        "empty-rows-far-cell.xlsx", Limit: count("工作表行数", jixiao.MaxSheetRows), Want: Refused,
		Build: sheet([]run{{emptyRows(1_000_000), 1}, {`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, 1}}),
	}, {
		ID:          "xlsx-far-cell",
		Description: "只有两个单元格：A1 和 XFD1048576（按网格展开则有 170 亿格）",
		File:        "far-cell.xlsx", Limit: count("每行列数", jixiao.MaxColumns), Want: Refused,
		Build: sheet([]run{{`<row r="1"><c r="A1" t="inlineStr"><is><t>自评表</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, 1}}),
	}, {
		ID:          "xlsx-many-fonts",
		Description: "参考自评表的样式表换成 600,000 种字体（excelize 整体解码样式表）",
		File:        "many-fonts.xlsx", Limit: count("共享字符串表和样式表的 XML 元素数", xlsx.MaxWholePartElements), Want: Refused,
		Build: func() ([]byte, error) {
			return fromReference("xlsx", xmlPart("xl/styles.xml", xmlDecl+`<styleSheet `+mainNS+`><fonts count="600000">`,
				`<font><sz val="11"/><name val="宋体"/></font>`, 600_000, `</fonts></styleSheet>`))
		},
	}, {
		ID:          "xlsx-sheet-entries",
		Description: "工作簿里 20,000 个工作表条目，全都指向同一个工作表",
		File:        "sheet-entries.xlsx", Limit: count("工作表数", jixiao.MaxSheets), Want: Refused,
		Build: func() ([]byte, error) {
			entries := numbered(20_000, func(b []byte, i int) []byte {
				b = append(b, `<sheet name="S`...)
				b = append(b, itoa(i)...)
				b = append(b, `" sheetId="`...)
				b = append(b, itoa(i)...)
				return append(b, `" r:id="rId2"/>`...)
			})
			return fromReference("xlsx", textPart("xl/workbook.xml", xmlDecl+`<workbook `+mainNS+
				` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+entries+`</sheets></workbook>`))
		},
	}, {
		ID:          "xlsx-merged-ranges",
		Description: "100,000 个合并区域（A1:B2、A3:B4……）",
		File:        "merged-ranges.xlsx", Limit: count("工作表行数", jixiao.MaxSheetRows) + " 或单元格数", Want: Refused,
		Build: sheet([]run{{`<row r="1"><c r="A1" t="inlineStr"><is><t>自评表</t></is></c></row>`, 1}},
			run{`<mergeCells count="100000">`, 1},
			run{numbered(100_000, func(b []byte, i int) []byte {
				b = append(b, `<mergeCell ref="A`...)
				b = append(b, itoa(2*i-1)...)
				b = append(b, `:B`...)
				b = append(b, itoa(2*i)...)
				return append(b, `"/>`...)
			}), 1},
			run{`</mergeCells>`, 1}),
	}, {
		ID:          "xlsx-huge-merge",
		Description: "一个合并区域 A1:XFD1048576 覆盖整个工作表",
		File:        "huge-merge.xlsx", Limit: count("每行列数", jixiao.MaxColumns), Want: Refused,
		Build: sheet([]run{{`<row r="1"><c r="A1" t="inlineStr"><is><t>自评表</t></is></c></row>`, 1}},
			run{`<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>`, 1}),
	}, {
		ID:          "xlsx-hidden-rows",
		Description: "150,000 个隐藏行，每行一个单元格",
		File:        "hidden-rows.xlsx", Limit: count("工作表行数", jixiao.MaxSheetRows), Want: Refused,
		Build: sheet([]run{{numbered(150_000, func(b []byte, i int) []byte {
			b = append(b, `<row r="`...)
			b = append(b, itoa(i)...)
			b = append(b, `" hidden="1"><c r="A`...)
			b = append(b, itoa(i)...)
			return append(b, `" t="inlineStr"><is><t>x</t></is></c></row>`...)
		}), 1}}),
	}, {
		ID:          "xlsx-inline-strings",
		Description: "工作表解压后约 60 MB，全是一个字的内联字符串单元格（每行 10 个）",
		File:        "inline-strings.xlsx", Limit: bytesLimit("单个部件解压后", jixiao.MaxPartBytes), Want: Refused,
		Build: sheet([]run{{inlineRow, inflated / len(inlineRow)}}),
	}, {
		ID:          "xlsx-wide-row",
		Description: "一行 20,000 个单元格",
		File:        "wide-row.xlsx", Limit: count("每行列数", jixiao.MaxColumns), Want: Refused,
		Build: sheet([]run{{`<row r="1">`, 1}, {inlineCell, 20_000}, {`</row>`, 1}}),
	}, {
		ID:          "xlsx-size-lie-small",
		Description: "zip 头声明工作表解压后 10 KB，实际解压到约 60 MB",
		File:        "size-lie-small.xlsx", Limit: "zip 头声明的大小", Want: Refused,
		Build: sheetPart(part{runs: []run{{inlineRow, inflated / len(inlineRow)}}, declared: 10 << 10}),
	}, {
		ID:          "xlsx-size-lie-huge",
		Description: "zip 头声明工作表解压后约 4 GB（按声明预分配内存会耗尽），实际很小",
		File:        "size-lie-huge.xlsx", Limit: bytesLimit("单个部件解压后", jixiao.MaxPartBytes), Want: Refused,
		Build: sheetPart(part{runs: []run{{inlineRow, 1}}, declared: 4_000_000_000}),
	}, {
		ID:          "xlsx-many-entries",
		Description: "参考自评表加 100,000 个空的 zip 条目",
		File:        "many-entries.xlsx", Limit: "zip 条目数 10,000（ooxml）", Want: Either, Forms: 1, Indicators: referenceIndicators,
		Build: func() ([]byte, error) { return manyEntries("xlsx", 100_000) },
	}}
}
