package score_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/score"
)

// A 财预〔2020〕10号 project evaluation (决策/过程/产出/效益, 满意度 under 效益)
// scored with its 分值 under a scheme that has those groups: no weights or
// label findings, and each row in its group.
func TestProjectEvaluationScheme(t *testing.T) {
	s := mustParse(t, `{"name": "project-2020", "execution_points": 0,
		"groups": [{"level1": "决策", "points": 20}, {"level1": "过程", "points": 20}, {"level1": "产出", "points": 30}, {"level1": "效益", "points": 30}],
		"grades": [{"grade": "优", "min": 90}, {"grade": "良", "min": 80}, {"grade": "中", "min": 60}, {"grade": "差", "min": 0}]}`)
	text := "项目名称\t某县义务教育薄弱环节改善项目\n" +
		"项目资金（万元）\t\t全年预算数\t全年执行数\t执行率\n" +
		"\t年度资金总额\t100\t100\t100%\n" +
		"一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n" +
		"决策（20分）\t项目立项\t立项依据充分性\t充分\t充分，90%\t10\t9\t\n" +
		"\t资金投入\t资金分配合理性\t合理\t合理，100%\t10\t10\t\n" +
		"过程（20分）\t资金管理\t资金到位率\t100%\t100%\t10\t10\t\n" +
		"\t组织实施\t制度执行有效性\t有效\t有效，100%\t10\t10\t\n" +
		"产出（30分）\t产出数量\t改造校舍面积\t≥1200平方米\t1250平方米\t15\t15\t\n" +
		"\t产出成本\t每平方米改造成本\t≤2000元\t1900元\t15\t15\t\n" +
		"效益（30分）\t项目效益\t办学条件改善\t明显改善\t明显改善，90%\t20\t18\t\n" +
		"\t满意度\t师生满意度\t≥90%\t95%\t10\t10\t\n" +
		"总分\t\t\t\t\t100\t97\t\n"
	f := readText(t, text)
	r := scoreOf(f, s)
	if r.WeightsFrom != "form" {
		t.Fatalf("weights from %s", r.WeightsFrom)
	}
	want := []string{"决策指标", "决策指标", "过程指标", "过程指标", "产出指标", "产出指标", "效益指标", "效益指标"}
	for i, is := range r.Indicators {
		if i < len(want) && is.Group != want[i] {
			t.Errorf("row %d group %q, want %q", i, is.Group, want[i])
		}
	}
	if len(r.Findings) != 0 {
		t.Errorf("findings = %+v", r.Findings)
	}
	near(t, "total", r.Total, "97")
}

// Under mof-2020 (no 决策/过程 groups) such rows are outside the scheme: the
// warning asks for a scheme with the group, not for other labels.
func TestProjectEvaluationUnderMOF2020(t *testing.T) {
	f := small("100", "100", row{"数量指标", "≥1家", "1家", "已完成"})
	f.Indicators = append(f.Indicators, jixiao.Indicator{Level1: "决策（20分）", Level2: "项目立项", Name: "立项依据充分性", Target: "充分", Actual: "充分，90%", Reason: "已完成"})
	r := scoreOf(f, nil)
	var msgs []string
	for _, fd := range r.Findings {
		if fd.Rule == score.RuleWeights {
			msgs = append(msgs, fd.Message)
		}
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "请选用含“决策指标”分组的评分方案") {
		t.Errorf("score-weights = %q", msgs)
	}
}
