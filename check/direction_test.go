package check_test

import (
	"strings"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
)

// The direction words of the configuration reach the judgement, and the
// assessment says why each direction was chosen.
func TestDirectionConfigReachesJudgement(t *testing.T) {
	f := &jixiao.Form{Year: 2021, Indicators: []jixiao.Indicator{
		{Level1: "效益指标", Level2: "生态效益指标", Name: "小麦倒伏面积", Target: "5000亩", Actual: "3000亩", Reason: "已完成"},
		{Level1: "效益指标", Level2: "生态效益指标", Name: "森林火灾受害率", Target: "0.9‰", Actual: "0", Reason: "已完成"},
		{Level1: "效益指标", Level2: "社会效益指标", Name: "信访件数", Target: "10件", Actual: "12件", Reason: "已完成"},
	}}
	def := check.Form(f, audit.Defaults())
	if got := statuses(def); got != "not_met met not_met" {
		t.Errorf("defaults: %s", got)
	}
	cfg := audit.Defaults()
	cfg.LowerIsBetter = []string{"倒伏面积"}
	cfg.HigherIsBetter = []string{"信访"}
	r := check.Form(f, cfg)
	if got := statuses(r); got != "met met met" {
		t.Errorf("configured: %s", got)
	}
	if r.Indicators[0].DirectionReason != "指标名称含“倒伏面积”，越低越好（≤）" {
		t.Errorf("reason: %q", r.Indicators[0].DirectionReason)
	}
	if r.Indicators[2].DirectionReason != "默认越高越好（≥）" {
		t.Errorf("reason: %q", r.Indicators[2].DirectionReason)
	}
}

func statuses(r jixiao.Report) string {
	s := ""
	for i, a := range r.Indicators {
		if i > 0 {
			s += " "
		}
		s += string(a.Status)
	}
	return s
}

// Words that contradict a number that reaches the target give an
// undetermined warning that says so, never an error.
func TestContradictionIsAWarning(t *testing.T) {
	f := &jixiao.Form{Year: 2021, Indicators: []jixiao.Indicator{
		{Level1: "产出指标", Level2: "质量指标", Name: "补助对象符合率", Target: "100%", Actual: "100%，存在3例超出年龄范围的情况", Reason: "已完成"},
	}}
	r := check.Form(f, audit.Defaults())
	if r.Indicators[0].Status != jixiao.StatusUndetermined {
		t.Fatalf("status %s: %s", r.Indicators[0].Status, r.Indicators[0].Explanation)
	}
	found := false
	for _, fd := range r.Findings {
		if fd.Indicator == 0 {
			if fd.Severity == jixiao.SeverityError {
				t.Errorf("error finding %s: %s", fd.Rule, fd.Message)
			}
			if fd.Rule == audit.RuleUndetermined && strings.Contains(fd.Message, "超出年龄范围") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no undetermined warning: %v", r.Findings)
	}
}
