package jsonform_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/textform"
)

// seedForms returns JSON form files to start from: the reference form and
// a region form (with its aggregation) as jixiao writes them.
func seedForms(f *testing.F) [][]byte {
	ref, err := textform.Reader{}.ReadForms("ref.txt", []byte(reftest.Text(f)))
	if err != nil {
		f.Fatal(err)
	}
	var units []*jixiao.Form
	paths, _ := filepath.Glob("../testdata/rollup/*.txt")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		forms, err := textform.Reader{}.ReadForms(p, data)
		if err != nil {
			f.Fatal(err)
		}
		units = append(units, forms...)
	}
	region, err := rollup.Rollup(units, rollup.Options{})
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, forms := range [][]*jixiao.Form{ref, {region.Form}} {
		var buf bytes.Buffer
		if err := jsonform.Write(&buf, forms); err != nil {
			f.Fatal(err)
		}
		out = append(out, buf.Bytes())
	}
	return out
}

// FuzzReadJSON: any bytes either read into forms, the first with
// indicators and none past the limits, or fail with an invalid-input
// *jixiao.Error whose message names the file; never a panic.
func FuzzReadJSON(f *testing.F) {
	for _, seed := range seedForms(f) {
		f.Add(seed)
	}
	for _, s := range []string{
		`{"indicators": [{"label": "指标1：x", "target": "1件", "actual": "2件"}]}`,
		`[{"indicators": [{"target": "1"}]}, null, {"indicators": []}]`,
		`{"format": "jixiao.form", "version": 1, "forms": [{"funds": {"total": {"budget": {"value": "1e10"}}}, "indicators": [{}]}]}`,
		`{"FORMS": [], "Version": 2, "format": "jixiao.form"}`,
		`{"\u0069ndicators": [{}, {}], "funds": {"lines": [{"label": "合计"}, {"label": "中央", "parent": 0}]}}`,
		`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
		`{"indicators": [{"target": "1"}]} {}`,
		`{"year": 1e400, "indicators": [{}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		forms, err := jsonform.Reader{}.ReadForms("fuzz.json", data)
		if err != nil {
			var e *jixiao.Error
			if !errors.As(err, &e) || e.Kind != jixiao.KindInvalid || !strings.HasPrefix(e.Message, "fuzz.json：") {
				t.Fatalf("error %#v: want an invalid-input *jixiao.Error naming the file", err)
			}
			return
		}
		if len(forms) == 0 || len(forms[0].Indicators) == 0 {
			t.Fatal("no error and no indicators")
		}
		for _, fm := range forms {
			if fm == nil || len(fm.Indicators) > jixiao.MaxIndicators || len(fm.Funds.Lines) > jixiao.MaxFundLines {
				t.Fatalf("a form past the limits: %d indicators", len(fm.Indicators))
			}
		}
	})
}
