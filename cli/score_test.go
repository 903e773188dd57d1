package cli

// Tests of jixiao score and jixiao rank. They call runScore and runRank
// directly (package cli), so they do not depend on the commands being
// registered in cli.go.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/jixiao/jixiao/internal/reftest"
)

func call(run func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func scoreCmd(args ...string) (int, string, string) {
	return call(func(a []string, o, e *bytes.Buffer) int { return runScore(context.Background(), a, o, e) }, args...)
}

func rankCmd(args ...string) (int, string, string) {
	return call(func(a []string, o, e *bytes.Buffer) int { return runRank(context.Background(), a, o, e) }, args...)
}

func TestScoreReference(t *testing.T) {
	code, out, errs := scoreCmd(reftest.Path("txt"))
	if code != ExitOK {
		t.Errorf("exit %d; stderr %s", code, errs)
	}
	for _, want := range []string{
		"北京市朝阳区知识产权运营服务体系建设（2020年度）",
		"评分方案：mof-2020",
		"序号  指标",
		"6747件 ÷ 7000件 × 2.5 = 2.41",
		"550万 ÷ 591.764万 × 2.5 = 2.32",
		"未计分",
		"预算执行：分值 10.00，得分 1.19",
		"总分：72.23　等级：中",
		"未计分分值：18.00（按 0 分计入总分；补齐后总分最高为 90.23）",
		"[target-too-low]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestScoreJSONAndScheme(t *testing.T) {
	code, out, _ := scoreCmd("--json", "--scheme", "example-40-40", reftest.Path("txt"))
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	var reps []struct {
		File, Scheme, Grade string
		Total, Unscored     decimal.Decimal
		Indicators          []struct {
			Weight      decimal.Decimal
			Computation string
		}
		Findings []struct{ Rule string }
	}
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(reps) != 1 {
		t.Fatalf("%d reports", len(reps))
	}
	r := reps[0]
	if r.Scheme != "example-40-40" || r.Total.Round(2).String() != "66.42" || r.Grade != "中" || !r.Unscored.Equal(decimal.NewFromInt(24)) || len(r.Indicators) != 30 {
		t.Errorf("report = %s %s %s %s", r.Scheme, r.Total, r.Grade, r.Unscored)
	}
	for _, k := range []string{`"file"`, `"form_index"`, `"execution"`, `"groups"`, `"steps"`, `"max_total"`, `"basis"`} {
		if !strings.Contains(out, k) {
			t.Errorf("JSON lacks %s", k)
		}
	}
}

func TestScoreScoredForm(t *testing.T) {
	text := "项目名称\t河北省石家庄市长安区专利转化专项\n" +
		"主管部门\t石家庄市长安区市场监督管理局\t实施单位\t长安区知识产权服务中心\n" +
		"项目资金（元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n" +
		"\t年度资金总额\t500000\t500000\t387664.62\t10\t77.53%\t7.75\n" +
		"一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n" +
		"产出指标\t数量指标\t资助企业数量\t≧50个\t50\t50\t50\t\n" +
		"效益指标\t社会效益指标\t带动专利转化数量\t≥30件\t27件\t30\t30\t部分项目延期\n" +
		"满意度指标\t服务对象满意度指标\t企业满意度\t≥90%\t95%\t10\t10\t\n" +
		"总分\t\t\t\t\t100\t97.75\t\n" +
		"自评等级\t优\n"
	p := reftest.WriteFile(t, "scored.txt", text)
	code, out, _ := scoreCmd(p)
	if code != ExitFindings {
		t.Errorf("exit %d, want 1 for a score-mismatch", code)
	}
	for _, want := range []string{"指标分值：表中填写的分值", "得分申报为 30，按评分方案“mof-2020”计算为 27", "总分申报为 97.75", "（表中申报：总分 97.75，等级 优）", "[score-mismatch]"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestScoreBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"execution_points": 10}`), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no files", nil, ExitInput, "请指定至少一个自评表文件"},
		{"missing file, the others scored", []string{filepath.Join(dir, "nope.txt"), reftest.Path("txt")}, ExitInput, "文件不存在"},
		{"bad scheme", []string{"--scheme", bad, reftest.Path("txt")}, ExitInput, "缺少字段“groups”"},
		{"unknown built-in", []string{"--scheme", "mof-2030", reftest.Path("txt")}, ExitInput, "没有名为“mof-2030”的内置评分方案"},
		{"unknown flag", []string{"--bogus", reftest.Path("txt")}, ExitInput, "未知选项"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := scoreCmd(tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d stderr %q; want %d and %q", code, errs, tt.code, tt.want)
			}
			if tt.name == "missing file, the others scored" && !strings.Contains(out, "总分：72.23") {
				t.Errorf("the readable file was not scored:\n%s", out)
			}
		})
	}
	code, out, _ := scoreCmd("--help")
	if code != ExitOK || !strings.Contains(out, "用法：jixiao score") || !strings.Contains(out, "--scheme") {
		t.Errorf("help: %d %s", code, out)
	}
}

// regionFiles writes the reference form and two variants (海淀区 executing
// 9000 and meeting 专利资助奖励; 东城区 executing 5000 with bands on the
// qualitative rows) to a temporary directory.
func regionFiles(t *testing.T) []string {
	t.Helper()
	ref := reftest.Text(t)
	hd := strings.ReplaceAll(ref, "朝阳区", "海淀区")
	hd = reftest.Replace(t, hd, "\t1300\n", "\t9000\n", 1)
	hd = reftest.Replace(t, hd, "\t373.8\n", "\t8073.8\n", 1)
	hd = reftest.Replace(t, hd, "共完成6747件", "共完成7200件", 1)
	dc := strings.ReplaceAll(ref, "朝阳区", "东城区")
	dc = reftest.Replace(t, dc, "\t1300\n", "\t5000\n", 1)
	dc = reftest.Replace(t, dc, "\t373.8\n", "\t4073.8\n", 1)
	dc = reftest.Replace(t, dc, "促进了区内知识产权金融水平稳步提高。", "促进了区内知识产权金融水平稳步提高，90%。", 1)
	dir := t.TempDir()
	var paths []string
	for name, text := range map[string]string{"chaoyang.txt": ref, "haidian.txt": hd, "dongcheng.txt": dc} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func TestRankCommand(t *testing.T) {
	files := regionFiles(t)
	out := filepath.Join(t.TempDir(), "排名.xlsx")
	code, stdout, errs := rankCmd(append([]string{"--out", out}, files...)...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"知识产权运营服务体系建设（2020年度） 各地区排名", "排名  地区", "北京市（汇总）", "已写出 " + out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// 东城区 4.58 + 49.04 + 12 + 5.4 + 10 = 81.02, 海淀区 8.24 + 49.13 + 12 +
	// 10 = 79.37, 朝阳区 72.23, then the aggregate
	iD, iH, iC, iA := strings.Index(stdout, "北京市东城区"), strings.Index(stdout, "北京市海淀区"), strings.Index(stdout, "北京市朝阳区"), strings.Index(stdout, "北京市（汇总）")
	if !(iD < iH && iH < iC && iC < iA) {
		t.Errorf("order wrong:\n%s", stdout)
	}
	x, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, _ := x.GetRows("地区排名")
	if len(rows) != 5 || rows[1][1] != "北京市东城区" || rows[4][1] != "北京市（汇总）" {
		t.Errorf("workbook rows = %q", rows)
	}

	code, stdout, _ = rankCmd(append([]string{"--json"}, files...)...)
	var rk struct {
		Parent string
		Rows   []struct {
			Region    string
			Aggregate bool
			Score     decimal.Decimal
		}
	}
	if code != ExitOK || json.Unmarshal([]byte(stdout), &rk) != nil || len(rk.Rows) != 4 || !rk.Rows[3].Aggregate || rk.Parent != "北京市" {
		t.Errorf("JSON: exit %d\n%s", code, stdout)
	}
}

func TestRankCommandErrors(t *testing.T) {
	files := regionFiles(t)
	other := strings.ReplaceAll(reftest.Text(t), "知识产权运营服务体系建设", "专利转化专项")
	otherPath := reftest.WriteFile(t, "other.txt", strings.ReplaceAll(other, "朝阳区", "西城区"))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no files", nil, ExitInput, "请指定各地区的自评表文件"},
		{"mixed programs", append([]string{otherPath}, files...), ExitInput, "不能比较不同项目的自评表"},
		{"not xlsx", append([]string{"--out", "x.csv"}, files...), ExitInput, "只支持 .xlsx"},
		{"a file missing: the rest ranked", append([]string{"/nonexistent/x.txt"}, files...), ExitInput, "排名和汇总未包含无法读取的文件"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := rankCmd(tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d stderr %q; want %d and %q", code, errs, tt.code, tt.want)
			}
		})
	}
}
