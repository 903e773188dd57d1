package judge_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

// realCase is one indicator shaped like those of real forms from other
// regions (issue 8). why, when set, must appear in the explanation.
type realCase struct {
	level2, name, target, actual string
	status                       jixiao.Status
	comparator                   string
	why                          string
}

func runReal(t *testing.T, cases []realCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name+"/"+c.target+"/"+c.actual, func(t *testing.T) {
			in := &jixiao.Indicator{Level1: "产出指标", Level2: c.level2, Name: c.name, Target: c.target, Actual: c.actual}
			r := judge.Indicator(in, 0, 2021)
			if r.Status != c.status {
				t.Fatalf("status %s, want %s: %s", r.Status, c.status, r.Explanation)
			}
			if c.comparator != "" && r.Comparator != c.comparator {
				t.Errorf("comparator %q, want %q: %s", r.Comparator, c.comparator, r.Explanation)
			}
			if c.why != "" && !strings.Contains(r.Explanation, c.why) {
				t.Errorf("explanation %q does not say %q", r.Explanation, c.why)
			}
			if r.Explanation == "" {
				t.Error("no explanation")
			}
		})
	}
}

// Negations: words that say the target was not reached beat a number that
// reaches it; words that state the absence of bad things are good outcomes.
func TestNegations(t *testing.T) {
	runReal(t, []realCase{
		// achievement negated: never met
		{"时效指标", "项目完成时间", "12月底前完成", "未能按期完成", jixiao.StatusNotMet, "deadline", "未能"},
		{"时效指标", "项目完成时间", "2021年12月31日前", "未完成", jixiao.StatusNotMet, "deadline", "未完成"},
		{"时效指标", "验收及时性", "12月底前完成验收", "尚未验收", jixiao.StatusNotMet, "deadline", "尚未"},
		{"时效指标", "资金拨付及时率", "按时拨付", "有2批次未按时完成", jixiao.StatusNotMet, "deadline", "未按"},
		{"时效指标", "完成时限", "12月底前", "项目延期至2022年3月完成", jixiao.StatusNotMet, "deadline", "延期"},
		{"时效指标", "完成时限", "年底前", "因疫情影响无法按期完成", jixiao.StatusNotMet, "deadline", "无法"},
		{"数量指标", "建设项目数", "≥5个", "没有达到", jixiao.StatusNotMet, "", "没有达到"},
		{"数量指标", "建设项目数", "5个", "尚未验收", jixiao.StatusNotMet, "", "尚未"},
		{"质量指标", "验收合格率", "100%", "未完成", jixiao.StatusNotMet, "", "未完成"},
		{"质量指标", "补助对象年龄", "16-60岁", "存在3例超出年龄范围的情况", jixiao.StatusNotMet, "", "超出年龄范围"},
		{"质量指标", "补助对象符合率", "100%", "100%，存在3例超出年龄范围的情况", jixiao.StatusUndetermined, "", "超出年龄范围"},
		{"数量指标", "培训人数", "≥100人", "计划培训120人，实际未完成", jixiao.StatusUndetermined, "", "未完成"},
		{"质量指标", "达标率", "100%", "完成率未达到100%，为95%", jixiao.StatusUndetermined, "", "未达到"},
		{"社会效益指标", "带动就业", "有效带动", "未达到预期效果", jixiao.StatusNotMet, "", "未达到"},
		{"社会效益指标", "带动就业", "有效带动", "部分未完成，90%", jixiao.StatusUndetermined, "band", "未完成"},
		{"数量指标", "项目数", "5个、3个", "5个、3个，其中1个未验收", jixiao.StatusUndetermined, "composite", "未验收"},
		{"质量指标", "资金拨付及时率", "100%", "有2批次未按时完成", jixiao.StatusNotMet, "", "未按"},
		{"质量指标", "审核准确率", "100%", "100%，不符合条件的申请已全部退回", jixiao.StatusMet, "≥", ""},
		{"质量指标", "整改完成率", "100%", "100%，对未按要求整改的单位进行约谈", jixiao.StatusMet, "≥", ""},
		// good outcomes and traps: absence of bad things, labels, comparators
		{"质量指标", "安全事故", "0起", "无安全事故", jixiao.StatusMet, "", "按 0 计"},
		{"质量指标", "安全事故发生数", "0起", "未发生安全事故", jixiao.StatusMet, "", "按 0 计"},
		{"社会效益指标", "群众投诉", "≤2起", "未出现投诉", jixiao.StatusMet, "≤", "按 0 计"},
		{"社会效益指标", "投诉次数", "0次", "零投诉", jixiao.StatusMet, "", "按 0 计"},
		{"质量指标", "违规使用资金", "0", "无违规", jixiao.StatusMet, "", "按 0 计"},
		{"质量指标", "安全事故发生率", "≤1%", "尚未发生安全事故", jixiao.StatusMet, "≤", "按 0 计"},
		{"时效指标", "完成时限", "12月底前", "按期完成，无延期", jixiao.StatusMet, "deadline", ""},
		{"时效指标", "完成时限", "12月底前", "无未按时完成情况", jixiao.StatusMet, "deadline", ""},
		{"时效指标", "完成时限", "12月底前", "12月完成，未出现延期", jixiao.StatusMet, "deadline", ""},
		{"质量指标", "合格率", "不低于90%", "95%", jixiao.StatusMet, "≥", ""},
		{"数量指标", "培训人数", "≥100人", "培训120人，未完成原因：无", jixiao.StatusMet, "≥", ""},
		{"数量指标", "无人机巡查架次", "≥100架次", "无人机巡查120架次", jixiao.StatusMet, "≥", ""},
		{"质量指标", "验收合格率", "100%", "超出预期，100%", jixiao.StatusMet, "≥", ""},
		// an absence says nothing about a count that should be high
		{"数量指标", "培训人数", "≥100人", "无", jixiao.StatusNotMet, "", ""},
		{"数量指标", "培训人数", "≥100人", "未发生", jixiao.StatusUndetermined, "", ""},
	})
}

// Periods as targets judge as timeliness; ages read in 岁.
func TestPeriodsAndAges(t *testing.T) {
	runReal(t, []realCase{
		{"时效指标", "实施期限", "2021.1.1-12.31", "12月完成", jixiao.StatusMet, "deadline", ""},
		{"时效指标", "实施期限", "2021.1.1-12.31", "已按期完成", jixiao.StatusMet, "deadline", ""},
		{"时效指标", "实施期限", "2021年1月-12月", "2021年11月完成", jixiao.StatusMet, "deadline", ""},
		{"时效指标", "实施期限", "2021年1月1日至12月31日", "2022年3月完成", jixiao.StatusNotMet, "deadline", ""},
		{"时效指标", "实施期限", "全年", "12月完成", jixiao.StatusMet, "deadline", ""},
		{"时效指标", "实施期限", "全年", "已按期完成", jixiao.StatusMet, "deadline", ""},
		{"质量指标", "补助对象年龄", "年满60周岁", "60周岁", jixiao.StatusMet, "≥", ""},
		{"质量指标", "补助对象年龄", "16-60岁", "45岁", jixiao.StatusMet, "range", ""},
		{"质量指标", "补助对象年龄", "16-60周岁", "65周岁", jixiao.StatusNotMet, "range", ""},
	})
}

// Dashes where the target goes, targets that only say 长期, and forms in
// traditional characters.
func TestDashesOngoingTraditional(t *testing.T) {
	runReal(t, []realCase{
		{"项目目标", "完整性", "一", "目标明确、内容细化、目标量化", jixiao.StatusQualitative, "", ""},
		{"项目实施", "绩效监控有效性", "—", "持续有效", jixiao.StatusQualitative, "", ""},
		{"投入管理", "预算执行率", "一", "100%", jixiao.StatusUndetermined, "", "指标值为空"},
		{"质量指标", "合格率", "", "合格", jixiao.StatusUndetermined, "", "指标值为空"},
		{"可持续影响指标", "工程持续发挥效益", "长期", "持续运行，效果良好", jixiao.StatusQualitative, "", ""},
		{"可持续影响指标", "工程持续发挥效益", "长期", "持续运行，效果良好，90%", jixiao.StatusMet, "band", ""},
		{"可持续影响指标", "设施长期使用", "长期", "已按期完成", jixiao.StatusMet, "", ""},
		{"数量指标", "培訓人數", "不少於500人次", "培訓520人次", jixiao.StatusMet, "≥", ""},
		{"成本指标", "補助經費", "≤7.29萬元", "72890元", jixiao.StatusMet, "≤", ""},
	})
}
