package gen_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
	"github.com/jixiao/jixiao/textform"
)

// The national shape: 31 provinces, 333 cities, 3,000 counties with a
// 30-indicator form each, codes and names that jixiao reads back.
func TestNationalShape(t *testing.T) {
	tree, forms := gen.National(1, gen.Options{})
	if n := len(tree.Level(gen.LevelProvince)); n != 31 {
		t.Errorf("%d provinces", n)
	}
	if n := len(tree.Level(gen.LevelCity)); n != 333 {
		t.Errorf("%d cities", n)
	}
	if n := len(tree.Level(gen.LevelCounty)); n != 3000 || len(forms) != 3000 {
		t.Errorf("%d counties, %d forms", n, len(forms))
	}
	names := map[string]bool{}
	for _, r := range tree.Regions {
		if len(r.Code) != 6 {
			t.Errorf("code %q", r.Code)
		}
		if r.Level > gen.LevelNation {
			p, ok := tree.Region(r.Parent)
			if !ok || p.Level != r.Level-1 {
				t.Errorf("%s: parent %s", r.Code, r.Parent)
			}
			prefix := map[int]int{gen.LevelProvince: 0, gen.LevelCity: 2, gen.LevelCounty: 4}[r.Level]
			if r.Level > gen.LevelProvince && r.Code[:prefix] != r.Parent[:prefix] {
				t.Errorf("%s does not start with its parent's code %s", r.Code, r.Parent)
			}
		}
		full := tree.FullName(r.Code)
		if names[full] {
			t.Errorf("name %s twice", full)
		}
		names[full] = true
	}
	for _, f := range forms {
		if len(f.Indicators) != 30 || f.Year != 2020 {
			t.Fatalf("%s: %d indicators, year %d", f.Header.Region, len(f.Indicators), f.Year)
		}
		if _, ok := tree.Code(f.Header.Region); !ok {
			t.Errorf("region %q not in the tree", f.Header.Region)
		}
		// The program names carry the region and jixiao splits it off.
		if f.Header.Program != f.Header.Region+"知识产权运营服务体系建设" ||
			jixiao.RegionOf(f.Header.Program) != f.Header.Region ||
			jixiao.WithoutRegion(f.Header.Program) != gen.Program {
			t.Errorf("program %q: region %q", f.Header.Program, jixiao.RegionOf(f.Header.Program))
		}
		total := f.Funds.TotalLine()
		if !total.Budget.Value.Equal(f.Funds.Source(jixiao.FundCentral).Budget.Value.Add(f.Funds.Source(jixiao.FundLocal).Budget.Value)) || total.Executed.Value.GreaterThan(total.Budget.Value) {
			t.Errorf("%s: funds %+v", f.Header.Region, f.Funds)
		}
	}
}

// The indicators match the reference form's, row by row: same levels and
// names, targets of the same kind and comparator.
func TestReferenceShape(t *testing.T) {
	refs, err := textform.Reader{}.ReadForms("ref.txt", []byte(reftest.Text(t)))
	if err != nil {
		t.Fatal(err)
	}
	ref := refs[0]
	_, forms := gen.National(1, gen.Options{Provinces: 1, Cities: 1, Counties: 1})
	f := forms[0]
	if len(f.Indicators) != len(ref.Indicators) {
		t.Fatalf("%d indicators, the reference %d", len(f.Indicators), len(ref.Indicators))
	}
	for i, a := range ref.Indicators {
		b := f.Indicators[i]
		pa, pb := phrase.Parse(a.Target), phrase.Parse(b.Target)
		if a.Level1 != b.Level1 || a.Level2 != b.Level2 || a.Name != b.Name || a.Label != b.Label ||
			pa.Kind != pb.Kind || pa.Comparator != pb.Comparator || len(pa.Parts) != len(pb.Parts) {
			t.Errorf("row %d: %s %q (%s) vs the reference's %s %q (%s)", i, b.Path(), b.Target, pb.Kind, a.Path(), a.Target, pa.Kind)
		}
	}
}

// Every number the generator wrote reads back as it meant it: the judge's
// parts equal the ground truth, statuses agree with 已完成, nothing is
// undetermined, and the audit finds no error (warnings such as a low
// execution rate are part of the data).
func TestValuesReadBack(t *testing.T) {
	s, err := gen.Generate(7, gen.Options{Provinces: 2})
	if err != nil {
		t.Fatal(err)
	}
	results := map[string][]judge.Result{}
	for i, f := range s.Forms {
		results[s.Codes[i]] = judge.Form(f)
		for _, fi := range check.Form(f, audit.Defaults()).Findings {
			if fi.Severity == jixiao.SeverityError {
				t.Errorf("%s: %s %s: %s", f.Header.Region, fi.Rule, fi.At, fi.Message)
			}
		}
		for _, r := range results[s.Codes[i]] {
			if r.Status == jixiao.StatusUndetermined || r.Status == jixiao.StatusQualitative {
				t.Errorf("%s %s: %s (%s)", f.Header.Region, r.Path, r.Status, r.Explanation)
			}
			if (r.Status == jixiao.StatusMet) != r.DeclaredDone {
				t.Errorf("%s %s: %s but reason %q", f.Header.Region, r.Path, r.Status, r.Reason)
			}
		}
	}
	for _, v := range s.Values {
		r := results[v.County][v.Indicator]
		switch {
		case v.Kind == gen.OnTime:
			if (r.Status == jixiao.StatusMet) != v.Value.IsPositive() {
				t.Errorf("%s %s: %s, on time %s", v.County, v.Key, r.Status, v.Value)
			}
		case r.Band != nil:
			if !r.Band.Equal(v.Value) {
				t.Errorf("%s %s: band %s, want %s", v.County, v.Key, r.Band, v.Value)
			}
		case v.Side == gen.Actual:
			if v.Part >= len(r.PartActuals) || r.PartActuals[v.Part] == nil || !scaled(*r.PartActuals[v.Part], v).Equal(v.Value) {
				t.Errorf("%s %s part %d: actual %+v, want %s", v.County, v.Key, v.Part, r.PartActuals, v.Value)
			}
		default:
			q := r.Target.Quantity
			if len(r.Target.Parts) > 0 {
				q = r.Target.Parts[v.Part].Quantity
			}
			if q == nil || !scaled(*q, v).Equal(v.Value) {
				t.Errorf("%s %s part %d: target %+v, want %s", v.County, v.Key, v.Part, q, v.Value)
			}
		}
	}
}

// scaled puts a phrase's quantity in the ground truth's unit: money in 元
// (cost rows write a bare 万, read as 万元).
func scaled(q phrase.Quantity, v gen.Value) decimal.Decimal {
	if v.Unit == "元" {
		m, _ := judge.MoneyValue(q, "万元")
		return m
	}
	return q.Value
}

func TestDeterministic(t *testing.T) {
	a, b, c := write(t, 3), write(t, 3), write(t, 4)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different data sets")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same data set")
	}
}

func write(t *testing.T, seed int64) []byte {
	tree, forms := gen.National(seed, gen.Options{Provinces: 1, Cities: 2, Counties: 3})
	var buf bytes.Buffer
	buf.WriteString(tree.String())
	if err := jsonform.Write(&buf, forms); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Write makes a directory that `jixiao rollup --tree` reads: tree.csv and
// one JSON form file per county that reads back equal.
func TestWrite(t *testing.T) {
	tree, forms := gen.National(5, gen.Options{Provinces: 2, Cities: 3, Counties: 5})
	dir := t.TempDir()
	if err := gen.Write(dir, tree, forms); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "tree.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "code,name,parent" || len(rows) != 1+1+2+3+5 || strings.Join(rows[1], ",") != "000000,全国," {
		t.Errorf("tree.csv: %v", rows)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 5 {
		t.Fatalf("%d form files", len(files))
	}
	for _, form := range forms {
		code, _ := tree.Code(form.Header.Region)
		data, err := os.ReadFile(filepath.Join(dir, code+".json"))
		if err != nil {
			t.Fatal(err)
		}
		back, err := jsonform.Reader{}.ReadForms(code+".json", data)
		if err != nil || len(back) != 1 {
			t.Fatalf("%s: %v", code, err)
		}
		back[0].Source = "" // the reader records the file
		var x, y bytes.Buffer
		_ = jsonform.Write(&x, []*jixiao.Form{form})
		_ = jsonform.Write(&y, back)
		if x.String() != y.String() {
			t.Errorf("%s does not read back equal", code)
		}
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []gen.Options{{Provinces: 32}, {Provinces: 2, Cities: 1}, {Provinces: 1, Cities: 2, Counties: 1}, {Provinces: 1, Cities: 1, Counties: 100}} {
		if _, err := gen.Generate(1, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

// TestWriteNational writes the national data set to $JIXIAO_GEN_DIR when
// that is set (for trying `jixiao rollup --tree` on it); otherwise it skips.
func TestWriteNational(t *testing.T) {
	dir := os.Getenv("JIXIAO_GEN_DIR")
	if dir == "" {
		t.Skip("set JIXIAO_GEN_DIR=DIR to write the national data set there")
	}
	tree, forms := gen.National(2020, gen.Options{})
	if err := gen.Write(dir, tree, forms); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d forms and tree.csv to %s", len(forms), dir)
}
