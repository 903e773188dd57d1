package jixiao

import "github.com/shopspring/decimal"

// Status is the judgement of one level-3 indicator (docs/domain.md §8.1).
type Status string

// The four judgements.
const (
	StatusMet          Status = "met"
	StatusNotMet       Status = "not_met"
	StatusQualitative  Status = "qualitative"  // no number to compare and no band given
	StatusUndetermined Status = "undetermined" // target or actual could not be read
)

// Label is the Chinese name of the status.
func (s Status) Label() string {
	switch s {
	case StatusMet:
		return "达成"
	case StatusNotMet:
		return "未达成"
	case StatusQualitative:
		return "定性"
	case StatusUndetermined:
		return "无法判定"
	}
	return string(s)
}

// Assessment is the judgement of one indicator: what was compared, how, and
// the result. It is part of the public JSON contract of `jixiao check --json`.
type Assessment struct {
	Index  int    `json:"index"` // position in Form.Indicators
	Path   string `json:"at"`    // 产出指标/成本指标/指标1
	Level1 string `json:"level1"`
	Level2 string `json:"level2"`
	Name   string `json:"name"`
	Target string `json:"target"`
	Actual string `json:"actual"`
	Reason string `json:"reason"`

	Status Status `json:"status"`
	// Completion is actual/target (for a cap: target/actual); nil when there
	// is no ratio (deadlines, qualitative rows without a band, unreadable).
	Completion *decimal.Decimal `json:"completion"`
	// Comparator applied: ≥, ≤, =, deadline, band, or "" when none applied.
	Comparator string `json:"comparator"`
	// DirectionReason says in Chinese why the comparison goes the way it
	// does: 指标值写明比较方式（≥）, 指标名称含“受害率”，越低越好（≤）, 成本指标，
	// 默认不超过目标（≤）, 默认越高越好（≥）, 指标值为期限… (docs/directions.md).
	DirectionReason string `json:"direction_reason,omitempty"`
	// Explanation says in Chinese how the status was reached:
	// "实际 6747件 < 目标 7000件".
	Explanation string `json:"explanation"`
	// Band is the qualitative percentage found in the actual (90 for 90%), if any.
	Band *decimal.Decimal `json:"band,omitempty"`
	// Parts judges each part of a composite target, in order.
	Parts []PartAssessment `json:"parts,omitempty"`
	// DeclaredDone is true when the reason column says the target was reached (已完成).
	DeclaredDone bool `json:"declared_done"`
}

// PartAssessment judges one part of a composite target.
type PartAssessment struct {
	Target      string           `json:"target"`
	Actual      string           `json:"actual"`
	Status      Status           `json:"status"`
	Completion  *decimal.Decimal `json:"completion"`
	Explanation string           `json:"explanation"`
}

// Severity of a finding.
type Severity string

// Severities, from worst.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Label is the Chinese name of the severity.
func (s Severity) Label() string {
	switch s {
	case SeverityError:
		return "错误"
	case SeverityWarning:
		return "警告"
	case SeverityInfo:
		return "提示"
	}
	return string(s)
}

// Section names the part of the form a finding is about.
type Section string

// Sections of the form, in form order.
const (
	SectionHeader     Section = "header"
	SectionFunds      Section = "funds"
	SectionGoal       Section = "goal"
	SectionIndicators Section = "indicators"
	SectionNotes      Section = "notes"
	SectionFooter     Section = "footer"
)

// Label is the Chinese name of the section.
func (s Section) Label() string {
	switch s {
	case SectionHeader:
		return "基本信息"
	case SectionFunds:
		return "资金情况"
	case SectionGoal:
		return "总体目标完成情况"
	case SectionIndicators:
		return "绩效指标"
	case SectionNotes:
		return "说明"
	case SectionFooter:
		return "填表信息"
	}
	return string(s)
}

// Sections lists the sections in form order.
var Sections = []Section{SectionHeader, SectionFunds, SectionGoal, SectionIndicators, SectionNotes, SectionFooter}

// Finding is one thing a careful reviewer would point out. Rule ids are a
// public contract (docs/contract.md).
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// At locates the finding for people: 资金情况/中央财政资金, 产出指标/成本指标/指标1.
	At      string `json:"at"`
	Message string `json:"message"`

	Section Section `json:"section"`
	// Indicator is the index in Form.Indicators, or -1.
	Indicator int `json:"indicator"`
	// Field names the cell: budget, executed, rate (funds lines, with Fund),
	// target, actual, reason (indicators), or a header field.
	Field string `json:"field,omitempty"`
	// Fund is the role of the funds line (total, central…) and FundLine its
	// index in Form.Funds.Lines; funds findings only (0 is the first line).
	Fund     FundRole `json:"fund,omitempty"`
	FundLine int      `json:"fund_line,omitempty"`
}

// Summary counts findings by severity and indicators by status.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`

	Indicators   int `json:"indicators"`
	Met          int `json:"met"`
	NotMet       int `json:"not_met"`
	Qualitative  int `json:"qualitative"`
	Undetermined int `json:"undetermined"`
}

// CountStatuses fills the indicator counts of the summary.
func (s *Summary) CountStatuses(as []Assessment) {
	s.Indicators = len(as)
	s.Met, s.NotMet, s.Qualitative, s.Undetermined = 0, 0, 0, 0
	for _, a := range as {
		switch a.Status {
		case StatusMet:
			s.Met++
		case StatusNotMet:
			s.NotMet++
		case StatusQualitative:
			s.Qualitative++
		case StatusUndetermined:
			s.Undetermined++
		}
	}
}

// Summarize counts the findings by severity.
func Summarize(fs []Finding) Summary {
	var s Summary
	for _, f := range fs {
		switch f.Severity {
		case SeverityError:
			s.Errors++
		case SeverityWarning:
			s.Warnings++
		case SeverityInfo:
			s.Infos++
		}
	}
	return s
}

// Report is the result of checking one form: the form, the judgement of each
// indicator and the findings. Its JSON is the contract of `jixiao check --json`.
type Report struct {
	File       string       `json:"file"`
	FormIndex  int          `json:"form_index"` // 0 unless a file holds several forms
	Form       *Form        `json:"form"`
	Indicators []Assessment `json:"indicators"`
	Findings   []Finding    `json:"findings"`
	Summary    Summary      `json:"summary"`
}

// Rule describes an audit rule for people: its id (the public contract),
// its severity and what it catches, in Chinese. `jixiao rules` lists them.
type Rule struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"` // the usual severity; some rules also report at a milder one
	Title    string   `json:"title"`
}
