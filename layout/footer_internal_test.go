package layout

import (
	"regexp"
	"slices"
	"testing"
)

// footerRe is what footerMatches replaced: the scanner must find the same
// matches, faster.
var footerRe = regexp.MustCompile(`(填\s*[表报写]\s*人|经办人|制表人|联系人及(?:联系)?电话|联系人|联系电话|电话|填\s*[写报表]\s*(?:日\s*期|时\s*间)|报送日期|报送时间|制表日期|制表时间|日期|审核人|复核人|单位负责人|财务负责人|项目负责人|负责人)\s*(?:[（(]\s*签[字名章]\s*[)）])?\s*[：:]?\s*`)

func TestFooterMatchesAsRegexp(t *testing.T) {
	for _, line := range []string{
		"填表人：李想      联系电话：51069565       填写日期：2021年7月27日",
		"填 表 人：王五 联系人及电话：张三 13800000000 填报时间:2022年1月5日",
		"单位负责人：何志明    财务负责人：黄    经办人（签字）：邓丽    填表日期：2023.1.20",
		"填表人(签 名)：甲 电话：1 日期：2021年",
		"联系人及联系电话：乙 010-1 制表日期：3月 审核人：丙 复核人：丁 项目负责人：戊 负责人：己",
		"填 写 日 期 ： 2021年7月27日 报送日期：x 报送时间：y 制表时间：z",
		"没有标签的一行",
		"",
		"填表人",
		"（签字）填表人（签",
	} {
		want := footerRe.FindAllStringSubmatchIndex(line, -1)
		var got [][]int
		for _, m := range footerMatches(line) {
			got = append(got, m[:])
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%q:\n got  %v\n want %v", line, got, want)
		}
	}
}
