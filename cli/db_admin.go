package cli

import (
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

// nationalRoot is the root that holds the provinces: GB/T 2260 has no code
// for the nation, so jixiao uses 000000 (as `jixiao gen`'s trees do).
var nationalRoot = jixiao.Region{Code: "000000", Name: "全国", Level: 0}

func runRegion(args []string, stdout, stderr io.Writer) int {
	return runGroup("region", "地区（GB/T 2260 行政区划）", []subcommand{
		{"load", "载入全国行政区划（内置 " + regions.Version() + "），或自己的地区树文件", runRegionLoad},
		{"list", "列出已载入的地区", runRegionList},
	}, args, stdout, stderr)
}

func runRegionLoad(args []string, stdout, stderr io.Writer) int {
	f := newFlags("region load", `用法：jixiao region load [--db …] [地区树文件]

不给文件时载入内置的全国行政区划（GB/T 2260，`+regions.Version()+`：省、市、县三级，
全部挂在“000000 全国”之下）。给出文件时载入该地区树（CSV：code,name,parent，
或 JSON 数组，见 docs/region-tree.md；如 jixiao gen 生成的 tree.csv）。
已有的地区按代码更新名称，不会删除。`, stderr)
	db := dbFlag(f)
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 1 {
		fmt.Fprintln(stderr, "jixiao region load：最多给一个地区树文件")
		return ExitInput
	}
	var list []jixiao.Region
	source := regions.Version()
	if len(pos) == 0 {
		list = append(list, nationalRoot)
		for _, r := range regions.All() {
			parent := r.Parent
			if parent == "" {
				parent = nationalRoot.Code
			}
			list = append(list, jixiao.Region{Code: r.Code, Name: r.Name, Level: int(r.Level), Parent: parent, FullName: regions.FullName(r.Code)})
		}
		if len(list) == 1 {
			_, err := regions.Match("北京市")
			return fail(stderr, "region load", err)
		}
	} else {
		data, err := os.ReadFile(pos[0])
		if err != nil {
			fmt.Fprintf(stderr, "jixiao region load：无法读取 %s：%v\n", pos[0], err)
			return ExitInput
		}
		tree, err := rollup.ReadTree(pos[0], data)
		if err != nil {
			return fail(stderr, "region load", err)
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
		source = pos[0]
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "region load", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	added, changed, err := s.LoadRegions(ctx, list, source)
	if err != nil {
		return fail(stderr, "region load", err)
	}
	fmt.Fprintf(stdout, "已载入 %s：共 %d 个地区，新增 %d 个，更新 %d 个\n", source, len(list), added, changed)
	return ExitOK
}

func runRegionList(args []string, stdout, stderr io.Writer) int {
	f := newFlags("region list", "用法：jixiao region list [--db …] [--under 代码] [--json]\n\n列出某地区的下级（默认列出根地区）。", stderr)
	db := dbFlag(f)
	under := f.String("under", "", "上级地区代码")
	asJSON := f.Bool("json", false, "输出 JSON")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "region list", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	list, err := s.Regions(ctx, *under, false)
	if err != nil {
		return fail(stderr, "region list", err)
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "region list", list)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "代码\t名称\t全称")
	for _, r := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.Code, r.Name, r.FullName)
	}
	tw.Flush()
	return ExitOK
}

func runOrg(args []string, stdout, stderr io.Writer) int {
	return runGroup("org", "单位（中央主管部门、地方主管部门、资金使用单位）", []subcommand{
		{"add", "添加单位", runOrgAdd},
		{"list", "列出单位", runOrgList},
	}, args, stdout, stderr)
}

func runOrgAdd(args []string, stdout, stderr io.Writer) int {
	f := newFlags("org add", `用法：jixiao org add [--db …] --kind central|department|unit --region 地区 [--parent 上级部门] 名称

--kind：central 中央主管部门；department 地方主管部门（下发任务、审核、汇总）；
unit 资金使用单位（填报自评表，须给出 --parent 上级主管部门）。
--region 为地区代码（110105）或名称（北京市朝阳区）。`, stderr)
	db := dbFlag(f)
	kind := f.String("kind", "unit", "单位类型：central、department 或 unit")
	region := f.String("region", "", "所在地区：代码或全称")
	parent := f.String("parent", "", "上级主管部门的名称")
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 || *region == "" {
		fmt.Fprintln(stderr, "jixiao org add：请给出一个单位名称和 --region 地区")
		return ExitInput
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "org add", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	reg, err := s.Region(ctx, *region)
	if jixiao.KindOf(err) == jixiao.KindNotFound {
		reg, err = s.RegionByName(ctx, *region)
	}
	if err != nil {
		return fail(stderr, "org add", err)
	}
	o := jixiao.Organisation{Name: pos[0], Kind: jixiao.OrgKind(*kind), Region: reg.Code}
	if *parent != "" {
		p, err := s.OrgByName(ctx, *parent)
		if err != nil {
			return fail(stderr, "org add", err)
		}
		o.ParentID = p.ID
	}
	got, err := s.CreateOrg(ctx, o)
	if err != nil {
		return fail(stderr, "org add", err)
	}
	fmt.Fprintf(stdout, "已添加%s“%s”（编号 %d，%s）\n", got.Kind.Label(), got.Name, got.ID, reg.FullName)
	return ExitOK
}

func runOrgList(args []string, stdout, stderr io.Writer) int {
	f := newFlags("org list", "用法：jixiao org list [--db …] [--json]", stderr)
	db := dbFlag(f)
	asJSON := f.Bool("json", false, "输出 JSON")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "org list", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	list, err := s.Orgs(ctx)
	if err != nil {
		return fail(stderr, "org list", err)
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "org list", list)
	}
	names := map[int64]string{}
	for _, o := range list {
		names[o.ID] = o.Name
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "编号\t名称\t类型\t地区\t上级")
	for _, o := range list {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", o.ID, o.Name, o.Kind.Label(), o.Region, names[o.ParentID])
	}
	tw.Flush()
	return ExitOK
}

func runUser(args []string, stdout, stderr io.Writer) int {
	return runGroup("user", "用户与角色", []subcommand{
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

// password reads a new password: JIXIAO_PASSWORD, else one line of stdin.
func password(stdin io.Reader) (string, error) {
	if p := os.Getenv("JIXIAO_PASSWORD"); p != "" {
		return p, nil
	}
	buf := make([]byte, 0, 128)
	one := make([]byte, 1)
	for len(buf) < 4096 {
		n, err := stdin.Read(one)
		if n == 1 {
			if one[0] == '\n' {
				break
			}
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

// stdin is where passwords are read from (tests replace it).
var stdin io.Reader = os.Stdin

func runUserAdd(args []string, stdout, stderr io.Writer) int {
	f := newFlags("user add", "用法：jixiao user add [--db …] [--name 姓名] --role 角色 --org 单位名称 用户名\n\n"+roleHelp, stderr)
	db := dbFlag(f)
	name := f.String("name", "", "姓名（显示用）")
	role := f.String("role", "", "角色：filler、reviewer、viewer 或 admin")
	org := f.String("org", "", "角色所属单位的名称")
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 || *role == "" || *org == "" {
		fmt.Fprintln(stderr, "jixiao user add：请给出一个用户名、--role 角色和 --org 单位")
		return ExitInput
	}
	pw, err := password(stdin)
	if err != nil {
		return fail(stderr, "user add", err)
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "user add", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	o, err := s.OrgByName(ctx, *org)
	if err != nil {
		return fail(stderr, "user add", err)
	}
	u, err := s.CreateUser(ctx, store.NewUser{Username: pos[0], Name: *name, Password: pw,
		Grants: []jixiao.Grant{{Role: jixiao.Role(*role), OrgID: o.ID}}})
	if err != nil {
		return fail(stderr, "user add", err)
	}
	fmt.Fprintf(stdout, "已添加用户 %s（%s）：%s，%s\n", u.Username, u.Name, jixiao.Role(*role).Label(), o.Name)
	return ExitOK
}

func runUserGrant(args []string, stdout, stderr io.Writer) int {
	return userRole("grant", args, stdout, stderr)
}

func runUserRevoke(args []string, stdout, stderr io.Writer) int {
	return userRole("revoke", args, stdout, stderr)
}

// userRole grants or revokes a role.
func userRole(verb string, args []string, stdout, stderr io.Writer) int {
	cmd := "user " + verb
	f := newFlags(cmd, "用法：jixiao "+cmd+" [--db …] --role 角色 --org 单位名称 用户名\n\n"+roleHelp, stderr)
	db := dbFlag(f)
	role := f.String("role", "", "角色")
	org := f.String("org", "", "单位名称")
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 || *role == "" || *org == "" {
		fmt.Fprintln(stderr, "jixiao "+cmd+"：请给出一个用户名、--role 角色和 --org 单位")
		return ExitInput
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, cmd, *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	o, err := s.OrgByName(ctx, *org)
	if err != nil {
		return fail(stderr, cmd, err)
	}
	change, said := s.Grant, "已授予"
	if verb == "revoke" {
		change, said = s.Revoke, "已撤销"
	}
	if err := change(ctx, pos[0], jixiao.Role(*role), o.ID); err != nil {
		return fail(stderr, cmd, err)
	}
	fmt.Fprintf(stdout, "%s %s 的角色 %s（%s）\n", said, pos[0], jixiao.Role(*role).Label(), o.Name)
	return ExitOK
}

func runUserDisable(args []string, stdout, stderr io.Writer) int {
	return userDisabled(true, args, stdout, stderr)
}

func runUserEnable(args []string, stdout, stderr io.Writer) int {
	return userDisabled(false, args, stdout, stderr)
}

func userDisabled(disabled bool, args []string, stdout, stderr io.Writer) int {
	cmd, done := "user disable", "已停用"
	if !disabled {
		cmd, done = "user enable", "已恢复"
	}
	f := newFlags(cmd, "用法：jixiao "+cmd+" [--db …] 用户名", stderr)
	db := dbFlag(f)
	pos, code, exit := f.parse(args, stdout, stderr)
	if exit {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "jixiao "+cmd+"：请给出一个用户名")
		return ExitInput
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, cmd, *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	if err := s.SetDisabled(ctx, pos[0], disabled); err != nil {
		return fail(stderr, cmd, err)
	}
	fmt.Fprintf(stdout, "%s用户 %s\n", done, pos[0])
	return ExitOK
}

func runUserPasswd(args []string, stdout, stderr io.Writer) int {
	f := newFlags("user passwd", "用法：jixiao user passwd [--db …] 用户名\n\n"+roleHelp, stderr)
	db := dbFlag(f)
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "jixiao user passwd：请给出一个用户名")
		return ExitInput
	}
	pw, err := password(stdin)
	if err != nil {
		return fail(stderr, "user passwd", err)
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "user passwd", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	if err := s.SetPassword(ctx, pos[0], pw); err != nil {
		return fail(stderr, "user passwd", err)
	}
	fmt.Fprintf(stdout, "已修改 %s 的密码\n", pos[0])
	return ExitOK
}

func runUserList(args []string, stdout, stderr io.Writer) int {
	f := newFlags("user list", "用法：jixiao user list [--db …] [--json]", stderr)
	db := dbFlag(f)
	asJSON := f.Bool("json", false, "输出 JSON")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "user list", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	list, err := s.Users(ctx)
	if err != nil {
		return fail(stderr, "user list", err)
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "user list", list)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "用户名\t姓名\t角色")
	for _, u := range list {
		var roles []string
		for _, g := range u.Grants {
			roles = append(roles, g.Role.Label()+"（"+g.OrgName+"）")
		}
		status := ""
		if u.Disabled {
			status = "（已停用）"
		}
		fmt.Fprintf(tw, "%s%s\t%s\t%s\n", u.Username, status, u.Name, strings.Join(roles, "、"))
	}
	tw.Flush()
	return ExitOK
}

func runTask(args []string, stdout, stderr io.Writer) int {
	return runGroup("task", "自评任务", []subcommand{
		{"issue", "下发自评任务（主管部门 → 下属资金使用单位）", runTaskIssue},
		{"status", "各地区的报送情况：应报、已报、按时、逾期、未报", runTaskStatus},
	}, args, stdout, stderr)
}

// parseDeadline reads 2022-03-31 (end of that day, China time) or
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

func runTaskIssue(args []string, stdout, stderr io.Writer) int {
	f := newFlags("task issue", "用法：jixiao task issue [--db …] --program 项目 --year 年度 --dept 主管部门 --deadline 2022-03-31 [--units 单位1,单位2]\n\n不给 --units 时下发给该部门下属的全部资金使用单位。", stderr)
	db := dbFlag(f)
	program := f.String("program", "", "项目名称")
	year := f.Int("year", 0, "年度")
	dept := f.String("dept", "", "下发任务的主管部门名称")
	deadline := f.String("deadline", "", "截止时间（北京时间）")
	units := f.String("units", "", "下发给哪些单位（逗号分隔的名称）")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if *program == "" || *year == 0 || *dept == "" || *deadline == "" {
		fmt.Fprintln(stderr, "jixiao task issue：请给出 --program、--year、--dept 和 --deadline")
		return ExitInput
	}
	dl, err := parseDeadline(*deadline)
	if err != nil {
		return fail(stderr, "task issue", err)
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "task issue", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	d, err := s.OrgByName(ctx, *dept)
	if err != nil {
		return fail(stderr, "task issue", err)
	}
	nt := store.NewTask{Program: *program, Year: *year, IssuerID: d.ID, Deadline: dl}
	for _, name := range strings.Split(*units, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		o, err := s.OrgByName(ctx, name)
		if err != nil {
			return fail(stderr, "task issue", err)
		}
		nt.UnitIDs = append(nt.UnitIDs, o.ID)
	}
	tk, err := s.IssueTask(ctx, nt)
	if err != nil {
		return fail(stderr, "task issue", err)
	}
	fmt.Fprintf(stdout, "已下发任务 %d：%s %d 年度“%s”，%d 个单位，截止 %s\n", tk.ID, tk.Issuer, tk.Year, tk.Program,
		len(tk.ExpectedIDs), tk.Deadline.In(store.ChinaTime()).Format("2006-01-02 15:04"))
	return ExitOK
}

func runTaskStatus(args []string, stdout, stderr io.Writer) int {
	f := newFlags("task status", "用法：jixiao task status [--db …] --program 项目 --year 年度 [--json]", stderr)
	db := dbFlag(f)
	program := f.String("program", "", "项目名称")
	year := f.Int("year", 0, "年度")
	asJSON := f.Bool("json", false, "输出 JSON")
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if *program == "" || *year == 0 {
		fmt.Fprintln(stderr, "jixiao task status：请给出 --program 和 --year")
		return ExitInput
	}
	ctx, cancel := operator()
	defer cancel()
	s, code, ok := openStore(ctx, "task status", *db, stderr)
	if !ok {
		return code
	}
	defer s.Close()
	rates, err := s.ReportingRates(ctx, *program, *year)
	if err != nil {
		return fail(stderr, "task status", err)
	}
	if *asJSON {
		return writeJSON(stdout, stderr, "task status", rates)
	}
	if len(rates) == 0 {
		fmt.Fprintf(stdout, "%d 年度“%s”还没有下发自评任务\n", *year, *program)
		return ExitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "地区\t应报\t已报\t按时\t逾期\t未报\t已通过\t报送率\t")
	for _, r := range rates {
		fmt.Fprintf(tw, "%s%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", strings.Repeat("  ", max(r.Region.Level-1, 0)), r.Region.FullName,
			r.Expected, r.Submitted, r.OnTime, r.Late, r.Missing, r.Approved, r.Rate())
	}
	tw.Flush()
	return ExitOK
}

func runMigrate(args []string, stdout, stderr io.Writer) int {
	f := newFlags("migrate", "用法：jixiao migrate [--db …]\n\n把数据库结构升级到本程序的版本（其他命令启动时也会自动升级）。", stderr)
	db := dbFlag(f)
	_, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	ctx, cancel := operator()
	defer cancel()
	s, err := store.OpenExisting(store.DSN(*db))
	if err != nil {
		return fail(stderr, "migrate", err)
	}
	defer s.Close()
	applied, err := s.MigrateReport(ctx)
	if err != nil {
		return fail(stderr, "migrate", err)
	}
	if len(applied) == 0 {
		fmt.Fprintf(stdout, "数据库 %s 已是最新结构\n", s.Location())
	}
	for _, m := range applied {
		fmt.Fprintf(stdout, "已应用 %04d_%s\n", m.Version, m.Name)
	}
	return ExitOK
}
