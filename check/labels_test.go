package check_test

import (
	"slices"
	"strconv"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
)

// byIndex lists findings as "rule#indicator" in order: independent of the
// labels as written, which the locations repeat.
func byIndex(fs []jixiao.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule + "#" + strconv.Itoa(f.Indicator)
	}
	return out
}

// The reference form with its level-1 and level-2 labels written as real
// forms write them: exactly the same findings and judgements.
func TestLabelsAsWritten(t *testing.T) {
	ref := reftest.Text(t)
	base := run(t, ref)
	tests := []struct {
		name   string
		oldNew []string
	}{
		{"weights in the level-1 labels", []string{
			"\t产出指标\n", "\t产出指标(50分)\n", "\t效益指标\n", "\t效益指标（30）\n", "\t满意度\n", "\t满意度指标(10分)\n"}},
		{"numbering, weights after the name, 权重", []string{
			"\t产出指标\n", "\t一、产出指标 50分\n", "\t效益指标\n", "\t二、效益指标（权重30%）\n", "\t满意度\n", "\t三、满意度\n"}},
		{"numbered level 2, marks, line breaks", []string{
			"\t数量指标\n", "\t（一）数量指标★\n", "\t经济效益指标\n", "\t经济效益\n指标\n", "\t服务对象满意度指标\n", "\t1.服务对象\n满意度指标\n"}},
		{"older standard names", []string{
			"\t产出指标\n", "\t项目完成指标\n", "\t数量指标\n", "\t产出数量\n", "\t质量指标\n", "\t产出质量\n",
			"\t时效指标\n", "\t产出时效\n", "\t成本指标\n", "\t产出成本\n", "\t效益指标\n", "\t项目效益指标\n",
			"\t社会效益指标\n", "\t社会效益\n", "\t服务对象满意度指标\n", "\t服务对象满意度\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := ref
			for i := 0; i+1 < len(tt.oldNew); i += 2 {
				text = reftest.Replace(t, text, tt.oldNew[i], tt.oldNew[i+1], 1)
			}
			r := run(t, text)
			if got, want := byIndex(r.Findings), byIndex(base.Findings); !slices.Equal(got, want) {
				t.Errorf("findings\n got  %v\n want %v", got, want)
			}
			for i := range r.Indicators {
				g, w := r.Indicators[i], base.Indicators[i]
				if g.Status != w.Status || g.Comparator != w.Comparator {
					t.Errorf("indicator %d: %s %s, want %s %s", i, g.Status, g.Comparator, w.Status, w.Comparator)
				}
			}
		})
	}
}
