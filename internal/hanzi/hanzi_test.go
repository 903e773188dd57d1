package hanzi_test

import (
	"testing"

	"github.com/jixiao/jixiao/internal/hanzi"
)

func TestSimplified(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"項目資金 (萬元)", "项目资金 (万元)"},
		{"年度資金總額", "年度资金总额"},
		{"產出指標/數量指標", "产出指标/数量指标"},
		{"服務對象滿意度指標", "服务对象满意度指标"},
		{"不少於7000件", "不少于7000件"},
		{"其中:當年財政撥款", "其中:当年财政拨款"},
		{"项目资金", "项目资金"},
		{"abc 123", "abc 123"},
		{"", ""},
	} {
		if got := hanzi.Simplified(tt.in); got != tt.want {
			t.Errorf("Simplified(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { hanzi.Simplified("北京市朝阳区知识产权运营服务体系建设") }); n != 0 {
		t.Errorf("a simplified string allocates %v times", n)
	}
}

func BenchmarkSimplified(b *testing.B) {
	s := "2020年，全区发明专利授权量为11473件，同比增长，知识产权运营服务体系建设稳步推进。"
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		hanzi.Simplified(s)
	}
}
