package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"text/tabwriter"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

const serveUsage = `用法：jixiao serve [--addr 127.0.0.1:8080] [--db …] [--demo] [--tls-cert 证书 --tls-key 私钥]

启动网页应用和 JSON 接口（docs/api.md）。数据库中还没有用户时，创建系统管理员 admin：
密码取环境变量 JIXIAO_ADMIN_PASSWORD，未设置时随机生成并只显示这一次。
给出 --tls-cert 和 --tls-key 时以 HTTPS 服务（登录 Cookie 只经 HTTPS 发送）。
--demo：在空数据库中载入演示数据（北京市及朝阳、海淀、东城三区的部门、单位、自评表和任务），
并显示各角色的演示账户和密码；已载入过演示数据时直接使用，数据库中有别的数据时拒绝。
演示账户仅供试用，不要用于真实数据。
按 Ctrl-C 停止：正在处理的请求完成后退出。`

// EnvAdminPassword names the environment variable with the first
// administrator's password.
const EnvAdminPassword = "JIXIAO_ADMIN_PASSWORD"

// serveMemoryLimit is the server's soft memory limit (runtime/debug): the
// collector runs sooner as the heap nears it, instead of letting it grow
// to twice what is live. Uploads keep what is live well under it (web:
// a few files held, one check per processor, each within the reader
// limits), so a burst of hostile files peaks under 500 MB instead of
// about 600 (RELIABILITY.md, issue 12). The environment variable
// GOMEMLIMIT, when set, overrides it.
const serveMemoryLimit = 400 << 20

// shutdownGrace is how long requests under way may take to finish once
// the server is asked to stop.
const shutdownGrace = 10 * time.Second

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("serve", serveUsage, stderr)
	addr := f.String("addr", "127.0.0.1:8080", "监听地址（主机:端口）；局域网内其他电脑访问时用 0.0.0.0:8080")
	db := f.String("db", "", dbUsage)
	cert := f.String("tls-cert", "", "TLS 证书文件（PEM）")
	key := f.String("tls-key", "", "TLS 私钥文件（PEM）")
	withDemo := f.Bool("demo", false, "在空数据库中载入演示数据和演示账户")
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 0 {
		return fail(stderr, "serve", usageError("serve 不接受文件参数（多余的“%s”）", pos[0]))
	}
	if (*cert == "") != (*key == "") {
		return fail(stderr, "serve", usageError("--tls-cert 和 --tls-key 须同时给出"))
	}
	s, err := store.Open(operator(ctx), store.DSN(*db))
	if err != nil {
		return fail(stderr, "serve", err)
	}
	defer s.Close()
	var accounts []demo.Account
	if *withDemo {
		var loaded bool
		if accounts, loaded, err = demo.Loaded(ctx, s); err != nil {
			return fail(stderr, "serve", err)
		}
		if !loaded {
			w, err := demo.Load(ctx, s)
			if err != nil {
				return fail(stderr, "serve", err)
			}
			accounts = w.Accounts
		}
	} else if err := ensureAdmin(operator(ctx), s, stdout); err != nil {
		return fail(stderr, "serve", err)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	app, err := web.New(s, web.Options{Secure: *cert != "", Logger: logger})
	if err != nil {
		return fail(stderr, "serve", &jixiao.Error{Kind: jixiao.KindInternal, Message: "网页模板有误，无法启动", Err: err})
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(stderr, "serve", &jixiao.Error{Kind: jixiao.KindInvalid,
			Message: fmt.Sprintf("无法监听 %s：端口可能已被占用，或地址不属于本机；请用 --addr 换一个", *addr), Err: err})
	}
	srv := app.HTTPServer(ln.Addr().String())
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	fmt.Fprintf(stdout, "jixiao 网页应用已启动：%s://%s/ （数据库 %s；按 Ctrl-C 停止）\n", scheme, ln.Addr(), s.Location())
	printAccounts(stdout, accounts)

	served := make(chan error, 1)
	go func() {
		if *cert != "" {
			served <- srv.ServeTLS(ln, *cert, *key)
		} else {
			served <- srv.Serve(ln)
		}
	}()
	select {
	case err := <-served:
		// the server stopped by itself: a TLS file that cannot be read, say
		return fail(stderr, "serve", &jixiao.Error{Kind: jixiao.KindInvalid, Message: "网页服务停止了（TLS 证书或私钥无法读取？）", Err: err})
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "正在停止：等待进行中的请求完成……")
	stop, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil {
		srv.Close()
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(stderr, "serve", &jixiao.Error{Kind: jixiao.KindInternal, Message: "网页服务停止时出错", Err: err})
	}
	fmt.Fprintln(stdout, "已停止")
	return ExitOK
}

// adminOrg is the organisation the first administrator's role is bound to
// when the database has none (a role always belongs to an organisation).
const adminOrg = "系统管理"

// ensureAdmin creates the administrator admin on a database without users,
// with the password of JIXIAO_ADMIN_PASSWORD or a random one printed once.
// Two servers starting together on one PostgreSQL: one creates it, the
// other finds the user name taken and goes on.
func ensureAdmin(ctx context.Context, s *store.Store, stdout io.Writer) error {
	users, err := s.Users(ctx)
	if err != nil || len(users) > 0 {
		return err
	}
	pw, generated := os.Getenv(EnvAdminPassword), false
	if pw == "" {
		pw, generated = rand.Text(), true
	}
	org, err := adminOrganisation(ctx, s)
	if err != nil {
		return err
	}
	_, err = s.CreateUser(ctx, store.NewUser{Username: "admin", Name: "系统管理员", Password: pw,
		Grants: []jixiao.Grant{{Role: jixiao.RoleAdmin, OrgID: org.ID}}})
	if jixiao.KindOf(err) == jixiao.KindConflict {
		return nil
	}
	if err != nil {
		return err
	}
	if generated {
		fmt.Fprintf(stdout, "已创建系统管理员 admin，密码：%s\n（只显示这一次：请登录后在“修改密码”中改掉它；也可在启动前设置环境变量 %s）\n", pw, EnvAdminPassword)
	} else {
		fmt.Fprintf(stdout, "已创建系统管理员 admin，密码取自环境变量 %s\n", EnvAdminPassword)
	}
	return nil
}

// adminOrganisation is a central organisation for the administrator's role:
// an existing one, else 系统管理 under the national root (created with it).
func adminOrganisation(ctx context.Context, s *store.Store) (*jixiao.Organisation, error) {
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if o.Kind == jixiao.OrgCentral {
			return o, nil
		}
	}
	if _, _, err := s.LoadRegions(ctx, []jixiao.Region{nationalRoot}, "jixiao serve"); err != nil {
		return nil, err
	}
	return s.CreateOrg(ctx, jixiao.Organisation{Name: adminOrg, Kind: jixiao.OrgCentral, Region: nationalRoot.Code})
}

// printAccounts lists the demo accounts (none without --demo): who to sign
// in as to see each role's pages.
func printAccounts(w io.Writer, accounts []demo.Account) {
	if len(accounts) == 0 {
		return
	}
	fmt.Fprintf(w, "已载入演示数据。演示账户（密码都是 %s，仅供试用）：\n", demo.Password)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range accounts {
		// only the user names are aligned: a terminal draws Chinese characters two columns wide
		fmt.Fprintf(tw, "  %s\t%s · %s（%s）\n", a.Username, a.Role.Label(), a.Org, a.Name)
	}
	tw.Flush()
}
