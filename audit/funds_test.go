package audit_test

import (
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/judge"
)

// fundLines makes a form whose funds section holds lines written as
// "label|parent|A|B|rate" in unit unit.
func fundLines(unit string, lines ...string) *jixiao.Form {
	f := &jixiao.Form{Header: jixiao.Header{Program: "p", CentralDept: "c", LocalDept: "l", Unit: "u"},
		Filler: "x", FillDate: "d", Notes: "无"}
	f.Funds.Unit = unit
	for _, s := range lines {
		c := strings.Split(s, "|")
		for len(c) < 5 {
			c = append(c, "")
		}
		parent, _ := strconv.Atoi(c[1])
		f.Funds.Add(jixiao.FundLine{Label: c[0], Role: jixiao.FundRoleOf(c[0]), Parent: parent,
			Budget: jixiao.ParseAmount(c[2], unit), Executed: jixiao.ParseAmount(c[3], unit), RateText: c[4]})
	}
	return f
}

// The funds rules over lines of every kind: each total against its direct
// parts, column by column, with the difference named (docs/funds.md).
func TestFundsTree(t *testing.T) {
	tests := []struct {
		name  string
		form  *jixiao.Form
		rules []string // rule@line
		say   string   // a message of the first finding contains this
	}{
		{"departmental sources add up", fundLines("万元",
			"年度资金总额|-1|251.89|251.89|100%", "其中：财政拨款|0|251.89|251.89|100%", "其中：一般公共预算|1|200|200|100%",
			"政府性基金拨款|1|51.89|51.89|100%", "纳入专户管理的非税收入拨款|0|0.00|0.00|0.00%", "单位资金|0|0.00|0.00|0.00%", "其他资金|0"), nil, ""},
		{"autonomous region lines add up", fundLines("万元",
			"资金总额|-1|300|259.45|86.5%", "其中：中央补助|0", "自治区补助|0|300万元|259.45万元|86.5%", "盟市资金|0", "旗县资金|0"),
			nil, ""},
		{"a mismatch of a few hundredths", fundLines("万元",
			"年度资金总额|-1|100.00|100.00", "其中：省级资金|0|33.33|33.33", "市级资金|0|33.33|33.33", "县级资金|0|33.37|33.37"),
			[]string{"funds-sum@0", "funds-sum@0"}, "相差 0.03万元"},
		{"a sub-line that does not add up to its source", fundLines("万元",
			"年度资金总额|-1|120|120", "其中：财政拨款|0|100|100", "其中：一般公共预算|1|80|80", "政府性基金拨款|1|21|20", "其他资金|0|20|20"),
			[]string{"funds-sum@1"}, "相差 1万元"},
		{"a total left 0/0/0 while its sources are filled", fundLines("万元",
			"年度资金总额|-1|0|0|0", "其中：中央财政资金|0|60|54|90%", "地方资金|0|40|36|90%"),
			[]string{"funds-sum@0", "funds-sum@0"}, "为“0”"},
		{"a total left blank while its sources are filled", fundLines("万元",
			"年度资金总额|-1|||", "其中：中央财政资金|0|60|54|90%", "地方资金|0|40|36|90%"),
			[]string{"funds-sum@0", "funds-sum@0"}, "未填写"},
		{"a column no part fills is not compared", fundLines("万元",
			"年度资金总额|-1|100|90|90%", "其中：中央财政资金|0|60", "地方资金|0|40"), nil, ""},
		{"a blank subtotal counts as the sum of its own parts", fundLines("万元",
			"年度资金总额|-1|100|100", "其中：财政拨款|0", "其中：一般公共预算|1|80|80", "政府性基金拨款|1|20|20"),
			[]string{"funds-sum@1", "funds-sum@1"}, "未填写"},
		{"an unreadable cell is named, not summed as 0", fundLines("万元",
			"年度资金总额|-1|100|100", "其中：中央财政资金|0|见附件|80", "地方资金|0|20|20"),
			[]string{"funds-unreadable@1"}, "“见附件”不是金额"},
		{"a rounded total against an amount in 元", fundLines("万元",
			"年度资金总额|-1|7.29|7.29", "其中：中央财政资金|0|72890元|72890元"), nil, ""},
		{"a total without decimals against parts in cents", fundLines("万元",
			"年度资金总额|-1|100|100", "其中：中央财政资金|0|60.01|60.01", "地方资金|0|40.02|40.02"),
			[]string{"funds-sum@0", "funds-sum@0"}, "相差 0.03万元"},
		{"a single 其中 line is an of-which note", fundLines("万元",
			"年度资金总额|-1|100|100", "其中：中央财政资金|0|60|60", "市级资金|0|40|40", "其中：直达资金|2|10|10"), nil, ""},
		{"unknown lines under a source are an of-which note", fundLines("万元",
			"年度资金总额|-1|100|90", "其中：中央财政资金|0|100|90", "其中：直达资金|1|10|10", "提前下达资金|1|30|30"), nil, ""},
		{"an of-which line may not exceed its line", fundLines("万元",
			"年度资金总额|-1|100|100", "其中：中央财政资金|0|60|60", "市级资金|0|40|40", "其中：直达资金|2|50|40"),
			[]string{"funds-sum@2"}, "超过市级资金的 40万元，多出 10万元"},
		{"a single source under the total", fundLines("万元",
			"年度资金总额|-1|100|90", "其中：中央财政资金|0|60|60"), nil, ""},
		{"a second split of the total that does not add up", fundLines("万元",
			"年度资金总额|-1|100|100", "按收入性质分：|0", "其中：一般公共预算|0|100|100",
			"按支出性质分：|-1", "其中：基本支出|3|60|60", "项目支出|3|40.5|40"),
			[]string{"funds-sum@3"}, "按支出性质分的全年预算数 100万元 不等于基本支出、项目支出之和 100.5万元"},
		{"sub-programs that add up by source", fundLines("万元",
			"资金合计|-1|1084.25", "其中：中央补助|0|668.00", "市级资金|0|343.00", "本级资金(包括结转结余)|0|73.25",
			"年度预算资金总额|-1|763.00", "其中：中央补助|4|502.00", "市级资金|4|208.00", "本级资金(包括结转结余)|4|53.00",
			"年度预算资金总额|-1|321.25", "其中：中央补助|8|166.00", "市级资金|8|136.00", "本级资金(包括结转结余)|8|20.25",
			"年度预算资金总额|-1", "其中：中央补助|12", "市级资金|12", "本级资金(包括结转结余)|12"),
			[]string{"funds-sum@2", "funds-sum@8"}, "各分项中的市级资金之和 344万元（208 + 136），相差 1万元"},
		{"independent blocks are not compared with each other", fundLines("万元",
			"年度资金总额|-1|100|100", "其中：中央补助|0|100|100",
			"年度资金总额|-1|50|50", "其中：中央补助|2|50|50",
			"年度资金总额|-1|20|20", "其中：中央补助|4|20|20"), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := audit.Run(tt.form, judge.Form(tt.form), audit.Defaults())
			var got []string
			for _, f := range fs {
				if f.Section == jixiao.SectionFunds {
					got = append(got, f.Rule+"@"+strconv.Itoa(f.FundLine))
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.rules, " ") {
				t.Fatalf("rules = %v, want %v\n%v", got, tt.rules, fs)
			}
			if tt.say != "" && !strings.Contains(fs[0].Message, tt.say) {
				t.Errorf("message %q does not say %q", fs[0].Message, tt.say)
			}
		})
	}
}
