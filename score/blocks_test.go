package score_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/score"
)

// scoredWith is the scored variant (all declared scores right, 分值 20 + 10
// + 20 under 产出, 30 under 效益, 10 under 满意度) with labels rewritten.
func scoredWith(t *testing.T, oldNew ...string) *jixiao.Form {
	t.Helper()
	text := strings.NewReplacer("{exec}", "7.75", "{row2}", "9.5", "{w5}", "10", "{s5}", "10", "{total}", "94.25", "{grade}", "优").Replace(scored)
	for i := 0; i+1 < len(oldNew); i += 2 {
		if !strings.Contains(text, oldNew[i]) {
			t.Fatalf("%q not in the scored variant", oldNew[i])
		}
		text = strings.Replace(text, oldNew[i], oldNew[i+1], 1)
	}
	return readText(t, text)
}

func blockFindings(r score.Result) []jixiao.Finding {
	var out []jixiao.Finding
	for _, f := range r.Findings {
		if f.Rule == score.RuleBlockWeight {
			out = append(out, f)
		}
	}
	return out
}

func TestBlockWeights(t *testing.T) {
	type want struct {
		indicator int
		sev       jixiao.Severity
		has       []string
	}
	tests := []struct {
		name   string
		oldNew []string
		want   []want
	}{
		{"weights in the labels agree", []string{
			"产出指标\t数量指标", "产出指标(50分)\t数量指标",
			"效益指标\t社会效益指标", "效益指标（30分）\t社会效益指标",
			"满意度指标\t服务对象", "满意度指标(10分)\t服务对象"}, nil},
		{"numbered, full-width, 权重, line text", []string{
			"产出指标\t数量指标", "一、产出指标（权重50%）\t数量指标",
			"效益指标\t社会效益指标", "二、效益指标 30分\t社会效益指标",
			"满意度指标\t服务对象", "三、满意度指标（10）\t服务对象"}, nil},
		{"level-2 weights agree", []string{
			"\t数量指标\t资助企业数量", "\t数量指标（20分）\t资助企业数量",
			"\t时效指标\t", "\t时效指标(10分)\t"}, nil},
		{"the weighted label written once, the plain one repeated", []string{
			"产出指标\t数量指标", "产出指标(50分)\t数量指标",
			"\t时效指标\t", "产出指标\t时效指标\t",
			"\t成本指标\t", "产出指标\t成本指标\t"}, nil},
		{"a level-1 weight that is not its rows' sum", []string{
			"产出指标\t数量指标", "产出指标(40分)\t数量指标"},
			[]want{{0, jixiao.SeverityError, []string{"“产出指标(40分)”写明 40 分", "3 个三级指标的分值合计为 50", "相差 10"}}}},
		{"a level-2 weight that is not its rows' sum", []string{
			"\t成本指标\t", "\t成本指标（15分）\t"},
			[]want{{2, jixiao.SeverityError, []string{"二级指标“成本指标（15分）”写明 15 分", "分值合计为 20"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoreOf(scoredWith(t, tt.oldNew...), nil)
			near(t, "total", r.Total, "94.25") // the labels' weights never change the score
			got := blockFindings(r)
			if len(got) != len(tt.want) {
				t.Fatalf("block findings = %+v, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Indicator != w.indicator || g.Severity != w.sev || g.Field != "level" || g.Section != jixiao.SectionIndicators {
					t.Errorf("finding %+v, want %+v", g, w)
				}
				for _, s := range w.has {
					if !strings.Contains(g.Message, s) {
						t.Errorf("message %q lacks %q", g.Message, s)
					}
				}
			}
			if len(tt.want) == 0 && len(r.Findings) != 0 {
				t.Errorf("findings = %+v", r.Findings)
			}
		})
	}
}

// The real case: 产出指标(40分) over six rows of 8 = 48.
func TestBlockWeightSixRowsOfEight(t *testing.T) {
	var b strings.Builder
	b.WriteString("项目名称\t某县农业生产发展项目\n" +
		"项目资金（万元）\t\t全年预算数\t全年执行数\t分值\t执行率\t得分\n" +
		"\t年度资金总额\t100\t100\t10\t100%\t10\n" +
		"一级指标\t二级指标\t三级指标\t指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n")
	names := []string{"新建高标准农田", "改造中低产田", "新建机耕路", "新建灌溉渠道", "培训农民", "推广新品种"}
	for i, n := range names {
		l1, l2 := "", ""
		if i == 0 {
			l1, l2 = "产出指标(40分)", "数量指标"
		}
		b.WriteString(l1 + "\t" + l2 + "\t" + n + "\t≥10个\t10个\t8\t8\t\n")
	}
	b.WriteString("效益指标(40分)\t经济效益指标\t亩均增收\t≥100元\t120元\t40\t40\t\n" +
		"满意度指标(10分)\t服务对象满意度指标\t农户满意度\t≥90%\t95%\t10\t10\t\n")
	f := readText(t, b.String())
	r := scoreOf(f, nil)
	got := blockFindings(r)
	if len(got) != 1 || got[0].Indicator != 0 || !strings.Contains(got[0].Message, "6 个三级指标的分值合计为 48") || got[0].At != "产出指标(40分)" {
		t.Fatalf("block findings = %+v", got)
	}
}

// Without a 分值 column the form is scored with the scheme's points: a
// level-1 weight the scheme does not share is a warning.
func TestBlockWeightAgainstScheme(t *testing.T) {
	ref := reftest.Text(t)
	for _, tt := range []struct {
		label string
		warn  bool
	}{
		{"产出指标(50分)", false},
		{"产出指标（40分）", true},
		{"一、产出指标 40分", true},
	} {
		f := readText(t, reftest.Replace(t, ref, "\t产出指标\n", "\t"+tt.label+"\n", 1))
		r := scoreOf(f, builtin(t, "mof-2020"))
		near(t, tt.label+" total", r.Total, "72.23")
		got := blockFindings(r)
		if (len(got) == 1) != tt.warn || (tt.warn && (got[0].Severity != jixiao.SeverityWarning || !strings.Contains(got[0].Message, "规定产出指标为 50 分"))) {
			t.Errorf("%s: block findings = %+v", tt.label, got)
		}
	}
}
