// Package check runs the whole examination of a form: judge every
// indicator, apply the audit rules, count the findings.
package check

import (
	"sync"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/judge"
)

// resultBufs holds the judge.Result slices of forms already checked: the
// results are only read while the form is checked (the report copies the
// assessments out), and reusing them saves the largest allocation of a check.
var resultBufs sync.Pool

// Form judges and audits one form. The direction words of cfg extend the
// built-in direction lexicon. The report is about the form alone: where it
// was read from (Report.File, FormIndex) is the caller's to say, a file
// for the CLI, a stored form's id for a server.
func Form(f *jixiao.Form, cfg audit.Config) jixiao.Report {
	return FormJudged(f, cfg, nil)
}

// FormJudged is Form that also hands the judgement of every indicator to
// use (when not nil) before the results are reused: a store derives from
// it the values a roll-up adds up, without judging the form twice.
func FormJudged(f *jixiao.Form, cfg audit.Config, use func([]judge.Result)) jixiao.Report {
	buf, _ := resultBufs.Get().(*[]judge.Result)
	if buf == nil {
		buf = new([]judge.Result)
	}
	defer resultBufs.Put(buf)
	results := judge.FormInto(*buf, f, judge.NewDirections(cfg.LowerIsBetter, cfg.HigherIsBetter))
	*buf = results
	if use != nil {
		use(results)
	}
	findings := audit.Run(f, results, cfg)
	if findings == nil {
		findings = []jixiao.Finding{}
	}
	r := jixiao.Report{
		Form:       f,
		Indicators: judge.Assessments(results),
		Findings:   findings,
		Summary:    jixiao.Summarize(findings),
	}
	r.Summary.CountStatuses(r.Indicators)
	return r
}
