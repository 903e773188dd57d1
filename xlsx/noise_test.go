package xlsx_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/xuri/excelize/v2"
)

// The reference workbook with its amounts in the formats Chinese Excel
// offers (会计专用 with and without ¥, built-in 43), a total whose cached
// formula value carries float noise (10926.199999999999), and the footer
// date a serial in the zh-CN built-in date format 31: read as the reference.
func TestReferenceWorkbookFormats(t *testing.T) {
	b := openRef(t)
	acc := `_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `
	yen := `_ ¥* #,##0.00_ ;_ ¥* \-#,##0.00_ ;_ ¥* "-"??_ ;_ @_ `
	b.set("C8", 10926.2, "")
	b.set("E8", 1300.0, yen)
	b.set("C11", 0.0, acc)
	b.set("E11", 0.0, yen)
	b.set("C9", 10000.0, "")
	id, err := b.f.NewStyle(&excelize.Style{NumFmt: 43})
	if err != nil {
		t.Fatal(err)
	}
	b.f.SetCellStyle(refSheet, "C9", "C9", id)
	b.set("C10", 926.2, "")
	b.set("A51", "填表人：李想 联系电话：51069565", "")
	b.set("E51", "填写日期：", "")
	b.set("F51", 44404, "")
	id, err = b.f.NewStyle(&excelize.Style{NumFmt: 31})
	if err != nil {
		t.Fatal(err)
	}
	b.f.SetCellStyle(refSheet, "F51", "F51", id)
	data := rewrite(t, b.bytes(), "xl/worksheets/sheet1.xml", func(s string) string {
		s = regexp.MustCompile(`(<c r="C8"[^>]*>)<v>[^<]*</v>`).ReplaceAllString(s, "${1}<f>SUM(C9:C11)</f><v>10926.199999999999</v>")
		return regexp.MustCompile(`(<c r="C10"[^>]*>)<v>[^<]*</v>`).ReplaceAllString(s, "${1}<f>1000-73.8</f><v>926.20000000000005</v>")
	})
	got, f := xlsxReading(t, data)
	sameReading(t, got, textReading(t, reftest.Text(t)))
	if f.FillDate != "2021年7月27日" {
		t.Errorf("date %q", f.FillDate)
	}
	if b := f.Funds.Lines[0].Budget.Text; strings.Contains(b, "9999") {
		t.Errorf("total budget read %q", b)
	}
}
