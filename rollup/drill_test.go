package rollup_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/rollup"
)

// hebeiDrill rolls the five units up the Hebei tree and drills into
// indicator path of the province's form, with every form of the run.
func hebeiDrill(t *testing.T, path string) rollup.Drilldown {
	t.Helper()
	tree, err := rollup.ReadTree("tree.csv", []byte(hebei))
	if err != nil {
		t.Fatal(err)
	}
	forms := leaves()
	nodes, err := rollup.RollupTree(tree, forms, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		forms = append(forms, n.Result.Form)
	}
	top := nodes[len(nodes)-1].Result.Form
	i := rollup.Find(top, path)
	if i < 0 {
		t.Fatalf("no indicator %s", path)
	}
	return rollup.Drill(top, i, forms)
}

// leavesOf returns the leaves under n, depth first.
func leavesOf(n *rollup.DrillNode) []*rollup.DrillNode {
	if n.Aggregate == nil {
		return []*rollup.DrillNode{n}
	}
	var out []*rollup.DrillNode
	for i := range n.Children {
		out = append(out, leavesOf(&n.Children[i])...)
	}
	return out
}

// The drill-down is the tree of regions down to the five units, and every
// aggregated figure in it is exactly what its leaves brought: the sum of
// their values, or Σw·x over Σw of their weights.
func TestDrillData(t *testing.T) {
	for _, tt := range []struct {
		path, method string
	}{
		{"产出指标/数量指标/指标1", jixiao.MethodSum},
		{"满意度指标/服务对象满意度指标/指标1", jixiao.MethodWeighted},
	} {
		t.Run(tt.method, func(t *testing.T) {
			d := hebeiDrill(t, tt.path)
			if d.Path != tt.path || d.Root.Name != "河北省" || d.Root.Contribution != nil {
				t.Fatalf("drill-down %q, root %q", d.Path, d.Root.Name)
			}
			var regions []string
			var walk func(n *rollup.DrillNode)
			walk = func(n *rollup.DrillNode) {
				if n.Aggregate == nil {
					return
				}
				regions = append(regions, n.Aggregate.Region)
				if n.Aggregate.Method != tt.method || len(leavesOf(n)) != n.Aggregate.Members {
					t.Errorf("%s: method %s, %d units for %d members", n.Name, n.Aggregate.Method, len(leavesOf(n)), n.Aggregate.Members)
				}
				// the figure from its leaves
				sum, num, den := decimal.Zero, decimal.Zero, decimal.Zero
				for _, l := range leavesOf(n) {
					if l.Contribution == nil || len(l.Contribution.Actuals) != 1 {
						t.Fatalf("%s: leaf %s without its contribution", n.Name, l.Name)
					}
					v := l.Contribution.Actuals[0]
					switch {
					case v.Sum != nil:
						sum = sum.Add(*v.Sum)
					case v.Numerator != nil:
						num, den = num.Add(*v.Numerator), den.Add(l.Contribution.Weight)
					}
				}
				got := n.Aggregate.Values[0]
				switch tt.method {
				case jixiao.MethodSum:
					if got.Sum == nil || !got.Sum.Equal(sum) {
						t.Errorf("%s: sum %v, leaves give %s", n.Name, got.Sum, sum)
					}
				case jixiao.MethodWeighted:
					if got.Numerator == nil || !got.Numerator.Equal(num) || !got.Denominator.Equal(den) {
						t.Errorf("%s: %v/%v, leaves give %s/%s", n.Name, got.Numerator, got.Denominator, num, den)
					}
				}
				for i := range n.Children {
					walk(&n.Children[i])
				}
			}
			walk(&d.Root)
			if got := strings.Join(regions, " "); got != "河北省 河北省石家庄市 河北省石家庄市长安区 河北省唐山市 河北省唐山市路南区" {
				t.Errorf("regions drilled: %s", got)
			}
			var units []string
			for _, l := range leavesOf(&d.Root) {
				units = append(units, l.Name)
			}
			if got := strings.Join(units, " "); got != "长安区知识产权局 长安区科技局 桥西区市场监督管理局 路南区市场监督管理局 路南区知识产权服务中心" {
				t.Errorf("units: %s", got)
			}
			// the data survives JSON, for a page to render
			b, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			var back rollup.Drilldown
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if b2, _ := json.Marshal(back); !bytes.Equal(b, b2) {
				t.Error("JSON round trip changed the drill-down")
			}
		})
	}
}

// A region form listing itself among its members (a hand-edited file) is
// not followed round: the member is a leaf.
func TestDrillCycle(t *testing.T) {
	a := unit("河北省石家庄市长安区", "10", [5]string{"数量指标", "专利资助", "不少于100件", "130件", "已完成"})
	b := unit("河北省石家庄市长安区", "20", [5]string{"数量指标", "专利资助", "不少于100件", "90件", "已完成"})
	res, err := rollup.Rollup([]*jixiao.Form{a, b}, rollup.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Form
	f.Aggregation.Indicators[0].Contributions[0].Member = f.Aggregation.Region
	d := rollup.Drill(f, 0, []*jixiao.Form{f})
	if len(d.Root.Children) != 2 || d.Root.Children[0].Aggregate != nil || d.Root.Children[0].Name != f.Aggregation.Region {
		t.Errorf("children: %+v", d.Root.Children)
	}
	var buf bytes.Buffer
	d.WriteText(&buf)
	if n := strings.Count(buf.String(), "\n"); n != 4 {
		t.Errorf("%d lines:\n%s", n, buf.String())
	}
}
