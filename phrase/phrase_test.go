package phrase

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// parseCase is what Parse must make of one phrase. Zero fields are asserted
// too (no comparator, no bound, no parts…), except qs and units, which are
// checked when set, and value, which is checked when set and otherwise means
// "no main quantity" for kinds other than quantity and composite.
type parseCase struct {
	in       string
	kind     Kind
	cmp      Comparator
	value    string // main quantity, as a decimal string
	unit     string // its canonical unit
	bound    Bound
	total    bool
	cum      bool
	parts    int
	qs       []string // the values of all Quantities, in order
	units    []string // the units of all Quantities, in order
	dl       *Deadline
	min, max string // KindRange
}

// none asserts that a phrase lists no quantity at all.
var none = []string{}

// The reference form: every target, actual and reason of chaoyang-2020-ip-ops,
// its fund cells and the other texts of the form.
var referenceCases = []parseCase{
	// targets (指标值)
	{in: "不少于7000件", kind: KindQuantity, cmp: GE, value: "7000", unit: "件", qs: []string{"7000"}},
	{in: "不少于10家", kind: KindQuantity, cmp: GE, value: "10", unit: "家"},
	{in: "不少于8家", kind: KindQuantity, cmp: GE, value: "8", unit: "家"},
	{in: "不少于18家", kind: KindQuantity, cmp: GE, value: "18", unit: "家"},
	{in: "不少于9000件", kind: KindQuantity, cmp: GE, value: "9000", unit: "件"},
	{in: "不少于100件", kind: KindQuantity, cmp: GE, value: "100", unit: "件"},
	{in: "不少于1.8亿元", kind: KindQuantity, cmp: GE, value: "180000000", unit: "元"},
	{in: "累计达到80家", kind: KindQuantity, cmp: GE, value: "80", unit: "家", cum: true},
	{in: "不少于5项、不少于8家、不少于100件", kind: KindComposite, cmp: GE, value: "5", unit: "项", parts: 3,
		qs: []string{"5", "8", "100"}, units: []string{"项", "家", "件"}},
	{in: "12月底前完成", kind: KindDeadline, qs: none, dl: &Deadline{Text: "12月底前", Month: 12, Before: true}},
	{in: "12月底前完成、12月底前完成、12月底前完成", kind: KindComposite, parts: 3, qs: none,
		dl: &Deadline{Month: 12, Before: true}},
	{in: "550万", kind: KindQuantity, value: "5500000", unit: ""},
	{in: "200万", kind: KindQuantity, value: "2000000", unit: ""},
	{in: "150万", kind: KindQuantity, value: "1500000", unit: ""},
	{in: "70万、95万、35万", kind: KindComposite, value: "700000", parts: 3,
		qs: []string{"700000", "950000", "350000"}, units: []string{"", "", ""}},
	{in: "盘活知识产权资源，实现经济价值", kind: KindQualitative, qs: none},
	{in: "发明专利授权量9000件", kind: KindQuantity, value: "9000", unit: "件"},
	{in: "推动产业的专利协同运用，培育形成专利导航产业发展新模式；鼓励服务机构提升服务品质，促进知识产权服务业发展；健全知识产权维权援助工作体系，加强知识产权保护。",
		kind: KindQualitative, qs: none},
	{in: "专利技术产业化收入5亿元", kind: KindQuantity, value: "500000000", unit: "元"},
	{in: "规范企业知识产权管理", kind: KindQualitative, qs: none},
	{in: "100%", kind: KindQuantity, value: "100", unit: "%"},
	{in: "100%、100%、100%", kind: KindComposite, value: "100", unit: "%", parts: 3, qs: []string{"100", "100", "100"}},

	// actuals (全年实际完成值)
	{in: "专利资助奖励共完成6747件。", kind: KindQuantity, value: "6747", unit: "件", total: true},
	{in: "专利技术产业化项目资助10家。", kind: KindQuantity, value: "10", unit: "家"},
	{in: "知识产权质押贷款贴息资助10家。", kind: KindQuantity, value: "10", unit: "家"},
	{in: "重点企业资助88家。", kind: KindQuantity, value: "88", unit: "家"},
	{in: "知识产权服务机构认定和评选8家、知识产权公共服务工作站支持6家、专利导航和知识产权战略研究项目资助5家，共19家。",
		kind: KindComposite, value: "19", unit: "家", total: true, parts: 4, qs: []string{"8", "6", "5", "19"}},
	{in: "2020年，全区发明专利授权量为11473件。", kind: KindQuantity, cmp: EQ, value: "11473", unit: "件", qs: []string{"11473"}},
	{in: "产业化项目转化专利198件。", kind: KindQuantity, value: "198", unit: "件"},
	{in: "通过知识产权质押贷款1.8亿元。", kind: KindQuantity, value: "180000000", unit: "元"},
	{in: "贯标达标企业累计151家。", kind: KindQuantity, value: "151", unit: "家", cum: true},
	{in: "开展专利信息分析利用5项，知识产权服务机构认定8家，解答知识产权相关咨询200余件，通过人民调解委员会调解知识产权纠纷案件5件。",
		kind: KindComposite, value: "5", unit: "项", parts: 4, qs: []string{"5", "8", "200", "5"}, units: []string{"项", "家", "件", "件"}},
	{in: "12月份完成", kind: KindDeadline, qs: none, dl: &Deadline{Text: "12月份", Month: 12}},
	{in: "12月份完成、12月份完成、12月份完成", kind: KindComposite, parts: 3, qs: none, dl: &Deadline{Month: 12}},
	{in: "591.764万", kind: KindQuantity, value: "5917640", unit: ""},
	{in: "264.8万", kind: KindQuantity, value: "2648000", unit: ""},
	{in: "155万", kind: KindQuantity, value: "1550000", unit: ""},
	{in: "49万、17万、22.436万", kind: KindComposite, value: "490000", parts: 3, qs: []string{"490000", "170000", "224360"}},
	{in: "促进了区内知识产权金融水平稳步提高。", kind: KindQualitative, qs: none},
	{in: "通过开展专利导航知识产权战略研究项目，推动了专利技术运用，促进了专利导航产业发展；通过开展知识产权服务机构认定和评选，促进知识产权服务业发展；支持公共服务工作站建设，增强知识产权保护能力。",
		kind: KindQualitative, qs: none},
	{in: "专利技术产业化收入5亿元以上，项目支持新能源、新材料项目，为保护生态环境做贡献。",
		kind: KindQuantity, cmp: GE, value: "500000000", unit: "元", bound: More, qs: []string{"500000000"}},
	{in: "目前，全区共有贯标达标企业151家。通过规范企业知识产权管理，进一步提升了企业知识产权创造、运用和保护能力。",
		kind: KindQuantity, value: "151", unit: "家", qs: []string{"151"}},

	// reasons (未完成原因和改进措施)
	{in: "由于专利资助和奖励项目属于普惠制政策，资助件数和资助资金均与申报情况有关。", kind: KindQualitative, qs: none},
	{in: "已完成", kind: KindQualitative, qs: none},

	// fund cells
	{in: "10926.2", kind: KindQuantity, value: "10926.2", unit: ""},
	{in: "1300", kind: KindQuantity, value: "1300", unit: ""},
	{in: "11.900%", kind: KindQuantity, value: "11.9", unit: "%"},
	{in: "10000", kind: KindQuantity, value: "10000", unit: ""},
	{in: "373.8", kind: KindQuantity, value: "373.8", unit: ""},
	{in: "3.700%", kind: KindQuantity, value: "3.7", unit: "%"},
	{in: "926.2", kind: KindQuantity, value: "926.2", unit: ""},
	{in: "0", kind: KindQuantity, value: "0", unit: ""},
	{in: "　", kind: KindEmpty, qs: none},

	// the rest of the form
	{in: "（2020年度）", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020}},
	{in: "2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表", kind: KindQualitative, qs: none},
	{in: "北京市朝阳区知识产权运营服务体系建设", kind: KindQualitative, qs: none},
	{in: "请在此处简要说明中央巡视、各级审计和财政监督中发现的问题及其所涉及的金额，如没有请填无。", kind: KindQualitative, qs: none},
	{in: "指标1：专利资助奖励", kind: KindQualitative, qs: none},
	{in: "指标5：知识产权服务机构认定和评选、知识产权维权援助服务分中心与工作站建设和专利导航、知识产权战略研究项目资助", kind: KindQualitative, qs: none},
	{in: "5.定性指标。资金使用单位分别按照100%-80%（含）、80%-60%（含）、60%-0%合理填写实际完成值。地方各级主管部门汇总时，按照资金额度加权平均计算。",
		kind: KindComposite, parts: 3, value: "100", unit: "%", qs: []string{"100", "80", "80", "60", "60", "0"}},
	{in: "4.定量指标。地方各级主管部门对资金使用单位填写的实际完成值汇总时，绝对值直接累加计算，相对值按照资金额度加权平均计算。",
		kind: KindQualitative, qs: none},
	{in: "填表人：李想      联系电话：51069565       填写日期：2021年7月27日", kind: KindDeadline, qs: none,
		dl: &Deadline{Text: "2021年7月27日", Year: 2021, Month: 7, Day: 27}},
	{in: "打造朝阳区知识产权运营服务体系“1+1+N”的政策体系。印发《北京市朝阳区市场监督管理局关于北京市朝阳区知识产权运营服务体系建设实施方案（2020—2023年）》《北京市朝阳区知识产权运营服务体系建设专项资金管理办法》；加强区域知识产权资助奖励，营造良好的知识产权营商环境。",
		kind: KindQualitative, qs: none},
	{in: "经过三年时间，在朝阳区全面构建基础完备、体制健全、运行顺畅、链条完整的知识产权运营服务生态体系。2020年，项目建设初期阶段，主要围绕着“建章立制”及知识产权资助奖励开展。",
		kind: KindQuantity, value: "3", unit: "年", qs: []string{"3"}},
}

// The harder cases of docs/domain.md §6 and §11 and of the grammar.
var grammarCases = []parseCase{
	// comparators, odd characters included
	{in: "≧90%", kind: KindQuantity, cmp: GE, value: "90", unit: "%"},
	{in: "≥90%", kind: KindQuantity, cmp: GE, value: "90", unit: "%"},
	{in: ">=90%", kind: KindQuantity, cmp: GE, value: "90", unit: "%"},
	{in: "≥ 90 %", kind: KindQuantity, cmp: GE, value: "90", unit: "%"},
	{in: "﹦100%", kind: KindQuantity, cmp: EQ, value: "100", unit: "%"},
	{in: "═5家", kind: KindQuantity, cmp: EQ, value: "5", unit: "家"},
	{in: "＝100%", kind: KindQuantity, cmp: EQ, value: "100", unit: "%"},
	{in: "=100%", kind: KindQuantity, cmp: EQ, value: "100", unit: "%"},
	{in: "＞10件", kind: KindQuantity, cmp: GT, value: "10", unit: "件"},
	{in: ">10件", kind: KindQuantity, cmp: GT, value: "10", unit: "件"},
	{in: "大于10件", kind: KindQuantity, cmp: GT, value: "10", unit: "件"},
	{in: "超过50%", kind: KindQuantity, cmp: GT, value: "50", unit: "%"},
	{in: "高于80%", kind: KindQuantity, cmp: GT, value: "80", unit: "%"},
	{in: "不超过550万元", kind: KindQuantity, cmp: LE, value: "5500000", unit: "元"},
	{in: "不高于5%", kind: KindQuantity, cmp: LE, value: "5", unit: "%"},
	{in: "不大于3天", kind: KindQuantity, cmp: LE, value: "3", unit: "天"},
	{in: "≤5%", kind: KindQuantity, cmp: LE, value: "5", unit: "%"},
	{in: "≦5%", kind: KindQuantity, cmp: LE, value: "5", unit: "%"},
	{in: "<=5", kind: KindQuantity, cmp: LE, value: "5", unit: ""},
	{in: "小于3%", kind: KindQuantity, cmp: LT, value: "3", unit: "%"},
	{in: "低于5%", kind: KindQuantity, cmp: LT, value: "5", unit: "%"},
	{in: "少于10件", kind: KindQuantity, cmp: LT, value: "10", unit: "件"},
	{in: "＜10件", kind: KindQuantity, cmp: LT, value: "10", unit: "件"},
	{in: "不低于95%", kind: KindQuantity, cmp: GE, value: "95", unit: "%"},
	{in: "至少3项", kind: KindQuantity, cmp: GE, value: "3", unit: "项"},
	{in: "不小于100人", kind: KindQuantity, cmp: GE, value: "100", unit: "人"},
	{in: "达到100%", kind: KindQuantity, cmp: GE, value: "100", unit: "%"},
	{in: "为100%", kind: KindQuantity, cmp: EQ, value: "100", unit: "%"},
	{in: "等于100%", kind: KindQuantity, cmp: EQ, value: "100", unit: "%"},
	{in: "控制在550万元以内", kind: KindQuantity, cmp: LE, value: "5500000", unit: "元", bound: Under},
	{in: "控制在5%以下", kind: KindQuantity, cmp: LE, value: "5", unit: "%", bound: Under},
	{in: "控制在3天之内", kind: KindQuantity, cmp: LE, value: "3", unit: "天", bound: Under},
	{in: "满意度≥90%", kind: KindQuantity, cmp: GE, value: "90", unit: "%"},

	// bounds
	{in: "7000件以上", kind: KindQuantity, cmp: GE, value: "7000", unit: "件", bound: More},
	{in: "90%以上", kind: KindQuantity, cmp: GE, value: "90", unit: "%", bound: More},
	{in: "90%及以上", kind: KindQuantity, cmp: GE, value: "90", unit: "%", bound: More},
	{in: "95%（含）以上", kind: KindQuantity, cmp: GE, value: "95", unit: "%", bound: More},
	{in: "4家(含)以上", kind: KindQuantity, cmp: GE, value: "4", unit: "家", bound: More},
	{in: "覆盖率达到95%以上", kind: KindQuantity, cmp: GE, value: "95", unit: "%", bound: More},
	{in: "同比增长10%以上", kind: KindQuantity, cmp: GE, value: "10", unit: "%", bound: More},
	{in: "5亿元以上", kind: KindQuantity, cmp: GE, value: "500000000", unit: "元", bound: More},
	{in: "5%以下", kind: KindQuantity, cmp: LE, value: "5", unit: "%", bound: Under},
	{in: "30天以内", kind: KindQuantity, cmp: LE, value: "30", unit: "天", bound: Under},
	{in: "约100人", kind: KindQuantity, value: "100", unit: "人", bound: About},
	{in: "大约50家", kind: KindQuantity, value: "50", unit: "家", bound: About},
	{in: "100人左右", kind: KindQuantity, value: "100", unit: "人", bound: About},
	{in: "近3年", kind: KindQuantity, value: "3", unit: "年", bound: Under},
	{in: "200余件", kind: KindQuantity, value: "200", unit: "件", bound: More},
	{in: "200多件", kind: KindQuantity, value: "200", unit: "件", bound: More},
	{in: "10+", kind: KindQuantity, value: "10", unit: "", bound: More},
	{in: "2000余万元", kind: KindQuantity, value: "20000000", unit: "元", bound: More},
	{in: "1万多人", kind: KindQuantity, value: "10000", unit: "人", bound: More},
	{in: "不到100人", kind: KindQuantity, cmp: LT, value: "100", unit: "人", bound: Under},
	{in: "不足5%", kind: KindQuantity, cmp: LT, value: "5", unit: "%", bound: Under},

	// totals and cumulation
	{in: "累计完成120项", kind: KindQuantity, value: "120", unit: "项", cum: true},
	{in: "合计：19家", kind: KindQuantity, value: "19", unit: "家", total: true},
	{in: "共计19家", kind: KindQuantity, value: "19", unit: "家", total: true},
	{in: "总计100万元", kind: KindQuantity, value: "1000000", unit: "元", total: true},
	{in: "共有151家", kind: KindQuantity, value: "151", unit: "家", total: true},
	{in: "公共服务平台3个", kind: KindQuantity, value: "3", unit: "个"},
	{in: "A类8家、B类6家、C类5家，合计19家", kind: KindComposite, value: "19", unit: "家", total: true, parts: 4,
		qs: []string{"8", "6", "5", "19"}},

	// money and units
	{in: "387664.62元", kind: KindQuantity, value: "387664.62", unit: "元"},
	{in: "7.29万元", kind: KindQuantity, value: "72900", unit: "元"},
	{in: "72890元", kind: KindQuantity, value: "72890", unit: "元"},
	{in: "10926.2万元", kind: KindQuantity, value: "109262000", unit: "元"},
	{in: "5千万元", kind: KindQuantity, value: "50000000", unit: "元"},
	{in: "5千元", kind: KindQuantity, value: "5000", unit: "元"},
	{in: "2百万元", kind: KindQuantity, value: "2000000", unit: "元"},
	{in: "1.2万亿元", kind: KindQuantity, value: "1200000000000", unit: "元"},
	{in: "3.5万", kind: KindQuantity, value: "35000", unit: ""},
	{in: "3万人次", kind: KindQuantity, value: "30000", unit: "人次"},
	{in: "1600元/亩", kind: KindQuantity, value: "1600", unit: "元/亩"},
	{in: "1000元/人", kind: KindQuantity, value: "1000", unit: "元/人"},
	{in: "0.16万元/亩", kind: KindQuantity, value: "1600", unit: "元/亩"},
	{in: "≥266米", kind: KindQuantity, cmp: GE, value: "266", unit: "米"},
	{in: "5000亩", kind: KindQuantity, value: "5000", unit: "亩"},
	{in: "300公斤", kind: KindQuantity, value: "300", unit: "公斤"},
	{in: "20千克", kind: KindQuantity, value: "20", unit: "公斤"},
	{in: "5kg", kind: KindQuantity, value: "5", unit: "公斤"},
	{in: "1200平方米", kind: KindQuantity, value: "1200", unit: "平方米"},
	{in: "1200平米", kind: KindQuantity, value: "1200", unit: "平方米"},
	{in: "10千米", kind: KindQuantity, value: "10", unit: "公里"},
	{in: "10km", kind: KindQuantity, value: "10", unit: "公里"},
	{in: "3立方米", kind: KindQuantity, value: "3", unit: "立方米"},
	{in: "50只", kind: KindQuantity, value: "50", unit: "只"},
	{in: "20头", kind: KindQuantity, value: "20", unit: "头"},
	{in: "3起", kind: KindQuantity, value: "3", unit: "起"},
	{in: "5年", kind: KindQuantity, value: "5", unit: "年"},
	{in: "3个月", kind: KindQuantity, value: "3", unit: "个月"},
	{in: "2个百分点", kind: KindQuantity, value: "2", unit: "个百分点"},
	{in: "5‰", kind: KindQuantity, value: "5", unit: "‰"},
	{in: "500人次", kind: KindQuantity, value: "500", unit: "人次"},
	{in: "12户次", kind: KindQuantity, value: "12", unit: "户次"},
	{in: "90分", kind: KindQuantity, value: "90", unit: "分"},
	{in: "3匹", kind: KindQuantity, value: "3", unit: "匹"},
	{in: "带动农户增收2000元/户", kind: KindQuantity, value: "2000", unit: "元/户"},
	{in: "5.5万元/公里", kind: KindQuantity, value: "55000", unit: "元/公里"},
	{in: "种植面积5万亩", kind: KindQuantity, value: "50000", unit: "亩"},
	{in: "出栏生猪1.2万头", kind: KindQuantity, value: "12000", unit: "头"},
	{in: "发放补贴2,345.67万元", kind: KindQuantity, value: "23456700", unit: "元"},
	{in: "较上年提高2个百分点", kind: KindQuantity, value: "2", unit: "个百分点"},
	{in: "3-5年", kind: KindRange, min: "3", max: "5", units: []string{"年", "年"}},
	{in: "≥100百分比", kind: KindQuantity, cmp: GE, value: "100", unit: "%"},
	{in: "50", kind: KindQuantity, value: "50", unit: ""},
	{in: "50 个", kind: KindQuantity, value: "50", unit: "个"},
	{in: "１２", kind: KindQuantity, value: "12", unit: ""},
	{in: "１２３４５件", kind: KindQuantity, value: "12345", unit: "件"},
	{in: "１２．５％", kind: KindQuantity, value: "12.5", unit: "%"},
	{in: "10,926.2", kind: KindQuantity, value: "10926.2", unit: ""},
	{in: "10,926.20", kind: KindQuantity, value: "10926.2", unit: ""},
	{in: "1,300.00", kind: KindQuantity, value: "1300", unit: ""},
	{in: "1,234,567元", kind: KindQuantity, value: "1234567", unit: "元"},

	// Chinese numerals
	{in: "百分之九十", kind: KindQuantity, value: "90", unit: "%"},
	{in: "百分之90", kind: KindQuantity, value: "90", unit: "%"},
	{in: "百分之九十五点五", kind: KindQuantity, value: "95.5", unit: "%"},
	{in: "不低于百分之九十", kind: KindQuantity, cmp: GE, value: "90", unit: "%"},
	{in: "千分之五", kind: KindQuantity, value: "5", unit: "‰"},
	{in: "一万二千三百四十五", kind: KindQuantity, value: "12345", unit: ""},
	{in: "两千", kind: KindQuantity, value: "2000", unit: ""},
	{in: "十二", kind: KindQuantity, value: "12", unit: ""},
	{in: "二十", kind: KindQuantity, value: "20", unit: ""},
	{in: "三千零五", kind: KindQuantity, value: "3005", unit: ""},
	{in: "一万二", kind: KindQuantity, value: "12000", unit: ""},
	{in: "1.8亿", kind: KindQuantity, value: "180000000", unit: ""},
	{in: "5千万", kind: KindQuantity, value: "50000000", unit: ""},
	{in: "一点八亿", kind: KindQuantity, value: "180000000", unit: ""},
	{in: "五万元", kind: KindQuantity, value: "50000", unit: "元"},
	{in: "三百万元", kind: KindQuantity, value: "3000000", unit: "元"},
	{in: "三千家", kind: KindQuantity, value: "3000", unit: "家"},
	{in: "两个", kind: KindQuantity, value: "2", unit: "个"},
	{in: "十五项", kind: KindQuantity, value: "15", unit: "项"},
	{in: "壹佰贰拾叁元", kind: KindQuantity, value: "123", unit: "元"},
	{in: "不少于两千件", kind: KindQuantity, cmp: GE, value: "2000", unit: "件"},
	{in: "三千余家", kind: KindQuantity, value: "3000", unit: "家", bound: More},
	{in: "建成一个平台", kind: KindQuantity, value: "1", unit: "个"},
	{in: "统一规范", kind: KindQualitative, qs: none},
	{in: "一些企业取得进展", kind: KindQualitative, qs: none},
	{in: "服务对象十分满意", kind: KindQualitative, qs: none},
	{in: "一是加强宣传，二是完善制度", kind: KindQualitative, qs: none},
	{in: "第一批", kind: KindQualitative, qs: none},
	{in: "万一出现问题", kind: KindQualitative, qs: none},
	{in: "唯一", kind: KindQualitative, qs: none},
	{in: "一级指标", kind: KindQualitative, qs: none},
	{in: "一次性补助", kind: KindQualitative, qs: none},
	{in: "千家万户", kind: KindQualitative, qs: none},
	{in: "一、加强管理", kind: KindQualitative, qs: none},
	{in: "周一至周五开放", kind: KindQualitative, qs: none},
	{in: "认定为一般企业", kind: KindQualitative, qs: none},
	{in: "唯一一家", kind: KindQualitative, qs: none},
	{in: "高于一般水平", kind: KindQualitative, qs: none},
	{in: "不少于十二", kind: KindQuantity, cmp: GE, value: "12", unit: ""},
	{in: "建设一批示范项目", kind: KindQuantity, value: "1", unit: "批"},

	// deadlines
	{in: "年底前", kind: KindDeadline, qs: none, dl: &Deadline{EndOfYear: true, Before: true}},
	{in: "年底", kind: KindDeadline, qs: none, dl: &Deadline{EndOfYear: true}},
	{in: "年内", kind: KindDeadline, qs: none, dl: &Deadline{EndOfYear: true, Before: true}},
	{in: "本年度内完成", kind: KindDeadline, qs: none, dl: &Deadline{EndOfYear: true, Before: true}},
	{in: "2020年12月31日前", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2020年12月31日前", Year: 2020, Month: 12, Day: 31, Before: true}},
	{in: "2021年11月30日前完成", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021, Month: 11, Day: 30, Before: true}},
	{in: "9月前", kind: KindDeadline, qs: none, dl: &Deadline{Month: 9, Before: true}},
	{in: "第三季度", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 3}},
	{in: "三季度末", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 3}},
	{in: "第3季度", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 3}},
	{in: "3季度", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 3}},
	{in: "Q3", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 3}},
	{in: "第四季度前完成", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 4, Before: true}},
	{in: "按时", kind: KindDeadline, qs: none, dl: &Deadline{OnTime: true}},
	{in: "按期完成", kind: KindDeadline, qs: none, dl: &Deadline{OnTime: true}},
	{in: "及时", kind: KindDeadline, qs: none, dl: &Deadline{OnTime: true}},
	{in: "如期完成", kind: KindDeadline, qs: none, dl: &Deadline{OnTime: true}},
	{in: "按计划完成", kind: KindDeadline, qs: none, dl: &Deadline{OnTime: true}},
	{in: "资金按期拨付到位", kind: KindDeadline, qs: none, dl: &Deadline{OnTime: true}},
	{in: "已按时完成", kind: KindDeadline, qs: none, dl: &Deadline{Text: "按时", OnTime: true}},
	{in: "12月底到位", kind: KindDeadline, qs: none, dl: &Deadline{Month: 12}},
	{in: "2021年1月-12月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2021年1月-12月", Year: 2021, Month: 12}},
	{in: "1-12月", kind: KindDeadline, qs: none, dl: &Deadline{Month: 12}},
	{in: "在项目计划完成时间内完成", kind: KindDeadline, qs: none, dl: &Deadline{Ongoing: true}},
	{in: "长期", kind: KindDeadline, qs: none, dl: &Deadline{Ongoing: true}},
	{in: "长期有效", kind: KindDeadline, qs: none, dl: &Deadline{Ongoing: true}},
	{in: "持续", kind: KindDeadline, qs: none, dl: &Deadline{Ongoing: true}},
	{in: "12月完成", kind: KindDeadline, qs: none, dl: &Deadline{Month: 12}},
	{in: "2020年12月完成", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020, Month: 12}},
	{in: "2020年11月完成", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020, Month: 11}},
	{in: "11月30日完成", kind: KindDeadline, qs: none, dl: &Deadline{Month: 11, Day: 30}},
	{in: "截至2020年底", kind: KindDeadline, qs: none, dl: &Deadline{Text: "截至2020年底", Year: 2020, EndOfYear: true, Before: true}},
	{in: "6月30日前", kind: KindDeadline, qs: none, dl: &Deadline{Month: 6, Day: 30, Before: true}},
	{in: "上半年", kind: KindDeadline, qs: none, dl: &Deadline{Month: 6}},
	{in: "下半年完成", kind: KindDeadline, qs: none, dl: &Deadline{Month: 12}},
	{in: "10月中旬", kind: KindDeadline, qs: none, dl: &Deadline{Month: 10, Day: 20}},
	{in: "2021-12-31前", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021, Month: 12, Day: 31, Before: true}},
	{in: "2021/6", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021, Month: 6}},
	{in: "2021年12月", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021, Month: 12}},
	{in: "2021年度", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021}},
	{in: "2020.12.31前", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020, Month: 12, Day: 31, Before: true}},
	{in: "2020年10月至12月", kind: KindDeadline, qs: none, dl: &Deadline{Text: "2020年10月至12月", Year: 2020, Month: 12}},
	{in: "1-4季度", kind: KindDeadline, qs: none, dl: &Deadline{Quarter: 4}},
	{in: "截止到2020年12月31日", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020, Month: 12, Day: 31, Before: true}},
	{in: "2021年6月底前完成全部资金拨付", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021, Month: 6, Before: true}},
	{in: "2020年底前完成", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020, EndOfYear: true, Before: true}},
	{in: "十二月底前", kind: KindDeadline, qs: none, dl: &Deadline{Month: 12, Before: true}},
	{in: "二〇二〇年完成", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2020}},
	{in: "2020-2023年完成", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2023}},
	{in: "截至12月底，完成100件", kind: KindQuantity, value: "100", unit: "件",
		dl: &Deadline{Text: "截至12月底", Month: 12, Before: true}},
	{in: "12月底前完成，不少于100件", kind: KindQuantity, cmp: GE, value: "100", unit: "件", dl: &Deadline{Month: 12, Before: true}},
	{in: "按时完成率100%", kind: KindQuantity, value: "100", unit: "%"},
	{in: "及时率≥95%", kind: KindQuantity, cmp: GE, value: "95", unit: "%"},
	{in: "及时处理投诉，处理率100%", kind: KindQuantity, value: "100", unit: "%"},
	{in: "持续推进知识产权保护", kind: KindQualitative, qs: none},
	{in: "2020年，推动知识产权金融发展", kind: KindQualitative, qs: none},

	// ranges
	{in: "80%-90%", kind: KindRange, min: "80", max: "90", qs: []string{"80", "90"}, units: []string{"%", "%"}},
	{in: "80～90%", kind: KindRange, min: "80", max: "90", units: []string{"%", "%"}},
	{in: "80~90", kind: KindRange, min: "80", max: "90", units: []string{"", ""}},
	{in: "80%至90%", kind: KindRange, min: "80", max: "90"},
	{in: "80%—90%", kind: KindRange, min: "80", max: "90"},
	{in: "80%到90%", kind: KindRange, min: "80", max: "90"},
	{in: "100%-80%", kind: KindRange, min: "80", max: "100", qs: []string{"100", "80"}},
	{in: "100%-80%（含）", kind: KindRange, min: "80", max: "100"},
	{in: "60%-0%", kind: KindRange, min: "0", max: "60"},
	{in: "5-10万元", kind: KindRange, min: "50000", max: "100000", units: []string{"元", "元"}},
	{in: "8-10家", kind: KindRange, min: "8", max: "10", units: []string{"家", "家"}},
	{in: "5家-10件", kind: KindQuantity, value: "5", unit: "家", qs: []string{"5", "10"}},
	{in: "100%-80%（含）、80%-60%（含）、60%-0%", kind: KindComposite, value: "100", unit: "%", parts: 3},

	// composites and sentences
	{in: "70万；95万；35万", kind: KindComposite, value: "700000", parts: 3},
	{in: "70,95,35", kind: KindComposite, value: "70", parts: 3, qs: []string{"70", "95", "35"}},
	{in: "70, 95, 35", kind: KindComposite, value: "70", parts: 3},
	{in: "5项,8家", kind: KindComposite, value: "5", unit: "项", parts: 2},
	{in: "100件（其中发明专利50件、实用新型50件）", kind: KindQuantity, value: "100", unit: "件", qs: []string{"100", "50", "50"}},
	{in: "5项、12月底前完成、8家", kind: KindComposite, value: "5", unit: "项", parts: 3, qs: []string{"5", "8"},
		dl: &Deadline{Month: 12, Before: true}},
	{in: "1.培训100人次；2.发放资料500份", kind: KindComposite, value: "100", unit: "人次", parts: 2, qs: []string{"100", "500"}},
	{in: "（1）培训100人次（2）发放资料500份", kind: KindQuantity, value: "100", unit: "人次", qs: []string{"100", "500"}},
	{in: "效果良好，90%", kind: KindQuantity, value: "90", unit: "%"},
	{in: "全年共完成专利资助6747件，其中发明专利3000件", kind: KindComposite, value: "6747", unit: "件", parts: 2},

	// what is never a quantity
	{in: "第1名", kind: KindQualitative, qs: none},
	{in: "《企业知识产权管理规范》贯标企业20家", kind: KindQuantity, value: "20", unit: "家", qs: []string{"20"}},
	{in: "贯彻《企业知识产权管理规范》", kind: KindQualitative, qs: none},
	{in: "“1+1+N”政策体系", kind: KindQualitative, qs: none},
	{in: "1+1+N", kind: KindQualitative, qs: none},
	{in: "实施方案（2020—2023年）", kind: KindQualitative, qs: none},
	{in: "联系电话：51069565", kind: KindQualitative, qs: none},
	{in: "13800138000", kind: KindQualitative, qs: none},
	{in: "010-51069565", kind: KindQualitative, qs: none},
	{in: "2021年7月27日", kind: KindDeadline, qs: none, dl: &Deadline{Year: 2021, Month: 7, Day: 27}},
	{in: "ISO9001认证企业10家", kind: KindQuantity, value: "10", unit: "家", qs: []string{"10"}},
	{in: "5G基站100个", kind: KindQuantity, value: "100", unit: "个", qs: []string{"100"}},
	{in: "1.资金使用单位按项目绩效目标填报", kind: KindQualitative, qs: none},
	{in: "附件2", kind: KindQualitative, qs: none},
	{in: "比例1:1", kind: KindQualitative, qs: none},
	{in: "依据京财预〔2020〕10号文件", kind: KindQualitative, qs: none},
	{in: "3号楼改造", kind: KindQualitative, qs: none},

	// empty and qualitative
	{in: "", kind: KindEmpty, qs: none},
	{in: "无", kind: KindEmpty, qs: none},
	{in: " 无。", kind: KindEmpty, qs: none},
	{in: "暂无", kind: KindEmpty, qs: none},
	{in: "/", kind: KindEmpty, qs: none},
	{in: "／", kind: KindEmpty, qs: none},
	{in: "—", kind: KindEmpty, qs: none},
	{in: "——", kind: KindEmpty, qs: none},
	{in: "-", kind: KindEmpty, qs: none},
	{in: "\t \n", kind: KindEmpty, qs: none},
	{in: "有效", kind: KindQualitative, qs: none},
	{in: "显著", kind: KindQualitative, qs: none},
	{in: "高", kind: KindQualitative, qs: none},
	{in: "好坏", kind: KindQualitative, qs: none},
	{in: "达成预期指标", kind: KindQualitative, qs: none},
	{in: "部分达成", kind: KindQualitative, qs: none},
	{in: "无，因疫情取消", kind: KindQualitative, qs: none},

	// robustness
	{in: "\xff\xfe12件", kind: KindQuantity, value: "12", unit: "件"},
	{in: "12\x00件", kind: KindQuantity, value: "12", unit: "件"},
	{in: "99999999999999999999999件", kind: KindQuantity, value: "99999999999999999999999", unit: "件"},
	{in: strings.Repeat("1", 100), kind: KindQualitative, qs: none},
	{in: "《《《《不少于5项", kind: KindQuantity, cmp: GE, value: "5", unit: "项"},
	{in: "一亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿", kind: KindQualitative},
}

func TestParse(t *testing.T) {
	cases := append(append([]parseCase{}, referenceCases...), grammarCases...)
	if len(cases) < 200 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			p := Parse(c.in)
			checkPhrase(t, p, c)
			checkInvariants(t, p)
		})
	}
}

func checkPhrase(t *testing.T, p Phrase, c parseCase) {
	t.Helper()
	if p.Text != c.in {
		t.Errorf("Text = %q", p.Text)
	}
	if p.Kind != c.kind {
		t.Fatalf("Kind = %s, want %s (%s)", p.Kind, c.kind, p.Describe())
	}
	if p.Comparator != c.cmp {
		t.Errorf("Comparator = %q, want %q", p.Comparator, c.cmp)
	}
	if p.Cumulative != c.cum {
		t.Errorf("Cumulative = %v", p.Cumulative)
	}
	if len(p.Parts) != c.parts {
		t.Errorf("%d parts, want %d (%s)", len(p.Parts), c.parts, p.Describe())
	}
	checkMain(t, p, c)
	checkValues(t, "Quantities", p.Quantities, c.qs, func(q Quantity) string { return q.Value.String() })
	checkValues(t, "units", p.Quantities, c.units, func(q Quantity) string { return q.Unit })
	checkDeadline(t, p.Deadline, c.dl)
	if c.kind == KindRange {
		if p.Min == nil || p.Max == nil {
			t.Fatalf("range without ends")
		}
		equalDecimal(t, "Min", p.Min.Value, c.min)
		equalDecimal(t, "Max", p.Max.Value, c.max)
	}
}

func checkMain(t *testing.T, p Phrase, c parseCase) {
	t.Helper()
	if c.value == "" {
		if p.Quantity != nil && c.kind != KindComposite {
			t.Errorf("Quantity = %+v, want none", *p.Quantity)
		}
		return
	}
	q := p.Quantity
	if q == nil {
		t.Fatalf("no Quantity, want %s", c.value)
	}
	equalDecimal(t, "Value", q.Value, c.value)
	if q.Unit != c.unit {
		t.Errorf("Unit = %q, want %q", q.Unit, c.unit)
	}
	if q.Bound != c.bound {
		t.Errorf("Bound = %q, want %q", q.Bound, c.bound)
	}
	if q.Total != c.total {
		t.Errorf("Total = %v", q.Total)
	}
}

func checkValues(t *testing.T, what string, qs []Quantity, want []string, f func(Quantity) string) {
	t.Helper()
	if want == nil {
		return
	}
	got := make([]string, len(qs))
	for k, q := range qs {
		got[k] = f(q)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func checkDeadline(t *testing.T, got, want *Deadline) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("Deadline = %+v, want none", *got)
	case want != nil && got == nil:
		t.Errorf("no Deadline, want %+v", *want)
	case want != nil:
		g := *got
		if want.Text == "" {
			g.Text = ""
		}
		if g != *want {
			t.Errorf("Deadline = %+v, want %+v", *got, *want)
		}
	}
}

func equalDecimal(t *testing.T, what string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(decimal.RequireFromString(want)) {
		t.Errorf("%s = %s, want %s", what, got, want)
	}
}

// checkInvariants holds for every phrase: offsets point at the text, ranges
// are ordered, composites have parts, and parts obey the same rules.
func checkInvariants(t *testing.T, p Phrase) {
	t.Helper()
	for _, q := range p.Quantities {
		if q.Start < 0 || q.End > len(p.Text) || q.Start > q.End {
			t.Fatalf("offsets %d..%d outside %q", q.Start, q.End, p.Text)
		}
		if p.Text[q.Start:q.End] != q.Text {
			t.Fatalf("Text %q != text[%d:%d] %q", q.Text, q.Start, q.End, p.Text[q.Start:q.End])
		}
	}
	switch p.Kind {
	case KindRange:
		if p.Min == nil || p.Max == nil || p.Max.Value.LessThan(p.Min.Value) {
			t.Fatalf("bad range %+v %+v", p.Min, p.Max)
		}
	case KindComposite:
		if len(p.Parts) < 2 {
			t.Fatalf("composite with %d parts", len(p.Parts))
		}
	case KindQuantity:
		if p.Quantity == nil {
			t.Fatalf("quantity phrase without Quantity")
		}
	case KindDeadline:
		if p.Deadline == nil {
			t.Fatalf("deadline phrase without Deadline")
		}
	}
	for _, part := range p.Parts {
		if part.Kind == KindComposite {
			t.Fatalf("nested composite %q", part.Text)
		}
		checkInvariants(t, part)
	}
}

func TestPartsAreReadOnTheirOwn(t *testing.T) {
	p := Parse("不少于5项、不少于8家、不少于100件")
	want := []string{"不少于5项", "不少于8家", "不少于100件"}
	for k, part := range p.Parts {
		if part.Text != want[k] {
			t.Errorf("part %d = %q, want %q", k, part.Text, want[k])
		}
		alone := Parse(want[k])
		if part.Kind != alone.Kind || part.Comparator != alone.Comparator ||
			!part.Quantity.Value.Equal(alone.Quantity.Value) || part.Quantity.Start != alone.Quantity.Start {
			t.Errorf("part %q differs from the phrase alone: %+v vs %+v", part.Text, part, alone)
		}
	}
}

// A phrase reads at most maxRunes runes and MaxParts parts: a longer list is
// qualitative, kept whole as text.
func TestLongInputIsCapped(t *testing.T) {
	for _, tt := range []struct {
		parts int
		kind  Kind
	}{
		{MaxParts, KindComposite},
		{MaxParts + 1, KindQualitative},
		{2000, KindQualitative}, // past maxRunes too
	} {
		text := strings.Repeat("不少于7000件、", tt.parts)
		p := Parse(text)
		if p.Kind != tt.kind || p.Text != text {
			t.Fatalf("%d parts: Kind = %s, want %s", tt.parts, p.Kind, tt.kind)
		}
		if tt.kind == KindComposite && len(p.Quantities) != tt.parts {
			t.Errorf("%d parts: %d quantities", tt.parts, len(p.Quantities))
		}
		checkInvariants(t, p)
	}
}

func TestPick(t *testing.T) {
	cases := []struct {
		actual, unit, want string
		ok                 bool
	}{
		{"知识产权服务机构认定和评选8家、知识产权公共服务工作站支持6家、专利导航和知识产权战略研究项目资助5家，共19家。", "家", "19", true},
		{"2020年，全区发明专利授权量为11473件。", "件", "11473", true},
		{"开展专利信息分析利用5项，知识产权服务机构认定8家，解答知识产权相关咨询200余件，通过人民调解委员会调解知识产权纠纷案件5件。", "件", "200", true},
		{"开展专利信息分析利用5项，知识产权服务机构认定8家，解答知识产权相关咨询200余件。", "家", "8", true},
		{"50", "个", "50", true},
		{"591.764万", "元", "5917640", true},
		{"591.764万", "", "5917640", true},
		{"通过知识产权质押贷款1.8亿元。", "元", "180000000", true},
		{"满意度90%，投诉3件", "%", "90", true},
		{"投诉3件", "%", "", false},
		{"1.8亿元", "%", "", false},
		{"规范企业知识产权管理", "", "", false},
		{"培训3期，共计培训200人次，发放资料500份", "人次", "200", true},
	}
	for _, c := range cases {
		q, ok := Parse(c.actual).Pick(c.unit)
		if ok != c.ok {
			t.Errorf("Pick(%q, %q) ok = %v", c.actual, c.unit, ok)
			continue
		}
		if ok {
			equalDecimal(t, c.actual, q.Value, c.want)
		}
	}
}

func TestCompatible(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"元", "元", true}, {"件", "件", true}, {"", "个", true}, {"个", "", true}, {"", "", true},
		{"%", "", true}, {"元", "%", false}, {"%", "元", false}, {"家", "件", false},
		{"元/亩", "元", false}, {"个百分点", "%", false}, {"‰", "%", false}, {"公斤", "公斤", true},
	}
	for _, c := range cases {
		if got := Compatible(c.a, c.b); got != c.want {
			t.Errorf("Compatible(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestDeadlineLast(t *testing.T) {
	cases := []struct {
		in          string
		defaultYear int
		y, m, d     int
		ok          bool
	}{
		{"12月底前", 2020, 2020, 12, 31, true},
		{"12月底前完成", 2020, 2020, 12, 31, true},
		{"12月份完成", 2020, 2020, 12, 31, true},
		{"第三季度", 2020, 2020, 9, 30, true},
		{"三季度末", 2021, 2021, 9, 30, true},
		{"Q1", 2021, 2021, 3, 31, true},
		{"2020年12月31日前", 2019, 2020, 12, 31, true},
		{"2021年11月30日前完成", 2020, 2021, 11, 30, true},
		{"9月前", 2020, 2020, 9, 30, true},
		{"2021年1月-12月", 2020, 2021, 12, 31, true},
		{"年底前", 2020, 2020, 12, 31, true},
		{"年内", 2022, 2022, 12, 31, true},
		{"2021年度", 2020, 2021, 12, 31, true},
		{"11月30日完成", 2020, 2020, 11, 30, true},
		{"2月底前", 2020, 2020, 2, 29, true},
		{"2月底前", 2021, 2021, 2, 28, true},
		{"2月30日前", 2021, 2021, 2, 28, true},
		{"10月中旬", 2020, 2020, 10, 20, true},
		{"上半年", 2020, 2020, 6, 30, true},
		{"按时", 2020, 0, 0, 0, false},
		{"长期", 2020, 0, 0, 0, false},
		{"在项目计划完成时间内完成", 2020, 0, 0, 0, false},
	}
	for _, c := range cases {
		p := Parse(c.in)
		if p.Deadline == nil {
			t.Errorf("%q: no deadline (%s)", c.in, p.Describe())
			continue
		}
		y, m, d, ok := p.Deadline.Last(c.defaultYear)
		if y != c.y || m != c.m || d != c.d || ok != c.ok {
			t.Errorf("%q.Last(%d) = %d-%d-%d %v, want %d-%d-%d %v", c.in, c.defaultYear, y, m, d, ok, c.y, c.m, c.d, c.ok)
		}
	}
}

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"一万二千三百四十五", "12345", true}, {"1.8亿", "180000000", true}, {"两千", "2000", true},
		{"10,926.20", "10926.2", true}, {"１２", "12", true}, {"5千万", "50000000", true},
		{"十二", "12", true}, {"二十", "20", true}, {"三千零五", "3005", true}, {"十", "10", true},
		{"一百零五", "105", true}, {"十万", "100000", true}, {"一亿二千万", "120000000", true},
		{"一点八亿", "180000000", true}, {"零点五", "0.5", true}, {"三千五", "3500", true},
		{"壹仟贰佰", "1200", true}, {"二〇二〇", "2020", true}, {" 42 ", "42", true}, {"3.5万", "35000", true},
		{"0", "0", true}, {"007", "7", true},
		{"3.700%", "", false}, {"1.8亿元", "", false}, {"5千米", "", false}, {"", "", false},
		{"-5", "", false}, {"万", "", false}, {"abc", "", false}, {"12件", "", false}, {"1,2", "", false},
		{"1.2.3", "", false}, {"百分之九十", "", false}, {"十分", "", false},
	}
	for _, c := range cases {
		v, ok := ParseNumber(c.in)
		if ok != c.ok {
			t.Errorf("ParseNumber(%q) ok = %v (%s)", c.in, ok, v)
			continue
		}
		if ok {
			equalDecimal(t, c.in, v, c.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	cases := []struct{ in, want string }{
		{"不少于7000件", "比较：≥；数值：7000；单位：件"},
		{"12月底前完成", "期限：12月31日前"},
		{"12月份完成", "时间：12月"},
		{"盘活知识产权资源，实现经济价值", "定性（无数值）"},
		{"", "空（未填写）"},
		{"591.764万", "数值：5917640；单位：无；原文：591.764万"},
		{"200余件", "数值：200；单位：件；下限（实际多于此数）；原文：200余件"},
		{"80%-90%", "范围：80～90；单位：%"},
		{"累计达到80家", "比较：≥；数值：80；单位：家；累计"},
		{"第三季度", "时间：第3季度"},
		{"按时", "按时完成"},
		{"2020年12月31日前", "期限：2020年12月31日前"},
		{"不少于5项、不少于8家", "复合（2项）：（1）比较：≥；数值：5；单位：项 | （2）比较：≥；数值：8；单位：家"},
		{"甲类8家，乙类6家，共14家", "复合（3项）：（1）数值：8；单位：家 | （2）数值：6；单位：家 | （3）数值：14；单位：家；合计 | 合计：14家"},
	}
	for _, c := range cases {
		if got := Parse(c.in).Describe(); got != c.want {
			t.Errorf("Describe(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestJSON(t *testing.T) {
	b, err := json.Marshal(Parse("不少于7000件"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"text":"不少于7000件","kind":"quantity","comparator":"≥","quantity":{"text":"7000件","value":"7000","unit":"件","unit_text":"件","start":9,"end":16},"quantities":[{"text":"7000件","value":"7000","unit":"件","unit_text":"件","start":9,"end":16}]}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
	var back Phrase
	if err := json.Unmarshal(b, &back); err != nil || !back.Quantity.Value.Equal(decimal.New(7000, 0)) {
		t.Errorf("round trip: %v %+v", err, back)
	}
	b, _ = json.Marshal(Parse("12月底前完成"))
	if want := `{"text":"12月底前完成","kind":"deadline","deadline":{"text":"12月底前","month":12,"before":true}}`; string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
}
