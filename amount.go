package jixiao

import (
	"strings"

	"github.com/shopspring/decimal"
)

// ParseAmount reads a funds cell in a section whose unit is unit (万元, 元 or
// 亿元): "10926.2", "1,300.00", "１３００", and amounts that carry their own
// unit, "12.5万", "50万元", "387664.62元", "1.2亿元", which are converted
// exactly to the section's unit; a currency sign before it (￥, ¥) is
// dropped. A remark in brackets after the amount
// ("854万（高标准农田建设400万元…）") is kept in the text and not read. A
// blank cell or a placeholder (/, -, 无) is not Valid and not Unreadable;
// anything else that is not an amount is Unreadable (the audit names it).
func ParseAmount(text, unit string) Amount {
	a := Amount{Text: text}
	t := Key(text) // half-width digits, no spaces
	if i := strings.IndexAny(t, "(（"); i > 0 {
		t = t[:i]
	}
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, "，", "")
	t = strings.TrimRight(t, "。；;.、") // a clerk's full stop after the amount
	t = strings.TrimSuffix(t, "整")    // 12.5万元整, as money is written on vouchers
	if strings.HasPrefix(t, "﹣") || strings.HasPrefix(t, "−") {
		t = "-" + t[len("﹣"):] // small and mathematical minus signs (both three bytes)
	}
	// a currency sign before the amount: ￥1,000.00, ¥1000, RMB 1000
	t = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(t, "￥"), "¥"), "RMB")
	if isPlaceholder(t) {
		return a
	}
	a.Unreadable = true
	shift := int32(0) // decimal exponent of the cell's unit over the section's
	for _, u := range amountUnits {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, shift = rest, u.exp-unitExp(unit)
			break
		}
	}
	if t == "" || len(t) > 40 || strings.ContainsAny(t, "eE") {
		return a
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return a
	}
	a.Value, a.Valid, a.Unreadable = v.Shift(shift), true, false
	return a
}

// amountUnits are the units a funds cell may carry, longest first, with
// their decimal exponent in 元.
var amountUnits = []struct {
	suffix string
	exp    int32
}{{"亿元", 8}, {"万元", 4}, {"千元", 3}, {"元", 0}, {"亿", 8}, {"万", 4}}

// unitExp is the decimal exponent in 元 of a funds section's unit.
func unitExp(unit string) int32 {
	switch unit {
	case "元":
		return 0
	case "亿元":
		return 8
	}
	return 4
}

// isPlaceholder reports a cell that says "nothing here": blank, a dash, a
// slash, 无.
func isPlaceholder(t string) bool {
	switch t {
	case "", "-", "--", "—", "——", "－", "/", "／", "\\", "无", "空", "—/—", "暂无", "未发生", "不涉及":
		return true
	}
	return false
}
