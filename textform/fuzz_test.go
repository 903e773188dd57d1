package textform_test

import (
	"testing"

	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/textform"
)

// FuzzReadText: any bytes either read into forms that have indicators, or
// fail with an error; never a panic.
func FuzzReadText(f *testing.F) {
	f.Add([]byte(reftest.Text(f)))
	f.Add([]byte("\t绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t全年实际完成值\n\n\t\n\t产出指标\n\t数量指标\n\t指标1：x\n\t1件\n\t2件\n\t已完成\n"))
	f.Add([]byte("a\tb\tc\n\t\n\n\n\t"))
	f.Fuzz(func(t *testing.T, data []byte) {
		forms, err := textform.Reader{}.ReadForms("fuzz.txt", data)
		if err != nil {
			return
		}
		if len(forms) == 0 {
			t.Fatal("no error and no forms")
		}
		for _, fm := range forms {
			if len(fm.Indicators) == 0 {
				t.Fatal("a form without indicators")
			}
		}
	})
}
