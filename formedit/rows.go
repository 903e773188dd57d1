package formedit

import (
	"strconv"

	jixiao "github.com/jixiao/jixiao"
)

// Group is a level-1 group of the taxonomy with the level-2 categories
// that may stand under it, in form order.
type Group struct {
	Level1     string
	Categories []jixiao.Category
}

// categories are the level-2 categories of the taxonomy (taxonomy.go) in
// the order forms list them; Taxonomy keeps those Category.Under accepts
// for each group, so the root package stays the one place that decides.
var categories = []jixiao.Category{
	jixiao.CategoryProjectSetup, jixiao.CategoryPerformanceGoal, jixiao.CategoryFundInput,
	jixiao.CategoryFundManagement, jixiao.CategoryImplementation,
	jixiao.CategoryQuantity, jixiao.CategoryQuality, jixiao.CategoryTimeliness, jixiao.CategoryCost,
	jixiao.CategoryEconomic, jixiao.CategorySocial, jixiao.CategoryEcological, jixiao.CategorySustainable,
	jixiao.CategoryProjectEffect, jixiao.CategorySatisfaction,
}

// Taxonomy lists the level-1 groups (jixiao.Level1Groups) with their
// categories: what a new indicator row may be filed under.
func Taxonomy() []Group {
	var out []Group
	for _, l1 := range jixiao.Level1Groups {
		g := Group{Level1: l1}
		for _, c := range categories {
			if c.Under(l1) {
				g.Categories = append(g.Categories, c)
			}
		}
		out = append(out, g)
	}
	return out
}

// errAggregated refuses row changes on a region form: its aggregation
// parallels its rows.
func errAggregated() error {
	return jixiao.Errorf(jixiao.KindInvalid, "这是汇总生成的区域表，不能增删行：请修改单位的自评表后重新生成")
}

// AddIndicator inserts an empty indicator row under level1 and level2 in
// f and returns its index. Labels as a row of f writes them continue that
// run (the new row goes after the run's last row, so the merged level cells
// grow); otherwise they must name a category of the taxonomy under its
// group (产出指标 / 数量指标…, as written or as NormalizeLevel1/2 read them),
// and the row goes after the group's last row, or where the group comes in
// jixiao.Level1Groups. The new row's label is 指标N： with N one more than
// the run's highest ordinal, for the unit to complete.
func AddIndicator(f *jixiao.Form, level1, level2 string) (int, error) {
	if f.Aggregation != nil {
		return 0, errAggregated()
	}
	if len(f.Indicators) >= jixiao.MaxIndicators {
		return 0, jixiao.Invalid("指标已有 %d 行，达到上限，不能再添加", len(f.Indicators))
	}
	at, ordinal := -1, 0
	for i := range f.Indicators {
		if in := &f.Indicators[i]; in.Level1 == level1 && in.Level2 == level2 {
			at, ordinal = i+1, max(ordinal, in.Ordinal)
		}
	}
	if at < 0 {
		g, ok := jixiao.NormalizeLevel1(level1)
		c := jixiao.NormalizeLevel2(level2)
		if !ok || c == jixiao.CategoryUnknown || !c.Under(g) {
			return 0, jixiao.Invalid("“%s / %s”不在绩效指标体系中：请从列出的一级、二级指标中选择", oneLine(level1), oneLine(level2))
		}
		at = groupEnd(f, g)
	}
	in := jixiao.Indicator{Level1: level1, Level2: level2, Ordinal: ordinal + 1}
	in.Label = "指标" + strconv.Itoa(in.Ordinal) + "："
	f.Indicators = append(f.Indicators, jixiao.Indicator{})
	copy(f.Indicators[at+1:], f.Indicators[at:])
	f.Indicators[at] = in
	return at, nil
}

// groupEnd is where a new category of level-1 group g goes: after the
// group's last row, else before the first row of a later group.
func groupEnd(f *jixiao.Form, g string) int {
	rank := func(l1 string) int {
		n, _ := jixiao.NormalizeLevel1(l1)
		for r, x := range jixiao.Level1Groups {
			if x == n {
				return r
			}
		}
		return len(jixiao.Level1Groups)
	}
	want := rank(g)
	at := -1
	for i := range f.Indicators {
		if rank(f.Indicators[i].Level1) == want {
			at = i + 1
		}
	}
	if at >= 0 {
		return at
	}
	for i := range f.Indicators {
		if rank(f.Indicators[i].Level1) > want {
			return i
		}
	}
	return len(f.Indicators)
}

// RemoveIndicator removes indicator row i of f.
func RemoveIndicator(f *jixiao.Form, i int) error {
	if f.Aggregation != nil {
		return errAggregated()
	}
	if i < 0 || i >= len(f.Indicators) {
		return jixiao.Invalid("没有第 %d 行指标：页面可能已过期，请刷新", i+1)
	}
	f.Indicators = append(f.Indicators[:i], f.Indicators[i+1:]...)
	return nil
}

// AddFundLine inserts an empty funds line and returns its index: a
// top-level line at the end when parent is -1, else a part (其中) of line
// parent after its last part.
func AddFundLine(f *jixiao.Form, parent int) (int, error) {
	if f.Aggregation != nil {
		return 0, errAggregated()
	}
	lines := f.Funds.Lines
	if len(lines) >= jixiao.MaxFundLines {
		return 0, jixiao.Invalid("资金情况已有 %d 行，达到上限，不能再添加", len(lines))
	}
	if parent < -1 || parent >= len(lines) {
		return 0, jixiao.Invalid("没有第 %d 行资金：页面可能已过期，请刷新", parent+1)
	}
	at := len(lines)
	if parent >= 0 {
		at = parent + 1
		for at < len(lines) && descends(lines, at, parent) {
			at++
		}
	}
	lines = append(lines, jixiao.FundLine{})
	copy(lines[at+1:], lines[at:])
	lines[at] = jixiao.FundLine{Parent: parent}
	for k := at + 1; k < len(lines); k++ {
		if lines[k].Parent >= at {
			lines[k].Parent++
		}
	}
	f.Funds.Lines = lines
	return at, nil
}

// descends reports whether line k is under line p.
func descends(lines []jixiao.FundLine, k, p int) bool {
	for q := lines[k].Parent; q >= 0; q = lines[q].Parent {
		if q == p {
			return true
		}
	}
	return false
}

// RemoveFundLine removes funds line k of f; its parts become parts of its
// own parent, so nothing else the unit wrote goes with it.
func RemoveFundLine(f *jixiao.Form, k int) error {
	if f.Aggregation != nil {
		return errAggregated()
	}
	lines := f.Funds.Lines
	if k < 0 || k >= len(lines) {
		return jixiao.Invalid("没有第 %d 行资金：页面可能已过期，请刷新", k+1)
	}
	up := lines[k].Parent
	lines = append(lines[:k], lines[k+1:]...)
	for j := k; j < len(lines); j++ {
		switch p := lines[j].Parent; {
		case p == k:
			lines[j].Parent = up
		case p > k:
			lines[j].Parent = p - 1
		}
	}
	f.Funds.Lines = lines
	return nil
}
