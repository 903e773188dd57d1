// Package jixiao holds the domain of performance self-evaluation of fiscal
// transfer payments (转移支付绩效自评): the form, the judgement of its
// indicators, the findings of an audit and the kinds of error. It imports no
// file format, storage or transport: those live in their own packages and
// depend on this one.
package jixiao

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// Form is one self-evaluation form (绩效目标自评表) as written by a fund-using
// unit or aggregated by a department. Every text is kept exactly as written;
// numbers are kept beside their text as exact decimals.
type Form struct {
	Title    string `json:"title"`     // 2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表
	Year     int    `json:"year"`      // 2020; 0 when the form does not say
	YearText string `json:"year_text"` // （2020年度）

	Header Header `json:"header"`
	Funds  Funds  `json:"funds"`

	Goal        string `json:"goal"`        // 总体目标
	Achievement string `json:"achievement"` // 全年实际完成情况

	Indicators []Indicator `json:"indicators"`

	Notes     string   `json:"notes"`     // 说明, as written (may still hold the instruction text)
	Footnotes []string `json:"footnotes"` // 注：1. … 5.

	// Scored layouts (财预〔2020〕10号 and provincial variants): the declared
	// total score (总分) and grade (自评等级) as written; empty otherwise.
	TotalScore string `json:"total_score,omitempty"`
	Grade      string `json:"grade,omitempty"`

	Filler   string `json:"filler"`    // 填表人
	Phone    string `json:"phone"`     // 联系电话
	FillDate string `json:"fill_date"` // 填写日期, as written

	// Source names where the form came from (file, sheet); informational.
	Source string `json:"source,omitempty"`
	// Warnings say, in Chinese, what the reader could not read exactly (a
	// formula without a cached value read as blank…); check reports them.
	Warnings []string `json:"warnings,omitempty"`

	// Aggregation is set on region forms made by jixiao rollup: how each
	// figure was aggregated and from which members.
	Aggregation *Aggregation `json:"aggregation,omitempty"`
}

// Header identifies the program and who is responsible for the form.
type Header struct {
	Program     string `json:"program"`      // 转移支付（项目）名称
	CentralDept string `json:"central_dept"` // 中央主管部门
	LocalDept   string `json:"local_dept"`   // 地方主管部门
	Unit        string `json:"unit"`         // 资金使用单位
	// Region is the administrative region the form covers (北京市朝阳区). Forms
	// rarely state it: readers derive it from the program or unit name.
	Region string `json:"region"`
}

// Funds is the 资金情况 block. Lines absent from the form are nil.
type Funds struct {
	Unit    string    `json:"unit"` // 万元 (default) or 元, from the block's label
	Total   *FundLine `json:"total"`
	Central *FundLine `json:"central"`
	Local   *FundLine `json:"local"`
	Other   *FundLine `json:"other"`
}

// Lines returns the present fund lines in form order with their keys.
func (f *Funds) Lines() []NamedFundLine {
	var out []NamedFundLine
	for _, k := range FundKeys {
		if l := f.Line(k); l != nil {
			out = append(out, NamedFundLine{k, l})
		}
	}
	return out
}

// Line returns the funds line of key k, nil when the form has none.
func (f *Funds) Line(k FundKey) *FundLine {
	switch k {
	case FundTotal:
		return f.Total
	case FundCentral:
		return f.Central
	case FundLocal:
		return f.Local
	case FundOther:
		return f.Other
	}
	return nil
}

// Set sets the funds line of key k.
func (f *Funds) Set(k FundKey, l *FundLine) {
	switch k {
	case FundTotal:
		f.Total = l
	case FundCentral:
		f.Central = l
	case FundLocal:
		f.Local = l
	case FundOther:
		f.Other = l
	}
}

// FundKeys lists the funds lines in form order.
var FundKeys = []FundKey{FundTotal, FundCentral, FundLocal, FundOther}

// FundKey names a funds line.
type FundKey string

// The four funds lines of the form.
const (
	FundTotal   FundKey = "total"   // 年度资金总额
	FundCentral FundKey = "central" // 中央财政资金
	FundLocal   FundKey = "local"   // 地方资金
	FundOther   FundKey = "other"   // 其他资金
)

// Label is the Chinese name of the funds line.
func (k FundKey) Label() string {
	switch k {
	case FundTotal:
		return "年度资金总额"
	case FundCentral:
		return "中央财政资金"
	case FundLocal:
		return "地方资金"
	case FundOther:
		return "其他资金"
	}
	return string(k)
}

// NamedFundLine pairs a funds line with its key.
type NamedFundLine struct {
	Key  FundKey
	Line *FundLine
}

// FundLine is one row of the funds block: budget A, executed B and the
// execution rate B/A as the form declares it.
type FundLine struct {
	Label    string `json:"label"`     // as written: " 其中：中央财政资金"
	Budget   Amount `json:"budget"`    // 全年预算数（A）
	Executed Amount `json:"executed"`  // 全年执行数（B）
	RateText string `json:"rate_text"` // 预算执行率 as written: "11.900%", "1", ""

	// Scored layouts: 年初预算数, and the execution 分值/得分, as written.
	InitialBudget string `json:"initial_budget,omitempty"`
	Weight        string `json:"weight,omitempty"`
	Score         string `json:"score,omitempty"`
}

// Amount is a number as written in a cell and its exact value.
type Amount struct {
	Text  string          `json:"text"`
	Value decimal.Decimal `json:"value"`
	// Valid is false when the cell is empty or could not be read as a number.
	Valid bool `json:"valid"`
}

// Indicator is one level-3 performance indicator (三级指标) with its place in
// the tree.
type Indicator struct {
	Level1  string `json:"level1"`  // 一级指标 as written (carried down merged cells)
	Level2  string `json:"level2"`  // 二级指标 as written
	Label   string `json:"label"`   // 三级指标 cell as written: 指标1：专利资助奖励
	Name    string `json:"name"`    // the label without its 指标N： prefix: 专利资助奖励
	Ordinal int    `json:"ordinal"` // N of 指标N; 0 when the label has none
	Target  string `json:"target"`  // 指标值
	Actual  string `json:"actual"`  // 全年实际完成值
	Reason  string `json:"reason"`  // 未完成原因和改进措施 (已完成 when reached)

	// Optional columns of scored layouts, as written.
	Weight string `json:"weight,omitempty"` // 分值
	Score  string `json:"score,omitempty"`  // 得分
}

// Path locates the indicator for people: 产出指标/成本指标/指标1.
func (in *Indicator) Path() string {
	leaf := in.Label
	if in.Ordinal > 0 {
		leaf = "指标" + strconv.Itoa(in.Ordinal)
	} else if leaf == "" {
		leaf = in.Name
	}
	return in.Level1 + "/" + in.Level2 + "/" + leaf
}

// UnitFactor returns how many 元 one unit of a funds block is: 万元 (the
// default) 10000, 元 1, 亿元 10⁸.
func UnitFactor(unit string) decimal.Decimal {
	switch unit {
	case "元":
		return decimal.NewFromInt(1)
	case "亿元":
		return decimal.NewFromInt(100000000)
	}
	return decimal.NewFromInt(10000)
}

// ToWan converts an amount in the given funds unit to 万元, the unit in
// which forms are compared and aggregated.
func ToWan(v decimal.Decimal, unit string) decimal.Decimal {
	switch unit {
	case "元":
		return v.Div(decimal.NewFromInt(10000))
	case "亿元":
		return v.Mul(decimal.NewFromInt(10000))
	}
	return v
}
