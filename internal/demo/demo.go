// Package demo fills an empty database with a demonstration world — the
// region tree 北京市 → 朝阳区, 海淀区, 东城区, their departments and units,
// the reference form and variants of it in every state of the workflow, a
// task per district with a deadline, and an account for every role — so
// that `jixiao serve --demo` has something real on every page.
//
// Everything is done through the service layer, as the people of the world
// would do it (the log shows who did what); the reference form is embedded,
// so the binary reads no file.
package demo

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/regions"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/textform"
)

// reference is testdata/forms/chaoyang-2020-ip-ops.txt, copied here so the
// binary carries it (a test checks the copy is the same).
//
//go:embed reference.txt
var reference string

// Password is every demo account's password (documented in README and
// docs/使用说明.md: the demo is for trying the system, never for real data).
const Password = "jixiao-demo"

// Program and Year of the demo forms and tasks (those of the reference form).
const (
	Program = "知识产权运营服务体系建设"
	Year    = 2020
)

// Account is a demo user, as printed at start.
type Account struct {
	Username, Name string
	Role           jixiao.Role
	Org            string
}

// World is what Load made.
type World struct {
	Accounts []Account
	// Forms by unit name: the reference form (draft, 3 errors), one waiting
	// for review, one returned with comments, one approved.
	Forms map[string]*jixiao.StoredForm
	// Deadline of the districts' tasks.
	Deadline time.Time
}

// errNotEmpty is the Chinese refusal of a database that holds data already.
func errNotEmpty(where string) error {
	return jixiao.Errorf(jixiao.KindConflict,
		"数据库 %s 已有别的数据，演示数据只能载入空数据库：去掉 --demo 直接启动，或用 --db 指定一个新的数据库文件", where)
}

// Load fills s, which must be empty (no region, organisation or user), with
// the demonstration world, as the command-line operator.
func Load(ctx context.Context, s *store.Store) (*World, error) {
	ctx = jixiao.NewContextWithActor(ctx, jixiao.SystemActor("演示数据"))
	if empty, err := isEmpty(ctx, s); err != nil {
		return nil, err
	} else if !empty {
		return nil, errNotEmpty(s.Location())
	}
	l := &loader{ctx: ctx, s: s, w: &World{Forms: map[string]*jixiao.StoredForm{}}, users: map[string]*jixiao.User{}}
	l.loadRegions()
	l.loadOrgs()
	l.loadUsers()
	l.loadForms()
	if l.err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindOf(l.err), Err: l.err,
			Message: "演示数据未能全部载入（请删除数据库 " + s.Location() + " 后重试）：" + jixiao.MessageOf(l.err)}
	}
	return l.w, nil
}

// Loaded reports whether s already holds the demonstration world (every
// demo account exists), so that `serve --demo` run again serves it as it
// is, with what people did in it since, instead of refusing.
func Loaded(ctx context.Context, s *store.Store) ([]Account, bool, error) {
	ctx = jixiao.NewContextWithActor(ctx, jixiao.SystemActor("演示数据"))
	users, err := s.Users(ctx)
	if err != nil {
		return nil, false, err
	}
	have := map[string]bool{}
	for _, u := range users {
		have[u.Username] = true
	}
	for _, a := range accounts {
		if !have[a.Username] {
			return nil, false, nil
		}
	}
	return append([]Account(nil), accounts...), true, nil
}

func isEmpty(ctx context.Context, s *store.Store) (bool, error) {
	users, err := s.Users(ctx)
	if err != nil || len(users) > 0 {
		return false, err
	}
	orgs, err := s.Orgs(ctx)
	if err != nil || len(orgs) > 0 {
		return false, err
	}
	regs, err := s.Regions(ctx, "", true)
	return len(regs) == 0, err
}

// loader keeps the first error, so the steps read as a script.
type loader struct {
	ctx   context.Context
	s     *store.Store
	w     *World
	err   error
	orgs  map[string]*jixiao.Organisation
	users map[string]*jixiao.User
}

func (l *loader) loadRegions() {
	list := []jixiao.Region{{Code: "000000", Name: "全国", Level: 0}}
	for _, code := range []string{"110000", "110105", "110108", "110101"} {
		r, ok := regions.Lookup(code)
		if !ok {
			l.err = fmt.Errorf("地区 %s 不在全国行政区划表中", code)
			return
		}
		parent := r.Parent
		if parent == "" {
			parent = "000000"
		}
		list = append(list, jixiao.Region{Code: r.Code, Name: r.Name, Level: int(r.Level), Parent: parent})
	}
	_, _, l.err = l.s.LoadRegions(l.ctx, list, "演示数据")
}

// The organisations: name, kind, region, the department above.
var orgs = []struct {
	name   string
	kind   jixiao.OrgKind
	region string
	parent string
}{
	{"国家知识产权局", jixiao.OrgCentral, "000000", ""},
	{"北京市知识产权局", jixiao.OrgDepartment, "110000", ""},
	{"北京市朝阳区知识产权局", jixiao.OrgDepartment, "110105", "北京市知识产权局"},
	{"北京市海淀区知识产权局", jixiao.OrgDepartment, "110108", "北京市知识产权局"},
	{"北京市东城区知识产权局", jixiao.OrgDepartment, "110101", "北京市知识产权局"},
	{"北京市朝阳区市场监督管理局", jixiao.OrgUnit, "110105", "北京市朝阳区知识产权局"},
	{"北京市朝阳区知识产权服务中心", jixiao.OrgUnit, "110105", "北京市朝阳区知识产权局"},
	{"北京市海淀区市场监督管理局", jixiao.OrgUnit, "110108", "北京市海淀区知识产权局"},
	{"北京市东城区市场监督管理局", jixiao.OrgUnit, "110101", "北京市东城区知识产权局"},
}

func (l *loader) loadOrgs() {
	l.orgs = map[string]*jixiao.Organisation{}
	for _, o := range orgs {
		if l.err != nil {
			return
		}
		org := jixiao.Organisation{Name: o.name, Kind: o.kind, Region: o.region}
		if o.parent != "" {
			org.ParentID = l.orgs[o.parent].ID
		}
		l.orgs[o.name], l.err = l.s.CreateOrg(l.ctx, org)
	}
}

// accounts are the demo users, one per role and organisation.
var accounts = []Account{
	{"admin", "系统管理员", jixiao.RoleAdmin, "国家知识产权局"},
	{"zhongyang", "钱中", jixiao.RoleViewer, "国家知识产权局"},
	{"beijing", "赵京", jixiao.RoleReviewer, "北京市知识产权局"},
	{"chaoyang", "孙朝", jixiao.RoleReviewer, "北京市朝阳区知识产权局"},
	{"haidian", "李海", jixiao.RoleReviewer, "北京市海淀区知识产权局"},
	{"dongcheng", "周东", jixiao.RoleReviewer, "北京市东城区知识产权局"},
	{"cy_scj", "李想", jixiao.RoleFiller, "北京市朝阳区市场监督管理局"},
	{"cy_zx", "吴敏", jixiao.RoleFiller, "北京市朝阳区知识产权服务中心"},
	{"hd_scj", "郑洁", jixiao.RoleFiller, "北京市海淀区市场监督管理局"},
	{"dc_scj", "王晨", jixiao.RoleFiller, "北京市东城区市场监督管理局"},
}

func (l *loader) loadUsers() {
	for _, a := range accounts {
		if l.err != nil {
			return
		}
		l.users[a.Username], l.err = l.s.CreateUser(l.ctx, store.NewUser{Username: a.Username, Name: a.Name, Password: Password,
			Grants: []jixiao.Grant{{Role: a.Role, OrgID: l.orgs[a.Org].ID}}})
		l.w.Accounts = append(l.w.Accounts, a)
	}
}

// as is the context of demo user username.
func (l *loader) as(username string) context.Context {
	return jixiao.NewContextWithActor(l.ctx, store.ActorOf(l.users[username]))
}

func (l *loader) loadForms() {
	if l.err != nil {
		return
	}
	// Each district department issues the task to its units, due in 30 days
	// at 18:00 China time.
	day := l.s.Now().In(store.ChinaTime()).AddDate(0, 0, 30)
	l.w.Deadline = time.Date(day.Year(), day.Month(), day.Day(), 18, 0, 0, 0, store.ChinaTime())
	// The forms first, so that the tasks adopt them.
	forms := []struct{ user, unit string }{
		{"cy_scj", "北京市朝阳区市场监督管理局"}, {"cy_zx", "北京市朝阳区知识产权服务中心"},
		{"hd_scj", "北京市海淀区市场监督管理局"}, {"dc_scj", "北京市东城区市场监督管理局"},
	}
	for _, f := range forms {
		l.create(f.user, f.unit)
	}
	for _, dept := range []struct{ user, org string }{
		{"chaoyang", "北京市朝阳区知识产权局"}, {"haidian", "北京市海淀区知识产权局"}, {"dongcheng", "北京市东城区知识产权局"},
	} {
		if l.err == nil {
			_, l.err = l.s.IssueTask(l.as(dept.user), store.NewTask{Program: Program, Year: Year,
				IssuerID: l.orgs[dept.org].ID, Deadline: l.w.Deadline})
		}
	}
	// 朝阳区市场监督管理局's form stays a draft with the reference's three
	// errors; the others go through the workflow.
	l.submit("cy_zx", "北京市朝阳区知识产权服务中心")
	l.submit("dc_scj", "北京市东城区市场监督管理局")
	l.review("dongcheng", "北京市东城区市场监督管理局", func(ctx context.Context, f *jixiao.StoredForm) (*jixiao.StoredForm, error) {
		return l.s.Return(ctx, f.ID, f.Version, "成本指标的“未完成原因和改进措施”写得过于简略：请写明各项超支或结余的具体原因，以及下一年度的控制措施；“说明”栏请确认是否确无审计、监督发现的问题。")
	})
	l.comment("dc_scj", "北京市东城区市场监督管理局", "收到，正在补充成本指标的原因说明，本周内重新提交。")
	l.submit("hd_scj", "北京市海淀区市场监督管理局")
	l.review("haidian", "北京市海淀区市场监督管理局", func(ctx context.Context, f *jixiao.StoredForm) (*jixiao.StoredForm, error) {
		return l.s.Approve(ctx, f.ID, f.Version, "资金执行和指标完成情况清楚，同意。")
	})
}

// create stores unit's form as its filler.
func (l *loader) create(user, unit string) {
	if l.err != nil {
		return
	}
	var f *jixiao.Form
	if f, l.err = Form(unit); l.err != nil {
		return
	}
	l.w.Forms[unit], l.err = l.s.CreateForm(l.as(user), store.NewForm{Program: Program, Year: Year, OrgID: l.orgs[unit].ID, Form: f})
}

func (l *loader) submit(user, unit string) {
	if l.err == nil {
		f := l.w.Forms[unit]
		l.w.Forms[unit], l.err = l.s.Submit(l.as(user), f.ID, f.Version)
	}
}

func (l *loader) review(user, unit string, act func(context.Context, *jixiao.StoredForm) (*jixiao.StoredForm, error)) {
	if l.err == nil {
		l.w.Forms[unit], l.err = act(l.as(user), l.w.Forms[unit])
	}
}

func (l *loader) comment(user, unit, body string) {
	if l.err == nil {
		_, l.err = l.s.AddComment(l.as(user), l.w.Forms[unit].ID, body)
	}
}

// Form is the demo form of unit: the reference form for 北京市朝阳区市场监督管理局
// (three errors: cost rows over their cap marked 已完成), and for the other
// units the reference edited — its district and unit renamed, its funds
// changed, its errors fixed and its 说明 filled.
func Form(unit string) (*jixiao.Form, error) {
	text := reference
	var edits []string
	switch unit {
	case "北京市朝阳区市场监督管理局":
	case "北京市朝阳区知识产权服务中心":
		edits = append([]string{"资金使用单位\n\t北京市朝阳区市场监督管理局", "资金使用单位\n\t" + unit}, fixes...)
	case "北京市海淀区市场监督管理局":
		edits = append([]string{"朝阳区", "海淀区",
			"10926.2\n\t1300\n\t11.900%", "8000\n\t7520\n\t94%",
			"10000\n\t373.8\n\t3.700%", "7000\n\t6600\n\t94.29%",
			"926.2\n\t926.2\n\t100%", "1000\n\t920\n\t92%"}, fixes...)
	case "北京市东城区市场监督管理局":
		edits = append([]string{"朝阳区", "东城区",
			"10926.2\n\t1300\n\t11.900%", "3000\n\t2850\n\t95%",
			"10000\n\t373.8\n\t3.700%", "2500\n\t2400\n\t96%",
			"926.2\n\t926.2\n\t100%", "500\n\t450\n\t90%"}, fixes...)
	default:
		return nil, fmt.Errorf("演示数据中没有“%s”的自评表", unit)
	}
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(text, edits[i]) {
			return nil, fmt.Errorf("演示数据：参考表中找不到“%s”", edits[i])
		}
		text = strings.ReplaceAll(text, edits[i], edits[i+1])
	}
	forms, err := textform.Reader{}.ReadForms(unit+".txt", []byte(text))
	if err != nil {
		return nil, err
	}
	return forms[0], nil
}

// fixes correct the reference's errors (the three cost rows over their cap
// say why) and fill its 说明.
var fixes = []string{
	"591.764万\n\t已完成", "591.764万\n\t申报量超出预期，超支部分已从区级资金调剂；下年度按申报趋势调整预算",
	"264.8万\n\t已完成", "264.8万\n\t贷款规模扩大致贴息增加；下年度设置单户贴息上限",
	"155万\n\t已完成", "155万\n\t新增1家重点企业；下年度提前核定名单",
	"请在此处简要说明中央巡视、各级审计和财政监督中发现的问题及其所涉及的金额，如没有请填无。", "无",
}
