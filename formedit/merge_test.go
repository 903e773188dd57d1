package formedit_test

import (
	"reflect"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
)

func TestMerge(t *testing.T) {
	type edit func(t *testing.T, f *jixiao.Form) *jixiao.Form
	set := func(v formedit.Values) edit {
		return func(t *testing.T, f *jixiao.Form) *jixiao.Form {
			g, err := formedit.Apply(f, v)
			if err != nil {
				t.Fatal(err)
			}
			return g
		}
	}
	then := func(es ...edit) edit {
		return func(t *testing.T, f *jixiao.Form) *jixiao.Form {
			for _, e := range es {
				f = e(t, f)
			}
			return f
		}
	}
	addInd := func(l1, l2 string, target string) edit {
		return func(t *testing.T, f *jixiao.Form) *jixiao.Form {
			f = formedit.Clone(f)
			at, err := formedit.AddIndicator(f, l1, l2)
			if err != nil {
				t.Fatal(err)
			}
			f.Indicators[at].Target = target
			return f
		}
	}
	delInd := func(i int) edit {
		return func(t *testing.T, f *jixiao.Form) *jixiao.Form {
			f = formedit.Clone(f)
			if err := formedit.RemoveIndicator(f, i); err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	addFund := func(parent int, label string) edit {
		return func(t *testing.T, f *jixiao.Form) *jixiao.Form {
			f = formedit.Clone(f)
			at, err := formedit.AddFundLine(f, parent)
			if err != nil {
				t.Fatal(err)
			}
			f.Funds.Lines[at].Label = label
			return f
		}
	}
	none := func(_ *testing.T, f *jixiao.Form) *jixiao.Form { return formedit.Clone(f) }

	for _, tc := range []struct {
		name        string
		mine, their edit
		want        map[string]string // field → merged value
		rows        int               // indicators in the merged form
		conflicts   []formedit.Conflict
	}{
		{name: "one side only", mine: set(formedit.Values{"ind.15.actual": {"540万"}}), their: none,
			want: map[string]string{"ind.15.actual": "540万"}, rows: 30},
		{name: "different fields", mine: set(formedit.Values{"ind.15.actual": {"540万"}}), their: set(formedit.Values{"notes": {"无"}, "funds.1.executed": {"5000"}}),
			want: map[string]string{"ind.15.actual": "540万", "notes": "无", "funds.1.executed": "5000"}, rows: 30},
		{name: "same change", mine: set(formedit.Values{"notes": {"无"}}), their: set(formedit.Values{"notes": {"无"}}),
			want: map[string]string{"notes": "无"}, rows: 30},
		{name: "conflict", mine: set(formedit.Values{"ind.15.actual": {"540万"}, "notes": {"无"}}), their: set(formedit.Values{"ind.15.actual": {"560万"}}),
			want: map[string]string{"ind.15.actual": "540万", "notes": "无"}, rows: 30,
			conflicts: []formedit.Conflict{{Name: "ind.15.actual", Label: "产出指标·成本指标·第1行 全年实际完成值", Base: "591.764万", Mine: "540万", Theirs: "560万"}}},
		{name: "their row added, my edit after it", mine: set(formedit.Values{"ind.20.actual": {"改了"}}), their: addInd("产出指标", "数量指标", "新指标值"),
			// their new row is ind.5: the old ind.20 is ind.21 now
			want: map[string]string{"ind.5.target": "新指标值", "ind.21.actual": "改了", "ind.20.actual": "49万、17万、22.436万"}, rows: 31},
		{name: "both add rows at one place", mine: addInd("产出指标", "成本指标", "我的"), their: addInd("产出指标", "成本指标", "对方的"),
			want: map[string]string{"ind.20.target": "我的", "ind.21.target": "对方的", "ind.20.name": "指标6：", "ind.21.name": "指标6："}, rows: 32},
		{name: "my row deleted, theirs edited elsewhere", mine: delInd(0), their: set(formedit.Values{"ind.29.actual": {"99%"}}),
			want: map[string]string{"ind.0.name": "指标2：专利技术产业化项目资助", "ind.28.actual": "99%"}, rows: 29},
		{name: "a row edited twice in two cells stays one row", mine: set(formedit.Values{"ind.3.actual": {"a"}, "ind.3.reason": {"b"}}), their: set(formedit.Values{"ind.4.actual": {"c"}}),
			want: map[string]string{"ind.3.actual": "a", "ind.3.reason": "b", "ind.4.actual": "c"}, rows: 30},
		{name: "deleted by me, changed by them: kept with their change", mine: delInd(15), their: set(formedit.Values{"ind.15.reason": {"超支原因"}}),
			want: map[string]string{"ind.15.reason": "超支原因"}, rows: 30,
			conflicts: []formedit.Conflict{{Name: "ind.15", Row: true}}},
		{name: "both delete", mine: delInd(15), their: delInd(15), want: map[string]string{"ind.15.name": "指标2：专利技术产业化项目资助"}, rows: 29},
		{name: "funds lines added on both sides keep their parents", mine: addFund(1, "其中：甲"), their: then(addFund(-1, "乙"), set(formedit.Values{"funds.2.executed": {"900"}})),
			want: map[string]string{"funds.2.label": "其中：甲", "funds.3.executed": "900", "funds.5.label": "乙"}, rows: 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := refForm(t)
			mine, theirs := tc.mine(t, base), tc.their(t, base)
			merged, conflicts := formedit.Merge(base, mine, theirs)
			for name, want := range tc.want {
				if got, _ := formedit.Value(merged, name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			if len(merged.Indicators) != tc.rows {
				t.Errorf("%d rows, want %d", len(merged.Indicators), tc.rows)
			}
			for i := range conflicts {
				if conflicts[i].Row {
					if !strings.Contains(conflicts[i].Label, "已保留修改后的行") {
						t.Errorf("row conflict label %q", conflicts[i].Label)
					}
					conflicts[i].Label = ""
				}
			}
			if !reflect.DeepEqual(conflicts, tc.conflicts) {
				t.Errorf("conflicts %+v, want %+v", conflicts, tc.conflicts)
			}
		})
	}

	// Merging with no change on either side gives base back; merging an
	// edit with itself gives the edit.
	base := refForm(t)
	if m, c := formedit.Merge(base, base, base); !reflect.DeepEqual(m, base) || c != nil {
		t.Errorf("an empty merge changed the form: %v", c)
	}
	mine := set(formedit.Values{"ind.15.actual": {"540万"}})(t, base)
	if m, _ := formedit.Merge(base, base, mine); !reflect.DeepEqual(m, mine) {
		t.Error("merging an edit with nothing is not the edit")
	}
	// Choose takes the other side's value of a conflict
	theirs := set(formedit.Values{"ind.15.actual": {"560万"}})(t, base)
	m, cs := formedit.Merge(base, mine, theirs)
	cs[0].Choose(m, true)
	if m.Indicators[15].Actual != "560万" {
		t.Errorf("Choose theirs: %q", m.Indicators[15].Actual)
	}
}
