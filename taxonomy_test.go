package jixiao

import (
	"testing"

	"github.com/shopspring/decimal"
)

var decimalHundred = decimal.NewFromInt(100)

func TestNormalizeLevel1(t *testing.T) {
	tests := []struct {
		label string
		want  string // "" when outside the taxonomy
	}{
		{"产出指标", Level1Output},
		{"产出", Level1Output},
		{"产出指标(50分)", Level1Output},
		{"产出指标（50分）", Level1Output},
		{"产出指标 40分", Level1Output},
		{"产出指标40分", Level1Output},
		{"产出指标（权重50%）", Level1Output},
		{"产出指标(权重:50%)", Level1Output},
		{"一、产出指标", Level1Output},
		{"1.产出指标", Level1Output},
		{"1、产出指标", Level1Output},
		{"（一）产出指标", Level1Output},
		{"(1)产出指标", Level1Output},
		{"①产出指标", Level1Output},
		{"★产出指标", Level1Output},
		{"＊产出指标", Level1Output},
		{"产出\n指标", Level1Output},
		{" 产 出 指 标 ", Level1Output},
		{"项目完成指标", Level1Output},
		{"项目完成指标（50分）", Level1Output},
		{"效益指标（30）", Level1Effect},
		{"效益指标(30分)", Level1Effect},
		{"二、效益指标（30分）", Level1Effect},
		{"项目效益指标", Level1Effect},
		{"效益", Level1Effect},
		{"满意度指标(10分)", Level1Satisfaction},
		{"满意度指标【10分】", Level1Satisfaction},
		{"满意度", Level1Satisfaction},
		{"服务对象满意度", Level1Satisfaction},
		{"服务对象满意度指标", Level1Satisfaction},
		{"社会公众满意度指标", Level1Satisfaction},
		{"受益群众满意度（10分）", Level1Satisfaction},
		{"三、满意度指标\n（10分）", Level1Satisfaction},
		// 财预〔2020〕10号 project evaluation
		{"决策", Level1Decision},
		{"决策（20分）", Level1Decision},
		{"项目决策", Level1Decision},
		{"过程", Level1Process},
		{"项目管理", Level1Process},
		{"项目过程", Level1Process},
		// 财预〔2021〕101号: cost as a level-1 group
		{"成本指标", Level1Cost},
		{"一、成本指标（20分）", Level1Cost},
		// 投入/过程/产出/效果
		{"效果指标", Level1Effect},
		{"投入指标", Level1Decision},
		// outside
		{"其他指标", ""},
		{"其他", ""},
		{"社会效益指标", ""},
		{"指标", ""},
		{"", ""},
		{"一级指标", ""},
	}
	for _, tt := range tests {
		got, ok := NormalizeLevel1(tt.label)
		if tt.want == "" {
			if ok {
				t.Errorf("NormalizeLevel1(%q) = %q, want outside the taxonomy", tt.label, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("NormalizeLevel1(%q) = %q, %v; want %q", tt.label, got, ok, tt.want)
		}
	}
}

func TestNormalizeLevel2(t *testing.T) {
	tests := []struct {
		label string
		want  Category
	}{
		{"数量指标", CategoryQuantity},
		{"数量", CategoryQuantity},
		{"产出数量", CategoryQuantity},
		{"1.数量指标", CategoryQuantity},
		{"（一）数量指标（20分）", CategoryQuantity},
		{"数量指标\n", CategoryQuantity},
		{"质量指标", CategoryQuality},
		{"产出质量", CategoryQuality},
		{"产出时效", CategoryTimeliness},
		{"时效指标★", CategoryTimeliness},
		{"进度指标", CategoryTimeliness},
		{"成本指标", CategoryCost},
		{"产出成本", CategoryCost},
		{"产出成本（10分）", CategoryCost},
		{"经济效益指标", CategoryEconomic},
		{"经济效益\n指标", CategoryEconomic},
		{"经济效益", CategoryEconomic},
		{"社会效益", CategorySocial},
		{"社会效益指标（10分）", CategorySocial},
		{"生态效益", CategoryEcological},
		{"环境效益指标", CategoryEcological},
		{"可持续影响指标", CategorySustainable},
		{"可持续影响", CategorySustainable},
		{"服务对象满意度指标", CategorySatisfaction},
		{"服务对象满意度", CategorySatisfaction},
		{"满意度", CategorySatisfaction},
		{"满意度指标", CategorySatisfaction},
		{"社会公众或服务对象满意度指标", CategorySatisfaction},
		{"受益群众满意度指标", CategorySatisfaction},
		{"学生满意率", CategorySatisfaction},
		{"时效性指标", CategoryTimeliness},
		{"可持续发展指标", CategorySustainable},
		{"项目立项", CategoryProjectSetup},
		{"绩效目标", CategoryPerformanceGoal},
		{"资金投入", CategoryFundInput},
		{"资金管理", CategoryFundManagement},
		{"组织实施", CategoryImplementation},
		{"项目效益", CategoryProjectEffect},
		{"实施效益", CategoryProjectEffect},
		{"其他指标", CategoryUnknown},
		{"产出指标", CategoryUnknown},
		{"", CategoryUnknown},
	}
	for _, tt := range tests {
		if got := NormalizeLevel2(tt.label); got != tt.want {
			t.Errorf("NormalizeLevel2(%q) = %q, want %q", tt.label, got, tt.want)
		}
	}
}

func TestCategoryUnder(t *testing.T) {
	tests := []struct {
		l1, l2 string
		want   bool
	}{
		{"产出指标", "数量指标", true},
		{"项目完成指标", "产出成本", true},
		{"效益指标", "社会效益", true},
		{"满意度", "服务对象满意度指标", true},
		{"效益指标", "服务对象满意度指标", true}, // older tables: satisfaction among the effects
		{"效益", "满意度", true},
		{"决策", "项目立项", true},
		{"项目决策", "资金投入", true},
		{"过程", "组织实施", true},
		{"项目管理", "资金管理", true},
		{"效益", "项目效益", true},
		{"产出指标", "满意度指标", false},
		{"产出指标", "社会效益指标", false},
		{"效益指标", "数量指标", false},
		{"满意度指标", "社会效益指标", false},
		{"决策", "组织实施", false},
		{"过程", "数量指标", false},
	}
	for _, tt := range tests {
		l1, ok := NormalizeLevel1(tt.l1)
		cat := NormalizeLevel2(tt.l2)
		if !ok || cat == CategoryUnknown {
			t.Fatalf("%q/%q not normalised", tt.l1, tt.l2)
		}
		if got := cat.Under(l1); got != tt.want {
			t.Errorf("%q under %q = %v, want %v", tt.l2, tt.l1, got, tt.want)
		}
	}
}

func TestLabelWeight(t *testing.T) {
	tests := []struct {
		label string
		want  string // "" when the label declares none
	}{
		{"产出指标(50分)", "50"},
		{"产出指标（50分）", "50"},
		{"效益指标（30）", "30"},
		{"满意度指标(10分)", "10"},
		{"产出指标 40分", "40"},
		{"产出指标40分", "40"},
		{"满意度指标（权重30%）", "30"},
		{"满意度指标（权重：30%）", "30"},
		{"一、产出指标（50分）", "50"},
		{"三、满意度指标\n（10分）", "10"},
		{"数量指标（12.5分）", "12.5"},
		{"决策（20分）", "20"},
		{"产出指标", ""},
		{"一、产出指标", ""},
		{"1.数量指标", ""},
		{"（一）数量指标", ""},
		{"产出指标（核心）", ""},
		{"产出指标（500分）", ""},
		{"", ""},
	}
	for _, tt := range tests {
		w, ok := LabelWeight(tt.label)
		got := ""
		if ok {
			got = w.String()
		}
		if got != tt.want {
			t.Errorf("LabelWeight(%q) = %q, want %q", tt.label, got, tt.want)
		}
	}
}

func TestCostDirection(t *testing.T) {
	// an older 产出成本 row is a cost row: judge's cost default (≤) applies
	for _, l2 := range []string{"成本指标", "产出成本", "产出成本指标", "二、产出成本（10分）", "成本"} {
		in := Indicator{Level1: "产出", Level2: l2}
		if in.Category() != CategoryCost {
			t.Errorf("Category of %q = %q", l2, in.Category())
		}
	}
}

func FuzzLabels(f *testing.F) {
	for _, s := range []string{"产出指标(50分)", "（一）数量指标（20分）", "()", "(", ")", "1.", "①", "权重30%", "一、", "((((", "产出指标（权重：）"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		NormalizeLevel1(s)
		NormalizeLevel2(s)
		if w, ok := LabelWeight(s); ok && (w.IsNegative() || w.GreaterThan(decimalHundred)) {
			t.Errorf("LabelWeight(%q) = %s", s, w)
		}
	})
}

// Level labels numbered with Roman numerals as one character.
func TestRomanNumbering(t *testing.T) {
	if n, ok := NormalizeLevel1("Ⅰ.产出指标"); !ok || n != Level1Output {
		t.Errorf("Ⅰ.产出指标 → %q %v", n, ok)
	}
	if c := NormalizeLevel2("Ⅳ成本指标"); c != CategoryCost {
		t.Errorf("Ⅳ成本指标 → %q", c)
	}
}
