package layout_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

// indicatorRows makes n indicator rows.
func indicatorRows(n int) []layout.Row {
	rows := make([]layout.Row, n)
	for i := range rows {
		rows[i] = row("", "产出指标", "数量指标", fmt.Sprintf("指标%d：甲", i+1), "不少于1件", "2件", "已完成")
	}
	return rows
}

// fundRows makes a funds section of n lines under a total, with roles that
// hold each other (财政拨款 over 一般公共预算 and 政府性基金…), amounts that do
// not add up, so that the sums are tried every way they could nest.
func fundRows(n int) []layout.Row {
	rows := []layout.Row{
		row("转移支付（项目）名称", "北京市朝阳区甲项目"),
		row("资金情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "预算执行率（B/A)"),
		row("", "年度资金总额：", "100000", "90", "90%"),
	}
	labels := []string{"财政拨款", "一般公共预算", "政府性基金", "一般公共预算", "政府性基金"}
	for i := range n - 1 {
		rows = append(rows, row("", labels[i%len(labels)], "1", "1", "100%"))
	}
	return rows
}

// A document read at or past the limits of a form: past them it is refused
// at the row that goes past, with a message that names the file and the
// limit; at them it reads in time linear in its rows.
func TestFormLimits(t *testing.T) {
	goal := []layout.Row{row("年度总体目标", "", "实际完成情况")}
	for range jixiao.MaxRows - 10 {
		goal = append(goal, row("", strings.Repeat("目标", 10), strings.Repeat("完成", 10)))
	}
	manyForms := []layout.Row{}
	for i := range jixiao.MaxForms + 1 {
		manyForms = append(manyForms, row("项目名称", fmt.Sprintf("项目%d", i)), indHeader, indicatorRows(1)[0])
	}
	tests := []struct {
		name string
		rows []layout.Row
		want string // "" when the document reads
	}{
		{"indicators at the limit", append([]layout.Row{indHeader}, indicatorRows(jixiao.MaxIndicators)...), ""},
		{"indicators past the limit", append([]layout.Row{indHeader}, indicatorRows(jixiao.MaxIndicators+1)...), "一张自评表的绩效指标数超过 1000 的上限"},
		{"funds lines at the limit", append(fundRows(jixiao.MaxFundLines), append([]layout.Row{indHeader}, indicatorRows(1)...)...), ""},
		{"funds lines past the limit", append(fundRows(jixiao.MaxFundLines+1), append([]layout.Row{indHeader}, indicatorRows(1)...)...), "资金情况的行数超过 500 的上限"},
		{"forms past the limit", manyForms, "文件中的自评表数超过 5000 的上限"},
		{"a goal over every row", append(append(goal, indHeader), indicatorRows(1)...), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &layout.Document{Name: "big.txt", Blocks: []layout.Block{table(tt.rows...)}}
			start := time.Now()
			forms, err := layout.Forms(doc)
			// far above a linear read of 20,000 rows, even under the race
			// detector on a busy machine; joining the goal row after row took
			// minutes
			if d := time.Since(start); d > 20*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("read in %v", d)
			}
			if tt.want == "" {
				if err != nil || len(forms) != 1 {
					t.Fatalf("%d forms, %v", len(forms), err)
				}
				return
			}
			msg := jixiao.MessageOf(err)
			if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid || !strings.HasPrefix(msg, "big.txt：") || !strings.Contains(msg, tt.want) {
				t.Errorf("%v: want an error naming the file and %q", err, tt.want)
			}
		})
	}
}
