package jixiao

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/jixiao/jixiao/internal/hanzi"

	"github.com/shopspring/decimal"
)

// Funds is the 资金情况 section: a total and any number of source lines under
// it, as the form writes them (docs/funds.md). Lines are in form order; each
// knows the line it is a part of, so the section is a tree: the total
// (年度资金总额), its sources (中央财政资金, 地方资金, 一般公共预算…) and their
// 其中 sub-lines. A form that breaks its money down twice (by source, then
// per sub-program) has several top-level totals.
type Funds struct {
	Unit  string     `json:"unit"` // 万元 (default), 元 or 亿元, from the section's label: the unit of every Value
	Lines []FundLine `json:"lines"`
}

// FundLine is one row of the funds section: budget A, executed B and the
// execution rate B/A as the form declares it.
type FundLine struct {
	Label string   `json:"label"` // as written: " 其中：中央财政资金"
	Role  FundRole `json:"role"`  // what the label says the money is; "" when the label is not in the lexicon
	// Parent is the index in Funds.Lines of the line this one is a part of,
	// -1 for a top-level line (a total).
	Parent int `json:"parent"`

	Budget   Amount `json:"budget"`    // 全年预算数（A）
	Executed Amount `json:"executed"`  // 全年执行数（B）
	RateText string `json:"rate_text"` // 预算执行率 as written: "11.900%", "1", ""

	// Scored layouts: 年初预算数, and the execution 分值/得分, as written.
	InitialBudget string `json:"initial_budget,omitempty"`
	Weight        string `json:"weight,omitempty"`
	Score         string `json:"score,omitempty"`
}

// Name is the line's label for messages: as written without the 其中 that
// introduces it and the colon after it (" 其中：中央财政资金" → 中央财政资金),
// or the Chinese name of its role when the label is blank.
func (l *FundLine) Name() string {
	n := strings.Trim(l.Label, " \t\r\n\u3000\u00a0")
	if rest, ok := strings.CutPrefix(n, "其中"); ok && rest != "" {
		n = strings.TrimLeft(rest, " ：:\u3000")
	}
	n = strings.TrimRight(n, " ：:\u3000")
	if n == "" {
		return l.Role.Label()
	}
	return n
}

// IsPartition reports a heading that announces how the lines after it split
// the total (按收入性质分：, 按支出性质分, 按资金来源划分, 按功能分类): it has no
// amounts of its own. Departmental forms split the same total twice; the
// reader makes a second split a top-level line that stands for the first
// total (docs/funds.md).
func (l *FundLine) IsPartition() bool {
	if l.Filled() || l.Budget.Unreadable || l.Executed.Unreadable || strings.TrimSpace(l.RateText) != "" {
		return false
	}
	k := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == ':' || r == '：' || r == '\t' {
			return -1
		}
		return r
	}, hanzi.Simplified(l.Label))
	if i := strings.Index(k, "按"); i >= 0 && i <= 6 { // after a number: 一、按…
		k = k[i+len("按"):]
	} else {
		return false
	}
	n := utf8.RuneCountInString(k)
	return n >= 2 && n <= 12 && (strings.HasSuffix(k, "分") || strings.HasSuffix(k, "分类"))
}

// Filled reports whether budget or executed holds a number.
func (l *FundLine) Filled() bool { return l.Budget.Valid || l.Executed.Valid }

// Total returns the index and line of the form's total: the first top-level
// line whose role is total. It returns -1, nil when the form has none.
func (f *Funds) Total() (int, *FundLine) {
	for i := range f.Lines {
		if l := &f.Lines[i]; l.Parent < 0 && l.Role == FundTotal {
			return i, l
		}
	}
	return -1, nil
}

// TotalLine is Total without the index.
func (f *Funds) TotalLine() *FundLine {
	_, l := f.Total()
	return l
}

// Parts returns the indices of the direct parts of line i, in form order.
func (f *Funds) Parts(i int) []int {
	var out []int
	for j := i + 1; j < len(f.Lines); j++ {
		if f.Lines[j].Parent == i {
			out = append(out, j)
		}
	}
	return out
}

// Source returns the first direct part of the total with the given role,
// nil when there is none.
func (f *Funds) Source(role FundRole) *FundLine {
	t, _ := f.Total()
	for i := range f.Lines {
		if l := &f.Lines[i]; l.Role == role && (l.Parent == t || t < 0) {
			return l
		}
	}
	return nil
}

// Add appends a line and returns its index.
func (f *Funds) Add(l FundLine) int {
	if f.Lines == nil {
		f.Lines = make([]FundLine, 0, 8) // a section has a handful of lines
	}
	f.Lines = append(f.Lines, l)
	return len(f.Lines) - 1
}

// UnmarshalJSON reads the funds of both schema versions: version 2 lists
// lines; version 1 (docs/form-schema.md) had four fixed fields total,
// central, local and other, which become a total and its sources. Unknown
// fields are refused, as everywhere in a form file.
func (f *Funds) UnmarshalJSON(data []byte) error {
	var v struct {
		Unit    string     `json:"unit"`
		Lines   []FundLine `json:"lines"`
		Total   *FundLine  `json:"total"`
		Central *FundLine  `json:"central"`
		Local   *FundLine  `json:"local"`
		Other   *FundLine  `json:"other"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	f.Unit, f.Lines = v.Unit, v.Lines
	if v.Lines != nil {
		return f.settle()
	}
	parent := -1
	for _, old := range []struct {
		l    *FundLine
		role FundRole
	}{{v.Total, FundTotal}, {v.Central, FundCentral}, {v.Local, FundLocal}, {v.Other, FundOther}} {
		if old.l == nil {
			continue
		}
		l := *old.l
		l.Role, l.Parent = old.role, parent
		if old.role == FundTotal {
			parent = f.Add(l)
			continue
		}
		f.Add(l)
	}
	return nil
}

// settle completes lines read from JSON: a line without a role gets the
// role of its label, and a line without a parent is a top-level line when it
// is a total and a part of the nearest total before it otherwise (a
// hand-written file lists a total and its sources). A parent that does not
// come before its line is refused: the tree would not be one.
func (f *Funds) settle() error {
	total := -1
	for i := range f.Lines {
		l := &f.Lines[i]
		if l.Role == "" {
			l.Role = FundRoleOf(l.Label)
		}
		switch {
		case l.Parent == noParent && l.Role == FundTotal:
			l.Parent = -1
		case l.Parent == noParent:
			l.Parent = total
		case l.Parent < -1 || l.Parent >= i:
			return Invalid("资金情况第 %d 行（%s）的 parent 为 %d：应为它之前某一行的序号（从 0 起），或 -1 表示总额行", i+1, l.Name(), l.Parent)
		}
		if l.Parent < 0 && l.Role == FundTotal {
			total = i
		}
	}
	return nil
}

// noParent marks a line read from JSON without "parent".
const noParent = -2

// UnmarshalJSON notes a missing "parent" so that Funds can settle it.
func (l *FundLine) UnmarshalJSON(data []byte) error {
	type plain FundLine
	v := plain{Parent: noParent}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	*l = FundLine(v)
	return nil
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
