// Package judge decides, for each level-3 indicator, whether its target was
// met (docs/domain.md §8): it reads the target and actual phrases with package
// phrase, picks the comparator (stated, or the default of the indicator's
// category) and compares quantities, deadlines, composite parts or the
// qualitative band.
package judge

import (
	"github.com/jixiao/jixiao/internal/decimals"
	"github.com/jixiao/jixiao/internal/hanzi"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/phrase"
)

// Issue says why an indicator could not be judged, for the audit.
type Issue string

// Issues.
const (
	IssueNone           Issue = ""
	IssueTargetEmpty    Issue = "target_empty"
	IssueActualEmpty    Issue = "actual_empty"
	IssueActualNoNumber Issue = "actual_no_number" // a numeric target, an actual without a number
	IssueUnitMismatch   Issue = "unit_mismatch"    // the actual's numbers have units the target's cannot compare with
	IssueParts          Issue = "parts"            // composite parts could not all be matched
	// IssueContradiction: the actual's number reaches the target but its
	// words say it was not reached (未完成, 尚未验收…): a person must decide.
	IssueContradiction Issue = "contradiction"
)

// Result is the judgement of one indicator with the parsed phrases behind it.
type Result struct {
	jixiao.Assessment
	Category jixiao.Category
	Target   phrase.Phrase
	Actual   phrase.Phrase
	Issue    Issue
	// Used lists the actual quantities the judgement compared, in order.
	Used []phrase.Quantity
	// PartActuals holds, per target part (one for a non-composite target),
	// the actual quantity compared with it, or nil where there was none.
	PartActuals []*phrase.Quantity
	// UnmatchedParts counts composite target parts without a fitting actual.
	UnmatchedParts int
	// Direction is the comparator for numeric targets (and composite parts)
	// that write none, and why (direction.go).
	Direction Direction
}

// Form judges every indicator of the form with the built-in direction
// lexicon.
func Form(f *jixiao.Form) []Result { return FormWith(f, nil) }

// FormWith judges every indicator of the form with a direction lexicon
// (nil: the built-in one).
func FormWith(f *jixiao.Form, d *Directions) []Result {
	return FormInto(nil, f, d)
}

// FormInto is FormWith judging into buf, reused when it is large enough:
// for a caller that is done with the results of the previous form (a
// Result is large, and a form has dozens). Every field of every result is
// overwritten.
func FormInto(buf []Result, f *jixiao.Form, d *Directions) []Result {
	out := buf[:0]
	if cap(out) < len(f.Indicators) {
		out = make([]Result, 0, len(f.Indicators))
	}
	out = out[:len(f.Indicators)]
	slab := make(decimalSlab, 0, len(f.Indicators)) // about one completion ratio per indicator
	var memo phraseMemo
	for i := range f.Indicators {
		judgeInto(&out[i], &f.Indicators[i], i, f.Year, d, &slab, &memo) // in place: a Result is large
	}
	return out
}

// phraseMemo keeps the phrases last read for a form. Targets and actuals
// repeat from row to row (100%, 12月底前完成, 200万) and a phrase is
// read-only (whoever changes one of its quantities copies it first), so
// rows with the same text share one: Parse is a pure function of the text.
// Only the latest memoSize distinct texts are kept, so a lookup is a few
// string comparisons and a form of any size costs the same.
type phraseMemo struct {
	texts   [memoSize]string
	phrases [memoSize]phrase.Phrase
	n, next int // slots filled; the slot the next text goes to
}

const memoSize = 8

// parse returns phrase.Parse(text), read again only when the memo (nil:
// none) does not hold it.
func (m *phraseMemo) parse(text string) phrase.Phrase {
	if m == nil {
		return phrase.Parse(text)
	}
	for k := 0; k < m.n; k++ {
		if m.texts[k] == text {
			return m.phrases[k]
		}
	}
	p := phrase.Parse(text)
	m.texts[m.next], m.phrases[m.next] = text, p
	m.next = (m.next + 1) % memoSize
	if m.n < memoSize {
		m.n++
	}
	return p
}

// Assessments returns the public part of the results.
func Assessments(rs []Result) []jixiao.Assessment {
	out := make([]jixiao.Assessment, len(rs))
	for i := range rs {
		out[i] = rs[i].Assessment
	}
	return out
}

// doneWords are what the reason column says when the target was reached.
var doneWords = []string{"已完成", "完成", "已达成", "达成", "已达到", "全部完成", "已全部完成", "已完成目标", "达到目标", "已实现",
	"已达标", "达标", "按期完成", "已按期完成", "√"}

// DeclaredDone reports whether a reason cell says the target was reached:
// 已完成, 已完成。, 已完成；, 已 完 成, 已達成, ✓.
func DeclaredDone(reason string) bool {
	for _, w := range doneWords {
		if reason == w {
			return true // as most forms write it: no key to build
		}
	}
	var buf [keyMax]byte
	k := reasonKey(reason, &buf)
	for _, w := range doneWords {
		if string(k) == w {
			return true
		}
	}
	return false
}

// ReasonBlank reports whether a reason cell gives no reason: empty, 无,
// 暂无, a dash or a slash in any of their spellings (—, ——, －, ／, 无。),
// or only spaces and zero-width characters.
func ReasonBlank(reason string) bool {
	var buf [keyMax]byte
	k := reasonKey(reason, &buf)
	switch string(k) {
	case "", "无", "暂无", "没有":
		return true
	}
	return isDash(string(k))
}

// keyMax bounds the reason cells compared with fixed words; longer cells are
// explanations.
const keyMax = 48

// reasonKey writes into buf a short cell as compared with fixed words:
// simplified, its spaces and zero-width characters removed, its closing
// punctuation trimmed, ✓ and ✔ written √. A cell longer than keyMax bytes
// gives a key that matches none of them (ReasonBlank, DeclaredDone and
// wholeDone allocate nothing).
func reasonKey(cell string, buf *[keyMax]byte) []byte {
	cell = strings.TrimSpace(cell)
	if len(cell) > keyMax {
		return append(buf[:0], "\x00long"...)
	}
	k := buf[:0]
	for _, r := range cell {
		switch r {
		case ' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			continue
		case '✓', '✔':
			r = '√'
		}
		k = utf8.AppendRune(k, hanzi.SimplifiedRune(r))
	}
	for len(k) > 0 {
		r, size := utf8.DecodeLastRune(k)
		if !strings.ContainsRune("。.！!；;，,、", r) {
			break
		}
		k = k[:len(k)-size]
	}
	return k
}

// Indicator judges one indicator of a form of the given year with the
// built-in direction lexicon.
func Indicator(in *jixiao.Indicator, index, year int) Result {
	return IndicatorWith(in, index, year, nil)
}

// IndicatorWith judges one indicator with a direction lexicon (nil: the
// built-in one).
func IndicatorWith(in *jixiao.Indicator, index, year int, d *Directions) Result {
	var r Result
	judgeInto(&r, in, index, year, d, new(decimalSlab), nil)
	return r
}

// judgeInto judges one indicator into r.
func judgeInto(r *Result, in *jixiao.Indicator, index, year int, d *Directions, slab *decimalSlab, memo *phraseMemo) {
	*r = Result{
		Assessment: jixiao.Assessment{
			Index:        index,
			Path:         in.Path(),
			Level1:       in.Level1,
			Level2:       in.Level2,
			Name:         in.Name,
			Target:       in.Target,
			Actual:       in.Actual,
			Reason:       in.Reason,
			DeclaredDone: DeclaredDone(in.Reason),
		},
		Category: in.Category(),
		Target:   memo.parse(in.Target),
		Actual:   memo.parse(in.Actual),
	}
	if d == nil {
		d = defaultDirections
	}
	if r.Target.Kind == phrase.KindEmpty {
		if w := strings.TrimSpace(r.Target.Text); (w == "无" || w == "没有") && d.lowerName(hanzi.Simplified(in.Name)) {
			// 无 as the target of 安全事故 or 挪用资金情况: none of it, 0 at most
			t := phrase.Parse("0")
			q := *t.Quantity // t.Quantity points into t.Quantities, which keeps "0"
			q.Text = w
			t.Text, t.Quantity = r.Target.Text, &q
			r.Target = t
		}
	}
	if k := r.Target.Kind; k == phrase.KindQuantity || k == phrase.KindComposite {
		r.Direction = d.Of(hanzi.Simplified(in.Name), r.Target, r.Category) // ranges, deadlines and qualitative targets have none
	}
	j := judgement{r: r, year: year, slab: slab}
	j.judge()
	j.directionReason()
}

// directionReason tells, on the assessment, why the comparison went the way
// it did.
func (j *judgement) directionReason() {
	r := j.r
	t := r.Target
	switch t.Kind {
	case phrase.KindQuantity:
		r.DirectionReason = r.Direction.Reason
	case phrase.KindRange:
		r.DirectionReason = "指标值为区间，实际值在区间内为达成"
	case phrase.KindDeadline:
		r.DirectionReason = "指标值为期限，实际不晚于期限为达成"
	case phrase.KindQualitative:
		r.DirectionReason = "定性指标，按 100%-80%、80%-60%、60%-0% 档次判定"
	case phrase.KindComposite:
		for _, tp := range t.Parts {
			if tp.Kind == phrase.KindQuantity && (tp.Comparator == phrase.None || tp.Comparator == phrase.EQ) {
				r.DirectionReason = "未写比较方式的分项：" + r.Direction.Reason
				return
			}
		}
		r.DirectionReason = "各分项写明比较方式或为期限、区间"
	}
}

// PartComparator returns the comparator a part of the target (or the target
// itself) is judged by: its own written comparator, else the indicator's
// direction.
func (r *Result) PartComparator(tp phrase.Phrase) phrase.Comparator {
	if c := tp.Comparator; c != phrase.None && c != phrase.EQ {
		return c
	}
	if r.Direction.Comparator == phrase.None {
		return comparator(tp, r.Category)
	}
	return r.Direction.Comparator
}

type judgement struct {
	r    *Result
	year int
	slab *decimalSlab // where the completion ratios of the form are kept
}

// decimalSlab keeps the decimals that results point at (completion
// ratios), many in one allocation. A full slab is replaced, never grown, so
// the pointers already handed out stay where they are; nothing changes a
// decimal once it is in.
type decimalSlab []decimal.Decimal

func (s *decimalSlab) new(v decimal.Decimal) *decimal.Decimal {
	if len(*s) == cap(*s) {
		*s = make(decimalSlab, 0, 16)
	}
	*s = append(*s, v)
	return &(*s)[len(*s)-1]
}

// comparator is the comparator of a numeric target: as written, or — when
// it states none, or only = / 为 (docs/domain.md §6.1: for counts "为" means
// at least) — the default of its category: cost rows ≤, the others ≥.
func comparator(t phrase.Phrase, cat jixiao.Category) phrase.Comparator {
	c := t.Comparator
	if c != phrase.None && c != phrase.EQ {
		return c
	}
	if cat == jixiao.CategoryCost {
		return phrase.LE
	}
	return phrase.GE
}

// PartComparatorName names the comparison a part tp of r's composite target
// is judged by, as Assessment.Comparator does ("range" for a range, else
// ≥ > ≤ <), with r's direction from meaning
// (PartComparator): the scores compare parts as the judgement did.
func (r *Result) PartComparatorName(tp phrase.Phrase) string {
	if tp.Kind == phrase.KindRange {
		return "range"
	}
	return string(r.PartComparator(tp))
}

func (j *judgement) judge() {
	r := j.r
	t, a := r.Target, r.Actual
	if t.Kind == phrase.KindEmpty && isDash(t.Text) && (a.Kind == phrase.KindQualitative || undatedOngoing(a)) {
		// a dash where the target goes says "no target value" on purpose
		// (a check item of an evaluation): judged by what the actual says
		j.qualitative()
		return
	}
	if t.Kind == phrase.KindEmpty {
		j.undetermined(IssueTargetEmpty, "指标值为空，无法判定")
		return
	}
	if a.Kind == phrase.KindEmpty {
		if none := strings.TrimSpace(a.Text); none == "无" || none == "没有" {
			if z, ok := j.absentAsZero(t, none, none); ok {
				// 无 against 0起 or ≤2起: nothing of the bad kind happened
				j.setFromPart(z)
				return
			}
		}
		if none := strings.TrimSpace(a.Text); (none == "无" || none == "没有") && r.Direction.Handling {
			// 无 against 事故处理率 100%: perhaps there was nothing to handle
			j.undetermined(IssueActualNoNumber, "实际完成值为“"+none+"”：可能是没有发生需处理的事项，也可能是未完成，无法判定")
			return
		}
		if none := strings.TrimSpace(a.Text); (none == "无" || none == "没有") && t.Kind != phrase.KindQualitative {
			// 无 is an answer: nothing was achieved
			r.Status = jixiao.StatusNotMet
			r.Explanation = "实际完成值为“" + none + "”，视为未完成"
			if t.Kind == phrase.KindQuantity || t.Kind == phrase.KindRange || t.Kind == phrase.KindComposite {
				zero := decimal.Zero
				r.Completion = &zero
			}
			return
		}
		j.undetermined(IssueActualEmpty, "全年实际完成值为空，无法判定")
		return
	}
	switch t.Kind {
	case phrase.KindQualitative:
		j.qualitative()
	case phrase.KindDeadline:
		if ongoingOnly(t, a) {
			// 长期 / 持续 against a description: no date to compare, judged
			// as a qualitative target (by its band, if any)
			j.qualitative()
			return
		}
		p := j.deadline(t, a)
		j.setFromPart(p)
	case phrase.KindComposite:
		if tp, ok := statedTotal(t, a); ok {
			// 甲镇3家、乙镇4家，共7家 against 共7家: the total is compared
			p := j.quantity(tp, a, nil)
			j.negations(&p, tp, a)
			j.setFromPart(p)
			return
		}
		j.composite()
	default: // quantity or range
		p := j.quantity(t, a, nil)
		j.negations(&p, t, a)
		j.wholeDone(&p, t, a)
		j.setFromPart(p)
	}
}

// fullDoneWords are actuals that say everything was done, without a number.
var fullDoneWords = map[string]bool{
	"已完成": true, "完成": true, "全部完成": true, "已全部完成": true, "均已完成": true, "全面完成": true,
	"圆满完成": true, "已按要求完成": true, "按要求完成": true, "已落实": true, "全部落实": true,
	"已全部落实": true, "全部到位": true, "已全部到位": true, "已到位": true, "全部达标": true,
	"达标": true, "已达标": true, "全部合格": true, "合格": true, "验收合格": true, "已验收合格": true,
	"√": true, "及时": true, "按时": true, "按期": true, "按时完成": true, "按期完成": true, "已按时完成": true, "已按期完成": true,
}

// wholeDone reads an actual that only says everything was done (已完成,
// 全部到位, 验收合格) against a target of 100% as 100%: the rate of a task
// fully done. Any other target stays undetermined: 已完成 says nothing about
// how many.
func (j *judgement) wholeDone(p *part, t, a phrase.Phrase) {
	if p.issue != IssueActualNoNumber || t.Kind != phrase.KindQuantity || t.Quantity == nil || a.Shortfall != "" || a.Pending != "" {
		return
	}
	want := t.Quantity
	if want.Unit != "%" || !want.Value.Equal(hundred) {
		return
	}
	if cmp := j.r.PartComparator(t); cmp != phrase.GE {
		return
	}
	var buf [keyMax]byte
	k := reasonKey(a.Text, &buf) // 已完成；, 已 完 成, 全部達標, ✓
	if !fullDoneWords[string(k)] {
		return
	}
	full := phrase.Quantity{Text: "100%", Value: hundred, Unit: "%"}
	one := decimal.NewFromInt(1)
	*p = part{status: jixiao.StatusMet, comparator: string(phrase.GE), used: full, hasUsed: true, completion: &one,
		explanation: "实际完成值“" + strings.TrimSpace(a.Text) + "”表明全部完成，按 100% 计，目标 " + want.Text}
}

// negations weighs the words of the actual against a numeric comparison
// (issue 8, class 2): a number that reaches the target does not make the
// indicator met when the actual says it was not reached (未完成, 尚未验收,
// 存在3例超出年龄范围的情况): that is undetermined, for a person to decide.
// An actual that says so without a comparable number is not met. An actual
// that states the absence of what a lower-is-better target counts (无安全事故,
// 未发生, 零投诉) is read as 0.
func (j *judgement) negations(p *part, t, a phrase.Phrase) {
	switch {
	case a.Shortfall != "" && p.status == jixiao.StatusMet:
		p.status, p.issue = jixiao.StatusUndetermined, IssueContradiction
		p.explanation += "；但实际完成值写明“" + a.Shortfall + "”，数值与文字矛盾，请核实"
	case (a.Shortfall != "" || a.Except != "") && (p.issue == IssueActualNoNumber || p.issue == IssueUnitMismatch):
		w := a.Shortfall
		if w == "" {
			w = a.Except
		}
		*p = part{status: jixiao.StatusNotMet, comparator: p.comparator,
			explanation: "实际完成值“" + clip(a.Text) + "”写明“" + w + "”，未达到指标值“" + t.Text + "”"}
	case a.Absence != "" && p.issue == IssueActualNoNumber:
		if z, ok := j.absentAsZero(t, a.Text, a.Absence); ok {
			*p = z
		}
	}
}

// absentAsZero judges an actual that states the absence of what a
// lower-is-better (or zero) target counts — 无安全事故, 未发生, or a bare 无 —
// as the value 0. ok is false for a target that should be high.
func (j *judgement) absentAsZero(t phrase.Phrase, text, word string) (part, bool) {
	if t.Quantity == nil || t.Kind != phrase.KindQuantity {
		return part{}, false
	}
	cmp := j.r.PartComparator(t)
	want := t.Quantity
	if cmp != phrase.LE && cmp != phrase.LT && !want.Value.IsZero() {
		return part{}, false
	}
	zero := phrase.Quantity{Text: "0", Value: decimal.Zero, Unit: want.Unit}
	met := !want.Value.IsNegative() // 0 ≤ target, or 0 ≥ a target of 0
	if cmp == phrase.LT {
		met = want.Value.IsPositive()
	}
	p := part{comparator: string(cmp), used: zero, hasUsed: true}
	if met {
		p.status = jixiao.StatusMet
	} else {
		p.status = jixiao.StatusNotMet
	}
	p.explanation = "实际完成值“" + clip(text) + "”写明“" + word + "”，按 0 计，目标 " + want.Text
	if met {
		p.explanation += "，达成"
	}
	return p, true
}

func (j *judgement) undetermined(issue Issue, why string) {
	j.r.Status = jixiao.StatusUndetermined
	j.r.Issue = issue
	j.r.Explanation = why
}

// bandHigh and bandLow bound the qualitative bands of footnote 5:
// 100–80 reached, 80–60 partly reached, below 60 not reached.
var (
	bandHigh = decimal.NewFromInt(80)
	bandLow  = decimal.NewFromInt(60)
	hundred  = decimal.NewFromInt(100)
)

// qualitative judges a target without a number by the band percentage of
// the actual, when the unit gave one.
func (j *judgement) qualitative() {
	r := j.r
	band, ok := r.Actual.Pick("%")
	if ok && r.Actual.Shortfall != "" && strings.HasSuffix(strings.TrimRight(r.Actual.Text[:band.Start], " \u3000"), r.Actual.Shortfall) {
		ok = false // 超预算5%: the size of the shortfall, not a band
	}
	if !ok || band.Unit != "%" || band.Value.GreaterThan(hundred) || band.Value.IsNegative() {
		if w := r.Actual.Shortfall; w != "" {
			r.Status = jixiao.StatusNotMet
			r.Explanation = "定性指标，实际完成值写明“" + w + "”，判定为未达成"
			return
		}
		r.Status = jixiao.StatusQualitative
		r.Explanation = "定性指标，实际完成值未按 100%-80%、80%-60%、60%-0% 档次填写百分比"
		return
	}
	if w := changeBefore(r.Actual.Text[:band.Start]); w != "" {
		r.Status = jixiao.StatusQualitative
		r.Explanation = "定性指标，实际完成值中的 " + band.Text + " 是“" + w + "”的幅度，不是 100%-80%、80%-60%、60%-0% 的档次百分比"
		return
	}
	if w := measureBefore(r.Actual.Text[:band.Start]); w != "" && band.Value.LessThan(bandHigh) {
		// a measure's high value (达标率98%, 覆盖率100%) reads as reached;
		// its low value (森林覆盖率46%) says nothing about the band
		r.Status = jixiao.StatusQualitative
		r.Explanation = "定性指标，实际完成值中的 " + band.Text + " 是“" + w + "”的数值，不是 100%-80%、80%-60%、60%-0% 的档次百分比"
		return
	}
	v := band.Value
	r.Band = &v
	c := v.Div(hundred)
	r.Completion = &c
	r.Comparator = "band"
	r.Used = []phrase.Quantity{band}
	switch {
	case v.GreaterThanOrEqual(bandHigh) && r.Actual.Shortfall != "":
		r.Status, r.Issue = jixiao.StatusUndetermined, IssueContradiction
		r.Explanation = "定性指标档次 " + band.Text + "（100%-80%）为达成，但实际完成值写明“" + r.Actual.Shortfall + "”，请核实"
	case v.GreaterThanOrEqual(bandHigh):
		r.Status = jixiao.StatusMet
		r.Explanation = "定性指标按档次 " + band.Text + "（100%-80%）判定为达成"
	case v.GreaterThanOrEqual(bandLow):
		r.Status = jixiao.StatusNotMet
		r.Explanation = "定性指标按档次 " + band.Text + "（80%-60%，部分达成）判定为未完全达成"
	default:
		r.Status = jixiao.StatusNotMet
		r.Explanation = "定性指标按档次 " + band.Text + "（60%-0%）判定为未达成"
	}
}

// changeWords say that the percentage after them is a change (较上年下降2%,
// 同比增长5%), not the band of a qualitative target.
var changeWords = [...]string{"下降", "降低", "减少", "增长", "增加", "提高", "提升", "上升", "压缩", "减幅", "增幅", "同比", "环比"}

// changeBefore returns the change word that ends s (spaces and 了 aside), or "".
func changeBefore(s string) string {
	s = strings.TrimRight(s, " \u3000了")
	for _, w := range changeWords {
		if strings.HasSuffix(s, w) {
			return w
		}
	}
	return ""
}

var measureVerbs = [...]string{"达到了", "达到", "为", "达", "是", "约", "：", ":", "至", "到", "在", "了",
	"下降", "降低", "降", "提高", "提升", "上升", "增长", "增加", "增", "控制", "保持", "稳定"}

func cutMeasureNoun(s string) (string, bool) {
	for _, w := range [...]string{"比例", "比重", "占比"} {
		if l, ok := strings.CutSuffix(s, w); ok {
			return l, true
		}
	}
	return s, false
}

// measureBefore returns the measure named right before a percentage (森林覆盖率
// 达到46%, 满意度95%), or "": such a percentage is the value of that measure,
// not the band of the qualitative target. A satisfaction rate is read as
// the band (满意 against 满意度95%, 明显提升 against 满意度提升至85%).
func measureBefore(s string) string {
	// the verb between the measure and its value: 达到, 为, 下降至, 提高到
	for trimmed := true; trimmed; {
		trimmed = false
		s = strings.TrimRight(s, " \u3000")
		for _, w := range measureVerbs {
			if strings.HasSuffix(s, w) {
				s, trimmed = s[:len(s)-len(w)], true
				break
			}
		}
	}
	label := s
	if r, n := utf8.DecodeLastRuneInString(s); r == '率' || r == '度' {
		label = s[:len(s)-n]
	} else if l, ok := cutMeasureNoun(s); ok {
		label = l // 优良天数比例, 财政资金占比
	} else {
		return ""
	}
	start := 0
	for i, c := range label {
		if c < 0x4E00 || c > 0x9FFF {
			start = i + utf8.RuneLen(c)
		}
	}
	label = s[start:]
	if utf8.RuneCountInString(label) < 2 || strings.Contains(label, "档") || strings.Contains(label, "完成") ||
		strings.Contains(label, "达成") || strings.Contains(label, "实现") || strings.Contains(label, "程度") {
		// 完成度90%, 目标达成率85%, 实现程度80%: the band itself
		return ""
	}
	if strings.Contains(hanzi.Simplified(label), "满意") {
		return "" // 满意度提升至85%: a satisfaction rate is read as the band
	}
	return label
}

// part is the judgement of one comparison.
type part struct {
	status      jixiao.Status
	completion  *decimal.Decimal
	comparator  string
	explanation string
	issue       Issue
	used        phrase.Quantity // the actual quantity compared, when hasUsed
	hasUsed     bool
}

func (j *judgement) setFromPart(p part) {
	r := j.r
	r.Status, r.Completion, r.Comparator, r.Explanation, r.Issue = p.status, p.completion, p.comparator, p.explanation, p.issue
	if !p.hasUsed {
		r.PartActuals = []*phrase.Quantity{nil}
		return
	}
	// the quantity compared and the slices that list it in one allocation:
	// every indicator with a number makes them
	one := &struct {
		used  [1]phrase.Quantity
		parts [1]*phrase.Quantity
	}{used: [1]phrase.Quantity{p.used}}
	one.parts[0] = &one.used[0]
	r.PartActuals = one.parts[:1:1]
	if len(r.Used) == 0 {
		r.Used = one.used[:1:1]
	} else {
		r.Used = append(r.Used, one.used[0])
	}
}

// quantity compares a numeric target (quantity or range) with the actual.
// pick, when given, chooses the actual quantity (composite parts); otherwise
// the actual phrase's best quantity for the target's unit is used.
func (j *judgement) quantity(t, a phrase.Phrase, pick func(unit string) (phrase.Quantity, bool)) part {
	want := t.Quantity
	if t.Kind == phrase.KindRange {
		want = t.Min
	}
	if want == nil {
		return part{status: jixiao.StatusUndetermined, issue: IssueTargetEmpty, explanation: "指标值“" + t.Text + "”中没有可比较的数值"}
	}
	whole := pick == nil
	if pick == nil {
		pick = a.Pick
	}
	if whole && want.Unit == "%" && len(a.Quantities) >= 2 && strings.Contains(j.r.Name, "满意") {
		if p, ok := j.gradeBreakdown(*want, a); ok {
			return p
		}
	}
	got, ok := pick(want.Unit)
	if !ok && whole && strings.HasPrefix(want.Unit, "元/") {
		// before perUnit: 改造500户，投资900万元 against ≤2万元/户 is a total
		got, ok = derivedRate(*want, a)
	}
	if !ok && whole {
		got, ok = perUnit(*want, a)
	}
	if !ok && whole {
		got, ok = converted(*want, a)
	}
	if !ok && whole && (want.Unit == "%" || want.Unit == "分") {
		got, ok = satisfactionScore(*want, a, j.r.Name)
	}
	if !ok {
		if !whole && hasUnit(a, want.Unit) {
			// 电脑20台、打印机5台 against three parts in 台: the values of
			// this unit went to the other parts
			return part{status: jixiao.StatusUndetermined, issue: IssueActualNoNumber,
				explanation: "实际完成值中没有与分项“" + clip(t.Text) + "”对应的数值（" + unitName(*want) + "的数值已对应其他分项）"}
		}
		if len(a.Quantities) > 0 {
			return part{status: jixiao.StatusUndetermined, issue: IssueUnitMismatch,
				explanation: "实际完成值的单位（" + unitName(a.Quantities[0]) + "）与指标值的单位（" + unitName(*want) + "）不能比较"}
		}
		return part{status: jixiao.StatusUndetermined, issue: IssueActualNoNumber,
			explanation: "指标值是数值（" + want.Text + "），但全年实际完成值“" + clip(a.Text) + "”中没有数值"}
	}
	note := ""
	if whole {
		got, note = scaled(*want, t, a, got)
	}
	if note == bareUnknown {
		return part{status: jixiao.StatusUndetermined, issue: IssueActualNoNumber,
			explanation: "实际完成值“" + got.Text + "”没有单位，按指标值（" + want.Text + "）的单位或数量级读都与目标相差甚远，无法判断"}
	}
	if w, ok := strings.CutPrefix(note, perPeriodUnknown); ok {
		return part{status: jixiao.StatusUndetermined, issue: IssueActualNoNumber,
			explanation: "实际完成值写的是" + w + "的数（" + w + got.Text + "），指标值是全年的数（" + t.Text + "），无法直接比较"}
	}
	p := part{used: got, hasUsed: true}
	if t.Kind == phrase.KindRange {
		p.comparator = "range"
		in := decimals.Cmp(got.Value, t.Min.Value) >= 0 && decimals.Cmp(got.Value, t.Max.Value) <= 0
		if in {
			p.status = jixiao.StatusMet
			p.explanation = "实际 " + got.Text + " 在目标区间 " + t.Text + " 内"
		} else {
			p.status = jixiao.StatusNotMet
			p.explanation = "实际 " + got.Text + " 不在目标区间 " + t.Text + " 内"
		}
		p.completion = j.ratio(got.Value, t.Min.Value)
		return p
	}
	cmp := j.r.PartComparator(t)
	p.comparator = string(cmp)
	met := reaches(cmp, got.Value, want.Value)
	if whole && a.Kind == phrase.KindQuantity {
		if st, why := boundedActual(cmp, a.Comparator, got, *want, a.Text); st != "" {
			p.status, p.explanation = st, why
			if st == jixiao.StatusUndetermined {
				p.issue = IssueActualNoNumber
			}
			return p
		}
	}
	if whole && a.Kind == phrase.KindRange && a.Min != nil && a.Max != nil && a.Min.Unit == got.Unit && a.Max.Unit == got.Unit {
		lo, hi := reaches(cmp, a.Min.Value, want.Value), reaches(cmp, a.Max.Value, want.Value)
		if lo != hi {
			p.status, p.issue = jixiao.StatusUndetermined, IssueActualNoNumber
			p.explanation = "实际完成值是区间（" + a.Text + "），一端达到目标 " + want.Text + "、一端未达到，无法判断是否达成"
			return p
		}
	}
	if whole && !met && a.Kind == phrase.KindComposite {
		if q, ok := namedValue(a, got, j.r.Name); ok {
			got = q // 优良率80%，合格率96% for 合格率: the value the name names
			p.used = got
			met = reaches(cmp, got.Value, want.Value)
		}
	}
	if whole && !met && (cmp == phrase.GE || cmp == phrase.GT || cmp == phrase.None) {
		if sum, last, n := unitSum(a, got.Unit); n >= 2 {
			switch {
			case decimals.Cmp(decimals.Add(last.Value, last.Value), sum) == 0:
				got = last // 60户+45户=105户: the total written last
				p.used = got
				met = reaches(cmp, got.Value, want.Value)
			case a.Shortfall == "" && a.Pending == "" && a.Except == "" && a.Late == "":
				// ①东片区60个；②西片区45个: kinds listed without a total add up
				got.Value, got.Text, got.Start, got.End = sum, "合计"+sum.String()+got.UnitText, 0, len(a.Text)
				p.used = got
				met = reaches(cmp, got.Value, want.Value)
			}
		}
	}
	if cmp == phrase.LE || cmp == phrase.LT {
		p.completion = j.ratio(want.Value, got.Value)
	} else {
		p.completion = j.ratio(got.Value, want.Value)
	}
	rel := cmp
	if !met {
		rel = negate(cmp)
	}
	if p.completion != nil {
		p.explanation = "实际 " + got.Text + note + " " + string(rel) + " 目标 " + want.Text + "，完成率 " + percent(*p.completion)
	} else {
		p.explanation = "实际 " + got.Text + note + " " + string(rel) + " 目标 " + want.Text
	}
	if met {
		p.status = jixiao.StatusMet
	} else {
		p.status = jixiao.StatusNotMet
	}
	return p
}

// unitSum adds the quantities of an actual written in unit, when none is a
// stated total and no 其中 makes the later ones parts of the first: their sum, the last of them and how many.
func unitSum(a phrase.Phrase, unit string) (sum decimal.Decimal, last phrase.Quantity, n int) {
	if a.Kind != phrase.KindComposite && a.Kind != phrase.KindQuantity || strings.Contains(a.Text, "其中") ||
		strings.ContainsAny(a.Text, "(（") {
		return sum, last, 0 // 60户，其中脱贫户45户: a part of the first, not another
	}
	for _, q := range a.Quantities {
		if q.Total {
			return sum, last, 0
		}
		if q.Unit == unit {
			if !additive(unit) || q.Start > len(a.Text) || !labelled(a.Text[:q.Start]) {
				return sum, last, 0 // 95户，5户放弃: not a list of kinds
			}
			sum, last = decimals.Add(sum, q.Value), q
			n++
		}
	}
	return sum, last, n
}

// namedValue finds, among the later quantities of the actual in got's unit,
// the one written right after the last three characters of the
// indicator's name (合格率 of 工程验收合格率), when got is not: the actual
// names several rates and the one compared first is another's.
func namedValue(a phrase.Phrase, got phrase.Quantity, name string) (phrase.Quantity, bool) {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) < 3 {
		return got, false
	}
	k := len(name)
	for n := 0; n < 3; n++ {
		_, size := utf8.DecodeLastRuneInString(name[:k])
		k -= size
	}
	tail := name[k:]
	if strings.HasSuffix(strings.TrimRight(a.Text[:min(got.Start, len(a.Text))], " ：:为达到"), tail) {
		return got, false
	}
	for _, q := range a.Quantities {
		if q.Start > got.Start && q.Unit == got.Unit && q.Start <= len(a.Text) &&
			strings.HasSuffix(strings.TrimRight(a.Text[:q.Start], " ：:为达到"), tail) {
			return q, true
		}
	}
	return got, false
}

// additive reports whether quantities in unit add up: counts, measures and
// money do; rates (%, ‰, 元/亩), multiples, ages, grades, scores and
// durations do not (优良率80%，合格率96% is not 176%).
func additive(unit string) bool {
	switch unit {
	case "", "%", "‰", "个百分点", "倍", "岁", "度", "级", "分", "星",
		"年", "个月", "天", "日", "周", "小时", "分钟", "工作日":
		return false
	}
	return !strings.Contains(unit, "/")
}

// labelled reports whether the text before a quantity ends with the name of
// what it counts (脱贫户60户, 监测户45户), not with a verb or a total word.
func labelled(before string) bool {
	before = strings.TrimRight(before, " ：:=")
	r, _ := utf8.DecodeLastRuneInString(before)
	if r < 0x4E00 || r > 0x9FFF {
		return false
	}
	for _, w := range []string{"完成", "共", "计", "达", "到", "为", "有", "已", "约", "近", "余", "和", "及", "与"} {
		if strings.HasSuffix(before, w) {
			return false
		}
	}
	return true
}

// reaches reports whether v meets want under the target's comparator.
func reaches(cmp phrase.Comparator, v, want decimal.Decimal) bool {
	c := decimals.Cmp(v, want) // without big.Int for the values of a form
	switch cmp {
	case phrase.GT:
		return c > 0
	case phrase.LE:
		return c <= 0
	case phrase.LT:
		return c < 0
	}
	return c >= 0
}

// boundedActual judges an actual that only bounds its value (不足100人, 近95%,
// 95%以下; 5%以上, 超过5% against a cap) where the bound decides: a value
// below a floor (or above a cap) is short whatever the bound; at the limit or
// beyond it, a strict bound (不足, 超过) says not reached, 近 and 余 (close to
// it) say reached when beyond and nothing at the limit, and 以下/以上 say
// nothing. It returns "" when the bound does not matter.
func boundedActual(cmp, acmp phrase.Comparator, got, want phrase.Quantity, text string) (jixiao.Status, string) {
	if want.Bound == phrase.About {
		return "", "" // 约1000人 against 近1000人: both approximate
	}
	floor := cmp == phrase.GE || cmp == phrase.GT || cmp == phrase.None || cmp == phrase.EQ
	var below, strict bool // the actual is at most got (below) or at least got
	switch {
	case floor && (got.Bound == phrase.Under || acmp == phrase.LT || acmp == phrase.LE):
		below, strict = true, acmp == phrase.LT
	case !floor && (got.Bound == phrase.More || acmp == phrase.GT || acmp == phrase.GE):
		strict = acmp == phrase.GT
	default:
		return "", ""
	}
	c := got.Value.Cmp(want.Value)
	if !below {
		c = -c // the cap side mirrors the floor side
	}
	near := acmp == phrase.None
	switch {
	case c < 0, c == 0 && strict:
		if cmp == phrase.EQ {
			return "", ""
		}
		return jixiao.StatusNotMet, "实际完成值“" + clip(text) + "”" + map[bool]string{true: "未达到", false: "超出"}[below] + "目标 " + want.Text
	case c > 0 && near:
		return "", ""
	}
	return jixiao.StatusUndetermined, "实际完成值“" + clip(text) + "”只写了" + map[bool]string{true: "上限", false: "下限"}[below] + "，无法判断是否达到目标 " + want.Text
}

func negate(c phrase.Comparator) phrase.Comparator {
	switch c {
	case phrase.GE:
		return phrase.LT
	case phrase.GT:
		return phrase.LE
	case phrase.LE:
		return phrase.GT
	case phrase.LT:
		return phrase.GE
	}
	return "≠"
}

// ratio returns num/den rounded to 4 places, or nil when den is zero.
func (j *judgement) ratio(num, den decimal.Decimal) *decimal.Decimal {
	v, ok := ratioValue(num, den)
	if !ok {
		return nil
	}
	return j.slab.new(v)
}

// ratioValue is num/den rounded to 4 places; ok is false when den is zero.
func ratioValue(num, den decimal.Decimal) (v decimal.Decimal, ok bool) {
	if den.IsZero() {
		return v, false
	}
	if q, ok := ratioInt(num, den); ok {
		return decimals.New(q, -4), true
	}
	return num.DivRound(den, 4), true
}

// ratioInt is num ÷ den rounded half up to 4 places, in ten-thousandths,
// computed in int64 for the common case of two positive values of at most
// a few digits (every completion ratio is one): exactly what DivRound
// gives, without big.Int. ok is false when it does not apply.
func ratioInt(num, den decimal.Decimal) (int64, bool) {
	if num.Sign() < 0 || den.Sign() <= 0 {
		return 0, false
	}
	cn, en := num.CoefficientInt64(), num.Exponent()
	cd, ed := den.CoefficientInt64(), den.Exponent()
	const limit = 1 << 40 // coefficients fitting with room for the shift
	if cn < 0 || cn >= limit || cd <= 0 || cd >= limit || num.NumDigits() > 12 || den.NumDigits() > 12 {
		return 0, false
	}
	// num/den × 10⁴ = cn/cd × 10^(en-ed+4)
	shift := en - ed + 4
	for ; shift > 0; shift-- {
		if cn > limit<<8 {
			return 0, false
		}
		cn *= 10
	}
	for ; shift < 0; shift++ {
		if cd > limit<<8 {
			return 0, false
		}
		cd *= 10
	}
	q, r := cn/cd, cn%cd
	if 2*r >= cd {
		q++
	}
	return q, true
}

// percent formats a ratio as a percentage with two decimals: 0.9639 → 96.39%.
// A ratio in ten-thousandths (every one ratioInt makes) is formatted from
// its coefficient, the same digits as StringFixed without big.Int.
func percent(r decimal.Decimal) string {
	if r.Exponent() == -4 && r.NumDigits() <= 18 {
		c := r.CoefficientInt64() // hundredths of a percent
		var buf [24]byte
		b := buf[:0]
		if c < 0 {
			b, c = append(b, '-'), -c
		}
		b = strconv.AppendInt(b, c/100, 10)
		b = append(b, '.', byte('0'+c%100/10), byte('0'+c%10), '%')
		return string(b)
	}
	return r.Shift(2).StringFixed(2) + "%"
}

func unitName(q phrase.Quantity) string {
	if q.UnitText != "" {
		return q.UnitText
	}
	if q.Unit != "" {
		return q.Unit
	}
	return "无单位"
}

// clip cuts s to its first 30 characters, marked with …, without decoding
// it into runes.
func clip(s string) string {
	n := 0
	for i := range s {
		if n == 30 {
			if !utf8.ValidString(s[:i]) {
				return string([]rune(s[:i])) + "…" // invalid bytes shown as U+FFFD, as before
			}
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// isDash reports a cell holding only a dash or a slash (—, -, /, a lone 一),
// as opposed to a blank one.
func isDash(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("-—–－/／\\一_~", r) {
			return false
		}
	}
	return true
}

// undatedOngoing reports a phrase that only says something is kept up (长期,
// 持续有效) without a date.
func undatedOngoing(p phrase.Phrase) bool {
	if p.Kind != phrase.KindDeadline || p.Deadline == nil || !p.Deadline.Ongoing {
		return false
	}
	_, _, _, dated := p.Deadline.Last(0)
	return !dated
}

// ongoingOnly reports a target that sets no date, only that something is
// kept up (长期, 持续), against an actual that states no time and no
// completion: there is nothing to compare, so it is qualitative.
func ongoingOnly(t, a phrase.Phrase) bool {
	if !undatedOngoing(t) || a.Kind == phrase.KindDeadline || a.Shortfall != "" || a.Late != "" {
		return false
	}
	for _, w := range []string{"按时", "按期", "如期", "及时", "完成"} {
		if strings.Contains(a.Text, w) {
			return false
		}
	}
	return true
}

// deadline compares a deadline target with the actual completion date.
func (j *judgement) deadline(t, a phrase.Phrase) part {
	p := part{comparator: "deadline"}
	if w := a.Shortfall + a.Late; w != "" {
		if a.Shortfall != "" {
			w = a.Shortfall
		} else {
			w = a.Late
		}
		p.status = jixiao.StatusNotMet
		p.explanation = "实际完成值“" + clip(a.Text) + "”写明“" + w + "”，未按期限“" + t.Text + "”完成"
		return p
	}
	td := t.Deadline
	ty, tm, tday, tok := td.Last(j.year)
	if a.Kind != phrase.KindDeadline || a.Deadline == nil {
		for _, w := range []string{"按时", "按期", "如期", "及时"} {
			if strings.Contains(a.Text, w) {
				p.status = jixiao.StatusMet
				p.explanation = "实际完成值“" + clip(a.Text) + "”表明已按期完成"
				return p
			}
		}
		if strings.Contains(a.Text, "完成") || doneVerb(a.Text) {
			p.status = jixiao.StatusMet
			p.explanation = "实际完成值“" + clip(a.Text) + "”未写完成时间，按已完成判定"
			return p
		}
		for _, w := range schedules {
			if strings.Contains(a.Text, w) && strings.Contains(t.Text, w) {
				p.status = jixiao.StatusMet
				p.explanation = "实际完成值“" + clip(a.Text) + "”与指标值同样写明“" + w + "”，按期完成"
				return p
			}
		}
		if a.Pending != "" && tok && j.year > 0 && ty <= j.year {
			// 正在推进 at the end of the year, and no word of completion: a
			// deadline within the year was not kept
			p.status = jixiao.StatusNotMet
			p.explanation = "实际完成值“" + clip(a.Text) + "”写明“" + a.Pending + "”，期限“" + t.Text + "”已过而未完成"
			return p
		}
		if y, m, ok := dottedYearMonth(a.Text); ok && tok {
			// 2022.12 alone against a deadline is a month, not a decimal
			if dateKey(y, m, daysIn(y, m)) <= dateKey(ty, tm, tday) {
				p.status = jixiao.StatusMet
				p.explanation = "实际 " + a.Text + "（" + itoa(y) + "年" + itoa(m) + "月）不晚于期限 " + t.Text
			} else {
				p.status = jixiao.StatusNotMet
				p.explanation = "实际 " + a.Text + "（" + itoa(y) + "年" + itoa(m) + "月）晚于期限 " + t.Text
			}
			return p
		}
		if y, ok := bareYear(a.Text); ok && tok && (y != ty || tm == 12 && tday == 31) {
			// 2022 alone against 2022年 or 2021年: a year; against 2022年6月底前
			// it cannot say which month
			if dateKey(y, 12, 31) <= dateKey(ty, tm, tday) {
				p.status = jixiao.StatusMet
				p.explanation = "实际 " + strings.TrimSpace(a.Text) + "（" + itoa(y) + "年）不晚于期限 " + t.Text
			} else {
				p.status = jixiao.StatusNotMet
				p.explanation = "实际 " + strings.TrimSpace(a.Text) + "（" + itoa(y) + "年）晚于期限 " + t.Text
			}
			return p
		}
		p.status = jixiao.StatusUndetermined
		p.issue = IssueActualNoNumber
		p.explanation = "指标值是期限（" + t.Text + "），但全年实际完成值“" + clip(a.Text) + "”中没有完成时间"
		return p
	}
	ad := a.Deadline
	ay, am, aday, aok := ad.Last(j.year)
	switch {
	case !tok || !aok:
		// 按时 / 长期 on either side: a completion stated on time is met
		p.status = jixiao.StatusMet
		p.explanation = "实际“" + a.Text + "”符合期限“" + t.Text + "”"
	case dateKey(ay, am, aday) <= dateKey(ty, tm, tday):
		p.status = jixiao.StatusMet
		p.explanation = "实际 " + a.Text + " 不晚于期限 " + t.Text
	default:
		p.status = jixiao.StatusNotMet
		p.explanation = "实际 " + a.Text + " 晚于期限 " + t.Text
	}
	return p
}

func dateKey(y, m, d int) int { return y*10000 + m*100 + d }

// daysIn is the number of days of month m of year y.
func daysIn(y, m int) int { return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() }

// bareYear reads a cell that is only a year in four digits (2022).
func bareYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 4 {
		return 0, false
	}
	y := 0
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		y = y*10 + int(s[i]-'0')
	}
	return y, y >= 1990 && y <= 2100
}

// dottedYearMonth reads a whole actual written as a year, a point and a month
// (2022.12, ２０２２．９, 2022.12。), which a clerk writes for a month where a
// deadline is asked. The month is one or two digits, 1 to 12; 2022.123 or a
// unit after it is a number.
func dottedYearMonth(s string) (y, m int, ok bool) {
	s = strings.TrimSpace(strings.TrimRight(s, "。；; "))
	rs := [8]int{}
	n := 0
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		} else if r == '．' {
			r = '.'
		}
		if n == len(rs) {
			return 0, 0, false
		}
		rs[n] = int(r)
		n++
	}
	if n < 6 || n > 7 || rs[4] != '.' {
		return 0, 0, false
	}
	for k := 0; k < n; k++ {
		if k != 4 && (rs[k] < '0' || rs[k] > '9') {
			return 0, 0, false
		}
		if k < 4 {
			y = y*10 + rs[k] - '0'
		} else if k > 4 {
			m = m*10 + rs[k] - '0'
		}
	}
	if y < 1949 || y > 2100 || m < 1 || m > 12 {
		return 0, 0, false
	}
	return y, m, true
}

// composite judges a target of several parts: numeric parts are matched to
// the actual's quantities by unit, in order; deadline parts to the actual's
// deadlines in order. The indicator is met when every part is; its
// completion is the lowest part's.
func (j *judgement) composite() {
	r := j.r
	t, a := r.Target, r.Actual
	used := make([]bool, len(a.Quantities))
	nextQuantity := func(unit string) (phrase.Quantity, bool) {
		for i, q := range a.Quantities {
			if !used[i] && phrase.Compatible(unit, q.Unit) {
				used[i] = true
				return q, true
			}
		}
		return phrase.Quantity{}, false
	}
	var deadlines []phrase.Phrase // read from the actual at the first deadline part
	deadlinesRead, nd := false, 0
	if n := len(t.Parts); n > 0 {
		r.Parts = make([]jixiao.PartAssessment, 0, n)
		r.PartActuals = make([]*phrase.Quantity, 0, n)
	}
	r.Comparator = "composite"
	worst := jixiao.StatusMet
	quantitative := 0
	for _, tp := range t.Parts {
		// each part judged and recorded in turn: judging a part reads
		// nothing that recording one writes
		var p part
		switch tp.Kind {
		case phrase.KindDeadline:
			if !deadlinesRead {
				deadlines, deadlinesRead = ActualDeadlines(a), true
			}
			ap := a
			if nd < len(deadlines) {
				ap = deadlines[nd]
				nd++
			}
			p = j.deadline(tp, ap)
		case phrase.KindQuantity, phrase.KindRange:
			p = j.quantity(tp, a, nextQuantity)
		default:
			p = part{status: jixiao.StatusQualitative, explanation: "定性分项"}
		}
		pa := jixiao.PartAssessment{Target: tp.Text, Status: p.status, Completion: p.completion, Explanation: p.explanation}
		var used *phrase.Quantity
		if p.hasUsed {
			pa.Actual = p.used.Text
			if r.Used == nil {
				// room for every part: PartActuals point into Used, which
				// never moves
				r.Used = make([]phrase.Quantity, 0, len(t.Parts))
			}
			r.Used = append(r.Used, p.used)
			used = &r.Used[len(r.Used)-1]
		}
		r.Parts = append(r.Parts, pa)
		r.PartActuals = append(r.PartActuals, used)
		if p.status == jixiao.StatusQualitative {
			continue
		}
		quantitative++
		if p.issue == IssueUnitMismatch || p.issue == IssueActualNoNumber {
			r.UnmatchedParts++
		}
		switch {
		case p.status == jixiao.StatusNotMet:
			worst = jixiao.StatusNotMet
		case p.status == jixiao.StatusUndetermined && worst == jixiao.StatusMet:
			worst = jixiao.StatusUndetermined
		}
		if p.completion != nil && (r.Completion == nil || p.completion.LessThan(*r.Completion)) {
			r.Completion = j.slab.new(*p.completion)
		}
	}
	switch {
	case quantitative == 0:
		r.Status = jixiao.StatusQualitative
		r.Explanation = "各分项均为定性描述"
		return
	case worst == jixiao.StatusUndetermined:
		r.Issue = IssueParts
	}
	r.Status = worst
	contradicted := worst == jixiao.StatusMet && a.Shortfall != ""
	if contradicted {
		r.Status, r.Issue = jixiao.StatusUndetermined, IssueContradiction
	}
	var b strings.Builder
	n := 0
	for _, p := range r.Parts {
		n += len("；分项：") + 2 + len(p.Explanation)
	}
	b.Grow(n) // one allocation for the whole explanation
	for i, p := range r.Parts {
		if i > 0 {
			b.WriteString("；")
		}
		b.WriteString("分项")
		b.WriteString(itoa(i + 1))
		b.WriteString("：")
		b.WriteString(p.Explanation)
	}
	if contradicted {
		b.WriteString("；但实际完成值写明“" + a.Shortfall + "”，数值与文字矛盾，请核实")
	}
	r.Explanation = b.String()
}

// hasUnit reports whether the phrase holds a quantity comparable with unit.
func hasUnit(a phrase.Phrase, unit string) bool {
	for _, q := range a.Quantities {
		if phrase.Compatible(unit, q.Unit) {
			return true
		}
	}
	return false
}

// statedTotal returns the last part of a composite target when it states
// the total of the parts before it (…3家、…4家，共7家) and the actual gives a
// single value of that unit: the actual answers the total, not each part.
func statedTotal(t, a phrase.Phrase) (phrase.Phrase, bool) {
	if a.Kind != phrase.KindQuantity || a.Quantity == nil || len(t.Parts) < 3 {
		return phrase.Phrase{}, false
	}
	last := t.Parts[len(t.Parts)-1]
	if last.Kind != phrase.KindQuantity || last.Quantity == nil || !last.Quantity.Total ||
		!phrase.Compatible(last.Quantity.Unit, a.Quantity.Unit) ||
		!a.Quantity.Total && strings.TrimSpace(a.Text[:a.Quantity.Start]) != "" {
		// 甲镇3家 against …，共7家 may answer one part only
		return phrase.Phrase{}, false
	}
	return last, true
}

// ActualDeadlines returns the actual's deadline parts in order: its parts
// when it lists several, else the actual itself.
func ActualDeadlines(a phrase.Phrase) []phrase.Phrase {
	var out []phrase.Phrase
	for _, p := range a.Parts {
		if p.Kind == phrase.KindDeadline {
			out = append(out, p)
		}
	}
	if len(out) == 0 && a.Kind == phrase.KindDeadline {
		out = append(out, a)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// MoneyValue returns a quantity of a money row in 元: 元/万元/亿元 are
// already canonical; 万 alone means 万元; a bare number without a magnitude
// (591.764) is read in the form's funds unit (万元 by default). ok is false
// for a quantity of another unit.
func MoneyValue(q phrase.Quantity, fundsUnit string) (decimal.Decimal, bool) {
	switch q.Unit {
	case "元":
		return q.Value, true
	case "":
		if strings.ContainsAny(q.Text, "万亿千") {
			return q.Value, true
		}
		return q.Value.Mul(jixiao.UnitFactor(fundsUnit)), true
	}
	return decimal.Decimal{}, false
}

// perUnit finds the one amount of the actual that states the target's money
// rate without its "per" (≤1200元/亩 against 1150元; 每生每年1000元 against
// 1000元/生·年): the same money unit written on both sides, one side per
// something. ok is false when there is none or more than one.
func perUnit(want phrase.Quantity, a phrase.Phrase) (phrase.Quantity, bool) {
	var found phrase.Quantity
	n := 0
	base, perYear := strings.CutSuffix(want.Unit, "/年")
	for _, q := range a.Quantities {
		if sameMoneyBase(want, q) || perYear && base != "" && q.Unit == base {
			// 100人次/年 against 120人次: the form reports one year
			found = q
			n++
		}
	}
	return found, n == 1
}

func sameMoneyBase(x, y phrase.Quantity) bool {
	rate, bare := x, y
	if strings.IndexByte(bare.UnitText, '/') >= 0 {
		rate, bare = y, x
	}
	return bare.Unit == "元" && bare.UnitText != "" && strings.IndexByte(bare.UnitText, '/') < 0 &&
		strings.HasPrefix(rate.Unit, "元/") && strings.HasPrefix(rate.UnitText, bare.UnitText+"/")
}

// conversions are the exact factors between measures written in different
// units: 1 公里 = 1000 米, 1 吨 = 1000 公斤, 1 公顷 = 15 亩.
var conversions = []struct {
	big, small string
	factor     decimal.Decimal
	tens       bool // a power of ten: the division is exact
}{
	{"公里", "米", decimal.NewFromInt(1000), true},
	{"米", "厘米", decimal.NewFromInt(100), true},
	{"吨", "公斤", decimal.NewFromInt(1000), true},
	{"公斤", "克", decimal.NewFromInt(1000), true},
	{"公斤", "斤", decimal.NewFromInt(2), false},
	{"万吨", "吨", decimal.NewFromInt(10000), true},
	{"公顷", "亩", decimal.NewFromInt(15), false},
	{"平方公里", "平方米", decimal.NewFromInt(1000000), true},
	{"平方公里", "公顷", decimal.NewFromInt(100), true},
	{"小时", "分钟", decimal.NewFromInt(60), false},
}

// converted finds the one quantity of the actual written in a unit that
// converts exactly into the target's (1200米 against 1.2公里) and returns it
// with its value in the target's unit. ok is false when there is none or
// more than one.
func converted(want phrase.Quantity, a phrase.Phrase) (phrase.Quantity, bool) {
	var found phrase.Quantity
	n := 0
	for _, q := range a.Quantities {
		for _, c := range conversions {
			switch {
			case want.Unit == c.big && q.Unit == c.small:
				q.Value = q.Value.Div(c.factor)
				if places := -want.Value.Exponent(); places > 0 && !c.tens {
					// 100亩 against 6.67公顷: compared at the target's precision
					q.Value = q.Value.Round(places)
				}
			case want.Unit == c.small && q.Unit == c.big:
				q.Value = q.Value.Mul(c.factor)
			default:
				continue
			}
			found = q
			n++
			break
		}
	}
	return found, n == 1
}

// satisfiedGrades are the grades of a satisfaction survey that count as
// satisfied, longest first; 基本满意 is counted by some forms and not by
// others; 不满意 and 一般 never.
var satisfiedGrades = [...]string{"非常满意", "比较满意", "很满意", "较满意", "满意"}

// gradeBreakdown judges a satisfaction the actual gives per grade (非常满意
// 65%、满意28%): the satisfied grades are added. When 基本满意 decides the
// outcome the row is undetermined. ok is false unless every percentage of the
// actual follows a grade.
func (j *judgement) gradeBreakdown(want phrase.Quantity, a phrase.Phrase) (part, bool) {
	var sat, basic decimal.Decimal
	n := 0
	for _, q := range a.Quantities {
		if q.Unit != "%" {
			continue
		}
		before := strings.TrimRight(a.Text[:q.Start], " \u3000：:为占约达")
		switch {
		case strings.HasSuffix(before, "不满意") || strings.HasSuffix(before, "一般"):
		case strings.HasSuffix(before, "基本满意"):
			basic = basic.Add(q.Value)
		default:
			found := false
			for _, g := range satisfiedGrades {
				if strings.HasSuffix(before, g) {
					found = true
					break
				}
			}
			if !found {
				return part{}, false
			}
			sat = sat.Add(q.Value)
		}
		n++
	}
	if n < 2 || sat.GreaterThan(hundred) || sat.Add(basic).GreaterThan(hundred) {
		return part{}, false
	}
	cmp := j.r.PartComparator(phrase.Phrase{Kind: phrase.KindQuantity, Quantity: &want})
	if cmp != phrase.GE && cmp != phrase.GT {
		return part{}, false
	}
	total := phrase.Quantity{Text: "满意合计" + sat.String() + "%", Value: sat, Unit: "%"}
	c := j.ratio(sat, want.Value)
	switch {
	case reaches(cmp, sat, want.Value):
		return part{status: jixiao.StatusMet, comparator: string(cmp), completion: c, used: total, hasUsed: true,
			explanation: "实际各满意档次合计 " + sat.String() + "% " + string(cmp) + " 目标 " + want.Text}, true
	case basic.IsZero() || !reaches(cmp, sat.Add(basic), want.Value):
		return part{status: jixiao.StatusNotMet, comparator: string(cmp), completion: c, used: total, hasUsed: true,
			explanation: "实际各满意档次合计 " + sat.Add(basic).String() + "%（含基本满意）仍未达到目标 " + want.Text}, true
	}
	return part{status: jixiao.StatusUndetermined, issue: IssueActualNoNumber,
		explanation: "满意档次合计 " + sat.String() + "%，加上基本满意为 " + sat.Add(basic).String() + "%，是否计入基本满意决定能否达到目标 " + want.Text}, true
}

// derivedRate computes a money rate the actual states as a total and a
// count (≤1600元/亩 against 建设1万亩，投资1550万元: 1550元/亩): exactly one
// amount in 元 and exactly one quantity of the target's "per" unit.
func derivedRate(want phrase.Quantity, a phrase.Phrase) (phrase.Quantity, bool) {
	per := want.Unit[len("元/"):]
	if per == "" {
		return phrase.Quantity{}, false
	}
	var money, count phrase.Quantity
	nm, nc := 0, 0
	for _, q := range a.Quantities {
		switch q.Unit {
		case "元":
			money = q
			nm++
		case per:
			count = q
			nc++
		}
	}
	if nm != 1 || nc != 1 || !count.Value.IsPositive() || money.Value.IsNegative() {
		return phrase.Quantity{}, false
	}
	v := money.Value.DivRound(count.Value, 2)
	return phrase.Quantity{Text: money.Text + "÷" + count.Text + "≈" + v.String() + "元/" + per, Value: v,
		Unit: want.Unit, UnitText: want.UnitText, Start: money.Start, End: money.End}, true
}

// satisfactionScore reads a satisfaction written as a score out of 100
// (平均满意度为93.2分) against a percentage target, or a percentage against a
// score target: survey scores of satisfaction are percentages of the full
// mark. Only satisfaction rows, one value of the other unit, at most 100.
func satisfactionScore(want phrase.Quantity, a phrase.Phrase, name string) (phrase.Quantity, bool) {
	other := "分"
	if want.Unit == "分" {
		other = "%"
	}
	if !strings.Contains(hanzi.Simplified(name), "满意") && !strings.Contains(hanzi.Simplified(a.Text), "满意") {
		return phrase.Quantity{}, false
	}
	var found phrase.Quantity
	n := 0
	for _, q := range a.Quantities {
		if q.Unit == other {
			found = q
			n++
		}
	}
	if n != 1 || found.Value.IsNegative() || found.Value.GreaterThan(hundred) {
		return phrase.Quantity{}, false
	}
	found.Unit = want.Unit
	return found, true
}

// periods are the words that make a count a rate per period within a year.
var periods = []struct {
	word string
	n    int64
}{{"每月", 12}, {"每季度", 4}, {"每季", 4}, {"每半年", 2}, {"每周", 0}, {"每天", 0}, {"每日", 0}}

// perPeriodUnknown opens the note of a count per week or day: how many
// weeks or working days the year had is not written, so it is not compared.
const perPeriodUnknown = "\x00"

// bareUnknown is the note of a bare actual that neither the target's unit
// nor its magnitude makes comparable (50 against ≥500万元).
const bareUnknown = "\x01"

var (
	tenth = decimal.New(1, -1)
	half  = decimal.New(5, -1)
	two   = decimal.NewFromInt(2)
	ten   = decimal.NewFromInt(10)
)

// magnitudeOf is the power of ten of the magnitude written in a target
// (万 4, 亿 8, 千 3, as in 500万元, 1.2亿元, 5千元), 0 when none; 千米, 千克
// and 千瓦 are units, not magnitudes.
func magnitudeOf(text string) int32 {
	switch {
	case strings.Contains(text, "亿") || strings.Contains(text, "億"):
		return 8
	case strings.Contains(text, "万") || strings.Contains(text, "萬"):
		return 4
	case strings.Contains(text, "千") && !strings.Contains(text, "千米") && !strings.Contains(text, "千克") && !strings.Contains(text, "千瓦"):
		return 3
	}
	return 0
}

func magnitudeName(p int32) string {
	switch p {
	case 8:
		return "亿"
	case 4:
		return "万"
	}
	return "千"
}

// scaled reads an actual the way the target means it: a bare fraction
// against a large percentage (0.92 against 90%, 1 against 100%) as a
// percentage, and a count per period (每月1次) against a yearly count
// (≥12次) as the year's count. note says so in the explanation.
func scaled(want phrase.Quantity, t, a phrase.Phrase, got phrase.Quantity) (phrase.Quantity, string) {
	if want.Unit == "%" && got.Unit == "" && got.UnitText == "" && want.Value.GreaterThanOrEqual(fifty) &&
		got.Value.IsPositive() && got.Value.LessThanOrEqual(decimal.NewFromInt(1)) && t.Comparator != phrase.LE && t.Comparator != phrase.LT {
		got.Value = got.Value.Shift(2)
		return got, "（按比例读作 " + got.Value.String() + "%）"
	}
	if got.Unit == "" && got.UnitText == "" && want.Unit != "" && want.Unit != "%" {
		// a bare actual takes the target's unit (1150 against ≤1200元/亩 is
		// 1150元/亩, not an amount in the funds unit), and its magnitude when
		// the clerk left out the 万 the target has (520 against ≥500万元)
		got.Unit = want.Unit
		if p := magnitudeOf(want.Text); p > 0 && want.Value.IsPositive() && got.Value.IsPositive() {
			if r := got.Value.Div(want.Value); r.GreaterThanOrEqual(tenth) && r.LessThanOrEqual(ten) {
				return got, ""
			}
			if r := got.Value.Shift(p).Div(want.Value); r.GreaterThanOrEqual(half) && r.LessThanOrEqual(two) {
				got.Value = got.Value.Shift(p)
				return got, "（按指标值的单位读作 " + got.Text + magnitudeName(p) + want.Unit + "）"
			}
			return got, bareUnknown
		}
		return got, ""
	}
	if got.Unit == "%" || got.Unit == "‰" || got.Unit == "个百分点" || strings.Contains(t.Text, "每") || got.Start > len(a.Text) {
		return got, ""
	}
	before := strings.TrimRight(a.Text[:got.Start], " ")
	for _, w := range []string{"不少于", "至少", "达到", "开展", "进行", "巡查", "召开", "举办"} {
		before = strings.TrimSuffix(before, w)
	}
	for _, p := range periods {
		if strings.HasSuffix(before, p.word) && p.n == 0 {
			return got, perPeriodUnknown + p.word
		}
		if strings.HasSuffix(before, p.word) {
			got.Value = got.Value.Mul(decimal.NewFromInt(p.n))
			return got, "（" + p.word + "，全年按 " + got.Value.String() + unitName(got) + " 计）"
		}
	}
	return got, ""
}

var fifty = decimal.NewFromInt(50)

// schedules are the regular rhythms a deadline target may set (按月发放):
// an actual that states the same rhythm kept it.
var schedules = []string{"按月", "按季度", "按季", "按年", "每月", "每季度"}

// doneVerbs after 已 say the work was done (已验收, 已拨付到位).
var doneVerbs = []string{"验收", "竣工", "完工", "拨付", "发放", "到位", "兑现", "落实", "建成", "办结", "支付", "下达", "实施", "交付", "投入使用"}

func doneVerb(s string) bool {
	for i := strings.Index(s, "已"); i >= 0; {
		rest := s[i+len("已"):]
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "全部"), "按要求")
		for _, v := range doneVerbs {
			if strings.HasPrefix(rest, v) {
				return true
			}
		}
		k := strings.Index(rest, "已")
		if k < 0 {
			break
		}
		s, i = rest, k
	}
	return false
}
