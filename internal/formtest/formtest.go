// Package formtest compares what jixiao reads of a form across formats:
// the statuses of its indicators, its findings and its funds lines. The
// Word and Excel tests read a file and its text version and want the same
// reading.
package formtest

import (
	"slices"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/textform"
)

// Reading is what a test compares of a checked form: the statuses, the
// findings as rule@at (sorted), and the funds lines as "label budget/executed".
type Reading struct {
	Statuses, Findings, Funds []string
}

// Of is the reading of a report on form f.
func Of(r jixiao.Report, f *jixiao.Form) Reading {
	var g Reading
	for _, a := range r.Indicators {
		g.Statuses = append(g.Statuses, string(a.Status))
	}
	for _, x := range r.Findings {
		g.Findings = append(g.Findings, x.Rule+"@"+x.At)
	}
	slices.Sort(g.Findings)
	for _, l := range f.Funds.Lines {
		g.Funds = append(g.Funds, strings.TrimSpace(l.Label)+" "+l.Budget.Value.String()+"/"+l.Executed.Value.String())
	}
	return g
}

// Read reads data with reader, wants exactly one form, checks it with the
// default thresholds and returns its reading and the form.
func Read(t *testing.T, reader jixiao.FormReader, name string, data []byte) (Reading, *jixiao.Form) {
	t.Helper()
	forms, err := reader.ReadForms(name, data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(forms) != 1 {
		t.Fatalf("%s: %d forms, want 1", name, len(forms))
	}
	return Of(check.Form(forms[0], audit.Defaults()), forms[0]), forms[0]
}

// Text is the reading of a form in the text rendering.
func Text(t *testing.T, text string) Reading {
	t.Helper()
	g, _ := Read(t, textform.Reader{}, "form.txt", []byte(text))
	return g
}

// Same reports every part of got that differs from want.
func Same(t *testing.T, got, want Reading) {
	t.Helper()
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"statuses", got.Statuses, want.Statuses}, {"findings", got.Findings, want.Findings}, {"funds", got.Funds, want.Funds}} {
		if strings.Join(c.got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s\n%s\nwant\n%s", c.what, strings.Join(c.got, "\n"), strings.Join(c.want, "\n"))
		}
	}
}
