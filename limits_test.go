package jixiao_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
)

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{64 << 20: "64 MB", 512 << 10: "512 KB", 100: "100 字节", 1<<20 + 1: "1048577 字节"} {
		if got := jixiao.ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLimitErrors(t *testing.T) {
	for _, err := range []*jixiao.Error{jixiao.TooMany("表.docx", "段落数", jixiao.MaxParagraphs), jixiao.TooLarge("表.xlsx", "解压后的内容", jixiao.MaxInflatedBytes)} {
		if err.Kind != jixiao.KindInvalid || !strings.HasPrefix(err.Message, "表.") || !strings.Contains(err.Message, "上限") {
			t.Errorf("limit error %+v: want an invalid-input error naming the file and the limit", err)
		}
	}
	if msg := jixiao.TooMany("a.json", "表单数", 5000).Message; !strings.Contains(msg, "表单数超过 5000 的上限") {
		t.Errorf("TooMany message %q does not name the limit", msg)
	}
}
