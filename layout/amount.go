package layout

import (
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

// ParseAmount reads a funds cell: "10926.2", "1,300.00", "１３００", "926.2万元".
// An empty cell, a dash or text is not Valid. Funds cells hold plain numbers,
// so this does not need the phrase language.
func ParseAmount(text string) jixiao.Amount {
	a := jixiao.Amount{Text: text}
	t := Key(text) // half-width digits, no spaces
	for _, suf := range []string{"万元", "元"} {
		t = strings.TrimSuffix(t, suf)
	}
	t = strings.ReplaceAll(t, ",", "")
	t = strings.ReplaceAll(t, "，", "")
	if t == "" || len(t) > 40 || strings.ContainsAny(t, "eE") {
		return a
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return a
	}
	a.Value, a.Valid = v, true
	return a
}
