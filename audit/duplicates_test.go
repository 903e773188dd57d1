package audit_test

import (
	"fmt"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"slices"
	"testing"

	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/judge"
)

func TestDuplicates(t *testing.T) {
	tests := []struct {
		name string
		rows []string
		dup  []string // names of the rows hinted (the later of each pair)
	}{
		// the reference form's duplicate: a distinctive quantity, names unlike
		{"reference: 9000件/11473件 in quality and social effect", []string{
			"产出指标|质量指标|发明专利授权量|不少于9000件|2020年，全区发明专利授权量为11473件。",
			"效益指标|社会效益指标|促进专利申请及专利质量提升|发明专利授权量9000件|2020年，全区发明专利授权量为11473件。"},
			[]string{"促进专利申请及专利质量提升"}},
		{"distinctive money in two cost rows", []string{
			"产出指标|成本指标|设备购置|591.764万|591.764万", "|成本指标|专家评审|591.764万|591.764万"},
			[]string{"专家评审"}},
		{"same name and quantity, common value", []string{
			"产出指标|数量指标|培训班次|5期|5期", "效益指标|社会效益指标|培训班次|5期|5期"},
			[]string{"培训班次"}},
		{"one name contains the other", []string{
			"产出指标|数量指标|发明专利授权量|20件|20件", "效益指标|社会效益指标|全区发明专利授权量|20件|20件"},
			[]string{"全区发明专利授权量"}},
		{"names sharing most bigrams", []string{
			"产出指标|数量指标|发明专利授权量|20件|20件", "效益指标|社会效益指标|发明专利授权数量|20件|20件"},
			[]string{"发明专利授权数量"}},
		{"two distinctive values (target ≠ actual)", []string{
			"产出指标|数量指标|资助企业|不少于80家|151家", "效益指标|可持续影响指标|带动企业贯标|累计达到80家|累计151家"},
			[]string{"带动企业贯标"}},

		// common values shared by unrelated rows: no hint
		{"bare 100 and 100", []string{
			"产出指标|数量指标|新建档案|100|100", "|质量指标|档案合格|100|100"}, nil},
		{"bare 20 and 20, similar names", []string{
			"产出指标|数量指标|资金到位率|20|20", "|数量指标|资金到位及时率|20|20"}, nil},
		{"5组 and 5组, unlike names", []string{
			"产出指标|数量指标|组建服务队|5组|5组", "|质量指标|开展巡回指导|5组|5组"}, nil},
		{"round values with a unit", []string{
			"产出指标|数量指标|培训农民|不少于1000人|1000人", "效益指标|社会效益指标|带动就业|1000人|1000人",
			"产出指标|成本指标|设备购置|200万|200万", "|成本指标|人员培训|200万|200万",
			"产出指标|数量指标|新建基地|10个|10个", "|质量指标|验收合格基地数量|1个|1个", "|时效指标|改造大棚|150个|150个",
			"效益指标|经济效益指标|增收户数|150个|150个"}, nil},
		{"related names but different measures (Dice below ¾)", []string{
			"效益指标|社会效益指标|新增就业人数|20人|20人", "|社会效益指标|带动就业人数|20人|20人"}, nil},
		{"the same rate under the same name in two places", []string{
			"产出指标|质量指标|培训合格率|≥95%|97%", "效益指标|社会效益指标|培训合格率|≥95%|97%"},
			[]string{"培训合格率"}},
		{"percentages", []string{
			"满意度指标|服务对象满意度指标|企业满意度|98.5%|98.5%", "|服务对象满意度指标|群众满意度|98.5%|98.5%"}, nil},
		{"deadlines", []string{
			"产出指标|时效指标|资金拨付|12月底前完成|12月份完成", "|时效指标|项目验收|12月底前完成|12月份完成"}, nil},

		// sub-rows and weights
		{"其中 sub-row right after its parent", []string{
			"产出指标|数量指标|培训人数|1234人|1234人", "|数量指标|其中：贫困户培训人数|1234人|1234人"}, nil},
		{"含 sub-rows after siblings", []string{
			"产出指标|数量指标|培训人数|1234人|1234人", "|数量指标|含线上|0人|0人", "|数量指标|含线下培训人数|1234人|1234人"}, nil},
		{"parts that add up to the parent", []string{
			"产出指标|数量指标|补贴面积|1234亩|1234亩", "|数量指标|小麦|1234亩|1234亩", "|数量指标|玉米|0亩|0亩"}, nil},
		{"a sub-row elsewhere still counts", []string{
			"产出指标|数量指标|培训人数|1234人|1234人", "|数量指标|其中：贫困户|1234人|1234人",
			"效益指标|社会效益指标|受益群众|1234人|1234人"},
			[]string{"受益群众"}},
		{"cells that hold the 分值/得分", []string{
			"决策|项目立项|立项依据充分性|3分|3分|3|3", "|项目立项|立项依据的充分性|3分|3分|3|3"}, nil},
		{"scored rows with values still compared", []string{
			"产出指标|数量指标|发明专利授权量|9000件|11473件|10|10", "效益指标|社会效益指标|专利质量提升|9000件|11473件|10|10"},
			[]string{"专利质量提升"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ruleAt(rows(tt.rows...), audit.RuleDuplicate)
			if !slices.Equal(got, tt.dup) {
				t.Errorf("duplicate-indicator at %v, want %v", got, tt.dup)
			}
		})
	}
}

// Results out of step with the form (fewer rows judged) do not panic.
func TestDuplicatesOutOfStep(t *testing.T) {
	f := rows("产出指标|质量指标|发明专利授权量|9000件|11473件", "效益指标|社会效益指标|专利质量|9000件|11473件")
	rs := judge.Form(f)
	f.Indicators = f.Indicators[:1]
	if n := len(audit.Run(f, rs, audit.Defaults())); n == 0 {
		t.Error("no findings")
	}
}

// A form of a thousand rows with the same target and actual quantity and
// names that are alike in nothing (or long sentences) is audited in time
// linear in its rows: each row is compared with a bounded number of earlier
// ones, and names are folded once.
func TestDuplicatesLinear(t *testing.T) {
	for _, long := range []bool{false, true} {
		specs := make([]string, jixiao.MaxIndicators)
		for i := range specs {
			name := fmt.Sprintf("培训%c%c%c", rune(0x4e00+i), rune(0x5e00+i), rune(0x6e00+i))
			if long {
				name = strings.Repeat(name, 200)
			}
			specs[i] = "产出指标|数量指标|" + name + "|1件|1件"
		}
		f := rows(specs...)
		rs := judge.Form(f)
		start := time.Now()
		audit.Run(f, rs, audit.Defaults())
		if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
			t.Errorf("long names %v: audited in %v", long, d)
		}
	}
}
