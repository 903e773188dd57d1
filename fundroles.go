package jixiao

import (
	"strings"

	"github.com/jixiao/jixiao/internal/hanzi"
)

// FundRole says what the money of a funds line is, from its label: the
// lexicon of docs/funds.md. Roles decide how lines are aggregated across
// forms and how an unnumbered line after a nested group finds its level;
// a label outside the lexicon keeps the role "" and is never dropped.
type FundRole string

// The roles of the lexicon.
const (
	FundTotal FundRole = "total" // 年度资金总额, 合计, 总计

	// by the level of government that pays
	FundCentral    FundRole = "central"    // 中央财政资金, 中央补助
	FundProvincial FundRole = "provincial" // 省级资金, 自治区补助
	FundMunicipal  FundRole = "municipal"  // 市级资金, 盟市资金, 州级
	FundCounty     FundRole = "county"     // 县级资金, 旗县, 区级, 区县
	FundOwnLevel   FundRole = "own-level"  // 本级资金: the level that fills the form
	FundLocal      FundRole = "local"      // 地方资金, 地方配套, 市县资金

	// by kind of money (departmental and project budgets)
	FundFiscal         FundRole = "fiscal"          // 财政拨款, 财政资金
	FundCurrentYear    FundRole = "current-year"    // 本年财政拨款, 当年
	FundCarryOver      FundRole = "carry-over"      // 上年结转资金, 结转结余
	FundGeneralBudget  FundRole = "general-budget"  // 一般公共预算
	FundGovernmentFund FundRole = "government-fund" // 政府性基金拨款
	FundStateCapital   FundRole = "state-capital"   // 国有资本经营预算
	FundSpecialAccount FundRole = "special-account" // 财政专户, 纳入专户管理的非税收入拨款
	FundUnitOwn        FundRole = "unit-own"        // 单位资金, 自有资金
	FundSelfRaised     FundRole = "self-raised"     // 自筹
	FundSocial         FundRole = "social"          // 社会资金, 银行贷款, 社会投入
	FundOther          FundRole = "other"           // 其他资金
	FundUnknown        FundRole = ""
)

// fundLexicon maps words of a label to roles, most specific first: the first
// entry whose word the label contains decides.
var fundLexicon = []struct {
	word string
	role FundRole
}{
	{"资金总额", FundTotal}, {"总额", FundTotal}, {"总金额", FundTotal}, {"合计", FundTotal}, {"总计", FundTotal},
	{"中央", FundCentral},
	{"纳入专户", FundSpecialAccount}, {"财政专户", FundSpecialAccount}, {"专户管理", FundSpecialAccount},
	{"一般公共预算", FundGeneralBudget}, {"政府性基金", FundGovernmentFund}, {"国有资本经营", FundStateCapital},
	{"上年结转", FundCarryOver}, {"结转结余", FundCarryOver}, {"结转资金", FundCarryOver}, {"以前年度", FundCarryOver},
	{"本年", FundCurrentYear}, {"当年", FundCurrentYear},
	{"自治区", FundProvincial}, {"省级", FundProvincial}, {"省本级", FundProvincial}, {"省财政", FundProvincial}, {"省补助", FundProvincial},
	{"盟市", FundMunicipal}, {"市级", FundMunicipal}, {"地市", FundMunicipal}, {"州级", FundMunicipal}, {"市财政", FundMunicipal}, {"市本级", FundMunicipal},
	{"旗县", FundCounty}, {"县级", FundCounty}, {"区级", FundCounty}, {"区县", FundCounty}, {"县区", FundCounty}, {"县财政", FundCounty}, {"区财政", FundCounty}, {"旗级", FundCounty},
	{"市县", FundLocal}, {"地方", FundLocal}, {"配套", FundLocal},
	{"本级", FundOwnLevel},
	{"单位资金", FundUnitOwn}, {"自有资金", FundUnitOwn}, {"单位自有", FundUnitOwn},
	{"自筹", FundSelfRaised},
	{"社会资金", FundSocial}, {"社会投入", FundSocial}, {"社会资本", FundSocial}, {"银行贷款", FundSocial}, {"捐赠", FundSocial},
	{"财政拨款", FundFiscal}, {"财政资金", FundFiscal}, {"财政补助", FundFiscal},
	{"其他", FundOther}, {"其它", FundOther},
}

// FundRoleOf returns the role of a funds line from its label as written;
// FundUnknown when no word of the lexicon is in it.
func FundRoleOf(label string) FundRole {
	k := fundWords(hanzi.Simplified(label))
	for _, e := range fundLexicon {
		if strings.Contains(k, e.word) {
			return e.role
		}
	}
	return FundUnknown
}

// fundWords drops what is not a word of the lexicon from a label: spaces,
// the 其中 that introduces parts, and remarks in brackets (本级资金（包括结转
// 结余）is own-level money, not carry-over).
func fundWords(label string) string {
	var b strings.Builder
	depth := 0
	for _, r := range label {
		switch r {
		case '(', '（':
			depth++
		case ')', '）':
			if depth > 0 {
				depth--
			}
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0':
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	k := b.String()
	if _, rest, ok := strings.Cut(k, "其中"); ok && rest != "" {
		return rest
	}
	return k
}

// Label is the Chinese name of the role.
func (r FundRole) Label() string {
	switch r {
	case FundTotal:
		return "年度资金总额"
	case FundCentral:
		return "中央财政资金"
	case FundProvincial:
		return "省级资金"
	case FundMunicipal:
		return "市级资金"
	case FundCounty:
		return "县级资金"
	case FundOwnLevel:
		return "本级资金"
	case FundLocal:
		return "地方资金"
	case FundFiscal:
		return "财政拨款"
	case FundCurrentYear:
		return "本年财政拨款"
	case FundCarryOver:
		return "上年结转资金"
	case FundGeneralBudget:
		return "一般公共预算"
	case FundGovernmentFund:
		return "政府性基金"
	case FundStateCapital:
		return "国有资本经营预算"
	case FundSpecialAccount:
		return "财政专户管理资金"
	case FundUnitOwn:
		return "单位资金"
	case FundSelfRaised:
		return "自筹资金"
	case FundSocial:
		return "社会资金"
	case FundOther:
		return "其他资金"
	}
	return "其他来源"
}

// Holds reports whether a line of role r may have a part of role part: the
// total holds anything; 地方资金 holds 省级/市级/县级/本级 money; 财政拨款 (and
// this year's or last year's appropriations) holds the budget kinds
// 一般公共预算/政府性基金/国有资本经营预算; 其他资金 holds 社会资金/自筹/单位
// 资金; any source but a year's own line may split into 本年 and 上年结转
// money; any line holds a part outside the lexicon (直达资金). A reader uses
// it to tell whether an unnumbered line after a nested group returns to an
// outer level: 其他资金 after 地方资金's 市级/区级 lines is beside 地方资金,
// not under it.
func (r FundRole) Holds(part FundRole) bool {
	if r == FundTotal || part == FundUnknown {
		return true
	}
	if part == FundCurrentYear || part == FundCarryOver {
		// any source may split by year, except a year's own line
		return r != FundCurrentYear && r != FundCarryOver
	}
	switch r {
	case FundLocal:
		return part == FundProvincial || part == FundMunicipal || part == FundCounty || part == FundOwnLevel
	case FundFiscal, FundCurrentYear, FundCarryOver:
		return part == FundGeneralBudget || part == FundGovernmentFund || part == FundStateCapital
	case FundOther:
		return part == FundSocial || part == FundSelfRaised || part == FundUnitOwn
	}
	return false
}

// Alongside reports whether lines of roles a and b may stand side by side
// as parts of one line: they split it the same way (by year, by budget
// kind, by level of government, by kind of money), or one of them is
// outside the lexicon or 其他. 上年结转资金 after 政府性基金 does not stand
// beside it: it returns to the level of 财政拨款.
func Alongside(a, b FundRole) bool {
	sa, sb := a.split(), b.split()
	return sa == splitAny || sb == splitAny || sa == sb
}

type fundSplit int

const (
	splitAny fundSplit = iota
	splitYear
	splitBudget
	splitLevel
	splitKind
)

func (r FundRole) split() fundSplit {
	switch r {
	case FundCurrentYear, FundCarryOver:
		return splitYear
	case FundGeneralBudget, FundGovernmentFund, FundStateCapital:
		return splitBudget
	case FundCentral, FundProvincial, FundMunicipal, FundCounty, FundOwnLevel, FundLocal:
		return splitLevel
	case FundFiscal, FundSpecialAccount, FundUnitOwn, FundSelfRaised, FundSocial:
		return splitKind
	}
	return splitAny
}
