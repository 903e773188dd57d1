package jixiao

import "strings"

// provinces are the provincial-level regions (GB/T 2260), longest names
// first where one is a prefix of another.
var provinces = []string{
	"北京市", "天津市", "上海市", "重庆市",
	"河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省",
	"福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
	"四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
	"内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
	"新疆生产建设兵团", "香港特别行政区", "澳门特别行政区",
}

// regionSuffixes end the name of a city- or county-level region.
var regionSuffixes = []string{"自治州", "自治县", "自治旗", "地区", "市", "区", "县", "旗", "州", "盟"}

// RegionOf derives the administrative region from the start of a program or
// unit name: "北京市朝阳区知识产权运营服务体系建设" → "北京市朝阳区". It returns
// "" when the name does not start with a region.
func RegionOf(name string) string {
	name = strings.TrimSpace(name)
	var region string
	for _, p := range provinces {
		if strings.HasPrefix(name, p) {
			region = p
			break
		}
	}
	rest := name[len(region):]
	for level := 0; level < 2; level++ {
		n := lowerRegion(rest)
		if n == 0 {
			break
		}
		region += rest[:n]
		rest = rest[n:]
	}
	return region
}

// lowerRegion returns the byte length of a city or county name at the start
// of s: one to seven characters that are not themselves region suffixes,
// then a suffix. The greedy match makes 杭州市 one name, not 杭州 + 市.
func lowerRegion(s string) int {
	runes := []rune(s)
	if len(runes) > 12 {
		runes = runes[:12]
	}
	stop := func(r rune) bool { return strings.ContainsRune("省市区县", r) }
	n := 0
	for n < len(runes) && n < 7 && !stop(runes[n]) {
		n++
	}
	for ; n >= 1; n-- {
		tail := string(runes[n:])
		for _, suf := range regionSuffixes {
			if strings.HasPrefix(tail, suf) {
				return len(string(runes[:n])) + len(suf)
			}
		}
	}
	return 0
}

// WithoutRegion returns the name with its leading region removed:
// "北京市朝阳区知识产权运营服务体系建设" → "知识产权运营服务体系建设".
func WithoutRegion(name string) string {
	name = strings.TrimSpace(name)
	return strings.TrimPrefix(name, RegionOf(name))
}

// RegionName is the region a form covers: the region of its aggregation,
// else its header's region, else the region its program or unit name starts
// with; "" when none says.
func (f *Form) RegionName() string {
	switch {
	case f.Aggregation != nil && f.Aggregation.Region != "":
		return f.Aggregation.Region
	case f.Header.Region != "":
		return f.Header.Region
	}
	if r := RegionOf(f.Header.Program); r != "" {
		return r
	}
	return RegionOf(f.Header.Unit)
}

// DerivedRegion is the region a reader derives from the names.
func DerivedRegion(h *Header) string {
	if r := RegionOf(h.Program); r != "" {
		return r
	}
	return RegionOf(h.Unit)
}
