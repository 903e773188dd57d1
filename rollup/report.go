package rollup

import (
	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
)

// Report is a roll-up as it is reported (docs/contract.md, `jixiao rollup
// --json`): the region form checked like any form, with the roll-up's own
// findings added, and each member with its weight and its own errors. The
// CLI and the server render it; neither computes it.
type Report struct {
	Region  string           `json:"region"`
	Code    string           `json:"code,omitempty"`
	Parent  string           `json:"parent,omitempty"`
	Report  jixiao.Report    `json:"report"`
	Rollup  []jixiao.Finding `json:"rollup_findings"`
	Members []MemberReport   `json:"members"`
}

// MemberReport is a member of a roll-up: its name, file, weight and the
// errors of its own form (a region member's are listed at its own level).
type MemberReport struct {
	Name   string           `json:"name"`
	File   string           `json:"file"`
	Weight string           `json:"weight"`
	Errors []jixiao.Finding `json:"errors"`
}

// Describe checks the region form of res under cfg, adds the roll-up's
// findings to its report, and lists each member with its own errors.
func Describe(res *Result, cfg audit.Config) Report {
	rep := check.Form(res.Form, cfg)
	rep.File = res.Form.Header.Region // a region form has no file yet
	rep.Findings = append(rep.Findings, res.Findings...)
	rep.Summary = jixiao.Summarize(rep.Findings)
	rep.Summary.CountStatuses(rep.Indicators)
	o := Report{Region: res.Form.Header.Region, Report: rep, Rollup: res.Findings}
	if o.Rollup == nil {
		o.Rollup = []jixiao.Finding{}
	}
	for i, m := range res.Members {
		mo := MemberReport{Name: res.Form.Aggregation.Members[i].Name, File: m.Source,
			Weight: res.Form.Aggregation.Members[i].Weight.String(), Errors: []jixiao.Finding{}}
		if m.Aggregation == nil {
			for _, fd := range check.Form(m, cfg).Findings {
				if fd.Severity == jixiao.SeverityError {
					mo.Errors = append(mo.Errors, fd)
				}
			}
		}
		o.Members = append(o.Members, mo)
	}
	return o
}
