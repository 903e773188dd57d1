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

// Drilldown is how the figure of one indicator of a region form was made:
// the region's aggregate, the members under it, and further down every
// member that is itself a region form, to the units. It is data, so that a
// page can show the provenance of every aggregated number; WriteText is
// the CLI's rendering.
type Drilldown struct {
	Path string    `json:"path"` // 产出指标/数量指标/指标1
	Name string    `json:"name"` // the indicator's name
	Root DrillNode `json:"root"`
}

// DrillNode is one figure in a drill-down. The root is the region's own;
// every other node is a member of its parent's aggregate and says what it
// brought (Contribution: its texts, judgement, weight and values exactly
// as they were added up). A member that is a region form among the forms
// given has an Aggregate and Children of its own; a unit form (or a region
// form not given) is a leaf. Contribution points into the region form's
// Aggregation: the drill-down is a view of the forms, not a copy.
type DrillNode struct {
	Name         string               `json:"name"`   // the region, or the member's name
	Target       string               `json:"target"` // the texts shown: as written, or as aggregated
	Actual       string               `json:"actual"`
	Contribution *jixiao.Contribution `json:"contribution,omitempty"` // to the parent's aggregate (not on the root)
	Aggregate    *DrillAggregate      `json:"aggregate,omitempty"`    // how this node's own figure was made (regions)
	Children     []DrillNode          `json:"children,omitempty"`     // one per contribution of Aggregate, in order
}

// DrillAggregate is how a region's figure was made from its members.
type DrillAggregate struct {
	Region string `json:"region"`
	// Basis is the fund amount relative values were weighted by.
	Basis  jixiao.WeightBasis `json:"basis"`
	Method string             `json:"method"` // jixiao.MethodSum, MethodWeighted…
	// Values are the aggregate's actual values, one per part: a sum, or Σw·x
	// over Σw.
	Values  []jixiao.AggregateValue `json:"values"`
	OnTime  int                     `json:"on_time"` // MethodDeadline: members on time
	Members int                     `json:"members"` // members that have the indicator
	Problem string                  `json:"problem,omitempty"`
}

// Drill returns how the figure of indicator index of a region form was
// made, down through every member that is itself a region form among forms
// (the forms a tree rollup produced, or region form files given as input),
// to the units. A form without an aggregation for the indicator gives a
// root without Aggregate.
func Drill(f *jixiao.Form, index int, forms []*jixiao.Form) Drilldown {
	byRegion := map[string]*jixiao.Form{}
	for _, m := range forms {
		if m.Aggregation != nil {
			byRegion[m.Aggregation.Region] = m
		}
	}
	in := &f.Indicators[index]
	root := DrillNode{Target: in.Target, Actual: in.Actual}
	if f.Aggregation != nil {
		root.Name = f.Aggregation.Region
	}
	drill(&root, f, index, byRegion, map[*jixiao.Form]bool{})
	return Drilldown{Path: in.Path(), Name: in.Name, Root: root}
}

// drill fills n with the aggregate of indicator index of f and its members,
// drilling into the region forms not already on the way down (a region form
// listing itself, or its parent, among its members is not followed round).
func drill(n *DrillNode, f *jixiao.Form, index int, byRegion map[string]*jixiao.Form, above map[*jixiao.Form]bool) {
	agg := f.Aggregation
	if agg == nil || index >= len(agg.Indicators) {
		return
	}
	above[f] = true
	defer delete(above, f)
	in := &f.Indicators[index]
	ai := &agg.Indicators[index]
	n.Aggregate = &DrillAggregate{Region: agg.Region, Basis: agg.Weight, Method: ai.Method, Values: ai.Actual,
		OnTime: ai.OnTime, Members: ai.Members, Problem: ai.Problem}
	n.Children = make([]DrillNode, len(ai.Contributions))
	for i := range ai.Contributions {
		c := &ai.Contributions[i]
		child := &n.Children[i]
		*child = DrillNode{Name: c.Member, Target: c.Target, Actual: c.Actual, Contribution: c}
		if sub := byRegion[c.Member]; sub != nil && !above[sub] {
			key, _, _, _ := indicatorKey(in)
			if j := indexByKey(sub, key); j >= 0 && sub.Aggregation != nil && j < len(sub.Aggregation.Indicators) {
				child.Name = sub.Aggregation.Region
				child.Target, child.Actual = sub.Indicators[j].Target, sub.Indicators[j].Actual
				drill(child, sub, j, byRegion, above)
			}
		}
	}
}

// WriteText writes the drill-down as a tree, one figure a line:
//
//	产出指标/数量指标/指标1（专利资助）
//	河北省：目标 …，实际 … — 求和 …
//	├─ 河北省石家庄市：目标 …，实际 … — …
//	│  └─ 长安区知识产权局：目标 …，实际 …（130件）
func (d *Drilldown) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s（%s）\n", d.Path, d.Name)
	writeNode(w, &d.Root, "")
}

func writeNode(w io.Writer, n *DrillNode, indent string) {
	a := n.Aggregate
	if a == nil {
		return
	}
	fmt.Fprintf(w, "%s%s：目标 %s，实际 %s — %s\n", indent, a.Region, n.Target, n.Actual, a.MethodText())
	for i := range n.Children {
		c := &n.Children[i]
		branch, next := "├─ ", "│  "
		if i == len(n.Children)-1 {
			branch, next = "└─ ", "   "
		}
		if c.Aggregate != nil {
			fmt.Fprint(w, indent+branch)
			writeNode(w, c, indent+next)
			continue
		}
		fmt.Fprintf(w, "%s%s%s：目标 %s，实际 %s%s\n", indent, branch, c.Name, c.Target, c.Actual, ValuesText(c.Contribution, a.Method))
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

// MethodText says how an aggregate was computed, with its exact terms:
// "加权平均 97.5%（Σ39000/Σ400，按全年预算数（A）加权）".
func (a *DrillAggregate) MethodText() string {
	switch a.Method {
	case jixiao.MethodDeadline:
		return fmt.Sprintf("按时完成 %d/%d 个单位", a.OnTime, a.Members)
	case jixiao.MethodNone:
		return "未汇总：" + a.Problem
	}
	var parts []string
	for _, v := range a.Values {
		switch {
		case v.Sum != nil:
			parts = append(parts, "求和 "+v.Sum.String()+v.Unit)
		case v.Numerator != nil && v.Denominator != nil:
			val := "无法计算（总权重为 0）"
			if x, ok := v.Value(); ok {
				val = x.Round(2).String() + v.Unit
			}
			parts = append(parts, "加权平均 "+val+"（Σ"+v.Numerator.String()+"/Σ"+v.Denominator.String()+"，按"+a.Basis.Label()+"加权）")
		default:
			parts = append(parts, "未填写")
		}
	}
	return strings.Join(parts, "；")
}

// ValuesText shows what a member added to an aggregate made by method:
// "（6747件）" or "（90% × 100 = 9000）".
func ValuesText(c *jixiao.Contribution, method string) string {
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
	if method == jixiao.MethodDeadline {
		return "（" + c.Status.Label() + "）"
	}
	if len(parts) == 0 {
		return ""
	}
	return "（" + strings.Join(parts, "、") + "）"
}
