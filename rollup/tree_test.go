package rollup_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/rollup"
)

const hebei = `code,name,parent
130000,河北省,
130100,石家庄市,130000
130102,长安区,130100
130104,桥西区,130100
130200,唐山市,130000
130202,路南区,130200
`

// leaves are five unit forms in three counties of two cities.
func leaves() []*jixiao.Form {
	rows := func(sat, count, band, late, cost string) [][5]string {
		return [][5]string{
			{"服务对象满意度指标", "企业满意度", "≥90%", sat, "已完成"},
			{"数量指标", "专利资助", "不少于100件", count, "已完成"},
			{"经济效益指标", "促进知识产权金融化", "盘活知识产权资源", band, "已完成"},
			{"时效指标", "资助发放", "12月底前完成", late, "已完成"},
			{"成本指标", "资助资金", "50万", cost, "已完成"},
		}
	}
	mk := func(region, unitName, budget string, r [][5]string) *jixiao.Form {
		f := unit(region, budget, r...)
		f.Header.Unit = unitName
		f.Header.Program = "河北省" + strings.TrimPrefix(region, "河北省") + "知识产权运营服务体系建设"
		return f
	}
	return []*jixiao.Form{
		mk("河北省石家庄市长安区", "长安区知识产权局", "120.5", rows("91%", "130件", "效果好，92%", "12月份完成", "48.2万")),
		mk("河北省石家庄市长安区", "长安区科技局", "33.3", rows("87.5%", "90件", "一般，65%", "2021年1月完成", "51万")),
		mk("河北省石家庄市桥西区", "桥西区市场监督管理局", "77", rows("100%", "101件", "效果较好，85%", "11月完成", "50万")),
		mk("河北省唐山市路南区", "路南区市场监督管理局", "200", rows("95.25%", "250件", "较好，81%", "12月份完成", "49.999万")),
		mk("河北省唐山市路南区", "路南区知识产权服务中心", "0.7", rows("70%", "3件", "差，30%", "12月份完成", "0.5万")),
	}
}

// Rolling up rolled-up forms gives exactly what rolling up the leaves
// directly gives, weighted averages included, through three levels; and
// the region forms keep that exactness through a JSON round trip.
func TestTreeIsExact(t *testing.T) {
	tree, err := rollup.ReadTree("tree.csv", []byte(hebei))
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := rollup.RollupTree(tree, leaves(), rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 桥西区 has a single unit form: it goes up to 石家庄市 as it is
	var regions []string
	for _, n := range nodes {
		regions = append(regions, n.Node.FullName)
	}
	if strings.Join(regions, " ") != "河北省石家庄市长安区 河北省石家庄市 河北省唐山市路南区 河北省唐山市 河北省" {
		t.Fatalf("regions = %v", regions)
	}
	viaTree := nodes[len(nodes)-1].Result.Form
	flat, err := rollup.Rollup(leaves(), rollup.Options{Region: "河北省"})
	if err != nil {
		t.Fatal(err)
	}
	assertSameAggregate(t, "tree vs flat", viaTree, flat.Form)

	// the two city forms written to JSON and read back, then rolled up
	var cities []*jixiao.Form
	for _, n := range nodes {
		if n.Depth == 1 {
			var buf bytes.Buffer
			if err := jsonform.Write(&buf, []*jixiao.Form{n.Result.Form}); err != nil {
				t.Fatal(err)
			}
			back, err := jsonform.Reader{}.ReadForms("city.json", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			cities = append(cities, back[0])
		}
	}
	fromFiles, err := rollup.Rollup(cities, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	assertSameAggregate(t, "city files vs flat", fromFiles.Form, flat.Form)

	// the hand-checkable satisfaction figure: Σ(w·x)/Σw over the five units
	sat := flat.Form.Aggregation.Indicators[0].Actual[0]
	// 120.5×91 + 33.3×87.5 + 77×100 + 200×95.25 + 0.7×70 = 10965.5 + 2913.75 + 7700 + 19050 + 49
	if sat.Numerator.String() != "40678.25" || sat.Denominator.String() != "431.5" {
		t.Errorf("satisfaction = %s/%s", sat.Numerator, sat.Denominator)
	}
	if got := flat.Form.Indicators[0].Actual; got != "94.27%" {
		t.Errorf("satisfaction text = %q", got)
	}
	dl := flat.Form.Aggregation.Indicators[3]
	if dl.OnTime != 4 || dl.Members != 5 || !strings.Contains(flat.Form.Indicators[3].Actual, "1个单位未按时完成") {
		t.Errorf("deadline = %d/%d %q", dl.OnTime, dl.Members, flat.Form.Indicators[3].Actual)
	}
	if flat.Form.Indicators[4].Actual != "199.699万元" {
		t.Errorf("cost = %q", flat.Form.Indicators[4].Actual)
	}
	if n := flat.Form.Header.Unit; n != "按区域汇总（5个资金使用单位）" || viaTree.Header.Unit != n {
		t.Errorf("units: %q / %q", n, viaTree.Header.Unit)
	}
}

func assertSameAggregate(t *testing.T, what string, a, b *jixiao.Form) {
	t.Helper()
	if !a.Funds.TotalLine().Budget.Value.Equal(b.Funds.TotalLine().Budget.Value) || !a.Funds.TotalLine().Executed.Value.Equal(b.Funds.TotalLine().Executed.Value) {
		t.Errorf("%s: funds totals differ", what)
	}
	if len(a.Indicators) != len(b.Indicators) {
		t.Fatalf("%s: %d vs %d indicators", what, len(a.Indicators), len(b.Indicators))
	}
	for i := range a.Indicators {
		x, y := a.Aggregation.Indicators[i], b.Aggregation.Indicators[i]
		if a.Indicators[i].Target != b.Indicators[i].Target || a.Indicators[i].Actual != b.Indicators[i].Actual {
			t.Errorf("%s: indicator %d texts %q/%q vs %q/%q", what, i, a.Indicators[i].Target, a.Indicators[i].Actual, b.Indicators[i].Target, b.Indicators[i].Actual)
		}
		if x.Method != y.Method || x.OnTime != y.OnTime || x.Members != y.Members || values(x.Target) != values(y.Target) || values(x.Actual) != values(y.Actual) {
			t.Errorf("%s: indicator %d: %s %s %d/%d vs %s %s %d/%d", what, i, values(x.Target), values(x.Actual), x.OnTime, x.Members, values(y.Target), values(y.Actual), y.OnTime, y.Members)
		}
	}
}

// values renders aggregate values exactly, for comparison.
func values(vs []jixiao.AggregateValue) string {
	b, _ := json.Marshal(vs)
	return string(b)
}

func TestReadTree(t *testing.T) {
	tree, err := rollup.ReadTree("t.json", []byte(`[{"code":"000000","name":"全国","parent":""},{"code":"110000","name":"北京市","parent":"000000"},{"code":"110100","name":"市辖区","parent":"110000"},{"code":"110105","name":"朝阳区","parent":"110100"}]`))
	if err != nil {
		t.Fatal(err)
	}
	n, ok := tree.Locate("北京市朝阳区")
	if !ok || n.Code != "110105" || n.FullName != "北京市朝阳区" {
		t.Errorf("locate = %+v %v", n, ok)
	}
	if _, ok := tree.Locate("上海市浦东新区"); ok {
		t.Error("found a region not in the tree")
	}
	for _, tt := range []struct{ name, data, want string }{
		{"header", "a,b,c\n1,x,\n", "表头"},
		{"missing parent", "code,name,parent\n1,x,9\n", "不在树中"},
		{"duplicate", "code,name,parent\n1,x,\n1,y,\n", "重复"},
		{"cycle", "code,name,parent\n0,r,\n1,x,2\n2,y,1\n", "成环"},
		{"columns", "code,name,parent\n1\n", "三列"},
		{"json", "[{", "JSON"},
	} {
		_, err := rollup.ReadTree("t", []byte(tt.data))
		if err == nil || !strings.Contains(jixiao.MessageOf(err), tt.want) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
