package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/internal/storetest"
)

// TestImport runs jixiao import on the reference form in its three formats
// and a broken file: plain lines (the output is not a terminal), a summary,
// the exit status; then again: everything skipped.
func TestImport(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	storetest.NewWorld(t, s)
	db := s.Location()
	dir := t.TempDir()
	for _, ext := range []string{"docx", "txt", "xlsx"} {
		data, err := os.ReadFile(reftest.Path(ext))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "chaoyang."+ext), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.xlsx"), []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"import", "--db", db, "--program", storetest.Program, "--year", "2020", "--add-units", "--under", "北京市朝阳区知识产权局", dir}
	code, out, errs := run(t, args...)
	if code != cli.ExitInput {
		t.Errorf("exit %d, want 2 (a file refused); stderr %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, want := range []string{
		"未导入  " + filepath.Join(dir, "broken.xlsx") + "：",
		"已导入  " + filepath.Join(dir, "chaoyang.docx") + " → 自评表 1 第 1 版（北京市朝阳区市场监督管理局，北京市朝阳区），新建单位，3 个错误、",
		"已更新  " + filepath.Join(dir, "chaoyang.txt") + " → 自评表 1 第 2 版",
		"已更新  " + filepath.Join(dir, "chaoyang.xlsx") + " → 自评表 1 第 3 版",
		"",
		"导入结束：4 个文件，4 张表：新导入 1 张，更新 2 张，跳过 0 张，未导入 1 张；新建单位 1 个。",
	} {
		if i >= len(lines) || !strings.HasPrefix(lines[i], want) {
			t.Fatalf("line %d: want %q\n%s", i+1, want, out)
		}
	}
	if !strings.Contains(out, "  未导入 1 张，原因：\n    "+filepath.Join(dir, "broken.xlsx")+"：") {
		t.Errorf("summary lacks the refused file:\n%s", out)
	}

	os.Remove(filepath.Join(dir, "broken.xlsx"))
	code, out, _ = run(t, args...)
	if code != cli.ExitOK || !strings.Contains(out, "导入结束：3 个文件，3 张表：新导入 0 张，更新 0 张，跳过 3 张，未导入 0 张。") ||
		strings.Count(out, "已跳过  ") != 3 {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
}

func TestImportUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "--db", db, "--year", "2020", reftest.Path("txt")}, "--program"},
		{[]string{"import", "--db", db, "--program", "P", reftest.Path("txt")}, "--year"},
		{[]string{"import", "--db", db, "--program", "P", "--year", "2020"}, "请指定要导入的文件或目录"},
		{[]string{"import", "--db", db, "--program", "P", "--year", "2020", t.TempDir()}, "没有找到自评表文件"},
		{[]string{"import", "--db", db, "--program", "P", "--year", "2020", "--add-units", reftest.Path("txt")}, "--under"},
	} {
		code, _, errs := run(t, c.args...)
		if code != cli.ExitInput || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args[1:], code, errs, c.want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a wrong command line created the database")
	}
}
