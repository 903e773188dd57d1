package phrase

import (
	"sync"

	"github.com/shopspring/decimal"
)

// The scanner walks the runes of a phrase once, left to right. At each rune
// it decides what starts there — a written number, a Chinese numeral, 百分之,
// an ordinal, a title or quote to skip, a separator, a deadline word — and
// records quantities, date tokens, deadline words and the separators between
// parts. Parse then groups these by part (phrase.go) and reads deadlines
// out of the date tokens (deadline.go).

// qty is a Quantity being built, with what the scanner needs to know about it.
type qty struct {
	Quantity
	s, e      int // runes of Text
	pre, post int // runes: where the words before (不少于) and after (以上) it start and end
	cmp       Comparator
	raw       decimal.Decimal // the number as written, before magnitudes and unit
	magPow    int32           // the magnitudes written after the number (万 → 4)
	unitPow   int32           // the unit's conversion (万元 → 4)
	known     bool            // the unit is a listed one
	link      bool            // joined to the next quantity as a range (80%-90%)
	written   bool            // cmp comes from a word before the number (≥, 不少于)
}

// plain reports whether the quantity is a bare number: no unit, magnitude or
// bound. Only plain integers can be labels (指标1, 1.) or take the unit of
// the other end of a range (80～90%).
func (q *qty) plain() bool { return q.UnitText == "" && q.magPow == 0 && q.Bound == Exact }

type dateKind uint8

// Date token kinds, in the order they are written (年 月 日; 年 季度).
const (
	dateYear dateKind = iota + 1
	dateMonth
	dateDay
	dateQuarter
)

// dateTok is one element of a written date: 2020年, 12月底前, 30日, 第三季度.
type dateTok struct {
	kind   dateKind
	val    int
	s, e   int  // runes, e after its modifiers (底, 前…)
	end    bool // 底 末 终: the end of the period
	day    int  // a part of a month: 上旬/初 10, 中 15, 中旬 20
	before bool // 前 之前 以前 止: a limit
	within bool // 内: within the period, a limit
}

type wordTok struct {
	dlWord
	s, e int
}

type scanner struct {
	in    input
	qs    []qty
	dates []dateTok
	words []wordTok
	negs  []negTok // negation words (negation.go)
	seps  []int    // runes that separate parts (outside brackets)
	// quiet: separators up to here are inside brackets, e.g. the 、 of
	// "100件（其中发明50件、实用新型50件）", and do not split parts.
	quiet int
	// ta, tb: the phrase without surrounding spaces; a quote around all of it
	// is not skipped.
	ta, tb int
	// close caches the next closer of each kind (see findClose).
	close, noneAfter [len(closers)]int
	// pending is the quantity waiting for the other end of a range, which
	// must start at pendingAt; -1 when none.
	pending, pendingAt int
}

var scanners = sync.Pool{New: func() any { return new(scanner) }}

func (s *scanner) reset(text string) {
	s.in.decode(text)
	s.qs, s.dates, s.words, s.seps, s.negs = s.qs[:0], s.dates[:0], s.words[:0], s.seps[:0], s.negs[:0]
	s.quiet, s.pending = -1, -1
	for k := range s.close {
		s.close[k], s.noneAfter[k] = -1, -1
	}
	s.ta, s.tb = s.in.trim(0, len(s.in.rs))
}

func (s *scanner) run() {
	for i := 0; i < len(s.in.rs); {
		i = s.step(i)
	}
}

// step reads what starts at i and returns where to go on.
func (s *scanner) step(i int) int {
	in := &s.in
	r := in.rs[i]
	if !starters.has(r) {
		return i + 1 // most characters start nothing
	}
	switch {
	case isDigit(r):
		return s.digitsAt(i)
	case (r == '百' || r == '千') && in.at(i+1) == '分' && in.at(i+2) == '之':
		return s.fractionAt(i)
	case r == '第':
		return s.ordinalAt(i)
	case cnStart(r):
		return s.cnAt(i)
	case r == 'Q' || r == 'q':
		return s.quarterAt(i)
	case isLetter(r):
		return s.skipLabel(i)
	case isSeparator(r):
		if i > s.quiet {
			s.seps = append(s.seps, i)
		}
		return i + 1
	}
	if k := closerIndex(r); k >= 0 {
		return s.enclosedAt(i, k)
	}
	if w, e, ok := deadlineWords.matchAt(in, i); ok {
		s.words = append(s.words, wordTok{w, i, e})
		return e
	}
	if e, ok := s.exceedAt(i); ok {
		return e
	}
	if e, ok := s.negationAt(i); ok {
		return e
	}
	return i + 1
}

// closers pairs each opening mark with its closing one. Titles, quotes and
// the 〔〕 of document numbers (京财〔2020〕10号) are skipped whole: numbers in
// 《…（2020—2023年）》 or “1+1+N” are names, not values. Brackets are
// scanned, but separators inside them do not split the phrase into parts.
var closers = [...]struct {
	open, close rune
	skip        bool
}{
	{'《', '》', true}, {'〈', '〉', true}, {'“', '”', true}, {'‘', '’', true},
	{'「', '」', true}, {'『', '』', true}, {'"', '"', true}, {'〔', '〕', true},
	{'(', ')', false}, {'[', ']', false}, {'【', '】', false},
}

// starters are the characters at which step may find something: it skips
// any other character at once.
var starters = func() *bitset {
	b := new(bitset)
	for _, set := range []string{"0123456789", cnStartRunes, "百千第Qq", "、，,;。!?\n"} {
		for _, r := range set {
			b.set(r)
		}
	}
	for r := 'A'; r <= 'Z'; r++ {
		b.set(r)
		b.set(r + 'a' - 'A')
	}
	for _, c := range closers {
		b.set(c.open)
	}
	for k := range b {
		b[k] |= deadlineWords.first[k] | negWords.first[k]
	}
	b.set('超')
	return b
}()

func closerIndex(r rune) int {
	for k, c := range closers {
		if c.open == r {
			return k
		}
	}
	return -1
}

func (s *scanner) enclosedAt(i, k int) int {
	c := s.findClose(i, k)
	if c < 0 {
		return i + 1
	}
	if !closers[k].skip {
		s.quiet = max(s.quiet, c)
		return i + 1
	}
	if i == s.ta && c == s.tb-1 {
		return i + 1 // the whole phrase is quoted: read what is inside
	}
	return c + 1
}

// findClose returns the first closer of kind k after i, or -1. It remembers
// what it found so that a phrase full of openers costs linear time: the
// first closer after an earlier opener is also the first after any opener
// before it.
func (s *scanner) findClose(i, k int) int {
	if c := s.close[k]; c > i {
		return c
	}
	if n := s.noneAfter[k]; n >= 0 && i >= n {
		return -1
	}
	want := closers[k].close
	for j := i + 1; j < len(s.in.rs); j++ {
		if s.in.rs[j] == want {
			s.close[k] = j
			return j
		}
	}
	s.noneAfter[k] = i
	return -1
}

// skipLabel skips a run of letters and digits — a code such as G4, ISO9001,
// 5G, No.3 or 1+1+N — that holds no quantity.
func (s *scanner) skipLabel(i int) int {
	in := &s.in
	j := i
	for j < len(in.rs) {
		r := in.rs[j]
		if isAlnum(r) || (r == '.' || r == ':' || r == '-' || r == '/' || r == '_' || r == '+') && isAlnum(in.at(j+1)) {
			j++
			continue
		}
		break
	}
	return max(j, i+1)
}

// digitsAt reads what starts with an ASCII digit: a date, a label or a quantity.
func (s *scanner) digitsAt(i int) int {
	in := &s.in
	prev := in.at(i - 1)
	if isLetter(prev) || prev == '_' || prev == '.' && isDigit(in.at(i-2)) {
		return s.skipLabel(i)
	}
	if e, ok := s.isoDateAt(i); ok {
		return e
	}
	lit, ok := in.readDigits(i)
	if !ok {
		return lit.e
	}
	e := lit.e
	if in.at(e) == ' ' && isDigit(in.at(e+1)) && !in.numbering(i) {
		// 12 0人, 1 2 0人: digits broken by stray spaces (OCR, a pasted
		// column); 1 200 was read whole above. No reading is safe.
		for e < len(in.rs) && (isDigit(in.rs[e]) || in.rs[e] == '.' || in.rs[e] == ' ' && isDigit(in.at(e+1))) {
			e++
		}
		return e
	}
	if !lit.bare && (in.at(e) == '前' || in.hasAt(e, wordBefore) || in.hasAt(e, wordEarlie)) {
		if end, ok := s.monthDayAt(i, e); ok {
			return end // 12.31前: a month and a day, a limit
		}
	}
	if in.at(e) == '/' && lit.bare && prev != '/' {
		if end, ok := s.slashFractionAt(i, e, lit.small); ok {
			return end // 2/3
		}
	}
	switch {
	case in.at(e) == '+' && isAlnum(in.at(e+1)), prev == '+' && isAlnum(in.at(i-2)):
		return s.skipLabel(i) // 1+1+N
	case in.at(e) == '.' && isDigit(in.at(e+1)):
		return s.skipLabel(i) // 1.2.3
	case isLetter(in.at(e)) && !s.latinUnitAt(e):
		return s.skipLabel(i) // 5G
	}
	if lit.bare {
		if end, ok := s.dateAt(i, e, lit.small, lit.nd); ok {
			return end
		}
		if end, ok := s.phoneAt(i, e, lit.nd); ok {
			return end
		}
	}
	q := s.compose(i, e, lit.value, true)
	if lit.bare && q.plain() {
		if end, ok := s.labelAt(i, e, lit.small); ok {
			return end
		}
	}
	s.add(q)
	return q.post
}

func (s *scanner) latinUnitAt(e int) bool {
	_, _, ok := unitAt(&s.in, e)
	return ok
}

// labelAt recognises a bare integer that only numbers or names something:
// 指标1, 附件2, "1." "2、" "（1）" at the start of a part, 1:1, 10号.
func (s *scanner) labelAt(i, e, v int) (int, bool) {
	in := &s.in
	if _, _, ok := ordinalWords.matchBefore(in, in.skipSpaceBack(i)); ok {
		return e, true
	}
	next := in.at(e)
	switch {
	case next == ':':
		if isDigit(in.at(e + 1)) {
			return s.skipLabel(e + 1), true // a ratio or a time: 1:1, 8:30
		}
		return e, true // 指标1：
	case next == '号':
		return e + 1, true // 10号文件, 3号楼: a number that names
	case in.at(i-1) == '(' && next == ')':
		return e + 1, true
	case v >= 0 && v < 100 && (next == '.' || next == '、' || next == ')') && !isDigit(in.at(e+1)) && in.atSegmentStart(i):
		return e + 1, true
	}
	return 0, false
}

// phoneAt recognises a phone number: 11 digits starting with 1, a long
// number after 电话/手机…, or an area code and number (010-51069565).
func (s *scanner) phoneAt(i, e, nd int) (int, bool) {
	in := &s.in
	if nd >= 3 && nd <= 4 && in.rs[i] == '0' && in.at(e) == '-' {
		j := e + 1
		for isDigit(in.at(j)) {
			j++
		}
		if n := j - e - 1; n >= 7 && n <= 8 {
			return j, true
		}
	}
	if nd == 11 && in.rs[i] == '1' && !isHan(in.at(e)) && in.at(e) != '%' {
		return e, true
	}
	if nd >= 7 && nd <= 12 {
		for j := i; j > 0 && j > i-10; j-- {
			if _, _, ok := phoneWords.matchBefore(in, j); ok {
				return e, true
			}
		}
	}
	return 0, false
}

// compose reads what follows a number — magnitudes, 余/多, a unit, a rate,
// then the words around it — and returns the quantity. Magnitudes are read
// here only after digits: a Chinese numeral has read its own.
func (s *scanner) compose(i, e int, raw decimal.Decimal, fromDigits bool) qty {
	in := &s.in
	q := qty{s: i, raw: raw}
	if fromDigits {
		e, q.magPow = in.magnitudes(e, true)
		e = in.lowerPlaces(e, &q)
	}
	if r := in.at(e); r == '余' || r == '多' {
		q.Bound = More // 200余件, 3000多万元
		e++
		var p int32
		e, p = in.magnitudes(e, true)
		q.magPow += p
	}
	ue := e
	if j := in.skipSpace(e); j > e {
		if _, _, ok := unitAt(in, j); ok {
			e = j // 90 %, 7000 件: a space typed before the unit
		}
	}
	if d, end, ok := unitAt(in, e); ok {
		q.Unit, q.unitPow, q.known, ue = d.canon, d.pow, true, end
		if in.at(end) == '(' && in.at(end+2) == ')' {
			if c := bracketedUnit(d.canon, in.at(end+1)); c != "" {
				q.Unit, ue = c, end+3 // 120人（次）is 120人次, 856台（套）856台套
			}
		}
	} else if fromDigits && unknownUnit(in.at(e)) {
		q.Unit, ue = in.text(e, e+1), e+1
	}
	if ue > e && in.at(ue) == '/' { // a rate: 1600元/亩, 0.5万元/人
		if d, end, ok := unitAt(in, ue+1); ok {
			q.Unit, ue = q.Unit+"/"+d.canon, end
		} else if unknownUnit(in.at(ue + 1)) {
			q.Unit, ue = q.Unit+"/"+in.text(ue+1, ue+2), ue+2
		}
	}
	q.UnitText = in.text(e, ue)
	q.Value = q.raw.Shift(q.magPow + q.unitPow)
	s.finish(&q, ue)
	return q
}

// bracketedUnit is the unit written as u（r）, 人（次） or 台（套）, when u and r
// make a listed unit, else "".
func bracketedUnit(u string, r rune) string {
	switch {
	case r == '次' && (u == "人" || u == "户" || u == "件" || u == "家" || u == "场" || u == "项" || u == "批" || u == "亩"):
		return u + "次"
	case r == '套' && u == "台":
		return "台套"
	}
	return ""
}

// lowerPlaces reads the lower places of a number written with digits and
// magnitudes, 2万5千元 or 3亿5千万元: digits after a magnitude and a smaller
// magnitude after them belong to the same number, and only what follows is
// the unit (2万5千元 is 25000 元, not 2万 and 5千元). It returns where the
// number ends.
func (in *input) lowerPlaces(e int, q *qty) int {
	if q.magPow < 4 || !isDigit(in.at(e)) || !q.raw.IsInteger() {
		return e
	}
	lit, ok := in.readDigits(e)
	if !ok || !lit.bare || lit.nd > 4 {
		return e
	}
	j, pow := lit.e, int32(0)
	for k := 0; k < 3; k++ {
		p := magPow(in.at(j))
		if p < 2 || pow+p >= q.magPow {
			break
		}
		pow += p
		j++
	}
	if pow < 2 || lit.value.GreaterThanOrEqual(decimal.New(1, q.magPow-pow)) {
		return e
	}
	q.raw = q.raw.Shift(q.magPow - pow).Add(lit.value)
	q.magPow = pow
	return j
}

// finish sets the text and offsets of a quantity ending at e and reads the
// words after it (以上, 左右, +) and before it (不少于, 共, 约).
func (s *scanner) finish(q *qty, e int) {
	in := &s.in
	q.e, q.post = e, e
	q.Text, q.Start, q.End = in.text(q.s, e), in.off[q.s], in.off[e]
	if in.at(e) == '+' && !isAlnum(in.at(e+1)) {
		if q.Bound == Exact {
			q.Bound = More // 10+
		}
		q.post = e + 1
	} else if w, end, ok := suffixWords.matchAt(in, skipIncluded(in, e)); ok {
		if q.Bound == Exact {
			q.Bound = w.bound
		}
		q.cmp, q.post = w.cmp, end
	} else if in.at(e) == '内' && timeUnit(q.Unit) && !innerWord(in.at(e+1)) {
		if q.Bound == Exact {
			q.Bound = Under // 24小时内, 5个工作日内, 3个月内: within
		}
		q.cmp, q.post = LE, e+1
	}
	j, cmp := q.s, None
	for k := 0; k < 4; k++ {
		for j > 0 && (in.rs[j-1] == ' ' || in.rs[j-1] == ':') {
			j--
		}
		w, start, ok := prefixWords.matchBefore(in, j)
		if !ok {
			break
		}
		if cmp == None {
			cmp = w.cmp // the comparator nearest the number decides
		}
		if w.bound != Exact && q.Bound == Exact {
			q.Bound = w.bound
		}
		q.Total = q.Total || w.total
		j = start
	}
	if cmp != None {
		q.cmp = cmp // a written comparator wins over one implied by 以上/以内
		q.written = true
	}
	q.pre = j
	if excludedAt(in, e) || q.post > e && excludedAt(in, q.post) {
		switch q.cmp { // ≤5%（不含）, 95%以上（不含）: the limit itself is out
		case LE:
			q.cmp = LT
		case GE:
			q.cmp = GT
		}
	}
}

// excludedAt reports whether （不含 opens at e, spaces aside.
func excludedAt(in *input, e int) bool {
	j := in.skipSpace(e)
	return in.at(j) == '(' && in.at(j+1) == '不' && in.at(j+2) == '含'
}

// skipIncluded returns the index after the spaces and the "（含）" that may
// stand between a quantity and 以上/以下: 95%（含）以上.
func skipIncluded(in *input, e int) int {
	j := in.skipSpace(e)
	if in.at(j) == '(' && in.at(j+1) == '含' && in.at(j+2) == ')' {
		j = in.skipSpace(j + 3)
	}
	return j
}

// add records a quantity and joins it to the one before when they make a
// range (80%-90%, 80～90%, 5-10万元).
func (s *scanner) add(q qty) {
	if s.pending >= 0 && q.s == s.pendingAt {
		joinRange(&s.qs[s.pending], &q)
	}
	s.pending = -1
	s.qs = append(s.qs, q)
	if j, ok := s.connectorAfter(q.e); ok {
		s.pending, s.pendingAt = len(s.qs)-1, j
	}
}

// joinRange links the two ends of a range. A bare left end takes the unit
// and magnitude of the right end: 80～90% is 80% to 90%, 5-10万元 is
// 5万元 to 10万元. Ends whose units cannot compare are not a range.
func joinRange(l, r *qty) {
	switch {
	case l.plain():
		l.magPow, l.unitPow, l.Unit = r.magPow, r.unitPow, r.Unit
	case l.UnitText == "" && r.UnitText != "":
		l.unitPow, l.Unit = r.unitPow, r.Unit
	}
	l.Value = l.raw.Shift(l.magPow + l.unitPow)
	l.link = Compatible(l.Unit, r.Unit)
}

// connectorAfter reports whether a range connector follows e and a number
// starts after it, and where.
func (s *scanner) connectorAfter(e int) (int, bool) {
	in := &s.in
	j, ok := in.connector(e)
	if !ok {
		return 0, false
	}
	r := in.at(j)
	return j, isDigit(r) || cnStart(r) || (r == '百' || r == '千') && in.at(j+1) == '分' && in.at(j+2) == '之'
}

// connector reads a range connector after e (-, ——, ~, ～, 至, 到, with
// spaces around) and returns where the other end starts.
func (in *input) connector(e int) (int, bool) {
	j := in.skipSpace(e)
	switch in.at(j) {
	case '-':
		for in.at(j) == '-' {
			j++
		}
	case '~', '至', '到':
		j++
	default:
		return 0, false
	}
	return in.skipSpace(j), true
}

// fractionAt reads 百分之九十, 百分之90 and 千分之五.
func (s *scanner) fractionAt(i int) int {
	in := &s.in
	j := i + 3
	var v decimal.Decimal
	var e int
	switch r := in.at(j); {
	case isDigit(r):
		lit, ok := in.readDigits(j)
		if !ok {
			return lit.e
		}
		v, e = lit.value, lit.e
	case cnStart(r):
		val, n, _, ok := in.readCN(j)
		if !ok {
			return j + n
		}
		v, e = val, j+n
	default:
		return j
	}
	q := qty{s: i, raw: v, known: true, Quantity: Quantity{Value: v, Unit: unitPercent, UnitText: in.text(i, j)}}
	if in.rs[i] == '千' {
		q.Unit = "‰"
	}
	s.finish(&q, e)
	s.add(q)
	return q.post
}

// cnAt reads a Chinese numeral. In running text numerals are also parts of
// words (统一, 一些, 十分, 一是, 万一), so the run is a quantity only when it
// carries a listed unit, a large magnitude (两千, 三万), a comparator, or
// stands alone in its part (十二).
func (s *scanner) cnAt(i int) int {
	in := &s.in
	v, n, info, ok := in.readCN(i)
	e := i + n
	if !ok || n == 0 {
		return max(e, i+1)
	}
	if in.at(i-1) == '周' || in.hasAt(i-2, wordWeek) || in.hasAt(i-2, wordWeekday) {
		return e // 周一, 星期三
	}
	if in.at(e) == '分' && in.at(e+1) == '之' && info.small > 0 && !info.positional {
		return s.cnFractionAt(i, e, info.small) // 三分之二
	}
	if small, next := info.small, in.at(e); small >= 0 {
		switch {
		case next == '季' && small >= 1 && small <= 4:
			return s.addDate(dateQuarter, small, i, e+1)
		case next == '月' && small >= 1 && small <= 12 && !info.positional:
			return s.addDate(dateMonth, small, i, e+1)
		case next == '年' && info.positional && n == 4 && plausibleYear(small):
			return s.addDate(dateYear, small, i, e+1)
		case (next == '日' || next == '号') && small >= 1 && small <= 31 && s.afterMonth(i):
			return s.addDate(dateDay, small, i, e+1)
		case next == '是':
			return e // 一是、二是
		case (next == '、' || next == '.' || next == ')') && in.atSegmentStart(i):
			return e + 1 // 一、
		case next == '成' && small >= 1 && small <= 9 && !info.positional && tenthsEnd(in.at(e+1)):
			return s.tenths(i, e, small) // 三成以上, 两成: tenths, a rate
		}
	}
	if info.positional {
		return e // 唯一一家, 三五天: digits side by side are a word or a guess, not a number
	}
	q := s.compose(i, e, v, false)
	if !s.cnQualifies(&q, info) {
		if n == 1 && in.rs[i] == '零' && isHan(in.at(e)) {
			s.negs = append(s.negs, negTok{negAbsence, i, e}) // 零投诉, 零事故
		}
		return e
	}
	s.add(q)
	return q.post
}

// cnFractionAt reads 三分之二 (den 分之 num) from i, the denominator ending at
// e, as a percentage: 66.67%. A numerator that is no numeral leaves the
// denominator a word (十分之重要 is not read at all).
func (s *scanner) cnFractionAt(i, e, den int) int {
	in := &s.in
	if !cnStart(in.at(e + 2)) {
		return e + 2
	}
	num, n, info, ok := in.readCN(e + 2)
	if !ok || n == 0 || info.positional || info.small < 0 || info.small > den {
		return e + 2 + max(n, 0)
	}
	s.addFraction(i, e, e+2+n, num, den)
	return s.qs[len(s.qs)-1].post
}

// monthDayAt reads a month, a point and a day written before 前 (12.31前,
// 6.30之前) as a date: M.D with M 1–12 and D 1–31, e after the day.
func (s *scanner) monthDayAt(i, e int) (int, bool) {
	in := &s.in
	m, j := in.smallInt(i)
	if m < 1 || m > 12 || in.at(j) != '.' {
		return 0, false
	}
	d, k := in.smallInt(j + 1)
	if d < 1 || d > 31 || k != e {
		return 0, false
	}
	s.dates = append(s.dates, dateTok{kind: dateMonth, val: m, s: i, e: j + 1})
	return s.addDate(dateDay, d, j+1, k), true
}

// slashFractionAt reads a/b written with digits (1/3, 2/3以上) as a
// percentage when both are small integers, a < b ≤ 10, and nothing numeric
// or a unit follows: 12/10万, 10/12个 and 2022/12 are other things.
func (s *scanner) slashFractionAt(i, e, num int) (int, bool) {
	in := &s.in
	den, k := in.smallInt(e + 1)
	if num < 1 || den > 10 || num >= den || isDigit(in.at(k)) || in.at(k) == '.' || in.at(k) == '/' || isLetter(in.at(k)) || magPow(in.at(k)) > 0 {
		return 0, false
	}
	if _, _, ok := unitAt(in, k); ok || unknownUnit(in.at(k)) && !stopRunes[in.at(k)] {
		return 0, false
	}
	s.addFraction(i, e, k, decimal.NewFromInt(int64(num)), den)
	return s.qs[len(s.qs)-1].post, true
}

// addFraction adds the fraction num/den written on runes [i, end) as a
// percentage rounded to two places (2/3 → 66.67%).
func (s *scanner) addFraction(i, e, end int, num decimal.Decimal, den int) {
	v := num.Mul(hundred).DivRound(decimal.NewFromInt(int64(den)), 2)
	q := qty{s: i, raw: v, known: true, Quantity: Quantity{Value: v, Unit: unitPercent, UnitText: s.in.text(e, end)}}
	s.finish(&q, end)
	s.add(q)
}

var hundred = decimal.NewFromInt(100)

// tenths adds N成 (a single Chinese digit and 成) as N×10%.
func (s *scanner) tenths(i, e, n int) int {
	q := qty{s: i, raw: decimal.NewFromInt(int64(n * 10))}
	q.Unit, q.known, q.UnitText = unitPercent, true, s.in.text(e, e+1)
	q.Value = q.raw
	s.finish(&q, e+1)
	s.add(q)
	return q.post
}

// tenthsEnd reports whether r may follow the 成 of N成 as tenths: the end of
// the part or a word of bound (以上, 左右, 多, 余); 三成员, 一成不变 and 八成新
// are words.
func tenthsEnd(r rune) bool {
	switch r {
	case 0, ' ', '以', '左', '多', '余', '及', '(', ')', '[', ']':
		return true
	}
	return isSeparator(r)
}

func (s *scanner) cnQualifies(q *qty, info cnInfo) bool {
	in := &s.in
	if q.known {
		denied := cnDeniedUnits[q.UnitText] && !(cnCountUnits[q.UnitText] && info.small >= 2)
		return !denied && !wordAfterUnit(in.at(q.e))
	}
	// 不少于十二 and a lone 十二 are numbers; 高于一般水平 and 认定为一般 are not.
	return info.big || (q.cmp != None || in.atSegmentStart(q.pre)) && in.atSegmentEnd(q.post)
}

var (
	wordWeek    = []rune("星期")
	wordWeekday = []rune("礼拜")
)

// ordinalAt reads 第…: 第三季度 is a quarter, any other 第N an ordinal.
func (s *scanner) ordinalAt(i int) int {
	in := &s.in
	j := i + 1
	v, e := -1, j
	switch r := in.at(j); {
	case isDigit(r):
		lit, ok := in.readDigits(j)
		v, e = lit.small, lit.e
		if !ok {
			return e
		}
	case cnStart(r):
		_, n, info, ok := in.readCN(j)
		if e = j + n; ok {
			v = info.small
		}
	default:
		return j
	}
	if in.at(e) == '季' && v >= 1 && v <= 4 {
		return s.addDate(dateQuarter, v, i, e+1)
	}
	return e
}

// quarterAt reads Q3; any other word starting with Q is a label.
func (s *scanner) quarterAt(i int) int {
	in := &s.in
	if d := in.at(i + 1); d >= '1' && d <= '4' && !isAlnum(in.at(i+2)) && !isLetter(in.at(i-1)) {
		return s.addDate(dateQuarter, int(d-'0'), i, i+2)
	}
	return s.skipLabel(i)
}
