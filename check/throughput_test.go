package check_test

import (
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/internal/reftest"
)

// utf8Sink keeps the UTF-8 pass observable, so the compiler cannot elide it.
var utf8Sink int

// utf8Pass decodes every rune of data once and returns a value that depends
// on all of them: the baseline one pass over the form's bytes costs.
func utf8Pass(data []byte) int {
	n, sum := 0, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		sum += int(r)
		n++
		i += size
	}
	return n ^ sum
}

// utf8Passes is how many UTF-8 passes each iteration times (their mean is
// one pass), so the clock's granularity does not weigh on a ~10 µs pass.
const utf8Passes = 4

// blockForms is how many iterations make one block of BenchmarkCheckVsUTF8:
// about 5 MB allocated, so every block pays its share of garbage collection.
const blockForms = 32

// BenchmarkCheckVsUTF8 measures, in one run, the pipeline of jixiao check on
// the reference form's bytes (format detection, text → layout → form, 30
// indicators judged, the form audited) and one UTF-8 decoding pass over the
// same bytes, and reports forms/s of the former and the ratio
// check time ÷ UTF-8 pass time (the throughput baseline of issue 8:
// BENCHMARKS.md). Both are timed in every iteration, one right after the
// other, so a busy machine slows both alike. Iterations are summed in blocks
// of blockForms and the figures are the medians over the blocks: garbage
// collection is paid inside every block, while a preemption that lands in a
// few blocks does not move the median.
func BenchmarkCheckVsUTF8(b *testing.B) {
	data := []byte(reftest.Text(b))
	if !utf8.Valid(data) {
		b.Fatal("reference form is not valid UTF-8")
	}
	cfg := audit.Defaults()
	var checks, passes []float64 // per block: seconds per form, per pass
	var checkSum, passSum time.Duration
	n := 0
	flush := func() {
		checks = append(checks, checkSum.Seconds()/float64(n))
		passes = append(passes, passSum.Seconds()/float64(n*utf8Passes))
		checkSum, passSum, n = 0, 0, 0
	}
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		forms, err := formfile.Parse(b.Context(), "chaoyang-2020-ip-ops.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		r := check.Form(forms[0], cfg)
		t1 := time.Now()
		if r.Summary.Indicators != 30 {
			b.Fatalf("indicators = %d, want 30", r.Summary.Indicators)
		}
		t2 := time.Now()
		for range utf8Passes {
			utf8Sink += utf8Pass(data)
		}
		t3 := time.Now()
		checkSum += t1.Sub(t0)
		passSum += t3.Sub(t2)
		if n++; n == blockForms {
			flush()
		}
	}
	if n > 0 && len(checks) == 0 {
		flush() // fewer iterations than a block
	}
	ratios := make([]float64, len(checks))
	for i := range checks {
		ratios[i] = checks[i] / passes[i]
	}
	perForm := median(checks)
	if perForm <= 0 {
		return
	}
	b.ReportMetric(1/perForm, "forms/s")
	b.ReportMetric(perForm*1e6, "check-µs/form")
	b.ReportMetric(median(passes)*1e6, "utf8-µs/pass")
	b.ReportMetric(median(ratios), "check/utf8")
}

// median returns the median of xs (0 for none); it sorts xs.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
