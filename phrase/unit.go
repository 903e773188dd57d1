package phrase

// unitDef is a known unit: its canonical name and the power of ten that
// converts a value in it to the canonical unit (万元 → 元 is 4).
type unitDef struct {
	canon string
	pow   int32
	latin bool // km, kg…: must not run on into more letters (5G is a label)
}

// Canonical units the grammar gives a meaning to.
const (
	unitYuan    = "元"
	unitPercent = "%"
)

// unitWords lists the known units. The longest match wins, so 人次 is read
// before 人, 个百分点 before 个, 千米 before the magnitude 千. Aliases of one
// unit (千克/公斤, ㎡/平方米) share a canonical name so that they compare.
// Any other single ideograph after a written number is kept as an unknown
// unit (see unknownUnit): the list is for multi-character units and for the
// units a Chinese numeral may carry (三千家, 两个).
var units = newLexicon([]pair[unitDef]{
	// money: the value is converted to 元
	{"元", unitDef{canon: unitYuan}}, {"千元", unitDef{canon: unitYuan, pow: 3}},
	{"万元", unitDef{canon: unitYuan, pow: 4}}, {"亿元", unitDef{canon: unitYuan, pow: 8}},
	{"元人民币", unitDef{canon: unitYuan}},
	// rates
	{"%", unitDef{canon: unitPercent}}, {"百分比", unitDef{canon: unitPercent}},
	{"‰", unitDef{canon: "‰"}},
	{"个百分点", unitDef{canon: "个百分点"}}, {"百分点", unitDef{canon: "个百分点"}},
	// counts
	{"件", u("件")}, {"件次", u("件次")}, {"家", u("家")}, {"家次", u("家次")}, {"项", u("项")},
	{"项次", u("项次")}, {"个", u("个")}, {"人", u("人")}, {"人次", u("人次")}, {"次", u("次")},
	{"篇", u("篇")}, {"场", u("场")}, {"场次", u("场次")}, {"户", u("户")}, {"户次", u("户次")},
	{"台", u("台")}, {"台套", u("台套")}, {"套", u("套")}, {"只", u("只")}, {"头", u("头")},
	{"起", u("起")}, {"批", u("批")}, {"批次", u("批次")}, {"座", u("座")}, {"处", u("处")}, {"所", u("所")},
	{"条", u("条")}, {"份", u("份")}, {"册", u("册")}, {"本", u("本")}, {"部", u("部")},
	{"辆", u("辆")}, {"艘", u("艘")}, {"架", u("架")}, {"株", u("株")}, {"棵", u("棵")},
	{"名", u("名")}, {"位", u("位")}, {"支", u("支")}, {"组", u("组")}, {"队", u("队")},
	{"类", u("类")}, {"种", u("种")}, {"门", u("门")}, {"间", u("间")}, {"栋", u("栋")},
	{"幢", u("幢")}, {"张", u("张")}, {"块", u("块")}, {"根", u("根")}, {"片", u("片")},
	{"段", u("段")}, {"节", u("节")}, {"例", u("例")}, {"宗", u("宗")}, {"笔", u("笔")},
	{"单", u("单")}, {"枚", u("枚")}, {"箱", u("箱")}, {"瓶", u("瓶")}, {"袋", u("袋")},
	{"盒", u("盒")}, {"包", u("包")}, {"期", u("期")}, {"轮", u("轮")}, {"届", u("届")},
	{"口", u("口")}, {"课时", u("课时")}, {"学时", u("学时")}, {"人天", u("人天")},
	{"人日", u("人日")}, {"亩次", u("亩次")}, {"倍", u("倍")}, {"级", u("级")}, {"分", u("分")},
	{"星", u("星")}, {"岁", u("岁")}, {"周岁", u("岁")}, {"虚岁", u("岁")}, {"度", u("度")},
	// time
	{"年", u("年")}, {"个月", u("个月")}, {"天", u("天")}, {"日", u("日")}, {"周", u("周")},
	{"小时", u("小时")}, {"分钟", u("分钟")}, {"工作日", u("工作日")}, {"个工作日", u("工作日")},
	{"h", unitDef{canon: "小时", latin: true}},
	// measures
	{"亩", u("亩")}, {"公顷", u("公顷")}, {"ha", unitDef{canon: "公顷", latin: true}},
	{"米", u("米")}, {"m", unitDef{canon: "米", latin: true}},
	{"千米", u("公里")}, {"公里", u("公里")}, {"km", unitDef{canon: "公里", latin: true}},
	{"厘米", u("厘米")}, {"cm", unitDef{canon: "厘米", latin: true}},
	{"毫米", u("毫米")}, {"mm", unitDef{canon: "毫米", latin: true}},
	{"平方米", u("平方米")}, {"平米", u("平方米")}, {"㎡", u("平方米")},
	{"m2", unitDef{canon: "平方米", latin: true}}, {"m²", unitDef{canon: "平方米", latin: true}},
	{"平方公里", u("平方公里")}, {"立方米", u("立方米")}, {"方", u("立方米")},
	{"m³", unitDef{canon: "立方米", latin: true}},
	{"公斤", u("公斤")}, {"千克", u("公斤")}, {"kg", unitDef{canon: "公斤", latin: true}},
	{"克", u("克")}, {"斤", u("斤")}, {"吨", u("吨")}, {"t", unitDef{canon: "吨", latin: true}},
	{"万吨", u("万吨")},
	{"千瓦", u("千瓦")}, {"kW", unitDef{canon: "千瓦", latin: true}},
	{"千瓦时", u("千瓦时")}, {"kWh", unitDef{canon: "千瓦时", latin: true}},
	{"兆瓦", u("兆瓦")}, {"MW", unitDef{canon: "兆瓦", latin: true}},
	// the same Latin units in capitals, as clerks type them (10KM, 5KG)
	{"KM", unitDef{canon: "公里", latin: true}}, {"Km", unitDef{canon: "公里", latin: true}},
	{"KG", unitDef{canon: "公斤", latin: true}}, {"Kg", unitDef{canon: "公斤", latin: true}},
	{"CM", unitDef{canon: "厘米", latin: true}}, {"MM", unitDef{canon: "毫米", latin: true}},
	{"M2", unitDef{canon: "平方米", latin: true}}, {"M²", unitDef{canon: "平方米", latin: true}},
	{"m3", unitDef{canon: "立方米", latin: true}}, {"M3", unitDef{canon: "立方米", latin: true}},
	{"M³", unitDef{canon: "立方米", latin: true}}, {"HA", unitDef{canon: "公顷", latin: true}},
	{"KW", unitDef{canon: "千瓦", latin: true}}, {"kw", unitDef{canon: "千瓦", latin: true}},
	{"KWH", unitDef{canon: "千瓦时", latin: true}}, {"kwh", unitDef{canon: "千瓦时", latin: true}},
	{"GB", unitDef{canon: "GB", latin: true}}, {"TB", unitDef{canon: "TB", latin: true}},
})

func u(canon string) unitDef { return unitDef{canon: canon} }

// unitAt reads a known unit at i. A Latin unit must end the word: "5G" and
// "100Mbps" are not 5 米 or 100 兆.
func unitAt(in *input, i int) (unitDef, int, bool) {
	d, e, ok := units.matchAt(in, i)
	if ok && d.latin && isLetter(in.at(e)) {
		return unitDef{}, i, false
	}
	return d, e, ok
}

// stopRunes are ideographs that never serve as a unit after a number: function
// words, verbs and position words that follow numbers in sentences
// ("5项和8家", "200万以上", "10家为主"), and numeral and magnitude characters.
var stopRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range "的和与及或在为是了以上下内外前后左右约余多共计到至比等且并但而将被把对于从向由已也都还又就才中" +
		"其之各每该此这那完达占同较增减提降实合总累超高低不没未均平全月号季旬初末底即如则若给让使再仍经通过来" +
		"〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億" {
		m[r] = true
	}
	return m
}()

// unknownUnit reports whether r may be kept as a unit nobody listed: one
// ideograph that is not a stop rune. Unknown units are kept, never dropped,
// so that the judge can say "家 vs 件" instead of comparing blindly.
func unknownUnit(r rune) bool { return isHan(r) && !stopRunes[r] }

// cnDeniedUnits are units that, after a Chinese numeral, usually make a word
// rather than a quantity: 一级 (first level), 十分 (very), 一起 (together),
// 一度 (once), 一期 (phase one), 一类 (first class), 一方面, 一部分, 一口气,
// 一块儿. After digits they are units (3级, 90分, 5起).
var cnDeniedUnits = map[string]bool{
	"级": true, "分": true, "起": true, "度": true, "期": true, "类": true, "星": true, "方": true,
	"部": true, "门": true, "口": true, "头": true, "单": true, "段": true, "片": true, "块": true,
}

// cnCountUnits are denied units that make a word only after 一 (一块儿,
// 一起, 一口气, 一段时间): after a larger numeral they count (二十块, 两起,
// 十口, 三段).
var cnCountUnits = map[string]bool{"块": true, "起": true, "口": true, "段": true}

// wordAfterUnit lists characters that turn numeral+unit into a word: 一次性,
// 一体化, 两个维护.
func wordAfterUnit(r rune) bool { return r == '性' || r == '化' }

// timeUnit reports a unit of duration: 内 after it means "within" (24小时内).
func timeUnit(u string) bool {
	switch u {
	case "年", "个月", "天", "日", "周", "小时", "分钟", "工作日":
		return true
	}
	return false
}

// innerWord lists what makes 内 the start of a word (内容, 内部, 内涵).
func innerWord(r rune) bool { return r == '容' || r == '部' || r == '涵' || r == '在' }
