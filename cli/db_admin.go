package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/regions"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/store"
)

// nationalRoot is the root that holds the provinces (regions.Nation).
var nationalRoot = regions.Nation

func runRegion(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runGroup(ctx, "region", "地区（GB/T 2260 行政区划）", []subcommand{
		{"load", "载入全国行政区划（内置 " + regions.Version() + "），或自己的地区树文件", runRegionLoad},
		{"list", "列出已载入的地区", runRegionList},
	}, args, stdout, stderr)
}

const regionLoadUsage = `用法：jixiao region load [--db …] [地区树文件]

不给文件时载入内置的全国行政区划（GB/T 2260，%s：省、市、县三级，
全部挂在“000000 全国”之下）。给出文件时载入该地区树（CSV：code,name,parent，
或 JSON 数组，见 docs/region-tree.md；如 jixiao gen 生成的 tree.csv）。
已有的地区按代码更新名称，不会删除。`

func runRegionLoad(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "region load", fmt.Sprintf(regionLoadUsage, regions.Version()), args, stdout, stderr, func(f *flags) dbAction {
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) > 1 {
				return usageError("最多给一个地区树文件")
			}
			list, source, err := regionList(pos)
			if err != nil {
				return err
			}
			s, err := open()
			if err != nil {
				return err
			}
			added, changed, err := s.LoadRegions(ctx, list, source)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "已载入 %s：共 %d 个地区，新增 %d 个，更新 %d 个\n", source, len(list), added, changed)
			return nil
		}
	})
}

// regionList is the national list under its root, or the tree of a file.
func regionList(pos []string) ([]jixiao.Region, string, error) {
	var list []jixiao.Region
	if len(pos) == 0 {
		national, err := regions.National()
		return national, regions.Version(), err
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return nil, "", jixiao.Invalid("无法读取 %s：%v", pos[0], err)
	}
	tree, err := rollup.ReadTree(pos[0], data)
	if err != nil {
		return nil, "", err
	}
	var walk func(n *rollup.Node, level int)
	walk = func(n *rollup.Node, level int) {
		list = append(list, jixiao.Region{Code: n.Code, Name: n.Name, Level: level, Parent: n.Parent, FullName: n.FullName})
		for _, c := range n.Children {
			walk(c, level+1)
		}
	}
	for _, r := range tree.Roots {
		walk(r, 0)
	}
	return list, pos[0], nil
}

// listing is a command that lists what one service call returns: as a
// table, or as JSON with --json. fetch has the shape of a method
// expression, (*store.Store).Orgs.
func listing[T any](ctx context.Context, name, usage string, args []string, stdout, stderr io.Writer,
	define func(f *flags), fetch func(s *store.Store, ctx context.Context) ([]T, error), table func(w io.Writer, items []T)) int {
	return runDB(ctx, name, usage, args, stdout, stderr, func(f *flags) dbAction {
		asJSON := f.Bool("json", false, "输出 JSON")
		if define != nil {
			define(f)
		}
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) > 0 {
				return usageError("多余的参数：%s", strings.Join(pos, " "))
			}
			s, err := open()
			if err != nil {
				return err
			}
			items, err := fetch(s, ctx)
			if err != nil {
				return err
			}
			if *asJSON {
				if items == nil {
					items = []T{}
				}
				return exit(writeJSON(stdout, stderr, name, items))
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			table(tw, items)
			return tw.Flush()
		}
	})
}

func runRegionList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var under *string
	return listing(ctx, "region list", "用法：jixiao region list [--db …] [--under 代码] [--json]\n\n列出某地区的下级（默认列出根地区）。", args, stdout, stderr,
		func(f *flags) { under = f.String("under", "", "上级地区代码") },
		func(s *store.Store, ctx context.Context) ([]jixiao.Region, error) {
			return s.Regions(ctx, *under, false)
		},
		func(w io.Writer, list []jixiao.Region) {
			fmt.Fprintln(w, "代码\t名称\t全称")
			for _, r := range list {
				fmt.Fprintf(w, "%s\t%s\t%s\n", r.Code, r.Name, r.FullName)
			}
		})
}

func runOrg(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runGroup(ctx, "org", "单位（中央主管部门、地方主管部门、资金使用单位）", []subcommand{
		{"add", "添加单位", runOrgAdd},
		{"list", "列出单位", runOrgList},
	}, args, stdout, stderr)
}

const orgAddUsage = `用法：jixiao org add [--db …] --kind central|department|unit --region 地区 [--parent 上级部门] 名称

--kind：central 中央主管部门；department 地方主管部门（下发任务、审核、汇总）；
unit 资金使用单位（填报自评表，须给出 --parent 上级主管部门）。
--region 为地区代码（110105）或名称（北京市朝阳区）。`

func runOrgAdd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "org add", orgAddUsage, args, stdout, stderr, func(f *flags) dbAction {
		kind := f.String("kind", "unit", "单位类型：central、department 或 unit")
		region := f.String("region", "", "所在地区：代码或全称")
		parent := f.String("parent", "", "上级主管部门的名称")
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) != 1 || *region == "" {
				return usageError("请给出一个单位名称和 --region 地区")
			}
			s, err := open()
			if err != nil {
				return err
			}
			reg, err := s.FindRegion(ctx, *region)
			if err != nil {
				return err
			}
			o := jixiao.Organisation{Name: pos[0], Kind: jixiao.OrgKind(*kind), Region: reg.Code}
			if *parent != "" {
				p, err := s.OrgByName(ctx, *parent)
				if err != nil {
					return err
				}
				o.ParentID = p.ID
			}
			got, err := s.CreateOrg(ctx, o)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "已添加%s“%s”（编号 %d，%s）\n", got.Kind.Label(), got.Name, got.ID, reg.FullName)
			return nil
		}
	})
}

func runOrgList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return listing(ctx, "org list", "用法：jixiao org list [--db …] [--json]", args, stdout, stderr, nil,
		(*store.Store).Orgs,
		func(w io.Writer, list []*jixiao.Organisation) {
			names := map[int64]string{}
			for _, o := range list {
				names[o.ID] = o.Name
			}
			fmt.Fprintln(w, "编号\t名称\t类型\t地区\t上级")
			for _, o := range list {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", o.ID, o.Name, o.Kind.Label(), o.Region, names[o.ParentID])
			}
		})
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runGroup(ctx, "user", "用户与角色", []subcommand{
		{"add", "添加用户并授予角色", runUserAdd},
		{"passwd", "设置用户的密码", runUserPasswd},
		{"grant", "授予用户一个角色", runUserGrant},
		{"revoke", "撤销用户的一个角色", runUserRevoke},
		{"disable", "停用用户（不能再登录，其记录保留）", runUserDisable},
		{"enable", "恢复已停用的用户", runUserEnable},
		{"list", "列出用户及其角色", runUserList},
	}, args, stdout, stderr)
}

const roleHelp = `角色：filler 单位填报人（属于资金使用单位）；reviewer 部门审核人（属于地方主管部门）；
viewer 中央查看人（属于中央主管部门）；admin 系统管理员。
密码从环境变量 JIXIAO_PASSWORD 读取，未设置时从标准输入读一行（不会出现在命令行和进程列表里）。`

// stdin is where passwords are read from (tests replace it).
var stdin io.Reader = os.Stdin

// password reads a new password: JIXIAO_PASSWORD, else one line of stdin.
func password() (string, error) {
	if p := os.Getenv("JIXIAO_PASSWORD"); p != "" {
		return p, nil
	}
	buf := make([]byte, 0, 128)
	one := make([]byte, 1)
	for len(buf) < 4096 {
		n, err := stdin.Read(one)
		if n == 1 && one[0] == '\n' {
			break
		}
		if n == 1 {
			buf = append(buf, one[0])
			continue
		}
		if err != nil {
			break
		}
	}
	p := strings.TrimRight(string(buf), "\r")
	if p == "" {
		return "", jixiao.Invalid("请给出密码：设置环境变量 JIXIAO_PASSWORD，或从标准输入输入一行")
	}
	return p, nil
}

func runUserAdd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "user add", "用法：jixiao user add [--db …] [--name 姓名] --role 角色 --org 单位名称 用户名\n\n"+roleHelp, args, stdout, stderr, func(f *flags) dbAction {
		name := f.String("name", "", "姓名（显示用）")
		role := f.String("role", "", "角色：filler、reviewer、viewer 或 admin")
		org := f.String("org", "", "角色所属单位的名称")
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) != 1 || *role == "" || *org == "" {
				return usageError("请给出一个用户名、--role 角色和 --org 单位")
			}
			pw, err := password()
			if err != nil {
				return err
			}
			s, err := open()
			if err != nil {
				return err
			}
			o, err := s.OrgByName(ctx, *org)
			if err != nil {
				return err
			}
			u, err := s.CreateUser(ctx, store.NewUser{Username: pos[0], Name: *name, Password: pw,
				Grants: []jixiao.Grant{{Role: jixiao.Role(*role), OrgID: o.ID}}})
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "已添加用户 %s（%s）：%s，%s\n", u.Username, u.Name, jixiao.Role(*role).Label(), o.Name)
			return nil
		}
	})
}

func runUserGrant(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return userRole(ctx, "grant", args, stdout, stderr)
}

func runUserRevoke(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return userRole(ctx, "revoke", args, stdout, stderr)
}

// userRole grants or revokes a role.
func userRole(ctx context.Context, verb string, args []string, stdout, stderr io.Writer) int {
	cmd := "user " + verb
	return runDB(ctx, cmd, "用法：jixiao "+cmd+" [--db …] --role 角色 --org 单位名称 用户名\n\n"+roleHelp, args, stdout, stderr, func(f *flags) dbAction {
		role := f.String("role", "", "角色")
		org := f.String("org", "", "单位名称")
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) != 1 || *role == "" || *org == "" {
				return usageError("请给出一个用户名、--role 角色和 --org 单位")
			}
			s, err := open()
			if err != nil {
				return err
			}
			o, err := s.OrgByName(ctx, *org)
			if err != nil {
				return err
			}
			change, said := s.Grant, "已授予"
			if verb == "revoke" {
				change, said = s.Revoke, "已撤销"
			}
			if err := change(ctx, pos[0], jixiao.Role(*role), o.ID); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s %s 的角色 %s（%s）\n", said, pos[0], jixiao.Role(*role).Label(), o.Name)
			return nil
		}
	})
}

// oneArgCommand is a command on the one thing its only argument names
// (what: 用户名, 备份文件名); do returns what to print.
func oneArgCommand(ctx context.Context, cmd, usage, what string, args []string, stdout, stderr io.Writer, do func(ctx context.Context, s *store.Store, arg string) (string, error)) int {
	return runDB(ctx, cmd, usage, args, stdout, stderr, func(f *flags) dbAction {
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if len(pos) != 1 {
				return usageError("请给出一个%s", what)
			}
			s, err := open()
			if err != nil {
				return err
			}
			said, err := do(ctx, s, pos[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, said)
			return nil
		}
	})
}

func runUserPasswd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return oneArgCommand(ctx, "user passwd", "用法：jixiao user passwd [--db …] 用户名\n\n"+roleHelp, "用户名", args, stdout, stderr,
		func(ctx context.Context, s *store.Store, username string) (string, error) {
			pw, err := password()
			if err != nil {
				return "", err
			}
			return "已修改 " + username + " 的密码", s.SetPassword(ctx, username, pw)
		})
}

func runUserDisable(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return oneArgCommand(ctx, "user disable", "用法：jixiao user disable [--db …] 用户名\n\n停用后不能再登录，其记录保留。", "用户名", args, stdout, stderr,
		func(ctx context.Context, s *store.Store, username string) (string, error) {
			return "已停用用户 " + username, s.SetDisabled(ctx, username, true)
		})
}

func runUserEnable(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return oneArgCommand(ctx, "user enable", "用法：jixiao user enable [--db …] 用户名", "用户名", args, stdout, stderr,
		func(ctx context.Context, s *store.Store, username string) (string, error) {
			return "已恢复用户 " + username, s.SetDisabled(ctx, username, false)
		})
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return listing(ctx, "user list", "用法：jixiao user list [--db …] [--json]", args, stdout, stderr, nil,
		(*store.Store).Users,
		func(w io.Writer, list []*jixiao.User) {
			fmt.Fprintln(w, "用户名\t姓名\t角色")
			for _, u := range list {
				var roles []string
				for _, g := range u.Grants {
					roles = append(roles, g.Role.Label()+"（"+g.OrgName+"）")
				}
				status := ""
				if u.Disabled {
					status = "（已停用）"
				}
				fmt.Fprintf(w, "%s%s\t%s\t%s\n", u.Username, status, u.Name, strings.Join(roles, "、"))
			}
		})
}

func runTask(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runGroup(ctx, "task", "自评任务", []subcommand{
		{"issue", "下发自评任务（主管部门 → 下属资金使用单位）", runTaskIssue},
		{"status", "各地区的报送情况：应报、已报、按时、逾期、未报", runTaskStatus},
	}, args, stdout, stderr)
}

// parseDeadline reads 2022-03-31 (the end of that day, China time) or
// 2022-03-31 18:00.
func parseDeadline(s string) (time.Time, error) {
	loc := store.ChinaTime()
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t.Add(24*time.Hour - time.Second), nil
	}
	return time.Time{}, jixiao.Invalid("截止时间“%s”无法识别：请写成 2022-03-31 或 \"2022-03-31 18:00\"（北京时间）", s)
}

const taskIssueUsage = `用法：jixiao task issue [--db …] --program 项目 --year 年度 --dept 主管部门 --deadline 2022-03-31 [--units 单位1,单位2]

不给 --units 时下发给该部门下属的全部资金使用单位。`

func runTaskIssue(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "task issue", taskIssueUsage, args, stdout, stderr, func(f *flags) dbAction {
		program := f.String("program", "", "项目名称")
		year := f.Int("year", 0, "年度")
		dept := f.String("dept", "", "下发任务的主管部门名称")
		deadline := f.String("deadline", "", "截止时间（北京时间）")
		units := f.String("units", "", "下发给哪些单位（逗号分隔的名称）")
		return func(ctx context.Context, pos []string, open func() (*store.Store, error)) error {
			if *program == "" || *year == 0 || *dept == "" || *deadline == "" || len(pos) > 0 {
				return usageError("请给出 --program、--year、--dept 和 --deadline")
			}
			dl, err := parseDeadline(*deadline)
			if err != nil {
				return err
			}
			s, err := open()
			if err != nil {
				return err
			}
			d, err := s.OrgByName(ctx, *dept)
			if err != nil {
				return err
			}
			nt := store.NewTask{Program: *program, Year: *year, IssuerID: d.ID, Deadline: dl}
			for _, name := range strings.Split(*units, ",") {
				if name = strings.TrimSpace(name); name == "" {
					continue
				}
				o, err := s.OrgByName(ctx, name)
				if err != nil {
					return err
				}
				nt.UnitIDs = append(nt.UnitIDs, o.ID)
			}
			tk, err := s.IssueTask(ctx, nt)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "已下发任务 %d：%s %d 年度“%s”，%d 个单位，截止 %s\n", tk.ID, tk.Issuer, tk.Year, tk.Program,
				len(tk.ExpectedIDs), tk.Deadline.In(store.ChinaTime()).Format("2006-01-02 15:04"))
			return nil
		}
	})
}

func runTaskStatus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var program *string
	var year *int
	return listing(ctx, "task status", "用法：jixiao task status [--db …] --program 项目 --year 年度 [--json]", args, stdout, stderr,
		func(f *flags) {
			program = f.String("program", "", "项目名称")
			year = f.Int("year", 0, "年度")
		},
		func(s *store.Store, ctx context.Context) ([]store.Reporting, error) {
			if *program == "" || *year == 0 {
				return nil, usageError("请给出 --program 和 --year")
			}
			return s.ReportingRates(ctx, *program, *year)
		},
		func(w io.Writer, rates []store.Reporting) {
			if len(rates) == 0 {
				fmt.Fprintf(w, "%d 年度“%s”还没有下发自评任务\n", *year, *program)
				return
			}
			fmt.Fprintln(w, "地区\t应报\t已报\t按时\t逾期\t未报\t已通过\t报送率")
			for _, r := range rates {
				fmt.Fprintf(w, "%s%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", strings.Repeat("  ", max(r.Region.Level-1, 0)), r.Region.FullName,
					r.Expected, r.Submitted, r.OnTime, r.Late, r.Missing, r.Approved, r.Rate())
			}
		})
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "migrate", "用法：jixiao migrate [--db …]\n\n把数据库结构升级到本程序的版本（其他命令启动时也会自动升级）。", args, stdout, stderr, func(f *flags) dbAction {
		db := f.Lookup("db")
		return func(ctx context.Context, pos []string, _ func() (*store.Store, error)) error {
			s, err := store.OpenExisting(store.DSN(db.Value.String()))
			if err != nil {
				return err
			}
			defer s.Close()
			applied, err := s.MigrateReport(ctx)
			if err != nil {
				return err
			}
			if len(applied) == 0 {
				fmt.Fprintf(stdout, "数据库 %s 已是最新结构\n", s.Location())
			}
			for _, m := range applied {
				fmt.Fprintf(stdout, "已应用 %04d_%s\n", m.Version, m.Name)
			}
			return nil
		}
	})
}
