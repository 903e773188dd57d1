package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/rollup"
	"github.com/jixiao/jixiao/textform"
)

const rollupUsage = `用法：jixiao rollup [选项] 自评表...

把同一项目、同一年度的多张自评表（资金使用单位的表，或已汇总的地区表）按表注规则汇总为一张地区表：
资金按来源求和并重算执行率；绝对值（数量、金额、累计数）求和；相对值（比率、满意度）和定性档次按资金额度加权平均；
时效指标全部单位按时才算完成；文字按单位汇集。汇总表再按与单位表相同的规则判定和审核。
--tree 给出地区树（CSV：code,name,parent），一次汇总各级地区；--drill 列出某个汇总数由哪些单位构成。
退出状态：0 汇总表没有“错误”级问题；1 有；2 有表无法读取或不能汇总。`

func runRollup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("rollup", rollupUsage, stderr)
	asJSON := f.Bool("json", false, "输出 JSON")
	out := f.String("out", "", "把汇总表写入文件（.json、.docx、.xlsx；--tree 时为目录，写 .json）")
	region := f.String("region", "", "汇总后的地区名称（默认取各表共同的上级地区）")
	weight := f.String("weight", "budget", "加权依据：budget 全年预算数、executed 全年执行数、central 中央财政资金")
	program := f.String("program", "", "项目名称（不含地区）；各表项目名称措辞不同但属同一项目时指定")
	treeFile := f.String("tree", "", "地区树文件（CSV：code,name,parent，或 JSON），一次汇总各级地区")
	drillPath := f.String("drill", "", "列出该指标（如 产出指标/数量指标/指标1）的汇总数由哪些单位构成")
	dept := f.String("dept", "", "汇总表的地方主管部门")
	filler := f.String("filler", "", "汇总表的填表人")
	phone := f.String("phone", "", "汇总表的联系电话")
	date := f.String("date", "", "汇总表的填写日期")
	files, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "jixiao rollup：请指定要汇总的自评表")
		fmt.Fprintln(stderr, rollupUsage)
		return ExitInput
	}
	var forms []*jixiao.Form
	failed := false
	for _, file := range files {
		if code, ok := interrupted(ctx, stderr, "rollup"); ok {
			return code
		}
		fs, err := readForms(ctx, file)
		if err != nil {
			fmt.Fprintln(stderr, "jixiao rollup："+jixiao.MessageOf(err))
			failed = true
			continue
		}
		for _, fm := range fs {
			if fm.Source == "" {
				fm.Source = file
			}
		}
		forms = append(forms, fs...)
	}
	if code, ok := interrupted(ctx, stderr, "rollup"); ok {
		return code
	}
	if failed {
		fmt.Fprintln(stderr, "jixiao rollup：有表无法读取，汇总结果将不完整，已停止。请修正上述文件后重试")
		return ExitInput
	}
	opt := rollup.Options{Region: *region, Weight: jixiao.WeightBasis(*weight), Program: *program,
		LocalDept: *dept, Filler: *filler, Phone: *phone, FillDate: *date}

	var outs []rollup.Report
	var all []*jixiao.Form // every form of the run, for drill-down
	all = append(all, forms...)
	if *treeFile != "" {
		data, err := os.ReadFile(*treeFile)
		if err != nil {
			fmt.Fprintf(stderr, "jixiao rollup：无法读取地区树文件 %s\n", *treeFile)
			return ExitInput
		}
		text, err := textform.Decode(*treeFile, data) // trees saved from Excel are often GBK
		if err != nil {
			fmt.Fprintln(stderr, "jixiao rollup："+jixiao.MessageOf(err))
			return ExitCode(err)
		}
		tree, err := rollup.ReadTree(*treeFile, []byte(text))
		if err == nil {
			var nodes []rollup.NodeResult
			if nodes, err = rollup.RollupTree(tree, forms, opt); err == nil {
				for _, n := range nodes {
					o := rollup.Describe(n.Result, audit.Defaults())
					o.Code, o.Parent = n.Node.Code, n.Node.Parent
					outs = append(outs, o)
					all = append(all, n.Result.Form)
				}
			}
		}
		if err != nil {
			fmt.Fprintln(stderr, "jixiao rollup："+jixiao.MessageOf(err))
			return ExitCode(err)
		}
	} else {
		res, err := rollup.Rollup(forms, opt)
		if err != nil {
			fmt.Fprintln(stderr, "jixiao rollup："+jixiao.MessageOf(err))
			return ExitCode(err)
		}
		outs = append(outs, rollup.Describe(res, audit.Defaults()))
		all = append(all, res.Form)
	}

	exit := ExitOK
	for _, o := range outs {
		if o.Report.Summary.Errors > 0 {
			exit = max(exit, ExitFindings)
		}
	}
	if *out != "" {
		if err := writeRollup(*out, outs, *treeFile != ""); err != nil {
			fmt.Fprintln(stderr, "jixiao rollup："+jixiao.MessageOf(err))
			return ExitCode(err)
		}
	}
	top := outs[len(outs)-1]
	if *asJSON {
		if code := writeJSON(stdout, stderr, "rollup", outs); code != ExitOK {
			return code
		}
	} else {
		for i := range outs {
			writeRollupReport(stdout, &outs[i])
		}
	}
	if *drillPath != "" {
		i := rollup.Find(top.Report.Form, *drillPath)
		if i < 0 {
			fmt.Fprintf(stderr, "jixiao rollup：汇总表中没有指标“%s”（写法如 产出指标/数量指标/指标1）\n", *drillPath)
			return ExitInput
		}
		w := stdout
		if *asJSON {
			w = stderr
		}
		fmt.Fprintln(w, "【汇总数的构成】")
		d := rollup.Drill(top.Report.Form, i, all)
		d.WriteText(w)
	}
	return exit
}

func writeRollupReport(w io.Writer, o *rollup.Report) {
	agg := o.Report.Form.Aggregation
	fmt.Fprintf(w, "══ 汇总：%s（%d 张表，相对值按%s加权）\n", o.Region, len(o.Members), agg.Weight.Label())
	for _, m := range o.Members {
		fmt.Fprintf(w, "  成员 %s　权重 %s万元", m.Name, m.Weight)
		if len(m.Errors) > 0 {
			fmt.Fprintf(w, "　本表有 %d 个错误：", len(m.Errors))
			var rules []string
			for _, e := range m.Errors {
				rules = append(rules, e.At+" ["+e.Rule+"]")
			}
			fmt.Fprint(w, strings.Join(rules, "；"))
		}
		fmt.Fprintln(w)
	}
	writeReport(w, &o.Report, true)
}

// writeRollup writes the region forms: one file, or one per region into a
// directory for a tree.
func writeRollup(out string, outs []rollup.Report, tree bool) error {
	now := time.Now()
	if !tree {
		o := outs[len(outs)-1]
		return formfile.Write(out, []*jixiao.Form{o.Report.Form}, nil, now)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return &jixiao.Error{Kind: jixiao.KindInvalid, Message: "无法创建目录 " + out, Err: err}
	}
	for _, o := range outs {
		name := o.Code + "-" + o.Region + ".json"
		if err := formfile.Write(filepath.Join(out, name), []*jixiao.Form{o.Report.Form}, nil, now); err != nil {
			return err
		}
	}
	return nil
}
