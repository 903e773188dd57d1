package xlsx_test

import (
	"testing"
)

// An indicator header split over two rows: 绩效指标 merged over
// 一级指标|二级指标|三级指标, beside 年度指标值, 实际完成值 and the reason
// merged down both rows. The whole form was refused as truncated.
func TestClerkTwoRowIndicatorHeader(t *testing.T) {
	b := newWorkbook(t, "Sheet1")
	const s = "Sheet1"
	rows := [][]any{
		{"项目支出绩效自评表"},
		{"项目名称", "", "农村公路养护"},
		{"主管部门", "", "某县交通运输局", "", "实施单位", "某县公路事业发展中心"},
		{"项目资金（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"},
		{"", "年度资金总额", 500.0, 480.0, 0.96},
		{"", "其中：财政拨款", 500.0, 480.0, 0.96},
		{"绩效指标", "", "", "年度指标值", "实际完成值", "偏差原因分析及改进措施"},
		{"一级指标", "二级指标", "三级指标"},
		{"产出指标", "数量指标", "养护农村公路里程", "≥860公里", "872公里", ""},
		{"", "质量指标", "优良中等路率", "≥80%", "78%", "部分路段受洪水损毁，已列入下年度修复计划"},
		{"满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "93%", ""},
		{"填表人：韩梅", "", "", "", "填表日期：2024年1月15日"},
	}
	clerkSheet(b, s, rows, map[string]string{"E5": "0.00%", "E6": "0.00%"}, "A1:F1", "A2:B2", "C2:F2", "A3:B3", "C3:D3", "A4:B4", "A5:A6", "A7:C7", "D7:D8", "E7:E8", "F7:F8", "A9:A10")
	got, f := xlsxReading(t, b.bytes())
	sameReading(t, got, reading{
		Statuses: []string{"met", "not_met", "met"},
		Findings: []string{"missing-field@基本信息/中央主管部门", "notes-unfilled@说明"},
		Funds:    []string{"年度资金总额 500/480", "其中：财政拨款 500/480"},
	})
	if in := f.Indicators[1]; in.Level1 != "产出指标" || in.Level2 != "质量指标" || in.Target != "≥80%" || in.Actual != "78%" || in.Reason == "" {
		t.Errorf("indicator 1: %+v", in)
	}
}
