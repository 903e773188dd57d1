package formedit

import (
	"slices"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
)

// Conflict is a field both sides changed from base to different values.
// The merged form holds Mine; Choose takes Theirs instead.
type Conflict struct {
	Name   string // field name in the merged form
	Label  string // its Chinese label: 产出指标·成本指标·第1行 全年实际完成值
	Base   string
	Mine   string
	Theirs string
	// Row: a row one side deleted and the other changed. It is kept with
	// the changes (nothing written is lost) and listed for the user to
	// delete again if they still mean to; there is no choice to make.
	Row bool
}

// Choose sets conflict c's field of merged to the other side's value
// (theirs) or back to the user's (mine).
func (c Conflict) Choose(merged *jixiao.Form, theirs bool) {
	if c.Row {
		return
	}
	fd, i, ok := lookup(merged, c.Name)
	if !ok {
		return
	}
	v := c.Mine
	if theirs {
		v = c.Theirs
	}
	fd.set(merged, i, v)
	Recompute(merged)
}

// Merge merges two edits of one version field by field: base is the
// version both started from, mine the edit being saved, theirs the version
// saved since. A field changed on one side only takes that side's value; a
// field changed on both to the same value takes it; changed to different
// values it is a Conflict, and the merged form holds mine.
//
// Rows (indicators, funds lines) are matched to base's by a longest common
// subsequence in which two rows match when they stand under the same level
// names (funds: always) and agree on at least two of their main fields
// (indicators: label, target, actual, reason; funds: label, budget,
// executed), so a row edited in two cells is still the same row. Rows one
// side added are kept, in that side's place (mine before theirs at the same
// place). A row one side deleted is deleted when the other left it as it
// was; when the other changed it, it is kept with the change and reported
// as a Row conflict. Whatever the editor cannot change (title, funds unit,
// footnotes) is theirs. Execution rates are recomputed.
func Merge(base, mine, theirs *jixiao.Form) (*jixiao.Form, []Conflict) {
	m := &merger{base: base, mine: mine, theirs: theirs, out: Clone(theirs)}
	for _, name := range []string{"header.program", "header.central_dept", "header.local_dept", "header.unit", "header.region",
		"goal.goal", "goal.achievement", "notes", "footer.filler", "footer.phone", "footer.fill_date"} {
		fd, _, _ := lookup(base, name)
		m.field(fd, name, 0, 0, 0, 0)
	}
	m.indicators()
	m.funds()
	for i := range m.conflicts {
		c := &m.conflicts[i]
		c.Label = Label(m.out, c.Name)
		if c.Row {
			c.Label = rowLabel(c.Name, m.out) + "：一方删除了这一行，另一方修改了它；已保留修改后的行，如仍要删除请再删除"
		}
	}
	Recompute(m.out)
	return m.out, m.conflicts
}

// rowLabel names row name (ind.<i>, funds.<k>) of f: 产出指标·成本指标·第1行,
// 资金情况·中央财政资金.
func rowLabel(name string, f *jixiao.Form) string {
	if _, i, ok := lookup(f, name+".name"); ok {
		in := ind(f, i)
		l := Label(f, name+".name")
		return l[:len(l)-len(" "+indicatorFields["name"].column)] + "（" + oneLine(indicatorLabel(in)) + "）"
	}
	if _, k, ok := lookup(f, name+".label"); ok {
		return "资金情况·第" + strconv.Itoa(k+1) + "行（" + oneLine(line(f, k).Name()) + "）"
	}
	return name
}

type merger struct {
	base, mine, theirs, out *jixiao.Form
	conflicts               []Conflict
}

// field merges one field: b, mi, ti index the row in base, mine and theirs
// (0 outside rows), o the row in the merged form.
func (m *merger) field(fd field, name string, b, mi, ti, o int) {
	bv, mv, tv := fd.get(m.base, b), fd.get(m.mine, mi), fd.get(m.theirs, ti)
	switch {
	case mv == tv, mv == bv:
		fd.set(m.out, o, tv)
	case tv == bv:
		fd.set(m.out, o, mv)
	default:
		fd.set(m.out, o, mv)
		m.conflicts = append(m.conflicts, Conflict{Name: name, Base: bv, Mine: mv, Theirs: tv})
	}
}

// triple is a merged row's source: its index in base, mine and theirs, -1
// where it is absent.
type triple struct{ b, m, t int }

// plan lays the rows of both sides out against base (see Merge).
func plan(nb, nm, nt int, bm, bt []int) []triple {
	var out []triple
	pm, pt := 0, 0
	for b := 0; b < nb; b++ {
		if j := bm[b]; j >= 0 {
			for ; pm < j; pm++ {
				out = append(out, triple{-1, pm, -1})
			}
			pm = j + 1
		}
		if j := bt[b]; j >= 0 {
			for ; pt < j; pt++ {
				out = append(out, triple{-1, -1, pt})
			}
			pt = j + 1
		}
		out = append(out, triple{b, bm[b], bt[b]})
	}
	for ; pm < nm; pm++ {
		out = append(out, triple{-1, pm, -1})
	}
	for ; pt < nt; pt++ {
		out = append(out, triple{-1, -1, pt})
	}
	return out
}

// align matches base's n rows to a side's k rows: the longest common
// subsequence under match; base row i → side row, or -1.
func align(n, k int, match func(i, j int) bool) []int {
	// lcs[i][j]: the longest common subsequence of base[i:] and side[j:]
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, k+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := k - 1; j >= 0; j-- {
			switch {
			case match(i, j):
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	for i, j := 0, 0; i < n && j < k; {
		switch {
		case match(i, j):
			out[i] = j
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// agree counts the fields of cols on which rows a of f and b of g agree.
func agree(f *jixiao.Form, a int, g *jixiao.Form, b int, fields map[string]field, cols ...string) int {
	n := 0
	for _, c := range cols {
		if fields[c].get(f, a) == fields[c].get(g, b) {
			n++
		}
	}
	return n
}

// same reports whether row a of f and row b of g are equal in every field.
func same(f *jixiao.Form, a int, g *jixiao.Form, b int, fields map[string]field) bool {
	return agree(f, a, g, b, fields, columns(fields)...) == len(fields)
}

func columns(fields map[string]field) []string {
	cols := make([]string, 0, len(fields))
	for c := range fields {
		cols = append(cols, c)
	}
	slices.Sort(cols) // a stable order of conflicts
	return cols
}

// rows merges one kind of row; take copies a row of a side into the merged
// list; it returns the merged rows' sources.
func (m *merger) rows(prefix string, fields map[string]field, count func(*jixiao.Form) int, match func(side *jixiao.Form, i, j int) bool,
	build func(ts []triple)) []triple {
	nb, nm, nt := count(m.base), count(m.mine), count(m.theirs)
	bm := align(nb, nm, func(i, j int) bool { return match(m.mine, i, j) })
	bt := align(nb, nt, func(i, j int) bool { return match(m.theirs, i, j) })
	var kept []triple
	var rowConflicts []int // indices in kept
	for _, t := range plan(nb, nm, nt, bm, bt) {
		switch {
		case t.b < 0, t.m >= 0 && t.t >= 0:
			kept = append(kept, t)
		case t.m < 0 && t.t < 0:
			// deleted on both sides
		case t.m < 0 && !same(m.base, t.b, m.theirs, t.t, fields):
			rowConflicts = append(rowConflicts, len(kept))
			kept = append(kept, t)
		case t.t < 0 && !same(m.base, t.b, m.mine, t.m, fields):
			rowConflicts = append(rowConflicts, len(kept))
			kept = append(kept, t)
		}
	}
	build(kept)
	cols := columns(fields)
	for o, t := range kept {
		name := prefix + strconv.Itoa(o) + "."
		for _, c := range cols {
			fd := fields[c]
			switch {
			case t.b >= 0 && t.m >= 0 && t.t >= 0:
				m.field(fd, name+c, t.b, t.m, t.t, o)
			case t.m >= 0:
				fd.set(m.out, o, fd.get(m.mine, t.m))
			default:
				fd.set(m.out, o, fd.get(m.theirs, t.t))
			}
		}
	}
	for _, o := range rowConflicts {
		m.conflicts = append(m.conflicts, Conflict{Name: prefix + strconv.Itoa(o), Row: true})
	}
	return kept
}

func (m *merger) indicators() {
	m.rows("ind.", indicatorFields, func(f *jixiao.Form) int { return len(f.Indicators) },
		func(side *jixiao.Form, i, j int) bool {
			b, s := &m.base.Indicators[i], &side.Indicators[j]
			return b.Level1 == s.Level1 && b.Level2 == s.Level2 &&
				agree(m.base, i, side, j, indicatorFields, "name", "target", "actual", "reason") >= 2
		},
		func(ts []triple) {
			m.out.Indicators = make([]jixiao.Indicator, len(ts))
			for o, t := range ts {
				if t.m >= 0 {
					m.out.Indicators[o] = m.mine.Indicators[t.m]
				} else {
					m.out.Indicators[o] = m.theirs.Indicators[t.t]
				}
			}
		})
	if m.out.Aggregation != nil && len(m.out.Aggregation.Indicators) != len(m.out.Indicators) {
		m.out.Aggregation = nil // cannot happen: region forms have no row operations
	}
}

func (m *merger) funds() {
	m.rows("funds.", fundFields, func(f *jixiao.Form) int { return len(f.Funds.Lines) },
		func(side *jixiao.Form, i, j int) bool {
			return agree(m.base, i, side, j, fundFields, "label", "budget", "executed") >= 2
		},
		func(ts []triple) {
			toMerged := func(side int) map[int]int {
				idx := map[int]int{}
				for o, t := range ts {
					if k := []int{t.m, t.t}[side]; k >= 0 {
						idx[k] = o
					}
				}
				return idx
			}
			fromMine, fromTheirs := toMerged(0), toMerged(1)
			lines := make([]jixiao.FundLine, len(ts))
			for o, t := range ts {
				var l jixiao.FundLine
				parent, ok := -1, false
				if t.m >= 0 {
					l = m.mine.Funds.Lines[t.m]
					parent, ok = fromMine[l.Parent]
				} else {
					l = m.theirs.Funds.Lines[t.t]
					parent, ok = fromTheirs[l.Parent]
				}
				if !ok || parent >= o {
					parent = -1
				}
				l.Parent = parent
				lines[o] = l
			}
			m.out.Funds.Lines = lines
		})
}
