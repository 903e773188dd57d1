package layout

import "testing"

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"不少于7000件", "不少于7000件"},
		{"　不少于7000件　", "不少于7000件"},
		{"[bookmark: _GoBack]2020年", "2020年"},
		{"a[bookmark: x]b[bookmark: y]c", "abc"},
		{"[bookmark: unclosed", "[bookmark: unclosed"},
		{"资金情况\n（万元）", "资金情况\n（万元）"},
		{"\uf0b390%", "≥90%"},   // the Symbol font's ≥ as stored in text
		{"\uf0a3550万", "≤550万"}, // and its ≤
		{"\uf061", "\uf061"},    // α: left alone
		{"  一级 \n 指标  ", "一级\n指标"},
		{"x\u200by\ufeffz\u00ad", "xyz"},
		{"[1]", "[1]"},
	}
	for _, tt := range tests {
		if got := CleanText(tt.in); got != tt.want {
			t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"资金情况\n（万元）", "资金情况(万元)"},
		{"年度资金总额：", "年度资金总额"},
		{"一级\n指标", "一级指标"},
		{"预算执行率（B/A)", "预算执行率(B/A)"},
		{"ＡＢＣ１２３", "ABC123"},
		{"三级指标", "三级指标"},
		{"转移支付（项目）名称", "转移支付(项目)名称"},
		{"a\u3000b\u00a0c", "abc"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsYearLine(t *testing.T) {
	for s, want := range map[string]bool{
		"(2020年度)": true, "2020年度": true, "(2021年)": true, "2020年": true,
		"2020": false, "(3020年度)": false, "2020年知识产权": false, "(20x0年度)": false,
	} {
		if got := isYearLine(s); got != want {
			t.Errorf("isYearLine(%q) = %v", s, got)
		}
	}
}

func TestSplitLabel(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		name string
	}{
		{"指标1：专利资助奖励", 1, "专利资助奖励"},
		{"指标12:发明专利", 12, "发明专利"},
		{"指标１．质押", 1, "质押"},
		{"指标三、满意度", 3, "满意度"},
		{"指标十二：x", 12, "x"},
		{"指標1：受益人口", 1, "受益人口"},
		{"专利资助奖励", 0, "专利资助奖励"},
		{"指标值", 0, "指标值"},
	}
	for _, tt := range tests {
		n, name := SplitLabel(tt.in)
		if n != tt.n || name != tt.name {
			t.Errorf("SplitLabel(%q) = %d, %q", tt.in, n, name)
		}
	}
}
