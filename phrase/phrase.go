// Package phrase reads the Chinese phrases written as target values (指标值)
// and actual values (全年实际完成值) of a self-evaluation form: 不少于7000件,
// 591.764万, 90%以上, 百分之九十, 12月底前完成, 70万、95万、35万, and actual
// sentences such as 2020年，全区发明专利授权量为11473件。
// (docs/domain.md §6, §11).
//
// Parse never fails: what it cannot read becomes KindQualitative. It is a
// hand-written scanner over runes (no regular expressions), because a whole
// form of about ninety phrases is read for every check.
//
// Composite sentences. A phrase is KindComposite when at least two of its
// parts (split at 、，；;,。 outside brackets) carry a quantity, or, when none
// does, at least two carry a deadline. This holds for actual sentences too:
// "…8家、…6家、…5家，共19家。" is a composite of four parts whose Quantity is
// the stated total 19家 (Total), so that a plain target (不少于18家) is
// compared with the total through Pick, and the parts can be checked against
// it. Parts holds only the parts that carry a quantity or a deadline; the
// clauses around them (项目支持新能源) are in Text and nowhere else.
//
// Totals. A quantity is a stated total when 共, 共计, 合计, 总计, 总共 or 一共
// stands directly before it, possibly with 完成, 有 or 为 between:
// 共19家, 合计：19家, 共完成6747件, 共有151家. 累计 is not a total: it marks the
// phrase Cumulative.
//
// Deadlines. A limit written as a month means the end of that month: 9月前 is
// read as "by 30 September" (see Deadline.Last). A part that names a date
// and no quantity is KindDeadline; a quantity phrase that also names a date
// or a limit keeps it in Deadline (截至12月底，完成100件). A year alone
// (2020年，全区…) is context in a sentence, not a deadline.
package phrase

import (
	"github.com/shopspring/decimal"
)

// Comparator is how a target compares, as written or implied by words.
type Comparator string

// Comparators. The words that make them: GE 不少于 不低于 不小于 至少 ≥ ≧ >=
// 以上 达到; GT 大于 超过 高于 > ＞; LE 不超过 不高于 不大于 ≤ ≦ <= 以下 以内
// 控制在…以内; LT 小于 低于 少于 不足 不到 < ＜; EQ 为 等于 = ﹦ ═ ＝.
const (
	None Comparator = ""
	GE   Comparator = "≥"
	GT   Comparator = ">"
	LE   Comparator = "≤"
	LT   Comparator = "<"
	EQ   Comparator = "="
)

// Bound says whether a written value is exact or only bounds the real one.
type Bound string

// Bounds.
const (
	Exact Bound = ""      // a plain value
	More  Bound = "more"  // 余 多 以上 +: the value is a lower bound (200余件 is more than 200)
	About Bound = "about" // 约 左右 大约: approximately
	Under Bound = "under" // 以下 以内 不到 近: the value is an upper bound (近1000人 is just under 1000)
)

// Quantity is one number found in a phrase.
type Quantity struct {
	// Text is the quantity as written, unit included: "591.764万", "1.8亿元", "200余件".
	Text string `json:"text"`
	// Value is fully scaled: 591.764万 → 5917640, 1.8亿元 → 180000000 (in 元),
	// 90% → 90, 百分之九十 → 90, 两千 → 2000.
	Value decimal.Decimal `json:"value"`
	// Unit is canonical: 元 for 元/千元/万元/亿元 (Value in 元); % for % ％
	// 百分之 百分比; rates as 元/亩; another unit as written (件, 家, 人次,
	// 个百分点, ‰), with a few aliases merged (千克 → 公斤, 千米 → 公里, 平米 →
	// 平方米); "" when none. A 万 with no unit after it is a magnitude:
	// 550万 has Unit "".
	Unit string `json:"unit"`
	// UnitText is the unit as written: "万元", "%", "件", "" for 591.764万.
	UnitText string `json:"unit_text,omitempty"`
	Bound    Bound  `json:"bound,omitempty"`
	Total    bool   `json:"total,omitempty"` // a stated total: 共19家, 合计19家
	// Start and End are the byte offsets of Text in the Text of the Phrase
	// that lists the quantity.
	Start int `json:"start"`
	End   int `json:"end"`
}

// Kind is what a phrase turned out to be.
type Kind string

// Kinds.
const (
	KindEmpty       Kind = "empty"       // "", 无, /, —, -
	KindQuantity    Kind = "quantity"    // one main number
	KindRange       Kind = "range"       // 80%-90%, 80～90%, 80%至90%, 100%-80%
	KindDeadline    Kind = "deadline"    // 12月底前完成, 第三季度, 按时
	KindComposite   Kind = "composite"   // several parts, each a quantity, range or deadline
	KindQualitative Kind = "qualitative" // text without a usable number
)

// Phrase is a target or actual value as read.
type Phrase struct {
	Text string `json:"text"`
	Kind Kind   `json:"kind"`
	// Comparator is written or implied by words (以上 → ≥, 以内 → ≤); None
	// when the phrase does not say. For a composite, the comparator all its
	// parts share, else None.
	Comparator Comparator `json:"comparator,omitempty"`
	Cumulative bool       `json:"cumulative,omitempty"` // 累计
	// Quantity is the main quantity: for KindQuantity the value; in a
	// sentence or a composite the stated total when there is one, else the
	// first quantity. Nil for the other kinds. It points into Quantities
	// (one allocation less per phrase): copy it before changing it.
	Quantity *Quantity `json:"quantity,omitempty"`
	// Min and Max are the ends of a KindRange, Min ≤ Max whatever the
	// written order (100%-80% → Min 80, Max 100).
	Min *Quantity `json:"min,omitempty"`
	Max *Quantity `json:"max,omitempty"`
	// Deadline is set for KindDeadline, for a quantity phrase that also
	// names a date or a time limit (截至2020年底，共有151家), and for a
	// composite: the first deadline among its parts.
	Deadline *Deadline `json:"deadline,omitempty"`
	// Parts are the parts of a KindComposite that carry a quantity or a
	// deadline, each read on its own, in order.
	Parts []Phrase `json:"parts,omitempty"`
	// Shortfall is a word that says the target was not reached (未完成,
	// 未能, 尚未, 没有达到, 不符合, 超出…范围), whatever number the text also
	// holds; "" when none. Late is a word that says the work was late (延期,
	// 推迟, 逾期). Absence is a word that says something did not happen (无,
	// 未发生, 未出现, 零, 杜绝): 无安全事故 is a good outcome, and so is 无未按时
	// 完成情况. A label such as 未完成原因 is none of them. See negation.go.
	Shortfall string `json:"shortfall,omitempty"`
	Late      string `json:"late,omitempty"`
	Absence   string `json:"absence,omitempty"`
	// Pending is a word that says the work is still going on (正在推进,
	// 建设中, 在建): against a deadline that has passed, it was not kept.
	Pending string `json:"pending,omitempty"`
	// Except is the verb of a count of things not done (有3户未享受: 未享受):
	// it says the target was not reached only when no number answers the
	// target (已改造120户，其中3户未入住 reaches 120户).
	Except string `json:"except,omitempty"`
	// Quantities lists every quantity of the text in order, parts included;
	// never years, dates, quarters, ordinals (指标1, 第1, list markers),
	// numbers in 《titles》 and “quoted labels”, codes (1+1+N, 5G) or phone
	// numbers.
	Quantities []Quantity `json:"quantities,omitempty"`
}

// Parse reads a target or actual value. It never panics and never fails:
// empty cells are KindEmpty and what has no usable number is KindQualitative.
// Only the first few thousand characters of a text are scanned.
func Parse(text string) Phrase {
	s := scanners.Get().(*scanner)
	defer scanners.Put(s)
	s.reset(text)
	s.run()
	return s.phrase()
}

// MaxParts bounds the parts of a composite phrase: a real target or actual
// lists a few (省级2项、市级5项、县级10项); a text of hundreds of numbered
// clauses is a list to read, not a value to judge, and is qualitative.
// Without the bound a cell of the longest size allowed would keep a phrase
// per part, and a form of such cells hundreds of megabytes.
const MaxParts = 64

// span is a part of the phrase, in runes, separators excluded.
type span struct{ a, b int }

func (s *scanner) phrase() Phrase {
	in := &s.in
	if isEmptyValue(in, s.ta, s.tb) {
		return Phrase{Text: in.src, Kind: KindEmpty}
	}
	var carriers []span
	withQty := 0
	a := 0
	for k := 0; k <= len(s.seps); k++ {
		b := len(in.rs)
		if k < len(s.seps) {
			b = s.seps[k]
		}
		if qs := s.qtysIn(a, b); len(qs) > 0 {
			carriers = append(carriers, span{a, b})
			withQty++
		} else if dl := s.deadlineIn(a, b, nil); dl.counts && !dl.yearOnly {
			carriers = append(carriers, span{a, b})
		}
		a = b + 1
	}
	if len(carriers) > MaxParts {
		// a list, not a target: reading it would keep a phrase per part
		return Phrase{Text: in.src, Kind: KindQualitative}
	}
	if withQty >= 2 || withQty == 0 && len(carriers) >= 2 {
		return s.composite(carriers)
	}
	return s.build(0, len(in.rs), false, nil)
}

// composite builds a KindComposite from its parts.
func (s *scanner) composite(parts []span) Phrase {
	p := Phrase{Text: s.in.src, Kind: KindComposite, Cumulative: s.cumulative(0, len(s.in.rs))}
	p.Parts = make([]Phrase, 0, len(parts))
	// the quantities of the parts and of the whole in one allocation
	n := len(s.qtysIn(0, len(s.in.rs)))
	for _, sp := range parts {
		n += len(s.qtysIn(sp.a, sp.b))
	}
	buf := make([]Quantity, n)
	for k, sp := range parts {
		part := s.build(sp.a, sp.b, true, &buf)
		if k == 0 {
			p.Comparator = part.Comparator
		} else if part.Comparator != p.Comparator {
			p.Comparator = None
		}
		if p.Deadline == nil {
			p.Deadline = part.Deadline
		}
		p.Parts = append(p.Parts, part)
	}
	s.negation(&p, 0, len(s.in.rs))
	qs := s.qtysIn(0, len(s.in.rs))
	p.Quantities = quantities(qs, 0, &buf)
	if len(qs) > 0 {
		p.Quantity = &p.Quantities[s.mainIndex(qs)]
	}
	return p
}

// build reads the runes [a, b) as one phrase. A part (part=true) gets its
// own trimmed Text and offsets relative to it; the whole phrase keeps the
// text as given.
func (s *scanner) build(a, b int, part bool, buf *[]Quantity) Phrase {
	in := &s.in
	ta, tb := in.trim(a, b)
	p := Phrase{Text: in.src}
	base := 0
	if part {
		p.Text, base = in.text(ta, tb), in.off[ta]
	}
	p.Cumulative = s.cumulative(ta, tb)
	s.negation(&p, a, b)
	qs := s.qtysIn(a, b)
	p.Quantities = quantities(qs, base, buf)
	dl := s.deadlineIn(ta, tb, qs)
	switch {
	case len(qs) == 0 && dl.counts:
		p.Kind, p.Deadline = KindDeadline, newDeadline(dl.d)
	case len(qs) == 0 && isEmptyValue(in, ta, tb):
		p.Kind = KindEmpty
	case len(qs) == 0:
		p.Kind = KindQualitative
	case len(qs) == 2 && qs[0].link:
		p.Kind = KindRange
		lo, hi := p.Quantities[0], p.Quantities[1]
		if hi.Value.LessThan(lo.Value) {
			lo, hi = hi, lo
		}
		p.Min, p.Max = &lo, &hi
	default:
		p.Kind = KindQuantity
		m := s.mainIndex(qs)
		p.Quantity, p.Comparator = &p.Quantities[m], qs[m].cmp
		if dl.dated || dl.counts && !dl.yearOnly {
			p.Deadline = newDeadline(dl.d)
		}
	}
	return p
}

// newDeadline returns a copy of d on the heap. Only the phrases that keep a
// deadline pay for one: taking the address of the scanner's result instead
// would move it to the heap for every phrase read.
func newDeadline(d Deadline) *Deadline { return &d }

// qtysIn returns the quantities that start in [a, b).
func (s *scanner) qtysIn(a, b int) []qty {
	lo, hi := within(s.qs, a, b, func(q *qty) int { return q.s })
	return s.qs[lo:hi]
}

// within returns the indices [lo, hi) of the items of xs, sorted by start,
// that start in [a, b). The scanner records everything in reading order.
func within[T any](xs []T, a, b int, start func(*T) int) (lo, hi int) {
	lo = startingFrom(xs, 0, a, start)
	return lo, startingFrom(xs, lo, b, start)
}

// startingFrom returns the first index k ≥ from of xs, sorted by start,
// whose item starts at v or later (len(xs) if none): sort.Search written
// out, without its closure, as this runs several times per phrase.
func startingFrom[T any](xs []T, from, v int, start func(*T) int) int {
	i, j := from, len(xs)
	for i < j {
		h := int(uint(i+j) >> 1)
		if start(&xs[h]) < v {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// quantities copies the scanner's quantities out, with offsets relative to
// base, into the front of *buf when given (its capacity cut, so that the
// slices carved from one buffer never overlap), else into a new slice.
func quantities(qs []qty, base int, buf *[]Quantity) []Quantity {
	if len(qs) == 0 {
		return nil
	}
	var out []Quantity
	if buf != nil && len(*buf) >= len(qs) {
		out, *buf = (*buf)[:len(qs):len(qs)], (*buf)[len(qs):]
	} else {
		out = make([]Quantity, len(qs))
	}
	for k := range qs {
		out[k] = qs[k].Quantity
		out[k].Start -= base
		out[k].End -= base
	}
	return out
}

// mainIndex picks the main quantity: the stated total, else the first
// quantity after the qualifiers of a noun that open the phrase
// (65岁以上老年人≥5000人, 3-6周岁儿童≥95%: the target is 5000人 and 95%),
// else the first.
func (s *scanner) mainIndex(qs []qty) int {
	for k := range qs {
		if qs[k].Total {
			return k
		}
	}
	for k := range qs {
		if k > 0 && qs[k].written && qs[k].cmp != EQ {
			return k
		}
		if !s.qualifier(&qs[k]) {
			break
		}
	}
	return 0
}

// qualifier reports a quantity that only says which things are counted: it
// has no written comparator and a noun follows it (65岁以上老年人, 3-6周岁
// 儿童), or it is the left end of a range.
func (s *scanner) qualifier(q *qty) bool {
	if q.link {
		return true
	}
	r := s.in.at(q.post)
	return !q.written && q.Unit != "" && isHan(r) && !stopRunes[r]
}

var (
	wordCumulative = []rune("累计")
	wordAccrued    = []rune("累积")
)

func (s *scanner) cumulative(a, b int) bool {
	for j := a; j < b; j++ {
		if s.in.rs[j] == '累' && (s.in.hasAt(j, wordCumulative) || s.in.hasAt(j, wordAccrued)) {
			return true
		}
	}
	return false
}

// isEmptyValue reports whether the runes [a, b) say "nothing": blank, 无,
// 暂无, or only dashes and slashes (/, —, --, \).
func isEmptyValue(in *input, a, b int) bool {
	for a < b && (in.rs[a] == ' ' || in.rs[a] == '\n') {
		a++
	}
	for b > a && (in.rs[b-1] == ' ' || in.rs[b-1] == '\n' || in.rs[b-1] == '。' || in.rs[b-1] == '.') {
		b--
	}
	if a == b {
		return true
	}
	dashes := true
	for _, r := range in.rs[a:b] {
		if r != '-' && r != '/' && r != '\\' && r != '_' && r != '~' && r != ' ' {
			dashes = false
			break
		}
	}
	return dashes || b-a <= 4 && emptyWords[in.text(a, b)]
}

// Pick returns the quantity of an actual value to compare with a target
// whose canonical unit is unit: the stated total with a compatible unit when
// there is one, else the first quantity with a compatible unit. ok is false
// when there is none.
func (p Phrase) Pick(unit string) (Quantity, bool) {
	for _, q := range p.Quantities {
		if q.Total && Compatible(q.Unit, unit) {
			return q, true
		}
	}
	for _, q := range p.Quantities {
		if Compatible(q.Unit, unit) {
			return q, true
		}
	}
	return Quantity{}, false
}

// Compatible reports whether two canonical units can be compared: they are
// equal, or either is "" (a bare number: 50 against ≥50个, 550万 against
// 591.764万元), or both are classifiers of one kind (unitClass): 人, 名 and
// 位 count people; 台, 套 and 台套 equipment; 次, 场 and 期 events; the
// generic 个 counts any object (3处 against 3个, 8个 against 8项). 元 and %
// never compare, nor 家 and 件, nor 人 and 个.
func Compatible(a, b string) bool {
	if a == b || a == "" || b == "" {
		return true
	}
	if a == "个" || b == "个" {
		other := unitClass(a)
		if a == "个" {
			other = unitClass(b)
		}
		return other == classObject || other == classSite || other == classEquipment
	}
	ca := unitClass(a)
	return ca != classNone && ca != classObject && ca == unitClass(b) // 家 and 件 stay apart
}

type unitKind uint8

const (
	classNone unitKind = iota
	classPeople
	classEquipment
	classEvent
	classBatch
	classSite
	classObject
)

// unitClass groups the classifiers that name the same kind of thing. Sites
// (座, 处, 所) compare with one another; other object classifiers only with
// the generic 个.
func unitClass(u string) unitKind {
	switch u {
	case "人", "名", "位":
		return classPeople
	case "台", "套", "台套":
		return classEquipment
	case "次", "场", "场次", "期", "轮":
		return classEvent
	case "批", "批次":
		return classBatch
	case "座", "处", "所":
		return classSite
	case "个", "家", "项", "件", "间", "栋", "幢", "条", "块", "张", "只", "支", "组", "队",
		"种", "部", "份", "册", "本", "辆", "艘", "架", "株", "棵", "口", "宗", "笔", "枚", "片", "段", "篇":
		return classObject
	}
	return classNone
}
