package phrase

import (
	"math/big"

	"github.com/shopspring/decimal"

	"github.com/jixiao/jixiao/internal/decimals"
)

// maxDigits bounds a written number. Nothing on a form has more than about
// 15 significant digits; longer runs are serial numbers or garbage.
const maxDigits = 40

// numLit is a number as written, before any magnitude (万) or unit.
type numLit struct {
	e     int // index after the number
	value decimal.Decimal
	nd    int  // digits in all
	bare  bool // an integer with neither thousands separator nor point: may be a year, a month, a marker
	small int  // the value of a bare integer below 1e9, else -1
}

// readDigits reads ASCII digits from i, with thousands separators (10,926.2,
// 10，926.2, 10 926.2: one kind per number) and one decimal point. ok is false for runs longer than maxDigits.
func (in *input) readDigits(i int) (lit numLit, ok bool) {
	var buf [maxDigits]byte
	nd, frac := 0, 0
	dot, grouped := false, false
	sep := rune(0) // the thousands separator, one kind per number
	j := i
scan:
	for j < len(in.rs) {
		r := in.rs[j]
		switch {
		case isDigit(r):
			if nd == maxDigits {
				for j < len(in.rs) && (isDigit(in.rs[j]) || in.rs[j] == '.' || in.rs[j] == ',' || in.rs[j] == '，') {
					j++
				}
				return numLit{e: j}, false
			}
			buf[nd] = byte(r)
			nd++
			if dot {
				frac++
			}
			j++
		case (r == ',' || r == '，' || r == ' ') && !dot && in.thousandsAt(j, nd, grouped) && (sep == 0 || r == sep) &&
			(r != ' ' || !in.numbering(i)):
			// 1,200 and 1，200 as a clerk types them, 1 200 as Word and
			// Excel group digits (a space, a no-break or a thin space)
			grouped, sep = true, r
			j++
		case r == '.' && !dot && isDigit(in.at(j+1)):
			dot = true
			j++
		default:
			break scan
		}
	}
	lit = numLit{e: j, nd: nd, bare: !dot && !grouped, small: -1}
	lit.value = digitsValue(buf[:nd], frac)
	if lit.bare && nd <= 9 {
		lit.small = int(lit.value.IntPart())
	}
	return lit, true
}

// thousandsAt reports whether the separator at j separates thousands: three digits
// follow and then no digit, and the digits before it form a valid group. A
// ',' anywhere else separates the parts of a list (70,95,35).
func (in *input) thousandsAt(j, digitsBefore int, grouped bool) bool {
	if !grouped && digitsBefore > 3 {
		return false
	}
	return isDigit(in.at(j+1)) && isDigit(in.at(j+2)) && isDigit(in.at(j+3)) && !isDigit(in.at(j+4))
}

// numbering reports whether the number at i follows a word that numbers
// (指标1 100人, 第3 500): its space ends it.
func (in *input) numbering(i int) bool {
	_, _, ok := ordinalWords.matchBefore(in, in.skipSpaceBack(i))
	return ok
}

// digitsValue turns ASCII digits with frac of them after the point into a
// decimal, without going through a string when the digits fit an int64.
func digitsValue(ds []byte, frac int) decimal.Decimal {
	if len(ds) <= 18 {
		var m int64
		for _, d := range ds {
			m = m*10 + int64(d-'0')
		}
		return decimals.New(m, int32(-frac))
	}
	b, _ := new(big.Int).SetString(string(ds), 10)
	return decimal.NewFromBigInt(b, int32(-frac))
}

// magPow returns the power of ten of a magnitude character, 0 for others.
func magPow(r rune) int32 {
	switch r {
	case '十', '拾':
		return 1
	case '百', '佰':
		return 2
	case '千', '仟':
		return 3
	case '万', '萬':
		return 4
	case '亿', '億':
		return 8
	}
	return 0
}

// cnDigit returns the value of a Chinese digit (〇零一二两三…, 壹贰叁…).
func cnDigit(r rune) (int64, bool) {
	switch r {
	case '〇', '零':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '两', '贰', '貳', '兩':
		return 2, true
	case '三', '叁', '參':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆', '陸':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// cnStartRunes are the characters a Chinese numeral may start with: a digit
// or 十 (十二). A run starting with 百 千 万 亿 is a word (千家万户, 百姓), not a
// number.
const cnStartRunes = "〇零一二两貳兩贰三叁參四肆五伍六陆陸七柒八捌九玖壹十拾"

func cnStart(r rune) bool {
	_, ok := cnDigit(r)
	return ok || r == '十' || r == '拾'
}

// magnitudes reads the magnitude characters after a written number (1.8亿,
// 5千万, 200余万) and returns the index after them and their power of ten.
// 十 is not one: nobody writes 5十. A unit that starts with a magnitude
// character (千米, 万元, 百分比) is left to the unit reader; withUnits=false
// (ParseNumber) knows no units.
func (in *input) magnitudes(j int, withUnits bool) (int, int32) {
	var pow int32
	for k := 0; k < 4; k++ {
		p := magPow(in.at(j))
		if p <= 1 {
			break
		}
		if withUnits {
			if _, _, ok := units.matchAt(in, j); ok {
				break
			}
		}
		pow += p
		j++
	}
	return j, pow
}

// cnInfo says how a Chinese numeral was written, for deciding whether a run
// of numeral characters inside a sentence is a number at all.
type cnInfo struct {
	positional bool // 二〇二〇: digits without 十百千, read digit by digit
	big        bool // holds 万 or 亿, or 百/千 after a digit (两千): clearly a number
	small      int  // the value when it is an integer below 10000, else -1: months, quarters, years
}

// readCN reads a Chinese numeral from i: 十二, 二十, 两千, 三千零五,
// 一万二千三百四十五, 一万二 (= 12000), 一点八亿, 二〇二〇. It stops before a
// unit that starts with a magnitude character (五万元 reads 五, then 万元).
// n is the number of runes read.
func (in *input) readCN(i int) (v decimal.Decimal, n int, info cnInfo, ok bool) {
	j, point := i, -1
	scaled := false // a magnitude after 点: only more magnitudes may follow (一点八亿)
	var top int32   // the largest magnitude read so far
	for j < len(in.rs) && j-i < 24 {
		r := in.rs[j]
		if _, d := cnDigit(r); d {
			if scaled {
				break
			}
			j++
			continue
		}
		if r == '点' && point < 0 && j > i {
			if _, d := cnDigit(in.at(j + 1)); d {
				point = j
				j++
				continue
			}
		}
		p := magPow(r)
		if p == 0 || point >= 0 && p < 2 {
			break
		}
		// A magnitude below one already read belongs to the numeral (两万五千元
		// is 25000 元, 一亿五千万元 150000000 元); otherwise one that starts a
		// unit is the unit's (五万元, 一千二百万元 is 1200 万元).
		if _, _, u := units.matchAt(in, j); u && (p >= top || point >= 0) {
			break
		}
		scaled = point >= 0
		top = max(top, p)
		j++
	}
	if point < 0 {
		v, n, info, ok = cnInteger(in.rs[i:j])
		if ok && !info.big && v.IntPart() < 10000 {
			info.small = int(v.IntPart())
		}
		return v, n, info, ok
	}
	return cnDecimal(in.rs[i:point], in.rs[point+1:j])
}

// cnInteger evaluates a Chinese integer by sections: 十百千 build a section,
// 万 and 亿 scale what came before. It returns the runes read, all of them.
func cnInteger(rs []rune) (decimal.Decimal, int, cnInfo, bool) {
	info := cnInfo{small: -1}
	e := len(rs)
	if len(rs) == 0 {
		return decimal.Decimal{}, 0, info, false
	}
	marked := false
	for _, r := range rs {
		if magPow(r) > 0 {
			marked = true
			break
		}
	}
	if !marked {
		// 二〇二〇, 一二: digit by digit.
		var n int64
		for _, r := range rs {
			d, _ := cnDigit(r)
			n = n*10 + d
		}
		info.positional = len(rs) > 1
		return decimals.New(n, 0), e, info, true
	}
	const limit = int64(1) << 60
	var total, section, cur int64
	var lastMag int32
	afterMag := false // the previous character was a magnitude (for 一万二 = 12000)
	seenDigit := false
	for _, r := range rs {
		if d, ok := cnDigit(r); ok {
			cur = d
			afterMag = false
			seenDigit = true
			continue
		}
		p := magPow(r)
		if p >= 2 && seenDigit {
			info.big = true
		}
		switch {
		case p < 4:
			if cur == 0 {
				cur = 1 // 十二: an unwritten one
			}
			section += cur * pow10(p)
		case p == 4:
			section += cur
			if section == 0 {
				section = 1
			}
			total += section * 10000
			section = 0
		default: // 亿
			total = total + section + cur
			if total == 0 {
				total = 1
			}
			total *= 100000000
			section = 0
		}
		if total > limit || section > limit {
			return decimal.Decimal{}, e, info, false
		}
		cur, lastMag, afterMag = 0, p, true
	}
	if cur > 0 && !afterMag && lastMag >= 2 && isAbbreviated(rs) {
		cur *= pow10(lastMag - 1) // 一万二 means 一万二千, 三千五 means 三千五百
	}
	return decimals.New(total+section+cur, 0), e, info, true
}

// isAbbreviated reports whether a numeral ends in a magnitude followed by one
// digit (一万二, 三千五), the spoken shorthand for the next lower place. 三千零五
// is not: the 零 says the digit is a unit.
func isAbbreviated(rs []rune) bool {
	n := len(rs)
	return n >= 3 && magPow(rs[n-2]) >= 2 && rs[n-1] != '零' && rs[n-1] != '〇'
}

// cnDecimal evaluates 一点八亿: an integer part, digits after 点, then
// magnitudes that scale the whole.
func cnDecimal(ip, fp []rune) (decimal.Decimal, int, cnInfo, bool) {
	iv, _, info, ok := cnInteger(ip)
	if !ok {
		return decimal.Decimal{}, 0, info, false
	}
	info.positional, info.small = false, -1
	m := iv.IntPart()
	k, pow := 0, int32(0)
	for _, r := range fp {
		if d, isD := cnDigit(r); isD && pow == 0 {
			if k >= 12 {
				return decimal.Decimal{}, 0, info, false
			}
			m = m*10 + d
			k++
			continue
		}
		pow += magPow(r)
		info.big = true
	}
	return decimals.New(m, int32(-k)+pow), len(ip) + 1 + len(fp), info, true
}

func pow10(p int32) int64 {
	n := int64(1)
	for ; p > 0; p-- {
		n *= 10
	}
	return n
}

// ParseNumber reads a text that is only a number, with its magnitude:
// "一万二千三百四十五", "1.8亿", "两千", "10,926.20", "１２", "5千万". Anything
// else — a unit, a percent sign, a sign, a word — makes ok false.
func ParseNumber(s string) (decimal.Decimal, bool) {
	var in input
	in.decode(s)
	if len(in.off) > 0 && in.off[len(in.off)-1] < len(s) {
		return decimal.Decimal{}, false // longer than anything we read
	}
	a, b := in.trim(0, len(in.rs))
	if a == b {
		return decimal.Decimal{}, false
	}
	r := in.rs[a]
	switch {
	case isDigit(r):
		lit, ok := in.readDigits(a)
		if !ok {
			return decimal.Decimal{}, false
		}
		e, pow := in.magnitudes(lit.e, false)
		if e != b {
			return decimal.Decimal{}, false
		}
		return lit.value.Shift(pow), true
	case cnStart(r):
		v, n, _, ok := in.readCN(a)
		if !ok || a+n != b {
			return decimal.Decimal{}, false
		}
		return v, true
	}
	return decimal.Decimal{}, false
}
