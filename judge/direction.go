package judge

import (
	"sort"
	"strings"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/phrase"
)

// Direction is the way a numeric target without a written comparator is
// judged, and why (issue 8, class 1; docs/directions.md). The order of
// precedence:
//
//  1. a comparator written in the target (不少于, ≤, 以内, 控制在…);
//  2. the direction lexicon, on the indicator's name and then its target's
//     words: a word that counts bad things (受害率, 事故, 投诉, 超支…) at the
//     head of the name makes it lower-is-better (≤), unless a word of
//     handling or reduction (处理率, 办结率, 查处, 满意度, 下降…) stands in
//     the name or the target, which keeps it higher-is-better (≥);
//  3. the level-2 category: cost rows ≤;
//  4. otherwise ≥.
//
// A written = (为, 等于) is not a direction: for counts it means "at least"
// (domain.md §4), so the lexicon and the category still decide.
type Direction struct {
	Comparator phrase.Comparator
	// Reason says in Chinese why: 指标值写明比较方式（≥）, 指标名称含“受害率”（越低越好，≤）…
	Reason string
	// Handling is set when a lower-is-better word is overridden (事故处理率,
	// 投诉办结率): the rate of handling something bad, of which there may
	// have been none.
	Handling bool
}

// Directions is a direction lexicon: words of bad things counted (lower is
// better) and words of handling or reduction that override them (higher is
// better). The zero value is not useful: use DefaultDirections or
// NewDirections.
type Directions struct {
	lower, higher *dirWords
	verbs         map[string]bool
}

// LowerIsBetter are the default words of things whose rate or count should
// be low. A word decides only at the head of the name: what follows it may
// only be a neutral tail (率, 数, 数量, 起数, 金额, 情况…, see tailWords).
var LowerIsBetter = []string{
	// rates of bad things
	"发生率", "受害率", "成灾率", "发病率", "患病率", "感染率", "死亡率", "伤亡率", "流失率", "空置率",
	"返工率", "不合格率", "辍学率", "失业率", "故障率", "差错率", "出错率", "误报率", "漏报率",
	"漏检率", "投诉率", "违规率", "复发率", "发案率", "事故率", "退货率", "损耗率", "损失率",
	"返贫率", "超支率", "逾期率", "失误率", "缺陷率", "次品率", "废品率", "闲置率", "脱落率",
	// bad things counted
	"事故", "火灾", "投诉", "差错", "违规", "违纪", "违法", "失误", "死亡", "伤亡", "损失", "损耗",
	"漏报", "漏检", "误报", "错报", "瞒报", "迟报", "上访", "信访", "隐患", "污染物", "排放",
	"能耗", "不合格", "次品", "废品", "故障", "缺陷", "超标", "延误", "积压", "差评", "辍学",
	"失业", "发案", "超支", "逾期", "拖欠", "欠薪", "返贫", "致贫", "闲置", "安全问题",
	"病虫害", "有害生物", "水土流失", "沙化", "荒漠化", "盗伐", "滥伐", "非法", "侵权",
	"错误率", "失败率", "退学率", "不良率", "坏账率", "不良贷款", "误差", "漏诊率", "误诊率", "病死率",
	"犯罪率", "案发率", "黑臭水体", "办理时限", "办结时限", "审批时限", "响应时间", "等待时间",
	"等候时间", "办理时长", "成本", "造价",
}

// HigherIsBetter are the default override words: handling, solving or
// reducing bad things, and measures that are good whatever they concern.
// One of them anywhere in the name or the target keeps the target ≥ even
// beside a lower-is-better word: 事故处理率, 投诉办结率, 投诉处理满意度,
// 违规查处率, 挽回经济损失, 事故发生率下降.
var HigherIsBetter = []string{
	"处理率", "办结率", "查处率", "整改率", "结案率", "满意度", "满意率", "覆盖率", "回复率",
	"答复率", "响应率", "解决率", "化解率", "调处率", "调解率", "消除率", "销号率", "治理率",
	"处置率", "破案率", "侦破率", "救治率", "治愈率", "达标率", "合格率", "及时率", "完成率",
	"到位率", "知晓率", "受理率", "排查率", "预警率", "监测率", "防治率", "减排率",
	"处理", "处置", "办结", "查处", "整改", "结案", "调解", "化解", "调处", "治理", "整治",
	"防治", "防控", "预防", "防范", "排查", "打击", "侦破", "破获", "救治", "救助", "赔付",
	"受理", "回复", "答复", "消除", "销号", "挽回", "避免", "减少", "降低", "下降", "减轻",
	"压减", "缩短", "减排", "清零", "追回", "收回", "举报", "监督", "检查", "巡查", "监管",
	"拆除", "清理", "纠正", "取缔", "整顿", "遏制", "追缴", "收缴", "清退", "清收", "劝返", "制止",
	"拦截", "查获", "抓获", "没收", "处罚", "问责", "曝光", "通报", "约谈", "防止", "管控",
	"节约", "节省", "收益", "效益",
}

// LowerIsBetterVerbs are lower-is-better words that govern what follows them
// (拖欠农民工工资, 违规使用资金金额): they decide whatever comes after, as
// long as no override word stands in the name.
var LowerIsBetterVerbs = []string{
	"拖欠", "欠薪", "违规", "违纪", "违法", "挪用", "截留", "骗取", "套取", "冒领", "虚报", "超支",
	"逾期", "挤占", "侵占", "贪污", "滞留",
}

// tailWords may follow the lower-is-better word at the head of a name: they
// say how the bad thing is counted (受害率, 事故起数, 投诉件数, 损失金额).
var tailWords = []string{
	"率", "比例", "比率", "占比", "数", "数量", "量", "次数", "件数", "起数", "例数", "人数", "户数",
	"个数", "总数", "总量", "总额", "金额", "额", "发生率", "发生数", "发生次数", "发生", "情况",
	"事件", "案件", "问题", "现象", "行为", "面积", "人次", "次", "起", "件", "例", "宗", "平均",
	"指标", "控制数", "的",
}

var (
	defaultDirections = buildDirections(nil, nil)
	tails             = newDirWords(tailWords)
)

// DefaultDirections returns the built-in lexicon.
func DefaultDirections() *Directions { return defaultDirections }

// NewDirections returns the built-in lexicon extended by a configuration
// (check --config: lower_is_better, higher_is_better). A word listed as
// higher-is-better also leaves the lower-is-better list, so a configuration
// can withdraw a default word.
func NewDirections(lower, higher []string) *Directions {
	if len(lower) == 0 && len(higher) == 0 {
		return defaultDirections
	}
	return buildDirections(lower, higher)
}

func buildDirections(lower, higher []string) *Directions {
	drop := map[string]bool{}
	var hi []string
	for _, w := range append(append([]string{}, HigherIsBetter...), higher...) {
		if w = strings.TrimSpace(w); w != "" {
			hi = append(hi, w)
			drop[w] = true
		}
	}
	var lo []string
	for _, w := range append(append([]string{}, LowerIsBetter...), lower...) {
		if w = strings.TrimSpace(w); w != "" && !drop[w] {
			lo = append(lo, w)
		}
	}
	for _, w := range LowerIsBetterVerbs {
		if !drop[w] {
			lo = append(lo, w)
		}
	}
	verbs := map[string]bool{}
	for _, w := range LowerIsBetterVerbs {
		verbs[w] = true
	}
	return &Directions{lower: newDirWords(lo), higher: newDirWords(hi), verbs: verbs}
}

// dirWords is a word list indexed by first rune, longest first. first
// marks the BMP runes a word starts with, so that most runes of a name cost
// one bit test rather than a map lookup.
type dirWords struct {
	first [1 << 10]uint64
	words map[rune][]string
}

func newDirWords(ws []string) *dirWords {
	d := &dirWords{words: map[rune][]string{}}
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if r >= 1<<16 {
			continue // no word of the lexicon starts outside the BMP
		}
		d.first[r>>6] |= 1 << (r & 63)
		d.words[r] = append(d.words[r], w)
	}
	for _, l := range d.words {
		sort.SliceStable(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	}
	return d
}

// at returns the longest word starting at byte i of s whose first rune is
// r, or "".
func (d *dirWords) at(s string, i int, r rune) string {
	if r >= 1<<16 || d.first[r>>6]&(1<<(r&63)) == 0 {
		return ""
	}
	for _, w := range d.words[r] {
		if strings.HasPrefix(s[i:], w) {
			return w
		}
	}
	return ""
}

// reading is what the lexicon finds in one text.
type reading struct {
	head   string // a lower-is-better word at the head (only a neutral tail after it)
	lower  string // the first lower-is-better word anywhere
	higher string // the first override word anywhere
}

// read scans a name or a target once, left to right, taking the longest
// word at each position (不合格率 before 合格率).
func (d *Directions) read(s string) reading {
	var rd reading
	last, lastEnd, verb := "", -1, ""
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		lw, hw := d.lower.at(s, i, r), d.higher.at(s, i, r)
		switch {
		case lw != "" && len(lw) >= len(hw):
			if rd.lower == "" {
				rd.lower = lw
			}
			if d.verbs[lw] && verb == "" {
				verb = lw
			}
			last, lastEnd = lw, i+len(lw)
			i += len(lw)
		case hw != "":
			if rd.higher == "" {
				rd.higher = hw
			}
			last = ""
			i += len(hw)
		default:
			i += n
		}
	}
	switch {
	case last != "" && neutralTail(s[lastEnd:]):
		rd.head = last
	case verb != "":
		rd.head = verb // 拖欠农民工工资
	}
	return rd
}

// neutralTail reports whether s only says how something is counted: tail
// words, numbers, units in brackets, punctuation.
func neutralTail(s string) bool {
	depth := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.ContainsRune("（([【", r):
			depth++
		case strings.ContainsRune("）)]】", r):
			depth--
		case depth > 0 || !isHan(r):
		default:
			w := tails.at(s, i, r)
			if w == "" {
				return false
			}
			n = len(w)
		}
		i += n
	}
	return true
}

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF
}

// writtenReasons are the reasons for written comparators, made once.
var writtenReasons = map[phrase.Comparator]string{
	phrase.GE: "指标值写明比较方式（≥）", phrase.GT: "指标值写明比较方式（>）",
	phrase.LE: "指标值写明比较方式（≤）", phrase.LT: "指标值写明比较方式（<）",
}

// Of returns the direction of a numeric target t of an indicator named
// name in category cat.
func (d *Directions) Of(name string, t phrase.Phrase, cat jixiao.Category) Direction {
	if c := t.Comparator; c != phrase.None && c != phrase.EQ {
		return Direction{Comparator: c, Reason: writtenReasons[c]}
	}
	if d == nil {
		d = defaultDirections
	}
	n, tg := d.read(name), d.read(t.Text)
	lower := n.lower
	if lower == "" {
		lower = tg.lower
	}
	higher := n.higher
	if higher == "" {
		higher = tg.higher
	}
	switch {
	case lower != "" && higher != "":
		return Direction{Comparator: phrase.GE, Reason: "指标含“" + lower + "”，但“" + higher + "”表明越高越好（≥）", Handling: true}
	case n.head != "":
		return Direction{Comparator: phrase.LE, Reason: "指标名称含“" + n.head + "”，越低越好（≤）"}
	case tg.head != "":
		return Direction{Comparator: phrase.LE, Reason: "指标值含“" + tg.head + "”，越低越好（≤）"}
	case cat == jixiao.CategoryCost:
		return Direction{Comparator: phrase.LE, Reason: "成本指标，默认不超过目标（≤）"}
	}
	return Direction{Comparator: phrase.GE, Reason: "默认越高越好（≥）"}
}

// lowerName reports whether the name alone makes an indicator
// lower-is-better (安全事故, 挪用资金情况), with no override word.
func (d *Directions) lowerName(name string) bool {
	n := d.read(name)
	return n.head != "" && n.higher == ""
}
