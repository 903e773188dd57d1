package web

import (
	"bytes"
	"cmp"
	"context"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/xlsx"
)

// comparePage is the 地区对比 page's data: the region forms of one program
// and year whose regions stand under one parent region, side by side as
// `jixiao rank` compares them (score.Rank: check, score, grade, and the
// parent's aggregate), sorted by the column the user chose.
type comparePage struct {
	Program string
	Year    int
	Choices []taskChoice
	Parents []compareParent // regions with member region forms to compare
	Parent  compareParent
	Sort    string // a column key (compareColumns)
	Desc    bool
	Columns []compareColumn
	Rows    []compareRow // the regions, in the chosen order
	Total   *compareRow  // the parent's aggregate (rollup of the rows' forms)
	Scheme  string
	Chart   chart
	Export  string // the .xlsx of what is shown
	Error   string // why the forms could not be compared

	ranking *score.Ranking // the rows in the chosen order, for the export
}

// compareParent is a region whose member regions have region forms.
type compareParent struct {
	Code, Name string
	Forms      []*jixiao.StoredForm
}

// compareColumn is a sortable column header: its link sorts by it (the
// other way when it is the current one), aria-sort says the current order.
type compareColumn struct {
	Key, Label, Href, AriaSort string
	Num                        bool
}

// compareRow is a ranking row as shown, with its form.
type compareRow struct {
	score.Row
	FormID                                int64
	Budget, Executed, Rate, Score, Points string
}

// compareColumns are the page's columns: key, label, numeric, and how two
// rows compare by it.
var compareColumns = []columnDef{
	{"rank", "排名", true, func(a, b *score.Row) int { return cmp.Compare(a.Rank, b.Rank) }},
	{"region", "地区", false, func(a, b *score.Row) int { return strings.Compare(a.Region, b.Region) }},
	{"budget", "全年预算数（万元）", true, func(a, b *score.Row) int { return a.Budget.Cmp(b.Budget) }},
	{"executed", "全年执行数（万元）", true, func(a, b *score.Row) int { return a.Executed.Cmp(b.Executed) }},
	{"rate", "预算执行率", true, compareRate},
	{"met", "达成", true, func(a, b *score.Row) int { return cmp.Compare(a.Met, b.Met) }},
	{"not_met", "未达成", true, func(a, b *score.Row) int { return cmp.Compare(a.NotMet, b.NotMet) }},
	{"errors", "错误", true, func(a, b *score.Row) int { return cmp.Compare(a.Errors, b.Errors) }},
	{"score", "得分", true, func(a, b *score.Row) int { return a.Score.Cmp(b.Score) }},
	{"grade", "等级", false, func(a, b *score.Row) int { return a.Score.Cmp(b.Score) }}, // grades follow scores
}

type columnDef struct {
	key, label string
	num        bool
	cmp        func(a, b *score.Row) int
}

// compareRate orders rows without a rate (no budget) first, as the
// lowest.
func compareRate(a, b *score.Row) int {
	switch {
	case a.Rate == nil && b.Rate == nil:
		return 0
	case a.Rate == nil:
		return -1
	case b.Rate == nil:
		return 1
	}
	return a.Rate.Cmp(*b.Rate)
}

// mayCompare: the page is for central viewers and department reviewers.
func mayCompare(u *jixiao.User) bool { return mayFollowReporting(u) }

// ranking reads the comparison the request asks for: program, year, parent
// region, sort. The forms are those the user may see (store.Forms).
func (s *Server) ranking(r *http.Request) (*comparePage, error) {
	if !mayCompare(userOf(r)) {
		return nil, jixiao.Errorf(jixiao.KindForbidden, "地区对比供中央和主管部门查看；您可以在“自评表”中查看本单位的表")
	}
	ctx := r.Context()
	tasks, err := s.store.Tasks(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	p := &comparePage{Choices: taskChoices(tasks)}
	p.Program, p.Year = chosenTask(r, p.Choices)
	q := r.URL.Query()
	p.Sort, p.Desc = q.Get("sort"), q.Get("dir") == "desc"
	if !slices.ContainsFunc(compareColumns, func(c columnDef) bool {
		return c.key == p.Sort
	}) {
		p.Sort, p.Desc = "rank", false
	}
	if p.Program == "" {
		return p, nil
	}
	forms, _, err := s.store.Forms(ctx, store.FormFilter{Program: p.Program, Year: p.Year, Kind: jixiao.FormRegion, Limit: 10000})
	if err != nil {
		return nil, err
	}
	if p.Parents, err = s.parents(ctx, forms); err != nil {
		return nil, err
	}
	if len(p.Parents) == 0 {
		return p, nil
	}
	p.Parent = p.Parents[0]
	if code := q.Get("region"); code != "" {
		i := slices.IndexFunc(p.Parents, func(c compareParent) bool { return c.Code == code })
		if i < 0 {
			return nil, jixiao.Errorf(jixiao.KindNotFound, "地区 %s 下面没有您可以查看的 %d 年度“%s”地区汇总表", code, p.Year, p.Program)
		}
		p.Parent = p.Parents[i]
	}
	entries := make([]score.Entry, len(p.Parent.Forms))
	ids := map[string]int64{}
	for i, sf := range p.Parent.Forms {
		f, err := s.store.Form(ctx, sf.ID)
		if err != nil {
			return nil, err
		}
		entries[i] = score.Entry{Form: f.Form}
		ids[f.Form.RegionName()] = sf.ID
	}
	rk, err := score.Rank(entries, score.RankOptions{Audit: &s.store.Audit})
	if err != nil {
		if jixiao.KindOf(err) != jixiao.KindInvalid {
			return nil, err
		}
		p.Error = message(err)
		return p, nil
	}
	p.Scheme = rk.Scheme
	p.sortRows(rk)
	for _, row := range rk.Rows {
		cr := compareRow{Row: row, FormID: ids[row.Region], Budget: score.Fixed(row.Budget), Executed: score.Fixed(row.Executed),
			Score: score.Fixed(row.Score), Points: score.Points(row.Score)}
		if row.Rate != nil {
			cr.Rate = score.Percent(*row.Rate)
		}
		if row.Aggregate {
			p.Total = &cr
			continue
		}
		p.Rows = append(p.Rows, cr)
	}
	p.ranking = rk
	return p, nil
}

// sortRows orders the regions of rk by the chosen column (ties by rank);
// the aggregate stays last.
func (p *comparePage) sortRows(rk *score.Ranking) {
	i := slices.IndexFunc(compareColumns, func(c columnDef) bool {
		return c.key == p.Sort
	})
	by := compareColumns[i].cmp
	n := len(rk.Rows)
	if n > 0 && rk.Rows[n-1].Aggregate {
		n--
	}
	slices.SortStableFunc(rk.Rows[:n], func(a, b score.Row) int {
		c := by(&a, &b)
		if p.Desc {
			c = -c
		}
		if c == 0 {
			c = cmp.Compare(a.Rank, b.Rank)
		}
		return c
	})
}

// parents groups region forms by the region above theirs, shallowest
// first (the provinces under 全国 before the cities under a province).
func (s *Server) parents(ctx context.Context, forms []*jixiao.StoredForm) ([]compareParent, error) {
	byPath := map[string][]*jixiao.StoredForm{}
	var paths []string
	for _, f := range forms {
		path := strings.TrimSuffix(f.RegionPath, "/")
		i := strings.LastIndexByte(path, '/')
		if i < 0 {
			continue // the root's own form compares with nothing
		}
		parent := path[:i+1]
		if byPath[parent] == nil {
			paths = append(paths, parent)
		}
		byPath[parent] = append(byPath[parent], f)
	}
	slices.SortFunc(paths, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.Count(a, "/"), strings.Count(b, "/")), strings.Compare(a, b))
	})
	out := make([]compareParent, 0, len(paths))
	for _, path := range paths {
		code := strings.TrimSuffix(path, "/")
		code = code[strings.LastIndexByte(code, '/')+1:]
		reg, err := s.store.Region(ctx, code)
		if err != nil {
			return nil, err
		}
		fs := byPath[path]
		slices.SortFunc(fs, func(a, b *jixiao.StoredForm) int { return strings.Compare(a.RegionPath, b.RegionPath) })
		out = append(out, compareParent{Code: code, Name: reg.FullName, Forms: fs})
	}
	return out, nil
}

// query is the page's address with some parameters changed.
func (p *comparePage) query(path string, set ...string) string {
	v := url.Values{"program": {p.Program}, "year": {strconv.Itoa(p.Year)}, "region": {p.Parent.Code}, "sort": {p.Sort}}
	if p.Desc {
		v.Set("dir", "desc")
	}
	for i := 0; i+1 < len(set); i += 2 {
		v.Set(set[i], set[i+1])
	}
	for k := range v {
		if v.Get(k) == "" {
			v.Del(k)
		}
	}
	return path + "?" + v.Encode()
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	p, err := s.ranking(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, c := range compareColumns {
		col := compareColumn{Key: c.key, Label: c.label, Num: c.num}
		// numbers sort high to low first, names and ranks low to high
		dir := ""
		if c.num && c.key != "rank" {
			dir = "desc"
		}
		if c.key == p.Sort {
			col.AriaSort = "ascending"
			dir = "desc"
			if p.Desc {
				col.AriaSort, dir = "descending", ""
			}
		}
		col.Href = p.query("/compare", "sort", c.key, "dir", dir)
		p.Columns = append(p.Columns, col)
	}
	if len(p.Rows) > 0 {
		p.Export = p.query("/compare/xlsx")
		p.Chart = compareChart(p)
	}
	code := http.StatusOK
	if p.Error != "" {
		code = http.StatusUnprocessableEntity
	}
	s.render(w, r, code, "compare", p)
}

// compareChart is the regions' scores and execution rates, in the table's
// order.
func compareChart(p *comparePage) chart {
	c := chart{Kind: "bar", Title: "各地区得分和预算执行率",
		Axes: []chartAxis{{Name: "得分", Max: 100}, {Name: "执行率（%）"}}}
	scores := chartSeries{Name: "得分"}
	rates := chartSeries{Name: "预算执行率（%）", Kind: "line", Axis: 1}
	for _, r := range p.Rows {
		c.Categories = append(c.Categories, r.Region)
		scores.Data = append(scores.Data, r.Row.Score.Round(2).InexactFloat64())
		if r.Row.Rate != nil {
			rates.Data = append(rates.Data, r.Row.Rate.Shift(2).Round(2).InexactFloat64())
		} else {
			rates.Data = append(rates.Data, nil)
		}
	}
	c.Series = []chartSeries{scores, rates}
	return c
}

// compareXLSX sends the comparison as shown (same rows, same order) as the
// ranking workbook `jixiao rank --out` writes.
func (s *Server) compareXLSX(w http.ResponseWriter, r *http.Request) {
	p, err := s.ranking(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.ranking == nil {
		msg := p.Error
		if msg == "" {
			msg = "没有可以导出的地区汇总表：请先选择项目、年度和地区"
		}
		s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "%s", msg))
		return
	}
	var buf bytes.Buffer
	if err := xlsx.WriteRanking(&buf, p.ranking); err != nil {
		s.fail(w, r, err)
		return
	}
	name := strconv.Itoa(p.Year) + "年度" + p.Program + "-" + p.Parent.Name + "各地区对比.xlsx"
	w.Header().Set("Content-Type", downloads["xlsx"].contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
