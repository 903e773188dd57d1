package hostile

import (
	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
)

// The body of word/document.xml, around the hostile content.
const (
	wordNS   = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	wordHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<w:document ` + wordNS + `><w:body>`
	wordTail = `</w:body></w:document>`

	paragraph = `<w:p><w:r><w:t>a</w:t></w:r></w:p>`
)

// document is the reference .docx with its document.xml made of the runs
// between wordHead and wordTail.
func document(runs ...run) func() ([]byte, error) {
	return documentPart(part{runs: runs})
}

// documentPart is document with the part's sizes (declared) kept.
func documentPart(p part) func() ([]byte, error) {
	return func() ([]byte, error) {
		p.name = "word/document.xml"
		p.runs = append(append([]run{{wordHead, 1}}, p.runs...), run{wordTail, 1})
		return fromReference("docx", p)
	}
}

// vmergeRows is a one-column table whose first cell starts a vertical
// merge that the next rows continue, each with text of its own.
func vmergeRows(rows int) []run {
	return []run{
		{`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc></w:tr>`, 1},
		{`<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>续</w:t></w:r></w:p></w:tc></w:tr>`, rows - 1},
		{`</w:tbl>`, 1},
	}
}

// namespaces is the document element with n namespace bindings (w
// included) around count paragraphs.
func namespaces(n, paragraphs int) func() ([]byte, error) {
	return func() ([]byte, error) {
		bindings := numbered(n-1, func(b []byte, i int) []byte {
			b = append(b, ` xmlns:n`...)
			b = append(b, itoa(i)...)
			b = append(b, `="urn:n`...)
			return append(append(b, itoa(i)...), '"')
		})
		return fromReference("docx", part{name: "word/document.xml", runs: []run{
			{`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:document " + wordNS + bindings + "><w:body>", 1},
			{`<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t></w:r></w:p>`, paragraphs},
			{wordTail, 1},
		}})
	}
}

// junkParts are four parts of 62 MB each that nothing refers to.
func junkParts(ext string) func() ([]byte, error) {
	return func() ([]byte, error) {
		var parts []part
		for i := range 4 {
			parts = append(parts, xmlPart("junk/junk"+itoa(i+1)+".xml", "<junk>", "junk ", 62<<20/5, "</junk>"))
		}
		return fromReference(ext, parts...)
	}
}

func wordCases() []Case {
	paragraphs := inflated / len(paragraph)
	oneCellRow := `<w:tr><w:tc>` + paragraph + `</w:tc></w:tr>`
	return []Case{{
		ID:          "docx-reference",
		Description: "参考自评表（testdata/forms）本身：对照，必须读取",
		File:        "reference.docx", Limit: "—", Want: Read, Forms: 1, Indicators: referenceIndicators,
		Build: func() ([]byte, error) { return fromReference("docx") },
	}, {
		ID:          "docx-indicators-at-limit",
		Description: "jixiao 写出的官方版式 Word 表，3 张表、每张 1,000 个指标（指标数上限）：必须读取",
		File:        "indicators-at-limit.docx", Limit: count("每张表的指标数", jixiao.MaxIndicators) + "（未超）", Want: Read, Forms: 3, Indicators: jixiao.MaxIndicators,
		Build: writtenForms(3, jixiao.MaxIndicators, docx.Write),
	}, {
		ID:          "docx-tiny-paragraphs",
		Description: "document.xml 解压后约 60 MB，全是只有一个字的段落",
		File:        "tiny-paragraphs.docx", Limit: count("段落数", jixiao.MaxParagraphs), Want: Refused,
		Build: document(run{paragraph, paragraphs}),
	}, {
		ID:          "docx-one-cell-rows",
		Description: "document.xml 解压后约 60 MB，一个表格全是一个单元格的行",
		File:        "one-cell-rows.docx", Limit: count("表格行数", jixiao.MaxRows), Want: Refused,
		Build: document(run{"<w:tbl>", 1}, run{oneCellRow, inflated / len(oneCellRow)}, run{"</w:tbl>", 1}),
	}, {
		ID:          "docx-vmerge",
		Description: "100,000 行纵向合并的单元格，每行都有文字（合并后的文字每次重新拼接则为平方级）",
		File:        "vmerge.docx", Limit: count("表格行数", jixiao.MaxRows), Want: Refused,
		Build: document(vmergeRows(100_000)...),
	}, {
		ID:          "docx-vmerge-under-limit",
		Description: "行数刚好在上限以内的纵向合并（合并文字约 60 KB）：不是自评表，但必须快速拒绝",
		File:        "vmerge-under-limit.docx", Limit: count("表格行数", jixiao.MaxRows) + "（未超）", Want: Refused,
		Build: document(vmergeRows(jixiao.MaxRows - 1)...),
	}, {
		ID:          "docx-namespaces",
		Description: "根元素上 100,000 个 XML 命名空间绑定（每个元素线性查找则为平方级）",
		File:        "namespaces.docx", Limit: count("命名空间绑定", jixiao.MaxNamespaces), Want: Refused,
		Build: namespaces(100_000, 1),
	}, {
		ID:          "docx-namespaces-under-limit",
		Description: "上限以内的命名空间绑定，加上上限以内的段落数：不是自评表，但必须快速拒绝",
		File:        "namespaces-under-limit.docx", Limit: count("命名空间绑定", jixiao.MaxNamespaces) + "（未超）", Want: Refused,
		Build: namespaces(jixiao.MaxNamespaces-10, jixiao.MaxParagraphs-1),
	}, {
		ID:          "docx-deep-nesting",
		Description: "200,000 层嵌套的内容控件（w:sdt）：递归读取会耗尽栈",
		File:        "deep-nesting.docx", Limit: "XML 嵌套层数 256（ooxml）", Want: Refused,
		Build: document(run{"<w:sdt><w:sdtContent>", 200_000}, run{paragraph, 1}, run{"</w:sdtContent></w:sdt>", 200_000}),
	}, {
		ID:          "docx-nested-tables",
		Description: "19,999 层嵌套的表格，每层一行一格",
		File:        "nested-tables.docx", Limit: "XML 嵌套层数 256（ooxml）", Want: Refused,
		Build: document(run{"<w:tbl><w:tr><w:tc>", jixiao.MaxRows - 1}, run{paragraph, 1}, run{"</w:tc></w:tr></w:tbl>", jixiao.MaxRows - 1}),
	}, {
		ID:          "docx-huge-gridspan",
		Description: "一个单元格横跨 2,000,000,000 列（w:gridSpan），共 1,000 行",
		File:        "huge-gridspan.docx", Limit: count("每行列数", jixiao.MaxColumns), Want: Refused,
		Build: document(run{"<w:tbl>", 1},
			run{`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr>` + paragraph + `</w:tc></w:tr>`, 1000},
			run{"</w:tbl>", 1}),
	}, {
		ID:          "docx-many-runs",
		Description: "一个段落里 200,000 个文字块（w:r），段落文字约 600 KB",
		File:        "many-runs.docx", Limit: bytesLimit("单元格或段落文字", jixiao.MaxCellBytes), Want: Refused,
		Build: document(run{"<w:p>", 1}, run{`<w:r><w:t>字</w:t></w:r>`, 200_000}, run{"</w:p>", 1}),
	}, {
		ID:          "docx-size-lie-small",
		Description: "zip 头声明 document.xml 解压后 10 KB，实际解压到约 60 MB",
		File:        "size-lie-small.docx", Limit: "zip 头声明的大小", Want: Refused,
		Build: documentPart(part{runs: []run{{paragraph, paragraphs}}, declared: 10 << 10}),
	}, {
		ID:          "docx-size-lie-huge",
		Description: "zip 头声明 document.xml 解压后约 4 GB（按声明预分配内存会耗尽），实际很小",
		File:        "size-lie-huge.docx", Limit: bytesLimit("单个部件解压后", jixiao.MaxPartBytes), Want: Refused,
		Build: documentPart(part{runs: []run{{paragraph, 1}}, declared: 4_000_000_000}),
	}, {
		ID:          "docx-junk-parts",
		Description: "参考自评表加四个无用部件，每个解压后 62 MB",
		File:        "junk-parts.docx", Limit: bytesLimit("所有部件解压后", jixiao.MaxInflatedBytes) + "（若读取）", Want: Either, Forms: 1, Indicators: referenceIndicators,
		Build: junkParts("docx"),
	}, {
		ID:          "docx-many-entries",
		Description: "参考自评表加 100,000 个空的 zip 条目",
		File:        "many-entries.docx", Limit: "zip 条目数 10,000（ooxml）", Want: Either, Forms: 1, Indicators: referenceIndicators,
		Build: func() ([]byte, error) { return manyEntries("docx", 100_000) },
	}}
}
