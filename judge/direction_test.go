package judge_test

import (
	"os"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

// Direction from meaning: rates and counts of bad things are lower-is-better
// unless the name is about handling or reducing them.
func TestDirectionFromMeaning(t *testing.T) {
	runReal(t, []realCase{
		// the examples of issue 8
		{"生态效益指标", "森林火灾受害率", "0.9‰", "0", jixiao.StatusMet, "≤", ""},
		{"生态效益指标", "森林火灾受害率", "0.9‰", "0.3‰", jixiao.StatusMet, "≤", ""},
		{"生态效益指标", "森林火灾受害率", "0.9‰", "1.2‰", jixiao.StatusNotMet, "≤", ""},
		{"生态效益指标", "林业有害生物成灾率", "0.4", "0.1", jixiao.StatusMet, "≤", ""},
		{"生态效益指标", "林业有害生物成灾率（‰）", "4.5", "3.2", jixiao.StatusMet, "≤", ""},
		{"质量指标", "安全事故发生率", "2%", "0.5%", jixiao.StatusMet, "≤", ""},
		{"质量指标", "安全事故", "0起", "0起", jixiao.StatusMet, "≤", ""},
		{"质量指标", "安全事故", "0起", "1起", jixiao.StatusNotMet, "≤", ""},
		{"社会效益指标", "投诉率", "≤1%", "0.2%", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "投诉率", "1%", "0.2%", jixiao.StatusMet, "≤", ""},
		{"服务对象满意度指标", "投诉处理率", "100%", "98%", jixiao.StatusNotMet, "≥", ""},
		// more of the family
		{"质量指标", "重大安全事故起数", "0", "0", jixiao.StatusMet, "≤", ""},
		{"质量指标", "工程返工率", "5%", "2%", jixiao.StatusMet, "≤", ""},
		{"质量指标", "产品不合格率", "3%", "1%", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "义务教育辍学率", "0.5%", "0.1%", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "贫困人口返贫率", "1%", "0", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "保障房空置率", "5%", "8%", jixiao.StatusNotMet, "≤", ""},
		{"经济效益指标", "经济损失金额（万元）", "50万元", "30万元", jixiao.StatusMet, "≤", ""},
		{"质量指标", "数据漏报率", "1%", "0", jixiao.StatusMet, "≤", ""},
		{"质量指标", "资金拨付逾期", "0笔", "0笔", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "拖欠农民工工资", "0元", "0元", jixiao.StatusMet, "≤", ""},
		{"质量指标", "发放差错", "0", "0", jixiao.StatusMet, "≤", ""},
		{"质量指标", "违规使用资金金额", "0万元", "0万元", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "婴儿死亡率", "5‰", "4.2‰", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "医疗纠纷投诉", "5件", "3件", jixiao.StatusMet, "≤", ""},
		{"生态效益指标", "林业有害生物发生面积", "10万亩", "8万亩", jixiao.StatusMet, "≤", ""},
		{"生态效益指标", "新增水土流失面积", "50公顷", "60公顷", jixiao.StatusNotMet, "≤", ""},
		{"经济效益指标", "亩均种植成本", "500元/亩", "450元/亩", jixiao.StatusMet, "≤", ""},
		{"质量指标", "单位面积造价", "300元/平方米", "320元/平方米", jixiao.StatusNotMet, "≤", ""},
		{"服务对象满意度指标", "群众办事等待时间", "30分钟", "20分钟", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "不良贷款率", "2%", "1.5%", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "黑臭水体", "0个", "0个", jixiao.StatusMet, "≤", ""},
		// handling bad things is higher-is-better
		{"经济效益指标", "生产成本降低", "10%", "12%", jixiao.StatusMet, "≥", ""},
		{"经济效益指标", "成本收益率", "10%", "12%", jixiao.StatusMet, "≥", ""},
		{"经济效益指标", "成本节约率", "5%", "6%", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "黑臭水体消除比例", "90%", "95%", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "病虫害防治率", "90%", "92%", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "水土流失治理面积", "50公顷", "60公顷", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "知识产权侵权案件办结率", "95%", "96%", jixiao.StatusMet, "≥", ""},
		{"质量指标", "安全事故处理率", "100%", "98%", jixiao.StatusNotMet, "≥", ""},
		{"服务对象满意度指标", "投诉办结率", "100%", "100%", jixiao.StatusMet, "≥", ""},
		{"服务对象满意度指标", "投诉处理满意度", "90%", "95%", jixiao.StatusMet, "≥", ""},
		{"质量指标", "违规查处率", "100%", "95%", jixiao.StatusNotMet, "≥", ""},
		{"质量指标", "安全隐患整改率", "100%", "100%", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "挽回经济损失", "100万元", "120万元", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "查处违法案件数", "10件", "12件", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "事故发生率下降", "5个百分点", "6个百分点", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "空置率", "下降5个百分点", "下降6个百分点", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "火灾扑救成功率", "95%", "97%", jixiao.StatusMet, "≥", ""},
		{"质量指标", "产品抽检合格率", "95%", "97%", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "违法建设拆除面积", "1万平方米", "1.2万平方米", jixiao.StatusMet, "≥", ""},
		{"经济效益指标", "逾期贷款清收金额", "100万元", "120万元", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "辍学学生劝返率", "100%", "100%", jixiao.StatusMet, "≥", ""},
		{"社会效益指标", "城镇登记失业率", "4.5%", "3.9%", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "失业人员再就业人数", "500人", "600人", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "主要污染物减排量", "100吨", "120吨", jixiao.StatusMet, "≥", ""},
		{"生态效益指标", "二氧化硫排放量", "100吨", "80吨", jixiao.StatusMet, "≤", ""},
		{"社会效益指标", "闲置资产盘活率", "80%", "85%", jixiao.StatusMet, "≥", ""},
		// words only inside: not at the head, so not a direction
		{"质量指标", "事故救援到达率", "95%", "97%", jixiao.StatusMet, "≥", ""},
		// the target's words when the name says nothing
		{"质量指标", "安全生产", "安全事故0起", "0起", jixiao.StatusMet, "≤", ""},
		// written comparators always win
		{"质量指标", "安全事故发生率", "不低于2%", "1%", jixiao.StatusNotMet, "≥", ""},
		{"成本指标", "项目成本", "不少于100万元", "120万元", jixiao.StatusMet, "≥", ""},
		// category and default stay as before
		{"成本指标", "专利资助奖励", "550万", "591.764万", jixiao.StatusNotMet, "≤", ""},
		{"数量指标", "专利资助奖励", "7000件", "6747件", jixiao.StatusNotMet, "≥", ""},
	})
}

func TestDirectionReason(t *testing.T) {
	for _, c := range []struct{ level2, name, target, want string }{
		{"生态效益指标", "森林火灾受害率", "0.9‰", "指标名称含“受害率”，越低越好（≤）"},
		{"质量指标", "安全事故", "0起", "指标名称含“事故”，越低越好（≤）"},
		{"服务对象满意度指标", "投诉处理率", "100%", "指标含“投诉”，但“处理率”表明越高越好（≥）"},
		{"质量指标", "合格率", "≥95%", "指标值写明比较方式（≥）"},
		{"成本指标", "专利资助奖励", "550万", "成本指标，默认不超过目标（≤）"},
		{"数量指标", "专利资助", "7000件", "默认越高越好（≥）"},
		{"质量指标", "安全生产", "安全事故0起", "指标值含“事故”，越低越好（≤）"},
		{"时效指标", "完成时间", "12月底前完成", "指标值为期限，实际不晚于期限为达成"},
		{"质量指标", "年龄", "16-60岁", "指标值为区间，实际值在区间内为达成"},
		{"成本指标", "分项支出", "70万、95万", "未写比较方式的分项：成本指标，默认不超过目标（≤）"},
	} {
		in := &jixiao.Indicator{Level1: "产出指标", Level2: c.level2, Name: c.name, Target: c.target, Actual: "1"}
		r := judge.Indicator(in, 0, 2021)
		if r.DirectionReason != c.want {
			t.Errorf("%s %s: %q, want %q", c.name, c.target, r.DirectionReason, c.want)
		}
	}
}

// The configuration extends the lexicon and can withdraw a default word.
func TestDirectionsConfig(t *testing.T) {
	d := judge.NewDirections([]string{"病虫害"}, []string{"信访", "调查率"})
	cases := []struct {
		name string
		want phrase.Comparator
		why  string
	}{
		{"小麦病虫害", phrase.LE, "病虫害"},
		{"病虫害调查率", phrase.GE, "调查率"},
		{"信访件数", phrase.GE, "默认"},
		{"安全事故", phrase.LE, "事故"},
	}
	for _, c := range cases {
		got := d.Of(c.name, phrase.Parse("10"), jixiao.CategoryQuality)
		if got.Comparator != c.want || !strings.Contains(got.Reason, c.why) {
			t.Errorf("%s: %s %s, want %s (%s)", c.name, got.Comparator, got.Reason, c.want, c.why)
		}
	}
	if judge.NewDirections(nil, nil) != judge.DefaultDirections() {
		t.Error("an empty configuration should use the built-in lexicon")
	}
	// the built-in lexicon is unchanged by a configuration
	if got := judge.DefaultDirections().Of("信访件数", phrase.Parse("10"), jixiao.CategoryQuality); got.Comparator != phrase.LE {
		t.Errorf("default 信访件数: %s", got.Comparator)
	}
}

// docs/directions.md lists every built-in word.
func TestDirectionsDocumented(t *testing.T) {
	data, err := os.ReadFile("../docs/directions.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, list := range [][]string{judge.LowerIsBetter, judge.LowerIsBetterVerbs, judge.HigherIsBetter} {
		for _, w := range list {
			if !strings.Contains(doc, " "+w+" ") && !strings.Contains(doc, " "+w+".") && !strings.Contains(doc, " "+w+",") &&
				!strings.Contains(doc, "\n"+w+" ") {
				t.Errorf("docs/directions.md does not list %q", w)
			}
		}
	}
}
