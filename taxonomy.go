package jixiao

import (
	"github.com/jixiao/jixiao/internal/hanzi"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"
)

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

// Level-2 categories of the project evaluation framework of 财预〔2020〕10号
// (附件1 项目支出绩效评价指标体系框架) used by scored self-evaluations, with
// the older names of the 2013 framework (项目目标, 决策过程, 资金分配, 资金到位)
// folded into them. Their rows default to ≥ like every non-cost row.
const (
	CategoryProjectSetup    Category = "项目立项"
	CategoryPerformanceGoal Category = "绩效目标"
	CategoryFundInput       Category = "资金投入"
	CategoryFundManagement  Category = "资金管理"
	CategoryImplementation  Category = "组织实施"
	CategoryProjectEffect   Category = "项目效益"
)

// Level-1 groups of the taxonomy.
const (
	Level1Output       = "产出指标"
	Level1Effect       = "效益指标"
	Level1Satisfaction = "满意度指标"
	// The two extra groups of 财预〔2020〕10号 (决策, 过程); its 产出 and 效益
	// are Level1Output and Level1Effect.
	Level1Decision = "决策指标"
	Level1Process  = "过程指标"
	// 财预〔2021〕101号 (中央部门项目支出核心绩效目标和指标设置及取值指引)
	// lifts cost out of 产出 to a level-1 group of its own, split into
	// 经济成本指标, 社会成本指标 and 生态环境成本指标 (all CategoryCost).
	Level1Cost = "成本指标"
)

// Level1Groups lists the level-1 groups in form order.
var Level1Groups = []string{Level1Decision, Level1Process, Level1Cost, Level1Output, Level1Effect, Level1Satisfaction}

// taxonomy maps each level-2 category to the level-1 groups it may stand
// under, its own group first. Satisfaction also stands under 效益指标: the
// older target tables listed 社会公众或服务对象满意度指标 among the effects, and
// 财预〔2020〕10号 puts 满意度 under 效益.
var taxonomy = map[Category][]string{
	CategoryQuantity:        {Level1Output},
	CategoryQuality:         {Level1Output},
	CategoryTimeliness:      {Level1Output},
	CategoryCost:            {Level1Output, Level1Cost},
	CategoryEconomic:        {Level1Effect},
	CategorySocial:          {Level1Effect},
	CategoryEcological:      {Level1Effect},
	CategorySustainable:     {Level1Effect},
	CategorySatisfaction:    {Level1Satisfaction, Level1Effect},
	CategoryProjectSetup:    {Level1Decision},
	CategoryPerformanceGoal: {Level1Decision},
	CategoryFundInput:       {Level1Decision},
	CategoryFundManagement:  {Level1Process},
	CategoryImplementation:  {Level1Process},
	CategoryProjectEffect:   {Level1Effect},
}

// level1Aliases maps label keys (see labelKey: no numbering, weight, marks,
// spaces or trailing 指标) to level-1 groups: the standard names and the
// older or shortened ones seen in real forms.
var level1Aliases = map[string]string{
	"产出":      Level1Output,
	"项目产出":    Level1Output,
	"项目完成":    Level1Output,
	"效益":      Level1Effect,
	"项目效益":    Level1Effect,
	"满意度":     Level1Satisfaction,
	"服务对象满意度": Level1Satisfaction,
	"决策":      Level1Decision,
	"项目决策":    Level1Decision,
	"过程":      Level1Process,
	"项目过程":    Level1Process,
	"项目管理":    Level1Process,
	"项目实施":    Level1Process,
	"成本":      Level1Cost,
	"项目成本":    Level1Cost,
	// the older 投入/过程/产出/效果 frameworks (2013 project, 部门整体)
	"效果":   Level1Effect,
	"项目效果": Level1Effect,
	"投入":   Level1Decision,
	"项目投入": Level1Decision,
}

// level2Aliases maps label keys to level-2 categories: the standard names,
// the older 产出数量/产出质量/产出时效/产出成本 and shortened ones.
var level2Aliases = map[string]Category{
	"数量":           CategoryQuantity,
	"产出数量":         CategoryQuantity,
	"质量":           CategoryQuality,
	"产出质量":         CategoryQuality,
	"时效":           CategoryTimeliness,
	"时效性":          CategoryTimeliness,
	"产出时效":         CategoryTimeliness,
	"进度":           CategoryTimeliness,
	"成本":           CategoryCost,
	"经济成本":         CategoryCost,
	"社会成本":         CategoryCost,
	"生态环境成本":       CategoryCost,
	"生态成本":         CategoryCost,
	"环境成本":         CategoryCost,
	"产出成本":         CategoryCost,
	"经济效益":         CategoryEconomic,
	"社会效益":         CategorySocial,
	"生态效益":         CategoryEcological,
	"环境效益":         CategoryEcological,
	"可持续影响":        CategorySustainable,
	"可持续":          CategorySustainable,
	"可持续性":         CategorySustainable,
	"可持续发展":        CategorySustainable,
	"服务对象满意度":      CategorySatisfaction,
	"满意度":          CategorySatisfaction,
	"社会公众满意度":      CategorySatisfaction,
	"社会公众或服务对象满意度": CategorySatisfaction,
	"群众满意度":        CategorySatisfaction,
	"项目立项":         CategoryProjectSetup,
	"立项":           CategoryProjectSetup,
	"决策过程":         CategoryProjectSetup,
	"绩效目标":         CategoryPerformanceGoal,
	"项目目标":         CategoryPerformanceGoal,
	"资金投入":         CategoryFundInput,
	"资金分配":         CategoryFundInput,
	"资金管理":         CategoryFundManagement,
	"资金到位":         CategoryFundManagement,
	"组织实施":         CategoryImplementation,
	"项目效益":         CategoryProjectEffect,
	"实施效益":         CategoryProjectEffect,
}

// NormalizeLevel1 maps a level-1 label as written (产出指标(50分),
// 一、项目完成指标, 满意度) to its group. ok is false when the label is outside
// the taxonomy; name is then the label as written.
func NormalizeLevel1(s string) (name string, ok bool) {
	if n, ok := level1Aliases[s]; ok { // fast path: a plain name
		return n, true
	}
	k, _, _ := labelKey(s)
	if n, ok := level1Aliases[k]; ok {
		return n, true
	}
	if isSatisfaction(k) {
		return Level1Satisfaction, true
	}
	return s, false
}

// isSatisfaction reports whether a label key names a satisfaction class
// (社会公众满意度, 受益群众满意度, 学生满意率): any key ending so.
func isSatisfaction(k string) bool {
	return strings.HasSuffix(k, "满意度") || strings.HasSuffix(k, "满意率")
}

// NormalizeLevel2 maps a level-2 label as written (数量指标（20分）, 产出成本,
// 经济效益\n指标) to its category. It returns CategoryUnknown when the label
// is outside the taxonomy.
func NormalizeLevel2(s string) Category {
	if c, ok := level2Aliases[s]; ok { // fast path: a plain name
		return c
	}
	k, _, _ := labelKey(s)
	if c, ok := level2Aliases[k]; ok {
		return c
	}
	if isSatisfaction(k) {
		return CategorySatisfaction
	}
	return CategoryUnknown
}

// LabelWeight returns the weight a level-1 or level-2 label declares:
// 50 for 产出指标(50分), 30 for 效益指标（30） or 满意度指标（权重30%）, 40 for
// 产出指标 40分. ok is false when the label declares none.
func LabelWeight(s string) (w decimal.Decimal, ok bool) {
	_, w, ok = labelKey(s)
	return w, ok
}

// Level1 returns the level-1 group a category belongs to.
func (c Category) Level1() string {
	if ps := taxonomy[c]; len(ps) > 0 {
		return ps[0]
	}
	return ""
}

// Under reports whether the category may stand under the level-1 group
// (a normalised name, as NormalizeLevel1 returns).
func (c Category) Under(level1 string) bool {
	for _, p := range taxonomy[c] {
		if p == level1 {
			return true
		}
	}
	return false
}

// Category returns the normalised level-2 category of the indicator.
func (in *Indicator) Category() Category { return NormalizeLevel2(in.Level2) }

// labelKey reduces a level-1 or level-2 label to the key of the alias
// tables and reads the weight it declares. It folds full-width forms and
// brackets to half-width; drops spaces and line breaks, ★/☆ marks, leading
// numbering (一、 1. （一） 1、 (1) ①) and a trailing remark or weight in
// brackets ((50分) （30） （权重30%）) or after the name ( 40分), then a
// trailing 指标.
func labelKey(s string) (key string, weight decimal.Decimal, hasWeight bool) {
	rs := make([]rune, 0, len(s))
	for _, r := range s {
		if r >= '！' && r <= '～' {
			r -= 0xFEE0
		}
		r = hanzi.SimplifiedRune(r) // 產出指標 is 产出指标
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\ufeff':
			continue
		case r == '★' || r == '☆' || r == '*' || r == '※' || r == '▲' || r == '△' || r == '●' || r == '◆':
			continue
		}
		switch r {
		case '【', '〔', '[':
			r = '('
		case '】', '〕', ']':
			r = ')'
		case '。':
			r = '.'
		}
		rs = append(rs, r)
	}
	rs = trimNumbering(rs)
	// trailing bracket groups: a weight or a remark
	for len(rs) > 0 && rs[len(rs)-1] == ')' {
		open := -1
		for i := len(rs) - 2; i >= 0; i-- {
			if rs[i] == '(' {
				open = i
				break
			}
		}
		if open <= 0 { // unbalanced, or the whole label in brackets
			if open == 0 {
				rs = rs[1 : len(rs)-1]
				continue
			}
			rs = rs[:len(rs)-1]
			continue
		}
		if w, ok := parseWeight(rs[open+1 : len(rs)-1]); ok && !hasWeight {
			weight, hasWeight = w, true
		}
		rs = rs[:open]
	}
	// a weight after the name: 产出指标 40分, 产出指标40%, 产出指标权重:40
	if end := len(rs); end > 0 {
		i := end
		for i > 0 && (rs[i-1] == '分' || rs[i-1] == '%' || (rs[i-1] >= '0' && rs[i-1] <= '9') || rs[i-1] == '.' || rs[i-1] == ':' ||
			rs[i-1] == '权' || rs[i-1] == '重' || rs[i-1] == '值') {
			i--
		}
		// do not eat the 分 of a name; the weight starts at a digit or 权重/分值
		for i < end && !isWeightStart(rs[i:]) {
			i++
		}
		if i < end {
			if w, ok := parseWeight(rs[i:]); ok {
				if !hasWeight {
					weight, hasWeight = w, true
				}
				rs = rs[:i]
			}
		}
	}
	k := strings.TrimRight(string(rs), ":：、.,-")
	return strings.TrimSuffix(k, "指标"), weight, hasWeight
}

func isWeightStart(rs []rune) bool {
	if len(rs) == 0 {
		return false
	}
	if rs[0] >= '0' && rs[0] <= '9' {
		return true
	}
	return len(rs) >= 2 && (string(rs[:2]) == "权重" || string(rs[:2]) == "分值")
}

// parseWeight reads the weight of a label: 50分, 30, 权重30%, 分值:10, 30.5.
func parseWeight(rs []rune) (decimal.Decimal, bool) {
	s := string(rs)
	for _, p := range []string{"权重", "分值", "满分"} {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.TrimPrefix(s, ":")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "分")
	if s == "" || s[0] < '0' || s[0] > '9' {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.IsNegative() || d.GreaterThan(decimal.NewFromInt(100)) {
		return decimal.Decimal{}, false
	}
	return d, true
}

// trimNumbering drops leading numbering: 一、 二. （一） (1) 1. 1、 1.1 ①.
func trimNumbering(rs []rune) []rune {
	for {
		n := len(rs)
		switch {
		case n == 0:
			return rs
		case rs[0] >= '①' && rs[0] <= '⑳':
			rs = rs[1:]
		case rs[0] >= 'Ⅰ' && rs[0] <= 'ⅻ': // Roman numerals as one character: Ⅰ.产出指标, Ⅳ成本指标
			rs = rs[1:]
			if len(rs) > 0 && isSeparator(rs[0]) {
				rs = rs[1:]
			}
		case rs[0] == '(':
			i := 1
			for i < n && isNumeral(rs[i]) {
				i++
			}
			if i == 1 || i >= n || rs[i] != ')' {
				return rs
			}
			rs = rs[i+1:]
		case rs[0] >= '0' && rs[0] <= '9':
			i := 0
			for i < n && (rs[i] >= '0' && rs[i] <= '9' || rs[i] == '.') {
				i++
			}
			if i < n && isSeparator(rs[i]) {
				i++
			}
			rs = rs[i:]
		case isNumeral(rs[0]):
			i := 0
			for i < n && isNumeral(rs[i]) {
				i++
			}
			if i >= n || !isSeparator(rs[i]) {
				return rs
			}
			rs = rs[i+1:]
		default:
			return rs
		}
		if len(rs) == n {
			return rs
		}
	}
}

func isNumeral(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十", r)
}

func isSeparator(r rune) bool { return r == '、' || r == '.' || r == ',' || r == ':' || r == ')' }

// The canonical names themselves, so that NormalizeLevel1/2 find them on
// the fast path.
func init() {
	for _, n := range Level1Groups {
		level1Aliases[n] = n
	}
	for c := range taxonomy {
		level2Aliases[string(c)] = c
	}
}
