package phrase

import (
	"encoding/json"
	"testing"
)

// FuzzParse checks that Parse never panics and that what it returns is
// consistent: offsets point at the text, ranges are ordered, composites have
// parts and their parts hold all the quantities, the pooled scanner leaks
// nothing from one call to the next, and the helpers accept whatever Parse
// returns.
func FuzzParse(f *testing.F) {
	for _, c := range referenceCases {
		f.Add(c.in)
	}
	for _, s := range []string{
		"", "无", "≧90%", "1600元/亩", "2021年1月-12月", "百分之九十", "80～90%", "10,926.2", "１２．５％",
		"不少于5项、不少于8家、不少于100件", "“1+1+N”", "（1）培训100人次（2）", "\xff\xfe\x00", "《《《《", "1-",
		"一亿亿亿亿亿亿", "第", "百分之", "2020—", "Q", "12月底前完成，不少于100件", "5-10万元",
		// issue 8: numerals, ages, periods, negations
		"两万五千元", "2万5千元", "3亿5千万元", "一亿五千万元", "2万5千", "年满60周岁", "16-60岁",
		"2021.1.1-12.31", "2021.1-2021.12", "2021.1.1-", "2021.1-2021.", "全年", "全年完成",
		"未能按期完成", "存在3例超出年龄范围的情况", "有2批次未按时完成", "无安全事故", "零投诉",
		"无未按时完成情况", "未完成原因：无", "超出", "超出年龄", "无",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p := Parse(text)
		checkInvariants(t, p)
		if p.Text != text {
			t.Fatalf("Text changed")
		}
		if p.Kind == KindComposite {
			n := 0
			for _, part := range p.Parts {
				n += len(part.Quantities)
			}
			if n != len(p.Quantities) {
				t.Fatalf("parts hold %d quantities, the phrase %d", n, len(p.Quantities))
			}
		}
		first, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("JSON: %v", err)
		}
		again, _ := json.Marshal(Parse(text))
		if string(first) != string(again) {
			t.Fatalf("Parse is not deterministic:\n%s\n%s", first, again)
		}
		_ = p.Describe()
		if p.Deadline != nil {
			p.Deadline.Last(2020)
			p.Deadline.Last(0)
		}
		for _, q := range p.Quantities {
			p.Pick(q.Unit)
		}
		ParseNumber(text)
	})
}
