package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCheckReference(t *testing.T) {
	code, out, errs := run(t, "check", reftest.Path("txt"))
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1; stderr %s", code, errs)
	}
	for _, want := range []string{
		"北京市朝阳区知识产权运营服务体系建设（2020年度）",
		"三级指标 30 项：达成 23，未达成 4，定性 3，无法判定 0",
		"【资金情况】", "【绩效指标】", "【说明】",
		"产出指标/成本指标/指标1（专利资助奖励）",
		"[not-met-marked-done]",
		"合计：错误 3，警告 6，提示 3",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// The JSON output is a public contract (docs/contract.md).
func TestCheckJSONContract(t *testing.T) {
	code, out, _ := run(t, "check", "--json", reftest.Path("txt"))
	if code != cli.ExitFindings {
		t.Errorf("exit %d", code)
	}
	var reports []map[string]any
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(reports) != 1 {
		t.Fatalf("%d reports", len(reports))
	}
	r := reports[0]
	for _, k := range []string{"file", "form", "indicators", "findings", "summary"} {
		if _, ok := r[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	inds := r["indicators"].([]any)
	if len(inds) != 30 {
		t.Fatalf("%d indicators", len(inds))
	}
	for _, x := range inds {
		in := x.(map[string]any)
		for _, k := range []string{"level1", "level2", "name", "target", "actual", "status", "completion"} {
			if _, ok := in[k]; !ok {
				t.Errorf("indicator lacks %q", k)
			}
		}
		switch c := in["completion"].(type) {
		case nil, string:
		default:
			t.Errorf("completion is %T, want string or null", c)
		}
		switch in["status"] {
		case "met", "not_met", "qualitative", "undetermined":
		default:
			t.Errorf("status %v", in["status"])
		}
	}
	if c := inds[0].(map[string]any)["completion"]; c != "0.9639" {
		t.Errorf("completion of 专利资助奖励 = %v", c)
	}
	for _, x := range r["findings"].([]any) {
		f := x.(map[string]any)
		for _, k := range []string{"rule", "severity", "at", "message"} {
			if s, ok := f[k].(string); !ok || s == "" {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
	}
	s := r["summary"].(map[string]any)
	if s["errors"] != 3.0 || s["warnings"] != 6.0 || s["infos"] != 3.0 {
		t.Errorf("summary = %v", s)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ref := reftest.Text(t)
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(21 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tests := []struct{ name, path, want string }{
		{"empty file", write("empty.txt", nil), "文件为空"},
		{"blank file", write("blank.txt", []byte("  \n\n")), "文件为空"},
		{"binary garbage", write("garbage.txt", []byte{0x7f, 'E', 'L', 'F', 0, 1, 2, 0xff, 0xfe}), "二进制"},
		{"binary without extension", write("garbage", []byte{0x89, 'P', 'N', 'G', 0xff, 0xfe, 0, 0}), "二进制"},
		{"no indicator table", write("letter.txt", []byte("各位领导：\n\n现将有关情况报告如下。\n")), "没有找到绩效指标表"},
		{"truncated form", write("cut.txt", []byte(ref[:strings.Index(ref, "\t12月份完成")])), "不完整"},
		{"over 20 MB", big, "超过上限 20 MB"},
		{"missing path", filepath.Join(dir, "nope.txt"), "文件不存在"},
		{"directory", dir, "这是一个目录"},
		{"broken JSON", write("bad.json", []byte(`{"format":"jixiao.form","version":1,"forms":[{"title":`)), "不是有效的表单 JSON"},
		{"JSON with a misspelt field", write("typo.json", []byte(`{"title":"x","indicatorz":[]}`)), "未知字段"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, "check", tt.path)
			if code != cli.ExitInput {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errs, tt.want) || !strings.Contains(errs, filepath.Base(tt.path)) {
				t.Errorf("stderr %q should name the file and say %q", errs, tt.want)
			}
			if strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") || out != "" {
				t.Errorf("stack trace or output: %q / %q", errs, out)
			}
		})
	}
}

// A file that cannot be read does not stop the others being checked.
func TestCheckContinuesAfterBadFile(t *testing.T) {
	code, out, errs := run(t, "check", "/nonexistent/a.txt", reftest.Path("txt"))
	if code != cli.ExitInput {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(errs, "a.txt") || !strings.Contains(out, "合计：错误 3") {
		t.Errorf("stdout %q stderr %q", out, errs)
	}
}

func TestConvertRoundTrip(t *testing.T) {
	out := filepath.Join(t.TempDir(), "form.json")
	if code, _, errs := run(t, "convert", reftest.Path("txt"), out); code != 0 {
		t.Fatalf("convert: exit %d %s", code, errs)
	}
	_, fromText, _ := run(t, "check", "--json", reftest.Path("txt"))
	code, fromJSON, errs := run(t, "check", "--json", out)
	if code != cli.ExitFindings {
		t.Fatalf("check json: exit %d %s", code, errs)
	}
	// identical apart from the file name and the form's source
	norm := func(s, file string) string {
		return strings.ReplaceAll(s, file, "FILE")
	}
	a := norm(fromText, reftest.Path("txt"))
	b := norm(norm(fromJSON, out), reftest.Path("txt"))
	if a != b {
		t.Errorf("check differs between .txt and its .json conversion")
	}
	// and the JSON round trip is stable
	out2 := filepath.Join(t.TempDir(), "again.json")
	if code, _, errs := run(t, "convert", out, out2); code != 0 {
		t.Fatalf("convert json: %s", errs)
	}
	x, _ := os.ReadFile(out)
	y, _ := os.ReadFile(out2)
	if !bytes.Equal(bytes.ReplaceAll(x, []byte(reftest.Path("txt")), []byte("F")), bytes.ReplaceAll(y, []byte(reftest.Path("txt")), []byte("F"))) {
		t.Errorf("json → json is not stable")
	}
}

func TestParse(t *testing.T) {
	code, out, _ := run(t, "parse", "不少于7000件", "2020年，全区发明专利授权量为11473件。")
	if code != 0 || !strings.Contains(out, "7000") || !strings.Contains(out, "11473") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, out, _ = run(t, "parse", "--json", "550万")
	var ps []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &ps) != nil || len(ps) != 1 {
		t.Errorf("parse --json: exit %d %s", code, out)
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"check", "--help"}, {"parse", "-h"}, {"convert", "--help"}} {
		code, out, _ := run(t, args...)
		if code != 0 || !strings.Contains(out, "用法") {
			t.Errorf("%v: exit %d %q", args, code, out)
		}
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "jixiao "+cli.Version) {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errs := run(t, "frobnicate"); code != cli.ExitInput || !strings.Contains(errs, "未知命令") {
		t.Errorf("unknown command: %d %q", code, errs)
	}
	if code, _, errs := run(t, "check", "--bogus", "x"); code != cli.ExitInput || !strings.Contains(errs, "未知选项") {
		t.Errorf("unknown flag: %d %q", code, errs)
	}
	if code, _, errs := run(t, "check", "--low-execution", "abc", reftest.Path("txt")); code != cli.ExitInput || !strings.Contains(errs, "百分比") {
		t.Errorf("bad threshold: %d %q", code, errs)
	}
}

// The threshold is configurable: at 3% the central line (3.738%) is no longer low.
func TestLowExecutionThreshold(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "cfg.json")
	os.WriteFile(cfg, []byte(`{"low_execution_percent": 3}`), 0o644)
	for _, args := range [][]string{
		{"check", "--low-execution", "3", reftest.Path("txt")},
		{"check", "--config", cfg, reftest.Path("txt")},
	} {
		_, out, errs := run(t, args...)
		if strings.Contains(out, "low-execution") || !strings.Contains(out, "合计：错误 3，警告 4，提示 3") {
			t.Errorf("%v: %s %s", args, out, errs)
		}
	}
}

// End to end: the real binary, built and run as a user would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "jixiao")
	build := exec.Command("go", "build", "-o", bin, "./cmd/jixiao")
	build.Dir = reftest.Root()
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "check", "--json", reftest.Path("txt"))
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v", err)
	}
	if !bytes.Contains(out, []byte(`"not-met-marked-done"`)) {
		t.Errorf("output lacks findings")
	}
}

// txt → json → docx → json → xlsx → json gives the same normalised form;
// the only change is that .xlsx execution rates are formulas of A and B,
// whose values read back at the declared precision (11.900% → 11.898%).
func TestRoundTripThroughEveryFormat(t *testing.T) {
	dir := t.TempDir()
	steps := []string{reftest.Path("txt"), "1.json", "2.docx", "3.json", "4.xlsx", "5.json"}
	for i := 1; i < len(steps); i++ {
		steps[i] = filepath.Join(dir, steps[i])
		if code, _, errs := run(t, "convert", steps[i-1], steps[i]); code != 0 {
			t.Fatalf("%s → %s: %s", filepath.Base(steps[i-1]), filepath.Base(steps[i]), errs)
		}
	}
	form := func(p string) map[string]any {
		b, _ := os.ReadFile(p)
		var f struct{ Forms []map[string]any }
		if err := json.Unmarshal(b, &f); err != nil || len(f.Forms) != 1 {
			t.Fatalf("%s: %v", p, err)
		}
		delete(f.Forms[0], "source")
		return f.Forms[0]
	}
	first, viaDocx, viaXlsx := form(steps[1]), form(steps[3]), form(steps[5])
	j := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	if j(first) != j(viaDocx) {
		t.Errorf("json → docx → json changed the form")
	}
	lines := first["funds"].(map[string]any)["lines"].([]any)
	lines[0].(map[string]any)["rate_text"] = "11.898%" // 年度资金总额
	lines[1].(map[string]any)["rate_text"] = "3.738%"  // 中央财政资金
	if j(first) != j(viaXlsx) {
		t.Errorf("json → xlsx → json changed the form beyond the rate formulas:\n%s\n%s", j(first), j(viaXlsx))
	}
}

func TestConvertAnnotate(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".docx", ".xlsx"} {
		out := filepath.Join(dir, "annotated"+ext)
		if code, _, errs := run(t, "convert", "--annotate", reftest.Path("txt"), out); code != 0 {
			t.Fatalf("%s: %s", ext, errs)
		}
		// the annotated file still reads as the same form
		code, report, errs := run(t, "check", out)
		if code != cli.ExitFindings || !strings.Contains(report, "三级指标 30 项：达成 23，未达成 4，定性 3") {
			t.Errorf("%s re-read: %d %s", ext, code, errs)
		}
	}
	if code, _, errs := run(t, "convert", reftest.Path("txt"), filepath.Join(dir, "x.pdf")); code != cli.ExitInput || !strings.Contains(errs, ".docx") {
		t.Errorf("pdf: %d %s", code, errs)
	}
}

// Written files get the usual mode and never leave temporary files behind.
func TestConvertWritesCleanly(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "form.docx")
	if code, _, errs := run(t, "convert", reftest.Path("txt"), out); code != 0 {
		t.Fatal(errs)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v %v", st.Mode(), err)
	}
	// a failing conversion leaves the existing output untouched
	if code, _, _ := run(t, "convert", filepath.Join(dir, "missing.txt"), out); code != cli.ExitInput {
		t.Errorf("exit %d", code)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries", len(entries))
	}
	if st2, _ := os.Stat(out); st2.Size() != st.Size() {
		t.Error("the output changed")
	}
}

// parse shows the direction a target would be judged by when told the
// indicator's name or category; check --verbose shows it per indicator.
func TestDirectionShown(t *testing.T) {
	code, out, _ := run(t, "parse", "--name", "森林火灾受害率", "--category", "生态效益指标", "0.9‰")
	if code != 0 || !strings.Contains(out, "比较方向：指标名称含“受害率”，越低越好（≤）") {
		t.Errorf("parse --name: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "parse", "--json", "--category", "成本指标", "550万")
	var ps []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &ps) != nil || len(ps) != 1 || ps[0]["direction_reason"] != "成本指标，默认不超过目标（≤）" {
		t.Errorf("parse --json --category: exit %d %s", code, out)
	}
	if _, out, _ = run(t, "parse", "550万"); strings.Contains(out, "比较方向") {
		t.Errorf("parse without --name shows a direction:\n%s", out)
	}
	_, out, _ = run(t, "check", "--verbose", reftest.Path("txt"))
	if !strings.Contains(out, "比较方向：成本指标，默认不超过目标（≤）") || !strings.Contains(out, "比较方向：指标值写明比较方式（≥）") {
		t.Errorf("check --verbose lacks directions:\n%s", out)
	}
}

// The direction words of --config are checked and used.
func TestDirectionConfig(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(`{"lower_is_better": ["病虫害"], "higher_is_better": ["调查率"]}`), 0o644)
	if code, _, errs := run(t, "check", "--config", good, reftest.Path("txt")); code != cli.ExitFindings {
		t.Errorf("good config: exit %d %s", code, errs)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"lower_is_better": [""]}`), 0o644)
	if code, _, errs := run(t, "check", "--config", bad, reftest.Path("txt")); code != cli.ExitInput || !strings.Contains(errs, "lower_is_better") {
		t.Errorf("bad config: exit %d %s", code, errs)
	}
}
