package jsonout_test

import (
	"bytes"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/internal/jsonout"
	"github.com/jixiao/jixiao/internal/reftest"
)

// A JSON array written element by element is byte for byte the array
// written whole.
func TestJSONArrayEqualsWholeArray(t *testing.T) {
	forms, err := formfile.Read(t.Context(), reftest.Path("txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := check.Form(forms[0], audit.Defaults())
	r.File = "a<b>&c.txt" // escaped alike both ways
	for _, reports := range [][]jixiao.Report{{}, {r}, {r, r, r}} {
		var whole, streamed bytes.Buffer
		if err := jsonout.Write(&whole, reports); err != nil {
			t.Fatal(err)
		}
		a := jsonout.NewArray(&streamed)
		for i := range reports {
			a.Add(&reports[i])
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			t.Errorf("%d reports: streamed\n%.300s\nwant\n%.300s", len(reports), streamed.String(), whole.String())
		}
	}
}
