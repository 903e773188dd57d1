package check_test

import (
	"fmt"
	"slices"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/textform"
)

func run(t *testing.T, text string) jixiao.Report {
	t.Helper()
	forms, err := textform.Reader{}.ReadForms("form.txt", []byte(text))
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	return check.Form(forms[0], audit.Defaults())
}

// keys lists findings as "rule@at" in order.
func keys(fs []jixiao.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule + "@" + f.At
	}
	return out
}

// The worked example of docs/domain.md §10, exactly.
func TestReferenceForm(t *testing.T) {
	r := run(t, reftest.Text(t))
	s := r.Summary
	if s.Indicators != 30 || s.Met != 23 || s.NotMet != 4 || s.Qualitative != 3 || s.Undetermined != 0 {
		t.Errorf("statuses: %+v", s)
	}
	wantNotMet := []string{
		"产出指标/数量指标/指标1", "产出指标/成本指标/指标1", "产出指标/成本指标/指标3", "产出指标/成本指标/指标4",
	}
	wantQualitative := []string{"效益指标/经济效益指标/指标1", "效益指标/社会效益指标/指标2", "效益指标/可持续影响指标/指标1"}
	var notMet, qualitative []string
	for _, a := range r.Indicators {
		switch a.Status {
		case jixiao.StatusNotMet:
			notMet = append(notMet, a.Path)
		case jixiao.StatusQualitative:
			qualitative = append(qualitative, a.Path)
		}
	}
	if !slices.Equal(notMet, wantNotMet) {
		t.Errorf("not met = %v, want %v", notMet, wantNotMet)
	}
	if !slices.Equal(qualitative, wantQualitative) {
		t.Errorf("qualitative = %v, want %v", qualitative, wantQualitative)
	}
	completions := map[int]string{
		0:  "0.9639", // 6747 / 7000
		4:  "1.0556", // 19 / 18 (the stated total, not a part)
		5:  "1.2748", // 11473 / 9000 (not 2020)
		7:  "1",      // 1.8亿元 / 1.8亿元
		15: "0.9294", // 550 / 591.764 (a cap: target / actual)
		17: "0.7553", // 200 / 264.8
		18: "0.9677", // 150 / 155
		19: "1.4286", // composite cost row: the lowest part, 70 / 49
		23: "1",      // 5亿元以上 against 5亿元
	}
	for i, want := range completions {
		got := "null"
		if c := r.Indicators[i].Completion; c != nil {
			got = c.String()
		}
		if got != want {
			t.Errorf("indicator %d (%s) completion = %s, want %s (%s)", i, r.Indicators[i].Path, got, want, r.Indicators[i].Explanation)
		}
	}
	for _, i := range []int{10, 11, 12, 13, 14} { // 12月份完成 against 12月底前完成
		if a := r.Indicators[i]; a.Status != jixiao.StatusMet || a.Comparator == "" {
			t.Errorf("timeliness %s: %s %q", a.Path, a.Status, a.Explanation)
		}
	}
	if parts := r.Indicators[19].Parts; len(parts) != 3 || parts[2].Actual != "22.436万" {
		t.Errorf("composite cost parts = %+v", parts)
	}

	want := []string{
		"low-execution@资金情况/年度资金总额",
		"rate-rounding@资金情况/年度资金总额",
		"low-execution@资金情况/中央财政资金",
		"rate-rounding@资金情况/中央财政资金",
		"not-met-marked-done@产出指标/成本指标/指标1",
		"not-met-marked-done@产出指标/成本指标/指标3",
		"not-met-marked-done@产出指标/成本指标/指标4",
		"qualitative-band-missing@效益指标/经济效益指标/指标1",
		"duplicate-indicator@效益指标/社会效益指标/指标1",
		"qualitative-band-missing@效益指标/社会效益指标/指标2",
		"qualitative-band-missing@效益指标/可持续影响指标/指标1",
		"notes-unfilled@说明",
	}
	if got := keys(r.Findings); !slices.Equal(got, want) {
		t.Errorf("findings:\n got  %v\n want %v", got, want)
	}
	if s.Errors != 3 || s.Warnings != 6 || s.Infos != 3 {
		t.Errorf("summary = %+v", s)
	}
	for _, f := range r.Findings {
		if f.Message == "" || !hasHan(f.Message) {
			t.Errorf("finding %s has no Chinese message", f.Rule)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// Variants of the reference text, each causing exactly the findings it
// should, and no other change.
func TestVariants(t *testing.T) {
	ref := reftest.Text(t)
	base := keys(run(t, ref).Findings)
	tests := []struct {
		name        string
		text        string
		added, gone []string
		status      map[int]jixiao.Status
	}{
		{
			name:   "change one number: a quantity row falls short",
			text:   reftest.Replace(t, ref, "专利技术产业化项目资助10家。", "专利技术产业化项目资助9家。", 1),
			added:  []string{"not-met-marked-done@产出指标/数量指标/指标2"},
			status: map[int]jixiao.Status{1: jixiao.StatusNotMet},
		},
		{
			name:  "drop a header row",
			text:  reftest.DropRow(t, ref, "\t中央主管部门\n", 1),
			added: []string{"missing-field@基本信息/中央主管部门"},
		},
		{
			name: "drop an indicator row: the duplicate goes",
			text: reftest.DropRow(t, ref, "指标1：发明专利授权量", 1),
			gone: []string{"duplicate-indicator@效益指标/社会效益指标/指标1"},
		},
		{
			name:  "break the funds sum",
			text:  reftest.Replace(t, ref, "\t10926.2\n", "\t10936.2\n", 1),
			added: []string{"funds-sum@资金情况/年度资金总额"},
		},
		{
			name:  "break a parts sum",
			text:  reftest.Replace(t, ref, "共19家", "共20家", 1),
			added: []string{"parts-sum@产出指标/数量指标/指标5"},
		},
		{
			name:   "add a band percentage to a qualitative row",
			text:   reftest.Replace(t, ref, "促进了区内知识产权金融水平稳步提高。", "促进了区内知识产权金融水平稳步提高，完成度90%。", 1),
			gone:   []string{"qualitative-band-missing@效益指标/经济效益指标/指标1"},
			status: map[int]jixiao.Status{20: jixiao.StatusMet},
		},
		{
			name:   "a band of 70% is only partly reached",
			text:   reftest.Replace(t, ref, "促进了区内知识产权金融水平稳步提高。", "促进了区内知识产权金融水平稳步提高，70%。", 1),
			gone:   []string{"qualitative-band-missing@效益指标/经济效益指标/指标1"},
			added:  []string{"not-met-marked-done@效益指标/经济效益指标/指标1"},
			status: map[int]jixiao.Status{20: jixiao.StatusNotMet},
		},
		{
			name:  "a declared rate that is wrong",
			text:  reftest.Replace(t, ref, "\t3.700%", "\t3.800%", 1),
			gone:  []string{"rate-rounding@资金情况/中央财政资金"},
			added: []string{"execution-rate@资金情况/中央财政资金"},
		},
		{
			name:  "a rate written as a fraction",
			text:  reftest.Replace(t, ref, "\t100%\n\n\t\n\t        其他资金", "\t1\n\n\t\n\t        其他资金", 1),
			added: nil,
		},
		{
			name:  "a reason left out",
			text:  reftest.Replace(t, ref, "\t由于专利资助和奖励项目属于普惠制政策，资助件数和资助资金均与申报情况有关。", "\t", 1),
			added: []string{"reason-missing@产出指标/数量指标/指标1"},
		},
		{
			name:   "units that do not compare",
			text:   reftest.Replace(t, ref, "专利技术产业化项目资助10家。", "专利技术产业化项目资助10件。", 1),
			added:  []string{"unit-mismatch@产出指标/数量指标/指标2"},
			status: map[int]jixiao.Status{1: jixiao.StatusUndetermined},
		},
		{
			name:   "an actual without a number",
			text:   reftest.Replace(t, ref, "专利技术产业化项目资助10家。", "已资助。", 1),
			added:  []string{"undetermined@产出指标/数量指标/指标2"},
			status: map[int]jixiao.Status{1: jixiao.StatusUndetermined},
		},
		{
			name:  "cost rows spend more than was executed",
			text:  reftest.Replace(t, ref, "49万、17万、22.436万", "49万、17万、32.436万", 1),
			added: []string{"cost-vs-executed@产出指标/成本指标"},
		},
		{
			name:   "a composite part missing from the actual",
			text:   reftest.Replace(t, ref, "知识产权服务机构认定8家，解答", "解答", 1),
			added:  []string{"composite-mismatch@产出指标/质量指标/指标5"},
			status: map[int]jixiao.Status{9: jixiao.StatusUndetermined},
		},
		{
			name:  "a level-2 name outside the taxonomy",
			text:  reftest.Replace(t, ref, "\t满意度\n", "\t满意度情况\n", 1),
			added: []string{"taxonomy@满意度情况/服务对象满意度指标/指标1"},
		},
		{
			name: "notes filled",
			text: reftest.Replace(t, ref, "请在此处简要说明中央巡视、各级审计和财政监督中发现的问题及其所涉及的金额，如没有请填无。", "无", 1),
			gone: []string{"notes-unfilled@说明"},
		},
		{
			name:  "executed over budget on the other-funds line",
			text:  reftest.Replace(t, reftest.Replace(t, ref, "\t0\n\t0\n\t　", "\t0\n\t5\n\t　", 1), "\t1300\n", "\t1305\n", 1),
			added: []string{"executed-over-budget@资金情况/其他资金"},
		},
		// direction from meaning (docs/directions.md)
		{
			name:   "a lower-is-better rate without comparator, reached",
			text:   reftest.Replace(t, ref, "\t指标2：产业化项目转化专利\n\t不少于100件\n\t产业化项目转化专利198件。", "\t指标2：专利侵权纠纷发生率\n\t2%\n\t专利侵权纠纷发生率为0.5%。", 1),
			status: map[int]jixiao.Status{6: jixiao.StatusMet},
		},
		{
			name:   "a lower-is-better rate without comparator, missed",
			text:   reftest.Replace(t, ref, "\t指标2：产业化项目转化专利\n\t不少于100件\n\t产业化项目转化专利198件。", "\t指标2：专利侵权纠纷发生率\n\t2%\n\t专利侵权纠纷发生率为3%。", 1),
			added:  []string{"not-met-marked-done@产出指标/质量指标/指标2"},
			status: map[int]jixiao.Status{6: jixiao.StatusNotMet},
		},
		// funds lines as other forms write them (docs/funds.md)
		{
			name: "地方资金 as provincial, municipal and district lines",
			text: reftest.Replace(t, ref, localRow, fundRow("省级资金", "500", "500", "100%")+fundRow("市级资金", "300", "300", "100%")+fundRow("区级资金", "126.2", "126.2", "100%"), 1),
		},
		{
			name: "地方资金 with 其中 lines under it",
			text: reftest.Replace(t, ref, localRow, localRow+fundRow("其中：市级资金", "600", "600", "100%")+fundRow("区级资金", "326.2", "326.2", "100%"), 1),
		},
		{
			name:  "其中 lines under 地方资金 that do not add up",
			text:  reftest.Replace(t, ref, localRow, localRow+fundRow("其中：市级资金", "600", "600", "100%")+fundRow("区级资金", "326.5", "326.2", "100%"), 1),
			added: []string{"funds-sum@资金情况/地方资金"},
		},
		{
			name: "sources by kind of money",
			text: reftest.Replace(t, reftest.Replace(t, reftest.Replace(t, ref, " 其中：中央财政资金", " 其中：本年财政拨款", 1), "       地方资金", "上年结转资金", 1), "        其他资金", "单位资金", 1),
			// the findings name the lines as written
			added: []string{"low-execution@资金情况/本年财政拨款", "rate-rounding@资金情况/本年财政拨款"},
			gone:  []string{"low-execution@资金情况/中央财政资金", "rate-rounding@资金情况/中央财政资金"},
		},
		{
			name: "amounts written with their units",
			text: reftest.Replace(t, reftest.Replace(t, ref, "\t10926.2\n", "\t10926.2万元\n", 1), "\t373.8\n", "\t3738000元\n", 1),
		},
		{
			name:  "a mismatch of a few hundredths",
			text:  reftest.Replace(t, ref, "\t10926.2\n", "\t10926.23\n", 1),
			added: []string{"funds-sum@资金情况/年度资金总额"},
		},
		{
			name:  "a total left 0 / 0 / 0 while the sources are filled",
			text:  reftest.Replace(t, reftest.Replace(t, reftest.Replace(t, ref, "\t10926.2\n", "\t0\n", 1), "\t1300\n", "\t0\n", 1), "\t11.900%", "\t0", 1),
			added: []string{"funds-sum@资金情况/年度资金总额", "funds-sum@资金情况/年度资金总额"},
			gone:  []string{"low-execution@资金情况/年度资金总额", "rate-rounding@资金情况/年度资金总额"},
		},
		{
			name:  "a funds cell that is not an amount",
			text:  reftest.Replace(t, ref, localRow, fundRow("地方资金", "见附表", "926.2", "100%"), 1),
			added: []string{"funds-unreadable@资金情况/地方资金"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.text)
			got := keys(r.Findings)
			added, gone := diff(got, base), diff(base, got)
			if !sameSet(added, tt.added) || !sameSet(gone, tt.gone) {
				t.Errorf("added %v (want %v), gone %v (want %v)", added, tt.added, gone, tt.gone)
				for _, f := range r.Findings {
					if slices.Contains(added, f.Rule+"@"+f.At) {
						t.Logf("  %s: %s", f.Rule, f.Message)
					}
				}
			}
			for i, st := range tt.status {
				if r.Indicators[i].Status != st {
					t.Errorf("indicator %d (%s) = %s, want %s: %s", i, r.Indicators[i].Path, r.Indicators[i].Status, st, r.Indicators[i].Explanation)
				}
			}
		})
	}
}

// localRow is the reference form's 地方资金 row in its text rendering.
const localRow = "\t\n\t       地方资金\n\t926.2\n\t926.2\n\t100%\n\n"

// fundRow renders a funds row as the reference text does.
func fundRow(label, a, b, rate string) string {
	return "\t\n\t" + label + "\n\t" + a + "\n\t" + b + "\n\t" + rate + "\n\n"
}

// diff returns the elements of a not in b (as multisets).
func diff(a, b []string) []string {
	count := map[string]int{}
	for _, s := range b {
		count[s]++
	}
	var out []string
	for _, s := range a {
		if count[s] > 0 {
			count[s]--
			continue
		}
		out = append(out, s)
	}
	return out
}

func sameSet(a, b []string) bool {
	return len(diff(a, b)) == 0 && len(diff(b, a)) == 0
}

func BenchmarkCheckReference(b *testing.B) {
	data := []byte(reftest.Text(b))
	cfg := audit.Defaults()
	b.ReportAllocs()
	for b.Loop() {
		forms, err := textform.Reader{}.ReadForms("form.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		r := check.Form(forms[0], cfg)
		if r.Summary.Indicators != 30 {
			b.Fatal(fmt.Sprint(r.Summary))
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "forms/s")
}

// A form in another layout: tab-separated rows without blank lines, funds
// in 元, comparators and units in their own columns (≧, ﹦).
func TestOtherLayout(t *testing.T) {
	r := run(t, reftest.Variant(t, "xihua-2021-agri.txt"))
	var got []string
	for _, a := range r.Indicators {
		got = append(got, a.Target+"→"+string(a.Status))
	}
	want := []string{"≥5000亩→met", "≧2万亩→not_met", "﹦100%→met", "≤1600元/亩→met",
		"2021年11月30日前→not_met", "有效→met", "≥90%→met"}
	if !slices.Equal(got, want) {
		t.Errorf("statuses\n got  %v\n want %v", got, want)
	}
	if k := keys(r.Findings); !slices.Equal(k, []string{"not-met-marked-done@产出指标/时效指标/资金拨付时间"}) {
		t.Errorf("findings = %v", k)
	}
	if r.Form.Funds.Unit != "元" || r.Form.Year != 2021 || r.Form.Header.Region != "河南省周口市西华县" {
		t.Errorf("form: %q %d %q", r.Form.Funds.Unit, r.Form.Year, r.Form.Header.Region)
	}
}
