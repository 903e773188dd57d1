package docx_test

import (
	"github.com/jixiao/jixiao/internal/formtest"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

// wml builds WordprocessingML the way the tests below need it.
type wml struct{}

func (wml) p(s string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>`
}
func (w wml) tc(pr, content string) string {
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + content + `</w:tc>`
}
func (w wml) cell(s string) string     { return w.tc("", w.p(s)) }
func (w wml) span(n, s string) string  { return w.tc(`<w:gridSpan w:val="`+n+`"/>`, w.p(s)) }
func (w wml) start(s string) string    { return w.tc(`<w:vMerge w:val="restart"/>`, w.p(s)) }
func (w wml) cont() string             { return w.tc(`<w:vMerge/>`, `<w:p/>`) }
func (wml) row(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
func (wml) rowPr(pr string, cells ...string) string {
	return `<w:tr><w:trPr>` + pr + `</w:trPr>` + strings.Join(cells, "") + `</w:tr>`
}
func (wml) table(rows ...string) string { return `<w:tbl>` + strings.Join(rows, "") + `</w:tbl>` }

// A Word form as a provincial template hands it out: content controls
// around rows and cells, a hyperlink and a smart tag around runs, a row that
// starts one grid column in (gridBefore) because its first cell was deleted,
// a date field in the footer, a 指标性质/度量单位 indicator table, and the
// funds block as its own table with 资金情况 merged down all its rows.
func TestClerkTemplateDocument(t *testing.T) {
	var w wml
	sdtRow := func(r string) string { return `<w:sdt><w:sdtPr/><w:sdtContent>` + r + `</w:sdtContent></w:sdt>` }
	sdtCell := func(s string) string {
		return `<w:sdt><w:sdtPr/><w:sdtContent>` + w.cell(s) + `</w:sdtContent></w:sdt>`
	}
	linked := func(s string) string {
		return w.tc("", `<w:p><w:hyperlink w:anchor="x"><w:r><w:t>`+s[:3]+`</w:t></w:r></w:hyperlink><w:smartTag w:uri="u" w:element="e"><w:r><w:t>`+s[3:]+`</w:t></w:r></w:smartTag></w:p>`)
	}
	header := w.table(
		w.row(w.span("2", "项目名称"), w.span("6", "高标准农田建设")),
		w.row(w.span("2", "主管部门"), w.span("2", "某县农业农村局"), w.span("2", "实施单位"), w.span("2", "某县农田建设服务中心")),
	)
	funds := w.table(
		w.row(w.start("资金情况（万元）"), w.cell(""), w.span("2", "全年预算数（A）"), w.span("2", "全年执行数（B）"), w.span("2", "执行率（B/A）")),
		sdtRow(w.row(w.cont(), w.cell("年度资金总额"), w.span("2", "1,350.00"), w.span("2", "1,296.00"), w.span("2", "96.00%"))),
		w.row(w.cont(), w.cell("其中：中央资金"), w.span("2", "900.00"), w.span("2", "900.00"), w.span("2", "100.00%")),
		w.row(w.cont(), w.cell("省级资金"), w.span("2", "300.00"), w.span("2", "300.00"), w.span("2", "100.00%")),
		w.row(w.cont(), w.cell("县级资金"), w.span("2", "150.00"), w.span("2", "96.00"), w.span("2", "64.00%")),
	)
	indicators := w.table(
		w.row(w.cell("一级指标"), w.cell("二级指标"), w.cell("三级指标"), w.cell("指标性质"), w.cell("指标值"), w.cell("度量单位"), w.cell("实际完成值"), w.cell("偏差原因分析及改进措施")),
		w.row(w.start("产出指标"), w.start("数量指标"), w.cell("建设高标准农田面积"), w.cell("≥"), w.cell("1.5"), w.cell("万亩"), w.cell("1.52"), w.cell("")),
		w.row(w.cont(), w.cont(), linked("新建机耕路长度"), w.cell("≥"), w.cell("12"), w.cell("公里"), sdtCell("12.6"), w.cell("")),
		w.row(w.cont(), w.start("质量指标"), w.cell("工程验收合格率"), w.cell("＝"), w.cell("100"), w.cell("%"), w.cell("100"), w.cell("")),
		w.row(w.cont(), w.start("成本指标"), w.cell("亩均建设成本"), w.cell("≤"), w.cell("3000"), w.cell("元/亩"), w.cell("2880"), w.cell("")),
		w.rowPr(`<w:gridBefore w:val="1"/>`, w.start("时效指标"), w.cell("项目完工时间"), w.cell("定性"), w.cell("2023年12月底前"), w.cell(""), w.cell("2023年12月20日完工"), w.cell("")),
		w.row(w.start("效益指标"), w.start("经济效益指标"), w.cell("亩均粮食增产"), w.cell("≥"), w.cell("50"), w.cell("公斤"), w.cell("55"), w.cell("")),
		w.row(w.start("满意度指标"), w.start("服务对象满意度指标"), w.cell("受益农户满意度"), w.cell("≥"), w.cell("90"), w.cell("%"), w.cell("92.5"), w.cell("")),
	)
	footer := `<w:p><w:r><w:t xml:space="preserve">填报人：赵强    联系电话：0371-1234567    填报日期：</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE \@ "yyyy年M月d日"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>2024年3月8日</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`
	body := w.p("项目支出绩效自评表") + w.p("（2023年度）") + header + w.p("") + funds + w.p("") + indicators + footer

	got, f := docxReading(t, ooxmltest.Docx(t, body))
	sameReading(t, got, reading{
		Statuses: []string{"met", "met", "met", "met", "met", "met", "met"},
		// 县级资金 spent 64%: a reviewer raises it too
		Findings: []string{"low-execution@资金情况/县级资金", "missing-field@基本信息/中央主管部门", "notes-unfilled@说明"},
		Funds:    []string{"年度资金总额 1350/1296", "其中：中央资金 900/900", "省级资金 300/300", "县级资金 150/96"},
	})
	for i, want := range []string{"建设高标准农田面积|数量指标|≥1.5万亩|1.52万亩", "新建机耕路长度|数量指标|≥12公里|12.6公里", "工程验收合格率|质量指标|＝100%|100%",
		"亩均建设成本|成本指标|≤3000元/亩|2880元/亩", "项目完工时间|时效指标|2023年12月底前|2023年12月20日完工"} {
		ind := f.Indicators[i]
		if got := ind.Name + "|" + ind.Level2 + "|" + ind.Target + "|" + ind.Actual; got != want {
			t.Errorf("indicator %d: %s, want %s", i, got, want)
		}
	}
	if f.Header.Program != "高标准农田建设" || f.Filler != "赵强" || f.FillDate != "2024年3月8日" {
		t.Errorf("header %+v, filler %q, date %q", f.Header, f.Filler, f.FillDate)
	}
}

// Two project forms in one document whose header fields are paragraphs
// above each table (项目名称：…, 主管部门：…  实施单位：… on one line) and
// whose funds unit is a line of its own (单位：万元, 单位：元), the funds
// label without one.
func TestClerkFieldParagraphs(t *testing.T) {
	var w wml
	form := func(name, dept, unitLine string, total, executed, filler string) string {
		return w.p("2023年度项目支出绩效自评表") +
			w.p("项目名称："+name) +
			w.p("主管部门："+dept+"          实施单位：某县环境卫生服务中心") +
			w.p(unitLine) +
			w.table(
				w.row(w.start("资金情况"), w.cell(""), w.cell("全年预算数（A）"), w.cell("全年执行数（B）"), w.cell("执行率（B/A）")),
				w.row(w.cont(), w.cell("年度资金总额"), w.cell(total), w.cell(executed), w.cell("95.83%")),
				w.row(w.cont(), w.cell("其中：财政拨款"), w.cell(total), w.cell(executed), w.cell("95.83%")),
				w.row(w.cont(), w.cell("其他资金"), w.cell("0"), w.cell("0"), w.cell("")),
				w.row(w.cell("一级指标"), w.cell("二级指标"), w.cell("三级指标"), w.cell("指标值"), w.cell("实际完成值"), w.cell("偏差原因分析及改进措施")),
				w.row(w.start("产出指标"), w.start("数量指标"), w.cell("清扫保洁面积"), w.cell("≥320万平方米"), w.cell("325万平方米"), w.cell("")),
				w.row(w.cont(), w.start("成本指标"), w.cell("保洁服务费用"), w.cell("≤1200万元"), w.cell("1150万元"), w.cell("")),
				w.row(w.start("满意度指标"), w.start("服务对象满意度指标"), w.cell("群众满意度"), w.cell("≥90%"), w.cell("92%"), w.cell("")),
			) + w.p("填报人："+filler+"　　联系电话：0550-7654321　　填报日期：2024年2月28日")
	}
	body := form("城乡环卫一体化运营", "某县城市管理局", "单位：万元", "1,200", "1,150", "孙丽") +
		form("城区公厕运维", "某县城市管理局", "金额单位：元", "12,000,000.00", "11,500,000.00", "周杰")
	forms, err := docxForms(t, ooxmltest.Docx(t, body))
	if err != nil {
		t.Fatal(err)
	}
	if len(forms) != 2 {
		t.Fatalf("%d forms, want 2", len(forms))
	}
	for i, want := range []struct{ program, unit, filler string }{{"城乡环卫一体化运营", "万元", "孙丽"}, {"城区公厕运维", "元", "周杰"}} {
		f := forms[i]
		if f.Header.Program != want.program || f.Header.LocalDept != "某县城市管理局" || f.Header.Unit != "某县环境卫生服务中心" || f.Funds.Unit != want.unit || f.Filler != want.filler {
			t.Errorf("form %d: header %+v, unit %q, filler %q", i, f.Header, f.Funds.Unit, f.Filler)
		}
		got := formtest.Of(check.Form(f, audit.Defaults()), f)
		if strings.Join(got.Statuses, " ") != "met met met" {
			t.Errorf("form %d: statuses %v", i, got.Statuses)
		}
		// a project form has no 中央主管部门 and these no 说明 row
		if strings.Join(got.Findings, " ") != "missing-field@基本信息/中央主管部门 notes-unfilled@说明" {
			t.Errorf("form %d: findings %v", i, got.Findings)
		}
	}
}

func docxForms(t *testing.T, data []byte) ([]*jixiao.Form, error) {
	t.Helper()
	return docx.Reader{}.ReadForms("t.docx", data)
}
