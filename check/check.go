// Package check runs the whole examination of a form: judge every
// indicator, apply the audit rules, count the findings.
package check

import (
	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/judge"
)

// Form judges and audits one form read from file (index is its position in
// the file, 0 for most files). The direction words of cfg extend the
// built-in direction lexicon.
func Form(file string, index int, f *jixiao.Form, cfg audit.Config) jixiao.Report {
	results := judge.FormWith(f, judge.NewDirections(cfg.LowerIsBetter, cfg.HigherIsBetter))
	findings := audit.Run(f, results, cfg)
	if findings == nil {
		findings = []jixiao.Finding{}
	}
	r := jixiao.Report{
		File:       file,
		FormIndex:  index,
		Form:       f,
		Indicators: judge.Assessments(results),
		Findings:   findings,
		Summary:    jixiao.Summarize(findings),
	}
	r.Summary.CountStatuses(r.Indicators)
	return r
}
