package reftest

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// Writer is the signature every form writer (docx.Write, xlsx.Write) has.
type Writer func(w io.Writer, forms []*jixiao.Form, findings [][]jixiao.Finding, now time.Time) error

// Now is the time tests write files at: a fixed one, so that what they
// write is the same from run to run.
var Now = time.Date(2021, 3, 31, 9, 30, 0, 0, time.UTC)

// EdgeForms are forms a writer must take without failing: empty, without
// indicators, and with odd texts (control characters, invalid UTF-8,
// markup, 120,000 characters, a formula-like rate).
func EdgeForms() map[string]*jixiao.Form {
	long := strings.Repeat("很长的文字，", 20000)
	return map[string]*jixiao.Form{
		"empty":         {},
		"no indicators": {Title: "2021年某项目绩效目标自评表", Year: 2021, Header: jixiao.Header{Program: "某项目"}},
		"odd text": {Goal: "a\x00b\x1fc\uFFFEd\xff\xfee\r\nf\rg\th", Notes: long,
			Funds:      jixiao.Funds{Lines: []jixiao.FundLine{{Role: jixiao.FundTotal, Parent: -1, Budget: jixiao.Amount{Text: "—"}, RateText: "=1+1"}}},
			Indicators: []jixiao.Indicator{{Label: ""}, {Level1: "产出指标", Target: "]]>&", Actual: "\n\n"}}},
	}
}

// EdgeFindings are findings pointing at cells that may not exist (an
// indicator out of range, a missing funds line, an unknown section).
func EdgeFindings() []jixiao.Finding {
	return []jixiao.Finding{
		{Rule: "x", Severity: jixiao.SeverityError, Section: jixiao.SectionIndicators, Indicator: 99, Field: "target"},
		{Rule: "y", Severity: jixiao.SeverityWarning, Section: jixiao.SectionFunds, Fund: jixiao.FundOther, FundLine: 7, Field: "rate"},
		{Rule: "z", Severity: jixiao.SeverityInfo, Section: "elsewhere", Indicator: -1},
		{Rule: "w", Severity: jixiao.SeverityInfo, Section: jixiao.SectionIndicators, Indicator: 0, Field: "weight"},
		{Rule: "v", Severity: jixiao.SeverityError, Section: jixiao.SectionFooter, Field: "filler",
			Message: "“填表人”未填写<&>" + strings.Repeat("很长的文字，", 20000)},
	}
}

// CheckWriterArgs checks what every writer must refuse or accept: no
// forms, a nil form, more finding lists than forms (invalid input); fewer
// finding lists (fine); and a failing destination (an error).
func CheckWriterArgs(t *testing.T, write Writer) {
	t.Helper()
	if err := write(io.Discard, nil, nil, Now); jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Errorf("no forms: %v", err)
	}
	if err := write(io.Discard, []*jixiao.Form{nil}, nil, Now); jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Errorf("nil form: %v", err)
	}
	if err := write(io.Discard, []*jixiao.Form{{}}, make([][]jixiao.Finding, 2), Now); jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Errorf("more finding lists than forms: %v", err)
	}
	if err := write(io.Discard, []*jixiao.Form{{}, {}}, make([][]jixiao.Finding, 1), Now); err != nil {
		t.Errorf("fewer finding lists than forms: %v", err)
	}
	if err := write(FailingWriter{}, []*jixiao.Form{{}}, nil, Now); err == nil {
		t.Error("write error not reported")
	}
}

// CheckWriterClock checks that a writer takes its time from now and
// nothing else: form written twice at one now gives the same bytes, and at
// another now different ones (a writer reading the clock itself would give
// the same bytes for both within a second).
func CheckWriterClock(t *testing.T, write Writer, form *jixiao.Form, findings []jixiao.Finding) {
	t.Helper()
	at := func(now time.Time) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf, []*jixiao.Form{form}, [][]jixiao.Finding{findings}, now); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := at(Now)
	if !bytes.Equal(first, at(Now)) {
		t.Error("written twice at the same time, the files differ")
	}
	if bytes.Equal(first, at(Now.Add(time.Hour))) {
		t.Error("written at times an hour apart, the files are the same")
	}
}

// BenchmarkWriter measures write on form, without and with findings.
func BenchmarkWriter(b *testing.B, write Writer, form *jixiao.Form, findings []jixiao.Finding) {
	for _, bc := range []struct {
		name     string
		findings [][]jixiao.Finding
	}{{"plain", nil}, {"findings", [][]jixiao.Finding{findings}}} {
		b.Run(bc.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := write(&buf, []*jixiao.Form{form}, bc.findings, Now); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(buf.Len()))
		})
	}
}
