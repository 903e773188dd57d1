package check_test

// The labelled set of real forms (testdata/real, documented in its README
// and in docs/real-set.md): every form is read and checked exactly as
// `jixiao check` does, and compared with what a careful reviewer decided by
// hand. TestRealSet asserts; TestRealSetPrecision only measures (per-rule
// precision and the recall of required findings) and prints a table with -v.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
)

const realDir = "../testdata/real"

// realLabels is the schema of testdata/real/<name>.labels.json.
type realLabels struct {
	Form string `json:"form"` // the .txt beside it
	Kind string `json:"kind"` // real | case
	// Read is false when jixiao must refuse the file (Refusal: a substring of
	// its message); absent or true otherwise.
	Read    *bool  `json:"read,omitempty"`
	Refusal string `json:"refusal,omitempty"`

	Indicators []indicatorLabel `json:"indicators"`
	Required   []findingSpec    `json:"required"`
	Acceptable []findingSpec    `json:"acceptable"`
	False      []findingSpec    `json:"false"`
	// Notes: what a reviewer sees that `jixiao check` has no rule for.
	Notes []string `json:"notes,omitempty"`
}

var (
	realStatuses = []string{"met", "not_met", "qualitative", "undetermined"}
	realClasses  = []string{"", "funds", "labels", "duplicates", "direction", "negation", "numerals", "other"}
)

// validate catches slips in a labels file: a wrong form name, a status or
// class outside the lists, a spec without a rule.
func (l realLabels) validate(name string) error {
	if l.Form != name+".txt" {
		return fmt.Errorf("form %q, want %q", l.Form, name+".txt")
	}
	if l.Kind != "real" && l.Kind != "case" {
		return fmt.Errorf("kind %q, want real or case", l.Kind)
	}
	for _, in := range l.Indicators {
		for _, s := range append([]string{in.Status}, in.Alt...) {
			if !slices.Contains(realStatuses, s) {
				return fmt.Errorf("%s: status %q", in.Name, s)
			}
		}
		if !slices.Contains(realClasses, in.Class) {
			return fmt.Errorf("%s: class %q", in.Name, in.Class)
		}
	}
	for _, specs := range [][]findingSpec{l.Required, l.Acceptable, l.False} {
		for _, s := range specs {
			if s.Rule == "" || !slices.Contains(realClasses, s.Class) {
				return fmt.Errorf("finding spec %s: no rule or class %q", s, s.Class)
			}
		}
	}
	return nil
}

type indicatorLabel struct {
	Name   string   `json:"name"`          // level-3 name as written, without 指标N：
	Status string   `json:"status"`        // met | not_met | qualitative | undetermined
	Alt    []string `json:"alt,omitempty"` // other statuses a reviewer also accepts (garbled sources only)
	Class  string   `json:"class,omitempty"`
	Why    string   `json:"why,omitempty"`
}

// findingSpec matches a finding loosely: the same rule; the same section,
// field and indicator index when given; At containing At (for funds
// findings: At or the message, since the path of a funds line depends on the
// funds tree); the message containing Message. Whitespace is ignored.
type findingSpec struct {
	Rule      string `json:"rule"`
	Section   string `json:"section,omitempty"`
	At        string `json:"at,omitempty"`
	Field     string `json:"field,omitempty"`
	Indicator *int   `json:"indicator,omitempty"` // index in the form's indicators (and in the labels' list)
	Message   string `json:"message,omitempty"`
	Class     string `json:"class,omitempty"`
	Why       string `json:"why,omitempty"`
}

func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func (s findingSpec) matches(f jixiao.Finding) bool {
	if s.Rule != f.Rule || (s.Section != "" && s.Section != string(f.Section)) ||
		(s.Field != "" && s.Field != f.Field) || (s.Indicator != nil && *s.Indicator != f.Indicator) {
		return false
	}
	if at := squeeze(s.At); at != "" {
		in := squeeze(f.At)
		if f.Section == jixiao.SectionFunds {
			in += "|" + squeeze(f.Message)
		}
		if !strings.Contains(in, at) {
			return false
		}
	}
	return s.Message == "" || strings.Contains(squeeze(f.Message), squeeze(s.Message))
}

func (s findingSpec) String() string {
	out := s.Rule
	if s.Section != "" {
		out += " [" + s.Section + "]"
	}
	if s.At != "" {
		out += " @" + s.At
	}
	if s.Field != "" {
		out += " ." + s.Field
	}
	if s.Indicator != nil {
		out += fmt.Sprintf(" #%d", *s.Indicator)
	}
	if s.Message != "" {
		out += " «" + s.Message + "»"
	}
	return out
}

func (s findingSpec) class() string {
	if s.Class == "" {
		return ruleClass(s.Rule, jixiao.Section(s.Section))
	}
	return s.Class
}

// ruleClass is the class of a finding no spec names: the part of jixiao
// that decides it (funds, labels, duplicates) or other.
func ruleClass(rule string, section jixiao.Section) string {
	switch {
	case section == jixiao.SectionFunds, strings.HasPrefix(rule, "funds-"), rule == "execution-rate",
		rule == "rate-rounding", rule == "low-execution", rule == "executed-over-budget":
		return "funds"
	case rule == "taxonomy":
		return "labels"
	case rule == "duplicate-indicator":
		return "duplicates"
	}
	return "other"
}

type realForm struct {
	name   string
	labels realLabels
	report *jixiao.Report // nil when the file was refused
	err    error
}

func loadRealSet(t *testing.T) []realForm {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(realDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no forms in %s: %v", realDir, err)
	}
	var out []realForm
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		data, err := os.ReadFile(filepath.Join(realDir, name+".labels.json"))
		if err != nil {
			t.Errorf("%s: no labels: %v", name, err)
			continue
		}
		var l realLabels
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Errorf("%s.labels.json: %v", name, err)
			continue
		}
		if err := l.validate(name); err != nil {
			t.Errorf("%s.labels.json: %v", name, err)
			continue
		}
		rf := realForm{name: name, labels: l}
		forms, err := formfile.Read(t.Context(), file)
		switch {
		case err != nil:
			rf.err = err
		case len(forms) != 1:
			rf.err = fmt.Errorf("%d forms in the file, want 1", len(forms))
		default:
			r := check.Form(forms[0], audit.Defaults())
			rf.report = &r
		}
		out = append(out, rf)
	}
	return out
}

// verdict classifies each raised finding: the spec it is true by, or the
// false spec that names it, or neither (an unexpected, hence false, finding).
type verdict struct {
	finding jixiao.Finding
	ok      bool
	spec    *findingSpec // the matching spec (required, acceptable or false)
}

func judgeFindings(l realLabels, fs []jixiao.Finding) []verdict {
	out := make([]verdict, len(fs))
	for i, f := range fs {
		out[i].finding = f
		for j := range l.False {
			if l.False[j].matches(f) {
				out[i].spec = &l.False[j]
				break
			}
		}
		if out[i].spec != nil {
			continue
		}
		for _, specs := range [][]findingSpec{l.Required, l.Acceptable} {
			for j := range specs {
				if specs[j].matches(f) {
					out[i].ok, out[i].spec = true, &specs[j]
					break
				}
			}
			if out[i].ok {
				break
			}
		}
	}
	return out
}

func statusOK(l indicatorLabel, got jixiao.Status) bool {
	return string(got) == l.Status || slices.Contains(l.Alt, string(got))
}

func TestRealSet(t *testing.T) {
	for _, rf := range loadRealSet(t) {
		t.Run(rf.name, func(t *testing.T) {
			l := rf.labels
			if l.Read != nil && !*l.Read {
				if rf.err == nil {
					t.Errorf("[other] read as a form; a reviewer expects it refused (%s)", l.Refusal)
				} else if !strings.Contains(jixiao.MessageOf(rf.err), l.Refusal) {
					t.Errorf("[other] refused with %q, want a message with %q", jixiao.MessageOf(rf.err), l.Refusal)
				}
				return
			}
			if rf.err != nil {
				t.Fatalf("[other] not read as a form: %s", jixiao.MessageOf(rf.err))
			}
			r := rf.report
			if len(r.Indicators) != len(l.Indicators) {
				var names []string
				for _, a := range r.Indicators {
					names = append(names, a.Name)
				}
				t.Errorf("[other] %d indicators read, %d labelled; read: %s", len(r.Indicators), len(l.Indicators), strings.Join(names, " | "))
			}
			for i, want := range l.Indicators {
				if i >= len(r.Indicators) {
					break
				}
				a := r.Indicators[i]
				if n, w := squeeze(a.Name), squeeze(want.Name); !strings.Contains(n, w) && !strings.Contains(w, n) {
					t.Errorf("[other] indicator %d is %q, labelled %q", i, a.Name, want.Name)
					continue
				}
				if !statusOK(want, a.Status) {
					class := want.Class
					if class == "" {
						class = "other"
					}
					t.Errorf("[%s] %s: status %s, want %s (%s) — jixiao: %s", class, strings.ReplaceAll(a.Path, "\n", "⏎"), a.Status, want.Status, want.Why, a.Explanation)
				}
			}
			for _, spec := range l.Required {
				hit := slices.ContainsFunc(r.Findings, spec.matches)
				if !hit {
					t.Errorf("[%s] required finding not raised: %s (%s)", spec.class(), spec, spec.Why)
				}
			}
			for _, v := range judgeFindings(l, r.Findings) {
				if v.ok {
					continue
				}
				f := v.finding
				class, why := ruleClass(f.Rule, f.Section), "not in required or acceptable"
				if v.spec != nil {
					class, why = v.spec.class(), "false: "+v.spec.Why
				}
				t.Errorf("[%s] false finding %s @%s: %s (%s)", class, f.Rule, strings.ReplaceAll(f.At, "\n", "⏎"), strings.ReplaceAll(f.Message, "\n", "⏎"), why)
			}
		})
	}
}

// TestRealSetPrecision measures, over the whole set, per rule the findings
// raised, how many are true (required or acceptable) and false, and how many
// required findings were raised; and the indicators whose status agrees with
// the label. It fails below the bars of issue 8 (no false finding, statuses
// ≥ 98 %, required findings ≥ 95 %, no form wrongly refused); run it with -v
// to print the table recorded in docs/real-set.md.
func TestRealSetPrecision(t *testing.T) {
	type row struct{ raised, truePos, falsePos, required, found int }
	rules := map[string]*row{}
	get := func(rule string) *row {
		if rules[rule] == nil {
			rules[rule] = &row{}
		}
		return rules[rule]
	}
	var indicators, agree, forms, refusedWrongly int
	for _, rf := range loadRealSet(t) {
		forms++
		if rf.labels.Read != nil && !*rf.labels.Read {
			continue
		}
		if rf.err != nil {
			refusedWrongly++
			indicators += len(rf.labels.Indicators)
			for _, s := range rf.labels.Required {
				get(s.Rule).required++
			}
			continue
		}
		r := rf.report
		for i, want := range rf.labels.Indicators {
			indicators++
			if i < len(r.Indicators) && statusOK(want, r.Indicators[i].Status) {
				agree++
			}
		}
		for _, v := range judgeFindings(rf.labels, r.Findings) {
			x := get(v.finding.Rule)
			x.raised++
			if v.ok {
				x.truePos++
			} else {
				x.falsePos++
			}
		}
		for _, s := range rf.labels.Required {
			x := get(s.Rule)
			x.required++
			if slices.ContainsFunc(r.Findings, s.matches) {
				x.found++
			}
		}
	}
	names := make([]string, 0, len(rules))
	for k := range rules {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d forms (%d refused although a reviewer reads them); indicators: %d of %d statuses agree with the labels\n\n", forms, refusedWrongly, agree, indicators)
	b.WriteString("| rule | raised | true | false | precision | required | required raised |\n|---|---:|---:|---:|---:|---:|---:|\n")
	var tot row
	for _, k := range names {
		x := rules[k]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %s | %d | %d |\n", k, x.raised, x.truePos, x.falsePos, ratio(x.truePos, x.raised), x.required, x.found)
		tot.raised += x.raised
		tot.truePos += x.truePos
		tot.falsePos += x.falsePos
		tot.required += x.required
		tot.found += x.found
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %s | %d | %d |\n", tot.raised, tot.truePos, tot.falsePos, ratio(tot.truePos, tot.raised), tot.required, tot.found)
	t.Log(b.String())
	// the bars of issue 8 over the whole set (TestRealSet holds every form
	// to all of it; this states the aggregate the issue measures)
	if refusedWrongly > 0 || tot.falsePos > 0 || agree*100 < indicators*98 || tot.found*100 < tot.required*95 {
		t.Errorf("below the bars: %d refused, %d false findings, statuses %d/%d (≥ 98%%), required %d/%d (≥ 95%%)",
			refusedWrongly, tot.falsePos, agree, indicators, tot.found, tot.required)
	}
}

func ratio(a, b int) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}
