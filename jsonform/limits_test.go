package jsonform_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
)

// list writes n copies of elem as a JSON array.
func list(n int, elem string) string {
	return "[" + strings.TrimSuffix(strings.Repeat(elem+",", n), ",") + "]"
}

// Hostile JSON goes past a limit and is refused before it is decoded, with
// a message that names the file and the limit; at the limits it reads.
func TestLimits(t *testing.T) {
	ind := `{"target": "1件", "actual": "2件"}`
	form := func(inds int) string { return `{"indicators": ` + list(inds, ind) + `}` }
	tests := []struct {
		name, doc, want string // want "" when the file reads
	}{
		{"indicators at the limit", form(jixiao.MaxIndicators), ""},
		{"indicators", form(jixiao.MaxIndicators + 1), "一个表单的指标数（indicators）超过 1000 的上限"},
		{"empty indicators", `{"indicators": ` + list(1_000_000, "{}") + `}`, "一个表单的指标数（indicators）超过 1000 的上限"},
		{"indicators, key folded", `{"INDICATORſ": ` + list(jixiao.MaxIndicators+1, "{}") + `}`, "指标数（indicators）超过 1000"},
		{"indicators, key escaped", `{"\u0069ndicators": ` + list(jixiao.MaxIndicators+1, "{}") + `}`, "指标数（indicators）超过 1000"},
		{"funds lines", `{"funds": {"lines": ` + list(jixiao.MaxFundLines+1, `{"label": "中央"}`) + `}, "indicators": [{}]}`, "资金情况行数（funds.lines）超过 500 的上限"},
		{"forms in a file", `{"format": "jixiao.form", "version": 2, "forms": ` + list(jixiao.MaxForms+1, form(1)) + `}`, "表单数超过 5000 的上限"},
		{"forms in an array", list(jixiao.MaxForms+1, "null"), "表单数超过 5000 的上限"},
		{"forms at the limit", list(jixiao.MaxForms, form(1)), ""},
		{"elements together", list(jixiao.MaxJSONElements/jixiao.MaxIndicators+1, form(jixiao.MaxIndicators-1)), "全部数组的元素数（表单、指标、资金情况行等合计）超过 100000 的上限"},
		{"footnotes", `{"footnotes": ` + list(1001, `""`) + `, "indicators": [{}]}`, "数组“footnotes”的元素数超过 1000 的上限"},
		{"unknown array", `{"xs": ` + list(1001, `1`) + `}`, "数组“xs”的元素数超过 1000 的上限"},
		{"nested arrays", `{"xs": [` + list(1001, `1`) + `]}`, "数组中的数组的元素数超过 1000 的上限"},
		{"nesting", strings.Repeat(`[`, 1_000_000) + strings.Repeat(`]`, 1_000_000), "嵌套层数超过 32 的上限"},
		{"nesting in objects", strings.Repeat(`{"a":`, 33) + "1" + strings.Repeat(`}`, 33), "嵌套层数超过 32 的上限"},
		{"long text", `{"title": "` + strings.Repeat("长", jixiao.MaxCellBytes/3+1) + `", "indicators": [{}]}`, "第 11 字节处的一个文本超过 64 KB 的上限"},
		{"long escaped text", `{"title": "` + strings.Repeat(`\u957f`, jixiao.MaxCellBytes/3+1) + `"}`, "一个文本超过 64 KB 的上限"},
		{"long key", `{"` + strings.Repeat("k", jixiao.MaxCellBytes+1) + `": 1}`, "第 2 字节处的一个文本超过 64 KB 的上限"},
		{"long number", `{"year": 1` + strings.Repeat("0", 100) + `}`, "第 10 字节处的一个数字超过 64 字节 的上限"},
		{"huge exponent", `{"funds": {"lines": [{"label": "合计", "budget": {"value": "1e999999999"}}]}, "indicators": [{}]}`, "某个值无法读取"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			forms, err := jsonform.Reader{}.ReadForms("hostile.json", []byte(tt.doc))
			if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("took %v", d)
			}
			if tt.want == "" {
				if err != nil || len(forms) == 0 {
					t.Fatalf("%d forms, %v", len(forms), err)
				}
				return
			}
			msg := jixiao.MessageOf(err)
			if err == nil || jixiao.KindOf(err) != jixiao.KindInvalid || !strings.HasPrefix(msg, "hostile.json：") || !strings.Contains(msg, tt.want) {
				t.Errorf("%v: want an error naming the file and %q", err, tt.want)
			}
		})
	}
}

// Forms are decoded one at a time from a file or an array, keys of the
// file matched as encoding/json matches them; trailing data is refused.
func TestStreamedShapes(t *testing.T) {
	form := `{"header": {"program": "北京市海淀区%s项目"}, "indicators": [{"label": "指标1：x", "target": "1件", "actual": "2件"}]}`
	two := fmt.Sprintf(form, "甲") + ", null, " + fmt.Sprintf(form, "乙")
	for _, tt := range []struct {
		name, doc string
		forms     int
		want      string
	}{
		{"file", `{"format": "jixiao.form", "version": 2, "forms": [` + two + `]}`, 2, ""},
		{"keys in another order and case", `{"Forms": [` + two + `], "VERSION": 1, "format": "jixiao.form"}`, 2, ""},
		{"forms written twice: the last counts", `{"format": "jixiao.form", "version": 2, "forms": [` + two + `], "forms": [` + fmt.Sprintf(form, "丙") + `]}`, 1, ""},
		{"array", `[` + two + `]`, 2, ""},
		{"array after a byte order mark and blank space", "\xef\xbb\xbf \n\t[" + two + "]\n", 2, ""},
		{"null forms", `{"format": "jixiao.form", "version": 2, "forms": null}`, 0, "没有绩效指标"},
		{"forms not an array", `{"format": "jixiao.form", "version": 2, "forms": {}}`, 0, "字段 forms 的类型不对"},
		{"version not a number", `{"format": "jixiao.form", "version": "2", "forms": []}`, 0, "字段 version 的类型不对"},
		{"unknown field of the file", `{"format": "jixiao.form", "version": 2, "forms": [], "extra": 1}`, 0, `未知字段 "extra"`},
		{"no format", `{"version": 2, "forms": [` + two + `]}`, 0, `format 应为 "jixiao.form"（当前为 ""）`},
		{"trailing bracket", `[` + two + `]]`, 0, "多余内容"},
		{"trailing form", `{"format": "jixiao.form", "version": 2, "forms": [` + two + `]} {}`, 0, "多余内容"},
		{"cut short", `{"format": "jixiao.form", "version": 2, "forms": [` + two, 0, "内容不完整"},
		{"a string", `"表"`, 0, "文件应是一个表单对象、表单数组或表单文件对象"},
		{"a bad form among good ones", `[` + two + `, {"indicators": 1}]`, 0, "字段 indicators 的类型不对"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			forms, err := jsonform.Reader{}.ReadForms("f.json", []byte(tt.doc))
			if tt.want != "" {
				if msg := jixiao.MessageOf(err); err == nil || !strings.Contains(msg, tt.want) {
					t.Errorf("%v: want %q", err, tt.want)
				}
				return
			}
			if err != nil || len(forms) != tt.forms {
				t.Fatalf("%d forms, %v", len(forms), err)
			}
			if forms[0].Header.Region != "北京市海淀区" || forms[0].Source != "f.json" {
				t.Errorf("form not normalised: %+v", forms[0].Header)
			}
		})
	}
}
