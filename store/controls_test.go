package store_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
)

// Text with control characters — NUL among them, which PostgreSQL refuses
// in text — is stored without them on both backends (jixiao.WithoutControls):
// comments, a return's reason, user and organisation names, and a form
// read from JSON. A user's name is bounded as an organisation's is.
func TestControlCharacters(t *testing.T) {
	const typed, want = "甲\x00乙\x1b丙\u0085丁", "甲乙丙丁"
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		admin := storetest.As(w.Admin)
		u, err := s.CreateUser(admin, store.NewUser{Username: "ctl", Name: typed, Password: storetest.Password})
		if err != nil || u.Name != want {
			t.Fatalf("user: %v %+v", err, u)
		}
		o, err := s.CreateOrg(admin, jixiao.Organisation{Name: typed, Kind: jixiao.OrgUnit, Region: "110105", ParentID: w.Chaoyang.ID})
		if err != nil || o.Name != want {
			t.Fatalf("organisation: %v %+v", err, o)
		}
		if _, err := s.CreateUser(admin, store.NewUser{Username: "long", Name: strings.Repeat("长", 100), Password: storetest.Password}); jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(jixiao.MessageOf(err), "姓名太长") {
			t.Errorf("a name of 300 bytes: %v", err)
		}

		var doc strings.Builder
		f := storetest.CleanForm(t)
		f.Notes, f.Indicators[0].Name = typed, typed
		if err := jsonform.Write(&doc, []*jixiao.Form{f}); err != nil {
			t.Fatal(err)
		}
		forms, err := jsonform.Reader{}.ReadForms("a.json", []byte(doc.String()))
		if err != nil || len(forms) != 1 || forms[0].Notes != want || forms[0].Indicators[0].Name != want {
			t.Fatalf("a JSON form: %v %q", err, forms[0].Notes)
		}
		unit := storetest.As(w.FillerA)
		sf, err := s.CreateForm(unit, store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitA.ID, Form: forms[0]})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddComment(unit, sf.ID, typed); err != nil {
			t.Fatal(err)
		}
		if sf, err = s.Submit(unit, sf.ID, sf.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Return(storetest.As(w.RevChaoyang), sf.ID, sf.Version, typed); err != nil {
			t.Fatal(err)
		}
		cs, err := s.Comments(unit, sf.ID)
		if err != nil || len(cs) != 2 || cs[0].Body != want || cs[1].Body != want {
			t.Fatalf("comments: %v %+v", err, cs)
		}
	})
}
