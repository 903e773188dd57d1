package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/store"
)

// rollupPage is the 地区汇总 page's data: for one of the user's departments
// and a program and year, its task and reporting, the forms of the
// organisations under it, a preview of the region form rolled up from the
// approved ones with how every figure was made, and the button that
// generates and saves it.
type rollupPage struct {
	Depts     []jixiao.Grant // the departments the user reviews
	Dept      jixiao.Grant
	Program   string
	Year      int
	Choices   []taskChoice
	Tasks     []*jixiao.Task     // the department's tasks for the program and year
	Reporting *store.Reporting   // its region's reporting, when a task expects units
	Members   []store.MemberForm // the organisations under it and their forms
	Pending   []store.MemberForm // those the task expects that are not approved yet
	Approved  int
	Existing  *jixiao.StoredForm // its region form saved before, if any
	Preview   *rollupPreview     // nil while nothing is approved
	Error     string             // why generating was refused
}

// rollupPreview is the region form as RollupRegion would save it now.
type rollupPreview struct {
	Form     *jixiao.Form
	Sheet    *sheet
	Findings []*finding
	Summary  jixiao.Summary
	Basis    string // the fund amount relative values are weighted by
	Members  []previewMember
	Drills   []drillView
}

// previewMember is a form rolled up: its weight and its total funds line.
type previewMember struct {
	Name, Region     string
	Weight           string // 万元, on the basis
	Units            int
	Budget, Executed string // 万元
	FormID           int64  // its stored form (a link)
	Version          int
}

// drillView is how one indicator's aggregated figure was made, to the units
// (rollup.Drill as HTML: the command line writes it as text).
type drillView struct {
	ID       string // drill-<indicator index>: the sheet's target and actual cells link here
	Path     string
	Name     string
	Target   string
	Actual   string
	Method   string
	Children []drillItem
}

// drillItem is one member's contribution to an aggregate; a member that is
// itself a region form has its own.
type drillItem struct {
	Name, Target, Actual, Status string
	Weight                       string // 万元
	Values                       string // what it added: （6747件） or （90% × 100 = 9000）
	Method                       string // for a region form: how its own figure was made
	Children                     []drillItem
}

// reviewedDepts are the departments whose reviewer the user is.
func reviewedDepts(u *jixiao.User) []jixiao.Grant {
	var out []jixiao.Grant
	if u == nil {
		return nil
	}
	for _, g := range u.Grants {
		if g.Role == jixiao.RoleReviewer && g.OrgKind == jixiao.OrgDepartment {
			out = append(out, g)
		}
	}
	return out
}

// mayRollUp: the page is for department reviewers (the layout's menu asks).
func mayRollUp(u *jixiao.User) bool { return len(reviewedDepts(u)) > 0 }

// rollupQuery reads the department, program and year of the page from the
// query (GET) or the form (POST); without a program, the newest task of
// the department.
func (s *Server) rollupQuery(r *http.Request) (rollupPage, error) {
	var p rollupPage
	p.Depts = reviewedDepts(userOf(r))
	if len(p.Depts) == 0 {
		return p, jixiao.Errorf(jixiao.KindForbidden, "地区汇总供主管部门审核人使用；单位的表由上级主管部门审核通过后汇总")
	}
	p.Dept = p.Depts[0]
	if v := r.FormValue("dept"); v != "" {
		id, _ := strconv.ParseInt(v, 10, 64)
		i := slices.IndexFunc(p.Depts, func(g jixiao.Grant) bool { return g.OrgID == id })
		if i < 0 {
			return p, jixiao.Errorf(jixiao.KindForbidden, "您不是这个主管部门的审核人，不能汇总它的地区表")
		}
		p.Dept = p.Depts[i]
	}
	tasks, err := s.store.Tasks(r.Context(), "", 0)
	if err != nil {
		return p, err
	}
	// a department above districts issues no task of its own: it rolls up
	// its districts' region forms for the programs and years they had
	mine := slices.DeleteFunc(slices.Clone(tasks), func(t *jixiao.Task) bool { return t.IssuerID != p.Dept.OrgID })
	if len(mine) > 0 {
		p.Choices = taskChoices(mine)
	} else {
		p.Choices = taskChoices(tasks)
	}
	p.Program, p.Year = chosenTask(r, p.Choices)
	for _, t := range mine {
		if t.Program == p.Program && t.Year == p.Year {
			p.Tasks = append(p.Tasks, t)
		}
	}
	return p, nil
}

func (s *Server) rollupPage(w http.ResponseWriter, r *http.Request) {
	p, err := s.rollupQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.showRollup(w, r, http.StatusOK, p)
}

// rollupGenerate saves the region form (生成并保存地区汇总表) and goes to
// its page. It is refused, with the page and the units named, while a unit
// the task expects is not approved: a region form missing them could be
// neither submitted nor approved (store: allUnitsApproved).
func (s *Server) rollupGenerate(w http.ResponseWriter, r *http.Request) {
	p, err := s.rollupQuery(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Program == "" {
		s.fail(w, r, badRequest("请选择要汇总的项目和年度"))
		return
	}
	ctx := r.Context()
	members, err := s.store.MemberForms(ctx, p.Dept.OrgID, p.Program, p.Year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if pending := pendingNames(members); pending != "" {
		p.Error = "还有单位的自评表未审核通过：" + pending + "。这些单位的表审核通过后才能生成地区汇总表（否则汇总表缺少这些单位，也无法提交审核）。"
		s.showRollup(w, r, http.StatusConflict, p)
		return
	}
	res, err := s.store.RollupRegion(ctx, p.Dept.OrgID, p.Program, p.Year, false)
	if err != nil {
		if status(err) == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		p.Error = message(err)
		s.showRollup(w, r, status(err), p)
		return
	}
	http.Redirect(w, r, "/forms/"+strconv.FormatInt(res.Form.ID, 10), http.StatusSeeOther)
}

// pendingNames names the members that hold up the region form, with their
// status: 朝阳区科技园区管委会（已提交）、…
func pendingNames(members []store.MemberForm) string {
	var names []string
	for _, m := range members {
		if m.Pending() {
			names = append(names, m.Org+"（"+memberStatus(m)+"）")
		}
	}
	return strings.Join(names, "、")
}

// memberStatus is a member's form's status in words.
func memberStatus(m store.MemberForm) string {
	if m.Form == nil {
		return "未填报"
	}
	return m.Form.Status.Label()
}

// showRollup fills in what the department has for the chosen program and
// year, and renders the page.
func (s *Server) showRollup(w http.ResponseWriter, r *http.Request, code int, p rollupPage) {
	ctx := r.Context()
	if p.Program == "" {
		s.render(w, r, code, "rollup", p)
		return
	}
	var err error
	if p.Members, err = s.store.MemberForms(ctx, p.Dept.OrgID, p.Program, p.Year); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, m := range p.Members {
		if m.Pending() {
			p.Pending = append(p.Pending, m)
		}
		if m.Form != nil && m.Form.Status == jixiao.StatusApproved {
			p.Approved++
		}
	}
	rates, err := s.store.ReportingRates(ctx, p.Program, p.Year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i := range rates {
		if rates[i].Region.Code == p.Dept.Region {
			p.Reporting = &rates[i]
		}
	}
	own, _, err := s.store.Forms(ctx, store.FormFilter{Program: p.Program, Year: p.Year, Kind: jixiao.FormRegion, OrgID: p.Dept.OrgID, Limit: 1})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(own) > 0 {
		p.Existing = own[0]
	}
	if p.Approved > 0 {
		res, err := s.store.RollupRegion(ctx, p.Dept.OrgID, p.Program, p.Year, true)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Preview = s.rollupPreview(res)
	}
	s.render(w, r, code, "rollup", p)
}

// rollupPreview lays the rolled-up region form out officially, with the roll-up's
// findings and the form's own beside their cells, and links every
// aggregated figure of the sheet to how it was made.
func (s *Server) rollupPreview(res *store.RollupResult) *rollupPreview {
	f := res.Rollup.Form
	report := s.store.Judge(f)
	findings := append(append([]jixiao.Finding{}, res.Rollup.Findings...), report.Findings...)
	pv := &rollupPreview{Form: f, Summary: report.Summary, Basis: f.Aggregation.Weight.Label()}
	pv.Sheet, pv.Findings = newSheet(f, findings)
	pv.Summary.Errors, pv.Summary.Warnings, pv.Summary.Infos = 0, 0, 0
	for _, fd := range findings {
		switch fd.Severity {
		case jixiao.SeverityError:
			pv.Summary.Errors++
		case jixiao.SeverityWarning:
			pv.Summary.Warnings++
		default:
			pv.Summary.Infos++
		}
	}
	for i, m := range f.Aggregation.Members {
		pm := previewMember{Name: m.Name, Region: m.Region, Weight: m.Weight.String(), Units: m.Units}
		if i < len(res.Rollup.Members) {
			mf := res.Rollup.Members[i]
			if t := mf.Funds.TotalLine(); t != nil {
				if t.Budget.Valid {
					pm.Budget = jixiao.ToWan(t.Budget.Value, mf.Funds.Unit).String()
				}
				if t.Executed.Valid {
					pm.Executed = jixiao.ToWan(t.Executed.Value, mf.Funds.Unit).String()
				}
			}
		}
		if i < len(res.Members) {
			pm.FormID, pm.Version = res.Members[i].FormID, res.Members[i].Version
		}
		pv.Members = append(pv.Members, pm)
	}
	drills := map[int]string{}
	for i := range f.Indicators {
		if i >= len(f.Aggregation.Indicators) {
			break
		}
		d := rollup.Drill(f, i, res.Rollup.Members)
		dv := drillView{ID: "drill-" + strconv.Itoa(i), Path: d.Path, Name: d.Name, Target: d.Root.Target, Actual: d.Root.Actual}
		if d.Root.Aggregate != nil {
			dv.Method = d.Root.Aggregate.MethodText()
			dv.Children = drillItems(&d.Root)
		}
		drills[i] = dv.ID
		pv.Drills = append(pv.Drills, dv)
	}
	pv.Sheet.link(func(ref layout.Ref) string {
		switch {
		case ref.Section == jixiao.SectionIndicators && (ref.Field == "target" || ref.Field == "actual"):
			if id, ok := drills[ref.Indicator]; ok {
				return "#" + id
			}
		case ref.Section == jixiao.SectionFunds && (ref.Field == "budget" || ref.Field == "executed" || ref.Field == "rate"):
			return "#funds-members"
		}
		return ""
	})
	return pv
}

// drillItems are the contributions under n, each with its own when it is a
// region form.
func drillItems(n *rollup.DrillNode) []drillItem {
	out := make([]drillItem, len(n.Children))
	for i := range n.Children {
		c := &n.Children[i]
		it := drillItem{Name: c.Name, Target: c.Target, Actual: c.Actual}
		if c.Contribution != nil {
			it.Status = c.Contribution.Status.Label()
			it.Weight = c.Contribution.Weight.String()
			it.Values = rollup.ValuesText(c.Contribution, n.Aggregate.Method)
		}
		if c.Aggregate != nil {
			it.Method = c.Aggregate.MethodText()
			it.Children = drillItems(c)
		}
		out[i] = it
	}
	return out
}

// link sets the link of every cell whose form field href names.
func (sh *sheet) link(href func(layout.Ref) string) {
	for b := range sh.Blocks {
		for r := range sh.Blocks[b].Rows {
			for c := range sh.Blocks[b].Rows[r] {
				cell := &sh.Blocks[b].Rows[r][c]
				if cell.Text != "" {
					cell.Href = href(cell.ref)
				}
			}
		}
	}
}
