package xlsx_test

import (
	"strings"
	"testing"

	"github.com/jixiao/jixiao/xlsx"
)

// A template's 指标参考 sheet (an indicator list with column headers, no
// header fields, no funds, no footer) beside the form is not a second form:
// it is left out with a warning.
func TestReferenceListSheet(t *testing.T) {
	b := openRef(t)
	const s = "指标参考"
	b.f.NewSheet(s)
	rows := [][]any{
		{"绩效指标参考（供填报时选用）"},
		{"一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "说明"},
		{"产出指标", "数量指标", "资助企业数量", "≥10家", "", "按实际资助家数填写"},
		{"", "质量指标", "验收合格率", "100%", "", ""},
		{"满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", "", "问卷调查"},
	}
	for i, r := range rows {
		for j, v := range r {
			if v != "" {
				b.f.SetCellValue(s, string(rune('A'+j))+itoa(i+1), v)
			}
		}
	}
	forms, err := xlsx.Reader{}.ReadForms("x.xlsx", b.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 1 || len(forms[0].Indicators) != 30 {
		t.Fatalf("%d forms", len(forms))
	}
	if w := forms[0].Warnings; len(w) != 1 || !strings.Contains(w[0], "工作表“指标参考”只有指标列表") {
		t.Errorf("warnings %q", w)
	}
	// alone in its workbook, the list is read (and its gaps found)
	one := newWorkbook(t, s)
	for i, r := range rows {
		for j, v := range r {
			if v != "" {
				one.set(s, string(rune('A'+j))+itoa(i+1), v)
			}
		}
	}
	if forms, err := (xlsx.Reader{}).ReadForms("y.xlsx", one.bytes()); err != nil || len(forms) != 1 {
		t.Errorf("list alone: %d forms, %v", len(forms), err)
	}
}
