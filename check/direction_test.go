package check_test

import (
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
	def := check.Form("x", 0, f, audit.Defaults())
	if got := statuses(def); got != "not_met met not_met" {
		t.Errorf("defaults: %s", got)
	}
	cfg := audit.Defaults()
	cfg.LowerIsBetter = []string{"倒伏面积"}
	cfg.HigherIsBetter = []string{"信访"}
	r := check.Form("x", 0, f, cfg)
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
