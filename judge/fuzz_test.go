package judge_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

// FuzzIndicator: any target, actual and reason are judged without a panic,
// with one of the four statuses and an explanation.
func FuzzIndicator(f *testing.F) {
	for _, s := range [][5]string{
		{"数量指标", "不少于7000件", "共完成6747件。", "已完成", "x"},
		{"成本指标", "550万", "591.764万", "已完成", "x"},
		{"成本指标", "0万", "0万", "", "x"},
		{"数量指标", "不少于0件", "0件", "", "x"},
		{"时效指标", "12月底前完成、12月底前完成", "12月份完成", "已完成", "x"},
		{"质量指标", "80%-90%", "85%", "", "x"},
		{"经济效益指标", "盘活资源", "效果好，90%", "已完成", "x"},
		{"", "", "", "", "x"},
		{"质量指标", "0起", "无安全事故", "", "安全事故"},
		{"时效指标", "2021.1.1-12.31", "未能按期完成", "已完成", "x"},
		{"质量指标", "16-60岁", "存在3例超出年龄范围的情况", "", "x"},
		{"质量指标", "100%", "100%，其中2例未验收", "已完成", "x"},
		{"成本指标", "两万五千元", "2万5千元", "", "x"},
		{"生态效益指标", "0.9‰", "0", "已完成", "森林火灾受害率"},
		{"服务对象满意度指标", "100%", "98%", "", "投诉处理率"},
		{"质量指标", "0", "零投诉", "", "违规（起）"},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4])
	}
	f.Fuzz(func(t *testing.T, level2, target, actual, reason, name string) {
		in := &jixiao.Indicator{Level1: "产出指标", Level2: level2, Name: name, Target: target, Actual: actual, Reason: reason}
		r := judge.Indicator(in, 0, 2020)
		switch r.Status {
		case jixiao.StatusMet, jixiao.StatusNotMet, jixiao.StatusQualitative, jixiao.StatusUndetermined:
		default:
			t.Fatalf("status %q", r.Status)
		}
		if r.Explanation == "" {
			t.Fatal("no explanation")
		}
		if r.Target.Kind != "empty" && r.DirectionReason == "" {
			t.Fatal("no direction reason")
		}
	})
}
