package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// reportingPage is the 填报进度 page's data: for one program and year, the
// reporting of the units of every region the user may see.
type reportingPage struct {
	Program string
	Year    int
	Choices []taskChoice // the programs and years tasks were issued for
	Tasks   []*jixiao.Task
	Rates   []store.Reporting
}

// taskChoice is a program and year some task was issued for.
type taskChoice struct {
	Program string
	Year    int
}

// taskChoices are the programs and years of tasks, newest first.
func taskChoices(tasks []*jixiao.Task) []taskChoice {
	var out []taskChoice
	for i := len(tasks) - 1; i >= 0; i-- {
		c := taskChoice{tasks[i].Program, tasks[i].Year}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// taskLink is a link of the task choices: the page for one program and year.
type taskLink struct {
	Href, Label string
	Current     bool
}

// taskLinks are the links of the "taskchoices" block: base (the page's
// address ending in ? or &) for each choice, the one shown current.
func taskLinks(base string, choices []taskChoice, program string, year int) []taskLink {
	out := make([]taskLink, len(choices))
	for i, c := range choices {
		out[i] = taskLink{Href: base + "program=" + url.QueryEscape(c.Program) + "&year=" + strconv.Itoa(c.Year),
			Label: strconv.Itoa(c.Year) + " 年度 " + c.Program, Current: c.Program == program && c.Year == year}
	}
	return out
}

// chosenTask is the program and year the request names, else the first
// choice.
func chosenTask(r *http.Request, choices []taskChoice) (string, int) {
	program := strings.TrimSpace(r.FormValue("program"))
	year, _ := strconv.Atoi(r.FormValue("year"))
	if program == "" && len(choices) > 0 {
		return choices[0].Program, choices[0].Year
	}
	return program, year
}

// mayFollowReporting: the page is for departments (their units' reporting)
// and the central department (every region's).
func mayFollowReporting(u *jixiao.User) bool {
	return u.Has(jixiao.RoleReviewer, jixiao.RoleViewer)
}

// reporting shows a task's reporting rate region by region: expected
// units, submitted (on time, late), missing, approved (store.ReportingRates,
// which counts only what the user may see). Without a choice it shows the
// latest task's program and year.
func (s *Server) reporting(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	if !mayFollowReporting(u) {
		s.fail(w, r, jixiao.Errorf(jixiao.KindForbidden, "填报进度供主管部门审核人和中央查看人使用；您可以在“自评表”中查看本单位的表"))
		return
	}
	ctx := r.Context()
	tasks, err := s.store.Tasks(ctx, "", 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := reportingPage{Choices: taskChoices(tasks)}
	p.Program, p.Year = chosenTask(r, p.Choices)
	if p.Program != "" {
		if p.Rates, err = s.store.ReportingRates(ctx, p.Program, p.Year); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	// the deadlines of the tasks the user's departments issued (all, for
	// the central department)
	central := u.Has(jixiao.RoleViewer)
	for _, t := range tasks {
		mine := slices.ContainsFunc(u.Grants, func(g jixiao.Grant) bool { return g.Role == jixiao.RoleReviewer && g.OrgID == t.IssuerID })
		if t.Program == p.Program && t.Year == p.Year && (central || mine) {
			p.Tasks = append(p.Tasks, t)
		}
	}
	s.render(w, r, http.StatusOK, "reporting", p)
}
