package layout_test

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/layout"
	"github.com/jixiao/jixiao/textform"
)

func readText(t *testing.T, text string) *jixiao.Form {
	t.Helper()
	forms, err := textform.Reader{}.ReadForms("form.txt", []byte(text))
	if err != nil || len(forms) != 1 {
		t.Fatalf("ReadForms: %d forms, %v", len(forms), err)
	}
	return forms[0]
}

func clone(t *testing.T, f *jixiao.Form) *jixiao.Form {
	t.Helper()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var c jixiao.Form
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

// Forms(Render(f)) reads f back: the rendered layout is the one readers
// understand, for the reference form and variants of its shape.
func TestRenderRoundTrip(t *testing.T) {
	ref := readText(t, reftest.Text(t))
	variants := map[string]func(f *jixiao.Form){
		"reference": func(*jixiao.Form) {},
		"no other funds": func(f *jixiao.Form) {
			f.Funds.Lines = slices.DeleteFunc(f.Funds.Lines, func(l jixiao.FundLine) bool { return l.Role == jixiao.FundOther })
		},
		"funds lines of every kind": func(f *jixiao.Form) {
			f.Funds.Lines = departmental("其中：一般公共预算")
		},
		"no ordinals": func(f *jixiao.Form) {
			for i := range f.Indicators {
				f.Indicators[i].Label, f.Indicators[i].Ordinal = f.Indicators[i].Name, 0
			}
		},
		"level-2 groups of one row": func(f *jixiao.Form) {
			for i := range f.Indicators {
				f.Indicators[i].Level2 += strconv.Itoa(i)
			}
		},
		"blank rates": func(f *jixiao.Form) {
			for i := range f.Funds.Lines {
				f.Funds.Lines[i].RateText = ""
			}
		},
		"region row": func(f *jixiao.Form) {
			f.Header.Region = "北京市"
		},
		"scored": func(f *jixiao.Form) {
			for i := range f.Indicators {
				f.Indicators[i].Weight, f.Indicators[i].Score = "3", strconv.Itoa(i%4)
			}
			f.Funds.TotalLine().InitialBudget, f.Funds.TotalLine().Weight, f.Funds.TotalLine().Score = "10000", "10", "1.19"
			f.TotalScore, f.Grade = "88.5", "良"
		},
		"scored without funds columns": func(f *jixiao.Form) {
			f.Indicators[0].Weight = "20"
			f.TotalScore = "90"
		},
	}
	for name, change := range variants {
		t.Run(name, func(t *testing.T) {
			f := clone(t, ref)
			change(f)
			roundTrip(t, f)
		})
	}
	t.Run("scored tab-separated", func(t *testing.T) {
		f := readText(t, reftest.Variant(t, "changan-scored.txt"))
		if !layout.Scored(f) {
			t.Fatal("the scored form is not scored")
		}
		roundTrip(t, f)
	})
}

func roundTrip(t *testing.T, f *jixiao.Form) {
	t.Helper()
	doc := layout.Render(f)
	forms, err := layout.Forms(doc)
	if err != nil || len(forms) != 1 {
		t.Fatalf("Forms(Render(f)): %d forms, %v", len(forms), err)
	}
	want := clone(t, f)
	want.Source = ""
	if want.Title == "" { // the writers give a form without a title the template's
		want.Title = layout.DefaultTitle
	}
	for i := range want.Funds.Lines {
		want.Funds.Lines[i].RateText = jixiao.RateOf(&want.Funds.Lines[i]).Text
	}
	got := forms[0]
	got.Source = ""
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	if string(w) != string(g) {
		t.Errorf("Forms(Render(f)) differs from f:\ngot  %s\nwant %s", g, w)
	}
}

// Every cell a finding can name is found, and fields without a cell fall
// back to their row or section.
func TestCellFor(t *testing.T) {
	f := readText(t, reftest.Text(t))
	doc := layout.Render(f)
	text := func(fd jixiao.Finding) string {
		b, r, c, ok := doc.CellFor(fd)
		if !ok {
			return "<none>"
		}
		if r < 0 {
			return doc.Blocks[b].Paragraph
		}
		return doc.Blocks[b].Table.Rows[r].Cells[c].Text
	}
	in := &f.Indicators[2]
	tests := []struct {
		fd   jixiao.Finding
		want string
	}{
		{jixiao.Finding{Section: jixiao.SectionHeader, Indicator: -1, Field: "unit"}, f.Header.Unit},
		{jixiao.Finding{Section: jixiao.SectionHeader, Indicator: -1, Field: "region"}, f.Header.Program},
		{jixiao.Finding{Section: jixiao.SectionFunds, Fund: jixiao.FundCentral, FundLine: 1, Field: "budget"}, f.Funds.Source(jixiao.FundCentral).Budget.Text},
		{jixiao.Finding{Section: jixiao.SectionFunds, Fund: jixiao.FundTotal, Field: "rate"}, f.Funds.TotalLine().RateText},
		{jixiao.Finding{Section: jixiao.SectionFunds, Fund: jixiao.FundTotal, Field: "weight"}, f.Funds.TotalLine().Label},
		{jixiao.Finding{Section: jixiao.SectionFunds, Fund: "nope", FundLine: 99, Field: "budget"}, "资金情况（万元）"},
		{jixiao.Finding{Section: jixiao.SectionGoal, Indicator: -1, Field: "achievement"}, f.Achievement},
		{jixiao.Finding{Section: jixiao.SectionGoal, Indicator: -1}, "总体目标完成情况"},
		{jixiao.Finding{Section: jixiao.SectionIndicators, Indicator: 2, Field: "actual"}, in.Actual},
		{jixiao.Finding{Section: jixiao.SectionIndicators, Indicator: 2, Field: "level"}, in.Label},
		{jixiao.Finding{Section: jixiao.SectionIndicators, Indicator: 2, Field: "weight"}, in.Label},
		{jixiao.Finding{Section: jixiao.SectionIndicators, Indicator: 99, Field: "actual"}, "绩效指标"},
		{jixiao.Finding{Section: jixiao.SectionNotes, Indicator: -1}, f.Notes},
		{jixiao.Finding{Section: jixiao.SectionFooter, Indicator: -1, Field: "phone"}, doc.Blocks[len(doc.Blocks)-1].Paragraph},
		{jixiao.Finding{Indicator: -1}, f.Title},
	}
	for _, tt := range tests {
		if got := text(tt.fd); got != tt.want {
			t.Errorf("CellFor(%+v) = %q, want %q", tt.fd, got, tt.want)
		}
	}
}

// departmental is a funds tree of a departmental form: sources by kind,
// budget kinds under 财政拨款, a numbered subtotal with its items.
func departmental(firstKind string) []jixiao.FundLine {
	amt := func(s string) jixiao.Amount { return jixiao.ParseAmount(s, "万元") }
	return []jixiao.FundLine{
		{Label: "年度资金总额", Role: jixiao.FundTotal, Parent: -1, Budget: amt("300"), Executed: amt("290")},
		{Label: "其中：财政拨款", Role: jixiao.FundFiscal, Parent: 0, Budget: amt("250"), Executed: amt("240")},
		{Label: firstKind, Role: jixiao.FundGeneralBudget, Parent: 1, Budget: amt("200"), Executed: amt("190")},
		{Label: "政府性基金拨款", Role: jixiao.FundGovernmentFund, Parent: 1, Budget: amt("50"), Executed: amt("50")},
		{Label: "上年结转资金", Role: jixiao.FundCarryOver, Parent: 0, Budget: amt("50"), Executed: amt("50")},
		{Label: "其中：直达资金", Role: jixiao.FundUnknown, Parent: 4, Budget: amt("10"), Executed: amt("10")},
		{Label: "其他资金", Role: jixiao.FundOther, Parent: 0},
	}
}

// A tree made elsewhere (JSON, rollup) whose labels do not show their
// level is rendered so that reading it back gives the same tree.
func TestRenderFundsTree(t *testing.T) {
	f := readText(t, reftest.Text(t))
	f.Funds.Lines = departmental("一般公共预算")
	forms, err := layout.Forms(layout.Render(f))
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms, %v", len(forms), err)
	}
	got := forms[0].Funds.Lines
	if len(got) != len(f.Funds.Lines) {
		t.Fatalf("%d lines, want %d", len(got), len(f.Funds.Lines))
	}
	for i, l := range got {
		if w := f.Funds.Lines[i]; l.Parent != w.Parent || l.Role != w.Role || l.Name() != w.Name() {
			t.Errorf("line %d: %q %s parent %d, want %q %s parent %d", i, l.Label, l.Role, l.Parent, w.Label, w.Role, w.Parent)
		}
	}
}
