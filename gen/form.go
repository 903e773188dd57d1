package gen

import (
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

// Texts shared by every form of the program.
const (
	Program     = "知识产权运营服务体系建设"
	Year        = 2020
	title       = "2020年知识产权运营服务体系建设转移支付区域（项目）绩效目标自评表"
	centralDept = "国家知识产权局"
)

var footnotes = []string{
	"1.资金使用单位按项目绩效目标填报，主管部门汇总时按区域绩效目标填报。",
	"2.其他资金包括与中央财政资金、地方财政资金共同投入到同一项目的自有资金、社会资金，以及以前年度的结转结余资金等。",
	"3.全年执行数是指按照国库集中支付制度要求，支付到商品和劳务供应者或用款单位形成的实际支出。",
	"4.定量指标。地方各级主管部门对资金使用单位填写的实际完成值汇总时，绝对值直接累加计算，相对值按照资金额度加权平均计算。",
	"5.定性指标。资金使用单位分别按照100%-80%（含）、80%-60%（含）、60%-0%合理填写实际完成值。地方各级主管部门汇总时，按照资金额度加权平均计算。",
}

var fillers = []string{"李想", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴强", "徐丽", "孙浩"}

// Names of the level-3 indicators, as in the reference form.
const (
	nameSubsidy    = "专利资助奖励"
	nameIndustry   = "专利技术产业化项目资助"
	namePledge     = "知识产权质押贷款贴息资助"
	nameKeyFirms   = "重点企业资助"
	nameServices   = "知识产权服务机构认定和评选、知识产权维权援助服务分中心与工作站建设和专利导航、知识产权战略研究项目资助"
	socialTarget   = "推动产业的专利协同运用，培育形成专利导航产业发展新模式；鼓励服务机构提升服务品质，促进知识产权服务业发展；健全知识产权维权援助工作体系，加强知识产权保护。"
	socialActual   = "通过开展专利导航知识产权战略研究项目，推动了专利技术运用，促进了专利导航产业发展；通过开展知识产权服务机构认定和评选，促进知识产权服务业发展；支持公共服务工作站建设，增强知识产权保护能力"
	level1Output   = "产出指标"
	level1Effect   = "效益指标"
	level1Satisfac = "满意度"
)

// unit is the generation of one county's form.
type unit struct {
	g      *generator
	code   string
	region string
	scale  float64         // size of the county against the reference (北京市朝阳区 = 1)
	spent  decimal.Decimal // the cost rows' actuals, 万元
	form   *jixiao.Form
}

func (g *generator) form(code string) {
	region := g.set.Tree.FullName(code)
	u := &unit{g: g, code: code, region: region, scale: math.Min(3, math.Max(0.05, 0.35*math.Exp(0.7*g.r.NormFloat64())))}
	dept := region + "市场监督管理局"
	u.form = &jixiao.Form{
		Title:    title,
		Year:     Year,
		YearText: "（2020年度）",
		Header: jixiao.Header{
			Program: region + Program, CentralDept: centralDept, LocalDept: dept, Unit: dept, Region: region,
		},
		Goal:        "经过三年时间，在" + region + "全面构建基础完备、体制健全、运行顺畅、链条完整的知识产权运营服务生态体系。2020年，项目建设初期阶段，主要围绕着“建章立制”及知识产权资助奖励开展。",
		Achievement: "印发" + region + "知识产权运营服务体系建设实施方案和专项资金管理办法；加强区域知识产权资助奖励，营造良好的知识产权营商环境。",
		Notes:       "无",
		Footnotes:   append([]string(nil), footnotes...),
		Filler:      fillers[g.r.IntN(len(fillers))],
		Phone:       strconv.Itoa(50000000 + g.r.IntN(40000000)),
		FillDate:    "2021年7月" + strconv.Itoa(1+g.r.IntN(28)) + "日",
	}
	u.indicators()
	u.funds()
	g.set.Forms = append(g.set.Forms, u.form)
	g.set.Codes = append(g.set.Codes, code)
}

// funds: the executed total B covers what the cost rows say was spent
// (in the reference form it equals their sum), split between central and
// local funds; budgets A (one decimal) at execution rates of 30–100%
// (central) and 60–100% (local); rates as B/A in percent to two places.
func (u *unit) funds() {
	r := u.g.r
	b := u.spent.Mul(decimal.NewFromFloat(1 + 0.25*r.Float64())).RoundUp(2)
	le := decimal.Zero
	if r.IntN(5) > 0 {
		le = b.Mul(decimal.NewFromFloat(0.3 * r.Float64())).Truncate(2)
	}
	ce := b.Sub(le)
	central := ce.Div(decimal.NewFromFloat(0.3 + 0.7*r.Float64())).RoundUp(1)
	local := le.Div(decimal.NewFromFloat(0.6 + 0.4*r.Float64())).RoundUp(1)
	zero := decimal.Zero
	u.form.Funds = jixiao.Funds{Unit: "万元", Lines: []jixiao.FundLine{
		line("年度资金总额：", jixiao.FundTotal, -1, central.Add(local), b),
		line("其中：中央财政资金", jixiao.FundCentral, 0, central, ce),
		line("地方资金", jixiao.FundLocal, 0, local, le),
		line("其他资金", jixiao.FundOther, 0, zero, zero),
	}}
}

func line(label string, role jixiao.FundRole, parent int, a, b decimal.Decimal) jixiao.FundLine {
	l := jixiao.FundLine{
		Label:    label,
		Role:     role,
		Parent:   parent,
		Budget:   jixiao.Amount{Text: a.String(), Value: a, Valid: true},
		Executed: jixiao.Amount{Text: b.String(), Value: b, Valid: true},
	}
	if a.IsPositive() {
		l.RateText = b.Mul(decimal.NewFromInt(100)).DivRound(a, 2).StringFixed(2) + "%"
	}
	return l
}

// row adds an indicator and returns its index.
func (u *unit) row(level1, level2, name, target, actual, reason string) int {
	f := u.form
	n := 1
	for _, in := range f.Indicators {
		if in.Level1 == level1 && in.Level2 == level2 {
			n++
		}
	}
	f.Indicators = append(f.Indicators, jixiao.Indicator{
		Level1: level1, Level2: level2, Name: name, Ordinal: n,
		Label: "指标" + strconv.Itoa(n) + "：" + name, Target: target, Actual: actual, Reason: reason,
	})
	return len(f.Indicators) - 1
}

// value records the ground truth of part of row i.
func (u *unit) value(i, part int, side Side, kind Kind, unit string, v decimal.Decimal) {
	u.g.set.Values = append(u.g.set.Values, Value{
		County: u.code, Indicator: i, Key: u.form.Indicators[i].Path(), Part: part,
		Side: side, Kind: kind, Unit: unit, Value: v,
	})
}

// count is a count target of the county's size: base × scale, jittered.
func (u *unit) count(base float64) int64 {
	return int64(math.Max(1, math.Round(base*u.scale*(0.8+0.4*u.g.r.Float64()))))
}

// achieved is an actual count around the target: mostly a little over it,
// sometimes short.
func (u *unit) achieved(target int64) int64 {
	f := 0.85 + 0.45*u.g.r.Float64()
	if u.g.r.IntN(4) > 0 {
		f = math.Max(f, 1)
	}
	return int64(math.Max(0, math.Round(float64(target)*f)))
}

func reasonFor(met bool, why string) string {
	if met {
		return "已完成"
	}
	return why
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

const (
	shortWhy = "由于相关项目属于普惠制政策，完成数量与申报情况有关，下一步将加强政策宣传。"
	costWhy  = "资助需求超出预期，超出部分由地方资金统筹安排，下一步将完善预算测算。"
	lateWhy  = "受疫情影响，部分资金于2021年1月拨付完毕，下一步将加快执行进度。"
	bandWhy  = "效果尚未充分显现，下一步将加强跟踪指导。"
	satisWhy = "部分服务对象对办理时限不够满意，下一步将优化服务流程。"
)

// counted adds a count row: 不少于N件 / <prefix>M件。
func (u *unit) counted(level1, level2, name string, base float64, unitWord, cmp, prefix string) (target, actual int64) {
	t := u.count(base)
	a := u.achieved(t)
	i := u.row(level1, level2, name, cmp+itoa(t)+unitWord, prefix+itoa(a)+unitWord+"。", reasonFor(a >= t, shortWhy))
	u.value(i, 0, Target, Sum, unitWord, decimal.NewFromInt(t))
	u.value(i, 0, Actual, Sum, unitWord, decimal.NewFromInt(a))
	return t, a
}

func (u *unit) indicators() {
	r := u.g.r
	// 产出指标 / 数量指标
	u.counted(level1Output, "数量指标", nameSubsidy, 7000, "件", "不少于", "专利资助奖励共完成")
	u.counted(level1Output, "数量指标", nameIndustry, 10, "家", "不少于", "专利技术产业化项目资助")
	u.counted(level1Output, "数量指标", namePledge, 8, "家", "不少于", "知识产权质押贷款贴息资助")
	u.counted(level1Output, "数量指标", nameKeyFirms, 10, "家", "不少于", "重点企业资助")
	{
		t := u.count(18)
		parts := [3]int64{u.count(8), u.count(6), u.count(5)}
		a := parts[0] + parts[1] + parts[2]
		i := u.row(level1Output, "数量指标", nameServices, "不少于"+itoa(t)+"家",
			"知识产权服务机构认定和评选"+itoa(parts[0])+"家、知识产权公共服务工作站支持"+itoa(parts[1])+"家、专利导航和知识产权战略研究项目资助"+itoa(parts[2])+"家，共"+itoa(a)+"家。",
			reasonFor(a >= t, shortWhy))
		u.value(i, 0, Target, Sum, "家", decimal.NewFromInt(t))
		u.value(i, 0, Actual, Sum, "家", decimal.NewFromInt(a))
	}

	// 产出指标 / 质量指标
	grantT, grantA := u.counted(level1Output, "质量指标", "发明专利授权量", 9000, "件", "不少于", "2020年，全区发明专利授权量为")
	u.counted(level1Output, "质量指标", "产业化项目转化专利", 100, "件", "不少于", "产业化项目转化专利")
	{
		t := decimal.New(u.count(180), -2) // 亿元, two places
		a := decimal.New(u.achieved(t.Shift(2).IntPart()), -2)
		i := u.row(level1Output, "质量指标", "通过知识产权质押贷款", "不少于"+t.String()+"亿元", "通过知识产权质押贷款"+a.String()+"亿元。", reasonFor(a.GreaterThanOrEqual(t), shortWhy))
		u.value(i, 0, Target, Sum, "元", t.Shift(8))
		u.value(i, 0, Actual, Sum, "元", a.Shift(8))
	}
	u.counted(level1Output, "质量指标", "贯标达标企业", 80, "家", "累计达到", "贯标达标企业累计")
	{
		words := [3]string{"项", "家", "件"}
		var ts, as [3]int64
		for k, base := range []float64{5, 8, 100} {
			ts[k] = u.count(base)
			as[k] = u.achieved(ts[k])
		}
		met := as[0] >= ts[0] && as[1] >= ts[1] && as[2] >= ts[2]
		i := u.row(level1Output, "质量指标", "开展专利信息分析利用、知识产权服务机构认定、接收举报投诉、调处知识产权案件",
			"不少于"+itoa(ts[0])+"项、不少于"+itoa(ts[1])+"家、不少于"+itoa(ts[2])+"件",
			"开展专利信息分析利用"+itoa(as[0])+"项，知识产权服务机构认定"+itoa(as[1])+"家，解答知识产权相关咨询"+itoa(as[2])+"件。",
			reasonFor(met, shortWhy))
		for k := range 3 {
			u.value(i, k, Target, Sum, words[k], decimal.NewFromInt(ts[k]))
			u.value(i, k, Actual, Sum, words[k], decimal.NewFromInt(as[k]))
		}
	}

	// 产出指标 / 时效指标: mostly on time, now and then finished in January.
	onTime := func() (string, bool) {
		switch x := r.IntN(40); {
		case x == 0:
			return "2021年1月完成", false
		case x < 10:
			return "11月份完成", true
		}
		return "12月份完成", true
	}
	for _, name := range []string{nameSubsidy, nameIndustry, namePledge, nameKeyFirms} {
		a, ok := onTime()
		i := u.row(level1Output, "时效指标", name, "12月底前完成", a, reasonFor(ok, lateWhy))
		u.value(i, 0, Actual, OnTime, "", flag(ok))
	}
	{
		all := true
		var as []string
		for range 3 {
			a, ok := onTime()
			all = all && ok
			as = append(as, a)
		}
		i := u.row(level1Output, "时效指标", nameServices, "12月底前完成、12月底前完成、12月底前完成", strings.Join(as, "、"), reasonFor(all, lateWhy))
		u.value(i, 0, Actual, OnTime, "", flag(all))
	}

	// 产出指标 / 成本指标: caps in 万 and what was spent (to 0.001万).
	spent := func(cap decimal.Decimal) decimal.Decimal {
		f := 0.6 + 0.52*r.Float64()
		v := decimal.New(int64(math.Round(cap.InexactFloat64()*f*1000)), -3)
		u.spent = u.spent.Add(v)
		return v
	}
	for k, name := range []string{nameSubsidy, nameIndustry, namePledge, nameKeyFirms} {
		t := decimal.NewFromInt(u.count([]float64{550, 200, 200, 150}[k]))
		a := spent(t)
		i := u.row(level1Output, "成本指标", name, t.String()+"万", a.String()+"万", reasonFor(a.LessThanOrEqual(t), costWhy))
		u.value(i, 0, Target, Sum, "元", t.Shift(4))
		u.value(i, 0, Actual, Sum, "元", a.Shift(4))
	}
	{
		var ts, as []string
		met := true
		var tv, av [3]decimal.Decimal
		for k, base := range []float64{70, 95, 35} {
			tv[k] = decimal.NewFromInt(u.count(base))
			av[k] = spent(tv[k])
			met = met && av[k].LessThanOrEqual(tv[k])
			ts = append(ts, tv[k].String()+"万")
			as = append(as, av[k].String()+"万")
		}
		i := u.row(level1Output, "成本指标", nameServices, strings.Join(ts, "、"), strings.Join(as, "、"), reasonFor(met, costWhy))
		for k := range 3 {
			u.value(i, k, Target, Sum, "元", tv[k].Shift(4))
			u.value(i, k, Actual, Sum, "元", av[k].Shift(4))
		}
	}

	// 效益指标: qualitative rows with band percentages, and two numbers.
	u.band(level1Effect, "经济效益指标", "促进知识产权金融化", "盘活知识产权资源，实现经济价值", "促进了区内知识产权金融水平稳步提高")
	{
		i := u.row(level1Effect, "社会效益指标", "促进专利申请及专利质量提升", "发明专利授权量"+itoa(grantT)+"件",
			"2020年，全区发明专利授权量为"+itoa(grantA)+"件。", reasonFor(grantA >= grantT, shortWhy))
		u.value(i, 0, Target, Sum, "件", decimal.NewFromInt(grantT))
		u.value(i, 0, Actual, Sum, "件", decimal.NewFromInt(grantA))
	}
	u.band(level1Effect, "社会效益指标", "开展专利导航知识产权战略研究项目、开展知识产权服务机构认定和评选、支持知识产权维权援助服务分中心与工作站建设", socialTarget, socialActual)
	{
		t := decimal.New(u.count(500), -2) // 亿元
		a := decimal.New(u.achieved(t.Shift(2).IntPart()), -2)
		i := u.row(level1Effect, "生态效益", "促进专利技术转化", "专利技术产业化收入"+t.String()+"亿元",
			"专利技术产业化收入"+a.String()+"亿元，项目支持新能源、新材料项目，为保护生态环境做贡献。", reasonFor(a.GreaterThanOrEqual(t), shortWhy))
		u.value(i, 0, Target, Sum, "元", t.Shift(8))
		u.value(i, 0, Actual, Sum, "元", a.Shift(8))
	}
	u.band(level1Effect, "可持续影响指标", "贯彻《企业知识产权管理规范》", "规范企业知识产权管理",
		"通过规范企业知识产权管理，进一步提升了企业知识产权创造、运用和保护能力")

	// 满意度: percentages, weighted.
	for _, name := range []string{"专利权人满意度", "企业满意度", "金融机构满意度", "重点企业满意度"} {
		t, tt := u.satisfactionTarget()
		a := u.satisfaction()
		i := u.row(level1Satisfac, "服务对象满意度指标", name, tt, a.String()+"%", reasonFor(a.GreaterThanOrEqual(t), satisWhy))
		u.value(i, 0, Target, Weighted, "%", t)
		u.value(i, 0, Actual, Weighted, "%", a)
	}
	{
		var ts, as []string
		var tv, av [3]decimal.Decimal
		met := true
		for k := range 3 {
			var tt string
			tv[k], tt = u.satisfactionTarget()
			av[k] = u.satisfaction()
			met = met && av[k].GreaterThanOrEqual(tv[k])
			ts = append(ts, tt)
			as = append(as, av[k].String()+"%")
		}
		i := u.row(level1Satisfac, "服务对象满意度指标", "专利信息分析利用企业满意度、服务机构满意度、知识产权维权援助服务分中心与工作站满意度",
			strings.Join(ts, "、"), strings.Join(as, "、"), reasonFor(met, satisWhy))
		for k := range 3 {
			u.value(i, k, Target, Weighted, "%", tv[k])
			u.value(i, k, Actual, Weighted, "%", av[k])
		}
	}
}

func flag(ok bool) decimal.Decimal {
	if ok {
		return decimal.NewFromInt(1)
	}
	return decimal.Zero
}

// band adds a qualitative row whose actual ends with a band percentage
// (效果较好，85%); bands of 80% and more are the usual.
func (u *unit) band(level1, level2, name, target, actual string) {
	r := u.g.r
	v := int64(80 + r.IntN(21))
	if r.IntN(6) == 0 {
		v = int64(50 + r.IntN(30))
	}
	word := "效果较好"
	switch {
	case v < 60:
		word = "效果较差"
	case v < 80:
		word = "部分达成"
	}
	i := u.row(level1, level2, name, target, actual+"，"+word+"，"+itoa(v)+"%", reasonFor(v >= 80, bandWhy))
	u.value(i, 0, Actual, Weighted, "%", decimal.NewFromInt(v))
}

func (u *unit) satisfactionTarget() (decimal.Decimal, string) {
	switch u.g.r.IntN(3) {
	case 0:
		return decimal.NewFromInt(100), "100%"
	case 1:
		return decimal.NewFromInt(95), "95%"
	}
	return decimal.NewFromInt(90), "90%"
}

// satisfaction is 85% to 100%, now and then with a half.
func (u *unit) satisfaction() decimal.Decimal {
	v := decimal.NewFromInt(int64(85 + u.g.r.IntN(16)))
	if v.LessThan(decimal.NewFromInt(100)) && u.g.r.IntN(4) == 0 {
		v = v.Add(decimal.New(5, -1))
	}
	return v
}
