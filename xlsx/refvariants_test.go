package xlsx_test

import (
	"bytes"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/formtest"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/xlsx"
	"github.com/xuri/excelize/v2"
)

// reading, and the helpers below, compare a file with its text version
// (internal/formtest).
type reading = formtest.Reading

var (
	textReading = formtest.Text
	sameReading = formtest.Same
)

func xlsxReading(t *testing.T, data []byte) (reading, *jixiao.Form) {
	t.Helper()
	return formtest.Read(t, xlsx.Reader{}, "form.xlsx", data)
}

// refBook opens the reference workbook for editing.
type refBook struct {
	t *testing.T
	f *excelize.File
}

func openRef(t *testing.T) *refBook {
	f, err := excelize.OpenReader(bytes.NewReader(readRef(t, "xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	return &refBook{t, f}
}

const refSheet = "Sheet1"

func (b *refBook) set(cell string, v any, format string) {
	if err := b.f.SetCellValue(refSheet, cell, v); err != nil {
		b.t.Fatal(err)
	}
	if format != "" {
		id, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &format})
		if err != nil {
			b.t.Fatal(err)
		}
		if err := b.f.SetCellStyle(refSheet, cell, cell, id); err != nil {
			b.t.Fatal(err)
		}
	}
}

func (b *refBook) bytes() []byte {
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		b.t.Fatal(err)
	}
	return buf.Bytes()
}

// fundsRow sets a funds row of the reference workbook as a clerk types it:
// amounts as numbers with a 万元 format of two decimals and thousands
// separators, the rate as a fraction with a % format.
func (b *refBook) fundsRow(r int, label string, budget, executed float64, rate any) {
	row := itoa(r)
	if label != "" {
		b.set("B"+row, label, "")
	}
	b.set("C"+row, budget, "#,##0.00")
	b.set("E"+row, executed, "#,##0.00")
	if rate != nil {
		b.set("G"+row, rate, "0.000%")
	}
}

// The reference workbook's variants, each read as the text variant a
// reviewer would type from it: same statuses, same findings, same amounts.
func TestReferenceWorkbookVariants(t *testing.T) {
	ref := reftest.Text(t)
	localRow := "\t\n\t       地方资金\n\t926.2\n\t926.2\n\t100%\n\n"
	fundRow := func(label, a, b, rate string) string {
		return "\t\n\t" + label + "\n\t" + a + "\n\t" + b + "\n\t" + rate + "\n\n"
	}
	tests := []struct {
		name string
		edit func(b *refBook) []byte
		text string
	}{
		{
			name: "amounts as numbers, rates as fractions with a % format, the total as a cached formula",
			edit: func(b *refBook) []byte {
				b.fundsRow(8, "", 10926.2, 1300, 0.119)
				b.fundsRow(9, "", 10000, 373.8, 0.037)
				b.fundsRow(10, "", 926.2, 926.2, 1.0)
				b.fundsRow(11, "", 0, 0, nil)
				data := b.bytes()
				data = addFormula(t, data, "xl/worksheets/sheet1.xml", "C8", "SUM(C9:C11)")
				return addFormula(t, data, "xl/worksheets/sheet1.xml", "E8", "SUM(E9:E11)")
			},
			text: reftest.Replace(t, reftest.Replace(t, ref, "\t10926.2\n", "\t10926.20\n", 1), "\t100%\n\n\t\n\t        其他资金", "\t100.000%\n\n\t\n\t        其他资金", 1),
		},
		{
			name: "地方资金 as provincial, municipal and district lines",
			edit: func(b *refBook) []byte {
				if err := b.f.InsertRows(refSheet, 11, 2); err != nil {
					t.Fatal(err)
				}
				for i, c := range []struct {
					label string
					a     float64
				}{{"省级资金", 500}, {"市级资金", 300}, {"区级资金", 126.2}} {
					b.fundsRow(10+i, c.label, c.a, c.a, 1.0)
					for _, col := range []string{"C", "E"} {
						to := string(rune(col[0] + 1))
						if err := b.f.MergeCell(refSheet, col+itoa(10+i), to+itoa(10+i)); err != nil {
							t.Fatal(err)
						}
					}
				}
				return b.bytes()
			},
			text: reftest.Replace(t, ref, localRow, fundRow("省级资金", "500.00", "500.00", "100.000%")+fundRow("市级资金", "300.00", "300.00", "100.000%")+fundRow("区级资金", "126.20", "126.20", "100.000%"), 1),
		},
		{
			name: "a rate formula that gives 0 (or #DIV/0!) on the empty 其他资金 line",
			edit: func(b *refBook) []byte {
				b.set("G11", 0.0, "0.00%")
				b.set("G10", 1.0, "0.00%")
				data := addFormula(t, b.bytes(), "xl/worksheets/sheet1.xml", "G11", "IFERROR(E11/C11,0)")
				return addFormula(t, data, "xl/worksheets/sheet1.xml", "G10", "E10/C10")
			},
			text: reftest.Replace(t, ref, "\t100%\n\n\t\n\t        其他资金\n\t0\n\t0\n\t　", "\t100.00%\n\n\t\n\t        其他资金\n\t0\n\t0\n\t0.00%", 1),
		},
		{
			name: "sources by kind of money",
			edit: func(b *refBook) []byte {
				b.set("B9", "其中：本年财政拨款", "")
				b.set("B10", "上年结转资金", "")
				b.set("B11", "单位资金", "")
				return b.bytes()
			},
			text: reftest.Replace(t, reftest.Replace(t, reftest.Replace(t, ref, " 其中：中央财政资金", " 其中：本年财政拨款", 1), "       地方资金", "上年结转资金", 1), "        其他资金", "单位资金", 1),
		},
		{
			name: "level-1 labels with their weights and older names",
			edit: func(b *refBook) []byte {
				b.set("B15", "产出指标(50分)", "")
				b.set("B35", "效益指标（30分）", "")
				b.set("B40", "满意度指标(10分)", "")
				b.set("C40", "服务对象满意度", "")
				return b.bytes()
			},
			text: reftest.Replace(t, reftest.Replace(t, reftest.Replace(t, reftest.Replace(t, ref, "\t产出指标\n", "\t产出指标(50分)\n", 1), "\t效益指标\n", "\t效益指标（30分）\n", 1), "\t满意度\n", "\t满意度指标(10分)\n", 1), "\t服务对象满意度指标\n", "\t服务对象满意度\n", 1),
		},
		{
			name: "cost rows as numbers with a 万元 format: one spends less, one more",
			edit: func(b *refBook) []byte {
				b.set("E31", 200.0, `0"万元"`)
				b.set("F31", 180.0, `0.00"万元"`)
				b.set("F30", 591.764, `0.000"万元"`)
				return b.bytes()
			},
			text: reftest.Replace(t, reftest.Replace(t, reftest.Replace(t, ref, "\t200万\n\t200万\n", "\t200万元\n\t180.00万元\n", 1), "\t591.764万\n", "\t591.764万元\n", 1), "\t550万\n", "\t550万\n", 1),
		},
		{
			name: "satisfaction as fractions with a % format",
			edit: func(b *refBook) []byte {
				b.set("E41", 0.9, "0%")
				b.set("F41", 0.978, "0.0%")
				return b.bytes()
			},
			text: reftest.Replace(t, ref, "\t100%\n\t100%\n\t已完成\n\n\t\n\t\n\t\n\t指标3：金融机构满意度", "\t90%\n\t97.8%\n\t已完成\n\n\t\n\t\n\t\n\t指标3：金融机构满意度", 1),
		},
		{
			name: "an instructions sheet first, a hidden sheet, the footer date as a serial",
			edit: func(b *refBook) []byte {
				b.set("A51", "填表人：李想 联系电话：51069565", "")
				b.set("E51", "填写日期：", "")
				b.set("F51", 44404, "yyyy\"年\"m\"月\"d\"日\"")
				idx, err := b.f.NewSheet("填表说明")
				if err != nil {
					t.Fatal(err)
				}
				_ = idx
				b.f.SetCellValue("填表说明", "A1", "填表说明")
				b.f.SetCellValue("填表说明", "A2", "1.资金单位为万元，保留两位小数。")
				b.f.SetCellValue("填表说明", "A3", "2.指标值、全年实际完成值应填写具体数值。")
				if err := b.f.MoveSheet("填表说明", refSheet); err != nil {
					t.Fatal(err)
				}
				b.f.NewSheet("数据源")
				b.f.SetCellValue("数据源", "A1", "年度资金总额")
				b.f.SetCellValue("数据源", "B1", 99999)
				b.f.SetSheetVisible("数据源", false)
				return b.bytes()
			},
			text: ref,
		},
		{
			name: "every merged label unmerged and filled down its rows",
			edit: func(b *refBook) []byte {
				merges, err := b.f.GetMergeCells(refSheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range merges {
					from, to := m.GetStartAxis(), m.GetEndAxis()
					c1, r1, _ := excelize.CellNameToCoordinates(from)
					c2, r2, _ := excelize.CellNameToCoordinates(to)
					if c1 != c2 || r1 == r2 {
						continue // only the labels merged down
					}
					if err := b.f.UnmergeCell(refSheet, from, to); err != nil {
						t.Fatal(err)
					}
					for r := r1 + 1; r <= r2; r++ {
						cell, _ := excelize.CoordinatesToCellName(c1, r)
						b.set(cell, m.GetCellValue(), "")
					}
				}
				return b.bytes()
			},
			text: ref,
		},
		{
			name: "one reason merged over a group's rows, one actual merged over two rows",
			edit: func(b *refBook) []byte {
				for r := 31; r <= 34; r++ {
					b.f.SetCellValue(refSheet, "G"+itoa(r), nil)
				}
				if err := b.f.MergeCell(refSheet, "G30", "G34"); err != nil {
					t.Fatal(err)
				}
				for r := 16; r <= 19; r++ {
					b.f.SetCellValue(refSheet, "G"+itoa(r), nil)
				}
				if err := b.f.MergeCell(refSheet, "G16", "G19"); err != nil {
					t.Fatal(err)
				}
				b.f.SetCellValue(refSheet, "F41", nil)
				if err := b.f.MergeCell(refSheet, "F40", "F41"); err != nil {
					t.Fatal(err)
				}
				return b.bytes()
			},
			text: ref,
		},
		{
			name: "a hidden empty column and a hidden blank row",
			edit: func(b *refBook) []byte {
				if err := b.f.InsertCols(refSheet, "H", 1); err != nil {
					t.Fatal(err)
				}
				b.f.SetColVisible(refSheet, "H", false)
				if err := b.f.InsertRows(refSheet, 12, 1); err != nil {
					t.Fatal(err)
				}
				b.f.SetRowVisible(refSheet, 12, false)
				return b.bytes()
			},
			text: ref,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, f := xlsxReading(t, tt.edit(openRef(t)))
			sameReading(t, got, textReading(t, tt.text))
			if f.Filler != "李想" || f.FillDate != "2021年7月27日" {
				t.Errorf("footer: filler %q, date %q", f.Filler, f.FillDate)
			}
		})
	}
}
