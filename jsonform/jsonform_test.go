package jsonform_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/textform"
)

func TestRoundTrip(t *testing.T) {
	forms, err := textform.Reader{}.ReadForms("ref.txt", []byte(reftest.Text(t)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := jsonform.Write(&buf, forms); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "{\n  \"format\": \"jixiao.form\",\n  \"version\": 2,") {
		t.Errorf("head: %.60q", buf.String())
	}
	back, err := jsonform.Reader{}.ReadForms("ref.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(forms)
	b, _ := json.Marshal(back)
	if !bytes.Equal(a, b) {
		t.Error("the form changed through JSON")
	}
}

// Only the texts are needed: values, names, ordinals and the region are
// derived from them.
func TestDerivedFields(t *testing.T) {
	doc := `{"header": {"program": "北京市海淀区知识产权运营服务体系建设"},
	  "funds": {"total": {"budget": {"text": "1,300.5"}, "executed": {"value": "1000"}}},
	  "indicators": [{"level1": "产出指标", "level2": "数量指标", "label": "指标2：专利资助", "target": "不少于10件", "actual": "12件"}]}`
	forms, err := jsonform.Reader{}.ReadForms("bare.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	f := forms[0]
	in := f.Indicators[0]
	if in.Name != "专利资助" || in.Ordinal != 2 || f.Header.Region != "北京市海淀区" || f.Funds.Unit != "万元" || f.Source != "bare.json" {
		t.Errorf("derived: %+v %+v", in, f.Header)
	}
	tot := f.Funds.TotalLine()
	if !tot.Budget.Valid || tot.Budget.Value.String() != "1300.5" || tot.Executed.Text != "1000" || !tot.Executed.Valid {
		t.Errorf("amounts: %+v", tot)
	}
	// an array of forms is accepted too
	if forms, err := (jsonform.Reader{}).ReadForms("arr.json", []byte("["+doc+","+doc+"]")); err != nil || len(forms) != 2 {
		t.Errorf("array: %d %v", len(forms), err)
	}
}

func TestRefused(t *testing.T) {
	for _, tt := range []struct{ name, doc, want string }{
		{"syntax", `{"title": `, "不是有效的表单 JSON"},
		{"misspelt field", `{"title": "x", "indicatorz": []}`, "未知字段"},
		{"wrong type", `{"year": "2020"}`, "类型不对"},
		{"other format", `{"format": "other", "version": 1, "forms": []}`, "不是 jixiao 的表单"},
		{"newer version", `{"format": "jixiao.form", "version": 3, "forms": []}`, "版本为 3"},
		{"funds parent after its line", `{"funds": {"lines": [{"label": "中央", "parent": 1}, {"label": "合计"}]}, "indicators": []}`, "parent 为 1"},
		{"no indicators", `{"format": "jixiao.form", "version": 1, "forms": [{"title": "x"}]}`, "没有绩效指标"},
		{"trailing data", `{"title": "x"} {"title": "y"}`, "多余内容"},
	} {
		_, err := jsonform.Reader{}.ReadForms("f.json", []byte(tt.doc))
		if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(jixiao.MessageOf(err), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// A file of schema version 1 (four fixed funds lines) still reads: the
// total becomes the top-level line and the others its parts.
func TestVersion1(t *testing.T) {
	doc := `{"format": "jixiao.form", "version": 1, "forms": [{"header": {"program": "北京市海淀区某项目"},
	  "funds": {"unit": "万元",
	    "total": {"label": "年度资金总额：", "budget": {"text": "100"}, "executed": {"text": "90"}, "rate_text": "90%"},
	    "central": {"label": " 其中：中央财政资金", "budget": {"text": "60"}, "executed": {"text": "54"}, "rate_text": "90%"},
	    "local": null,
	    "other": {"label": "其他资金", "budget": {"text": "40"}, "executed": {"text": "36"}, "rate_text": "90%"}},
	  "indicators": [{"level1": "产出指标", "level2": "数量指标", "label": "指标1：专利资助", "target": "不少于10件", "actual": "12件"}]}]}`
	forms, err := jsonform.Reader{}.ReadForms("v1.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range forms[0].Funds.Lines {
		got = append(got, l.Label+"|"+string(l.Role)+"|"+strconv.Itoa(l.Parent)+"|"+l.Budget.Value.String())
	}
	want := []string{"年度资金总额：|total|-1|100", " 其中：中央财政资金|central|0|60", "其他资金|other|0|40"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
