package rollup

import (
	"fmt"
	"io"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Find returns the index of the indicator at path (产出指标/数量指标/指标1,
// or level1/level2/name) in the form, or -1.
func Find(f *jixiao.Form, path string) int {
	for i := range f.Indicators {
		in := &f.Indicators[i]
		if in.Path() == path || in.Level1+"/"+in.Level2+"/"+in.Name == path {
			return i
		}
	}
	return -1
}

// Drill writes how the figure of indicator index of a region form was made,
// down through every member that is itself a region form among forms (the
// forms a tree rollup produced, or region form files given as input), to
// the units.
func Drill(w io.Writer, f *jixiao.Form, index int, forms []*jixiao.Form) {
	byRegion := map[string]*jixiao.Form{}
	for _, m := range forms {
		if m.Aggregation != nil {
			byRegion[m.Aggregation.Region] = m
		}
	}
	in := &f.Indicators[index]
	fmt.Fprintf(w, "%s（%s）\n", in.Path(), in.Name)
	drill(w, f, index, byRegion, "")
}

func drill(w io.Writer, f *jixiao.Form, index int, byRegion map[string]*jixiao.Form, indent string) {
	in := &f.Indicators[index]
	agg := f.Aggregation
	if agg == nil || index >= len(agg.Indicators) {
		return
	}
	ai := &agg.Indicators[index]
	fmt.Fprintf(w, "%s%s：目标 %s，实际 %s — %s\n", indent, agg.Region, in.Target, in.Actual, methodText(ai, agg.Weight))
	for i, c := range ai.Contributions {
		branch, next := "├─ ", "│  "
		if i == len(ai.Contributions)-1 {
			branch, next = "└─ ", "   "
		}
		if sub := byRegion[c.Member]; sub != nil {
			key, _, _, _ := indicatorKey(in)
			if j := indexByKey(sub, key); j >= 0 {
				fmt.Fprint(w, indent+branch)
				drill(w, sub, j, byRegion, indent+next)
				continue
			}
		}
		fmt.Fprintf(w, "%s%s%s：目标 %s，实际 %s%s\n", indent, branch, c.Member, c.Target, c.Actual, valuesText(c, ai))
	}
}

func indexByKey(f *jixiao.Form, key string) int {
	for i := range f.Indicators {
		if k, _, _, _ := indicatorKey(&f.Indicators[i]); k == key {
			return i
		}
	}
	return -1
}

// methodText says how an aggregate was computed, with its exact terms:
// "加权平均 97.5%（Σ39000/Σ400，按全年预算数（A）加权）".
func methodText(ai *jixiao.AggregateIndicator, basis jixiao.WeightBasis) string {
	switch ai.Method {
	case jixiao.MethodDeadline:
		return fmt.Sprintf("按时完成 %d/%d 个单位", ai.OnTime, ai.Members)
	case jixiao.MethodNone:
		return "未汇总：" + ai.Problem
	}
	var parts []string
	for _, v := range ai.Actual {
		switch {
		case v.Sum != nil:
			parts = append(parts, "求和 "+v.Sum.String()+v.Unit)
		case v.Numerator != nil && v.Denominator != nil:
			val := "无法计算（总权重为 0）"
			if x, ok := v.Value(); ok {
				val = x.Round(2).String() + v.Unit
			}
			parts = append(parts, "加权平均 "+val+"（Σ"+v.Numerator.String()+"/Σ"+v.Denominator.String()+"，按"+basis.Label()+"加权）")
		default:
			parts = append(parts, "未填写")
		}
	}
	return strings.Join(parts, "；")
}

// valuesText shows what a unit added: "（6747件）" or "（90% × 100 = 9000）".
func valuesText(c jixiao.Contribution, ai *jixiao.AggregateIndicator) string {
	var parts []string
	for _, v := range c.Actuals {
		switch {
		case v.Sum != nil:
			parts = append(parts, v.Sum.String()+v.Unit)
		case v.Numerator != nil && v.Denominator != nil && !v.Denominator.IsZero():
			x := v.Numerator.Div(*v.Denominator)
			parts = append(parts, x.String()+v.Unit+" × "+v.Denominator.String()+" = "+v.Numerator.String())
		case v.Numerator != nil:
			parts = append(parts, "权重 0")
		}
	}
	if ai.Method == jixiao.MethodDeadline {
		return "（" + c.Status.Label() + "）"
	}
	if len(parts) == 0 {
		return ""
	}
	return "（" + strings.Join(parts, "、") + "）"
}
