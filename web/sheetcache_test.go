package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// The form page's sheet is rendered once per version and kept
// (sheetcache.go): the page read again is the same page; a form with the
// same content keeps its own addresses; a new version shows at once, for
// the editor, the read-only sheet and the print view alike.
func TestSheetCache(t *testing.T) {
	t.Parallel()
	a := newEditorApp(t)
	first := a.unit.get(a.path).body
	if again := a.unit.get(a.path).body; again != first {
		t.Error("the form page read again differs from the first reading")
	}
	twin, err := a.S.CreateForm(storetest.As(a.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year + 1, OrgID: a.UnitA.ID, Form: storetest.RefForm(t)})
	if err != nil {
		t.Fatal(err)
	}
	twinPath := "/forms/" + strconv.FormatInt(twin.ID, 10)
	if body := a.unit.get(twinPath).body; !strings.Contains(body, `formaction="`+twinPath+`/rows"`) || strings.Contains(body, `formaction="`+a.path+`/rows"`) {
		t.Errorf("a form with the same content shows the other form's row buttons")
	}

	rev := a.client(t)
	rev.login("zy_rev")
	if body := rev.get(a.path).body; strings.Contains(body, `name="ind.15.actual"`) || !strings.Contains(body, "591.764万") {
		t.Error("the reviewer does not get the read-only sheet")
	}
	if body := a.unit.get(a.path + "/print").body; !strings.Contains(body, "591.764万") {
		t.Error("the print view lacks the form's content")
	}
	f, err := a.S.Form(storetest.As(a.FillerA), a.form.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.Form.Indicators[15].Actual = "123.456万"
	if _, err := a.S.SaveForm(storetest.As(a.FillerA), a.form.ID, f.Version, f.Form); err != nil {
		t.Fatal(err)
	}
	if body := a.unit.get(a.path).body; !strings.Contains(body, `name="ind.15.actual" aria-label="产出指标·成本指标·第1行 全年实际完成值" aria-describedby="n-ind-15-actual" rows="2">`+"\n123.456万") {
		t.Error("the editor shows the old version after a save")
	}
	if body := rev.get(a.path).body; !strings.Contains(body, "123.456万") || strings.Contains(body, "591.764万") {
		t.Error("the read-only sheet shows the old version after a save")
	}
	if body := a.unit.get(a.path + "/print").body; !strings.Contains(body, "123.456万") || strings.Contains(body, "591.764万") {
		t.Error("the print view shows the old version after a save")
	}
}
