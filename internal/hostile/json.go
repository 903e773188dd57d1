package hostile

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
)

const (
	jsonFileHead = `{"format":"jixiao.form","version":2,"forms":[`
	jsonFileTail = `]}`
	// a form with one indicator: what makes a JSON file a form file
	oneIndicator = `"indicators":[{"level1":"产出指标","level2":"数量指标","label":"指标1：专利资助奖励","target":"不少于7000件","actual":"6747件"}]`
)

// realisticForm is a form with n indicators whose texts are like the
// reference form's, each numbered.
func realisticForm(n int) string {
	var b strings.Builder
	b.WriteString(`{"title":"2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表","year":2020,` +
		`"header":{"program":"北京市朝阳区知识产权运营服务体系建设","unit":"北京市朝阳区市场监督管理局"},` +
		`"funds":{"unit":"万元","lines":[{"label":"年度资金总额：","role":"total","parent":-1,"budget":{"text":"10926.2"},"executed":{"text":"1300"},"rate_text":"11.900%"}]},` +
		`"goal":"打造知识产权运营服务体系。","indicators":[`)
	b.WriteString(numbered(n, func(b []byte, i int) []byte {
		if i > 1 {
			b = append(b, ',')
		}
		b = append(b, `{"level1":"产出指标","level2":"数量指标","label":"指标`...)
		b = append(b, itoa(i)...)
		return append(b, `：专利资助奖励","target":"不少于7000件","actual":"专利资助奖励共完成6747件。","reason":"资助件数与申报情况有关。"}`...)
	}))
	b.WriteString(`],"filler":"张三","phone":"010-12345678","fill_date":"2021年3月1日"}`)
	return b.String()
}

// numberListIndicators fill a file of nearly jixiao.MaxFileSize with
// indicators whose texts are lists of numbers.
const numberListIndicators = 580

// numberLists is a form of n indicators whose target and actual are each
// about 16 KB of numbered clauses: parsed naively, every clause would be a
// phrase of its own, kept for every indicator.
func numberLists(n int) string {
	list := strings.Repeat("不少于1件，", 16<<10/len("不少于1件，"))
	var b strings.Builder
	b.WriteString(`{"indicators":[`)
	b.WriteString(numbered(n, func(b []byte, i int) []byte {
		if i > 1 {
			b = append(b, ',')
		}
		b = append(b, `{"level1":"产出指标","level2":"数量指标","label":"指标`...)
		b = append(b, itoa(i)...)
		b = append(b, `：专利资助奖励","target":"`...)
		b = append(b, list...)
		b = append(b, `","actual":"`...)
		b = append(b, list...)
		return append(b, `"}`...)
	}))
	b.WriteString(`]}`)
	return b.String()
}

func jsonCases() []Case {
	indicator := `{"label":"a"},`
	atLimit := realisticForm(jixiao.MaxIndicators)
	atLimitForms := fill(atLimit+",", jsonFileHead, jsonFileTail)
	return []Case{{
		ID:          "json-indicators",
		Description: "一张表 1,000,000 个指标",
		File:        "indicators.json", Limit: count("每张表的指标数", jixiao.MaxIndicators), Want: Refused,
		Build: flat(run{`{"indicators":[`, 1}, run{indicator, 1_000_000}, run{`{"label":"a"}]}`, 1}),
	}, {
		ID:          "json-forms",
		Description: "一个文件 1,000,000 张表",
		File:        "forms.json", Limit: count("每个文件的表数", jixiao.MaxForms), Want: Refused,
		Build: flat(run{jsonFileHead + "{" + oneIndicator + "}", 1}, run{`,{}`, 1_000_000}, run{jsonFileTail, 1}),
	}, {
		ID:          "json-fund-lines",
		Description: "一张表 1,000,000 行资金",
		File:        "fund-lines.json", Limit: count("资金行数", jixiao.MaxFundLines), Want: Refused,
		Build: flat(run{`{"funds":{"lines":[{}`, 1}, run{`,{}`, 1_000_000}, run{`]},` + oneIndicator + `}`, 1}),
	}, {
		ID:          "json-deep-nesting",
		Description: "19 MB 的 [ 嵌套",
		File:        "deep-nesting.json", Limit: "JSON 嵌套层数", Want: Refused,
		Build: flat(run{"[", nearMax}),
	}, {
		ID:          "json-deep-unknown-field",
		Description: "未知字段里 1,000,000 层嵌套的对象",
		File:        "deep-unknown-field.json", Limit: "JSON 嵌套层数", Want: Refused,
		Build: flat(run{"{" + oneIndicator + `,"x":`, 1}, run{`{"a":`, 1_000_000}, run{"1", 1}, run{"}", 1_000_001}),
	}, {
		ID:          "json-long-string",
		Description: "“总体目标”是一个 19 MB 的字符串",
		File:        "long-string.json", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes) + "（若限制）", Want: Either, Forms: 1, Indicators: 1,
		Build: flat(run{`{"goal":"`, 1}, run{"字", fill("字", oneIndicator) - 10}, run{`",` + oneIndicator + "}", 1}),
	}, {
		ID:          "json-huge-exponent",
		Description: "资金数额写成 1e999999999（按十进制展开有十亿位）",
		File:        "huge-exponent.json", Limit: "数值的指数", Want: Either, Forms: 1, Indicators: 1,
		Build: flat(run{`{"funds":{"lines":[{"label":"年度资金总额：","role":"total","parent":-1,"budget":{"value":1e999999999},"executed":{"value":1e-999999999}}]},` + oneIndicator + `}`, 1}),
	}, {
		ID:          "json-long-number",
		Description: "预算数、执行数各是 1,000,000 位的数",
		File:        "long-number.json", Limit: bytesLimit("单元格文字", jixiao.MaxCellBytes) + "（若限制）", Want: Either, Forms: 1, Indicators: 1,
		Build: flat(run{`{"funds":{"lines":[{"label":"年度资金总额：","role":"total","parent":-1,"budget":{"text":"`, 1}, run{"9", 1_000_000},
			run{`"},"executed":{"text":"7`, 1}, run{"9", 999_999}, run{`"}}]},` + oneIndicator + `}`, 1}),
	}, {
		ID:          "json-number-lists",
		Description: "一张表约 580 个指标，指标值和实际完成值各是约 16 KB 的数字列表（不少于1件，不少于1件，……）：必须读取",
		File:        "number-lists.json", Limit: "单元格文字 64 KB（未超）；每个短语的分项 64（phrase.MaxParts）", Want: Read,
		Forms: 1, Indicators: numberListIndicators,
		Build: func() ([]byte, error) { return []byte(numberLists(numberListIndicators)), nil },
	}, {
		ID:          "json-forms-at-limit",
		Description: "多张表、每张 1,000 个指标（指标数上限），共约 19 MB：必须读取",
		File:        "forms-at-limit.json", Limit: count("每张表的指标数", jixiao.MaxIndicators) + "（未超）", Want: Read,
		Forms: atLimitForms, Indicators: jixiao.MaxIndicators,
		Build: flat(run{jsonFileHead + atLimit, 1}, run{"," + atLimit, atLimitForms - 1}, run{jsonFileTail, 1}),
	}}
}

// writtenForms writes copies of a realistic form of n indicators with a
// project writer (docx.Write, xlsx.Write): the official layout at the
// indicator limit, which must still be read.
func writtenForms(copies, n int, write func(io.Writer, []*jixiao.Form, [][]jixiao.Finding, time.Time) error) func() ([]byte, error) {
	return func() ([]byte, error) {
		var f jixiao.Form
		if err := json.Unmarshal([]byte(realisticForm(n)), &f); err != nil {
			return nil, err
		}
		jsonform.Normalize(&f)
		forms := make([]*jixiao.Form, copies)
		for i := range forms {
			forms[i] = &f
		}
		var buf bytes.Buffer
		// a fixed time: a hostile file is the same from run to run
		if err := write(&buf, forms, nil, time.Date(2021, 3, 31, 9, 30, 0, 0, time.UTC)); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
}
