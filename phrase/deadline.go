package phrase

import "time"

// Deadline is a time limit or a completion date as written: 12月底前,
// 2020年12月31日前, 第三季度, 按时, 长期; as an actual: 12月份完成.
type Deadline struct {
	Text      string `json:"text"`
	Year      int    `json:"year,omitempty"`        // 0 when not stated
	Month     int    `json:"month,omitempty"`       // 1..12, 0 when not stated
	Day       int    `json:"day,omitempty"`         // 0 when not stated (the end of the month)
	Quarter   int    `json:"quarter,omitempty"`     // 1..4: 第三季度, 三季度, Q3
	EndOfYear bool   `json:"end_of_year,omitempty"` // 年底, 年底前, 年内, 本年度内 (12月底 is Month 12)
	OnTime    bool   `json:"on_time,omitempty"`     // 按时, 按期, 及时, 如期, 按计划
	// Before marks a limit (…前, …之前, …以前, 截至, 不晚于, 年内) rather than
	// a completion date (12月份完成, 2020年11月完成).
	Before  bool `json:"before,omitempty"`
	Ongoing bool `json:"ongoing,omitempty"` // 长期, 持续, 在项目计划完成时间内完成
	// NextYear marks a date in the year after the form's, written 次年, 翌年,
	// 下一年度 (次年3月底前): Last reads it in defaultYear+1.
	NextYear bool `json:"next_year,omitempty"`
}

// Last returns the last day the deadline allows, or the completion date it
// states, as (year, month, day); defaultYear stands in for a missing year.
//
// A month limit means the end of that month: 12月底前 and 12月前 are both
// (y, 12, 31), and 9月前 is (y, 9, 30). Strictly 9月前 could mean "before
// September starts", but real forms write 9月前 for "by the end of September"
// far more often, and a reviewer reads it that way; when the day matters it
// is written (9月1日前). A quarter ends with its last month (第三季度 →
// (y, 9, 30)); a span ends with its last element (2021年1月-12月 →
// (2021, 12, 31)); a year alone or 年底 ends on 31 December. 上旬 and 中旬
// are the 10th and the 20th.
//
// ok is false when there is no date: 按时, 长期.
func (d Deadline) Last(defaultYear int) (y, m, day int, ok bool) {
	y = d.Year
	if y == 0 {
		y = defaultYear
		if d.NextYear && y > 0 {
			y++
		}
	}
	switch {
	case d.Month >= 1 && d.Month <= 12:
		m = d.Month
	case d.Quarter >= 1 && d.Quarter <= 4:
		m = d.Quarter * 3
	case d.EndOfYear || d.Year != 0 || d.NextYear:
		m = 12
	default:
		return 0, 0, 0, false
	}
	day = daysIn(y, m)
	if d.Month != 0 && d.Day > 0 && d.Day < day {
		day = d.Day
	}
	return y, m, day, true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func plausibleYear(y int) bool { return y >= 1949 && y <= 2100 }

// dateAt recognises a bare integer that is part of a date: 2020年, the 2020
// of 2020—2023年, 12月, the 1 of 1-12月, 3季度, 30日 after a month.
func (s *scanner) dateAt(i, e, v, nd int) (int, bool) {
	in := &s.in
	next := in.at(e)
	if nd == 4 && plausibleYear(v) {
		if next == '年' {
			return s.addDate(dateYear, v, i, e+1), true
		}
		if s.spanKind(e) == dateYear {
			return s.addDate(dateYear, v, i, e), true
		}
	}
	if nd <= 2 && v >= 1 && v <= 12 {
		switch {
		case next == '月':
			return s.addDate(dateMonth, v, i, e+1), true
		case next == '季' && v <= 4:
			return s.addDate(dateQuarter, v, i, e+1), true
		}
		switch k := s.spanKind(e); {
		case k == dateMonth, k == dateQuarter && v <= 4:
			return s.addDate(k, v, i, e), true
		}
	}
	if nd <= 2 && v >= 1 && v <= 31 && (next == '日' || next == '号') && s.afterMonth(i) {
		return s.addDate(dateDay, v, i, e+1), true
	}
	return 0, false
}

// spanKind reports what the other end of a span starting at e is, when it is
// a date: the 2023年 of 2020—2023年, the 12月 of 1-12月.
func (s *scanner) spanKind(e int) dateKind {
	in := &s.in
	j, ok := in.connector(e)
	if !ok {
		return 0
	}
	k := j
	switch {
	case isDigit(in.at(k)):
		for isDigit(in.at(k)) {
			k++
		}
	case cnStart(in.at(k)):
		_, n, _, _ := in.readCN(k)
		k += n
	default:
		return 0
	}
	switch in.at(k) {
	case '年':
		if k-j == 4 {
			return dateYear
		}
	case '月':
		return dateMonth
	case '季':
		return dateQuarter
	}
	return 0
}

// isoDateAt reads 2021-07-27, 2021/7/27, 2021.7.27 and 2021-07, 2021/7.
// 2021.7 alone is a decimal number.
func (s *scanner) isoDateAt(i int) (int, bool) {
	in := &s.in
	if isDigit(in.at(i - 1)) {
		return 0, false
	}
	y := 0
	for k := 0; k < 4; k++ {
		r := in.at(i + k)
		if !isDigit(r) {
			return 0, false
		}
		y = y*10 + int(r-'0')
	}
	sep := in.at(i + 4)
	if sep != '-' && sep != '/' && sep != '.' || !plausibleYear(y) {
		return 0, false
	}
	m, j := in.smallInt(i + 5)
	if m < 1 || m > 12 {
		return 0, false
	}
	year := dateTok{kind: dateYear, val: y, s: i, e: i + 5}
	if in.at(j) == sep {
		d, k := in.smallInt(j + 1)
		if d < 1 || d > 31 {
			return 0, false
		}
		s.dates = append(s.dates, year, dateTok{kind: dateMonth, val: m, s: i + 5, e: j + 1})
		e := s.addDate(dateDay, d, j+1, k)
		return s.periodEndAt(e, sep), true
	}
	if sep == '.' || in.at(j) == '.' {
		// 2021.1-2021.12 is a period; 2021.7 alone is a decimal number.
		if c, ok := in.connector(j); ok && sep == '.' && s.yearMonthAt(c) {
			s.dates = append(s.dates, year, dateTok{kind: dateMonth, val: m, s: i + 5, e: j})
			y2 := int(in.at(c)-'0')*1000 + int(in.at(c+1)-'0')*100 + int(in.at(c+2)-'0')*10 + int(in.at(c+3)-'0')
			m2, k := in.smallInt(c + 5)
			s.dates = append(s.dates, dateTok{kind: dateYear, val: y2, s: c, e: c + 5})
			return s.addDate(dateMonth, m2, c+5, k), true
		}
		return 0, false
	}
	s.dates = append(s.dates, year)
	return s.addDate(dateMonth, m, i+5, j), true
}

// periodEndAt reads the end of a period written after a full date with the
// same separator and no year: the 12.31 of 2021.1.1-12.31 is 31 December, not
// the number 12.31. It returns where the scanner goes on.
func (s *scanner) periodEndAt(e int, sep rune) int {
	in := &s.in
	c, ok := in.connector(e)
	if !ok {
		return e
	}
	m, j := in.smallInt(c)
	if m < 1 || m > 12 || in.at(j) != sep {
		return e
	}
	d, k := in.smallInt(j + 1)
	if d < 1 || d > 31 || in.at(k) == sep || in.at(k) == '.' && isDigit(in.at(k+1)) {
		return e
	}
	s.dates = append(s.dates, dateTok{kind: dateMonth, val: m, s: c, e: j + 1})
	return s.addDate(dateDay, d, j+1, k)
}

// yearMonthAt reports whether a year, a point and a month start at i and
// nothing numeric follows: the 2021.12 of 2021.1-2021.12.
func (s *scanner) yearMonthAt(i int) bool {
	in := &s.in
	for k := 0; k < 4; k++ {
		if !isDigit(in.at(i + k)) {
			return false
		}
	}
	y := int(in.at(i)-'0')*1000 + int(in.at(i+1)-'0')*100 + int(in.at(i+2)-'0')*10 + int(in.at(i+3)-'0')
	if !plausibleYear(y) || in.at(i+4) != '.' {
		return false
	}
	m, j := in.smallInt(i + 5)
	return m >= 1 && m <= 12 && in.at(j) != '.'
}

// smallInt reads one or two digits at i that a third does not follow.
func (in *input) smallInt(i int) (int, int) {
	if !isDigit(in.at(i)) {
		return -1, i
	}
	v, j := int(in.at(i)-'0'), i+1
	if isDigit(in.at(j)) {
		v = v*10 + int(in.at(j)-'0')
		j++
	}
	if isDigit(in.at(j)) {
		return -1, j
	}
	return v, j
}

// addDate records a date token ending at e, with the modifiers written
// after it, and returns where the scanner goes on.
func (s *scanner) addDate(kind dateKind, v, start, e int) int {
	t := dateTok{kind: kind, val: v, s: start, e: e}
	s.modifiers(&t)
	s.dates = append(s.dates, t)
	return t.e
}

var (
	wordBefore = []rune("之前")
	wordEarlie = []rune("以前")
	wordUntil  = []rune("为止")
	wordWithin = []rune("以内")
	wordInside = []rune("之内")
	wordEarly  = []rune("上旬")
	wordMiddle = []rune("中旬")
	wordLate   = []rune("下旬")
)

// modifiers reads what may follow a date element: 份 and 度 (12月份,
// 2020年度), the part of the period (底 末 终, 上旬 中旬 下旬 初 中), 内,
// and the limit words 前 之前 以前 为止 止.
func (s *scanner) modifiers(t *dateTok) {
	in := &s.in
	j := t.e
	if r := in.at(j); r == '份' && t.kind == dateMonth || r == '度' && (t.kind == dateYear || t.kind == dateQuarter) {
		j++
	}
	switch r := in.at(j); {
	case r == '底' || r == '末' || r == '终':
		t.end = true
		j++
	case t.kind != dateMonth:
	case in.hasAt(j, wordEarly):
		t.day, j = 10, j+2
	case in.hasAt(j, wordMiddle):
		t.day, j = 20, j+2
	case in.hasAt(j, wordLate):
		t.end, j = true, j+2
	case r == '初':
		t.day, j = 10, j+1
	case r == '中':
		t.day, j = 15, j+1
	}
	switch {
	case in.hasAt(j, wordWithin), in.hasAt(j, wordInside):
		t.within, j = true, j+2
	case in.at(j) == '内':
		t.within, j = true, j+1
	}
	switch {
	case in.hasAt(j, wordBefore), in.hasAt(j, wordEarlie), in.hasAt(j, wordUntil):
		t.before, j = true, j+2
	case in.at(j) == '前' || in.at(j) == '止':
		t.before, j = true, j+1
	}
	t.e = j
}

// afterMonth reports whether i directly follows a month, so that a number
// with 日 there is a day of that month (11月30日).
func (s *scanner) afterMonth(i int) bool {
	n := len(s.dates)
	if n == 0 {
		return false
	}
	t := s.dates[n-1]
	return t.kind == dateMonth && !t.end && t.day == 0 && !t.before && !t.within && s.in.skipSpace(t.e) == i
}

// dlResult is the deadline found in a part of a phrase.
type dlResult struct {
	d     Deadline
	found bool // a date or a deadline word with a meaning
	// dated: the part names a date finer than a year, or a limit: enough to
	// be a deadline whatever else the part says.
	dated bool
	// yearOnly: only a year (2020年, 2020年度): in a sentence it is context,
	// not a deadline.
	yearOnly bool
	// counts: the part can stand as a deadline value when it has no quantity.
	counts bool
}

// deadlineIn reads the deadline of the runes [a, b), whose quantities are qs.
// When several dates are written, the last decides (2021年1月-12月 → 12月)
// and takes the year of an earlier one when it has none.
func (s *scanner) deadlineIn(a, b int, qs []qty) dlResult {
	var r dlResult
	first, hi := within(s.dates, a, b, dateStart)
	last := hi - 1
	start, end := -1, -1
	if last >= first {
		g := s.groupStart(first, last)
		for _, t := range s.dates[g : last+1] {
			r.d.apply(t)
		}
		for k := g - 1; r.d.Year == 0 && k >= first; k-- {
			if s.dates[k].kind == dateYear {
				r.d.Year = s.dates[k].val
			}
		}
		start, end = s.dates[g].s, s.dates[last].e
		if p := g - 1; p >= first && s.joined(s.dates[p], s.dates[g]) {
			start = s.dates[s.groupStart(first, p)].s
		}
	}
	hard := false   // a deadline word that needs no company (计划完成时间内)
	period := false // 全年: the end of the year, when only completion words surround it
	lo, hi := within(s.words, a, b, wordStart)
	for _, w := range s.words[lo:hi] {
		if w.soft && w.endOfYear {
			period = true
		} else {
			r.d.applyWord(w.dlWord)
		}
		hard = hard || !w.soft && (w.onTime || w.ongoing)
		switch {
		case start < 0:
			start, end = w.s, w.e
		case s.in.skipSpace(w.e) == start:
			start = w.s // 截至2020年底
		case s.in.skipSpace(end) == w.s:
			end = w.e
		}
	}
	d := &r.d
	if period && !d.EndOfYear && d.Month == 0 && d.Quarter == 0 && s.onlyCompletionWords(a, b, qs) {
		d.EndOfYear, d.Before = true, true // 全年, 2021年全年, 全年完成
	}
	r.dated = d.Month > 0 || d.Day > 0 || d.Quarter > 0 || d.EndOfYear || d.Year > 0 && d.Before
	r.found = r.dated || d.Year > 0 || d.OnTime || d.Ongoing
	if !r.found {
		return dlResult{}
	}
	r.yearOnly = !r.dated && !d.OnTime && !d.Ongoing
	r.counts = r.dated || hard || s.onlyCompletionWords(a, b, qs)
	d.Text = s.in.text(start, end)
	return r
}

// groupStart returns the first token of the date that ends with token last:
// year, month and day written one after the other.
func (s *scanner) groupStart(first, last int) int {
	g := last
	for g > first && s.in.skipSpace(s.dates[g-1].e) == s.dates[g].s && s.dates[g-1].kind < s.dates[g].kind {
		g--
	}
	return g
}

// joined reports whether two dates are the ends of a span (1月-12月).
func (s *scanner) joined(p, t dateTok) bool {
	j, ok := s.in.connector(p.e)
	return ok && j == t.s
}

func (d *Deadline) apply(t dateTok) {
	switch t.kind {
	case dateYear:
		d.Year = t.val
		d.EndOfYear = d.EndOfYear || t.end || t.within
	case dateMonth:
		d.Month = t.val
		if t.day > 0 {
			d.Day = t.day
		}
	case dateDay:
		d.Day = t.val
	case dateQuarter:
		d.Quarter = t.val
	}
	d.Before = d.Before || t.before || t.within
}

func (d *Deadline) applyWord(w dlWord) {
	d.EndOfYear = d.EndOfYear || w.endOfYear
	d.Before = d.Before || w.before
	d.OnTime = d.OnTime || w.onTime
	d.Ongoing = d.Ongoing || w.ongoing
	d.NextYear = d.NextYear || w.nextYear
	if w.month > 0 && d.Month == 0 {
		d.Month = w.month
	}
}

// onlyCompletionWords reports whether [a, b), besides its dates, deadline
// words and quantities, holds only completion words and punctuation: 已按时完成
// is a deadline, 持续推进知识产权保护 is not.
func (s *scanner) onlyCompletionWords(a, b int, qs []qty) bool {
	in := &s.in
	for j := a; j < b; {
		if e := s.coveredUntil(j, qs); e > j {
			j = e
			continue
		}
		r := in.rs[j]
		if !isHan(r) && !isAlnum(r) {
			j++
			continue
		}
		_, e, ok := completionWords.matchAt(in, j)
		if !ok {
			return false
		}
		j = e
	}
	return true
}

// coveredUntil returns the end of the date, deadline word or quantity that
// covers j, or j when none does. Each list is in reading order and its items
// do not overlap, so only the last item starting at or before j can cover it.
func (s *scanner) coveredUntil(j int, qs []qty) int {
	if _, k := within(s.dates, 0, j+1, dateStart); k > 0 && s.dates[k-1].e > j {
		return s.dates[k-1].e
	}
	if _, k := within(s.words, 0, j+1, wordStart); k > 0 && s.words[k-1].e > j {
		return s.words[k-1].e
	}
	if _, k := within(qs, 0, j+1, func(q *qty) int { return q.pre }); k > 0 && qs[k-1].post > j {
		return qs[k-1].post
	}
	return j
}

func dateStart(t *dateTok) int { return t.s }
func wordStart(w *wordTok) int { return w.s }
