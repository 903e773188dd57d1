package cli

import (
	"context"
	"fmt"
	"io"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/gen"
)

const genUsage = `用法：jixiao gen [--seed N] [--provinces N] [--cities N] [--counties N] 目录

生成一套合成的全国数据（默认 31 个省、333 个市、3000 个县，每县一张 30 个指标的自评表，形状同参考表，
数值随机但可复现），写入目录：每张表一个 <地区代码>.json，以及地区树 tree.csv。
用于试用和测量：jixiao rollup --tree 目录/tree.csv 目录/*.json`

func runGen(_ context.Context, args []string, stdout, stderr io.Writer) int {
	f := newFlags("gen", genUsage, stderr)
	seed := f.Int64("seed", 1, "随机种子（相同种子生成相同数据）")
	provinces := f.Int("provinces", 0, "省数（0 为全国的 31 个）")
	cities := f.Int("cities", 0, "市数（0 为按全国比例，全国 333 个）")
	counties := f.Int("counties", 0, "县数，每县一张资金使用单位的表（0 为按全国比例，全国 3000 个）")
	pos, code, done := f.parse(args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "jixiao gen：请指定一个输出目录")
		fmt.Fprintln(stderr, genUsage)
		return ExitInput
	}
	set, err := gen.Generate(*seed, gen.Options{Provinces: *provinces, Cities: *cities, Counties: *counties})
	if err != nil {
		fmt.Fprintln(stderr, "jixiao gen："+jixiao.MessageOf(err))
		return ExitInput
	}
	if err := gen.Write(pos[0], set.Tree, set.Forms); err != nil {
		fmt.Fprintln(stderr, "jixiao gen：无法写入目录 "+pos[0]+"："+err.Error())
		return ExitInput
	}
	fmt.Fprintf(stdout, "已生成 %d 张自评表和地区树 %s/tree.csv\n", len(set.Forms), pos[0])
	return ExitOK
}
