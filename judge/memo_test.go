package judge_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/textform"
)

// Judging a form, where rows with the same target or actual text share one
// parsed phrase, gives every row the result it gets judged alone: on the
// reference form, the real forms, and a form whose texts repeat in a cycle
// longer than the memo.
func TestFormIntoSharesPhrasesUnchanged(t *testing.T) {
	forms := readForms(t, "reference.txt", []byte(reftest.Text(t)))
	files, _ := filepath.Glob("../testdata/real/*.txt")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		forms = append(forms, readForms(t, name, data)...)
	}
	cycle := &jixiao.Form{Year: 2021}
	texts := []string{"100%", "不少于10家", "12月底前完成", "200万", "≥95%", "无", "", "5项、8家", "已完成", "1.8亿元", "98%", "10家", "2020年12月"}
	for i := range 60 {
		cycle.Indicators = append(cycle.Indicators, jixiao.Indicator{Level1: "产出指标", Level2: "数量指标", Name: "指标",
			Target: texts[i%len(texts)], Actual: texts[(i*5)%len(texts)]})
	}
	forms = append(forms, cycle)
	if len(forms) < 10 {
		t.Fatalf("%d forms read", len(forms))
	}
	for _, f := range forms {
		rs := judge.FormInto(nil, f, nil)
		for i := range f.Indicators {
			if want := judge.IndicatorWith(&f.Indicators[i], i, f.Year, nil); !reflect.DeepEqual(rs[i], want) {
				t.Fatalf("%s row %d: FormInto gives\n%+v\nalone\n%+v", f.Source, i, rs[i], want)
			}
		}
	}
}

func readForms(t *testing.T, name string, data []byte) []*jixiao.Form {
	t.Helper()
	forms, err := textform.Reader{}.ReadForms(name, data)
	if err != nil {
		t.Logf("%s: %v", name, err)
	}
	return forms
}
