package cli

import (
	"context"
	"fmt"
	"io"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/phrase"
)

const parseUsage = `用法：jixiao parse [--json] [--name 指标名称] [--category 二级指标] 短语...

显示 jixiao 如何理解一个指标值或实际完成值：比较方式、数值、单位、上下限、期限、分项，
以及写明未达成、延误或“未发生”的词。给出 --name 或 --category 时，把短语当作该指标的指标值，
并显示比较方向及其依据（写明的比较方式 > 指标名称和指标值中的词 > 成本指标 ≤ > 默认 ≥，见 docs/directions.md）。
例：jixiao parse "不少于7000件" "专利资助奖励共完成6747件。" "12月底前完成"
    jixiao parse --name 森林火灾受害率 --category 生态效益指标 "0.9‰"`

func runParse(_ context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("parse", parseUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	name := f.String("name", "", "指标名称（三级指标），用于判断比较方向")
	category := f.String("category", "", "二级指标名称，如 成本指标、质量指标")
	texts, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(texts) == 0 {
		fmt.Fprintln(stderr, "jixiao parse：请给出至少一个短语")
		fmt.Fprintln(stderr, parseUsage)
		return ExitInput
	}
	withDirection := *name != "" || *category != ""
	phrases := make([]parsed, len(texts))
	for i, t := range texts {
		phrases[i].Phrase = phrase.Parse(t)
		if withDirection {
			in := &jixiao.Indicator{Level2: *category, Name: *name, Target: t}
			phrases[i].Direction = judge.Indicator(in, 0, 0).DirectionReason
		}
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "parse", phrases)
	}
	for _, p := range phrases {
		fmt.Fprintf(stdout, "“%s”\n  %s\n", p.Text, p.Describe())
		if p.Direction != "" {
			fmt.Fprintf(stdout, "  比较方向：%s\n", p.Direction)
		}
	}
	return ExitOK
}

// parsed is a phrase as `jixiao parse` shows it: with --name or --category,
// the direction it would be judged by (direction_reason in JSON).
type parsed struct {
	phrase.Phrase
	Direction string `json:"direction_reason,omitempty"`
}
