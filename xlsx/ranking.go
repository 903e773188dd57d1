package xlsx

import (
	"fmt"
	"io"

	"github.com/jixiao/jixiao/score"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// The ranking of regions as a workbook (jixiao rank --out): score computes
// the ranking, this writes it.

// RankingSheet is the worksheet of the ranking in the workbook.
const RankingSheet = "地区排名"

// WriteRanking writes the ranking as a workbook: the table (numbers as
// numbers) and a column chart of the regions' scores; a second sheet says
// what the figures are.
func WriteRanking(w io.Writer, rk *score.Ranking) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", RankingSheet); err != nil {
		return err
	}
	sh := RankingSheet
	header, err := x.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    rankBorders(),
	})
	if err != nil {
		return err
	}
	money, _ := x.NewStyle(&excelize.Style{NumFmt: 4, Border: rankBorders()})  // #,##0.00
	pct, _ := x.NewStyle(&excelize.Style{NumFmt: 10, Border: rankBorders()})   // 0.00%
	points, _ := x.NewStyle(&excelize.Style{NumFmt: 2, Border: rankBorders()}) // 0.00
	plain, _ := x.NewStyle(&excelize.Style{Border: rankBorders()})
	center, _ := x.NewStyle(&excelize.Style{Border: rankBorders(), Alignment: &excelize.Alignment{Horizontal: "center"}})
	boldCenter, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: rankBorders(), Alignment: &excelize.Alignment{Horizontal: "center"}})
	bold, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: rankBorders(), NumFmt: 2})
	boldMoney, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: rankBorders(), NumFmt: 4})
	boldPct, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: rankBorders(), NumFmt: 10})
	boldPlain, _ := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: rankBorders()})

	widths := make([]int, len(score.RankHeaders))
	for c, h := range score.RankHeaders {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		if err := x.SetCellStr(sh, cell, h); err != nil {
			return err
		}
		widths[c] = displayWidth(h)
	}
	if err := x.SetCellStyle(sh, "A1", rankCol(len(score.RankHeaders))+"1", header); err != nil {
		return err
	}
	num := func(d decimal.Decimal) float64 { return d.InexactFloat64() }
	for i, r := range rk.Rows {
		y := i + 2
		vals := []any{r.Rank, r.Label(), num(r.Budget), num(r.Executed), nil,
			r.Met, r.NotMet, r.Qualitative, r.Undetermined, r.Errors, num(r.Score.Round(2)), r.Grade, num(r.Unscored.Round(2))}
		if r.Aggregate {
			vals[0] = "汇总"
		}
		if r.Rate != nil {
			vals[4] = num(*r.Rate)
		}
		for c, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(c+1, y)
			if v == nil {
				continue
			}
			if err := x.SetCellValue(sh, cell, v); err != nil {
				return err
			}
			if s, ok := v.(string); ok {
				widths[c] = max(widths[c], displayWidth(s))
			}
		}
		styles := []int{center, plain, money, money, pct, plain, plain, plain, plain, plain, points, center, points}
		if r.Aggregate {
			styles = []int{boldCenter, boldPlain, boldMoney, boldMoney, boldPct, boldPlain, boldPlain, boldPlain, boldPlain, boldPlain, bold, boldCenter, bold}
		}
		for c, st := range styles {
			cell, _ := excelize.CoordinatesToCellName(c+1, y)
			if err := x.SetCellStyle(sh, cell, cell, st); err != nil {
				return err
			}
		}
	}
	for c, wd := range widths {
		width := float64(wd) + 2
		switch {
		case c >= 2 && c <= 4 && width < 14:
			width = 14
		case width < 8:
			width = 8
		}
		name := rankCol(c + 1)
		if err := x.SetColWidth(sh, name, name, width); err != nil {
			return err
		}
	}
	_ = x.SetRowHeight(sh, 1, 32)
	_ = x.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})

	regions := 0
	for _, r := range rk.Rows {
		if !r.Aggregate {
			regions++
		}
	}
	if regions > 0 {
		ref := "'" + sh + "'!"
		last := regions + 1
		scoreCol := rankCol(11)
		maxY := 100.0
		minY := 0.0
		title := "各地区得分"
		if rk.Scheme != "" {
			title += "（评分方案 " + rk.Scheme + "）"
		}
		chart := &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{{
				Name:       ref + "$" + scoreCol + "$1",
				Categories: fmt.Sprintf("%s$B$2:$B$%d", ref, last),
				Values:     fmt.Sprintf("%s$%s$2:$%s$%d", ref, scoreCol, scoreCol, last),
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true},
			YAxis:     excelize.ChartAxis{Maximum: &maxY, Minimum: &minY, MajorGridLines: true},
			Dimension: excelize.ChartDimension{Width: uint(max(480, 80*regions)), Height: 320},
		}
		anchor := fmt.Sprintf("B%d", len(rk.Rows)+4)
		if err := x.AddChart(sh, anchor, chart); err != nil {
			return err
		}
	}

	// 说明
	note := "说明"
	if _, err := x.NewSheet(note); err != nil {
		return err
	}
	lines := [][2]string{
		{"项目", rk.Program},
		{"年度", score.YearText(rk.Year)},
		{"评分方案", rk.Scheme},
		{"汇总地区", rk.Parent},
		{"排序", "按得分从高到低；得分相同按预算执行率，再按地区名称"},
		{"汇总行", "最后一行为各地区表按资金额度汇总后的上级地区（jixiao rollup），按同一方案评分"},
		{"错误", "jixiao check 的“错误”级问题数"},
		{"未计分分值", "无法计分的指标（如定性指标未给出百分比档次）的分值，按 0 分计入得分"},
	}
	for i, l := range lines {
		_ = x.SetCellStr(note, fmt.Sprintf("A%d", i+1), l[0])
		_ = x.SetCellStr(note, fmt.Sprintf("B%d", i+1), l[1])
	}
	_ = x.SetColWidth(note, "A", "A", 12)
	_ = x.SetColWidth(note, "B", "B", 80)
	x.SetActiveSheet(0)
	_, err = x.WriteTo(w)
	return err
}

func rankBorders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "BFBFBF", Style: 1})
	}
	return b
}

func rankCol(n int) string {
	name, _ := excelize.ColumnNumberToName(n)
	return name
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
			r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}
