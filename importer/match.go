package importer

import (
	"context"
	"strings"
	"unicode"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/hanzi"
	"github.com/jixiao/jixiao/regions"
)

// orgIndex finds stored organisations by name: exactly, else by the name
// normalised (NormalizeName), when that names one organisation only.
type orgIndex struct {
	exact map[string]*jixiao.Organisation
	norm  map[string][]*jixiao.Organisation
}

func newOrgIndex(orgs []*jixiao.Organisation) *orgIndex {
	x := &orgIndex{exact: map[string]*jixiao.Organisation{}, norm: map[string][]*jixiao.Organisation{}}
	for _, o := range orgs {
		x.add(o)
	}
	return x
}

func (x *orgIndex) add(o *jixiao.Organisation) {
	x.exact[o.Name] = o
	k := NormalizeName(o.Name)
	x.norm[k] = append(x.norm[k], o)
}

// find returns the organisation called name; a KindNotFound error when
// there is none, KindInvalid when the normalised name fits several.
func (x *orgIndex) find(name string) (*jixiao.Organisation, error) {
	name = strings.TrimSpace(name)
	if o, ok := x.exact[name]; ok {
		return o, nil
	}
	switch found := x.norm[NormalizeName(name)]; len(found) {
	case 0:
		return nil, jixiao.Errorf(jixiao.KindNotFound, "单位“%s”不在系统中", name)
	case 1:
		return found[0], nil
	default:
		names := make([]string, len(found))
		for i, o := range found {
			names[i] = "“" + o.Name + "”"
		}
		return nil, jixiao.Invalid("单位“%s”与系统中的 %s 都只差空格或全角半角，无法确定是哪一个：请在表中写出准确的名称", name, strings.Join(names, "、"))
	}
}

// NormalizeName is an organisation's name as matching compares it: without
// blanks (full-width ones too), full-width letters, digits and brackets as
// half-width, traditional characters as simplified. "北京市 朝阳区（东区）服务中心"
// and "北京市朝阳区(东区)服务中心" are the same name.
func NormalizeName(s string) string {
	return hanzi.Simplified(strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			return r - 0xFEE0
		}
		return r
	}, s))
}

// organisation finds the organisation a form belongs to: the fund-using
// unit of its header among the stored organisations, its region checked
// against the form's; with --add-units an unknown unit is created under the
// department of --under, in the region the form names.
func (im *Importer) organisation(ctx context.Context, f *jixiao.Form) (o *jixiao.Organisation, added bool, err error) {
	name := strings.TrimSpace(f.Header.Unit)
	if name == "" {
		return nil, false, jixiao.Invalid("表头没有填写资金使用单位：请在表中填写后再导入")
	}
	o, err = im.orgs.find(name)
	switch {
	case err == nil:
		return o, false, im.sameRegion(f, o)
	case jixiao.KindOf(err) != jixiao.KindNotFound:
		return nil, false, err
	case !im.opt.AddUnits:
		hint := "，或用 --add-units --under 部门 自动添加"
		if d, err := im.orgs.find(f.Header.LocalDept); err == nil && d.Kind == jixiao.OrgDepartment {
			hint = "，或用 --add-units --under " + d.Name + " 自动添加"
		}
		return nil, false, jixiao.Errorf(jixiao.KindNotFound, "单位“%s”不在系统中：请先添加（jixiao org add …）%s", name, hint)
	}
	where := f.RegionName()
	if where == "" {
		return nil, false, jixiao.Invalid("表中没有写地区（项目名称、单位名称也不以地区开头），无法确定新单位“%s”在哪个地区：请先添加该单位（jixiao org add …）", name)
	}
	reg, err := im.regions.byName(where)
	if err != nil {
		return nil, false, err
	}
	o, added, err = im.s.EnsureUnit(ctx, name, im.under.ID, reg.Code)
	if err != nil {
		return nil, false, err
	}
	im.orgs.add(o)
	return o, added, nil
}

// sameRegion refuses a form whose header names a region other than its
// organisation's (a file in the wrong folder, or the wrong unit's name). A
// region above the organisation's (北京市 for a unit of 朝阳区) is not a
// contradiction, and a region the store does not know is left to the
// organisation's.
func (im *Importer) sameRegion(f *jixiao.Form, o *jixiao.Organisation) error {
	where := f.RegionName()
	if where == "" {
		return nil
	}
	reg, err := im.regions.byName(where)
	if err != nil {
		return nil
	}
	own, ok := im.regions.code[o.Region]
	if !ok {
		return nil // stored after this import started
	}
	if !strings.HasPrefix(own.Path, reg.Path) {
		return jixiao.Invalid("表中的地区是%s，而单位“%s”在系统中属于%s：请核对表头，或改正系统中的单位", reg.FullName, o.Name, own.FullName)
	}
	return nil
}

// regionIndex finds stored regions by code and by name, in memory: the
// regions are read once per import (the national list is some 3,200), and
// most forms of a folder name a region of their own.
type regionIndex struct {
	code, full map[string]*jixiao.Region
	name       map[string][]*jixiao.Region
}

func newRegionIndex(rs []jixiao.Region) *regionIndex {
	x := &regionIndex{code: map[string]*jixiao.Region{}, full: map[string]*jixiao.Region{}, name: map[string][]*jixiao.Region{}}
	for i := range rs {
		r := &rs[i]
		x.code[r.Code] = r
		x.full[r.FullName] = r
		x.name[r.Name] = append(x.name[r.Name], r)
	}
	return x
}

// byName finds the stored region a form names, as store.RegionByName does
// (its full name, else its own name when one region has it), else as the
// national list reads the name (regions.Match: 北京朝阳区, 海淀区) when
// that region is stored.
func (x *regionIndex) byName(name string) (*jixiao.Region, error) {
	name = strings.TrimSpace(name)
	if r, ok := x.full[name]; ok {
		return r, nil
	}
	switch found := x.name[name]; len(found) {
	case 1:
		return found[0], nil
	case 0:
	default:
		var names []string
		for _, r := range found {
			names = append(names, r.FullName+"（"+r.Code+"）")
		}
		return nil, jixiao.Invalid("地区“%s”有多个：%s，请在表中写出上级地区", name, strings.Join(names, "、"))
	}
	if m, err := regions.Match(name); err == nil {
		if r, ok := x.code[m.Code]; ok {
			return r, nil
		}
	}
	return nil, jixiao.Errorf(jixiao.KindNotFound, "地区“%s”不在已载入的地区中：请核对表中的地区，或先载入地区（jixiao region load）", name)
}
