package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/judge"
	"github.com/jixiao/jixiao/score"
)

const scoreUsage = `用法：jixiao score [--json] [--scheme 方案] 文件...

按评分方案给自评表打分：每个三级指标的分值、得分和计算过程（可逐项手工核对），
预算执行得分、总分、等级，以及无法计分（如定性指标未给出百分比档次）的分值。
表中填有分值/得分/总分/自评等级的，与计算结果核对（score-mismatch）。
--scheme 可以是评分方案文件（JSON，格式见 docs/scoring.md），也可以是内置方案名：
mof-2020（默认：预算执行 10 分，产出 50、效益 30、满意度 10）、example-40-40。
退出状态：0 正常；1 有表存在“错误”级评分问题（如申报得分与计算不符）；2 有文件无法读取或方案有误。`

// scoreReport is one form's score in the JSON output.
type scoreReport struct {
	File      string `json:"file"`
	FormIndex int    `json:"form_index"`
	Program   string `json:"program"`
	Region    string `json:"region"`
	Year      int    `json:"year"`
	score.Result
}

func runScore(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("score", scoreUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	schemeArg := f.String("scheme", "", "评分方案文件或内置方案名（默认 mof-2020）")
	files, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "jixiao score：请指定至少一个自评表文件")
		fmt.Fprintln(stderr, scoreUsage)
		return ExitInput
	}
	scheme, err := score.Resolve(*schemeArg)
	if err != nil {
		fmt.Fprintln(stderr, "jixiao score："+jixiao.MessageOf(err))
		return ExitCode(err)
	}

	reports := []scoreReport{}
	exit := ExitOK
	for _, file := range files {
		if code, ok := interrupted(ctx, stderr, "score"); ok {
			return code
		}
		forms, err := readForms(ctx, file)
		if err != nil {
			fmt.Fprintln(stderr, "jixiao score："+jixiao.MessageOf(err))
			exit = max(exit, ExitCode(err))
			continue
		}
		for i, form := range forms {
			res := score.Form(form, judge.Form(form), scheme)
			for _, fd := range res.Findings {
				if fd.Severity == jixiao.SeverityError {
					exit = max(exit, ExitFindings)
				}
			}
			rep := scoreReport{File: file, FormIndex: i, Program: form.Header.Program, Region: form.Header.Region, Year: form.Year, Result: res}
			reports = append(reports, rep)
			if !*asJSON {
				writeScore(stdout, form, &rep, scheme)
			}
		}
	}
	if code, ok := interrupted(ctx, stderr, "score"); ok {
		return code
	}
	if *asJSON {
		if code := writeJSON(stdout, stderr, "score", reports); code != ExitOK {
			return code
		}
	}
	return exit
}

// writeScore prints one form's score in Chinese: a table of indicators
// with weight, score and computation, then execution, groups, total.
func writeScore(w io.Writer, f *jixiao.Form, rep *scoreReport, s *score.Scheme) {
	r := &rep.Result
	writeHeading(w, rep.File, rep.FormIndex, f)
	fmt.Fprintf(w, "　地区：%s\n", orDash(f.Header.Region))
	fmt.Fprintf(w, "评分方案：%s", s.Name)
	if s.Title != "" {
		fmt.Fprintf(w, "（%s）", s.Title)
	}
	from := "评分方案按一级指标平均分配"
	if r.WeightsFrom == "form" {
		from = "表中填写的分值"
	}
	fmt.Fprintf(w, "\n指标分值：%s\n\n", from)

	rows := [][]string{{"序号", "指标", "分值", "得分", "计算"}}
	for _, is := range r.Indicators {
		sc := is.Basis.Label()
		if is.Score != nil {
			sc = score.Fixed(*is.Score)
		}
		weight := score.Fixed(is.Weight)
		if is.Basis == score.BasisNotApplicable {
			weight = "—"
		}
		comp := is.Computation
		if is.Declared != "" && is.Basis == score.BasisComputed {
			comp += "（表中得分 " + is.Declared + "）"
		}
		rows = append(rows, []string{fmt.Sprint(is.Index + 1), clipWidth(is.Path+" "+is.Name, 40), weight, sc, comp})
	}
	writeTable(w, rows, map[int]bool{0: true, 2: true, 3: true})

	e := r.Execution
	execScore := e.Basis.Label()
	if e.Score != nil {
		execScore = score.Fixed(*e.Score)
	}
	fmt.Fprintf(w, "\n预算执行：分值 %s，得分 %s。%s", score.Fixed(e.Weight), execScore, e.Computation)
	if e.Declared != "" {
		fmt.Fprintf(w, "（表中得分 %s）", e.Declared)
	}
	fmt.Fprintln(w)
	var gs []string
	for _, g := range r.Groups {
		s := fmt.Sprintf("%s %s 分，得 %s", g.Level1, score.Points(g.Weight), score.Fixed(g.Score))
		if g.Unscored.IsPositive() {
			s += "（未计分 " + score.Points(g.Unscored) + "）"
		}
		if g.NotApplicable > 0 {
			s += fmt.Sprintf("（不适用 %d 项）", g.NotApplicable)
		}
		gs = append(gs, s)
	}
	fmt.Fprintf(w, "分组：%s\n", strings.Join(gs, "；"))
	fmt.Fprintf(w, "总分：%s　等级：%s", score.Fixed(r.Total), r.Grade)
	if f.TotalScore != "" || f.Grade != "" {
		fmt.Fprintf(w, "（表中申报：总分 %s，等级 %s）", orDash(f.TotalScore), orDash(f.Grade))
	}
	fmt.Fprintln(w)
	if r.Unscored.IsPositive() {
		fmt.Fprintf(w, "未计分分值：%s（按 0 分计入总分；补齐后总分最高为 %s）\n", score.Fixed(r.Unscored), score.Fixed(r.MaxTotal))
	} else {
		fmt.Fprintln(w, "未计分分值：0")
	}
	fmt.Fprintln(w, "计算过程：")
	for _, st := range r.Steps {
		fmt.Fprintln(w, "  "+st)
	}
	if len(r.Findings) > 0 {
		fmt.Fprintln(w, "\n【评分问题】")
		for _, fd := range r.Findings {
			fmt.Fprintf(w, "  %s  %s", fd.Severity.Label(), fd.At)
			if fd.Indicator >= 0 && fd.Indicator < len(f.Indicators) {
				fmt.Fprintf(w, "（%s）", clipWidth(f.Indicators[fd.Indicator].Name, 40))
			}
			fmt.Fprintf(w, "\n        %s  [%s]\n", fd.Message, fd.Rule)
		}
	}
	fmt.Fprintln(w)
}

// writeTable prints rows in columns padded by display width (a Chinese
// character is two columns); right-aligned columns are marked in right.
// The last column is not padded.
func writeTable(w io.Writer, rows [][]string, right map[int]bool) {
	if len(rows) == 0 {
		return
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for c, cell := range r {
			if c < len(widths) {
				widths[c] = max(widths[c], textWidth(cell))
			}
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for c, cell := range r {
			if c > 0 {
				b.WriteString("  ")
			}
			if c == len(r)-1 {
				b.WriteString(cell)
				break
			}
			pad := strings.Repeat(" ", widths[c]-textWidth(cell))
			if right[c] {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// textWidth counts East Asian wide characters as two columns.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	if r >= 0x1100 && (r <= 0x115f || r >= 0x2e80 && r <= 0xa4cf || r >= 0xac00 && r <= 0xd7a3 ||
		r >= 0xf900 && r <= 0xfaff || r >= 0xfe30 && r <= 0xfe4f || r >= 0xff00 && r <= 0xff60 || r >= 0xffe0 && r <= 0xffe6) {
		return 2
	}
	return 1
}

// clipWidth shortens s to at most n display columns, ending in …
func clipWidth(s string, n int) string {
	if textWidth(s) <= n {
		return s
	}
	var b strings.Builder
	wd := 0
	for _, r := range s {
		rw := runeWidth(r)
		if wd+rw > n-1 {
			break
		}
		b.WriteRune(r)
		wd += rw
	}
	return b.String() + "…"
}
