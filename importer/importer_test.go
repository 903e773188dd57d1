package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/importer"
	"github.com/jixiao/jixiao/internal/pgtest"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// The reference form reports on 2020; the world's organisations are in
// 北京市朝阳区 and 海淀区.
const year = 2020

// writeForm writes the reference form (clean: no error-level finding, so
// that it may be submitted) as unit's form to path, with its program
// naming region; change makes a file with other bytes.
func writeForm(t *testing.T, path, unit, region, change string) {
	t.Helper()
	f := storetest.CleanForm(t)
	f.Header.Unit, f.Header.LocalDept = unit, "北京市"+region+"知识产权局"
	f.Header.Program, f.Header.Region = "北京市"+region+storetest.Program, "北京市"+region
	f.Notes = change
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := formfile.Write(path, []*jixiao.Form{f}, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
}

// run imports paths and returns the lines of its results (outcome, base
// name, reason) and the summary.
func run(t *testing.T, s *store.Store, opt importer.Options, paths ...string) ([]importer.Result, importer.Summary) {
	t.Helper()
	files, err := importer.Files(paths)
	if err != nil {
		t.Fatal(err)
	}
	if opt.Program == "" {
		opt.Program, opt.Year = storetest.Program, year
	}
	im, err := importer.New(storetest.System(), s, opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []importer.Result
	sum, err := im.Run(storetest.System(), files, func(r importer.Result) { got = append(got, r) })
	if err != nil {
		t.Fatal(err)
	}
	return got, sum
}

// outcomes maps each file's base name (with #n for a later form) to its outcome.
func outcomes(rs []importer.Result) map[string]importer.Outcome {
	m := map[string]importer.Outcome{}
	for _, r := range rs {
		m[filepath.Base(r.File)] = r.Outcome
	}
	return m
}

func reason(t *testing.T, rs []importer.Result, base string) string {
	t.Helper()
	for _, r := range rs {
		if filepath.Base(r.File) == base {
			return r.Reason
		}
	}
	t.Fatalf("no result for %s", base)
	return ""
}

func want(t *testing.T, step string, got importer.Summary, created, updated, skipped, refused int) {
	t.Helper()
	if got.Created != created || got.Updated != updated || got.Skipped != skipped || got.Refused != refused {
		t.Fatalf("%s: created %d updated %d skipped %d refused %d, want %d %d %d %d", step,
			got.Created, got.Updated, got.Skipped, got.Refused, created, updated, skipped, refused)
	}
}

// storedForms counts the stored forms and checks the log.
func storedForms(t *testing.T, s *store.Store) int {
	t.Helper()
	_, total, err := s.Forms(storetest.System(), store.FormFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := s.VerifyLog(context.Background()); err != nil || c.Broken != 0 {
		t.Fatalf("log: %+v %v", c, err)
	}
	return total
}

// TestImportFolder follows a folder through its life: imported, imported
// again, changed, changed after approval; every refusal says why and the
// other files go on.
func TestImportFolder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		dir := t.TempDir()
		writeForm(t, filepath.Join(dir, "a.json"), w.UnitA.Name, "朝阳区", "")
		writeForm(t, filepath.Join(dir, "b.docx"), w.UnitB.Name, "朝阳区", "")
		writeForm(t, filepath.Join(dir, "海淀", "h.xlsx"), w.UnitH.Name, "海淀区", "")
		writeForm(t, filepath.Join(dir, "unknown.json"), "朝阳区不存在的中心", "朝阳区", "")
		writeForm(t, filepath.Join(dir, "wrong-region.json"), w.UnitB.Name, "海淀区", "")
		writeForm(t, filepath.Join(dir, ".hidden", "x.json"), w.UnitA.Name, "朝阳区", "")
		if err := os.WriteFile(filepath.Join(dir, "broken.docx"), []byte("PK\x03\x04 not a package"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("not a form"), 0o644); err != nil {
			t.Fatal(err)
		}

		rs, sum := run(t, s, importer.Options{}, dir)
		want(t, "first import", sum, 3, 0, 0, 3)
		if sum.Files != 6 || len(rs) != 6 {
			t.Fatalf("files %d, results %d, want 6 (hidden folder and notes.md left out)", sum.Files, len(rs))
		}
		var order []string
		for _, r := range rs {
			order = append(order, filepath.Base(r.File))
		}
		if got := strings.Join(order, " "); got != "a.json b.docx broken.docx unknown.json wrong-region.json h.xlsx" {
			t.Errorf("order %s", got)
		}
		if r := reason(t, rs, "unknown.json"); !strings.Contains(r, "单位“朝阳区不存在的中心”不在系统中：请先添加（jixiao org add …），或用 --add-units --under 北京市朝阳区知识产权局 自动添加") {
			t.Errorf("unknown unit: %s", r)
		}
		if r := reason(t, rs, "wrong-region.json"); !strings.Contains(r, "表中的地区是北京市海淀区，而单位“朝阳区科技园区管委会”在系统中属于北京市朝阳区") {
			t.Errorf("wrong region: %s", r)
		}
		broken := filepath.Join(dir, "broken.docx")
		_, readErr := formfile.Read(context.Background(), broken)
		if r := reason(t, rs, "broken.docx"); readErr == nil || r != jixiao.MessageOf(readErr) {
			t.Errorf("broken file: %q, want formfile's %v", r, readErr)
		}
		for _, r := range rs {
			if r.Outcome == importer.Created && (r.Stored == nil || r.Stored.Status != jixiao.StatusDraft || r.Stored.Version != 1 || r.Org == nil) {
				t.Errorf("%s: stored %+v", r.File, r.Stored)
			}
		}
		if n := storedForms(t, s); n != 3 {
			t.Fatalf("%d forms stored, want 3", n)
		}

		// The same folder again: nothing new.
		rs, sum = run(t, s, importer.Options{}, dir)
		want(t, "second import", sum, 0, 0, 3, 3)
		if r := reason(t, rs, "a.json"); !strings.Contains(r, "同一文件") {
			t.Errorf("skipped: %s", r)
		}

		// a.json changed: a new version. b approved, then changed: refused.
		b := outcomesForm(t, rs, "b.docx")
		ctx := storetest.System()
		f, err := s.Submit(ctx, b.ID, b.Version)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Approve(ctx, f.ID, f.Version, ""); err != nil {
			t.Fatal(err)
		}
		writeForm(t, filepath.Join(dir, "a.json"), w.UnitA.Name, "朝阳区", "改过")
		writeForm(t, filepath.Join(dir, "b.docx"), w.UnitB.Name, "朝阳区", "改过")
		rs, sum = run(t, s, importer.Options{}, dir)
		want(t, "after changes", sum, 0, 1, 1, 4)
		if o := outcomes(rs); o["a.json"] != importer.Updated || o["b.docx"] != importer.Refused || o["h.xlsx"] != importer.Skipped {
			t.Errorf("after changes: %v", o)
		}
		if r := outcomesForm(t, rs, "a.json"); r.Version != 2 {
			t.Errorf("a.json updated to version %d, want 2", r.Version)
		}
		if r := reason(t, rs, "b.docx"); !strings.Contains(r, "已审核通过并锁定") {
			t.Errorf("locked: %s", r)
		}
		if n := storedForms(t, s); n != 3 {
			t.Fatalf("%d forms stored, want 3", n)
		}
	})
}

func outcomesForm(t *testing.T, rs []importer.Result, base string) *jixiao.StoredForm {
	t.Helper()
	for _, r := range rs {
		if filepath.Base(r.File) == base && r.Stored != nil {
			return r.Stored
		}
	}
	t.Fatalf("%s was not stored", base)
	return nil
}

// TestResume imports part of a folder (as a killed import leaves it), then
// the whole: the counts add up and no form is there twice.
func TestResume(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		dir := t.TempDir()
		files := []string{filepath.Join(dir, "1.json"), filepath.Join(dir, "2.json"), filepath.Join(dir, "3.json")}
		writeForm(t, files[0], w.UnitA.Name, "朝阳区", "")
		writeForm(t, files[1], w.UnitB.Name, "朝阳区", "")
		writeForm(t, files[2], w.UnitH.Name, "海淀区", "")
		_, first := run(t, s, importer.Options{}, files[:2]...)
		want(t, "part", first, 2, 0, 0, 0)
		_, rest := run(t, s, importer.Options{}, dir)
		want(t, "whole", rest, 1, 0, 2, 0)
		if n := storedForms(t, s); n != first.Created+rest.Created || n != 3 {
			t.Fatalf("%d forms stored, want 3", n)
		}
		// One revision each: nothing was saved twice.
		forms, _, err := s.Forms(storetest.System(), store.FormFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			if revs, err := s.Revisions(storetest.System(), f.ID); err != nil || len(revs) != 1 {
				t.Errorf("form %d: %d revisions (%v), want 1", f.ID, len(revs), err)
			}
		}
	})
}

// TestAddUnits creates the units a folder names under a department, in
// the region each form names, and refuses a region outside the department's.
func TestAddUnits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		w := storetest.NewWorld(t, s)
		dir := t.TempDir()
		writeForm(t, filepath.Join(dir, "new.json"), "朝阳区 新建的服务站", "朝阳区", "")
		writeForm(t, filepath.Join(dir, "other.json"), "海淀区新建的服务站", "海淀区", "")
		writeForm(t, filepath.Join(dir, "same.json"), "朝阳区新建的服务站", "朝阳区", "第二份") // the same unit, written without a blank
		opt := importer.Options{AddUnits: true, Under: w.Chaoyang.Name}
		rs, sum := run(t, s, opt, dir)
		want(t, "add units", sum, 1, 1, 0, 1)
		if sum.UnitsAdded != 1 {
			t.Errorf("%d units added, want 1", sum.UnitsAdded)
		}
		o := outcomes(rs)
		if o["new.json"] != importer.Created || o["same.json"] != importer.Updated || o["other.json"] != importer.Refused {
			t.Fatalf("outcomes %v", o)
		}
		if r := reason(t, rs, "other.json"); !strings.Contains(r, "不在“北京市朝阳区知识产权局”管辖的北京市朝阳区之内") {
			t.Errorf("outside the department: %s", r)
		}
		unit, err := s.OrgByName(context.Background(), "朝阳区 新建的服务站")
		if err != nil {
			t.Fatal(err)
		}
		if unit.Kind != jixiao.OrgUnit || unit.ParentID != w.Chaoyang.ID || unit.Region != "110105" {
			t.Errorf("new unit %+v", unit)
		}
		// Options that make no sense are refused before anything is read.
		for _, bad := range []importer.Options{
			{Program: storetest.Program, Year: year, AddUnits: true},
			{Program: storetest.Program, Year: year, Under: w.Chaoyang.Name},
			{Program: storetest.Program, Year: year, AddUnits: true, Under: w.UnitA.Name},
			{Program: storetest.Program, Year: year, AddUnits: true, Under: "没有的部门"},
			{Program: storetest.Program},
			{Year: year},
		} {
			if _, err := importer.New(storetest.System(), s, bad); err == nil || jixiao.MessageOf(err) == "" {
				t.Errorf("options %+v accepted", bad)
			}
		}
	})
}

// TestYearAndDuplicates: a form of another year is refused, as is a second
// form of one unit in one file.
func TestYearAndDuplicates(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	w := storetest.NewWorld(t, s)
	dir := t.TempDir()
	a := storetest.CleanForm(t)
	a.Header.Unit = w.UnitA.Name
	b := *a
	b.Notes = "另一张"
	if err := formfile.Write(filepath.Join(dir, "two.json"), []*jixiao.Form{a, &b}, nil, time.Time{}); err != nil {
		t.Fatal(err)
	}
	rs, sum := run(t, s, importer.Options{}, dir)
	want(t, "two forms of one unit", sum, 1, 0, 0, 1)
	if len(rs) != 2 || rs[1].Form != 1 || rs[1].Forms != 2 || !strings.Contains(rs[1].Reason, "与本文件的第 1 张表同属") {
		t.Errorf("second form: %+v", rs[len(rs)-1])
	}
	rs, sum = run(t, s, importer.Options{Program: storetest.Program, Year: 2021}, dir)
	want(t, "another year", sum, 0, 0, 0, 2)
	if !strings.Contains(rs[0].Reason, "表中的年度是 2020 年，而导入的是 2021 年") {
		t.Errorf("year: %s", rs[0].Reason)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b.docx", "a.XLSX", "sub/c.txt", "sub/d.json", "e.doc", "~$b.docx", ".x.json", ".git/f.json", "tree.csv", "g.pdf"} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	named := filepath.Join(dir, "g.pdf") // named on its own: kept, reading it says what is wrong
	got, err := importer.Files([]string{dir, named, filepath.Join(dir, "b.docx"), filepath.Join(dir, "missing.docx")})
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
	}
	if g := strings.Join(got, " "); g != "a.XLSX b.docx e.doc sub/c.txt sub/d.json g.pdf missing.docx" {
		t.Errorf("files: %s", g)
	}
}

func TestNormalizeName(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"北京市 朝阳区（东区）服务中心", "北京市朝阳区(东区)服务中心"},
		{"ＡＢＣ知识产权中心１号", "ABC知识产权中心1号"},
		{"朝陽區　服務中心", "朝阳区服务中心"},
	} {
		if x, y := importer.NormalizeName(c.a), importer.NormalizeName(c.b); x != y {
			t.Errorf("%q → %q, %q → %q: want equal", c.a, x, c.b, y)
		}
	}
	if importer.NormalizeName("朝阳区服务中心") == importer.NormalizeName("朝阳区服务站") {
		t.Error("different names normalised alike")
	}
}
