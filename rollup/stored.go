package rollup

import (
	"bytes"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/decimals"
)

// Totals rolls stored unit forms up the region tree from their stored
// values (EncodeValues), without reading a phrase or a form again: each
// form's values are added into its region, and Finish adds every region
// into the one above it, up to the root. Sums are exact: int64 fixed point
// while the numbers fit (they do for any real program: 10^18 元), big
// decimals beyond. It is what GROUP BY ROLLUP computes over the same rows
// (rollup/pgpeer), figure for figure.
//
// Figures are kept apart by indicator key, part, side, kind and unit, as
// the SQL peer groups them: where forms give one indicator in different
// units (家 and 件) or ways (a deadline and a number), each way is its own
// figure — never summed together — and Rollup, which reports such an
// indicator as not aggregatable, is the place to explain it.
//
// A Totals is not safe for concurrent use.
type Totals struct {
	weight   jixiao.WeightBasis
	layouts  map[string]*Layout
	slots    []slot
	slotOf   map[slot]int
	funds    []fundSlot
	fundOf   map[fundSlot]int
	regions  map[string]*regionTotals
	paths    map[string][]*regionTotals
	finished bool
	nums     [][]byte // scratch
}

// Layout is a decoded layout: for each number, its slot.
type Layout struct {
	slots    []int  // indicator values
	weighted []bool // per indicator value: multiplied by the weight
	funds    []int  // funds lines (two numbers each)
}

type slot struct {
	key  string
	part int
	side Side
	kind ValueKind
	unit string
}

type fundSlot struct {
	path string
	role jixiao.FundRole
}

type regionTotals struct {
	code   string
	parent *regionTotals
	depth  int
	forms  int
	values []acc     // by slot
	funds  []fundAcc // by fund slot
}

// acc adds up one figure: a is Σv (sums, units on time) or Σ(w·v)
// (weighted), b is Σw (weighted).
type acc struct {
	a, b  fixed
	units int
}

type fundAcc struct {
	a, b           fixed
	filledA, fillB bool
	units          int
}

// NewTotals starts a roll-up that weights relative values by basis (budget
// when empty), as Options.Weight does for Rollup.
func NewTotals(basis jixiao.WeightBasis) *Totals {
	if basis == "" {
		basis = jixiao.WeightBudget
	}
	return &Totals{weight: basis, layouts: map[string]*Layout{}, slotOf: map[slot]int{}, fundOf: map[fundSlot]int{},
		regions: map[string]*regionTotals{}, paths: map[string][]*regionTotals{}}
}

// Layout decodes a stored layout (EncodeValues), once for all the forms
// that share it.
func (t *Totals) Layout(text []byte) (*Layout, error) {
	if l, ok := t.layouts[string(text)]; ok {
		return l, nil
	}
	body, ok := bytes.CutPrefix(text, []byte(layoutHeader))
	if !ok {
		return nil, valuesError("", "布局的版本标记不对")
	}
	l := &Layout{}
	for line := range strings.SplitSeq(string(body), "\n") {
		f := strings.Split(line, "\t")
		switch {
		case len(f) == 6 && f[0] == "v":
			part, err := strconv.Atoi(f[2])
			if err != nil {
				return nil, valuesError("", "分项序号不对")
			}
			s := slot{key: f[1], part: part, side: Side(f[3]), kind: ValueKind(f[4]), unit: f[5]}
			i, ok := t.slotOf[s]
			if !ok {
				i = len(t.slots)
				t.slots = append(t.slots, s)
				t.slotOf[s] = i
			}
			l.slots = append(l.slots, i)
			l.weighted = append(l.weighted, s.kind == ValueWeighted)
		case len(f) == 3 && f[0] == "f":
			s := fundSlot{path: f[1], role: jixiao.FundRole(f[2])}
			i, ok := t.fundOf[s]
			if !ok {
				i = len(t.funds)
				t.funds = append(t.funds, s)
				t.fundOf[s] = i
			}
			l.funds = append(l.funds, i)
		case line == "":
		default:
			return nil, valuesError("", "布局行“"+line+"”不对")
		}
	}
	t.layouts[string(text)] = l
	return l, nil
}

// Add adds one unit form: its region path (codes from the root, each
// followed by /: 000000/110000/110105/), its layout and its data.
func (t *Totals) Add(regionPath string, l *Layout, data []byte) error {
	if t.finished {
		return jixiao.Invalid("汇总已完成，不能再加入自评表")
	}
	r, err := t.region(regionPath)
	if err != nil {
		return err
	}
	rest, ok := bytes.CutPrefix(data, []byte(valuesHeader))
	if !ok {
		return valuesError(regionPath, "版本标记不对")
	}
	weightsLine, numbers, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return valuesError(regionPath, "缺少权重")
	}
	w, err := t.weightOf(weightsLine)
	if err != nil {
		return valuesError(regionPath, err.Error())
	}
	nums := t.nums[:0]
	if len(numbers) > 0 {
		for {
			i := bytes.IndexByte(numbers, '\t')
			if i < 0 {
				nums = append(nums, numbers)
				break
			}
			nums = append(nums, numbers[:i])
			numbers = numbers[i+1:]
		}
	}
	t.nums = nums
	if len(nums) != len(l.slots)+2*len(l.funds) {
		return valuesError(regionPath, "数值个数与布局不符")
	}
	if n := len(t.slots); len(r.values) < n {
		r.values = append(r.values, make([]acc, n-len(r.values))...)
	}
	if n := len(t.funds); len(r.funds) < n {
		r.funds = append(r.funds, make([]fundAcc, n-len(r.funds))...)
	}
	r.forms++
	for i, s := range l.slots {
		v, err := parseFixed(nums[i])
		if err != nil {
			return valuesError(regionPath, err.Error())
		}
		a := &r.values[s]
		a.units++
		if l.weighted[i] {
			a.a.add(w.mul(v))
			a.b.add(w)
			continue
		}
		a.a.add(v)
	}
	nums = nums[len(l.slots):]
	for i, s := range l.funds {
		f := &r.funds[s]
		f.units++
		if b := nums[2*i]; len(b) > 0 {
			v, err := parseFixed(b)
			if err != nil {
				return valuesError(regionPath, err.Error())
			}
			f.a.add(v)
			f.filledA = true
		}
		if b := nums[2*i+1]; len(b) > 0 {
			v, err := parseFixed(b)
			if err != nil {
				return valuesError(regionPath, err.Error())
			}
			f.b.add(v)
			f.fillB = true
		}
	}
	return nil
}

func valuesError(path, why string) error {
	where := "一张自评表"
	if path != "" {
		where = "地区 " + strings.TrimSuffix(path, "/") + " 的一张自评表"
	}
	return &jixiao.Error{Kind: jixiao.KindInternal, Message: where + "存储的汇总数值有误（" + why + "），请重新保存该表"}
}

// region returns the totals of the last region of path, creating it and
// its ancestors on first sight.
func (t *Totals) region(path string) (*regionTotals, error) {
	if chain, ok := t.paths[path]; ok {
		return chain[len(chain)-1], nil
	}
	codes := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if path == "" || !strings.HasSuffix(path, "/") {
		return nil, jixiao.Invalid("地区路径“%s”不对：应为各级地区代码，每个后跟 /", path)
	}
	var chain []*regionTotals
	var parent *regionTotals
	for i, code := range codes {
		r := t.regions[code]
		if r == nil {
			r = &regionTotals{code: code, parent: parent, depth: i}
			t.regions[code] = r
		} else if r.parent != parent {
			return nil, jixiao.Invalid("地区 %s 出现在两处地区路径中（上级不同）", code)
		}
		chain = append(chain, r)
		parent = r
	}
	t.paths[path] = chain
	return parent, nil
}

// weightOf is the form's weight on the chosen basis; a form without it
// weighs 0, as in Rollup (which warns about it).
func (t *Totals) weightOf(line []byte) (fixed, error) {
	f := bytes.Split(line, []byte("\t"))
	if len(f) != 3 {
		return fixed{}, errString("权重行不对")
	}
	i := 0
	switch t.weight {
	case jixiao.WeightExecuted:
		i = 1
	case jixiao.WeightCentral:
		i = 2
	}
	if len(f[i]) == 0 {
		return fixed{}, nil
	}
	return parseFixed(f[i])
}

type errString string

func (e errString) Error() string { return string(e) }

// Finish adds every region into the region above it, deepest first.
func (t *Totals) Finish() {
	if t.finished {
		return
	}
	t.finished = true
	rs := make([]*regionTotals, 0, len(t.regions))
	for _, r := range t.regions {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].depth > rs[j].depth })
	for _, r := range rs {
		if n := len(t.slots); len(r.values) < n {
			r.values = append(r.values, make([]acc, n-len(r.values))...)
		}
		if n := len(t.funds); len(r.funds) < n {
			r.funds = append(r.funds, make([]fundAcc, n-len(r.funds))...)
		}
	}
	for _, r := range rs {
		p := r.parent
		if p == nil {
			continue
		}
		p.forms += r.forms
		for i := range r.values {
			c := &r.values[i]
			if c.units == 0 {
				continue
			}
			pc := &p.values[i]
			pc.units += c.units
			pc.a.addFixed(c.a)
			pc.b.addFixed(c.b)
		}
		for i := range r.funds {
			c := &r.funds[i]
			if c.units == 0 {
				continue
			}
			pc := &p.funds[i]
			pc.units += c.units
			pc.a.addFixed(c.a)
			pc.b.addFixed(c.b)
			pc.filledA = pc.filledA || c.filledA
			pc.fillB = pc.fillB || c.fillB
		}
	}
}

// Regions lists the codes of every region that holds or contains a form
// added, root first, then in code order level by level.
func (t *Totals) Regions() []string {
	rs := make([]*regionTotals, 0, len(t.regions))
	for _, r := range t.regions {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].depth != rs[j].depth {
			return rs[i].depth < rs[j].depth
		}
		return rs[i].code < rs[j].code
	})
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.code
	}
	return out
}

// Forms is how many unit forms a region holds, its subregions' included
// (after Finish).
func (t *Totals) Forms(code string) int {
	if r := t.regions[code]; r != nil {
		return r.forms
	}
	return 0
}

// Figure is one aggregated number of a region: an indicator part and side.
type Figure struct {
	Key  string // IndicatorKey
	Part int
	Side Side
	Kind ValueKind
	Unit string
	// Sum is Σv (sums; units on time for ValueOnTime).
	Sum decimal.Decimal
	// Numerator Σ(w·v) and Denominator Σw of a weighted value.
	Numerator, Denominator decimal.Decimal
	// Units is how many unit forms gave the value.
	Units int
}

// Average is Numerator / Denominator to 10 places (false when Σw is 0).
func (f Figure) Average() (decimal.Decimal, bool) {
	if f.Denominator.IsZero() {
		return decimal.Decimal{}, false
	}
	return f.Numerator.DivRound(f.Denominator, 10), true
}

// Figures lists a region's figures (after Finish), in the order the values
// were first seen.
func (t *Totals) Figures(code string) []Figure {
	r := t.regions[code]
	if r == nil {
		return nil
	}
	out := make([]Figure, 0, len(r.values))
	for i, c := range r.values {
		if c.units == 0 {
			continue
		}
		s := t.slots[i]
		f := Figure{Key: s.key, Part: s.part, Side: s.side, Kind: s.kind, Unit: s.unit, Units: c.units}
		if s.kind == ValueWeighted {
			f.Numerator, f.Denominator = c.a.decimal(), c.b.decimal()
		} else {
			f.Sum = c.a.decimal()
		}
		out = append(out, f)
	}
	return out
}

// FundFigure is one funds line of a region, in 万元.
type FundFigure struct {
	Path             string
	Role             jixiao.FundRole
	Budget, Executed *decimal.Decimal // nil: no form filled it
	Units            int
}

// Funds lists a region's funds lines (after Finish).
func (t *Totals) Funds(code string) []FundFigure {
	r := t.regions[code]
	if r == nil {
		return nil
	}
	var out []FundFigure
	for i, c := range r.funds {
		if c.units == 0 {
			continue
		}
		s := t.funds[i]
		f := FundFigure{Path: s.path, Role: s.role, Units: c.units}
		if c.filledA {
			d := c.a.decimal()
			f.Budget = &d
		}
		if c.fillB {
			d := c.b.decimal()
			f.Executed = &d
		}
		out = append(out, f)
	}
	return out
}

// fixed is an exact decimal c × 10^e while c fits in an int64, and big
// beyond: the sums of a roll-up stay in machine integers.
type fixed struct {
	c   int64
	e   int32
	big *decimal.Decimal
}

func (x fixed) decimal() decimal.Decimal {
	if x.big != nil {
		return *x.big
	}
	return decimals.New(x.c, x.e)
}

// parseFixed reads a decimal as decimal.String writes it (-12.345).
func parseFixed(b []byte) (fixed, error) {
	var c uint64
	e := int32(0)
	neg, dot, digits := false, false, 0
	for i, ch := range b {
		switch {
		case ch >= '0' && ch <= '9':
			if c > (math.MaxInt64-9)/10 {
				return parseBig(b)
			}
			c = c*10 + uint64(ch-'0')
			digits++
			if dot {
				e--
			}
		case ch == '.' && !dot:
			dot = true
		case ch == '-' && i == 0:
			neg = true
		default:
			return parseBig(b)
		}
	}
	if digits == 0 {
		return fixed{}, errString("数值“" + string(b) + "”不对")
	}
	v := int64(c)
	if neg {
		v = -v
	}
	return fixed{c: v, e: e}, nil
}

func parseBig(b []byte) (fixed, error) {
	d, err := decimal.NewFromString(string(b))
	if err != nil {
		return fixed{}, errString("数值“" + string(b) + "”不对")
	}
	return fixed{big: &d}, nil
}

// pow10 are the powers of ten an int64 holds.
var pow10 = func() (p [19]int64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// scale returns c × 10^n, or false when it does not fit.
func scale(c int64, n int32) (int64, bool) {
	if n == 0 || c == 0 {
		return c, true
	}
	if n >= int32(len(pow10)) {
		return 0, false
	}
	hi, lo := bits.Mul64(uint64(abs(c)), uint64(pow10[n]))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}

func abs(c int64) int64 {
	if c < 0 {
		return -c
	}
	return c
}

// add adds y into x.
func (x *fixed) add(y fixed) {
	if x.big == nil && y.big == nil && x.e == y.e {
		if s, overflow := addInt64(x.c, y.c); !overflow {
			x.c = s
			return
		}
	}
	if x.big == nil && y.big == nil {
		xc, yc, e := x.c, y.c, x.e
		ok := true
		switch {
		case x.c == 0:
			xc, e = 0, y.e
		case y.e < x.e:
			xc, ok = scale(x.c, x.e-y.e)
			e = y.e
		case y.e > x.e:
			yc, ok = scale(y.c, y.e-x.e)
		}
		if ok {
			if s, overflow := addInt64(xc, yc); !overflow {
				x.c, x.e = s, e
				return
			}
		}
	}
	d := x.decimal().Add(y.decimal())
	*x = fixed{big: &d}
}

func (x *fixed) addFixed(y fixed) {
	if y.big == nil && y.c == 0 {
		return
	}
	x.add(y)
}

func addInt64(a, b int64) (int64, bool) {
	s := a + b
	return s, (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0)
}

// mul returns x × y.
func (x fixed) mul(y fixed) fixed {
	if x.big == nil && y.big == nil {
		hi, lo := bits.Mul64(uint64(abs(x.c)), uint64(abs(y.c)))
		if hi == 0 && lo <= math.MaxInt64 && x.c != math.MinInt64 && y.c != math.MinInt64 {
			c := int64(lo)
			if (x.c < 0) != (y.c < 0) {
				c = -c
			}
			return fixed{c: c, e: x.e + y.e}
		}
	}
	d := x.decimal().Mul(y.decimal())
	return fixed{big: &d}
}
