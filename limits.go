package jixiao

import "fmt"

// Reading limits. Form files come from outside, soon by upload to a server
// many people share, so every reader stops as soon as a file goes past one
// of these counts, whatever its size on disk. Each is far above any real form
// (a real form has at most a few hundred rows and a few dozen indicators;
// docs/real-set.md) and far below what would stall a reader: together they
// keep reading and checking any file under MaxFileSize within about 2 s and
// 300 MB for the whole process (RELIABILITY.md measures each class).
const (
	MaxFileSize = 20 << 20 // bytes of a form file as uploaded

	// Office packages (.docx, .xlsx), after decompression.
	MaxPartBytes     = 32 << 20  // inflated bytes of one XML part read
	MaxInflatedBytes = 64 << 20  // inflated bytes of all parts read, together
	MaxXMLElements   = 2_000_000 // elements of all XML parts read, together
	MaxNamespaces    = 1_000     // XML namespace bindings in scope at once
	MaxAttributes    = 10_000    // attributes of one XML element, bindings included

	// The document read (any format).
	MaxParagraphs = 20_000   // paragraphs outside tables
	MaxRows       = 20_000   // table rows, all tables together
	MaxCells      = 200_000  // table cells, all tables together
	MaxCellBytes  = 64 << 10 // text of one cell or paragraph, in bytes of UTF-8
	MaxColumns    = 1_000    // cells in one table row (grid columns used)

	// Workbooks.
	MaxSheets        = 256     // sheet entries in the workbook
	MaxSharedStrings = 200_000 // entries of the shared string table
	MaxSheetRows     = 100_000 // row elements of one worksheet, empty ones included

	// Forms.
	MaxForms      = 5_000 // forms in one file (a JSON export of a region's forms)
	MaxIndicators = 1_000 // indicators of one form
	MaxFundLines  = 500   // funds lines of one form

	// JSON form files: array elements of all arrays together (forms,
	// indicators, funds lines, footnotes…). A JSON value of a few bytes
	// ({} in "indicators") becomes a struct of a hundred bytes and a row to
	// judge: this bounds what decoding may build and checking go through
	// (100,000 is 3,000 forms of 30 indicators; 20 MB of indented JSON
	// holds about 800 real forms).
	MaxJSONElements = 100_000
)

// TooMany returns the invalid-input error for a file that goes past a
// reading limit: it names the file, what went past which limit, and what to
// do. what is a counted noun phrase in Chinese, such as "段落数" or
// "“indicators”中的指标数".
func TooMany(file, what string, limit int) *Error {
	return &Error{Kind: KindInvalid, Message: fmt.Sprintf(
		"%s：%s超过 %d 的上限，不像自评表（自评表通常只有几百行），文件异常或不是自评表，拒绝读取。"+
			"如果这确是自评表，请只保留自评表本身（删去多余的内容）后另存再上传", file, what, limit)}
}

// TooLarge returns the invalid-input error for a file whose content (what,
// such as "解压后的内容") goes past a limit of bytes.
func TooLarge(file, what string, limit int64) *Error {
	return &Error{Kind: KindInvalid, Message: fmt.Sprintf(
		"%s：%s超过 %s 的上限，文件异常（可能是恶意构造的文件）或过大，拒绝读取。"+
			"自评表文件通常不超过 1 MB；请检查文件来源，或删去多余的内容（如大图片、过长的文字）后另存再上传", file, what, ByteSize(limit))}
}

// ByteSize writes a byte count for messages: 64 MB, 512 KB, 100 字节.
func ByteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
