package score

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/rollup"
)

// Entry is one region form to rank, with where it was read from.
type Entry struct {
	File  string
	Index int // position of the form in its file
	Form  *jixiao.Form
}

// RankOptions configure a ranking.
type RankOptions struct {
	Scheme *Scheme       // nil: the default scheme
	Audit  *audit.Config // thresholds of check.Form; nil: audit.Defaults()
}

// Ranking compares the region forms of one program and year.
type Ranking struct {
	Program string `json:"program"` // the program's name without region
	Year    int    `json:"year"`
	Scheme  string `json:"scheme"`
	// Parent is the region of the aggregate row (the common parent of the
	// regions, or 全国).
	Parent string `json:"parent"`
	// Rows are sorted by score (ties: execution rate, then region); the
	// aggregate is the last row.
	Rows []Row `json:"rows"`
	// AggregateFindings are what rollup noticed while aggregating.
	AggregateFindings []jixiao.Finding `json:"aggregate_findings"`
}

// Row is one region of a ranking.
type Row struct {
	Rank      int    `json:"rank"` // 1…; 0 for the aggregate
	Region    string `json:"region"`
	Aggregate bool   `json:"aggregate"`
	File      string `json:"file,omitempty"`
	FormIndex int    `json:"form_index"`
	// Budget and Executed are the total funds line in 万元.
	Budget   decimal.Decimal `json:"budget"`
	Executed decimal.Decimal `json:"executed"`
	// Rate is B/A as a fraction; nil when the budget is 0 or missing.
	Rate         *decimal.Decimal `json:"rate"`
	Indicators   int              `json:"indicators"`
	Met          int              `json:"met"`
	NotMet       int              `json:"not_met"`
	Qualitative  int              `json:"qualitative"`
	Undetermined int              `json:"undetermined"`
	Errors       int              `json:"errors"` // error-level findings of check.Form
	Score        decimal.Decimal  `json:"score"`
	Grade        string           `json:"grade"`
	Unscored     decimal.Decimal  `json:"unscored"`
}

// Label is the region as shown: 北京市（汇总） for the aggregate.
func (r *Row) Label() string {
	if r.Aggregate {
		return r.Region + "（汇总）"
	}
	return r.Region
}

// Rank scores each region form, sorts them and adds the parent aggregate
// (rollup.Rollup over the same forms) as the last row. Forms of different
// programs or years, or two forms of one region, are refused.
func Rank(entries []Entry, opt RankOptions) (*Ranking, error) {
	if len(entries) == 0 {
		return nil, jixiao.Invalid("没有可排名的自评表")
	}
	s := opt.Scheme
	if s == nil {
		s = Default()
	}
	cfg := audit.Defaults()
	if opt.Audit != nil {
		cfg = *opt.Audit
	}
	if err := comparable(entries); err != nil {
		return nil, err
	}
	first := entries[0].Form
	rk := &Ranking{Program: jixiao.WithoutRegion(first.Header.Program), Year: first.Year, Scheme: s.Name}

	forms := make([]*jixiao.Form, len(entries))
	for i, e := range entries {
		forms[i] = e.Form
		rk.Rows = append(rk.Rows, row(e.Form, e.File, e.Index, s, cfg))
	}
	slices.SortStableFunc(rk.Rows, compareRows)
	for i := range rk.Rows {
		rk.Rows[i].Rank = i + 1
	}

	// the parent: the regions' common region (what rollup.Options{} would
	// derive, but also for forms whose region is only in the program
	// name), or 全国 when they have none
	parent := rollup.CommonRegion(forms)
	if parent == "" {
		parent = "全国"
	}
	res, err := rollup.Rollup(forms, rollup.Options{Region: parent})
	if err != nil {
		return nil, err
	}
	agg := row(res.Form, "", 0, s, cfg)
	agg.Aggregate = true
	agg.Region = res.Form.Header.Region
	rk.Parent = agg.Region
	rk.Rows = append(rk.Rows, agg)
	rk.AggregateFindings = res.Findings
	if rk.AggregateFindings == nil {
		rk.AggregateFindings = []jixiao.Finding{}
	}
	return rk, nil
}

// row checks and scores one form.
func row(f *jixiao.Form, file string, index int, s *Scheme, cfg audit.Config) Row {
	rep := check.Form(f, cfg)
	res := Form(f, judge.Form(f), s)
	r := Row{
		Region: regionOf(f, file), File: file, FormIndex: index,
		Indicators: rep.Summary.Indicators, Met: rep.Summary.Met, NotMet: rep.Summary.NotMet,
		Qualitative: rep.Summary.Qualitative, Undetermined: rep.Summary.Undetermined,
		Errors: rep.Summary.Errors, Score: res.Total, Grade: res.Grade, Unscored: res.Unscored,
	}
	if t := f.Funds.TotalLine(); t != nil {
		if t.Budget.Valid {
			r.Budget = jixiao.ToWan(t.Budget.Value, f.Funds.Unit)
		}
		if t.Executed.Valid {
			r.Executed = jixiao.ToWan(t.Executed.Value, f.Funds.Unit)
		}
		if t.Budget.Valid && t.Executed.Valid && t.Budget.Value.IsPositive() {
			rate := t.Executed.Value.DivRound(t.Budget.Value, prec)
			r.Rate = &rate
		}
	}
	return r
}

// compareRows orders by score as shown (two places), then execution rate,
// then region name.
func compareRows(a, b Row) int {
	if c := b.Score.Round(2).Cmp(a.Score.Round(2)); c != 0 {
		return c
	}
	switch {
	case a.Rate != nil && b.Rate == nil:
		return -1
	case a.Rate == nil && b.Rate != nil:
		return 1
	case a.Rate != nil && b.Rate != nil:
		if c := b.Rate.Cmp(*a.Rate); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Region, b.Region)
}

// regionOf names the region of a form.
func regionOf(f *jixiao.Form, file string) string {
	if r := f.RegionName(); r != "" {
		return r
	}
	if f.Header.Unit != "" {
		return f.Header.Unit
	}
	return file
}

// programKey is the program name without region, folded for comparison
// as rollup compares programs.
func programKey(f *jixiao.Form) string {
	k := jixiao.Key(jixiao.WithoutRegion(f.Header.Program))
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("、，。；,.;()（）《》“”\"'‘’-—_·/", r) {
			return -1
		}
		return r
	}, k)
}

func describe(e Entry) string {
	name := e.File
	if name == "" {
		name = regionOf(e.Form, "")
	}
	if e.Index > 0 {
		name += fmt.Sprintf("（第 %d 张表）", e.Index+1)
	}
	return name
}

// comparable refuses forms of different years or programs, and two forms
// of one region.
func comparable(entries []Entry) error {
	first := entries[0]
	for _, e := range entries[1:] {
		if e.Form.Year != first.Form.Year {
			return jixiao.Invalid("不能比较不同年度的自评表：%s 是%s，%s 是%s。排名只比较同一项目、同一年度各地区的表",
				describe(first), YearText(first.Form.Year), describe(e), YearText(e.Form.Year))
		}
	}
	key := programKey(first.Form)
	for _, e := range entries[1:] {
		if programKey(e.Form) != key {
			return jixiao.Invalid("不能比较不同项目的自评表：%s 的“%s”与 %s 的“%s”去掉地区后名称不同。排名只比较同一项目、同一年度各地区的表",
				describe(first), first.Form.Header.Program, describe(e), e.Form.Header.Program)
		}
	}
	seen := map[string]Entry{}
	for _, e := range entries {
		r := regionOf(e.Form, e.File)
		if prev, ok := seen[r]; ok {
			return jixiao.Invalid("%s 和 %s 都是%s的表：每个地区只能有一张表，否则汇总会重复计算。请去掉其中一张，或先用 rollup 汇总该地区的单位表",
				describe(prev), describe(e), r)
		}
		seen[r] = e
	}
	return nil
}

// YearText writes a year for people: 2020年度, or 未写年度 when none is known.
func YearText(y int) string {
	if y == 0 {
		return "未写年度"
	}
	return fmt.Sprintf("%d年度", y)
}

// RankHeaders are the column titles of the ranking table.
var RankHeaders = []string{"排名", "地区", "全年预算数（万元）", "全年执行数（万元）", "预算执行率",
	"达成", "未达成", "定性", "无法判定", "错误", "得分", "等级", "未计分分值"}
