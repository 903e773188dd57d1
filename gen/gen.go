// Package gen makes synthetic data sets shaped like the real national one:
// 31 provinces, about 330 cities and 3,000 county units, each unit with a
// 30-indicator self-evaluation form of the reference form's shape
// (testdata/forms/chaoyang-2020-ip-ops.txt) and randomised values.
//
// It is for benchmarks, tests and demonstrations (rollup at scale, the SQL
// peer, `jixiao rollup --tree`): the same seed always gives the same data
// set. Besides the forms it records the ground truth, every number it wrote
// into them (Set.Values), so that what a reader parses and an aggregation
// adds up can be checked against what was meant.
package gen

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
)

// Options shape a data set. Zero values take the national shape.
type Options struct {
	// Provinces is the number of provincial regions, 1 to 31; 0 means 31.
	Provinces int
	// Cities is the number of city-level regions in all (at least one per
	// province, at most 99 per province); 0 means 333, scaled down in
	// proportion when there are fewer provinces.
	Cities int
	// Counties is the number of county-level regions in all, each with one
	// fund-using unit and so one form (at least one per city, at most 99 per
	// city); 0 means 3,000, scaled down in proportion.
	Counties int
}

// The national shape.
const (
	NationalProvinces = 31
	NationalCities    = 333
	NationalCounties  = 3000
)

func (o Options) resolve() (Options, error) {
	if o.Provinces == 0 {
		o.Provinces = NationalProvinces
	}
	if o.Provinces < 1 || o.Provinces > len(provinceNames) {
		return o, jixiao.Invalid("省数 %d 无效：应为 1 到 %d", o.Provinces, len(provinceNames))
	}
	if o.Cities == 0 {
		o.Cities = max(o.Provinces, NationalCities*o.Provinces/NationalProvinces)
	}
	if o.Counties == 0 {
		o.Counties = max(o.Cities, NationalCounties*o.Provinces/NationalProvinces)
	}
	if o.Cities < o.Provinces || o.Cities > 99*o.Provinces {
		return o, jixiao.Invalid("%d 个省下 %d 个市无效：每省应有 1 到 99 个市", o.Provinces, o.Cities)
	}
	if o.Counties < o.Cities || o.Counties > 99*o.Cities {
		return o, jixiao.Invalid("%d 个市下 %d 个县无效：每市应有 1 到 99 个县", o.Cities, o.Counties)
	}
	if o.Cities+o.Counties > len(namePairs()) {
		return o, jixiao.Invalid("市县合计 %d 个，超过可用名称数 %d", o.Cities+o.Counties, len(namePairs()))
	}
	return o, nil
}

// Set is a generated data set: the region tree, one form per county (in
// tree order, Codes[i] the county of Forms[i]) and the ground truth of
// every number written into the forms.
type Set struct {
	Tree   *Tree
	Forms  []*jixiao.Form
	Codes  []string
	Values []Value
}

// Kind says how a value aggregates (docs/domain.md §5).
type Kind string

// Kinds of values.
const (
	// Sum: absolute values (counts, money, cumulative totals) are added up.
	Sum Kind = "sum"
	// Weighted: percentages, satisfaction and qualitative band percentages
	// are averaged weighted by the unit's fund amount: Σ(w·v) / Σw.
	Weighted Kind = "weighted"
	// OnTime: a deadline row; Value is 1 when the unit met it, else 0. A
	// region counts its units on time.
	OnTime Kind = "ontime"
)

// Side says whether a value is of the target (指标值) or the actual
// (全年实际完成值).
type Side string

// Sides.
const (
	Target Side = "target"
	Actual Side = "actual"
)

// Value is one number the generator wrote into a form. Money is in 元 (the
// canonical unit of an aggregation), percentages in % (97 for 97%).
type Value struct {
	County    string // the unit's county code
	Indicator int    // index in Form.Indicators
	Key       string // the indicator's path: 产出指标/数量指标/指标1
	Part      int    // composite part, from 0
	Side      Side
	Kind      Kind
	Unit      string // 件, 家, 项, 元, % ("" for OnTime)
	Value     decimal.Decimal
}

// National generates a data set (see Generate) and returns its tree and
// forms. It panics on invalid options: it is meant for tests and benchmarks
// with fixed shapes.
func National(seed int64, opt Options) (*Tree, []*jixiao.Form) {
	s, err := Generate(seed, opt)
	if err != nil {
		panic(err)
	}
	return s.Tree, s.Forms
}

// Generate makes the data set of the options. The same seed and options
// always give the same set.
func Generate(seed int64, opt Options) (*Set, error) {
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	g := &generator{r: rand.New(rand.NewPCG(uint64(seed), 0x6a6978_69616f)), set: &Set{Tree: newTree()}}
	g.tree(opt)
	for _, c := range g.set.Tree.Level(LevelCounty) {
		g.form(c.Code)
	}
	return g.set, nil
}

// Write writes a data set to dir (created if need be): one JSON form file
// per unit (<county code>.json, jsonform's schema) and tree.csv (code,name,
// parent), ready for `jixiao rollup --tree dir/tree.csv dir/*.json`.
func Write(dir string, t *Tree, forms []*jixiao.Form) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "tree.csv"))
	if err != nil {
		return err
	}
	err = t.WriteCSV(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	for i, form := range forms {
		code, ok := t.Code(form.Header.Region)
		if !ok {
			return fmt.Errorf("gen: form %d: region %q is not in the tree", i, form.Header.Region)
		}
		if err := writeForm(filepath.Join(dir, code+".json"), form); err != nil {
			return err
		}
	}
	return nil
}

func writeForm(path string, form *jixiao.Form) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = jsonform.Write(f, []*jixiao.Form{form})
	return errors.Join(err, f.Close())
}

type generator struct {
	r   *rand.Rand
	set *Set
}

// provinceNames are the 31 provincial regions of the mainland with their
// GB/T 2260 codes.
var provinceNames = []struct{ code, name string }{
	{"11", "北京市"}, {"12", "天津市"}, {"13", "河北省"}, {"14", "山西省"}, {"15", "内蒙古自治区"},
	{"21", "辽宁省"}, {"22", "吉林省"}, {"23", "黑龙江省"},
	{"31", "上海市"}, {"32", "江苏省"}, {"33", "浙江省"}, {"34", "安徽省"}, {"35", "福建省"}, {"36", "江西省"}, {"37", "山东省"},
	{"41", "河南省"}, {"42", "湖北省"}, {"43", "湖南省"}, {"44", "广东省"}, {"45", "广西壮族自治区"}, {"46", "海南省"},
	{"50", "重庆市"}, {"51", "四川省"}, {"52", "贵州省"}, {"53", "云南省"}, {"54", "西藏自治区"},
	{"61", "陕西省"}, {"62", "甘肃省"}, {"63", "青海省"}, {"64", "宁夏回族自治区"}, {"65", "新疆维吾尔自治区"},
}

// nameRunes make synthetic two-character place names. None is a region
// suffix (省市区县州旗盟) or 地, so that jixiao.RegionOf splits the full
// names (河北省安平市和丰县知识产权…) where the tree does.
const nameRunes = "安平东西南北新宁华阳山河江城丰和兴临永长清泉源德昌明庆福康泰嘉定远吉瑞祥海湖云林峰金石桥溪水田乐宝广武文盛荣顺通鹤凤龙春白青松柳"

func namePairs() []string {
	rs := []rune(nameRunes)
	out := make([]string, 0, len(rs)*len(rs))
	for _, a := range rs {
		for _, b := range rs {
			if a != b {
				out = append(out, string([]rune{a, b}))
			}
		}
	}
	return out
}

func (g *generator) tree(opt Options) {
	t := g.set.Tree
	t.add(Region{Code: NationCode, Name: "全国", Level: LevelNation})
	names := namePairs()
	g.r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	next := 0
	name := func(suffix string) string {
		n := names[next] + suffix
		next++
		return n
	}
	cities := spread(g.r, opt.Cities, opt.Provinces, 99)
	var cityCodes []string
	for p := range opt.Provinces {
		pc := provinceNames[p].code
		t.add(Region{Code: pc + "0000", Name: provinceNames[p].name, Parent: NationCode, Level: LevelProvince})
		for c := range cities[p] {
			code := pc + two(c+1) + "00"
			t.add(Region{Code: code, Name: name("市"), Parent: pc + "0000", Level: LevelCity})
			cityCodes = append(cityCodes, code)
		}
	}
	counties := spread(g.r, opt.Counties, opt.Cities, 99)
	for i, cc := range cityCodes {
		for d := range counties[i] {
			suffix := "县"
			switch x := g.r.IntN(20); {
			case x < 5:
				suffix = "区"
			case x < 6:
				suffix = "市"
			}
			t.add(Region{Code: cc[:4] + two(d+1), Name: name(suffix), Parent: cc, Level: LevelCounty})
		}
	}
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// spread deals n items into k bins at random, each bin getting at least one
// and at most most; bins have random sizes, as regions do.
func spread(r *rand.Rand, n, k, most int) []int {
	out := make([]int, k)
	size := make([]float64, k)
	total := 0.0
	for i := range out {
		out[i] = 1
		size[i] = math.Exp(0.5 * r.NormFloat64())
		total += size[i]
	}
	for left := n - k; left > 0; {
		x := r.Float64() * total
		i := 0
		for i < k-1 && x >= size[i] {
			x -= size[i]
			i++
		}
		if out[i] < most {
			out[i]++
			left--
		}
	}
	return out
}
