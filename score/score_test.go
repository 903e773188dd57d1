package score_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/textform"
	"github.com/jixiao/jixiao/xlsx"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// readText reads one form from a text rendering.
func readText(tb testing.TB, text string) *jixiao.Form {
	tb.Helper()
	forms, err := textform.Reader{}.ReadForms("form.txt", []byte(text))
	if err != nil {
		tb.Fatalf("ReadForms: %v", err)
	}
	if len(forms) != 1 {
		tb.Fatalf("%d forms, want 1", len(forms))
	}
	return forms[0]
}

func builtin(tb testing.TB, name string) *score.Scheme {
	tb.Helper()
	s, err := score.Builtin(name)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func scoreOf(f *jixiao.Form, s *score.Scheme) score.Result {
	return score.Form(f, judge.Form(f), s)
}

// near asserts |got − want| ≤ 0.01.
func near(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if got.Sub(dec(want)).Abs().GreaterThan(dec("0.01")) {
		t.Errorf("%s = %s, want %s (±0.01)", what, got, want)
	}
}

func rules(fs []jixiao.Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Rule]++
	}
	return m
}

// The reference form scored by hand under mof-2020.
//
// Budget execution (10 points, total funds line):
//
//	B/A = 1300 ÷ 10926.2 = 0.118980…; min(0.118980, 1) × 10 = 1.189801
//
// Indicators (90 points). No 分值 column, so each level 1 is shared equally
// among its level-3 rows:
//
//	产出指标 50 ÷ 20 rows = 2.5; 效益指标 30 ÷ 5 rows = 6; 满意度 10 ÷ 5 rows = 2.
//
// 产出指标 (rows 1–20):
//
//	 1 数量/专利资助奖励      6747件 < 7000件, not met:  6747 ÷ 7000 × 2.5 = 2.409643
//	 2 数量/产业化项目资助    10 ≥ 10家, met                               2.5
//	 3 数量/质押贷款贴息资助  10 ≥ 8家, met (capped at the weight)         2.5
//	 4 数量/重点企业资助      88 ≥ 10家, met (capped)                      2.5
//	 5 数量/服务机构…         共19家 ≥ 18家, met                           2.5
//	 6 质量/发明专利授权量    11473 ≥ 9000件, met                          2.5
//	 7 质量/产业化项目转化专利 198 ≥ 100件, met                            2.5
//	 8 质量/质押贷款          1.8亿元 ≥ 1.8亿元, met                       2.5
//	 9 质量/贯标达标企业      151 ≥ 80家, met                              2.5
//	10 质量/composite        5项≥5项, 8家≥8家, 200余件≥100件: (1+1+1)/3 × 2.5 = 2.5
//	11–14 时效/12月份完成 against 12月底前完成, met                   4 × 2.5 = 10
//	15 时效/composite of three deadlines, all met                           2.5
//	16 成本/专利资助奖励      591.764万 > 550万: 550 ÷ 591.764 × 2.5 = 2.323561
//	17 成本/产业化项目资助    200万 ≤ 200万, met                           2.5
//	18 成本/质押贷款贴息资助  264.8万 > 200万: 200 ÷ 264.8 × 2.5   = 1.888218
//	19 成本/重点企业资助      155万 > 150万: 150 ÷ 155 × 2.5       = 2.419355
//	20 成本/composite         49≤70, 17≤95, 22.436≤35万: all met           2.5
//
//	产出 = 16 full rows × 2.5 = 40, plus 2.409643 + 2.323561 + 1.888218
//	       + 2.419355 = 9.040777, so 49.040777
//
// 效益指标 (rows 21–25), 6 each:
//
//	21 经济/促进知识产权金融化      qualitative, no band: unscored (6)
//	22 社会/发明专利授权量9000件    11473 ≥ 9000, met              6
//	23 社会/专利导航…               qualitative, no band: unscored (6)
//	24 生态/专利技术产业化收入5亿元  5亿元以上 ≥ 5亿元, met          6
//	25 可持续/贯彻《规范》           qualitative, no band: unscored (6)
//
//	效益 = 12, unscored 18
//
// 满意度 (rows 26–30): 100% ≥ 100% everywhere (row 30 a composite of three
// 100%s), 5 × 2 = 10.
//
// Nothing is not applicable, so nothing is rescaled; unscored weight counts
// 0 and is reported:
//
//	total = 1.189801 + 49.040777 + 12 + 10 = 72.230577 → 72.23, grade 中
//	unscored = 18; with full marks on the three qualitative rows: 90.23
func TestReferenceMOF2020(t *testing.T) {
	f := readText(t, reftest.Text(t))
	r := scoreOf(f, builtin(t, "mof-2020"))

	near(t, "execution", *r.Execution.Score, "1.189801")
	near(t, "total", r.Total, "72.23")
	if r.Grade != "中" {
		t.Errorf("grade = %s, want 中", r.Grade)
	}
	if !r.Unscored.Equal(dec("18")) {
		t.Errorf("unscored = %s, want 18", r.Unscored)
	}
	near(t, "max total", r.MaxTotal, "90.23")
	if r.WeightsFrom != "scheme" || !r.Scale.Equal(dec("1")) || !r.Applicable.Equal(dec("100")) {
		t.Errorf("weights from %s, scale %s, applicable %s", r.WeightsFrom, r.Scale, r.Applicable)
	}

	want := map[int]string{0: "2.409643", 15: "2.323561", 17: "1.888218", 18: "2.419355"}
	for i, is := range r.Indicators {
		var wantW string
		switch {
		case i < 20:
			wantW = "2.5"
		case i < 25:
			wantW = "6"
		default:
			wantW = "2"
		}
		if !is.Weight.Equal(dec(wantW)) {
			t.Errorf("row %d weight = %s, want %s", i+1, is.Weight, wantW)
		}
		switch i {
		case 20, 22, 24:
			if is.Basis != score.BasisUnscored || is.Score != nil {
				t.Errorf("row %d: basis %s, score %v; want unscored", i+1, is.Basis, is.Score)
			}
			continue
		}
		if is.Basis != score.BasisComputed || is.Score == nil {
			t.Fatalf("row %d: basis %s", i+1, is.Basis)
		}
		w, ok := want[i]
		if !ok {
			w = wantW
		}
		near(t, is.Path, *is.Score, w)
	}
	groups := map[string][2]string{"产出指标": {"49.040777", "0"}, "效益指标": {"12", "18"}, "满意度指标": {"10", "0"}}
	for _, g := range r.Groups {
		w, ok := groups[g.Level1]
		if !ok {
			t.Errorf("unexpected group %s", g.Level1)
			continue
		}
		near(t, g.Level1, g.Score, w[0])
		if !g.Unscored.Equal(dec(w[1])) {
			t.Errorf("%s unscored = %s", g.Level1, g.Unscored)
		}
	}

	// the computations a reviewer checks by hand
	for i, want := range map[int]string{
		0:  "6747件 ÷ 7000件 × 2.5 = 2.41",
		15: "550万 ÷ 591.764万 × 2.5 = 2.32",
		17: "200万 ÷ 264.8万 × 2.5 = 1.89",
		18: "150万 ÷ 155万 × 2.5 = 2.42",
		3:  "得满分 2.5",
		20: "分值 6 计入未计分",
	} {
		if c := r.Indicators[i].Computation; !strings.Contains(c, want) {
			t.Errorf("row %d computation %q lacks %q", i+1, c, want)
		}
	}
	if c := r.Execution.Computation; !strings.Contains(c, "1300 ÷ 10926.2") || !strings.Contains(c, "× 10 = 1.19") {
		t.Errorf("execution computation = %q", c)
	}

	// no declared scores; four large over-achievements with 已完成 as reason:
	// 88 ÷ 10 家, 198 ÷ 100 件, 151 ÷ 80 家, and the composite's 200余件 ÷ 100件
	got := rules(r.Findings)
	if len(got) != 1 || got[score.RuleTargetTooLow] != 4 {
		t.Errorf("findings = %v, want 4 target-too-low", got)
	}
	for _, fd := range r.Findings {
		switch fd.Indicator {
		case 3, 6, 8, 9:
		default:
			t.Errorf("target-too-low on row %d: %s", fd.Indicator+1, fd.Message)
		}
		if fd.Severity != jixiao.SeverityWarning || fd.Section != jixiao.SectionIndicators || fd.Field != "target" {
			t.Errorf("finding = %+v", fd)
		}
	}
}

// The second shipped scheme (产出 40 / 效益 40) changes the reference total.
//
//	产出 40 ÷ 20 = 2 per row; 效益 40 ÷ 5 = 8; 满意度 10 ÷ 5 = 2.
//	产出 = 16 × 2 = 32 + 6747/7000×2 (1.927714) + 550/591.764×2 (1.858849)
//	       + 200/264.8×2 (1.510574) + 150/155×2 (1.935484) = 39.232621
//	效益 = 2 met rows × 8 = 16, unscored 3 × 8 = 24
//	total = 1.189801 + 39.232621 + 16 + 10 = 66.422422 → 66.42, grade 中;
//	with the unscored rows at full marks: 90.42
func TestReferenceExample4040(t *testing.T) {
	f := readText(t, reftest.Text(t))
	r := scoreOf(f, builtin(t, "example-40-40"))
	near(t, "total", r.Total, "66.42")
	if r.Grade != "中" || !r.Unscored.Equal(dec("24")) {
		t.Errorf("grade %s unscored %s", r.Grade, r.Unscored)
	}
	near(t, "max", r.MaxTotal, "90.42")
	if !r.Indicators[0].Weight.Equal(dec("2")) || !r.Indicators[21].Weight.Equal(dec("8")) {
		t.Errorf("weights %s / %s", r.Indicators[0].Weight, r.Indicators[21].Weight)
	}
}

// Bands on the three qualitative rows score them: 90% × 6 = 5.4 each, so the
// reference total rises by 16.2 to 88.43 (良) and nothing is unscored.
func TestReferenceWithBands(t *testing.T) {
	text := reftest.Text(t)
	for _, old := range []string{
		"促进了区内知识产权金融水平稳步提高。",
		"支持公共服务工作站建设，增强知识产权保护能力。",
		"进一步提升了企业知识产权创造、运用和保护能力。",
	} {
		text = reftest.Replace(t, text, old, strings.TrimSuffix(old, "。")+"，90%。", 1)
	}
	r := scoreOf(readText(t, text), nil)
	near(t, "total", r.Total, "88.43")
	if r.Grade != "良" || !r.Unscored.IsZero() {
		t.Errorf("grade %s unscored %s", r.Grade, r.Unscored)
	}
	if c := r.Indicators[20].Computation; !strings.Contains(c, "90% × 6 = 5.4") {
		t.Errorf("band computation = %q", c)
	}
}

// row is one indicator of a small test form: level 2, target, actual,
// reason; level 1 follows the taxonomy.
type row struct{ l2, target, actual, reason string }

// small makes a form of year 2020 with the total funds line A, B (万元)
// and the rows.
func small(a, b string, rows ...row) *jixiao.Form {
	f := &jixiao.Form{Year: 2020,
		Header: jixiao.Header{Program: "北京市朝阳区测试项目", Region: "北京市朝阳区"},
		Funds:  jixiao.Funds{Unit: "万元"},
	}
	if a != "" {
		f.Funds.Add(jixiao.FundLine{Role: jixiao.FundTotal, Parent: -1,
			Budget:   jixiao.Amount{Text: a, Value: dec(a), Valid: true},
			Executed: jixiao.Amount{Text: b, Value: dec(b), Valid: true},
		})
	}
	for i, r := range rows {
		in := jixiao.Indicator{Level2: r.l2, Name: "测试" + r.l2, Target: r.target, Actual: r.actual, Reason: r.reason, Ordinal: i + 1}
		in.Level1 = jixiao.NormalizeLevel2(r.l2).Level1()
		in.Label = "指标：" + in.Name
		f.Indicators = append(f.Indicators, in)
	}
	return f
}

func mustParse(t *testing.T, json string) *score.Scheme {
	t.Helper()
	s, err := score.Parse("test.json", []byte(json))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// variant returns mof-2020 with some keys changed.
func variant(t *testing.T, extra string) *score.Scheme {
	t.Helper()
	return mustParse(t, `{"name": "variant", "execution_points": 10,
		"groups": [{"level1": "产出指标", "points": 50}, {"level1": "效益指标", "points": 30}, {"level1": "满意度指标", "points": 10}],
		"grades": [{"grade": "优", "min": 90}, {"grade": "良", "min": 80}, {"grade": "中", "min": 60}, {"grade": "差", "min": 0}]`+extra+`}`)
}

// Each rule of the scheme on one row: the row's rate (share of its
// weight) and its computation.
func TestRules(t *testing.T) {
	overrun := variant(t, `, "cost_overrun": "overrun"`)
	late := variant(t, `, "late_deduction_per_month_percent": 25`)
	tests := []struct {
		name   string
		scheme *score.Scheme
		row    row
		basis  score.Basis
		rate   string // "" when unscored
		comp   string
		rules  map[string]int
	}{
		{"met ≥ scores full", nil, row{"数量指标", "不少于10家", "完成10家", "已完成"}, score.BasisComputed, "1", "得满分 50", nil},
		{"over-achievement is capped at the weight", nil, row{"数量指标", "不少于10家", "完成12家", "已完成"}, score.BasisComputed, "1", "超额部分不加分", nil},
		{"not-met ≥ scores actual ÷ target", nil, row{"数量指标", "不少于7000件", "共完成6747件", "申报不足"}, score.BasisComputed, "0.9638571428571429", "6747件 ÷ 7000件 × 50 = 48.19", nil},
		{"≤ within the cap scores full", nil, row{"成本指标", "550万", "500万", "已完成"}, score.BasisComputed, "1", "得满分 50", nil},
		{"≤ over the cap scores target ÷ actual", nil, row{"成本指标", "550万", "591.764万", "超支"}, score.BasisComputed, "0.9294245679020691", "550万 ÷ 591.764万 × 50 = 46.47", nil},
		{"≤ over the cap, overrun method", overrun, row{"成本指标", "550万", "591.764万", "超支"}, score.BasisComputed, "0.9240654545454545", "(1 − (591.764万 − 550万) ÷ 550万) × 50 = 46.2", nil},
		{"overrun floored at 0", overrun, row{"成本指标", "100万", "250万", "超支"}, score.BasisComputed, "0", "= 0", nil},
		{"deadline met scores full", nil, row{"时效指标", "12月底前完成", "12月份完成", "已完成"}, score.BasisComputed, "1", "得满分 50", nil},
		{"deadline missed scores 0", nil, row{"时效指标", "9月底前完成", "11月完成", "审批延误"}, score.BasisComputed, "0", "得 0 分", nil},
		{"deadline partial credit per month late", late, row{"时效指标", "9月底前完成", "11月完成", "审批延误"}, score.BasisComputed, "0.5", "逾期 2 个月", nil},
		{"composite averages its parts", nil, row{"质量指标", "不少于5项、不少于8家", "开展4项，认定8家", "1项延期"}, score.BasisComputed, "0.9", "(80% + 100%) ÷ 2 × 50 = 45", nil},
		{"range below the lower end", nil, row{"质量指标", "80%-90%", "72%", "培训不足"}, score.BasisComputed, "0.9", "72% ÷ 80%", nil},
		{"qualitative band 90%", nil, row{"社会效益指标", "盘活知识产权资源", "效果良好，90%", "已完成"}, score.BasisComputed, "0.9", "90% × 30 = 27", nil},
		{"qualitative band 70%", nil, row{"社会效益指标", "盘活知识产权资源", "部分达成，70%", "部分项目未落地"}, score.BasisComputed, "0.7", "70% × 30 = 21", nil},
		{"qualitative without band is unscored", nil, row{"社会效益指标", "盘活知识产权资源", "效果良好", "已完成"}, score.BasisUnscored, "", "分值 30 计入未计分", nil},
		{"unreadable actual is unscored", nil, row{"数量指标", "不少于10家", "", "—"}, score.BasisUnscored, "", "无法判定", nil},
		{"an actual of 无 scores 0", nil, row{"数量指标", "不少于10家", "无", "项目未启动"}, score.BasisComputed, "0", "视为未完成，得 0 分", nil},
		{"target-too-low: 130% without explanation", nil, row{"数量指标", "不少于10家", "完成13家", "已完成"}, score.BasisComputed, "1", "得满分", map[string]int{score.RuleTargetTooLow: 1}},
		{"target-too-low: below 130% is fine", nil, row{"数量指标", "不少于10家", "完成12.9家", ""}, score.BasisComputed, "1", "得满分", nil},
		{"target-too-low: explained", nil, row{"数量指标", "不少于10家", "完成30家", "政策调整，申报企业大幅增加"}, score.BasisComputed, "1", "得满分", nil},
		{"target-too-low: off at 0", variant(t, `, "over_achievement_percent": 0`), row{"数量指标", "不少于10家", "完成30家", "已完成"}, score.BasisComputed, "1", "得满分", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := small("100", "100", tt.row)
			r := scoreOf(f, tt.scheme)
			is := r.Indicators[0]
			if is.Basis != tt.basis {
				t.Fatalf("basis = %s, want %s (%s)", is.Basis, tt.basis, is.Computation)
			}
			if tt.rate == "" {
				if is.Score != nil || is.Rate != nil {
					t.Errorf("score %v rate %v, want none", is.Score, is.Rate)
				}
				if !r.Unscored.Equal(is.Weight.Mul(r.Scale)) {
					t.Errorf("unscored = %s, want the row's weight %s", r.Unscored, is.Weight)
				}
			} else if is.Rate == nil || !is.Rate.Round(16).Equal(dec(tt.rate)) {
				t.Errorf("rate = %v, want %s (%s)", is.Rate, tt.rate, is.Computation)
			} else if !is.Score.Equal(is.Rate.Mul(is.Weight)) {
				t.Errorf("score %s ≠ rate × weight", is.Score)
			}
			if !strings.Contains(is.Computation, tt.comp) {
				t.Errorf("computation %q lacks %q", is.Computation, tt.comp)
			}
			got := rules(r.Findings)
			if len(got) != len(tt.rules) {
				t.Errorf("findings %v, want %v", got, tt.rules)
			}
			for k, n := range tt.rules {
				if got[k] != n {
					t.Errorf("findings %v, want %v", got, tt.rules)
				}
			}
		})
	}
}

// Budget execution: min(B/A, 1) × 10; unknown budget is unscored; a budget
// of 0 is not applicable and the rest is rescaled to 100.
func TestExecution(t *testing.T) {
	met := row{"数量指标", "不少于10家", "10家", "已完成"}
	sat := row{"服务对象满意度指标", "≥90%", "95%", "已完成"}
	eff := row{"社会效益指标", "≥10件", "10件", "已完成"}
	tests := []struct {
		name           string
		a, b           string
		basis          score.Basis
		exec, total    string
		unscored, comp string
	}{
		{"half executed", "200", "100", score.BasisComputed, "5", "95", "0", "50% × 10 = 5"},
		{"over-executed counts as 100%", "100", "120", score.BasisComputed, "10", "100", "0", "超过 100% 按 100% 计"},
		{"no funds line: unscored", "", "", score.BasisUnscored, "", "90", "10", "无法计算"},
		{"budget 0: not applicable, rescaled", "0", "0", score.BasisNotApplicable, "", "100", "0", "不适用"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoreOf(small(tt.a, tt.b, met, eff, sat), nil)
			e := r.Execution
			if e.Basis != tt.basis || !strings.Contains(e.Computation, tt.comp) {
				t.Errorf("execution = %s %q", e.Basis, e.Computation)
			}
			if tt.exec != "" && (e.Score == nil || !e.Score.Equal(dec(tt.exec))) {
				t.Errorf("execution score = %v, want %s", e.Score, tt.exec)
			}
			if !r.Total.Equal(dec(tt.total)) || !r.Unscored.Equal(dec(tt.unscored)) {
				t.Errorf("total %s unscored %s, want %s / %s", r.Total, r.Unscored, tt.total, tt.unscored)
			}
		})
	}
}

// Not applicable rows (不适用 / 不涉及 / N/A in the target or actual) are
// dropped: with equal shares the other rows of the group share its points;
// a group left without rows drops its points and the rest is rescaled to
// 100.
func TestNotApplicable(t *testing.T) {
	a := row{"数量指标", "不少于10家", "10家", "已完成"}
	b := row{"数量指标", "不少于10件", "5件", "企业申报少"}
	sat := row{"服务对象满意度指标", "≥90%", "95%", "已完成"}

	// one of three 产出 rows not applicable: the other two share 50 (25 each)
	r := scoreOf(small("100", "100", a, b, row{"数量指标", "不适用", "不适用", ""}, row{"社会效益指标", "≥1项", "1项", "已完成"}, sat), nil)
	if is := r.Indicators[2]; is.Basis != score.BasisNotApplicable || is.Score != nil {
		t.Errorf("row 3 = %+v", is)
	}
	if !r.Indicators[0].Weight.Equal(dec("25")) || !r.Indicators[1].Weight.Equal(dec("25")) {
		t.Errorf("weights %s %s", r.Indicators[0].Weight, r.Indicators[1].Weight)
	}
	// 10 + 25 + 5/10 × 25 + 30 + 10 = 87.5, nothing dropped
	if !r.Total.Equal(dec("87.5")) || !r.Scale.Equal(dec("1")) {
		t.Errorf("total %s scale %s", r.Total, r.Scale)
	}

	// the only 效益 row is 不涉及 (and N/A in another spelling): 30 points
	// dropped, 10 + 25 + 12.5 + 10 = 57.5 of 70 → 57.5 × 100 ÷ 70 = 82.14
	for _, na := range []string{"不涉及", "N/A", "ｎ／ａ"} {
		r = scoreOf(small("100", "100", a, b, row{"社会效益指标", "≥1项", na, ""}, sat), nil)
		if r.Indicators[2].Basis != score.BasisNotApplicable {
			t.Errorf("%s: basis %s", na, r.Indicators[2].Basis)
		}
		if !r.Applicable.Equal(dec("70")) {
			t.Errorf("%s: applicable %s", na, r.Applicable)
		}
		near(t, na+" total", r.Total, "82.14")
		if r.Grade != "良" {
			t.Errorf("%s: grade %s", na, r.Grade)
		}
		if !strings.Contains(strings.Join(r.Steps, "\n"), "57.5 × 100 ÷ 70 = 82.14") {
			t.Errorf("steps = %q", r.Steps)
		}
	}
}

// Grades: the thresholds are the scheme's.
func TestGrades(t *testing.T) {
	mof := score.Default()
	prov := mustParse(t, `{"execution_points": 10, "groups": [{"level1": "产出", "points": 50}, {"level1": "效益", "points": 30}, {"level1": "满意度", "points": 10}],
		"grades": [{"grade": "差", "min": 0}, {"grade": "中", "min": 60}, {"grade": "良", "min": 70}, {"grade": "优", "min": 80}]}`)
	for _, tt := range []struct{ total, mof, prov string }{
		{"100", "优", "优"}, {"90", "优", "优"}, {"89.99", "良", "优"}, {"80", "良", "优"},
		{"79.99", "中", "良"}, {"70", "中", "良"}, {"60", "中", "中"}, {"59.99", "差", "差"}, {"0", "差", "差"},
	} {
		if g := mof.GradeOf(dec(tt.total)); g != tt.mof {
			t.Errorf("mof-2020 grade of %s = %s, want %s", tt.total, g, tt.mof)
		}
		if g := prov.GradeOf(dec(tt.total)); g != tt.prov {
			t.Errorf("80/70/60 grade of %s = %s, want %s", tt.total, g, tt.prov)
		}
	}
	// the grade goes by the total as shown: 89.996 is shown 90.00 and is 优
	r := scoreOf(small("1000", "999.6", row{"数量指标", "≥1家", "1家", "已完成"}, row{"社会效益指标", "≥1项", "1项", "已完成"}, row{"服务对象满意度指标", "≥90%", "95%", "已完成"}), nil)
	if r.Total.String() != "99.996" || r.Grade != "优" {
		t.Errorf("total %s grade %s", r.Total, r.Grade)
	}
}

// Execution caps (a provincial rule, off in mof-2020): the total is capped
// by the execution rate.
func TestExecutionCaps(t *testing.T) {
	prov, err := score.Load("testdata/provincial.json")
	if err != nil {
		t.Fatal(err)
	}
	rows := []row{{"数量指标", "≥1家", "1家", "已完成"}, {"社会效益指标", "≥1项", "1项", "已完成"}, {"服务对象满意度指标", "≥90%", "95%", "已完成"}}
	tests := []struct {
		name, a, b, total, grade string
		capped                   bool
	}{
		{"100%: no cap", "100", "100", "100", "优", false},
		{"80%: no cap", "100", "80", "98", "优", false},
		{"75% → at most 89", "100", "75", "89", "优", true},
		{"65% → at most 79", "100", "65", "79", "良", true},
		{"55% → at most 69", "100", "55", "69", "中", true},
		{"45% → at most 59", "100", "45", "59", "差", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := scoreOf(small(tt.a, tt.b, rows...), prov)
			if !r.Total.Equal(dec(tt.total)) || r.Grade != tt.grade || (r.Cap != nil) != tt.capped {
				t.Errorf("total %s grade %s cap %+v; want %s %s capped=%v", r.Total, r.Grade, r.Cap, tt.total, tt.grade, tt.capped)
			}
			if tt.capped && !strings.Contains(strings.Join(r.Steps, "\n"), "总分上限 "+tt.total) {
				t.Errorf("steps = %q", r.Steps)
			}
			// mof-2020 has no caps
			if m := scoreOf(small(tt.a, tt.b, rows...), nil); m.Cap != nil {
				t.Errorf("mof-2020 capped: %+v", m.Cap)
			}
		})
	}

	// the reference form (11.9% executed) is capped at 59 under the provincial scheme
	ref := scoreOf(readText(t, reftest.Text(t)), prov)
	if !ref.Total.Equal(dec("59")) || ref.Cap == nil || !ref.Cap.MaxTotal.Equal(dec("59")) || ref.Grade != "差" {
		t.Errorf("reference under caps: total %s cap %+v grade %s", ref.Total, ref.Cap, ref.Grade)
	}
	near(t, "before the cap", ref.Cap.Before, "72.23")
}

// scored is a scored-variant form (财预〔2020〕10号 style) whose declared
// scores are all right:
//
//	execution 387664.62 ÷ 500000 = 77.532924% × 10 = 7.753292 (declared 7.75)
//	资助企业数量   50 ≥ 50个, met                     20  (declared 20)
//	资金拨付及时率 95% < 100%: 95 ÷ 100 × 10         9.5 (declared 9.5)
//	单个企业资助标准 0.8万元 ≤ 1万元, met              20  (declared 20)
//	带动专利转化数量 27 < 30件: 27 ÷ 30 × 30          27  (declared 27)
//	企业满意度     95% ≥ 90%, met                     10  (declared 10)
//	total 7.753292 + 86.5 = 94.253292 → 94.25, 优
//
// The 分值 add up: 10 + 产出 50 + 效益 30 + 满意度 10 = 100.
const scored = "项目名称\t河北省石家庄市长安区专利转化专项\n" +
	"主管部门\t石家庄市长安区市场监督管理局\t实施单位\t长安区知识产权服务中心\n" +
	"项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n" +
	"\t年度资金总额\t500000\t500000\t387664.62\t10\t77.53%\t{exec}\n" +
	"\t其中：当年财政拨款\t500000\t500000\t387664.62\t—\t77.53%\t—\n" +
	"一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n" +
	"产出指标\t数量指标\t资助企业数量\t≧50个\t50\t20\t20\t\n" +
	"\t时效指标\t资金拨付及时率\t﹦100%\t95%\t10\t{row2}\t个别企业材料不全\n" +
	"\t成本指标\t单个企业资助标准\t≤1万元\t0.8万元\t20\t20\t\n" +
	"效益指标\t社会效益指标\t带动专利转化数量\t≥30件\t27件\t30\t27\t部分项目延期\n" +
	"满意度指标\t服务对象满意度指标\t企业满意度\t≥90%\t95%\t{w5}\t{s5}\t\n" +
	"总分\t\t\t\t\t100\t{total}\t\n" +
	"自评等级\t{grade}\n"

func scoredForm(t *testing.T, kv ...string) *jixiao.Form {
	t.Helper()
	vals := map[string]string{"{exec}": "7.75", "{row2}": "9.5", "{w5}": "10", "{s5}": "10", "{total}": "94.25", "{grade}": "优"}
	for i := 0; i+1 < len(kv); i += 2 {
		vals[kv[i]] = kv[i+1]
	}
	text := scored
	for k, v := range vals {
		text = strings.ReplaceAll(text, k, v)
	}
	return readText(t, text)
}

func TestScoredVariant(t *testing.T) {
	type want struct {
		rule, field string
		indicator   int
		sev         jixiao.Severity
		has         []string
	}
	tests := []struct {
		name  string
		kv    []string
		total string
		want  []want
	}{
		{"all declared scores right", nil, "94.25", nil},
		{"one row disagrees, total as computed: one mismatch",
			[]string{"{row2}", "10"}, "94.25",
			[]want{{score.RuleMismatch, "score", 1, jixiao.SeverityError, []string{"申报为 10", "计算为 9.5"}}}},
		{"one row disagrees and the total adds the declared scores: two mismatches",
			[]string{"{row2}", "10", "{total}", "94.75"}, "94.25",
			[]want{
				{score.RuleMismatch, "score", 1, jixiao.SeverityError, []string{"申报为 10", "计算为 9.5"}},
				{score.RuleMismatch, "total_score", -1, jixiao.SeverityError, []string{"总分申报为 94.75", "计算为 94.25"}},
			}},
		{"declared grade differs", []string{"{grade}", "良"}, "94.25",
			[]want{{score.RuleMismatch, "grade", -1, jixiao.SeverityError, []string{"“良”", "“优”"}}}},
		{"grade written 优秀 is 优", []string{"{grade}", "优秀"}, "94.25", nil},
		{"execution score disagrees", []string{"{exec}", "7.80"}, "94.25",
			[]want{{score.RuleMismatch, "score", -1, jixiao.SeverityError, []string{"预算执行得分申报为 7.80", "计算为 7.75"}}}},
		{"declared scores rounded to one place agree", []string{"{exec}", "7.8", "{total}", "94.3"}, "94.25", nil},
		{"a whole number is not a rounding", []string{"{exec}", "8"}, "94.25",
			[]want{{score.RuleMismatch, "score", -1, jixiao.SeverityError, []string{"预算执行得分申报为 8", "计算为 7.75"}}}},
		{"weights do not add up", []string{"{w5}", "5", "{s5}", "5", "{total}", "89.25", "{grade}", "良"}, "89.25",
			[]want{
				{score.RuleWeights, "weight", -1, jixiao.SeverityError, []string{"合计为 95", "应为 100"}},
				{score.RuleWeights, "weight", -1, jixiao.SeverityWarning, []string{"满意度指标的分值合计为 5", "规定为 10"}},
			}},
		{"a row without 分值 falls back to the scheme's shares", []string{"{w5}", "", "{s5}", ""}, "",
			[]want{{score.RuleWeights, "weight", 4, jixiao.SeverityError, []string{"未填写分值"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := scoredForm(t, tt.kv...)
			r := scoreOf(f, nil)
			if tt.total != "" {
				near(t, "total", r.Total, tt.total)
				if r.WeightsFrom != "form" {
					t.Errorf("weights from %s", r.WeightsFrom)
				}
			} else if r.WeightsFrom != "scheme" {
				t.Errorf("weights from %s, want the scheme's", r.WeightsFrom)
			}
			var got []jixiao.Finding
			for _, fd := range r.Findings {
				if fd.Rule == score.RuleMismatch || fd.Rule == score.RuleWeights {
					got = append(got, fd)
				}
			}
			if tt.total == "" { // fallback: equal shares (total 93.92), rows not checked one by one
				if len(got) != 2 || got[0].Rule != score.RuleWeights || got[0].Indicator != 4 ||
					got[1].Rule != score.RuleMismatch || got[1].Field != "total_score" {
					t.Errorf("findings = %+v", got)
				}
				if !r.Indicators[0].Weight.Equal(dec("50").DivRound(dec("3"), 16)) {
					t.Errorf("fallback weight = %s", r.Indicators[0].Weight)
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d findings, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Rule != w.rule || g.Field != w.field || g.Indicator != w.indicator || g.Severity != w.sev {
					t.Errorf("finding %d = %+v, want %+v", i, g, w)
				}
				for _, s := range w.has {
					if !strings.Contains(g.Message, s) {
						t.Errorf("finding %d message %q lacks %q", i, g.Message, s)
					}
				}
			}
		})
	}
}

// A row the rules cannot score (qualitative, no band) takes the declared
// 得分 of a scored form, so the total agrees with the form's.
func TestDeclaredWhenUnscored(t *testing.T) {
	f := scoredForm(t)
	f.Indicators[3].Target = "带动专利转化"
	f.Indicators[3].Actual = "带动效果明显"
	r := scoreOf(f, nil)
	is := r.Indicators[3]
	if is.Basis != score.BasisDeclared || is.Score == nil || !is.Score.Equal(dec("27")) {
		t.Fatalf("row 4 = %+v", is)
	}
	near(t, "total", r.Total, "94.25")
	if !r.Unscored.IsZero() || len(r.Findings) != 0 {
		t.Errorf("unscored %s findings %+v", r.Unscored, r.Findings)
	}
	off := variant(t, `, "use_declared_when_unscored": false`)
	r = scoreOf(f, off)
	if r.Indicators[3].Basis != score.BasisUnscored || !r.Unscored.Equal(dec("30")) {
		t.Errorf("with use_declared_when_unscored false: %s, unscored %s", r.Indicators[3].Basis, r.Unscored)
	}
}

// Forms with 分值 scored without using them when the scheme says so.
func TestIgnoreFormWeights(t *testing.T) {
	s := variant(t, `, "use_form_weights": false`)
	r := scoreOf(scoredForm(t), s)
	if r.WeightsFrom != "scheme" || !r.Indicators[3].Weight.Equal(dec("30")) || !r.Indicators[0].Weight.Equal(dec("50").DivRound(dec("3"), 16)) {
		t.Errorf("weights from %s: %s, %s", r.WeightsFrom, r.Indicators[3].Weight, r.Indicators[0].Weight)
	}
}

// A form whose rows stand outside the scheme's groups: weight 0 and a warning.
func TestOutsideScheme(t *testing.T) {
	f := small("100", "100", row{"数量指标", "≥1家", "1家", "已完成"})
	f.Indicators = append(f.Indicators, jixiao.Indicator{Level1: "其他指标", Level2: "其他", Name: "其他", Target: "≥1家", Actual: "1家", Reason: "已完成"})
	r := scoreOf(f, nil)
	if is := r.Indicators[1]; !is.Weight.IsZero() || is.Score != nil {
		t.Errorf("outside row = %+v", is)
	}
	if got := rules(r.Findings); got[score.RuleWeights] != 1 {
		t.Errorf("findings = %v", got)
	}
	// 效益 and 满意度 have no rows: 40 dropped, 60 of 60 → 100
	if !r.Total.Equal(dec("100")) {
		t.Errorf("total = %s", r.Total)
	}
}

func BenchmarkScoreReference(b *testing.B) {
	forms, err := textform.Reader{}.ReadForms("ref.txt", []byte(reftest.Text(b)))
	if err != nil {
		b.Fatal(err)
	}
	f := forms[0]
	s := score.Default()
	results := judge.Form(f)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := score.Form(f, results, s)
		if r.Grade == "" {
			b.Fatal("no grade")
		}
	}
}

// The scored variant as an Excel workbook, read by the Excel reader: the
// same declared scores, the same total and the same single mismatch.
func TestScoredVariantXLSX(t *testing.T) {
	text := strings.NewReplacer("{exec}", "7.75", "{row2}", "10", "{w5}", "10", "{s5}", "10", "{total}", "94.25", "{grade}", "优").Replace(scored)
	x := excelize.NewFile()
	for y, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		for c, cell := range strings.Split(line, "\t") {
			name, _ := excelize.CoordinatesToCellName(c+1, y+1)
			if err := x.SetCellStr("Sheet1", name, cell); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	forms, err := xlsx.Reader{}.ReadForms("scored.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	f := forms[0]
	r := scoreOf(f, nil)
	near(t, "total", r.Total, "94.25")
	if r.WeightsFrom != "form" || f.TotalScore != "94.25" || f.Grade != "优" {
		t.Errorf("weights from %s, declared total %q grade %q", r.WeightsFrom, f.TotalScore, f.Grade)
	}
	if len(r.Findings) != 1 || r.Findings[0].Rule != score.RuleMismatch || r.Findings[0].Indicator != 1 {
		t.Errorf("findings = %+v", r.Findings)
	}
}
