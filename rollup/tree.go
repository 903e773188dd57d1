package rollup

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
)

// Node is a region of the administrative tree (GB/T 2260: 110000 北京市,
// 110105 朝阳区).
type Node struct {
	Code     string  `json:"code"`
	Name     string  `json:"name"`
	Parent   string  `json:"parent"`
	FullName string  `json:"-"` // 北京市朝阳区: the names from the province down
	Children []*Node `json:"-"`
	parent   *Node
}

// Tree is a region tree read from a file (docs/region-tree.md).
type Tree struct {
	Roots []*Node
	nodes map[string]*Node
	order []*Node // file order
}

// placeholders are tree levels that are not part of a region's written name.
var placeholders = map[string]bool{"市辖区": true, "县": true, "省直辖县级行政区划": true, "自治区直辖县级行政区划": true}

// national names of a root that do not prefix region names.
var national = map[string]bool{"全国": true, "中国": true, "中华人民共和国": true}

// ReadTree reads a region tree: CSV with the header code,name,parent, or a
// JSON array of {"code","name","parent"}. A root has an empty parent.
func ReadTree(name string, data []byte) (*Tree, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var nodes []*Node
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		if err := json.Unmarshal(t, &nodes); err != nil {
			return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：地区树 JSON 格式有误，应为 [{\"code\":\"110000\",\"name\":\"北京市\",\"parent\":\"\"}, …]", Err: err}
		}
	} else {
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：地区树 CSV 格式有误", Err: err}
		}
		if len(rows) == 0 || strings.TrimSpace(strings.ToLower(strings.Join(rows[0], ","))) != "code,name,parent" {
			return nil, jixiao.Invalid("%s：地区树 CSV 的第一行应为表头 code,name,parent", name)
		}
		for i, row := range rows[1:] {
			if len(row) < 2 || len(row) > 3 {
				return nil, jixiao.Invalid("%s：第 %d 行应有 code,name,parent 三列", name, i+2)
			}
			n := &Node{Code: strings.TrimSpace(row[0]), Name: strings.TrimSpace(row[1])}
			if len(row) == 3 {
				n.Parent = strings.TrimSpace(row[2])
			}
			nodes = append(nodes, n)
		}
	}
	return buildTree(name, nodes)
}

func buildTree(name string, nodes []*Node) (*Tree, error) {
	t := &Tree{nodes: map[string]*Node{}}
	for _, n := range nodes {
		if n.Code == "" || n.Name == "" {
			return nil, jixiao.Invalid("%s：每个地区都要有代码和名称（%q %q）", name, n.Code, n.Name)
		}
		if t.nodes[n.Code] != nil {
			return nil, jixiao.Invalid("%s：地区代码 %s 重复", name, n.Code)
		}
		t.nodes[n.Code] = n
		t.order = append(t.order, n)
	}
	for _, n := range t.order {
		if n.Parent == "" {
			t.Roots = append(t.Roots, n)
			continue
		}
		p := t.nodes[n.Parent]
		if p == nil {
			return nil, jixiao.Invalid("%s：地区 %s %s 的上级代码 %s 不在树中", name, n.Code, n.Name, n.Parent)
		}
		n.parent = p
		p.Children = append(p.Children, n)
	}
	for _, n := range t.order {
		// a cycle never reaches a root
		seen := 0
		for p := n; p != nil; p = p.parent {
			if seen++; seen > len(t.order) {
				return nil, jixiao.Invalid("%s：地区 %s 的上级关系成环", name, n.Code)
			}
		}
		n.FullName = fullName(n)
	}
	if len(t.Roots) == 0 {
		return nil, jixiao.Invalid("%s：地区树没有根（parent 为空的地区）", name)
	}
	return t, nil
}

func fullName(n *Node) string {
	var parts []string
	for p := n; p != nil; p = p.parent {
		if placeholders[p.Name] || (p.parent == nil && national[p.Name]) {
			continue
		}
		parts = append(parts, p.Name)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		b.WriteString(parts[i])
	}
	if b.Len() == 0 {
		return n.Name
	}
	return b.String()
}

// Locate finds the node of a form's region: the node whose full name it
// is, else the one node whose name ends it and whose ancestors it names.
func (t *Tree) Locate(region string) (*Node, bool) {
	var found []*Node
	for _, n := range t.order {
		if n.FullName == region {
			return n, true
		}
	}
	for _, n := range t.order {
		if !strings.HasSuffix(region, n.Name) {
			continue
		}
		ok := true
		for p := n.parent; p != nil; p = p.parent {
			if !placeholders[p.Name] && !national[p.Name] && !strings.Contains(region, p.Name) {
				ok = false
				break
			}
		}
		if ok {
			found = append(found, n)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return nil, false
}

// NodeResult is the rollup of one region of the tree.
type NodeResult struct {
	Node   *Node
	Depth  int // 0 for a root
	Result *Result
}

// RollupTree attaches each form to its region in the tree and rolls every
// region up from its own forms and its sub-regions' results, deepest first.
// A region whose only form is one unit form is not wrapped in a region
// form of its own: that unit form goes up to the next level as it is.
// Rolling up region results rather than all the leaves again is exact:
// sums add and weighted values carry their numerators and denominators.
func RollupTree(t *Tree, forms []*jixiao.Form, opt Options) ([]NodeResult, error) {
	direct := map[*Node][]*jixiao.Form{}
	for _, f := range forms {
		region := f.RegionName()
		n, ok := t.Locate(region)
		if !ok {
			return nil, jixiao.Invalid("%s：地区“%s”在地区树中找不到（或不唯一）。请在地区树中加入该地区，或检查表中的项目名称/地区", describe(f), region)
		}
		direct[n] = append(direct[n], f)
	}
	var out []NodeResult
	judged := map[*jixiao.Form][]judge.Result{}
	var walk func(n *Node, depth int) (*jixiao.Form, error)
	walk = func(n *Node, depth int) (*jixiao.Form, error) {
		members := append([]*jixiao.Form(nil), direct[n]...)
		for _, c := range n.Children {
			f, err := walk(c, depth+1)
			if err != nil {
				return nil, err
			}
			if f != nil {
				members = append(members, f)
			}
		}
		if len(members) == 0 {
			return nil, nil
		}
		if len(members) == 1 && len(direct[n]) == 1 && members[0].Aggregation == nil {
			// a region with a single unit form is that form: pass it up
			// rather than wrap it in a region form of one member
			return members[0], nil
		}
		o := opt
		o.Region = n.FullName
		res, err := rollup(members, o, judged)
		if err != nil {
			return nil, err
		}
		judged[res.Form] = res.Judged
		out = append(out, NodeResult{Node: n, Depth: depth, Result: res})
		return res.Form, nil
	}
	for _, r := range t.Roots {
		if _, err := walk(r, 0); err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, jixiao.Invalid("没有可汇总的自评表")
	}
	return out, nil
}
