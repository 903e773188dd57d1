package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/score"
	"github.com/jixiao/jixiao/xlsx"
)

const rankUsage = `用法：jixiao rank [--json] [--out 文件.xlsx] [--scheme 方案] 文件...

比较同一项目、同一年度各地区的自评表（按区域填报的表）：列出各地区的全年预算数、全年执行数、
预算执行率，指标达成/未达成/定性/无法判定的项数，“错误”级问题数，得分和等级，按得分从高到低
排序（得分相同按预算执行率，再按地区名称），最后一行是各表汇总后的上级地区（或全国）。
--out 另存为 Excel 工作簿（含排名表和各地区得分柱形图）；--scheme 同 jixiao score。
不同项目或不同年度的表不能一起排名。
退出状态：0 正常；2 有文件无法读取（其余文件照常排名）、表不能一起比较或方案有误。`

func runRank(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("rank", rankUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	out := f.String("out", "", "另存为 Excel 工作簿（.xlsx）")
	schemeArg := f.String("scheme", "", "评分方案文件或内置方案名（默认 mof-2020）")
	files, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "jixiao rank：请指定各地区的自评表文件")
		fmt.Fprintln(stderr, rankUsage)
		return ExitInput
	}
	if *out != "" && !strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		fmt.Fprintf(stderr, "jixiao rank：--out 只支持 .xlsx 文件（当前为“%s”）\n", *out)
		return ExitInput
	}
	scheme, err := score.Resolve(*schemeArg)
	if err != nil {
		fmt.Fprintln(stderr, "jixiao rank："+jixiao.MessageOf(err))
		return ExitCode(err)
	}

	exit := ExitOK
	var entries []score.Entry
	var skipped []string
	for _, file := range files {
		if code, ok := interrupted(ctx, stderr, "rank"); ok {
			return code
		}
		forms, err := readForms(ctx, file)
		if err != nil {
			fmt.Fprintln(stderr, "jixiao rank："+jixiao.MessageOf(err))
			exit = max(exit, ExitCode(err))
			skipped = append(skipped, file)
			continue
		}
		for i, form := range forms {
			entries = append(entries, score.Entry{File: file, Index: i, Form: form})
		}
	}
	if code, ok := interrupted(ctx, stderr, "rank"); ok {
		return code
	}
	if len(entries) == 0 {
		fmt.Fprintln(stderr, "jixiao rank：没有可排名的自评表")
		return max(exit, ExitInput)
	}
	rk, err := score.Rank(entries, score.RankOptions{Scheme: scheme})
	if err != nil {
		fmt.Fprintln(stderr, "jixiao rank："+jixiao.MessageOf(err))
		return max(exit, ExitCode(err))
	}
	if len(skipped) > 0 {
		fmt.Fprintf(stderr, "jixiao rank：注意，排名和汇总未包含无法读取的文件：%s\n", strings.Join(skipped, "、"))
	}

	if *out != "" {
		var buf bytes.Buffer
		if err := xlsx.WriteRanking(&buf, rk); err != nil {
			fmt.Fprintln(stderr, "jixiao rank：生成 Excel 工作簿失败："+err.Error())
			return ExitInternal
		}
		if err := formfile.WriteFileAtomic(*out, buf.Bytes()); err != nil {
			fmt.Fprintln(stderr, "jixiao rank："+jixiao.MessageOf(err))
			return max(exit, ExitCode(err))
		}
	}
	if *asJSON {
		if code := writeJSON(stdout, stderr, "rank", rk); code != ExitOK {
			return code
		}
		return exit
	}
	writeRank(stdout, rk)
	if *out != "" {
		fmt.Fprintf(stdout, "已写出 %s\n", *out)
	}
	return exit
}

// writeRank prints the ranking table in Chinese.
func writeRank(w io.Writer, rk *score.Ranking) {
	title := rk.Program
	if rk.Year > 0 {
		title += fmt.Sprintf("（%d年度）", rk.Year)
	}
	fmt.Fprintf(w, "%s 各地区排名　评分方案：%s\n\n", title, rk.Scheme)
	rows := [][]string{score.RankHeaders}
	for _, r := range rk.Rows {
		rank := fmt.Sprint(r.Rank)
		if r.Aggregate {
			rank = "汇总"
		}
		rate := "—"
		if r.Rate != nil {
			rate = r.Rate.Shift(2).StringFixed(2) + "%"
		}
		rows = append(rows, []string{rank, r.Label(), r.Budget.StringFixed(2), r.Executed.StringFixed(2), rate,
			fmt.Sprint(r.Met), fmt.Sprint(r.NotMet), fmt.Sprint(r.Qualitative), fmt.Sprint(r.Undetermined),
			fmt.Sprint(r.Errors), score.Fixed(r.Score), r.Grade, score.Fixed(r.Unscored)})
	}
	right := map[int]bool{0: true, 2: true, 3: true, 4: true, 5: true, 6: true, 7: true, 8: true, 9: true, 10: true, 12: true}
	// pad the last column too: append an empty one
	for i := range rows {
		rows[i] = append(append([]string(nil), rows[i]...), "")
	}
	writeTable(w, rows, right)
	fmt.Fprintln(w, "\n金额单位：万元。得分按评分方案计算，未计分分值（如定性指标未给出百分比档次）按 0 分计入。")
	fmt.Fprintln(w, "“错误”为 jixiao check 的错误级问题数；汇总行为各表按资金额度汇总后的上级地区，按同一方案评分。")
	if n := len(rk.AggregateFindings); n > 0 {
		fmt.Fprintf(w, "汇总时有 %d 条提示（用 --json 查看 aggregate_findings）。\n", n)
	}
	fmt.Fprintln(w)
}
