package cli

import (
	"context"
	"fmt"
	"io"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

const listUsage = `用法：jixiao list [--db …] [--program 项目] [--year 年度] [--region 地区代码] [--status 状态] [--json]

列出数据库中的自评表：编号、项目、年度、单位、地区、状态、版本、错误和警告数。
状态：draft 草稿、submitted 已提交、returned 已退回、resubmitted 已重新提交、approved 已审核通过。`

func runList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var filter store.FormFilter
	var program, region, status *string
	var year *int
	return listing(ctx, "list", listUsage, args, stdout, stderr,
		func(f *flags) {
			program = f.String("program", "", "只列出该项目")
			year = f.Int("year", 0, "只列出该年度")
			region = f.String("region", "", "只列出该地区（代码）及其下级")
			status = f.String("status", "", "只列出该状态")
		},
		func(s *store.Store, ctx context.Context) ([]*jixiao.StoredForm, error) {
			filter = store.FormFilter{Program: *program, Year: *year, Region: *region, Status: jixiao.FormStatus(*status), Limit: 10000}
			var all []*jixiao.StoredForm
			for {
				page, total, err := s.Forms(ctx, filter)
				if err != nil {
					return nil, err
				}
				all = append(all, page...)
				filter.Offset += len(page)
				if len(page) == 0 || filter.Offset >= total {
					return all, nil
				}
			}
		},
		func(w io.Writer, all []*jixiao.StoredForm) {
			if len(all) == 0 {
				fmt.Fprintln(w, "没有符合条件的自评表")
				return
			}
			fmt.Fprintln(w, "编号\t项目\t年度\t单位\t地区\t类型\t状态\t版本\t错误\t警告")
			for _, f := range all {
				kind := "单位表"
				if f.Kind == jixiao.FormRegion {
					kind = "地区汇总表"
				}
				fmt.Fprintf(w, "%d\t%s\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", f.ID, oneLine(f.Program), f.Year, oneLine(f.Org), f.RegionName,
					kind, f.Status.Label(), f.Version, f.Errors, f.Warnings)
			}
			fmt.Fprintf(w, "\n共 %d 张\n", len(all))
		})
}

func runLog(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runGroup(ctx, "log", "防篡改日志", []subcommand{
		{"verify", "校验日志链：指出第一条被修改、删除或调换顺序的记录（完好时退出状态 0，否则 1）", runLogVerify},
		{"show", "显示日志", runLogShow},
	}, args, stdout, stderr)
}

func runLogVerify(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "log verify", "用法：jixiao log verify [--db …]\n\n退出状态：0 日志完好；1 日志被篡改；2 无法打开数据库。", args, stdout, stderr, func(f *flags) dbAction {
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) > 0 {
				return usageError("多余的参数")
			}
			s, err := open()
			if err != nil {
				return err
			}
			c, err := s.VerifyLog(ctx)
			if err != nil {
				return err
			}
			if c.Broken != 0 {
				fmt.Fprintf(stdout, "日志已被篡改：%s（已核对前 %d 条完好的记录）\n", c.Problem, c.Entries)
				return exitStatus(ExitFindings)
			}
			fmt.Fprintf(stdout, "日志完好：共 %d 条记录，哈希链连续\n", c.Entries)
			fmt.Fprintf(stdout, "链头：第 %d 条，哈希 %s\n（把这一行另行保存，如打印或报给上级：日后与之核对，可发现从某条起被整体改写的日志）\n", c.HeadSeq, c.HeadHash)
			return nil
		}
	})
}

func runLogShow(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var form, after *int64
	var limit *int
	return listing(ctx, "log show", "用法：jixiao log show [--db …] [--form 编号] [--after 序号] [--limit 条数] [--json]", args, stdout, stderr,
		func(f *flags) {
			form = f.Int64("form", 0, "只显示这张自评表的记录")
			after = f.Int64("after", 0, "从该序号之后开始")
			limit = f.Int("limit", 100, "最多显示的条数")
		},
		func(s *store.Store, ctx context.Context) ([]*jixiao.LogEntry, error) {
			return s.Log(ctx, store.LogFilter{FormID: *form, After: *after, Limit: *limit})
		},
		func(w io.Writer, entries []*jixiao.LogEntry) {
			fmt.Fprintln(w, "序号\t时间（北京时间）\t操作人\t操作\t对象\t内容")
			for _, e := range entries {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s %s\t%s\n", e.Seq, e.At.In(store.ChinaTime()).Format("2006-01-02 15:04:05"), e.Actor,
					e.Action.Label(), e.Object, e.ObjectID, oneLine(e.Detail))
			}
		})
}

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return oneArgCommand(ctx, "backup", "用法：jixiao backup [--db …] 备份文件\n\nSQLite：在线备份到一个新文件（其他人可继续使用）。PostgreSQL：显示应使用的 pg_dump 命令。", "备份文件名", args, stdout, stderr,
		func(ctx context.Context, s *store.Store, path string) (string, error) {
			return "已备份到 " + path, s.Backup(ctx, path)
		})
}
