package gen

import (
	"encoding/csv"
	"io"
	"strings"
)

// Levels of the region tree.
const (
	LevelNation   = 0 // 全国
	LevelProvince = 1 // 省级: 河北省
	LevelCity     = 2 // 地级: 安平市
	LevelCounty   = 3 // 县级: 和丰县
)

// NationCode is the code of the tree's root. GB/T 2260 has no code for the
// nation; six zeros keep the column of six-digit codes uniform.
const NationCode = "000000"

// Region is one node of the region tree: a GB/T 2260-style six-digit code
// (PPCCDD: province, city, county), its own short name (朝阳区, not
// 北京市朝阳区) and its parent's code ("" for the nation).
type Region struct {
	Code   string
	Name   string
	Parent string
	Level  int
}

// Tree is the region hierarchy of a data set: the nation, then provinces,
// cities and counties, each listed after its parent.
type Tree struct {
	Regions []Region

	index    map[string]int      // code → position in Regions
	byName   map[string]string   // full name → code
	children map[string][]string // code → children's codes, in order
}

func newTree() *Tree {
	return &Tree{index: map[string]int{}, byName: map[string]string{}, children: map[string][]string{}}
}

func (t *Tree) add(r Region) {
	t.index[r.Code] = len(t.Regions)
	t.Regions = append(t.Regions, r)
	if r.Parent != "" {
		t.children[r.Parent] = append(t.children[r.Parent], r.Code)
	}
	t.byName[t.FullName(r.Code)] = r.Code
}

// Region returns the region of a code.
func (t *Tree) Region(code string) (Region, bool) {
	i, ok := t.index[code]
	if !ok {
		return Region{}, false
	}
	return t.Regions[i], true
}

// FullName is the name a form uses for a region: the names from the
// province down (河北省安平市和丰县), or 全国 for the nation.
func (t *Tree) FullName(code string) string {
	r, ok := t.Region(code)
	if !ok {
		return ""
	}
	if r.Level <= LevelProvince {
		return r.Name
	}
	return t.FullName(r.Parent) + r.Name
}

// Code returns the code of a region's full name (河北省安平市和丰县).
func (t *Tree) Code(fullName string) (string, bool) {
	c, ok := t.byName[fullName]
	return c, ok
}

// Children returns the codes of a region's children, in tree order.
func (t *Tree) Children(code string) []string {
	return t.children[code]
}

// Level returns the regions of one level (LevelProvince…), in tree order.
func (t *Tree) Level(level int) []Region {
	var out []Region
	for _, r := range t.Regions {
		if r.Level == level {
			out = append(out, r)
		}
	}
	return out
}

// Ancestor returns the code of the region's ancestor at the given level (the
// region itself at its own level), or "" when there is none.
func (t *Tree) Ancestor(code string, level int) string {
	for {
		r, ok := t.Region(code)
		if !ok || r.Level < level {
			return ""
		}
		if r.Level == level {
			return r.Code
		}
		code = r.Parent
	}
}

// WriteCSV writes the tree as CSV with the header code,name,parent (the
// nation's parent is empty), one region a line, parents first.
func (t *Tree) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"code", "name", "parent"}); err != nil {
		return err
	}
	for _, r := range t.Regions {
		if err := cw.Write([]string{r.Code, r.Name, r.Parent}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// String renders the tree as CSV.
func (t *Tree) String() string {
	var b strings.Builder
	_ = t.WriteCSV(&b)
	return b.String()
}
