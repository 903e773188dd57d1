package jixiao

import "strings"

// Category is the normalised level-2 class of an indicator. It decides the
// default comparator of a phrase without one (docs/domain.md §6.2).
type Category string

// Level-2 categories of the taxonomy (docs/domain.md §3).
const (
	CategoryQuantity     Category = "数量指标"
	CategoryQuality      Category = "质量指标"
	CategoryTimeliness   Category = "时效指标"
	CategoryCost         Category = "成本指标"
	CategoryEconomic     Category = "经济效益指标"
	CategorySocial       Category = "社会效益指标"
	CategoryEcological   Category = "生态效益指标"
	CategorySustainable  Category = "可持续影响指标"
	CategorySatisfaction Category = "服务对象满意度指标"
	CategoryUnknown      Category = ""
)

// Level-1 groups of the taxonomy.
const (
	Level1Output       = "产出指标"
	Level1Effect       = "效益指标"
	Level1Satisfaction = "满意度指标"
)

// taxonomy maps each level-2 category to its level-1 group.
var taxonomy = map[Category]string{
	CategoryQuantity:     Level1Output,
	CategoryQuality:      Level1Output,
	CategoryTimeliness:   Level1Output,
	CategoryCost:         Level1Output,
	CategoryEconomic:     Level1Effect,
	CategorySocial:       Level1Effect,
	CategoryEcological:   Level1Effect,
	CategorySustainable:  Level1Effect,
	CategorySatisfaction: Level1Satisfaction,
}

// level1Aliases are older or shortened level-1 names seen in real forms.
var level1Aliases = map[string]string{
	"产出":      Level1Output,
	"项目完成指标":  Level1Output,
	"项目完成":    Level1Output,
	"效益":      Level1Effect,
	"项目效益指标":  Level1Effect,
	"项目效益":    Level1Effect,
	"满意度":     Level1Satisfaction,
	"服务对象满意度": Level1Satisfaction,
}

// level2Aliases are shortened level-2 names: 满意度 for 服务对象满意度指标 and the like.
var level2Aliases = map[string]Category{
	"数量":      CategoryQuantity,
	"质量":      CategoryQuality,
	"时效":      CategoryTimeliness,
	"进度":      CategoryTimeliness,
	"成本":      CategoryCost,
	"经济效益":    CategoryEconomic,
	"社会效益":    CategorySocial,
	"生态效益":    CategoryEcological,
	"环境效益":    CategoryEcological,
	"可持续影响":   CategorySustainable,
	"可持续":     CategorySustainable,
	"服务对象满意度": CategorySatisfaction,
	"满意度":     CategorySatisfaction,
	"社会公众满意度": CategorySatisfaction,
	"群众满意度":   CategorySatisfaction,
}

// squash removes spaces, ★ marks and punctuation around a taxonomy name and
// its trailing 指标, so that "生态效益", "生态效益指标" and " 生态效益指标★" compare equal.
func squash(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '★', '☆', '*', '：', ':':
			return -1
		}
		return r
	}, s)
	return strings.TrimSuffix(s, "指标")
}

// NormalizeLevel1 maps a level-1 name as written to its taxonomy name.
// ok is false when the name is outside the taxonomy.
func NormalizeLevel1(s string) (name string, ok bool) {
	k := squash(s)
	if n, ok := level1Aliases[k]; ok {
		return n, true
	}
	for _, n := range []string{Level1Output, Level1Effect, Level1Satisfaction} {
		if k+"指标" == n {
			return n, true
		}
	}
	return s, false
}

// NormalizeLevel2 maps a level-2 name as written to its category.
// It returns CategoryUnknown when the name is outside the taxonomy.
func NormalizeLevel2(s string) Category {
	k := squash(s)
	if c, ok := level2Aliases[k]; ok {
		return c
	}
	return CategoryUnknown
}

// Level1 returns the level-1 group a category belongs to.
func (c Category) Level1() string { return taxonomy[c] }

// Category returns the normalised level-2 category of the indicator.
func (in *Indicator) Category() Category { return NormalizeLevel2(in.Level2) }
