package xlsx_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/xlsx"
)

// TestRealShapedWorkbook reads an Inner Mongolia 项目支出绩效自评表 as a
// county office saves it from Excel: the section labels merged down their
// rows, level-1 and level-2 labels merged down their indicators, amounts as
// numbers with a #,##0.00 format, one in 万 text, the footer spread over
// cells after 单位负责人, and the funds split as 财政拨款 {一般公共预算,
// 上年结转} + 其他资金 where the sums, not the labels, place 上年结转. A
// reviewer raises nothing but the missing 中央主管部门 of a project form
// and the band of the qualitative row.
func TestRealShapedWorkbook(t *testing.T) {
	b := newWorkbook(t, "自评表")
	const s = "自评表"
	rows := [][]any{
		{"项目支出绩效自评表"},
		{"（2023年度）"},
		{"项目名称", "", "赤峰市巴林左旗肉牛产业提质增效项目"},
		{"主管部门", "", "巴林左旗农牧局", "", "实施单位（盖章）", "巴林左旗畜牧工作站"},
		{"项目资金（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"},
		{"", "年度资金总额", 560.0, 548.4, "97.93%"},
		{"", "其中：财政拨款", 560.0, 548.4, "97.93%"},
		{"", "其中：一般公共预算", 480.0, 470.4, "98.00%"},
		{"", "上年结转", "80万", 78.0, "97.50%"},
		{"", "其他资金", 0.0, 0.0, ""},
		{"一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "未完成原因和改进措施"},
		{"产出指标", "数量指标", "改良肉牛头数", "≥12000头", "12650头", ""},
		{"", "", "建设标准化养殖棚圈", "≥40座", "38座", "2座棚圈因用地手续延迟，2024年5月前完工"},
		{"", "质量指标", "犊牛成活率", "≥95%", "96.2%", ""},
		{"效益指标", "经济效益指标", "养殖户户均增收", "≥3000元", "3400元", ""},
		{"", "可持续影响指标", "良种繁育体系", "逐步完善", "逐步完善", ""},
		{"满意度指标", "服务对象满意度指标", "养殖户满意度", "≥90%", "93%", ""},
		{"单位负责人：王建国", "", "填报人：包海燕", "联系电话：0476-7812345", "填表日期：2024年2月5日"},
	}
	for i, r := range rows {
		for j, v := range r {
			if v == "" {
				continue
			}
			cell := string(rune('A'+j)) + itoa(i+1)
			b.set(s, cell, v)
			if f, ok := v.(float64); ok && f != 0 {
				b.style(s, cell, fmtCode("#,##0.00"))
			}
		}
	}
	b.merge(s, "A1", "F1")
	b.merge(s, "A3", "B3")
	b.merge(s, "C3", "F3")
	b.merge(s, "A4", "B4")
	b.merge(s, "A5", "A10")
	b.merge(s, "A12", "A13")
	b.merge(s, "B12", "B13")
	b.merge(s, "A15", "A16")

	forms, err := xlsx.Reader{}.ReadForms("baarin.xlsx", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 {
		t.Fatalf("%d forms, want 1", len(forms))
	}
	f := forms[0]
	if f.Header.Unit != "巴林左旗畜牧工作站" || f.Filler != "包海燕" || f.FillDate != "2024年2月5日" {
		t.Errorf("header/footer: unit %q, filler %q, date %q", f.Header.Unit, f.Filler, f.FillDate)
	}
	rep := check.Form(f, audit.Defaults())
	var statuses []string
	for _, a := range rep.Indicators {
		statuses = append(statuses, string(a.Status))
	}
	if got, want := strings.Join(statuses, " "), "met not_met met met qualitative met"; got != want {
		t.Errorf("statuses %s, want %s", got, want)
	}
	var rules []string
	for _, x := range rep.Findings {
		rules = append(rules, x.Rule+"@"+x.At)
	}
	sort.Strings(rules)
	want := []string{"missing-field@基本信息/中央主管部门", "notes-unfilled@说明", "qualitative-band-missing@效益指标/可持续影响指标/良种繁育体系"}
	if strings.Join(rules, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(rules, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
