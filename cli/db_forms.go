package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

func runList(args []string, stdout, stderr io.Writer) int {
	f := newFlags("list", `用法：jixiao list [--db …] [--program 项目] [--year 年度] [--region 地区代码] [--status 状态] [--json]

列出数据库中的自评表：编号、项目、年度、单位、地区、状态、版本、错误和警告数。
状态：draft 草稿、submitted 已提交、returned 已退回、resubmitted 已重新提交、approved 已审核通过。`, stderr)
	db := dbFlag(f)
	program := f.String("program", "", "只列出该项目")
	year := f.Int("year", 0, "只列出该年度")
	region := f.String("region", "", "只列出该地区（代码）及其下级")
	status := f.String("status", "", "只列出该状态")
	asJSON := f.Bool("json", false, "输出 JSON")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "list", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	filter := store.FormFilter{Program: *program, Year: *year, Region: *region, Status: jixiao.FormStatus(*status), Limit: 10000}
	var all []*jixiao.StoredForm
	for {
		page, total, err := s.Forms(ctx, filter)
		if err != nil {
			return fail(stderr, "list", err)
		}
		all = append(all, page...)
		filter.Offset += len(page)
		if len(page) == 0 || filter.Offset >= total {
			break
		}
	}
	if *asJSON {
		if all == nil {
			all = []*jixiao.StoredForm{}
		}
		return writeJSON(stdout, stderr, "list", all)
	}
	if len(all) == 0 {
		fmt.Fprintln(stdout, "没有符合条件的自评表")
		return ExitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "编号\t项目\t年度\t单位\t地区\t类型\t状态\t版本\t错误\t警告")
	for _, f := range all {
		kind := "单位表"
		if f.Kind == jixiao.FormRegion {
			kind = "地区汇总表"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", f.ID, oneLine(f.Program), f.Year, oneLine(f.Org), f.RegionName,
			kind, f.Status.Label(), f.Version, f.Errors, f.Warnings)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "\n共 %d 张\n", len(all))
	return ExitOK
}

func runLog(args []string, stdout, stderr io.Writer) int {
	return runGroup("log", "防篡改日志", []subcommand{
		{"verify", "校验日志链：指出第一条被修改、删除或调换顺序的记录（完好时退出状态 0，否则 1）", runLogVerify},
		{"show", "显示日志", runLogShow},
	}, args, stdout, stderr)
}

func runLogVerify(args []string, stdout, stderr io.Writer) int {
	f := newFlags("log verify", "用法：jixiao log verify [--db …]\n\n退出状态：0 日志完好；1 日志被篡改；2 无法打开数据库。", stderr)
	db := dbFlag(f)
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "log verify", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	c, err := s.VerifyLog(ctx)
	if err != nil {
		return fail(stderr, "log verify", err)
	}
	if c.Broken != 0 {
		fmt.Fprintf(stdout, "日志已被篡改：%s（已核对前 %d 条完好的记录）\n", c.Problem, c.Entries)
		return ExitFindings
	}
	fmt.Fprintf(stdout, "日志完好：共 %d 条记录，哈希链连续\n", c.Entries)
	return ExitOK
}

func runLogShow(args []string, stdout, stderr io.Writer) int {
	f := newFlags("log show", "用法：jixiao log show [--db …] [--form 编号] [--after 序号] [--limit 条数] [--json]", stderr)
	db := dbFlag(f)
	form := f.Int64("form", 0, "只显示这张自评表的记录")
	after := f.Int64("after", 0, "从该序号之后开始")
	limit := f.Int("limit", 100, "最多显示的条数")
	asJSON := f.Bool("json", false, "输出 JSON")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "log show", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	entries, err := s.Log(ctx, store.LogFilter{FormID: *form, After: *after, Limit: *limit})
	if err != nil {
		return fail(stderr, "log show", err)
	}
	if *asJSON {
		if entries == nil {
			entries = []*jixiao.LogEntry{}
		}
		return writeJSON(stdout, stderr, "log show", entries)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "序号\t时间（北京时间）\t操作人\t操作\t对象\t内容")
	for _, e := range entries {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s %s\t%s\n", e.Seq, e.At.In(store.ChinaTime()).Format("2006-01-02 15:04:05"), e.Actor,
			e.Action.Label(), e.Object, e.ObjectID, oneLine(e.Detail))
	}
	tw.Flush()
	return ExitOK
}

func runBackup(args []string, stdout, stderr io.Writer) int {
	f := newFlags("backup", "用法：jixiao backup [--db …] 备份文件\n\nSQLite：在线备份到一个新文件（其他人可继续使用）。PostgreSQL：显示应使用的 pg_dump 命令。", stderr)
	db := dbFlag(f)
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "jixiao backup：请给出一个备份文件名")
		return ExitInput
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "backup", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	if err := s.Backup(ctx, pos[0]); err != nil {
		return fail(stderr, "backup", err)
	}
	fmt.Fprintf(stdout, "已备份到 %s\n", pos[0])
	return ExitOK
}
