package rollup_test

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/rollup"
)

// Describe reports the region form checked, with the roll-up's findings
// added, and each member with its weight and its own errors.
func TestDescribe(t *testing.T) {
	var forms []*jixiao.Form
	for range 2 {
		fs, err := formfile.Read(t.Context(), reftest.Path("txt"))
		if err != nil {
			t.Fatal(err)
		}
		forms = append(forms, fs...)
	}
	res, err := rollup.Rollup(forms, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rollup.Describe(res, audit.Defaults())
	if r.Region != res.Form.Header.Region || len(r.Members) != 2 || r.Rollup == nil {
		t.Fatalf("report %q, %d members, rollup findings %v", r.Region, len(r.Members), r.Rollup)
	}
	for _, m := range r.Members {
		// the reference form has three errors of its own (cost rows over their cap)
		if m.Weight == "" || len(m.Errors) != 3 {
			t.Errorf("member %s: weight %q, %d errors, want 3", m.Name, m.Weight, len(m.Errors))
		}
	}
	if r.Report.Summary.Indicators != len(res.Form.Indicators) {
		t.Errorf("summary counts %d indicators of %d", r.Report.Summary.Indicators, len(res.Form.Indicators))
	}
}
