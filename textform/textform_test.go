package textform_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/textform"
)

func read(t *testing.T, text string) *jixiao.Form {
	t.Helper()
	forms, err := textform.Reader{}.ReadForms("form.txt", []byte(text))
	if err != nil {
		t.Fatalf("ReadForms: %v", err)
	}
	if len(forms) != 1 {
		t.Fatalf("got %d forms, want 1", len(forms))
	}
	return forms[0]
}

func TestReferenceForm(t *testing.T) {
	f := read(t, reftest.Text(t))
	checks := []struct{ name, got, want string }{
		{"title", f.Title, "2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表"},
		{"year text", f.YearText, "（2020年度）"},
		{"program", f.Header.Program, "北京市朝阳区知识产权运营服务体系建设"},
		{"central", f.Header.CentralDept, "国家知识产权局"},
		{"local", f.Header.LocalDept, "北京市朝阳区市场监督管理局"},
		{"unit", f.Header.Unit, "北京市朝阳区市场监督管理局"},
		{"region", f.Header.Region, "北京市朝阳区"},
		{"funds unit", f.Funds.Unit, "万元"},
		{"total A", f.Funds.TotalLine().Budget.Value.String(), "10926.2"},
		{"total B", f.Funds.TotalLine().Executed.Value.String(), "1300"},
		{"total rate", f.Funds.TotalLine().RateText, "11.900%"},
		{"central B", f.Funds.Source(jixiao.FundCentral).Executed.Text, "373.8"},
		{"local A", f.Funds.Source(jixiao.FundLocal).Budget.Text, "926.2"},
		{"other A", f.Funds.Source(jixiao.FundOther).Budget.Text, "0"},
		{"other rate", f.Funds.Source(jixiao.FundOther).RateText, ""},
		{"filler", f.Filler, "李想"},
		{"phone", f.Phone, "51069565"},
		{"date", f.FillDate, "2021年7月27日"},
		{"notes", f.Notes, "请在此处简要说明中央巡视、各级审计和财政监督中发现的问题及其所涉及的金额，如没有请填无。"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if f.Year != 2020 {
		t.Errorf("year = %d", f.Year)
	}
	if !strings.HasPrefix(f.Goal, "经过三年时间") || !strings.HasPrefix(f.Achievement, "打造朝阳区") {
		t.Errorf("goal/achievement = %q / %q", f.Goal, f.Achievement)
	}
	if len(f.Footnotes) != 5 || !strings.HasPrefix(f.Footnotes[4], "5.定性指标") {
		t.Errorf("footnotes = %q", f.Footnotes)
	}
	if len(f.Indicators) != 30 {
		t.Fatalf("%d indicators, want 30", len(f.Indicators))
	}
	groups := map[string]int{}
	for _, in := range f.Indicators {
		groups[in.Level1+"/"+in.Level2]++
	}
	wantGroups := map[string]int{
		"产出指标/数量指标": 5, "产出指标/质量指标": 5, "产出指标/时效指标": 5, "产出指标/成本指标": 5,
		"效益指标/经济效益指标": 1, "效益指标/社会效益指标": 2, "效益指标/生态效益": 1, "效益指标/可持续影响指标": 1,
		"满意度/服务对象满意度指标": 5,
	}
	for k, n := range wantGroups {
		if groups[k] != n {
			t.Errorf("group %s: %d indicators, want %d (all: %v)", k, groups[k], n, groups)
		}
	}
	first := f.Indicators[0]
	if first.Name != "专利资助奖励" || first.Ordinal != 1 || first.Label != "指标1：专利资助奖励" ||
		first.Target != "不少于7000件" || first.Actual != "专利资助奖励共完成6747件。" ||
		!strings.HasPrefix(first.Reason, "由于专利资助") {
		t.Errorf("first indicator = %+v", first)
	}
	if p := f.Indicators[18].Path(); p != "产出指标/成本指标/指标4" {
		t.Errorf("path = %q", p)
	}
}

// Variants of the rendering that a reader must take: sections are found by
// their labels, not by line numbers.
func TestVariants(t *testing.T) {
	ref := reftest.Text(t)
	tests := []struct {
		name       string
		text       string
		indicators int
		check      func(t *testing.T, f *jixiao.Form)
	}{
		{"CRLF", strings.ReplaceAll(ref, "\n", "\r\n"), 30, nil},
		{"extra blank lines", strings.ReplaceAll(ref, "\n\n", "\n\n\n\n"), 30, nil},
		{"one fewer quantity row", reftest.DropRow(t, ref, "指标4：重点企业资助", 1), 29, nil},
		{"two fewer rows", reftest.DropRow(t, reftest.DropRow(t, ref, "指标2：企业满意度", 1), "指标1：促进专利技术转化", 1), 28, nil},
		{"more rows per group", reftest.Replace(t, ref, "\t\n\t\n\t质量指标", "\t\n\t\n\t\n\t指标6：新增指标\n\t不少于3家\n\t完成3家\n\t已完成\n\n\t\n\t\n\t质量指标", 1), 31,
			func(t *testing.T, f *jixiao.Form) {
				in := f.Indicators[5]
				if in.Level2 != "数量指标" || in.Ordinal != 6 || in.Name != "新增指标" {
					t.Errorf("inserted row = %+v", in)
				}
			}},
		{"no other-funds row", reftest.DropRow(t, ref, "其他资金\n", 1), 30,
			func(t *testing.T, f *jixiao.Form) {
				if f.Funds.Source(jixiao.FundOther) != nil || f.Funds.Source(jixiao.FundLocal) == nil {
					t.Errorf("funds = %+v", f.Funds)
				}
			}},
		{"no notes row", reftest.DropRow(t, ref, "\t说明\n", 1), 30,
			func(t *testing.T, f *jixiao.Form) {
				if f.Notes != "" || f.Indicators[29].Name == "" {
					t.Errorf("notes = %q", f.Notes)
				}
			}},
		{"ideographic spaces and bookmarks", reftest.Replace(t, ref, "\t不少于7000件", "\t　[bookmark: x]不少于7000件　", 1), 30,
			func(t *testing.T, f *jixiao.Form) {
				if f.Indicators[0].Target != "不少于7000件" {
					t.Errorf("target = %q", f.Indicators[0].Target)
				}
			}},
		{"indicator without 指标N prefix", reftest.Replace(t, ref, "指标1：专利资助奖励", "专利资助奖励", 1), 30,
			func(t *testing.T, f *jixiao.Form) {
				if in := f.Indicators[0]; in.Ordinal != 0 || in.Name != "专利资助奖励" {
					t.Errorf("indicator = %+v", in)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := read(t, tt.text)
			if len(f.Indicators) != tt.indicators {
				t.Errorf("%d indicators, want %d", len(f.Indicators), tt.indicators)
			}
			if f.Header.Program == "" || f.Funds.TotalLine() == nil || f.Filler != "李想" {
				t.Errorf("header/funds/footer lost: %+v %+v %q", f.Header, f.Funds.TotalLine(), f.Filler)
			}
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}
}

// TSV rows as pasted from a spreadsheet read like the cell-per-line rendering.
func TestTabSeparated(t *testing.T) {
	text := "转移支付（项目）名称\t北京市海淀区知识产权运营服务体系建设\n" +
		"中央主管部门\t国家知识产权局\n" +
		"地方主管部门\t北京市海淀区市场监督管理局\t资金使用单位\t北京市海淀区市场监督管理局\n" +
		"资金情况（万元）\t\t全年预算数（A）\t全年执行数（B）\t预算执行率（B/A)\n" +
		"\t年度资金总额：\t100\t90\t90%\n" +
		"绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t全年实际完成值\t未完成原因和改进措施\n" +
		"\t产出指标\t数量指标\t指标1：专利资助\t不少于10件\t完成12件\t已完成\n" +
		"\t\t\t指标2：质押融资\t不少于2家\t完成2家\t已完成\n"
	f := read(t, text)
	if f.Header.Region != "北京市海淀区" || f.Header.Unit != "北京市海淀区市场监督管理局" {
		t.Errorf("header = %+v", f.Header)
	}
	if f.Funds.TotalLine() == nil || f.Funds.TotalLine().Budget.Text != "100" || f.Funds.TotalLine().RateText != "90%" {
		t.Errorf("total = %+v", f.Funds.TotalLine())
	}
	if len(f.Indicators) != 2 || f.Indicators[1].Level2 != "数量指标" || f.Indicators[1].Actual != "完成2家" {
		t.Errorf("indicators = %+v", f.Indicators)
	}
}

func TestBadInput(t *testing.T) {
	ref := reftest.Text(t)
	cut := strings.Index(ref, "\t12月份完成")
	tests := []struct{ name, text, want string }{
		{"empty", "", "没有找到绩效指标表"},
		{"binary", "\x00\x01\x02PK\x03\x04garbage\xff\xfe", "不是 UTF-8"},
		{"NUL bytes", "abc\x00def", "二进制"},
		{"no indicator table", "这是一封信。\n\n\t第一行\n\t第二行\n", "没有找到绩效指标表"},
		{"truncated before the indicators", ref[:strings.Index(ref, "\t绩效指标")], "文件可能不完整"},
		{"truncated inside a row", ref[:cut], "不完整"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := textform.Reader{}.ReadForms("bad.txt", []byte(tt.text))
			if err == nil {
				t.Fatal("no error")
			}
			if jixiao.KindOf(err) != jixiao.KindInvalid {
				t.Errorf("kind = %s", jixiao.KindOf(err))
			}
			msg := jixiao.MessageOf(err)
			if !strings.Contains(msg, tt.want) || !strings.Contains(msg, "bad.txt") {
				t.Errorf("message %q should name the file and contain %q", msg, tt.want)
			}
		})
	}
}

// Several forms in one file (one per project) are read one after another.
func TestTwoForms(t *testing.T) {
	ref := reftest.Text(t)
	text := ref + "\n\n" + strings.ReplaceAll(ref, "朝阳区", "海淀区")
	forms, err := textform.Reader{}.ReadForms("two.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 2 {
		t.Fatalf("%d forms, want 2", len(forms))
	}
	for i, region := range []string{"北京市朝阳区", "北京市海淀区"} {
		f := forms[i]
		if f.Header.Region != region || len(f.Indicators) != 30 || f.Filler != "李想" || f.Year != 2020 || f.Title == "" {
			t.Errorf("form %d: region %q, %d indicators, filler %q, year %d, title %q", i, f.Header.Region, len(f.Indicators), f.Filler, f.Year, f.Title)
		}
	}
}

// A scored layout (财预〔2020〕10号 style): 年初预算数, 分值, 得分,
// 偏差原因分析及改进措施, a 总分 row and a grade, with 元 instead of 万元.
func TestScoredLayout(t *testing.T) {
	text := reftest.Variant(t, "changan-scored.txt")
	f := read(t, text)
	if f.Header.Program != "河北省石家庄市长安区专利转化专项" || f.Header.Region != "河北省石家庄市长安区" || f.Header.Unit != "长安区知识产权服务中心" {
		t.Errorf("header = %+v", f.Header)
	}
	tot := f.Funds.TotalLine()
	if f.Funds.Unit != "元" || tot == nil || tot.Budget.Text != "500000" || tot.Executed.Text != "387664.62" ||
		tot.InitialBudget != "500000" || tot.Weight != "10" || tot.Score != "7.75" || tot.RateText != "77.53%" {
		t.Errorf("funds = %q %+v", f.Funds.Unit, tot)
	}
	if len(f.Indicators) != 2 {
		t.Fatalf("indicators = %+v", f.Indicators)
	}
	in := f.Indicators[1]
	if in.Level1 != "产出指标" || in.Level2 != "时效指标" || in.Weight != "10" || in.Score != "9.5" || in.Reason != "个别企业材料不全" || in.Target != "﹦100%" {
		t.Errorf("indicator = %+v", in)
	}
	if f.TotalScore != "87.25" || f.Grade != "良" {
		t.Errorf("total %q grade %q", f.TotalScore, f.Grade)
	}
}

// Review comments written after a form (审核意见) quote labels such as
// 填表人 or 全年预算数; they must not be read into the form.
func TestReviewSectionIgnored(t *testing.T) {
	ref := reftest.Text(t)
	text := ref + "\n\n审核意见\n\n以下是对上述自评表的审核意见，共 2 条。\n\n" +
		"1. 【错误】资金情况/中央财政资金：全年预算数 10000 全年执行数 373.8 [funds-sum]\n\n" +
		"2. 【错误】填表信息/填表人：“填表人”未填写 [missing-field]\n"
	f := read(t, text)
	want := read(t, ref)
	if f.Filler != want.Filler || f.Funds.Source(jixiao.FundCentral).Budget.Text != "10000" || len(f.Footnotes) != len(want.Footnotes) {
		t.Errorf("review section leaked into the form: filler %q, central %+v, %d footnotes", f.Filler, f.Funds.Source(jixiao.FundCentral), len(f.Footnotes))
	}
}

// Header and funds wordings of other regions' forms.
func TestOtherWordings(t *testing.T) {
	text := "项目名称\t上海市浦东新区专利项目\n" +
		"资金情况（万元）\t\t全年预算数\t全年执行数\t执行率\n" +
		"\t资金总额\t120\t100\t83.33%\n" +
		"\t中央补助资金\t100\t90\t90%\n" +
		"\t区级资金\t10\t5\t50%\n" +
		"\t单位自筹资金\t10\t5\t50%\n" +
		"一级指标\t二级指标\t三级指标\t全年指标值\t实际完成值\t偏差原因分析及改进措施\n" +
		"产出指标\t数量指标\t资助件数\t≥100件\t120件\t\n"
	f := read(t, text)
	var got []string
	for _, l := range f.Funds.Lines {
		got = append(got, fmt.Sprintf("%s %s %d %s/%s", l.Label, l.Role, l.Parent, l.Budget.Text, l.Executed.Text))
	}
	want := []string{"资金总额 total -1 120/100", "中央补助资金 central 0 100/90", "区级资金 county 0 10/5", "单位自筹资金 self-raised 0 10/5"}
	if !slices.Equal(got, want) {
		t.Errorf("funds lines:\n%q\nwant\n%q", got, want)
	}
	if len(f.Indicators) != 1 || f.Indicators[0].Target != "≥100件" || f.Indicators[0].Actual != "120件" {
		t.Errorf("indicators = %+v", f.Indicators)
	}
}

// Text forms saved on Windows as GBK ("ANSI") or UTF-16 ("Unicode") read
// like UTF-8 ones.
func TestWindowsEncodings(t *testing.T) {
	ref := strings.ReplaceAll(reftest.Text(t), "\n", "\r\n")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(ref)
	if err != nil {
		t.Fatal(err)
	}
	utf16le, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(ref)
	if err != nil {
		t.Fatal(err)
	}
	want := read(t, reftest.Text(t))
	for name, text := range map[string]string{"GBK": gbk, "UTF-16": utf16le} {
		f := read(t, text)
		if f.Header.Program != want.Header.Program || len(f.Indicators) != 30 || f.Indicators[29].Actual != want.Indicators[29].Actual || f.Filler != "李想" {
			t.Errorf("%s: %+v", name, f.Header)
		}
	}
}
