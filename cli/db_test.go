package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// TestDatabaseCommands runs the database commands end to end on both
// backends: set up regions, organisations, users and a task, list, verify
// the log, tamper with it and see verify fail, back up.
func TestDatabaseCommands(t *testing.T) {
	for _, backend := range storetest.Backends {
		t.Run(backend, func(t *testing.T) {
			db := storetest.DSN(t, backend)
			t.Setenv("JIXIAO_PASSWORD", "secret-pass-1")
			steps := []struct {
				args []string
				code int
				out  string // in stdout (ok) or stderr (failure)
			}{
				{[]string{"region", "load"}, cli.ExitOK, "共 3214 个地区"},
				{[]string{"region", "load"}, cli.ExitOK, "新增 0 个"},
				{[]string{"region", "list", "--under", "110000"}, cli.ExitOK, "北京市朝阳区"},
				{[]string{"org", "add", "--kind", "department", "--region", "北京市朝阳区", "朝阳区知识产权局"}, cli.ExitOK, "编号 1"},
				{[]string{"org", "add", "--kind", "unit", "--region", "110105", "--parent", "朝阳区知识产权局", "服务中心"}, cli.ExitOK, "资金使用单位“服务中心”"},
				{[]string{"org", "add", "--kind", "unit", "--region", "朝阳区", "无上级"}, cli.ExitInput, "有多个"},
				{[]string{"org", "add", "--kind", "unit", "--region", "110105", "无上级"}, cli.ExitInput, "须有上级主管部门"},
				{[]string{"org", "add", "--kind", "unit", "--region", "110105", "--parent", "朝阳区知识产权局", "服务中心"}, cli.ExitInput, "已存在"},
				{[]string{"user", "add", "--role", "filler", "--org", "服务中心", "--name", "张三", "zs"}, cli.ExitOK, "单位填报人"},
				{[]string{"user", "add", "--role", "reviewer", "--org", "服务中心", "ls"}, cli.ExitInput, "只能属于地方主管部门"},
				{[]string{"user", "add", "--role", "filler", "--org", "服务中心", "zs"}, cli.ExitInput, "已被使用"},
				{[]string{"user", "list"}, cli.ExitOK, "zs   张三"},
				{[]string{"task", "issue", "--program", "知识产权运营服务体系建设", "--year", "2021", "--dept", "朝阳区知识产权局", "--deadline", "2099-03-31"}, cli.ExitOK, "1 个单位"},
				{[]string{"task", "issue", "--program", "知识产权运营服务体系建设", "--year", "2021", "--dept", "朝阳区知识产权局", "--deadline", "31.3.2099"}, cli.ExitInput, "无法识别"},
				{[]string{"task", "status", "--program", "知识产权运营服务体系建设", "--year", "2021"}, cli.ExitOK, "北京市朝阳区"},
				{[]string{"list"}, cli.ExitOK, "没有符合条件的自评表"},
				{[]string{"log", "verify"}, cli.ExitOK, "日志完好"},
				{[]string{"log", "show", "--limit", "3"}, cli.ExitOK, "载入地区"},
				{[]string{"migrate"}, cli.ExitOK, "已是最新结构"},
				{[]string{"user", "frobnicate"}, cli.ExitInput, "未知子命令"},
			}
			for _, st := range steps {
				code, stdout, stderr := run(t, append(st.args, "--db", db)...)
				text := stdout
				if st.code != cli.ExitOK {
					text = stderr
				}
				if code != st.code || !strings.Contains(text, st.out) {
					t.Fatalf("jixiao %s: exit %d, want %d with %q\nstdout: %s\nstderr: %s", strings.Join(st.args, " "), code, st.code, st.out, stdout, stderr)
				}
			}
			if backend == "sqlite" {
				backup := filepath.Join(t.TempDir(), "copy.db")
				if code, _, stderr := run(t, "backup", "--db", db, backup); code != cli.ExitOK {
					t.Fatalf("backup: %s", stderr)
				}
				if code, stdout, _ := run(t, "log", "verify", "--db", backup); code != cli.ExitOK {
					t.Fatalf("verify the backup: %s", stdout)
				}
				if code, _, stderr := run(t, "backup", "--db", db, backup); code != cli.ExitInput || !strings.Contains(stderr, "已存在") {
					t.Fatalf("backup over a file: %d %s", code, stderr)
				}
			} else if code, _, stderr := run(t, "backup", "--db", db, "x.dump"); code != cli.ExitInput || !strings.Contains(stderr, "pg_dump") {
				t.Fatalf("backup on PostgreSQL: %d %s", code, stderr)
			}
			// Tamper with the log directly: verify names the entry, exit 1.
			s, err := store.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().Exec("UPDATE log_entries SET detail = 'x' WHERE seq = 3"); err != nil {
				t.Fatal(err)
			}
			s.Close()
			code, stdout, _ := run(t, "log", "verify", "--db", db)
			if code != cli.ExitFindings || !strings.Contains(stdout, "第 3 条记录的内容被修改") {
				t.Fatalf("verify after tampering: %d %s", code, stdout)
			}
		})
	}
}

// TestOpenFailures: a database that cannot be opened is a clear message.
func TestOpenFailures(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "form.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("这不是数据库\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		db, want string
	}{
		{notDB, "无法打开数据库文件"},
		{filepath.Join(dir, "no", "such", "dir", "x.db"), "无法打开数据库文件"},
		{"postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", "无法连接 PostgreSQL"},
		{"bad?.db", "不能含"},
	}
	for _, c := range cases {
		code, _, stderr := run(t, "list", "--db", c.db)
		if code == cli.ExitOK || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "panic") {
			t.Errorf("--db %s: exit %d, %q", c.db, code, stderr)
		}
	}
}
