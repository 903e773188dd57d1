// Package jixiao holds the domain of performance self-evaluation of fiscal
// transfer payments (转移支付绩效自评): the form, the judgement of its
// indicators, the findings of an audit and the kinds of error. It imports no
// file format, storage or transport: those live in their own packages and
// depend on this one.
package jixiao

import (
	"strconv"
	"strings"

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

// Amount is a number as written in a cell and its exact value.
type Amount struct {
	Text  string          `json:"text"`
	Value decimal.Decimal `json:"value"`
	// Valid is false when the cell is empty or could not be read as a number.
	Valid bool `json:"valid"`
	// Unreadable is true when the cell holds something that is not an amount
	// (a blank cell or a dash is not Valid, but not Unreadable either).
	Unreadable bool `json:"unreadable,omitempty"`
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
	if in.Ordinal > 0 {
		// one concatenation: a path is made for every indicator checked
		return oneLine(in.Level1) + "/" + oneLine(in.Level2) + "/指标" + strconv.Itoa(in.Ordinal)
	}
	leaf := in.Label
	if leaf == "" {
		leaf = in.Name
	}
	return oneLine(in.Level1) + "/" + oneLine(in.Level2) + "/" + oneLine(leaf)
}

// oneLine joins a label broken over lines in its cell (效益\n指标).
func oneLine(s string) string {
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 {
		return s
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "")
}
