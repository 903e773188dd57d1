package jixiao_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
)

// Labels of funds lines as real forms write them, and their roles
// (docs/funds.md §1).
func TestFundRoleOf(t *testing.T) {
	for _, tt := range []struct {
		label string
		want  jixiao.FundRole
	}{
		{"年度资金总额：", jixiao.FundTotal},
		{"年度预算资金总额", jixiao.FundTotal},
		{"计划生育转移支付资金合计(万元)", jixiao.FundTotal},
		{"年度财政资金总额", jixiao.FundTotal},
		{"总额", jixiao.FundTotal},
		{" 其中：中央财政资金", jixiao.FundCentral},
		{"其中:中央补助", jixiao.FundCentral},
		{"中央财政专项资金", jixiao.FundCentral},
		{"地方资金", jixiao.FundLocal},
		{"地方财政配套资金", jixiao.FundLocal},
		{"市县资金", jixiao.FundLocal},
		{"县级配套资金", jixiao.FundCounty},
		{"自治区补助", jixiao.FundProvincial},
		{"省级资金", jixiao.FundProvincial},
		{"盟市资金", jixiao.FundMunicipal},
		{"市级资金", jixiao.FundMunicipal},
		{"旗县资金", jixiao.FundCounty},
		{"区级资金", jixiao.FundCounty},
		{"本级资金(包括结转结余)", jixiao.FundOwnLevel},
		{"本年财政拨款", jixiao.FundCurrentYear},
		{"上年结转资金", jixiao.FundCarryOver},
		{"其中：一般公共预算", jixiao.FundGeneralBudget},
		{"政府性基金拨款", jixiao.FundGovernmentFund},
		{"国有资本经营预算", jixiao.FundStateCapital},
		{"纳入专户管理的非税收入拨款", jixiao.FundSpecialAccount},
		{"财政专户管理资金", jixiao.FundSpecialAccount},
		{"单位资金", jixiao.FundUnitOwn},
		{"（二）自有资金小计", jixiao.FundUnitOwn},
		{"单位自筹资金", jixiao.FundSelfRaised},
		{"社会投入资金", jixiao.FundSocial},
		{"（一）财政拨款小计", jixiao.FundFiscal},
		{"其中:财政资金", jixiao.FundFiscal},
		{"其他资金", jixiao.FundOther},
		{"（三）其他收入", jixiao.FundOther},
		{"1、事业收入", jixiao.FundUnknown},
		{"直达资金", jixiao.FundUnknown},
		{"", jixiao.FundUnknown},
	} {
		if got := jixiao.FundRoleOf(tt.label); got != tt.want {
			t.Errorf("FundRoleOf(%q) = %q, want %q", tt.label, got, tt.want)
		}
	}
}
