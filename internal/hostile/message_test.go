package hostile

import "testing"

func TestMessageChecks(t *testing.T) {
	for _, tc := range []struct {
		msg          string
		chinese      bool
		untranslated string
	}{
		{"a.docx：文件已损坏，无法读取；请用 Word 另存后再试", true, ""},
		{"a.docx：zip: not a valid zip file", false, "zip: "},
		{"文件意外结束（unexpected EOF），请重新导出", true, "EOF"},
		{"无法读取", false, ""},
	} {
		if got := Chinese(tc.msg); got != tc.chinese {
			t.Errorf("Chinese(%q) = %v", tc.msg, got)
		}
		if got := UntranslatedError(tc.msg); got != tc.untranslated {
			t.Errorf("UntranslatedError(%q) = %q, want %q", tc.msg, got, tc.untranslated)
		}
	}
}
