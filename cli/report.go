package cli

import (
	"fmt"
	"io"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// writeReport prints one form's check in Chinese, grouped by section, for a
// person who has never seen the form: what is wrong, where, how to fix it.
func writeReport(w io.Writer, r *jixiao.Report, verbose bool) {
	f := r.Form
	writeHeading(w, r.File, r.FormIndex, f)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "资金使用单位：%s　地区：%s\n", orDash(f.Header.Unit), orDash(f.Header.Region))
	s := r.Summary
	fmt.Fprintf(w, "三级指标 %d 项：达成 %d，未达成 %d，定性 %d，无法判定 %d\n",
		s.Indicators, s.Met, s.NotMet, s.Qualitative, s.Undetermined)
	for _, warning := range f.Warnings {
		fmt.Fprintf(w, "读取提示：%s\n", warning)
	}

	for _, sec := range jixiao.Sections {
		var fs []jixiao.Finding
		for _, fd := range r.Findings {
			if fd.Section == sec {
				fs = append(fs, fd)
			}
		}
		if len(fs) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n【%s】\n", sec.Label())
		for _, fd := range fs {
			fmt.Fprintf(w, "  %s  %s", fd.Severity.Label(), fd.At)
			if fd.Indicator >= 0 && fd.Indicator < len(f.Indicators) && !strings.HasSuffix(fd.At, f.Indicators[fd.Indicator].Name) {
				fmt.Fprintf(w, "（%s）", f.Indicators[fd.Indicator].Name)
			}
			fmt.Fprintf(w, "\n        %s  [%s]\n", fd.Message, fd.Rule)
		}
	}

	var lines []string
	for _, a := range r.Indicators {
		if !verbose && a.Status == jixiao.StatusMet {
			continue
		}
		name := "（" + a.Name + "）"
		if strings.HasSuffix(a.Path, a.Name) {
			name = ""
		}
		line := fmt.Sprintf("  %-4s  %s%s：%s", a.Status.Label(), a.Path, name, a.Explanation)
		if verbose && a.DirectionReason != "" {
			line += "\n        比较方向：" + a.DirectionReason
		}
		lines = append(lines, line)
	}
	if len(lines) > 0 {
		title := "未达成、定性和无法判定的指标"
		if verbose {
			title = "全部指标判定"
		}
		fmt.Fprintf(w, "\n【%s】\n%s\n", title, strings.Join(lines, "\n"))
	}
	fmt.Fprintf(w, "\n合计：错误 %d，警告 %d，提示 %d\n\n", s.Errors, s.Warnings, s.Infos)
}

// writeHeading starts a form's report: "━━ file（第 2 张表）" and its
// program and year, without the line break, so callers can add to it.
func writeHeading(w io.Writer, file string, index int, f *jixiao.Form) {
	fmt.Fprintf(w, "━━ %s", file)
	if index > 0 {
		fmt.Fprintf(w, "（第 %d 张表）", index+1)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "项目：%s", orDash(f.Header.Program))
	if f.Year > 0 {
		fmt.Fprintf(w, "（%d年度）", f.Year)
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "（未填）"
	}
	return s
}
