package regions

import (
	"fmt"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
)

// The embedded list parses: every check of parse holds for it.
func TestEmbeddedListParses(t *testing.T) {
	if _, err := list(); err != nil {
		t.Fatal(err)
	}
}

// parse refuses each kind of defect, with a message naming the row.
func TestParseRefuses(t *testing.T) {
	const head = "code,name,level,parent\n"
	const bj = "110000,北京市,1,\n"
	tests := []struct {
		name, data, want string
	}{
		{"header", "code,name,parent\n110000,北京市,\n", "第 1 行"},
		{"empty", head, "没有地区"},
		{"columns", head + "110000,北京市,1\n", "四列"},
		{"short code", head + "11000,北京市,1,\n", "6 位数字"},
		{"letters", head + "11000x,北京市,1,\n", "6 位数字"},
		{"duplicate", head + bj + "110000,北京,1,\n", "重复"},
		{"blank name", head + "110000, 北京市,1,\n", "空白"},
		{"no name", head + "110000,,1,\n", "为空"},
		{"level", head + bj + "110105,朝阳区,2,110000\n", "级别应为 3"},
		{"province parent", head + "110000,北京市,1,100000\n", "不应有上级"},
		{"wrong parent", head + bj + "120000,天津市,1,\n120101,和平区,3,110000\n", "上级应为 120000"},
		{"parent missing", head + "110105,朝阳区,3,110000\n", "不在表中"},
		{"skips its city", head + "130000,河北省,1,\n130100,石家庄市,2,130000\n130102,长安区,3,130000\n", "上级应为 130100"},
		{"child first", head + "130100,石家庄市,2,130000\n130000,河北省,1,\n", "第 2 行"},
		{"same full name", head + "130000,河北省,1,\n130100,石家庄市,2,130000\n130200,石家庄市,2,130000\n", "全称 河北省石家庄市"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.data)
			if err == nil {
				t.Fatal("parsed")
			}
			if jixiao.KindOf(err) != jixiao.KindInternal || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "vendor-regions") {
				t.Errorf("%v, want an internal error with %q", err, tt.want)
			}
		})
	}
}

// A county may sit under its province when its city is not listed, and the
// full names and indexes follow.
func TestParseSmallList(t *testing.T) {
	tb, err := parse("code,name,level,parent\n420000,湖北省,1,\n420100,武汉市,2,420000\n420106,武昌区,3,420100\n429004,仙桃市,3,420000\n")
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(tb.full, tb.short, len(tb.children[0]), tb.roots)
	if want := "[湖北省 湖北省武汉市 湖北省武汉市武昌区 湖北省仙桃市] [湖北 武汉 武昌 仙桃] 2 [0]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
