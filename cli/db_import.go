package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jixiao/jixiao/importer"
	"github.com/jixiao/jixiao/store"
)

const importUsage = `用法：jixiao import [--db 数据库] --program 项目 --year 年度 [--add-units --under 部门名称] 文件或目录...

把一批自评表文件（.docx、.xlsx、.txt、.json；装有 LibreOffice 时也可 .doc、.xls、.wps、.et）
导入数据库：目录连同子目录一起查找，按文件名顺序导入；用全部 CPU 核读取和判定。
每张表按表头的“资金使用单位”归到系统中的单位（名称完全相同，或只差空格、全角半角），
核对表中的地区；系统中没有的单位不导入，除非给出 --add-units --under 部门名称：
新单位加在该部门之下、表中所写的地区（须在该部门的地区之内）。
同一文件再次导入会被跳过（按文件内容识别），文件改动后再导入存为新版本（已提交或已审核的表除外）；
导入中途被中断，再次运行同一命令即可继续，不会重复。
终端上显示进度条，否则每张表输出一行：已导入、已更新、已跳过或未导入及原因；最后输出汇总。
退出状态：0 全部导入或跳过；2 有表未导入（原因见输出）或命令行有误；3 内部错误。`

// importMaxListed is how many refused forms the summary lists again.
const importMaxListed = 20

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runDB(ctx, "import", importUsage, args, stdout, stderr, func(f *flags) dbAction {
		program := f.String("program", "", "项目名称（必填），如 知识产权运营服务体系建设")
		year := f.Int("year", 0, "年度（必填），如 2021")
		addUnits := f.Bool("add-units", false, "自动添加系统中没有的资金使用单位（须与 --under 同用）")
		under := f.String("under", "", "--add-units 新单位的上级地方主管部门的名称")
		return func(ctx context.Context, paths []string, open func() (*store.Store, error)) error {
			opt := importer.Options{Program: *program, Year: *year, AddUnits: *addUnits, Under: *under}
			if err := opt.Validate(); err != nil {
				return err
			}
			if len(paths) == 0 {
				return usageError("请指定要导入的文件或目录（jixiao import --help 查看用法）")
			}
			files, err := importer.Files(paths)
			if err != nil {
				return err
			}
			if len(files) == 0 {
				return usageError("%s 中没有找到自评表文件（%s）", strings.Join(paths, "、"), strings.Join(importer.Extensions, "、"))
			}
			s, err := open()
			if err != nil {
				return err
			}
			im, err := importer.New(ctx, s, opt)
			if err != nil {
				return err
			}
			return exit(importFiles(ctx, im, files, stdout, stderr))
		}
	})
}

// importFiles runs the import, prints its progress and summary, and gives
// the exit status.
func importFiles(ctx context.Context, im *importer.Importer, files []string, stdout, stderr io.Writer) int {
	var bar *progressBar
	if isTerminal(stderr) {
		bar = newProgressBar(stderr, len(files), time.Now)
	}
	var refused []importer.Result
	sum, err := im.Run(ctx, files, func(r importer.Result) {
		if r.Outcome == importer.Refused && len(refused) < importMaxListed {
			refused = append(refused, r)
		}
		if bar == nil || r.Outcome == importer.Refused {
			bar.clear()
			fmt.Fprintln(stdout, importLine(&r))
		}
		if r.LastOfFile() {
			bar.update(1)
		}
	})
	bar.finish()
	writeImportSummary(stdout, len(files), sum, refused)
	if code, ok := interrupted(ctx, stderr, "import"); ok {
		return code
	}
	switch {
	case err != nil:
		return fail(stderr, "import", err)
	case sum.Internal > 0:
		return ExitInternal
	case sum.Refused > 0:
		return ExitInput
	}
	return ExitOK
}

// importLine is one form's line: what happened, the file, and the stored
// form or the reason.
func importLine(r *importer.Result) string {
	where := r.File
	if r.Forms > 1 {
		where += fmt.Sprintf("（第 %d 张表）", r.Form+1)
	}
	var b strings.Builder
	b.WriteString(r.Outcome.Label() + "  ")
	switch r.Outcome {
	case importer.Refused:
		if r.Form < 0 && strings.HasPrefix(r.Reason, r.File) {
			b.WriteString(oneLine(r.Reason)) // the reader's message names the file
		} else {
			b.WriteString(where + "：" + oneLine(r.Reason))
		}
	case importer.Skipped:
		b.WriteString(where + "：" + r.Reason)
	default:
		fmt.Fprintf(&b, "%s → 自评表 %d 第 %d 版（%s，%s）", where, r.Stored.ID, r.Stored.Version, r.Stored.Org, r.Stored.RegionName)
		if r.Added {
			b.WriteString("，新建单位")
		}
		if s := r.Report.Summary; s.Errors+s.Warnings > 0 {
			fmt.Fprintf(&b, "，%d 个错误、%d 个警告", s.Errors, s.Warnings)
		}
	}
	return b.String()
}

func writeImportSummary(w io.Writer, files int, sum importer.Summary, refused []importer.Result) {
	forms := sum.Created + sum.Updated + sum.Skipped + sum.Refused
	head := "导入结束"
	if sum.Files < files {
		head = fmt.Sprintf("导入未完成（%d 个文件中处理了 %d 个）", files, sum.Files)
	}
	fmt.Fprintf(w, "\n%s：%d 个文件，%d 张表：新导入 %d 张，更新 %d 张，跳过 %d 张，未导入 %d 张", head, sum.Files, forms,
		sum.Created, sum.Updated, sum.Skipped, sum.Refused)
	if sum.UnitsAdded > 0 {
		fmt.Fprintf(w, "；新建单位 %d 个", sum.UnitsAdded)
	}
	fmt.Fprintln(w, "。")
	if sum.Updated > 0 {
		fmt.Fprintf(w, "  更新 %d 张：文件有改动，存为该单位自评表的新版本（旧版本保留）。\n", sum.Updated)
	}
	if sum.Skipped > 0 {
		fmt.Fprintf(w, "  跳过 %d 张：文件内容与之前导入的完全相同，未重复保存。\n", sum.Skipped)
	}
	if sum.Refused > 0 {
		fmt.Fprintf(w, "  未导入 %d 张，原因：\n", sum.Refused)
		for i := range refused {
			fmt.Fprintln(w, "    "+strings.TrimPrefix(importLine(&refused[i]), importer.Refused.Label()+"  "))
		}
		if more := sum.Refused - len(refused); more > 0 {
			fmt.Fprintf(w, "    ……另有 %d 张，原因见上文各行\n", more)
		}
		fmt.Fprintln(w, "  改正后再次运行同一命令即可：已导入的文件会被跳过。")
	}
	if sum.Files < files {
		fmt.Fprintln(w, "  再次运行同一命令即可继续：已导入的文件会被跳过。")
	}
}

// isTerminal reports whether w is a terminal: a character device other
// than the null device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}

// progressBar is one line on a terminal, redrawn in place: files done of
// all, percent, rate and the time left. A nil bar does nothing.
type progressBar struct {
	w           io.Writer
	total, done int
	now         func() time.Time
	start, last time.Time
	shown       bool
}

func newProgressBar(w io.Writer, total int, now func() time.Time) *progressBar {
	t := now()
	return &progressBar{w: w, total: total, now: now, start: t}
}

// update counts n more files done and redraws, at most ten times a second.
func (p *progressBar) update(n int) {
	if p == nil {
		return
	}
	p.done += n
	if t := p.now(); !p.shown || p.done == p.total || t.Sub(p.last) >= 100*time.Millisecond {
		p.last = t
		p.draw()
	}
}

func (p *progressBar) draw() {
	fmt.Fprint(p.w, "\r"+p.line()+"\x1b[K")
	p.shown = true
}

// clear removes the line, for a line of output to be printed above it (the
// next update draws it again).
func (p *progressBar) clear() {
	if p == nil || !p.shown {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.shown = false
}

// finish leaves the last state of the bar on its own line.
func (p *progressBar) finish() {
	if p == nil {
		return
	}
	p.draw()
	fmt.Fprintln(p.w)
}

const barWidth = 24

func (p *progressBar) line() string {
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	full := int(frac * barWidth)
	bar := strings.Repeat("█", full) + strings.Repeat("░", barWidth-full)
	elapsed := p.now().Sub(p.start).Seconds()
	s := fmt.Sprintf("导入 %s %d/%d %5.1f%%", bar, p.done, p.total, 100*frac)
	if p.done > 0 && elapsed > 0 {
		rate := float64(p.done) / elapsed
		left := time.Duration(float64(p.total-p.done) / rate * float64(time.Second))
		s += fmt.Sprintf("  %.1f 个/秒  剩余 %s", rate, clock(left))
	}
	return s
}

// clock writes d as m:ss or h:mm:ss.
func clock(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}
