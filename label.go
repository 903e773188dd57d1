package jixiao

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SplitLabel splits a level-3 label into its ordinal and name:
// "指标1：专利资助奖励" → 1, "专利资助奖励". Labels without the prefix keep
// their text and ordinal 0. It scans by hand: every indicator goes through
// it.
func SplitLabel(label string) (int, string) {
	rest := strings.TrimLeftFunc(label, unicode.IsSpace)
	rest, ok := strings.CutPrefix(rest, "指标")
	if !ok {
		// traditional characters: 指標1：…
		if rest, ok = strings.CutPrefix(rest, "指標"); !ok {
			return 0, strings.TrimSpace(label)
		}
	}
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	end := 0
	digits := true
	for i, r := range rest {
		isDigit := (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
		isCN := strings.ContainsRune("一二三四五六七八九十", r)
		if i == 0 {
			digits = isDigit
		}
		if (digits && !isDigit) || (!digits && !isCN) {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	if end == 0 {
		return 0, strings.TrimSpace(label)
	}
	n := ordinalNumber(rest[:end])
	rest = strings.TrimLeftFunc(rest[end:], unicode.IsSpace)
	for _, sep := range []string{"：", ":", "．", ".", "、"} {
		if r, ok := strings.CutPrefix(rest, sep); ok {
			rest = r
			break
		}
	}
	return n, strings.TrimSpace(rest)
}

func ordinalNumber(s string) int {
	n := 0
	digits := true
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			digits = false
		}
	}
	if digits {
		return n
	}
	return chineseSmall(s)
}

// chineseSmall reads 一 … 九十九.
func chineseSmall(s string) int {
	val := map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	n, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
			continue
		}
		cur = val[r]
	}
	return n + cur
}
