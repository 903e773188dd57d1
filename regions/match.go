package regions

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/hanzi"
)

// Match resolves a region as forms write it:
//   - a six-digit code: 110105;
//   - a full name: 北京市朝阳区, 浙江省杭州市西湖区;
//   - a region's own name when it is the only one so named: 浙江省, 杭州市,
//     西湖区 (朝阳区 is not: 北京 and 长春 both have one);
//   - an own name after some of its ancestors: 杭州市西湖区, 长春市朝阳区,
//     吉林长春朝阳区, 北京海淀. Names may be written short (浙江, 杭州,
//     内蒙古, 广西, 海淀), but a county's short name needs an ancestor
//     before it (海淀 alone is refused), and a placeholder level of the
//     official list may follow an ancestor (北京市市辖区朝阳区).
//
// Blanks (full-width ones too) are ignored and traditional characters read
// as simplified. A name several regions fit is a KindInvalid error naming
// them all with their full names and codes; a name no region fits is a
// KindNotFound error saying so.
func Match(text string) (Region, error) {
	t, err := list()
	if err != nil {
		return Region{}, err
	}
	s := normalize(text)
	if s == "" {
		return Region{}, jixiao.Invalid("地区为空：请写出地区名称，如“浙江省杭州市西湖区”，或 6 位行政区划代码")
	}
	if sixDigits(s) {
		if i, ok := t.byCode[s]; ok {
			return t.regions[i], nil
		}
		return Region{}, jixiao.Errorf(jixiao.KindNotFound, "行政区划代码 %s 不在 GB/T 2260 区划表中（%s）：请核对代码，或写出地区名称", s, Version())
	}
	if i, ok := t.byFull[s]; ok {
		return t.regions[i], nil
	}
	// The name the text ends with, longest first; the rest must name that
	// region's ancestors. Names are short, so only the last maxName bytes
	// can start one: a long text costs one pass, not a pass per character.
	var near []int32 // regions named by a tail but not under its prefix
	var nearTail, nearPrefix string
	var short []int32 // counties written short and alone: 海淀
	for at := nextRune(s, max(0, len(s)-t.maxName)); at < len(s); at = nextRune(s, at+1) {
		tail, prefix := s[at:], s[:at]
		for _, cands := range [2][]int32{t.byName[tail], t.shortFor(t.byShort[tail], at == 0)} {
			if len(cands) == 0 {
				continue
			}
			switch found := t.under(prefix, cands); {
			case len(found) == 1:
				return t.regions[found[0]], nil
			case len(found) > 1:
				return Region{}, jixiao.Invalid("地区“%s”有多个：%s，请写出上级地区", clip(text), t.list(found))
			case near == nil:
				near, nearTail, nearPrefix = cands, tail, prefix
			}
		}
		if c := t.byShort[tail]; at == 0 && len(c) > 0 && t.shortFor(c, true) == nil {
			short = c
		}
	}
	if near != nil {
		return Region{}, jixiao.Errorf(jixiao.KindNotFound, "地区“%s”不在 GB/T 2260 区划表中（%s）：表中的“%s”是%s，不在“%s”之下；请核对上级地区",
			clip(text), Version(), nearTail, t.list(near), clip(nearPrefix))
	}
	if short != nil {
		return Region{}, jixiao.Invalid("地区“%s”应写县级地区的全称：%s", clip(text), t.list(short))
	}
	return Region{}, jixiao.Errorf(jixiao.KindNotFound, "地区“%s”不在 GB/T 2260 区划表中（%s）：请写出规范的省、市、县（区）名称，如“浙江省杭州市西湖区”，或 6 位行政区划代码；表中没有的新设或更名地区，请管理员更新区划数据",
		clip(text), Version())
}

// under returns the candidates whose ancestors the prefix writes.
func (t *table) under(prefix string, cands []int32) []int32 {
	var found []int32
	for _, i := range cands {
		if t.writesAncestors(prefix, t.regions[i].Parent) {
			found = append(found, i)
		}
	}
	return found
}

// shortFor picks, of the regions with a short name, those it may mean:
// the province when one is among them (海南 is 海南省, not 乌海市海南区);
// else all of them (朝阳: 辽宁省朝阳市, 北京市朝阳区…: a short name never
// silently picks one), except that counties alone, with no ancestor
// written, are not written short (海淀 is refused, 北京海淀 is not).
func (t *table) shortFor(cands []int32, alone bool) []int32 {
	var provinces, cities int
	for _, i := range cands {
		switch t.regions[i].Level {
		case Province:
			provinces++
		case City:
			cities++
		}
	}
	switch {
	case provinces > 0:
		out := make([]int32, 0, provinces)
		for _, i := range cands {
			if t.regions[i].Level == Province {
				out = append(out, i)
			}
		}
		return out
	case alone && cities == 0:
		return nil
	}
	return cands
}

// nextRune returns at, moved forward to the start of a rune.
func nextRune(s string, at int) int {
	for at < len(s) && !utf8.RuneStart(s[at]) {
		at++
	}
	return at
}

// writesAncestors reports whether prefix is written by the region parent and
// its ancestors from the top down, each by its name or short name or left
// out, with a placeholder level allowed after a written one.
func (t *table) writesAncestors(prefix, parent string) bool {
	if prefix == "" {
		return true
	}
	var chain [2]int32 // a county's city and province at most
	n := 0
	for code := parent; code != "" && n < len(chain); n++ {
		chain[n] = t.byCode[code]
		code = t.regions[chain[n]].Parent
	}
	return t.writesChain(prefix, chain[:n], n-1, false)
}

// writesChain is writesAncestors over chain[top], chain[top-1], … chain[0];
// wrote says whether chain[top+1] was written.
func (t *table) writesChain(prefix string, chain []int32, top int, wrote bool) bool {
	if prefix == "" {
		return true
	}
	if wrote {
		for _, p := range placeholders {
			if strings.HasPrefix(prefix, p) && t.writesChain(prefix[len(p):], chain, top, false) {
				return true
			}
		}
	}
	if top < 0 {
		return false
	}
	a := chain[top]
	for _, name := range [2]string{t.regions[a].Name, t.short[a]} {
		if name != "" && strings.HasPrefix(prefix, name) && t.writesChain(prefix[len(name):], chain, top-1, true) {
			return true
		}
	}
	return t.writesChain(prefix, chain, top-1, false)
}

// placeholders are levels of the official code list that are not regions
// (110100 市辖区, 500200 县, 429000 省直辖县级行政区划); some forms still write them.
var placeholders = []string{"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

// list names regions for a message: 北京市朝阳区（110105）、吉林省长春市朝阳区（220104）.
func (t *table) list(ids []int32) string {
	const most = 8
	var b strings.Builder
	for k, i := range ids {
		if k == most {
			fmt.Fprintf(&b, "等 %d 个", len(ids))
			break
		}
		if k > 0 {
			b.WriteString("、")
		}
		fmt.Fprintf(&b, "%s（%s）", t.full[i], t.regions[i].Code)
	}
	return b.String()
}

// normalize drops blanks (full-width ones too) and reads traditional
// characters as simplified: "北京市 朝陽區" → "北京市朝阳区".
func normalize(s string) string {
	return hanzi.Simplified(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
}

// clip shortens a text quoted in a message to its first 40 characters.
func clip(s string) string {
	s = strings.TrimSpace(s)
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// shortName is a region's name without its kind: 浙江 for 浙江省, 广西
// for 广西壮族自治区, 杭州 for 杭州市, 阿里 for 阿里地区, 朝阳 for 朝阳区;
// "" where fewer than two characters would be left (城区). Provinces and
// cities are also written so; a county's short name only makes a city's
// ambiguous (shortFor).
func shortName(r Region) string {
	var suffixes []string
	switch r.Level {
	case Province:
		suffixes = []string{"壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"}
	case City:
		suffixes = []string{"地区", "市", "盟"}
	case County:
		suffixes = []string{"区", "县", "市", "旗"}
	}
	for _, suf := range suffixes {
		if s, ok := strings.CutSuffix(r.Name, suf); ok {
			if utf8.RuneCountInString(s) < 2 {
				return ""
			}
			return s
		}
	}
	return ""
}
