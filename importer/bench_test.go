package importer_test

import (
	"context"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/gen"
	"github.com/jixiao/jixiao/importer"
	"github.com/jixiao/jixiao/internal/checkfile"
	"github.com/jixiao/jixiao/internal/ordered"
	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
)

// benchForms is how many generated county forms BenchmarkImportVsCheck
// reads: enough that a run is mostly steady state, few enough to be quick.
const benchForms = 300

// benchSet writes benchForms generated county forms as .json (gen's
// format) or .docx files and returns their paths and the data set.
func benchSet(b *testing.B, ext string) ([]string, *gen.Set) {
	b.Helper()
	set, err := gen.Generate(1, gen.Options{Provinces: 1, Cities: 10, Counties: benchForms})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var files []string
	for i, f := range set.Forms {
		p := filepath.Join(dir, set.Codes[i]+"."+ext)
		if err := formfile.Write(p, []*jixiao.Form{f}, nil, time.Time{}); err != nil {
			b.Fatal(err)
		}
		files = append(files, p)
	}
	return files, set
}

// benchStore opens a fresh SQLite store holding the set's regions and, under
// one department, the unit of every form: what an import of the files needs.
func benchStore(b *testing.B, set *gen.Set) *store.Store {
	b.Helper()
	s := storetest.Open(b, "sqlite")
	ctx := storetest.System()
	var regions []jixiao.Region
	for _, r := range set.Tree.Regions {
		regions = append(regions, jixiao.Region{Code: r.Code, Name: r.Name, Level: r.Level, Parent: r.Parent})
	}
	if _, _, err := s.LoadRegions(ctx, regions, "gen"); err != nil {
		b.Fatal(err)
	}
	dept, err := s.CreateOrg(ctx, jixiao.Organisation{Name: "测试主管部门", Kind: jixiao.OrgDepartment, Region: gen.NationCode})
	if err != nil {
		b.Fatal(err)
	}
	for i, f := range set.Forms {
		if _, _, err := s.EnsureUnit(ctx, f.Header.Unit, dept.ID, set.Codes[i]); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// checkAll does what `jixiao check` does with files (cli.checkFiles): read,
// judge and audit each form (checkfile.Path), on every core, in file order.
func checkAll(b *testing.B, files []string) {
	cfg := audit.Defaults()
	err := ordered.Map(context.Background(), len(files), ordered.Workers(0),
		func(i int) checkfile.Result { return checkfile.Path(context.Background(), files[i], cfg) },
		func(i int, r checkfile.Result) bool {
			if r.Err != nil || r.Panicked != nil || len(r.Reports) != 1 || r.Reports[0].Summary.Indicators == 0 {
				b.Errorf("%s: %v %v", files[i], r.Err, r.Panicked)
			}
			return true
		})
	if err != nil {
		b.Fatal(err)
	}
}

func importAll(b *testing.B, s *store.Store, files []string) {
	im, err := importer.New(storetest.System(), s, importer.Options{Program: gen.Program, Year: gen.Year})
	if err != nil {
		b.Fatal(err)
	}
	sum, err := im.Run(storetest.System(), files, func(r importer.Result) {
		if r.Outcome != importer.Created {
			b.Errorf("%s: %s %s", r.File, r.Outcome, r.Reason)
		}
	})
	if err != nil || sum.Created != len(files) {
		b.Fatalf("%d of %d imported: %v", sum.Created, len(files), err)
	}
}

// BenchmarkImportVsCheck measures, in one run, `jixiao check` of benchForms
// generated county forms and `jixiao import` of the same files into a fresh
// SQLite store (its regions and units added beforehand, untimed), both on
// GOMAXPROCS workers (go test -cpu=1,2). Each iteration times one check and
// one import right after each other, so a busy machine slows both alike; it
// reports the medians over the iterations of files/s of each and the ratio
// import ÷ check of the throughputs (issue 10: at least 0.5 on one core),
// and the same ratio of the CPU time each took (check's ÷ import's: the
// throughput ratio a machine to itself would show, short of the waits for
// the disk).
func BenchmarkImportVsCheck(b *testing.B) {
	for _, ext := range []string{"json", "docx"} {
		b.Run(ext, func(b *testing.B) {
			files, set := benchSet(b, ext)
			var checks, imports, ratios, cpuRatios []float64
			for b.Loop() {
				b.StopTimer()
				s := benchStore(b, set)
				b.StartTimer()
				t0, c0 := time.Now(), cpuTime(b)
				checkAll(b, files)
				t1, c1 := time.Now(), cpuTime(b)
				importAll(b, s, files)
				t2, c2 := time.Now(), cpuTime(b)
				b.StopTimer()
				s.Close()
				b.StartTimer()
				c := float64(len(files)) / t1.Sub(t0).Seconds()
				i := float64(len(files)) / t2.Sub(t1).Seconds()
				checks, imports, ratios = append(checks, c), append(imports, i), append(ratios, i/c)
				cpuRatios = append(cpuRatios, (c1-c0).Seconds()/(c2-c1).Seconds())
			}
			b.ReportMetric(median(checks), "check-files/s")
			b.ReportMetric(median(imports), "import-files/s")
			b.ReportMetric(median(ratios), "import/check")
			b.ReportMetric(median(cpuRatios), "cpu-import/check")
		})
	}
}

// cpuTime is the CPU time the process has used (user and system): the
// cost of the work whatever else the machine is doing, beside the
// wall-clock throughput, which a busy machine lowers.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}
