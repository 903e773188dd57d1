package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/jixiao/jixiao/phrase"
)

const parseUsage = `用法：jixiao parse [--json] 短语...

显示 jixiao 如何理解一个指标值或实际完成值：比较方式、数值、单位、上下限、期限、分项。
例：jixiao parse "不少于7000件" "专利资助奖励共完成6747件。" "12月底前完成"`

func runParse(args []string, stdout, stderr io.Writer) int {
	f := newFlags("parse", parseUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	texts, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(texts) == 0 {
		fmt.Fprintln(stderr, "jixiao parse：请给出至少一个短语")
		fmt.Fprintln(stderr, parseUsage)
		return ExitInput
	}
	phrases := make([]phrase.Phrase, len(texts))
	for i, t := range texts {
		phrases[i] = phrase.Parse(t)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(phrases); err != nil {
			return ExitInternal
		}
		return ExitOK
	}
	for _, p := range phrases {
		fmt.Fprintf(stdout, "“%s”\n  %s\n", p.Text, p.Describe())
	}
	return ExitOK
}
