package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/store"
)

// homeData is the 工作台's data, by the user's role: a unit's forms by
// status and its tasks with their deadlines; a department's units with
// their status, errors, execution rate and score, and its reporting; the
// central department's regions. Charts: indicator results by category,
// execution rate by unit or region, grades.
type homeData struct {
	Role    string // unit, department, central; "" for an administrator
	Program string
	Year    int
	Choices []taskChoice

	// a unit: its forms by status (newest change first) and its tasks
	Forms    []*jixiao.StoredForm
	Total    int
	ByStatus []statusGroup
	Tasks    []unitTask

	// a department: its units; central: the regions (the comparison)
	Dept      jixiao.Grant
	Members   []memberRow
	Reporting []store.Reporting
	Compare   *comparePage

	Categories    []store.CategoryCount
	CategoryChart chart
	RateChart     chart
	GradeChart    chart
	Grades        []gradeCount
	Unscored      int // maxScored, when there were more units than that to score on every visit
}

// maxScored bounds the units a department's 工作台 scores (reading and
// judging each form) and charts; a larger department sees their status,
// errors and rates, and scores on the comparison page or in the export.
const maxScored = 200

// statusGroup is the forms of one status.
type statusGroup struct {
	Status jixiao.FormStatus
	Forms  []*jixiao.StoredForm
}

// unitTask is a task that expects the user's unit, with its form.
type unitTask struct {
	Task    *jixiao.Task
	Form    *jixiao.StoredForm // nil: not started
	Overdue bool               // the deadline passed and nothing was submitted
}

// memberRow is a unit (or a region below) of a department, with its form's
// score.
type memberRow struct {
	store.MemberForm
	Score, Grade string
}

// gradeCount is how many forms got a grade.
type gradeCount struct {
	Grade string
	N     int
}

// homeRole is the 工作台 the user sees: central viewers the regions,
// reviewers their department, fillers their unit.
func homeRole(u *jixiao.User) string {
	switch {
	case u.Has(jixiao.RoleViewer):
		return "central"
	case mayRollUp(u):
		return "department"
	case u.Has(jixiao.RoleFiller):
		return "unit"
	}
	return ""
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	d := homeData{Role: homeRole(u)}
	var err error
	switch d.Role {
	case "unit":
		err = s.unitHome(r, u, &d)
	case "department":
		err = s.departmentHome(r, u, &d)
	case "central":
		err = s.centralHome(r, &d)
	default:
		d.Forms, d.Total, err = s.store.Forms(r.Context(), store.FormFilter{Limit: 100})
	}
	if err == nil && d.Role != "" && d.Program != "" {
		err = s.categories(r, &d)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", d)
}

// formStatuses are the statuses in the order a unit works through them.
var formStatuses = []jixiao.FormStatus{jixiao.StatusReturned, jixiao.StatusDraft, jixiao.StatusSubmitted,
	jixiao.StatusResubmitted, jixiao.StatusApproved}

// unitHome: the unit's forms by status, returned ones first (they wait for
// the unit), and the tasks its department issued to it with deadlines.
func (s *Server) unitHome(r *http.Request, u *jixiao.User, d *homeData) error {
	ctx := r.Context()
	var err error
	if d.Forms, d.Total, err = s.store.Forms(ctx, store.FormFilter{Limit: 200}); err != nil {
		return err
	}
	for _, st := range formStatuses {
		g := statusGroup{Status: st}
		for _, f := range d.Forms {
			if f.Status == st {
				g.Forms = append(g.Forms, f)
			}
		}
		if len(g.Forms) > 0 {
			d.ByStatus = append(d.ByStatus, g)
		}
	}
	tasks, err := s.store.Tasks(ctx, "", 0)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, g := range u.Grants {
		if g.Role != jixiao.RoleFiller {
			continue
		}
		// tasks go to units directly under their issuer
		for _, t := range tasks {
			if t.IssuerID != g.OrgParent {
				continue
			}
			if !slices.Contains(t.ExpectedIDs, g.OrgID) {
				continue
			}
			ut := unitTask{Task: t}
			for _, f := range d.Forms {
				if f.OrgID == g.OrgID && f.Program == t.Program && f.Year == t.Year && f.Kind == jixiao.FormUnit {
					ut.Form = f
				}
			}
			ut.Overdue = now.After(t.Deadline) && (ut.Form == nil || ut.Form.SubmittedAt == nil)
			d.Tasks = append(d.Tasks, ut)
		}
	}
	// the newest task's program and year for the chart
	var mine []*jixiao.Task
	for _, ut := range d.Tasks {
		mine = append(mine, ut.Task)
	}
	slices.SortFunc(mine, func(a, b *jixiao.Task) int { return int(a.ID - b.ID) })
	d.Choices = taskChoices(mine)
	d.Program, d.Year = chosenTask(r, d.Choices)
	return nil
}

// departmentHome: the units under the user's (first) department with their
// forms, the reporting of its region and the regions below, the units'
// execution rates and grades.
func (s *Server) departmentHome(r *http.Request, u *jixiao.User, d *homeData) error {
	ctx := r.Context()
	d.Dept = reviewedDepts(u)[0]
	tasks, err := s.store.Tasks(ctx, "", 0)
	if err != nil {
		return err
	}
	d.Choices = taskChoices(tasks)
	d.Program, d.Year = chosenTask(r, d.Choices)
	if d.Program == "" {
		return nil
	}
	members, err := s.store.MemberForms(ctx, d.Dept.OrgID, d.Program, d.Year)
	if err != nil {
		return err
	}
	grades := map[string]int{}
	rates := chartSeries{Name: "预算执行率（%）"}
	d.RateChart = chart{Kind: "bar", Title: "各单位预算执行率", Axes: []chartAxis{{Name: "%"}}}
	// Scores are computed from the documents, so only for a department of
	// ordinary size; the execution rates are stored with the forms.
	if len(members) > maxScored {
		d.Unscored = maxScored
	}
	for _, m := range members {
		row := memberRow{MemberForm: m}
		if m.Form != nil && d.Unscored == 0 {
			f, err := s.store.Form(ctx, m.Form.ID)
			if err != nil {
				return err
			}
			res := score.Form(f.Form, nil, nil)
			row.Score, row.Grade = score.Fixed(res.Total), res.Grade
			grades[res.Grade]++
			d.RateChart.Categories = append(d.RateChart.Categories, m.Org)
			rates.Data = append(rates.Data, chartNumber(m.Form.Rate))
		}
		d.Members = append(d.Members, row)
	}
	d.RateChart.Series = []chartSeries{rates}
	d.gradeChart(grades, "各单位自评得分等级")
	all, err := s.store.ReportingRates(ctx, d.Program, d.Year)
	if err != nil {
		return err
	}
	for _, rp := range all {
		if strings.HasPrefix(rp.Region.Path, d.Dept.RegionPath) {
			d.Reporting = append(d.Reporting, rp)
		}
	}
	return nil
}

// centralHome: the regions side by side (the comparison page's first
// level), the reporting of the regions at the top, execution rates and
// grades of the regions.
func (s *Server) centralHome(r *http.Request, d *homeData) error {
	ctx := r.Context()
	p, err := s.ranking(r)
	if err != nil {
		return err
	}
	d.Compare, d.Choices, d.Program, d.Year = p, p.Choices, p.Program, p.Year
	if d.Program == "" {
		return nil
	}
	all, err := s.store.ReportingRates(ctx, d.Program, d.Year)
	if err != nil {
		return err
	}
	for _, rp := range all {
		if strings.Count(rp.Region.Path, "/") <= 2 { // the nation and the regions right under it
			d.Reporting = append(d.Reporting, rp)
		}
	}
	grades := map[string]int{}
	rates := chartSeries{Name: "预算执行率（%）"}
	d.RateChart = chart{Kind: "bar", Title: "各地区预算执行率", Axes: []chartAxis{{Name: "%"}}}
	for _, row := range p.Rows {
		grades[row.Grade]++
		d.RateChart.Categories = append(d.RateChart.Categories, row.Region)
		rates.Data = append(rates.Data, chartNumber(strings.TrimSuffix(row.Rate, "%")))
	}
	d.RateChart.Series = []chartSeries{rates}
	d.gradeChart(grades, "各地区得分等级")
	return nil
}

// categories counts indicator results by category over the forms the user
// may see (a department: its region), for the chosen program and year.
func (s *Server) categories(r *http.Request, d *homeData) error {
	cf := store.CategoryFilter{Program: d.Program, Year: d.Year}
	if d.Role == "department" {
		cf.Region = d.Dept.Region
	}
	var err error
	if d.Categories, err = s.store.IndicatorCategories(r.Context(), cf); err != nil {
		return err
	}
	d.CategoryChart = chart{Kind: "bar", Title: "各类指标完成情况（项）", Axes: []chartAxis{{Name: "项"}}}
	met := chartSeries{Name: "达成", Stack: "n", Color: "#1a7f37"}
	notMet := chartSeries{Name: "未达成", Stack: "n", Color: "#b42318"}
	other := chartSeries{Name: "定性或无法判定", Stack: "n", Color: "#8c959f"}
	for _, c := range d.Categories {
		d.CategoryChart.Categories = append(d.CategoryChart.Categories, categoryLabel(c.Category))
		met.Data = append(met.Data, c.Met)
		notMet.Data = append(notMet.Data, c.NotMet)
		other.Data = append(other.Data, c.Qualitative+c.Undetermined)
	}
	d.CategoryChart.Series = []chartSeries{met, notMet, other}
	return nil
}

// categoryLabel names a category; labels outside the taxonomy are 其他.
func categoryLabel(c jixiao.Category) string {
	if c == jixiao.CategoryUnknown {
		return "其他"
	}
	return string(c)
}

// gradeChart is the pie of how many forms got each grade, in the default
// scheme's order (best first).
func (d *homeData) gradeChart(grades map[string]int, title string) {
	var data []any
	for _, g := range score.Default().Grades {
		if n := grades[g.Grade]; n > 0 {
			d.Grades = append(d.Grades, gradeCount{g.Grade, n})
			data = append(data, pieSlice{g.Grade, n})
		}
	}
	d.GradeChart = chart{Kind: "pie", Title: title, Series: []chartSeries{{Name: "等级", Data: data}}}
}

// chartNumber is a stored decimal as chart data (nil when empty): charts
// draw floats, the tables beside them show the exact text.
func chartNumber(text string) any {
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil
	}
	return v
}
