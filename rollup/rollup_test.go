package rollup_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/textform"
)

// unit makes a small unit form: region, budget A (万元) and indicators
// given as level2, name, target, actual, reason.
func unit(region string, budget string, rows ...[5]string) *jixiao.Form {
	a := decimal.RequireFromString(budget)
	f := &jixiao.Form{
		Year:   2020,
		Header: jixiao.Header{Program: region + "知识产权运营服务体系建设", CentralDept: "国家知识产权局", LocalDept: region + "市场监督管理局", Unit: region + "市场监督管理局", Region: region},
		Funds: jixiao.Funds{Unit: "万元", Lines: []jixiao.FundLine{{Role: jixiao.FundTotal, Parent: -1,
			Budget:   jixiao.Amount{Text: budget, Value: a, Valid: true},
			Executed: jixiao.Amount{Text: budget, Value: a, Valid: true},
		}}},
		Filler: "张三", FillDate: "2021年7月1日", Notes: "无",
	}
	for i, r := range rows {
		l1 := "产出指标"
		switch r[0] {
		case "服务对象满意度指标":
			l1 = "满意度指标"
		case "经济效益指标", "社会效益指标":
			l1 = "效益指标"
		}
		f.Indicators = append(f.Indicators, jixiao.Indicator{Level1: l1, Level2: r[0], Name: r[1], Label: "指标" + string(rune('1'+i)) + "：" + r[1], Ordinal: i + 1, Target: r[2], Actual: r[3], Reason: r[4]})
	}
	return f
}

func roll(t *testing.T, opt rollup.Options, forms ...*jixiao.Form) (*rollup.Result, jixiao.Report) {
	t.Helper()
	res, err := rollup.Rollup(forms, opt)
	if err != nil {
		t.Fatalf("Rollup: %v", err)
	}
	return res, check.Form(res.Form, audit.Defaults())
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Hand-computed cases of the issue.
func TestHandComputed(t *testing.T) {
	a := unit("北京市朝阳区", "100",
		[5]string{"服务对象满意度指标", "专利权人满意度", "≥90%", "90%", "已完成"},
		[5]string{"数量指标", "专利资助奖励", "不少于7000件", "共完成6747件", "申报不足"},
		[5]string{"成本指标", "专利资助奖励", "550万", "591.764万", "资助需求超出预期"},
		[5]string{"质量指标", "服务", "不少于5项、不少于8家", "开展5项，认定8家", "已完成"},
		[5]string{"经济效益指标", "促进知识产权金融化", "盘活知识产权资源", "效果良好，90%", "已完成"},
	)
	b := unit("北京市海淀区", "300",
		[5]string{"服务对象满意度指标", "专利权人满意度", "≥90%", "100%", "已完成"},
		[5]string{"数量指标", "专利资助奖励", "不少于1000件", "1253件", "已完成"},
		[5]string{"成本指标", "专利资助奖励", "200万", "150万", "已完成"},
		[5]string{"质量指标", "服务", "不少于1项、不少于2家", "2项、1家", "未达标原因：企业少"},
		[5]string{"经济效益指标", "促进知识产权金融化", "盘活知识产权资源", "部分达成，70%", "已完成"},
	)
	res, rep := roll(t, rollup.Options{}, a, b)
	f := res.Form
	if f.Header.Region != "北京市" || f.Header.Program != "北京市知识产权运营服务体系建设" {
		t.Errorf("header = %+v", f.Header)
	}
	if got := f.Funds.TotalLine().Budget.Value.String(); got != "400" {
		t.Errorf("total A = %s", got)
	}
	agg := f.Aggregation
	if agg.Weight != jixiao.WeightBudget || len(agg.Members) != 2 || !agg.Members[1].Weight.Equal(dec("300")) {
		t.Errorf("aggregation members = %+v", agg.Members)
	}

	// 90% × 100 + 100% × 300 over 400 = 97.5%
	sat := agg.Indicators[0].Actual[0]
	if !sat.Numerator.Equal(dec("39000")) || !sat.Denominator.Equal(dec("400")) || f.Indicators[0].Actual != "97.5%" {
		t.Errorf("satisfaction = %v/%v %q", sat.Numerator, sat.Denominator, f.Indicators[0].Actual)
	}
	// 6747 + 1253 = 8000 against 7000 + 1000 = 8000: met
	if f.Indicators[1].Target != "不少于8000件" || f.Indicators[1].Actual != "8000件" || rep.Indicators[1].Status != jixiao.StatusMet {
		t.Errorf("counts: %q / %q → %s", f.Indicators[1].Target, f.Indicators[1].Actual, rep.Indicators[1].Status)
	}
	// cost cap exceeded by one unit, not by the other: 750万 cap, 741.764万 spent
	if f.Indicators[2].Target != "750万元" || f.Indicators[2].Actual != "741.764万元" || rep.Indicators[2].Status != jixiao.StatusMet {
		t.Errorf("cost: %q / %q → %s", f.Indicators[2].Target, f.Indicators[2].Actual, rep.Indicators[2].Status)
	}
	// composite: 5+1 项 and 8+2 家 against 5+2 项 and 8+1 家
	if f.Indicators[3].Target != "不少于6项、不少于10家" || f.Indicators[3].Actual != "7项、9家" || rep.Indicators[3].Status != jixiao.StatusNotMet {
		t.Errorf("composite: %q / %q → %s", f.Indicators[3].Target, f.Indicators[3].Actual, rep.Indicators[3].Status)
	}
	if !strings.Contains(f.Indicators[3].Reason, "北京市海淀区市场监督管理局：未达标原因") {
		t.Errorf("reason = %q", f.Indicators[3].Reason)
	}
	// bands 90% × 100 and 70% × 300 → 75%: partly reached
	band := agg.Indicators[4].Actual[0]
	if !band.Numerator.Equal(dec("30000")) || !band.Denominator.Equal(dec("400")) || rep.Indicators[4].Status != jixiao.StatusNotMet {
		t.Errorf("band = %v/%v → %s (%s)", band.Numerator, band.Denominator, rep.Indicators[4].Status, f.Indicators[4].Actual)
	}
	// provenance: each contribution with its value and weight
	c := agg.Indicators[1].Contributions
	if len(c) != 2 || c[0].Member != "北京市朝阳区市场监督管理局" || !c[0].Actuals[0].Sum.Equal(dec("6747")) {
		t.Errorf("contributions = %+v", c)
	}
	if len(res.Findings) != 0 {
		t.Errorf("rollup findings = %+v", res.Findings)
	}
}

// The reference form rolled up alone equals itself, apart from the region label.
func TestReferenceAlone(t *testing.T) {
	forms, err := textform.Reader{}.ReadForms("ref.txt", []byte(reftest.Text(t)))
	if err != nil {
		t.Fatal(err)
	}
	ref := forms[0]
	orig := check.Form(ref, audit.Defaults())
	res, rep := roll(t, rollup.Options{}, ref)
	if res.Form.Header.Region != "北京市朝阳区" || len(rep.Indicators) != 30 {
		t.Fatalf("region %q, %d indicators", res.Form.Header.Region, len(rep.Indicators))
	}
	for i, a := range orig.Indicators {
		b := rep.Indicators[i]
		if a.Status != b.Status || a.Level2 != b.Level2 || a.Name != b.Name || !sameCompletion(a.Completion, b.Completion) {
			t.Errorf("%s: %s %v (%s) → %s %v (%q / %q)", a.Path, a.Status, a.Completion, a.Explanation, b.Status, b.Completion, b.Target, b.Actual)
		}
	}
	if len(ref.Funds.Lines) != len(res.Form.Funds.Lines) {
		t.Errorf("funds: %d lines, want %d", len(res.Form.Funds.Lines), len(ref.Funds.Lines))
	}
	for i := range min(len(ref.Funds.Lines), len(res.Form.Funds.Lines)) {
		x, y := &ref.Funds.Lines[i], &res.Form.Funds.Lines[i]
		if x.Role != y.Role || x.Parent != y.Parent || !x.Budget.Value.Equal(y.Budget.Value) || !x.Executed.Value.Equal(y.Executed.Value) {
			t.Errorf("funds line %d (%s) differs: %+v, want %+v", i, x.Label, y, x)
		}
	}
	if len(res.Findings) != 0 {
		t.Errorf("findings: %+v", res.Findings)
	}
}

func sameCompletion(a, b *decimal.Decimal) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

func TestRefusals(t *testing.T) {
	a := unit("北京市朝阳区", "100", [5]string{"数量指标", "资助", "不少于10家", "10家", "已完成"})
	b := unit("北京市海淀区", "100", [5]string{"数量指标", "资助", "不少于10家", "10家", "已完成"})
	c := unit("北京市海淀区", "100", [5]string{"数量指标", "资助", "不少于10家", "10家", "已完成"})
	c.Year = 2021
	d := unit("北京市海淀区", "100", [5]string{"数量指标", "资助", "不少于10家", "10家", "已完成"})
	d.Header.Program = "北京市海淀区专利转化专项"
	for _, tt := range []struct {
		name  string
		forms []*jixiao.Form
		opt   rollup.Options
		want  string
	}{
		{"different years", []*jixiao.Form{a, c}, rollup.Options{}, "不同年度"},
		{"different programs", []*jixiao.Form{a, d}, rollup.Options{}, "--program"},
		{"no common region", []*jixiao.Form{a, unit("上海市浦东新区", "1")}, rollup.Options{}, "--region"},
		{"bad weight", []*jixiao.Form{a, b}, rollup.Options{Weight: "people"}, "加权依据"},
		{"nothing", nil, rollup.Options{}, "没有可汇总"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rollup.Rollup(tt.forms, tt.opt)
			if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(jixiao.MessageOf(err), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// --program names the program explicitly
	if res, err := rollup.Rollup([]*jixiao.Form{a, d}, rollup.Options{Program: "知识产权运营服务体系建设"}); err != nil || res.Form.Header.Program != "北京市知识产权运营服务体系建设" {
		t.Errorf("--program: %v", err)
	}
}

func TestProblems(t *testing.T) {
	a := unit("北京市朝阳区", "0",
		[5]string{"数量指标", "资助", "不少于10家", "10家", "已完成"},
		[5]string{"服务对象满意度指标", "企业满意度", "≥90%", "95%", "已完成"},
		[5]string{"数量指标", "专利导航项目", "不少于2项", "2项", "已完成"},
	)
	b := unit("北京市海淀区", "0",
		[5]string{"数量指标", "资助", "不少于10件", "12件", "已完成"},
		[5]string{"服务对象满意度指标", "企业满意度", "≥90%", "92%", "已完成"},
		[5]string{"数量指标", "专利导航项目资助", "不少于2项", "3项", "已完成"},
	)
	res, rep := roll(t, rollup.Options{}, a, b)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Rule+"@"+f.At)
	}
	want := []string{
		"rollup-unit-mismatch@产出指标/数量指标/指标1",
		"rollup-zero-weight@满意度指标/服务对象满意度指标/指标1",
		"rollup-partial@产出指标/数量指标/指标2",
		"rollup-partial@产出指标/数量指标/指标3",
		"rollup-near-match@产出指标/数量指标/指标3",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("findings\n got  %v\n want %v", got, want)
	}
	if rep.Indicators[0].Status != jixiao.StatusUndetermined || rep.Indicators[1].Status != jixiao.StatusUndetermined {
		t.Errorf("statuses: %s %s", rep.Indicators[0].Status, rep.Indicators[1].Status)
	}
}

// A band averaged over only the members that gave one is flagged.
func TestBandMissing(t *testing.T) {
	a := unit("北京市朝阳区", "100", [5]string{"经济效益指标", "促进金融化", "盘活知识产权资源", "效果好，90%", "已完成"})
	b := unit("北京市海淀区", "300", [5]string{"经济效益指标", "促进金融化", "盘活知识产权资源", "有一定效果", "已完成"})
	res, rep := roll(t, rollup.Options{}, a, b)
	if len(res.Findings) != 1 || res.Findings[0].Rule != rollup.RuleBandMissing || !strings.Contains(res.Findings[0].Message, "北京市海淀区市场监督管理局") {
		t.Errorf("findings = %+v", res.Findings)
	}
	if rep.Indicators[0].Status != jixiao.StatusMet {
		t.Errorf("status = %s", rep.Indicators[0].Status)
	}
}

// Funds lines are summed by their place and role, whatever sources each
// member has (docs/funds.md §5): a source only one member has is kept, and
// lines outside the lexicon are matched by name.
func TestFundsByRole(t *testing.T) {
	row := [5]string{"数量指标", "专利资助奖励", "不少于10件", "12件", "已完成"}
	a := unit("北京市朝阳区", "100", row)
	a.Funds.Unit = "万元"
	a.Funds.Lines = []jixiao.FundLine{
		{Label: "年度资金总额", Role: jixiao.FundTotal, Parent: -1, Budget: jixiao.ParseAmount("100", "万元"), Executed: jixiao.ParseAmount("90", "万元")},
		{Label: "其中：中央补助", Role: jixiao.FundCentral, Parent: 0, Budget: jixiao.ParseAmount("60", "万元"), Executed: jixiao.ParseAmount("60", "万元")},
		{Label: "市级资金", Role: jixiao.FundMunicipal, Parent: 0, Budget: jixiao.ParseAmount("40", "万元"), Executed: jixiao.ParseAmount("30", "万元")},
		{Label: "其中：直达资金", Role: jixiao.FundUnknown, Parent: 2, Budget: jixiao.ParseAmount("10", "万元"), Executed: jixiao.ParseAmount("10", "万元")},
	}
	b := unit("北京市海淀区", "300", row)
	b.Funds.Unit = "元"
	b.Funds.Lines = []jixiao.FundLine{
		{Label: "资金总额", Role: jixiao.FundTotal, Parent: -1, Budget: jixiao.ParseAmount("3000000", "元"), Executed: jixiao.ParseAmount("3000000", "元")},
		{Label: "中央财政资金", Role: jixiao.FundCentral, Parent: 0, Budget: jixiao.ParseAmount("2500000", "元"), Executed: jixiao.ParseAmount("2500000", "元")},
		{Label: "县级资金", Role: jixiao.FundCounty, Parent: 0, Budget: jixiao.ParseAmount("500000", "元"), Executed: jixiao.ParseAmount("500000", "元")},
	}
	res, rep := roll(t, rollup.Options{}, a, b)
	var got []string
	for _, l := range res.Form.Funds.Lines {
		got = append(got, l.Label+"|"+string(l.Role)+"|"+strconv.Itoa(l.Parent)+"|"+l.Budget.Value.String()+"|"+l.Executed.Value.String())
	}
	want := []string{"年度资金总额|total|-1|400|390", "中央财政资金|central|0|310|310", "市级资金|municipal|0|40|30", "直达资金||2|10|10", "县级资金|county|0|50|50"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("region funds:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range rep.Findings {
		if f.Section == jixiao.SectionFunds && f.Rule == "funds-sum" {
			t.Errorf("the region form's funds do not add up: %s", f.Message)
		}
	}
}
