package cli

import (
	"context"
	"fmt"
	"io"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/score"
)

const rulesUsage = `用法：jixiao rules [--json]

列出 jixiao 的全部审核规则：规则编号（报告和 JSON 中的 rule）、严重程度和所查的问题。`

// ruleGroups are the rules of each command, in the order they are listed.
var ruleGroups = []struct {
	Name  string        `json:"name"`
	Rules []jixiao.Rule `json:"rules"`
}{
	{"审核规则（jixiao check）", audit.Rules},
	{"汇总规则（jixiao rollup）", rollup.Rules},
	{"评分规则（jixiao score）", score.Rules},
}

func runRules(_ context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("rules", rulesUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	if _, code, done := f.parse(args, stdout, stderr); done {
		return code
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "rules", ruleGroups)
	}
	for i, g := range ruleGroups {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "【%s】\n", g.Name)
		for _, r := range g.Rules {
			fmt.Fprintf(stdout, "  %-26s %s  %s\n", r.ID, r.Severity.Label(), r.Title)
		}
	}
	return ExitOK
}
