package phrase

// This file holds the word lists of the grammar other than units: what may
// stand before a number, after it, before a bare integer that is only a
// label, and the words of deadlines.

// prefixWord is what a word just before a number says about it.
type prefixWord struct {
	cmp   Comparator
	bound Bound
	total bool
}

// prefixWords stand directly before a number (spaces and colons allowed).
// Several may stack: 累计达到80家, 共计完成, 约为. Words with no effect
// (完成, 有, 累计) are listed so that the words before them are still seen:
// 共完成6747件 and 共有151家 state a total. 公共 is listed so that its 共 is
// not taken for one.
var prefixWords = newLexicon([]pair[prefixWord]{
	{"不少于", prefixWord{cmp: GE}}, {"不低于", prefixWord{cmp: GE}}, {"不小于", prefixWord{cmp: GE}},
	{"至少", prefixWord{cmp: GE}}, {"最少", prefixWord{cmp: GE}}, {"最低", prefixWord{cmp: GE}},
	{"大于等于", prefixWord{cmp: GE}}, {"大于或等于", prefixWord{cmp: GE}}, {"不少於", prefixWord{cmp: GE}},
	{"≥", prefixWord{cmp: GE}}, {">=", prefixWord{cmp: GE}}, {"=>", prefixWord{cmp: GE}},
	{"达到", prefixWord{cmp: GE}}, {"达", prefixWord{cmp: GE}}, {"高达", prefixWord{cmp: GE}},
	{"大于", prefixWord{cmp: GT}}, {"超过", prefixWord{cmp: GT}}, {"高于", prefixWord{cmp: GT}},
	{"多于", prefixWord{cmp: GT}}, {"超出", prefixWord{cmp: GT}}, {">", prefixWord{cmp: GT}},
	{"不超过", prefixWord{cmp: LE}}, {"不高于", prefixWord{cmp: LE}}, {"不大于", prefixWord{cmp: LE}},
	{"不多于", prefixWord{cmp: LE}}, {"不超出", prefixWord{cmp: LE}}, {"至多", prefixWord{cmp: LE}},
	{"最多", prefixWord{cmp: LE}}, {"最高", prefixWord{cmp: LE}}, {"小于等于", prefixWord{cmp: LE}},
	{"小于或等于", prefixWord{cmp: LE}}, {"控制在", prefixWord{cmp: LE}},
	{"≤", prefixWord{cmp: LE}}, {"<=", prefixWord{cmp: LE}}, {"=<", prefixWord{cmp: LE}},
	{"小于", prefixWord{cmp: LT}}, {"低于", prefixWord{cmp: LT}}, {"少于", prefixWord{cmp: LT}},
	{"<", prefixWord{cmp: LT}},
	{"不足", prefixWord{cmp: LT, bound: Under}}, {"不到", prefixWord{cmp: LT, bound: Under}},
	{"为", prefixWord{cmp: EQ}}, {"等于", prefixWord{cmp: EQ}}, {"=", prefixWord{cmp: EQ}},
	{"约", prefixWord{bound: About}}, {"大约", prefixWord{bound: About}}, {"近", prefixWord{bound: Under}},
	{"接近", prefixWord{bound: Under}}, {"将近", prefixWord{bound: Under}}, {"大概", prefixWord{bound: About}},
	{"共", prefixWord{total: true}}, {"共计", prefixWord{total: true}}, {"合计", prefixWord{total: true}},
	{"总计", prefixWord{total: true}}, {"总共", prefixWord{total: true}}, {"一共", prefixWord{total: true}},
	{"完成", prefixWord{}}, {"有", prefixWord{}}, {"累计", prefixWord{}}, {"累积", prefixWord{}},
	{"了", prefixWord{}}, {"公共", prefixWord{}},
})

// suffixWord is what a word just after a quantity says about it.
type suffixWord struct {
	cmp   Comparator
	bound Bound
}

var suffixWords = newLexicon([]pair[suffixWord]{
	{"以上", suffixWord{GE, More}}, {"及以上", suffixWord{GE, More}}, {"或以上", suffixWord{GE, More}},
	{"以下", suffixWord{LE, Under}}, {"及以下", suffixWord{LE, Under}}, {"或以下", suffixWord{LE, Under}},
	{"以内", suffixWord{LE, Under}}, {"之内", suffixWord{LE, Under}},
	{"左右", suffixWord{None, About}},
})

// ordinalWords before a bare integer make it a label: 指标1, 附件2, #3.
// 第 is handled apart because it also makes quarters (第三季度); Latin
// labels (No.3) are skipped whole by the scanner.
var ordinalWords = newLexicon([]pair[struct{}]{
	{"指标", struct{}{}}, {"序号", struct{}{}}, {"编号", struct{}{}}, {"附件", struct{}{}},
	{"附表", struct{}{}}, {"#", struct{}{}}, {"№", struct{}{}},
})

// phoneWords before a long integer make it a phone number.
var phoneWords = newLexicon([]pair[struct{}]{
	{"电话", struct{}{}}, {"手机", struct{}{}}, {"联系方式", struct{}{}}, {"热线", struct{}{}},
	{"传真", struct{}{}}, {"Tel", struct{}{}}, {"TEL", struct{}{}}, {"tel", struct{}{}},
})

// dlWord is what a deadline word says.
type dlWord struct {
	endOfYear, before, onTime, ongoing bool
	nextYear                           bool // 次年, 翌年: the year after the form's
	month                              int  // 上半年 → 6
	// soft words (按时, 长期, 持续…) also occur in ordinary sentences (持续推进,
	// 及时处理投诉, 及时率): they make a deadline only in a phrase of
	// completion words (see completionWords).
	soft bool
}

var deadlineWords = newLexicon([]pair[dlWord]{
	{"年底", dlWord{endOfYear: true}}, {"年末", dlWord{endOfYear: true}}, {"年终", dlWord{endOfYear: true}},
	{"岁末", dlWord{endOfYear: true}},
	{"年底前", dlWord{endOfYear: true, before: true}}, {"年末前", dlWord{endOfYear: true, before: true}},
	{"年内", dlWord{endOfYear: true, before: true}}, {"年度内", dlWord{endOfYear: true, before: true}},
	{"本年度内", dlWord{endOfYear: true, before: true}}, {"当年内", dlWord{endOfYear: true, before: true}},
	{"上半年", dlWord{month: 6}}, {"下半年", dlWord{month: 12}},
	// 全年 is a period that ends on 31 December, but it also opens sentences
	// (全年完成…, 全年，项目…): it makes a deadline only among completion words.
	{"全年", dlWord{endOfYear: true, soft: true}}, {"全年度", dlWord{endOfYear: true, soft: true}},
	{"当年", dlWord{endOfYear: true, soft: true}}, {"本年", dlWord{endOfYear: true, soft: true}},
	{"本年度", dlWord{endOfYear: true, soft: true}}, {"当年度", dlWord{endOfYear: true, soft: true}},
	{"按时", dlWord{onTime: true, soft: true}}, {"按期", dlWord{onTime: true, soft: true}},
	{"及时", dlWord{onTime: true, soft: true}}, {"如期", dlWord{onTime: true, soft: true}},
	{"按计划", dlWord{onTime: true, soft: true}}, {"按进度", dlWord{onTime: true, soft: true}},
	{"准时", dlWord{onTime: true, soft: true}},
	{"长期", dlWord{ongoing: true, soft: true}}, {"持续", dlWord{ongoing: true, soft: true}},
	{"计划完成时间内", dlWord{ongoing: true}}, {"项目周期内", dlWord{ongoing: true}},
	{"实施期内", dlWord{ongoing: true}}, {"项目期内", dlWord{ongoing: true}},
	{"次年", dlWord{nextYear: true}}, {"翌年", dlWord{nextYear: true}}, {"次年度", dlWord{nextYear: true}},
	{"下一年", dlWord{nextYear: true}}, {"下一年度", dlWord{nextYear: true}}, {"下年度", dlWord{nextYear: true}},
	{"截至", dlWord{before: true}}, {"截止", dlWord{before: true}}, {"不晚于", dlWord{before: true}},
	{"最迟", dlWord{before: true}}, {"最晚", dlWord{before: true}},
})

// completionWords may surround a deadline word in a phrase that is only a
// deadline: 已按时完成, 资金按期拨付到位, 在项目计划完成时间内完成, 长期有效.
// A phrase with any other word (持续推进知识产权保护) is not a deadline.
var completionWords = newLexicon([]pair[struct{}]{
	{"已", struct{}{}}, {"均", struct{}{}}, {"都", struct{}{}}, {"全部", struct{}{}}, {"全面", struct{}{}},
	{"完成", struct{}{}}, {"到位", struct{}{}}, {"实施", struct{}{}}, {"执行", struct{}{}},
	{"进行", struct{}{}}, {"开展", struct{}{}}, {"达成", struct{}{}}, {"兑现", struct{}{}},
	{"拨付", struct{}{}}, {"支付", struct{}{}}, {"发放", struct{}{}}, {"落实", struct{}{}},
	{"办结", struct{}{}}, {"处理", struct{}{}}, {"办理", struct{}{}}, {"兑付", struct{}{}},
	{"下达", struct{}{}}, {"验收", struct{}{}}, {"完工", struct{}{}}, {"结束", struct{}{}},
	{"完毕", struct{}{}}, {"项目", struct{}{}}, {"工作", struct{}{}}, {"任务", struct{}{}},
	{"资金", struct{}{}}, {"在", struct{}{}}, {"内", struct{}{}}, {"于", struct{}{}},
	{"前", struct{}{}}, {"之前", struct{}{}}, {"以前", struct{}{}}, {"并", struct{}{}},
	{"按", struct{}{}}, {"有效", struct{}{}}, {"年度", struct{}{}}, {"建设", struct{}{}},
	{"的", struct{}{}}, {"度", struct{}{}}, {"份", struct{}{}},
})

// emptyWords are the ways of writing "nothing" in a cell.
var emptyWords = map[string]bool{
	// a lone 一 is a dash typed with the input method or read by OCR, never
	// a count without its unit
	"一": true, "一一": true,
	"未填写": true, "未填": true, "未填报": true, "待填": true, "待填写": true,
	"无": true, "暂无": true, "空": true, "没有": true, "不适用": true, "无数据": true,
	"N/A": true, "n/a": true, "NA": true, "na": true, "null": true, "NULL": true, "nil": true, "none": true,
}
