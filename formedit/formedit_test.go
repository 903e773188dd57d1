package formedit_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/textform"
)

func refForm(t *testing.T) *jixiao.Form {
	t.Helper()
	forms, err := textform.Reader{}.ReadForms("ref.txt", []byte(reftest.Text(t)))
	if err != nil || len(forms) != 1 {
		t.Fatalf("reference form: %v", err)
	}
	return forms[0]
}

// Every rendered cell the unit writes has a name, listed by Names, whose
// value is the cell's text; every name but the footer's has a cell.
func TestNamesFollowTheLayout(t *testing.T) {
	f := refForm(t)
	names := formedit.Names(f)
	seen := map[string]bool{}
	for _, blk := range layout.Render(f).Blocks {
		if blk.Table == nil {
			continue
		}
		for _, row := range blk.Table.Rows {
			for _, c := range row.Cells {
				if c.Rendered == nil {
					continue
				}
				name := formedit.Name(c.Ref)
				if name == "" {
					continue
				}
				seen[name] = true
				if !slices.Contains(names, name) {
					t.Errorf("cell %q (%s) is not in Names", c.Text, name)
				}
				if v, ok := formedit.Value(f, name); !ok || v != strings.TrimPrefix(c.Text, "其中：") && v != c.Text {
					t.Errorf("%s: value %q, cell %q", name, v, c.Text)
				}
			}
		}
	}
	for _, n := range names {
		if !seen[n] && !strings.HasPrefix(n, "footer.") {
			t.Errorf("%s has no cell", n)
		}
	}
	if n := formedit.Name(layout.Ref{Section: jixiao.SectionFunds, FundLine: 1, Indicator: -1, Field: "rate"}); n != "" {
		t.Errorf("the computed rate has a name: %s", n)
	}
}

func TestLabels(t *testing.T) {
	f := refForm(t)
	for name, want := range map[string]string{
		"ind.15.actual":   "产出指标·成本指标·第1行 全年实际完成值",
		"ind.19.reason":   "产出指标·成本指标·第5行 未完成原因和改进措施",
		"ind.0.name":      "产出指标·数量指标·第1行 三级指标",
		"funds.1.budget":  "资金情况·中央财政资金 全年预算数（A）",
		"funds.0.label":   "资金情况·第1行 名称",
		"header.unit":     "资金使用单位",
		"goal.goal":       "总体目标完成情况·总体目标",
		"notes":           "说明",
		"footer.phone":    "联系电话",
		"ind.99.actual":   "ind.99.actual",
		"funds.x.label":   "funds.x.label",
		"header.whatever": "header.whatever",
	} {
		if got := formedit.Label(f, name); got != want {
			t.Errorf("Label(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestApply(t *testing.T) {
	base := refForm(t)
	for _, tc := range []struct {
		name   string
		values formedit.Values
		check  func(*jixiao.Form) bool
		err    string
	}{
		{"actual", formedit.Values{"ind.15.actual": {"540万"}}, func(f *jixiao.Form) bool { return f.Indicators[15].Actual == "540万" }, ""},
		{"label splits", formedit.Values{"ind.2.name": {"指标9：新名称"}},
			func(f *jixiao.Form) bool {
				in := f.Indicators[2]
				return in.Ordinal == 9 && in.Name == "新名称" && in.Label == "指标9：新名称"
			}, ""},
		{"amount and rate", formedit.Values{"funds.1.executed": {"5000"}},
			func(f *jixiao.Form) bool {
				l := f.Funds.Lines[1]
				return l.Executed.Valid && l.Executed.Value.String() == "5000" && l.RateText == "50.00%"
			}, ""},
		{"amount with unit", formedit.Values{"funds.2.budget": {"926.2万元"}},
			func(f *jixiao.Form) bool {
				return f.Funds.Lines[2].Budget.Value.String() == "926.2" && f.Funds.Lines[2].RateText == "100%"
			}, ""},
		{"fund label role", formedit.Values{"funds.3.label": {"其中：自筹资金"}}, func(f *jixiao.Form) bool { return f.Funds.Lines[3].Role == jixiao.FundSelfRaised }, ""},
		{"footer", formedit.Values{"footer.filler": {"王五"}, "notes": {"无"}}, func(f *jixiao.Form) bool { return f.Filler == "王五" && f.Notes == "无" }, ""},
		{"crlf", formedit.Values{"goal.goal": {"a\r\nb"}}, func(f *jixiao.Form) bool { return f.Goal == "a\nb" }, ""},
		{"unknown", formedit.Values{"ind.30.actual": {"x"}}, nil, "无法识别的栏目“ind.30.actual”"},
		{"unknown column", formedit.Values{"ind.1.level1": {"x"}}, nil, "无法识别的栏目"},
		{"leading zero", formedit.Values{"ind.01.actual": {"x"}}, nil, "无法识别的栏目"},
		{"rate is computed", formedit.Values{"funds.0.rate": {"99%"}}, nil, "无法识别的栏目"},
		{"two values", formedit.Values{"notes": {"a", "b"}}, nil, "提交了 2 个值"},
		{"too long", formedit.Values{"notes": {strings.Repeat("长", jixiao.MaxCellBytes)}}, nil, "太长"},
		{"not utf-8", formedit.Values{"notes": {"\xff"}}, nil, "无法识别的字符"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := formedit.Clone(base)
			f, err := formedit.Apply(base, tc.values)
			if !reflect.DeepEqual(base, before) {
				t.Fatal("Apply changed its base")
			}
			if tc.err != "" {
				if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(jixiao.MessageOf(err), tc.err) {
					t.Fatalf("err %v, want invalid %q", err, tc.err)
				}
				return
			}
			if err != nil || !tc.check(f) {
				t.Fatalf("err %v; form not as expected", err)
			}
		})
	}
	// nothing posted: the form as it was (its rates agree with B/A)
	f, err := formedit.Apply(base, nil)
	if err != nil || !reflect.DeepEqual(f, base) {
		t.Errorf("Apply(nil) changed the form: %v", err)
	}
}

func TestRecompute(t *testing.T) {
	amt := func(s string) jixiao.Amount { return jixiao.ParseAmount(s, "万元") }
	for _, tc := range []struct {
		a, b, rate, want string
	}{
		{"10926.2", "1300", "11.900%", "11.900%"}, // agrees at its precision: kept
		{"10926.2", "1300", "12%", "12%"},         // 11.898 rounds to 12: kept
		{"10926.2", "1300", "50%", "11.90%"},      // wrong: computed
		{"100", "50", "", "50.00%"},
		{"0", "0", "", ""},
		{"", "50", "50%", ""}, // no budget: nothing to compute from
		{"0", "5", "100%", "100%"},
	} {
		f := &jixiao.Form{Funds: jixiao.Funds{Lines: []jixiao.FundLine{{Budget: amt(tc.a), Executed: amt(tc.b), RateText: tc.rate, Parent: -1}}}}
		formedit.Recompute(f)
		if got := f.Funds.Lines[0].RateText; got != tc.want {
			t.Errorf("A %s B %s rate %q: %q, want %q", tc.a, tc.b, tc.rate, got, tc.want)
		}
	}
}

func TestIndicatorRows(t *testing.T) {
	for _, tc := range []struct {
		name           string
		level1, level2 string
		at, ordinal    int
		err            string
	}{
		{"continue a run", "产出指标", "成本指标", 20, 6, ""},
		{"new category in a present group", "效益指标", "社会效益指标", 23, 3, ""},
		{"taxonomy name, group present", "产出指标", "时效指标", 15, 6, ""},
		{"absent group goes by its place", "过程指标", "资金管理", 0, 1, ""},
		{"absent group at the end", "满意度指标", "服务对象满意度指标", 30, 1, ""},
		{"category under another group", "满意度", "经济效益指标", 0, 0, "不在绩效指标体系中"},
		{"unknown", "其他", "杂项", 0, 0, "不在绩效指标体系中"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := refForm(t)
			at, err := formedit.AddIndicator(f, tc.level1, tc.level2)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || at != tc.at || len(f.Indicators) != 31 {
				t.Fatalf("at %d (want %d), %d rows: %v", at, tc.at, len(f.Indicators), err)
			}
			in := f.Indicators[at]
			if in.Level1 != tc.level1 || in.Level2 != tc.level2 || in.Ordinal != tc.ordinal || in.Target != "" {
				t.Errorf("new row %+v", in)
			}
			if err := formedit.RemoveIndicator(f, at); err != nil || !reflect.DeepEqual(f, refForm(t)) {
				t.Errorf("removing the new row does not give the form back: %v", err)
			}
		})
	}
	f := refForm(t)
	if err := formedit.RemoveIndicator(f, 30); err == nil {
		t.Error("removed a row that does not exist")
	}
	f.Aggregation = &jixiao.Aggregation{}
	if _, err := formedit.AddIndicator(f, "产出指标", "成本指标"); err == nil || !strings.Contains(err.Error(), "区域表") {
		t.Errorf("a region form's rows changed: %v", err)
	}
	var taxonomy []string
	for _, g := range formedit.Taxonomy() {
		for _, c := range g.Categories {
			taxonomy = append(taxonomy, g.Level1+"/"+string(c))
		}
	}
	if !slices.Contains(taxonomy, "效益指标/服务对象满意度指标") || !slices.Contains(taxonomy, "成本指标/成本指标") || slices.Contains(taxonomy, "效益指标/数量指标") {
		t.Errorf("taxonomy %v", taxonomy)
	}
}

func TestFundLines(t *testing.T) {
	parents := func(f *jixiao.Form) []int {
		var ps []int
		for _, l := range f.Funds.Lines {
			ps = append(ps, l.Parent)
		}
		return ps
	}
	f := refForm(t)
	if got := parents(f); !slices.Equal(got, []int{-1, 0, 0, 0}) {
		t.Fatalf("reference parents %v", got)
	}
	at, err := formedit.AddFundLine(f, 1) // 其中 under 中央财政资金
	if err != nil || at != 2 || !slices.Equal(parents(f), []int{-1, 0, 1, 0, 0}) {
		t.Fatalf("add part: %d %v %v", at, parents(f), err)
	}
	if at, err = formedit.AddFundLine(f, 1); at != 3 || err != nil {
		t.Fatalf("second part at %d: %v", at, err)
	}
	if at, err = formedit.AddFundLine(f, -1); at != 6 || err != nil || !slices.Equal(parents(f), []int{-1, 0, 1, 1, 0, 0, -1}) {
		t.Fatalf("add top-level: %d %v %v", at, parents(f), err)
	}
	// removing 中央财政资金 hands its parts to the total
	if err := formedit.RemoveFundLine(f, 1); err != nil || !slices.Equal(parents(f), []int{-1, 0, 0, 0, 0, -1}) {
		t.Fatalf("remove: %v %v", parents(f), err)
	}
	if f.Funds.Lines[3].Label != "地方资金" {
		t.Errorf("line 3 is %q", f.Funds.Lines[3].Label)
	}
	if _, err := formedit.AddFundLine(f, 6); err == nil {
		t.Error("added under a line that does not exist")
	}
	if err := formedit.RemoveFundLine(f, -1); err == nil {
		t.Error("removed a line that does not exist")
	}
}

// The page's posted state (fields and hidden row structure) rebuilds the
// form on any base: rows added in the browser and not yet saved survive.
func TestPostRoundTrip(t *testing.T) {
	f := refForm(t)
	if _, err := formedit.AddIndicator(f, "产出指标", "成本指标"); err != nil {
		t.Fatal(err)
	}
	if _, err := formedit.AddFundLine(f, 1); err != nil {
		t.Fatal(err)
	}
	f.Indicators[20].Target = "100万"
	f.Funds.Lines[2].Label = "其中：市级"
	posted := formedit.Post(f)
	g, err := formedit.Apply(refForm(t), posted)
	if err != nil {
		t.Fatal(err)
	}
	if !formedit.Equal(f, g) || len(g.Indicators) != 31 || g.Indicators[20].Target != "100万" || g.Funds.Lines[2].Parent != 1 {
		t.Errorf("the posted form does not come back: %d rows", len(g.Indicators))
	}
	if g.Funds.Lines[0].RateText != "11.900%" {
		t.Errorf("the declared rate was not kept: %q", g.Funds.Lines[0].RateText)
	}
	if formedit.Equal(f, refForm(t)) {
		t.Error("Equal ignores rows")
	}
	for _, tc := range []struct {
		name, key, value, err string
	}{
		{"bad count", "ind.n", "-1", "行数"},
		{"too many", "funds.n", "501", "行数"},
		{"missing level", "ind.3.level1", "", "缺少栏目"},
		{"parent after", "funds.1.parent", "1", "上级行"},
		{"parent not a number", "funds.1.parent", "x", "上级行"},
	} {
		v := formedit.Post(f)
		if tc.value == "" {
			delete(v, tc.key)
		} else {
			v[tc.key] = []string{tc.value}
		}
		if _, err := formedit.Apply(refForm(t), v); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.err)
		}
	}
}
