package score_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/score"
)

func TestBuiltinSchemes(t *testing.T) {
	names := score.Names()
	if strings.Join(names, ",") != "example-40-40,mof-2020" {
		t.Fatalf("built-in schemes = %v", names)
	}
	for _, n := range names {
		s, err := score.Builtin(n)
		if err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		if s.Name != n || !s.FullMarks().Equal(dec("100")) || s.Title == "" {
			t.Errorf("%s: name %q full marks %s", n, s.Name, s.FullMarks())
		}
	}
	d := score.Default()
	if d.Name != "mof-2020" || !d.ExecutionPoints.Equal(dec("10")) || len(d.ExecutionCaps) != 0 ||
		d.CostOverrun != score.OverrunRatio || !d.LateDeductionPerMonth.IsZero() || !d.OverAchievementPercent.Equal(dec("130")) {
		t.Errorf("default = %+v", d)
	}
	want := map[string]string{"产出指标": "50", "效益指标": "30", "满意度指标": "10"}
	for _, g := range d.Groups {
		if !g.Points.Equal(dec(want[g.Level1])) {
			t.Errorf("group %s = %s", g.Level1, g.Points)
		}
	}
	if len(d.Grades) != 4 || d.Grades[0].Grade != "优" || !d.Grades[0].Min.Equal(dec("90")) {
		t.Errorf("grades = %+v", d.Grades)
	}
	if _, err := score.Builtin("nope"); err == nil || jixiao.KindOf(err) != jixiao.KindNotFound ||
		!strings.Contains(jixiao.MessageOf(err), "mof-2020") {
		t.Errorf("unknown built-in: %v", err)
	}
}

// A scheme file: absent optional keys take mof-2020's values; the name
// defaults to the file name.
func TestLoadScheme(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "my-province.json")
	os.WriteFile(p, []byte(`{"execution_points": 20, "groups": [{"level1": "产出", "points": 40}, {"level1": "效益指标", "points": 30}, {"level1": "满意度", "points": 10}],
		"grades": [{"grade": "优", "min": 80}, {"grade": "良", "min": 70}, {"grade": "中", "min": 60}, {"grade": "差", "min": 0}]}`), 0o644)
	s, err := score.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "my-province" || !s.ExecutionPoints.Equal(dec("20")) || s.Groups[0].Level1 != "产出指标" ||
		s.CostOverrun != score.OverrunRatio || !s.UseFormWeights || len(s.NotApplicable) == 0 {
		t.Errorf("scheme = %+v", s)
	}
	// Resolve: a file, a built-in name, the default
	for arg, want := range map[string]string{p: "my-province", "example-40-40": "example-40-40", "": "mof-2020"} {
		s, err := score.Resolve(arg)
		if err != nil || s.Name != want {
			t.Errorf("Resolve(%q) = %v, %v", arg, s, err)
		}
	}
	if _, err := score.Resolve(filepath.Join(dir, "missing.json")); jixiao.KindOf(err) != jixiao.KindNotFound {
		t.Errorf("missing file: %v", err)
	}
}

func TestBadSchemes(t *testing.T) {
	const groups = `"groups": [{"level1": "产出指标", "points": 50}, {"level1": "效益指标", "points": 30}, {"level1": "满意度指标", "points": 10}]`
	const grades = `"grades": [{"grade": "优", "min": 90}, {"grade": "差", "min": 0}]`
	tests := []struct{ name, json, want string }{
		{"empty", ``, "文件为空"},
		{"not JSON", `execution_points: 10`, "JSON 语法有误"},
		{"truncated", `{"execution_points": 10, `, "不完整"},
		{"unknown field", `{"execution_points": 10, "executon": 1, ` + groups + `, ` + grades + `}`, "未知字段“executon”"},
		{"wrong type", `{"execution_points": "十", ` + groups + `, ` + grades + `}`, "execution_points"},
		{"string for a list", `{"execution_points": 10, "groups": "产出", ` + grades + `}`, "字段“groups”应为数组"},
		{"missing execution", `{` + groups + `, ` + grades + `}`, "缺少字段“execution_points”"},
		{"missing groups", `{"execution_points": 10, ` + grades + `}`, "缺少字段“groups”"},
		{"missing grades", `{"execution_points": 10, ` + groups + `}`, "缺少字段“grades”"},
		{"not 100", `{"execution_points": 20, ` + groups + `, ` + grades + `}`, "合计应为 100，当前为 110"},
		{"bad level 1", `{"execution_points": 10, "groups": [{"level1": "产出指标", "points": 60}, {"level1": "成效", "points": 30}], ` + grades + `}`, "“成效”不是一级指标名称"},
		{"duplicate group", `{"execution_points": 10, "groups": [{"level1": "产出指标", "points": 45}, {"level1": "产出", "points": 45}], ` + grades + `}`, "出现了两次"},
		{"negative points", `{"execution_points": -10, ` + groups + `, ` + grades + `}`, "execution_points"},
		{"bad overrun", `{"execution_points": 10, ` + groups + `, ` + grades + `, "cost_overrun": "linear"}`, "cost_overrun"},
		{"over-achievement ≤ 100", `{"execution_points": 10, ` + groups + `, ` + grades + `, "over_achievement_percent": 90}`, "应大于 100"},
		{"lowest grade not 0", `{"execution_points": 10, ` + groups + `, "grades": [{"grade": "优", "min": 90}, {"grade": "良", "min": 60}]}`, "min 应为 0"},
		{"same minimum twice", `{"execution_points": 10, ` + groups + `, "grades": [{"grade": "优", "min": 90}, {"grade": "良", "min": 90}, {"grade": "差", "min": 0}]}`, "最低分相同"},
		{"cap without max", `{"execution_points": 10, ` + groups + `, ` + grades + `, "execution_caps": [{"below_percent": 80}]}`, "max_total"},
		{"trailing data", `{"execution_points": 10, ` + groups + `, ` + grades + `} {}`, "多余内容"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := score.Parse("bad.json", []byte(tt.json))
			if err == nil {
				t.Fatal("no error")
			}
			msg := jixiao.MessageOf(err)
			if jixiao.KindOf(err) != jixiao.KindInvalid || !strings.Contains(msg, "bad.json") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q (kind %s), want the file name and %q", msg, jixiao.KindOf(err), tt.want)
			}
		})
	}
}
