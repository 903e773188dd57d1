package phrase

// Negations (issue 8, class 2). An actual value may say in words that the
// target was not reached — 未能按期完成, 尚未验收, 没有达到, 有2批次未按时完成,
// 存在3例超出年龄范围的情况 — whatever number it also holds. Other negations
// are good news: 无安全事故, 未发生安全事故, 未出现投诉, 零投诉, 无违规 state the
// absence of something (for a lower-is-better count, the value 0). And some
// are no statement at all: 未完成原因 is a column label, 不低于 a comparator
// (read with the numbers, never here).
//
// The scanner records three kinds of words:
//   - shortfall: the work was not done or not good enough (未完成, 未能, 尚未,
//     没有达到, 未达标, 不符合, 无法完成, 超出…范围);
//   - late: the work was done late (延期, 推迟, 滞后, 逾期): it contradicts a
//     deadline only, because in other rows it is often what is counted
//     (逾期率 0.5%);
//   - absence: nothing of the kind happened (无, 没有, 未发生, 未出现, 零, 杜绝).
//
// A shortfall or late word right after an absence word — with at most a
// filler such as 出现, 发生, 存在 or 有 between — is itself absent: 无未按时完成
// 情况, 未出现延期, 不存在未完成的情况 are good outcomes.

type negKind uint8

const (
	negShortfall negKind = iota + 1
	negLate
	negAbsence
	negPending
	negExcept
)

type negTok struct {
	kind negKind
	s, e int
}

var negWords = func() *lexicon[negKind] {
	var ps []pair[negKind]
	add := func(k negKind, ws ...string) {
		for _, w := range ws {
			ps = append(ps, pair[negKind]{w, k})
		}
	}
	add(negShortfall,
		"未完成", "未能", "未按", "未达", "未达到", "未达标", "未达成", "未实现", "未全部", "未完全",
		"没有达到", "没有完成", "没有实现", "没达到", "没完成", "未验收", "未通过", "未到位", "未落实",
		"未开工", "未启动", "未开展", "未办结", "未兑现", "未拨付", "未发放", "未支付", "未及时",
		"未竣工", "未建成", "未完工", "未执行", "尚未", "仍未", "还未", "还没有", "不能按",
		// 无法 says the work could not be done only before a verb of completion:
		// 无法汇总, 无法统计 and 无法评估 are about reading, not achievement.
		"无法完成", "无法按", "无法如期", "无法实现", "无法达到", "无法达标", "无法验收", "无法开工",
		"无法实施", "无法开展", "不能完成", "不能如期",
		"不达标", "不到位", "不符合", "不满足", "超出范围", "超范围", "超出规定", "超标准",
		"部分完成", "部分达到", "部分实现", "部分落实", "部分到位", "超支", "超预算")
	add(negPending,
		"正在推进", "正在实施", "正在建设", "正在施工", "正在进行", "正在办理", "正在整改", "正在开展",
		"推进中", "实施中", "建设中", "施工中", "进行中", "办理中", "整改中", "在建")
	add(negLate, "延期", "推迟", "滞后", "延误", "逾期", "超期", "拖期", "延迟")
	add(negAbsence,
		"无", "没有", "未发生", "未出现", "没有发生", "没有出现", "未发现", "未收到", "未接到",
		"杜绝", "无一", "不存在", "未有", "尚未发生", "尚未出现", "尚未发现", "均未发生", "均未出现",
		"未超支", "没有超支", "无超支", "不超支", "未超预算", "没有超预算", "不超预算",
		// 未超出预算, 没有超过标准: the cap was kept, not broken
		"未超出", "没有超出", "不超出", "未超过", "没有超过", "未突破", "没有突破", "未超标")
	return newLexicon(ps)
}()

// negationAt reads a negation word at i and returns where the scanner goes
// on; ok is false when none starts there.
func (s *scanner) negationAt(i int) (int, bool) {
	in := &s.in
	k, e, ok := negWords.matchAt(in, i)
	if !ok {
		if in.rs[i] != '未' || !s.afterCount(i) || !isHan(in.at(i+1)) || notVerbAfterWei(in.at(i+1)) {
			return i, false
		}
		// 有3户未享受, 2个村未通电: a count of things not done
		k, e = negExcept, i+2
		if isHan(in.at(e)) && !stopRunes[in.at(e)] {
			e++
		}
	}
	switch k {
	case negAbsence:
		if in.rs[i] == '无' && noAbsenceAfter(in.at(e)) {
			return e, true // 无偿, 无人机, 无害化, 无需: words, not "none"
		}
	case negShortfall, negLate, negPending, negExcept:
		if k == negPending && in.rs[i] == '在' && in.at(e) == '设' {
			return e, true // 在建设过程中: not 在建
		}
		if in.hasAt(e, wordReason) || in.at(e) == '的' && in.hasAt(e+1, wordReason) || in.at(e) == '率' {
			return e, true // 未完成原因: a column label; 超支率, 未达标率: a measure
		}
		if s.afterAbsence(i) {
			k = negAbsence // 无未按时完成情况, 未出现延期
		} else if governed(in.at(i-1)) || modifiesNoun(in, e) {
			return e, true // 对未按要求整改的单位进行约谈, 不符合条件的申请已退回: about others
		}
	}
	s.negs = append(s.negs, negTok{k, i, e})
	return e, true
}

// exceedAt reads 超出…范围 (超出年龄范围, 超出规定标准): 超出 followed,
// within a few characters of the same part, by 范围, 标准, 规定 or 预算. It
// is a shortfall; 超出预期 and 超出100家 are not.
func (s *scanner) exceedAt(i int) (int, bool) {
	in := &s.in
	if in.at(i) != '超' || in.at(i+1) != '出' {
		return i, false
	}
	for j := i + 2; j < i+10 && j < len(in.rs); j++ {
		r := in.rs[j]
		if !isHan(r) {
			return i, false
		}
		if in.hasAt(j, wordScope) || in.hasAt(j, wordStandard) || in.hasAt(j, wordRule) || in.hasAt(j, wordBudget) {
			if !s.afterAbsence(i) {
				s.negs = append(s.negs, negTok{negShortfall, i, j + 2})
			}
			return j + 2, true
		}
	}
	return i, false
}

var (
	wordReason   = []rune("原因")
	wordScope    = []rune("范围")
	wordStandard = []rune("标准")
	wordRule     = []rune("规定")
	wordBudget   = []rune("预算")
)

// noAbsenceAfter lists what makes 无 part of a word rather than "none".
func noAbsenceAfter(r rune) bool {
	switch r {
	case '偿', '人', '害', '需', '须', '关', '论', '线', '菌', '公', '纸', '障', '限', '机', '效', '误', '法':
		return true
	}
	return false
}

// governed reports whether r, just before a shortfall word, makes it part
// of a phrase about someone else (对未按时完成的单位, 督促未完成的地区): a
// preposition or a verb of supervision.
func governed(r rune) bool {
	switch r {
	case '对', '将', '把', '向', '给', '就', '促', '令', '谈', '查', '止', '免':
		return true
	}
	return false
}

// modifiesNoun reports whether the words from e, up to a 的 within the
// part, make the shortfall word a modifier of a noun (不符合条件的申请,
// 未按时完成的单位) rather than a statement; 的情况, 的问题 and 的现象 make
// it a statement again (存在未按时完成的情况).
func modifiesNoun(in *input, e int) bool {
	for j := e; j < e+10 && j < len(in.rs); j++ {
		r := in.rs[j]
		if r == '的' {
			return !in.hasAt(j+1, wordCase) && !in.hasAt(j+1, wordProblem) && !in.hasAt(j+1, wordPhenomenon)
		}
		if !isHan(r) {
			return false
		}
	}
	return false
}

var (
	wordCase       = []rune("情况")
	wordProblem    = []rune("问题")
	wordPhenomenon = []rune("现象")
)

// afterAbsence reports whether an absence word ends just before i, with at
// most a filler (出现, 发生, 存在, 有, 任何, 的) between.
func (s *scanner) afterAbsence(i int) bool {
	n := len(s.negs)
	if n == 0 || s.negs[n-1].kind != negAbsence {
		return false
	}
	e := s.negs[n-1].e
	if i-e > 4 {
		return false
	}
	for j := e; j < i; j++ {
		switch s.in.rs[j] {
		case '出', '现', '发', '生', '存', '在', '有', '任', '何', '的', ' ':
		default:
			return false
		}
	}
	return true
}

// negation fills the negation fields of a phrase from the words in [a, b).
func (s *scanner) negation(p *Phrase, a, b int) {
	if len(s.negs) == 0 {
		return
	}
	lo, hi := within(s.negs, a, b, func(t *negTok) int { return t.s })
	for _, t := range s.negs[lo:hi] {
		w := s.in.text(t.s, t.e)
		switch {
		case t.kind == negShortfall && p.Shortfall == "":
			p.Shortfall = w
		case t.kind == negLate && p.Late == "":
			p.Late = w
		case t.kind == negAbsence && p.Absence == "":
			p.Absence = w
		case t.kind == negPending && p.Pending == "":
			p.Pending = w
		case t.kind == negExcept && p.Except == "":
			p.Except = w
		}
	}
}

// afterCount reports whether a quantity with a unit ends just before i
// (3户未, 2个村未: at most one noun character between).
func (s *scanner) afterCount(i int) bool {
	n := len(s.qs)
	if n == 0 {
		return false
	}
	q := &s.qs[n-1]
	if q.Unit == "" || q.post > i || i-q.post > 1 {
		return false
	}
	return i == q.post || isHan(s.in.rs[q.post]) && !stopRunes[s.in.rs[q.post]]
}

// notVerbAfterWei lists what makes 未 part of a word rather than "not" (未来,
// 未知, 未必, 未曾, 未满: 3个月未满 is an age rule).
func notVerbAfterWei(r rune) bool {
	switch r {
	case '来', '知', '必', '曾', '满', '婚', '成', '免':
		return true
	}
	return false
}
