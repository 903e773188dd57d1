package judge_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

func TestIndicator(t *testing.T) {
	tests := []struct {
		level2, target, actual string
		status                 jixiao.Status
		completion             string // "" for none
		comparator             string
	}{
		// quantities: stated comparators and category defaults
		{"数量指标", "不少于7000件", "专利资助奖励共完成6747件。", jixiao.StatusNotMet, "0.9639", "≥"},
		{"数量指标", "不少于10家", "专利技术产业化项目资助10家。", jixiao.StatusMet, "1", "≥"},
		{"质量指标", "不少于9000件", "2020年，全区发明专利授权量为11473件。", jixiao.StatusMet, "1.2748", "≥"},
		{"社会效益指标", "发明专利授权量9000件", "2020年，全区发明专利授权量为11473件。", jixiao.StatusMet, "1.2748", "≥"},
		{"数量指标", "不少于18家", "认定8家、支持6家、资助5家，共19家。", jixiao.StatusMet, "1.0556", "≥"},
		{"质量指标", "累计达到80家", "贯标达标企业累计151家。", jixiao.StatusMet, "1.8875", "≥"},
		{"质量指标", "不少于1.8亿元", "通过知识产权质押贷款1.8亿元。", jixiao.StatusMet, "1", "≥"},
		{"生态效益指标", "专利技术产业化收入5亿元", "专利技术产业化收入5亿元以上，项目支持新能源。", jixiao.StatusMet, "1", "≥"},
		{"数量指标", "≧50个", "50", jixiao.StatusMet, "1", "≥"},
		{"数量指标", "≥266米", "≥266米", jixiao.StatusMet, "1", "≥"},
		{"数量指标", "大于10家", "10家", jixiao.StatusNotMet, "1", ">"},
		{"数量指标", "两千件", "完成2100件", jixiao.StatusMet, "1.05", "≥"},
		{"数量指标", "为10场", "举办12场", jixiao.StatusMet, "1.2", "≥"},
		// costs: a plain amount is a cap; 万 means 万元; 元 and 万元 convert
		{"成本指标", "550万", "591.764万", jixiao.StatusNotMet, "0.9294", "≤"},
		{"成本指标", "200万", "200万", jixiao.StatusMet, "1", "≤"},
		{"成本指标", "7.29万元", "72890元", jixiao.StatusMet, "1.0001", "≤"},
		{"成本指标", "控制在100万元以内", "98万元", jixiao.StatusMet, "1.0204", "≤"},
		{"成本指标", "≤1600元/亩", "1500元/亩", jixiao.StatusMet, "1.0667", "≤"},
		{"成本指标", "70万、95万、35万", "49万、17万、22.436万", jixiao.StatusMet, "1.4286", "composite"},
		// rates
		{"服务对象满意度指标", "100%", "100%", jixiao.StatusMet, "1", "≥"},
		{"服务对象满意度指标", "≥90%", "88.5%", jixiao.StatusNotMet, "0.9833", "≥"},
		{"服务对象满意度指标", "﹦100%", "95%", jixiao.StatusNotMet, "0.95", "≥"},
		{"质量指标", "百分之九十", "92%", jixiao.StatusMet, "1.0222", "≥"},
		{"质量指标", "80%-90%", "85%", jixiao.StatusMet, "1.0625", "range"},
		{"质量指标", "80%-90%", "95%", jixiao.StatusNotMet, "1.1875", "range"},
		// deadlines
		{"时效指标", "12月底前完成", "12月份完成", jixiao.StatusMet, "", "deadline"},
		{"时效指标", "9月前", "2021年1月完成", jixiao.StatusNotMet, "", "deadline"},
		{"时效指标", "2020年12月31日前", "2020年11月30日完成", jixiao.StatusMet, "", "deadline"},
		{"时效指标", "第三季度", "10月完成", jixiao.StatusNotMet, "", "deadline"},
		{"时效指标", "12月底前完成", "已按时完成", jixiao.StatusMet, "", "deadline"},
		{"时效指标", "12月底前完成", "因疫情延期", jixiao.StatusNotMet, "", "deadline"},
		{"时效指标", "12月底前完成、12月底前完成", "12月份完成、2021年2月完成", jixiao.StatusNotMet, "", "composite"},
		// composites matched by unit, in order
		{"质量指标", "不少于5项、不少于8家、不少于100件", "开展分析5项，认定机构8家，解答咨询200余件，调解案件5件。", jixiao.StatusMet, "1", "composite"},
		{"质量指标", "不少于5项、不少于8家", "开展分析4项，认定机构8家", jixiao.StatusNotMet, "0.8", "composite"},
		// qualitative: by band when there is one
		{"经济效益指标", "盘活知识产权资源，实现经济价值", "促进了区内知识产权金融水平稳步提高。", jixiao.StatusQualitative, "", ""},
		{"经济效益指标", "盘活知识产权资源，实现经济价值", "成效明显，90%", jixiao.StatusMet, "0.9", "band"},
		{"经济效益指标", "盘活知识产权资源", "部分达成，70%", jixiao.StatusNotMet, "0.7", "band"},
		{"经济效益指标", "盘活知识产权资源", "效果差，40%", jixiao.StatusNotMet, "0.4", "band"},
		// unreadable
		{"数量指标", "", "10家", jixiao.StatusUndetermined, "", ""},
		{"数量指标", "不少于10家", "", jixiao.StatusUndetermined, "", ""},
		{"数量指标", "≥50个", "无", jixiao.StatusNotMet, "0", ""},
		{"时效指标", "12月底前完成", "无", jixiao.StatusNotMet, "", ""},
		{"数量指标", "不少于10家", "/", jixiao.StatusUndetermined, "", ""},
		{"数量指标", "不少于10家", "已完成资助工作", jixiao.StatusUndetermined, "", ""},
		{"数量指标", "不少于10家", "资助10件", jixiao.StatusUndetermined, "", ""},
	}
	for _, tt := range tests {
		in := &jixiao.Indicator{Level1: "产出指标", Level2: tt.level2, Name: "x", Target: tt.target, Actual: tt.actual, Reason: "已完成"}
		r := judge.Indicator(in, 0, 2020)
		completion := ""
		if r.Completion != nil {
			completion = r.Completion.String()
		}
		if r.Status != tt.status || completion != tt.completion || r.Comparator != tt.comparator {
			t.Errorf("%s %q / %q = %s %q %q (%s), want %s %q %q", tt.level2, tt.target, tt.actual,
				r.Status, completion, r.Comparator, r.Explanation, tt.status, tt.completion, tt.comparator)
		}
		if r.Explanation == "" {
			t.Errorf("%q / %q: no explanation", tt.target, tt.actual)
		}
	}
}

func TestDeclaredDone(t *testing.T) {
	for reason, want := range map[string]bool{
		"已完成": true, "已完成。": true, "完成": true, "已达成": true, "": false, "无": false,
		"由于专利资助和奖励项目属于普惠制政策": false, "未完成": false,
		// clerks' spellings
		"已完成；": true, "已完成，": true, "　已完成　": true, "已 完 成": true, "已完成\n": true, "\u200b已完成": true,
		"已達成": true, "已達到": true, "✓": true, "√": true, "已达标": true, "按期完成": true,
		"未完成。": false, "尚未完成": false, "基本完成": false, "部分完成；": false, "已完成90%": false, "×": false,
	} {
		if got := judge.DeclaredDone(reason); got != want {
			t.Errorf("DeclaredDone(%q) = %v", reason, got)
		}
	}
}

func TestReasonBlank(t *testing.T) {
	for reason, want := range map[string]bool{
		"": true, "无": true, "无。": true, "/": true, "／": true, "—": true, "——": true, "-": true, "－": true,
		"　": true, "\u200b": true, " / ": true, "暂无": true, "\\": true,
		"已完成": false, "受疫情影响推迟": false, "无法按期完成，已督促": false, "无资金到位": false,
	} {
		if got := judge.ReasonBlank(reason); got != want {
			t.Errorf("ReasonBlank(%q) = %v", reason, got)
		}
	}
}
