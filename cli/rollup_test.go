package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
)

func units() []string {
	var out []string
	for _, n := range []string{"a", "b", "c"} {
		out = append(out, filepath.Join(reftest.Root(), "testdata", "rollup", "unit-"+n+".txt"))
	}
	return out
}

func TestRollupThreeUnits(t *testing.T) {
	args := append([]string{"rollup", "--dept", "北京市朝阳区市场监督管理局", "--filler", "李想", "--date", "2021年7月30日",
		"--drill", "满意度/服务对象满意度指标/指标1"}, units()...)
	code, out, errs := run(t, args...)
	if code != cli.ExitFindings { // unit b's late payment marked 已完成 carries up
		t.Errorf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"══ 汇总：北京市朝阳区（3 张表，相对值按全年预算数（A）加权）",
		"成员 北京市朝阳区科学技术和信息化局　权重 3000万元　本表有 1 个错误",
		"加权平均 98.8%（Σ988000/Σ10000，按全年预算数（A）加权）",
		"├─ 北京市朝阳区市场监督管理局：目标 100%，实际 98%（98% × 6000 = 588000）",
		"1个单位未按时完成（2/3个单位按时）",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// A region form written with --out rolls up again to the same numbers.
func TestRollupOutAndAgain(t *testing.T) {
	dir := t.TempDir()
	region := filepath.Join(dir, "chaoyang.json")
	if code, _, errs := run(t, append([]string{"rollup", "--out", region}, units()...)...); code == cli.ExitInput || code == cli.ExitInternal {
		t.Fatalf("rollup: %d %s", code, errs)
	}
	code, out, errs := run(t, "rollup", "--json", region)
	if code == cli.ExitInput {
		t.Fatalf("again: %s", errs)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	agg := res[0]["report"].(map[string]any)["form"].(map[string]any)["aggregation"].(map[string]any)
	sat := agg["indicators"].([]any)[25].(map[string]any)["actual"].([]any)[0].(map[string]any)
	if sat["numerator"] != "988000" || sat["denominator"] != "10000" {
		t.Errorf("satisfaction after a second rollup = %v", sat)
	}
}

func TestRollupTree(t *testing.T) {
	dir := t.TempDir()
	tree := filepath.Join(dir, "tree.csv")
	os.WriteFile(tree, []byte("code,name,parent\n110000,北京市,\n110105,朝阳区,110000\n110108,海淀区,110000\n"), 0o644)
	haidian := filepath.Join(dir, "haidian.txt")
	os.WriteFile(haidian, []byte(strings.ReplaceAll(reftest.Text(t), "朝阳区", "海淀区")), 0o644)
	outDir := filepath.Join(dir, "out")
	code, out, errs := run(t, append([]string{"rollup", "--tree", tree, "--out", outDir, haidian}, units()...)...)
	if code == cli.ExitInput || code == cli.ExitInternal {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// 海淀区's single form goes up to 北京市 as it is
	for _, want := range []string{"══ 汇总：北京市朝阳区（3 张表", "══ 汇总：北京市（2 张表", "成员 北京市海淀区市场监督管理局"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	files, _ := filepath.Glob(filepath.Join(outDir, "*.json"))
	if len(files) != 2 {
		t.Errorf("wrote %v", files)
	}
}

func TestRollupRefuses(t *testing.T) {
	dir := t.TempDir()
	y2021 := filepath.Join(dir, "2021.txt")
	os.WriteFile(y2021, []byte(strings.ReplaceAll(reftest.Text(t), "2020年度", "2021年度")), 0o644)
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte(strings.ReplaceAll(reftest.Text(t), "知识产权运营服务体系建设\n", "专利转化专项\n")), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"rollup", reftest.Path("txt"), y2021}, "不同年度"},
		{[]string{"rollup", reftest.Path("txt"), other}, "--program"},
		{[]string{"rollup", "--weight", "people", reftest.Path("txt")}, "加权依据"},
		{[]string{"rollup", reftest.Path("txt"), filepath.Join(dir, "missing.txt")}, "文件不存在"},
		{[]string{"rollup", "--drill", "没有/这个/指标", reftest.Path("txt")}, "没有指标"},
	} {
		code, _, errs := run(t, tt.args...)
		if code != cli.ExitInput || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d %q", tt.args[1:], code, errs)
		}
	}
}

// jixiao gen writes a data set that jixiao rollup --tree takes as it is.
func TestGenThenRollupTree(t *testing.T) {
	dir := t.TempDir()
	if code, out, errs := run(t, "gen", "--provinces", "2", dir); code != 0 || !strings.Contains(out, "已生成") {
		t.Fatalf("gen: %d %s", code, errs)
	}
	forms, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	args := append([]string{"rollup", "--filler", "张三", "--date", "2021年8月1日", "--dept", "某部门", "--tree", filepath.Join(dir, "tree.csv")}, forms...)
	code, out, errs := run(t, args...)
	if code == cli.ExitInput || code == cli.ExitInternal || !strings.Contains(out, "══ 汇总：全国") {
		t.Errorf("rollup --tree: %d %s", code, errs)
	}
	if code, _, errs := run(t, "gen", "--provinces", "99", dir); code != cli.ExitInput || !strings.Contains(errs, "省数") {
		t.Errorf("bad --provinces: %d %s", code, errs)
	}
}
