package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// newFormPage is the 新建自评表 page's data: the units the user fills,
// the tasks asking them to report, the program, year and unit chosen, and
// the form that exists already for that choice.
type newFormPage struct {
	Units    []jixiao.Grant
	Tasks    []*jixiao.Task
	Programs []jixiao.Program
	Program  string
	Year     int
	OrgID    int64
	Existing *jixiao.StoredForm
	Error    string
}

// newFormPage offers to create a blank form: a unit filler picks one of
// the tasks their department issued (or types a program) and a year.
// ?program=&year=&org= prefill the choice (the task links do).
func (s *Server) newFormPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := s.newFormData(r, q.Get("program"), q.Get("year"), q.Get("org"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if len(p.Units) == 0 {
		code = http.StatusForbidden
	}
	s.render(w, r, code, "newform", p)
}

// newFormData gathers the page's choices; the program and year default to
// the user's units' latest task.
func (s *Server) newFormData(r *http.Request, program, year, org string) (*newFormPage, error) {
	p := &newFormPage{Program: strings.TrimSpace(program)}
	p.Year, _ = strconv.Atoi(strings.TrimSpace(year))
	p.OrgID, _ = strconv.ParseInt(org, 10, 64)
	if u := userOf(r); u != nil {
		for _, g := range u.Grants {
			if g.Role == jixiao.RoleFiller {
				p.Units = append(p.Units, g)
			}
		}
	}
	if len(p.Units) == 0 {
		p.Error = "只有资金使用单位的填报人可以新建自评表。"
		return p, nil
	}
	if p.OrgID == 0 {
		p.OrgID = p.Units[0].OrgID
	}
	ctx := r.Context()
	tasks, err := s.store.Tasks(ctx, "", 0)
	if err != nil {
		return nil, err
	}
	for _, t := range tasks {
		if slices.ContainsFunc(p.Units, func(g jixiao.Grant) bool { return slices.Contains(t.ExpectedIDs, g.OrgID) }) {
			p.Tasks = append(p.Tasks, t)
		}
	}
	slices.Reverse(p.Tasks) // the latest first
	if p.Program == "" && p.Year == 0 && len(p.Tasks) > 0 {
		p.Program, p.Year = p.Tasks[0].Program, p.Tasks[0].Year
	}
	if p.Programs, err = s.store.Programs(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// newFormSubmit creates the blank form (a draft, version 1) and goes to
// its page. A form that exists already for that unit, program and year is
// named with a link instead of a second one (the store refuses duplicates
// too, as a conflict).
func (s *Server) newFormSubmit(w http.ResponseWriter, r *http.Request) {
	p, err := s.newFormData(r, r.PostFormValue("program"), r.PostFormValue("year"), r.PostFormValue("org"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	f, err := s.createBlank(ctx, p)
	if err == nil {
		http.Redirect(w, r, "/forms/"+strconv.FormatInt(f.ID, 10)+"?done=new", http.StatusSeeOther)
		return
	}
	if status(err) >= 500 {
		s.fail(w, r, err)
		return
	}
	p.Error = message(err)
	s.render(w, r, status(err), "newform", p)
}

// createBlank checks the choice and creates the form.
func (s *Server) createBlank(ctx context.Context, p *newFormPage) (*jixiao.StoredForm, error) {
	switch {
	case p.Program == "":
		return nil, jixiao.Invalid("请填写项目名称，或从上面的任务中选择")
	case p.Year == 0:
		return nil, jixiao.Invalid("请填写年度（四位数的年份，如 2021）")
	}
	var unit *jixiao.Grant
	for i := range p.Units {
		if p.Units[i].OrgID == p.OrgID {
			unit = &p.Units[i]
		}
	}
	if unit == nil {
		return nil, jixiao.Errorf(jixiao.KindForbidden, "您不是所选单位的填报人，不能为它新建自评表")
	}
	forms, _, err := s.store.Forms(ctx, store.FormFilter{OrgID: unit.OrgID, Program: p.Program, Year: p.Year, Kind: jixiao.FormUnit, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(forms) > 0 {
		p.Existing = forms[0]
		return nil, jixiao.Errorf(jixiao.KindConflict, "“%s”%d 年度“%s”的自评表已经有了，不能再新建一张：请打开它修改",
			unit.OrgName, p.Year, p.Program)
	}
	blank, err := s.blankForm(ctx, unit, p.Program, p.Year)
	if err != nil {
		return nil, err
	}
	return s.store.CreateForm(ctx, store.NewForm{Program: p.Program, Year: p.Year, OrgID: unit.OrgID, Form: blank})
}

// blankCategories are the level-2 categories of the official form, under
// their level-1 groups, in form order: a blank form has one empty
// indicator row in each, so every part of the taxonomy is there to fill
// and to add rows to.
var blankCategories = []struct {
	level1 string
	level2 jixiao.Category
}{
	{jixiao.Level1Output, jixiao.CategoryQuantity}, {jixiao.Level1Output, jixiao.CategoryQuality},
	{jixiao.Level1Output, jixiao.CategoryTimeliness}, {jixiao.Level1Output, jixiao.CategoryCost},
	{jixiao.Level1Effect, jixiao.CategoryEconomic}, {jixiao.Level1Effect, jixiao.CategorySocial},
	{jixiao.Level1Effect, jixiao.CategoryEcological}, {jixiao.Level1Effect, jixiao.CategorySustainable},
	{jixiao.Level1Satisfaction, jixiao.CategorySatisfaction},
}

// blankForm is a form of the official layout with its header filled from
// the unit, its region, its department, the program and the year; the
// funds lines of the official form with no amounts; an empty indicator row
// in each category; the person creating it as 填表人.
func (s *Server) blankForm(ctx context.Context, unit *jixiao.Grant, program string, year int) (*jixiao.Form, error) {
	f := &jixiao.Form{
		Title:    strconv.Itoa(year) + "年" + program + "转移支付区域（项目）绩效目标自评表",
		Year:     year,
		YearText: "（" + strconv.Itoa(year) + "年度）",
		Header:   jixiao.Header{Program: unit.RegionName + program, Unit: unit.OrgName},
		Funds: jixiao.Funds{Unit: "万元", Lines: []jixiao.FundLine{
			{Label: "年度资金总额：", Role: jixiao.FundTotal, Parent: -1},
			{Label: " 其中：中央财政资金", Role: jixiao.FundCentral, Parent: 0},
			{Label: "地方资金", Role: jixiao.FundLocal, Parent: 0},
			{Label: "其他资金", Role: jixiao.FundOther, Parent: 0},
		}},
	}
	if jixiao.RegionOf(f.Header.Program) == "" {
		f.Header.Region = unit.RegionName // a region the names do not begin with
	}
	if a := jixiao.ActorFrom(ctx); a != nil {
		f.Filler = a.Person
	}
	if unit.OrgParent != 0 {
		dept, err := s.store.Org(ctx, unit.OrgParent)
		if err != nil {
			return nil, err
		}
		f.Header.LocalDept = dept.Name
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	var central []string
	for _, o := range orgs {
		if o.Kind == jixiao.OrgCentral {
			central = append(central, o.Name)
		}
	}
	if len(central) == 1 {
		f.Header.CentralDept = central[0] // else the unit writes which one
	}
	for _, c := range blankCategories {
		f.Indicators = append(f.Indicators, jixiao.Indicator{Level1: c.level1, Level2: string(c.level2), Label: "指标1：", Ordinal: 1})
	}
	return f, nil
}
