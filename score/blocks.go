package score

import (
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

// block is a run of consecutive rows under one level-1 group (or one level-1
// group and level-2 category) whose label declares a weight.
type block struct {
	label      string // the first label as written that declares the weight: 产出指标(40分)
	weight     decimal.Decimal
	level2     bool
	first, end int // rows [first, end)
}

// labelledBlocks lists the level-1 and level-2 blocks of the form whose
// label declares a weight (jixiao.LabelWeight), level 1 first, each in form
// order. Rows belong to one block while their normalised labels agree, so a
// form that writes 产出指标(50分) once and 产出指标 on the following rows has
// one block of all of them.
func labelledBlocks(ins []jixiao.Indicator) []block {
	k1, k2 := make([]string, len(ins)), make([]string, len(ins))
	for i := range ins {
		k1[i], _ = jixiao.NormalizeLevel1(ins[i].Level1)
		k2[i] = ins[i].Level2
		if c := jixiao.NormalizeLevel2(ins[i].Level2); c != jixiao.CategoryUnknown {
			k2[i] = string(c)
		}
	}
	var out []block
	for _, level2 := range []bool{false, true} {
		for i := 0; i < len(ins); {
			j := i + 1
			for j < len(ins) && k1[j] == k1[i] && (!level2 || k2[j] == k2[i]) {
				j++
			}
			for k := i; k < j; k++ {
				label := ins[k].Level1
				if level2 {
					label = ins[k].Level2
				}
				if w, ok := jixiao.LabelWeight(label); ok {
					out = append(out, block{label: label, weight: w, level2: level2, first: i, end: j})
					break
				}
			}
			i = j
		}
	}
	return out
}

// blockWeights checks the weights declared in level-1 and level-2 labels
// (产出指标(50分), 数量指标（20分）) like a 分值 column: with the form's 分值,
// a block's declared weight must equal the sum of its rows' 分值 (a form
// wrote 产出指标(40分) over six rows of 8 = 48); without them, a level-1
// block's declared weight is compared with the scheme's points for its
// group (the form is scored with the scheme's).
func (sc *scorer) blockWeights() {
	if sc.fallback { // the 分值 were unusable: already reported row by row
		return
	}
	ins := sc.f.Indicators
	for _, b := range labelledBlocks(ins) {
		declared := b.weight
		at := ins[b.first].Level1
		what := "一级指标"
		if b.level2 {
			at += "/" + ins[b.first].Level2
			what = "二级指标"
		}
		at = oneLine(at)
		name := "“" + oneLine(b.label) + "”"
		var msg string
		sev := jixiao.SeverityError
		if sc.formMode {
			sum := decimal.Zero
			for i := b.first; i < b.end; i++ {
				sum = sum.Add(sc.weights[i])
			}
			if sum.Equal(declared) {
				continue
			}
			msg = what + name + "写明 " + declared.String() + " 分，其下 " + itoa(b.end-b.first) + " 个三级指标的分值合计为 " + sum.String() +
				"（相差 " + sum.Sub(declared).Abs().String() + "）。请核对各指标分值或" + what + "的分值"
		} else {
			if b.level2 {
				continue
			}
			g := sc.groups[b.first]
			if g == "" {
				continue
			}
			p, _ := sc.s.group(g)
			if p.Equal(declared) {
				continue
			}
			sev = jixiao.SeverityWarning
			msg = what + name + "写明 " + declared.String() + " 分，评分方案“" + sc.s.Name + "”规定" + g + "为 " + p.String() +
				" 分，本表按方案的分值计分。如本地另有规定，请选用相应的评分方案（--scheme）"
		}
		sc.rowFindings[b.first] = append(sc.rowFindings[b.first], jixiao.Finding{
			Rule: RuleBlockWeight, Severity: sev, At: at, Message: msg,
			Section: jixiao.SectionIndicators, Indicator: b.first, Field: "level"})
	}
}

// oneLine joins a label written on several lines: 产出指标\n(40分).
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }
