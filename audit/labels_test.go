package audit_test

import (
	"slices"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/judge"
)

// rows makes a form of indicator rows, each "level1|level2|name|target|actual"
// (an empty level carries the one above down, as merged cells do), or
// "level1|level2|name|target|actual|分值|得分" for scored layouts.
func rows(lines ...string) *jixiao.Form {
	f := funds([3]string{"100", "100", "100%"})
	var l1, l2 string
	for _, l := range lines {
		c := strings.Split(l, "|")
		if c[0] != "" {
			if c[0] != l1 {
				l2 = ""
			}
			l1 = c[0]
		}
		if c[1] != "" {
			l2 = c[1]
		}
		in := jixiao.Indicator{Level1: l1, Level2: l2, Label: c[2], Name: c[2], Target: c[3], Actual: c[4], Reason: "已完成"}
		if len(c) > 6 {
			in.Weight, in.Score = c[5], c[6]
		}
		f.Indicators = append(f.Indicators, in)
	}
	return f
}

// ruleAt lists the findings of one rule as rule@name.
func ruleAt(f *jixiao.Form, rule string) []string {
	var out []string
	for _, fd := range audit.Run(f, judge.Form(f), audit.Defaults()) {
		if fd.Rule == rule {
			out = append(out, f.Indicators[fd.Indicator].Name)
		}
	}
	return out
}

func TestTaxonomyLabels(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		warn []string // names of the rows warned (once per distinct pair)
	}{
		{"standard names", []string{
			"产出指标|数量指标|a|10家|10家", "|质量指标|b|10家|10家", "|时效指标|c|12月底前|12月", "|成本指标|d|5万|5万",
			"效益指标|经济效益指标|e|1|1", "|社会效益指标|f|1|1", "|生态效益指标|g|1|1", "|可持续影响指标|h|1|1",
			"满意度指标|服务对象满意度指标|i|90%|95%"}, nil},
		{"weights in level-1 labels", []string{
			"产出指标(50分)|数量指标|a|10家|10家", "效益指标（30）|社会效益指标|b|1|1",
			"满意度指标(10分)|服务对象满意度指标|c|90%|95%"}, nil},
		{"weight after the name, 权重, full-width", []string{
			"产出指标 40分|数量指标|a|10家|10家", "效益指标（权重30%）|社会效益|b|1|1",
			"满意度指标（10分）|满意度|c|90%|95%"}, nil},
		{"numbering and marks", []string{
			"一、产出指标|1.数量指标|a|10家|10家", "|（二）质量指标★|b|1|1", "二、效益指标|1、社会效益指标|c|1|1",
			"（三）满意度指标|☆服务对象满意度|d|90%|95%"}, nil},
		{"line breaks and spaces inside labels", []string{
			"产出\n指标|数量 指标|a|10家|10家", "效益指标|经济效益\n指标|b|1|1", "满 意 度 指 标|服务对象\n满意度指标|c|90%|95%"}, nil},
		{"older standard names", []string{
			"项目完成指标|产出数量|a|10家|10家", "|产出质量|b|1|1", "|产出时效|c|12月底前|12月", "|产出成本|d|5万|5万",
			"项目效益指标|社会效益|e|1|1", "满意度|服务对象满意度|f|90%|95%"}, nil},
		{"satisfaction among the effects (older tables)", []string{
			"效益指标|社会效益指标|a|1|1", "|社会公众或服务对象满意度指标|b|90%|95%"}, nil},
		{"财预〔2020〕10号 project evaluation", []string{
			"决策|项目立项|立项依据充分性|充分|充分", "|绩效目标|绩效目标合理性|合理|合理", "|资金投入|预算编制科学性|科学|科学",
			"过程|资金管理|资金到位率|100%|100%", "|组织实施|管理制度健全性|健全|健全",
			"产出|产出数量|实际完成率|100%|100%", "效益|项目效益|实施效益|显著|显著", "|满意度|服务对象满意度|90%|95%"}, nil},
		{"项目决策/项目管理", []string{
			"项目决策（20分）|项目立项|a|充分|充分", "项目管理|组织实施|b|健全|健全", "项目过程|资金管理|c|100%|100%"}, nil},
		{"no level-2 column, merged satisfaction cell", []string{
			"产出指标||a|10家|10家", "满意度指标||b|90%|95%"}, nil},
		{"level 1 repeated in the level-2 column (merged across both)", []string{
			"产出指标|数量指标|a|10家|10家", "效益指标|效益指标|b|1|1", "满意度指标（10分）|满意度指标|c|90%|95%"}, nil},
		{"no tree at all", []string{"||a|10家|10家"}, nil},

		{"wrong branch: 满意度 under 产出", []string{
			"产出指标|数量指标|a|10家|10家", "|满意度指标|b|90%|95%"}, []string{"b"}},
		{"wrong branch with weights: 社会效益 under 产出(50分)", []string{
			"产出指标(50分)|社会效益指标|a|1|1"}, []string{"a"}},
		{"wrong branch: 数量 under 效益", []string{"效益指标|数量指标|a|10家|10家"}, []string{"a"}},
		{"wrong branch: 组织实施 under 决策", []string{"决策|组织实施|a|健全|健全"}, []string{"a"}},
		{"level 1 outside", []string{"其他指标|数量指标|a|10家|10家"}, []string{"a"}},
		{"level 1 outside, numbered and weighted", []string{"四、其他指标（10分）|其他|a|10家|10家"}, []string{"a"}},
		{"level 2 outside", []string{"产出指标|其他指标|a|10家|10家", "|数量指标|b|1|1"}, []string{"a"}},
		{"level 2 repeating another level 1", []string{"效益指标|产出指标|a|1|1"}, []string{"a"}},
		{"level 2 missing under an unknown level 1", []string{"其他||a|1|1"}, []string{"a"}},
		{"once per distinct pair", []string{"产出指标|其他指标|a|1|1", "||b|2|2", "效益指标|其他指标|c|1|1"}, []string{"a", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ruleAt(rows(tt.rows...), audit.RuleTaxonomy)
			if !slices.Equal(got, tt.warn) {
				t.Errorf("taxonomy at %v, want %v", got, tt.warn)
			}
		})
	}
}

// An older 产出成本 row is a cost row: a plain amount is a cap.
func TestOlderCostRowIsACap(t *testing.T) {
	f := rows("项目完成指标|产出成本|专项资金|550万|591.764万")
	r := judge.Form(f)[0]
	if r.Category != jixiao.CategoryCost || r.Status != jixiao.StatusNotMet {
		t.Errorf("产出成本 550万 vs 591.764万: category %q status %s (%s)", r.Category, r.Status, r.Explanation)
	}
}
