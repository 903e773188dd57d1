package loadgen

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// Kind is a kind of request.
type Kind string

// The kinds: the mix's three, and the two a refused save leads to, counted
// apart (a save refused with 409 is read again and saved again).
const (
	KindRead   Kind = "read"   // a page: /, /forms, /forms/{id}, its print view, /api/forms/{id}
	KindCheck  Kind = "check"  // POST /forms/{id}/check, the editor's live check
	KindSave   Kind = "save"   // PUT /api/forms/{id}?version=N
	KindReread Kind = "reread" // GET /api/forms/{id} after a 409
	KindRetry  Kind = "retry"  // the save again, on the version read again
)

// Kinds in report order.
var Kinds = []Kind{KindRead, KindCheck, KindSave, KindReread, KindRetry}

// Save is one save attempt, kept when Config.Record is set.
type Save struct {
	Client  int
	Account string
	Target  string // the server it went to
	FormID  int64
	Base    int // the version it was made on
	Status  int // 0: no answer
	Version int // 200: the version stored
	Hash    string
	Message string       // 409: the refusal
	Sent    *jixiao.Form // the document sent
}

// Stats are one kind's requests.
type Stats struct {
	Count     int
	Status    map[int]int     // answers by status; 0: no answer
	Latencies []time.Duration // sorted once the run is over (Result.Stats)
}

// OK counts 2xx answers.
func (s *Stats) OK() int {
	n := 0
	for code, c := range s.Status {
		if code >= 200 && code < 300 {
			n += c
		}
	}
	return n
}

// Percentile is the p-th percentile latency (0 < p ≤ 100), nearest rank.
func (s *Stats) Percentile(p float64) time.Duration {
	if len(s.Latencies) == 0 {
		return 0
	}
	slices.Sort(s.Latencies)
	i := int(float64(len(s.Latencies))*p/100+0.5) - 1
	return s.Latencies[min(max(i, 0), len(s.Latencies)-1)]
}

// Result is what a run did.
type Result struct {
	Config  Config
	Elapsed time.Duration
	mu      sync.Mutex
	stats   map[Kind]*Stats
	errors  []string // the first failures, for the report
	failed  int
	Saves   []Save // with Config.Record
	missed  atomic.Int64
}

func newResult(cfg Config) *Result {
	r := &Result{Config: cfg, stats: map[Kind]*Stats{}}
	for _, k := range Kinds {
		r.stats[k] = &Stats{Status: map[int]int{}}
	}
	return r
}

// maxErrors is how many failures a result keeps word for word.
const maxErrors = 20

func (r *Result) record(k Kind, code int, latency time.Duration, detail string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.stats[k]
	s.Count++
	s.Status[code]++
	s.Latencies = append(s.Latencies, latency)
	if detail != "" {
		r.failed++
		if len(r.errors) < maxErrors {
			r.errors = append(r.errors, string(k)+": "+detail)
		}
	}
}

func (r *Result) recordSave(s Save) {
	if !r.Config.Record {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Saves = append(r.Saves, s)
}

// Stats are the requests of kind k.
func (r *Result) Stats(k Kind) *Stats { return r.stats[k] }

// Requests counts every request sent.
func (r *Result) Requests() int {
	n := 0
	for _, s := range r.stats {
		n += s.Count
	}
	return n
}

// Failures counts the answers that were neither 2xx nor a save's 409, and
// the requests without an answer.
func (r *Result) Failures() int { return r.failed }

// Errors are the first failures, in words.
func (r *Result) Errors() []string { return r.errors }

// Missed counts the operations of an open-loop run that were due but never
// started: every client was busy and the queue full, or the run ended.
func (r *Result) Missed() int64 { return r.missed.Load() }

// Rate is the requests answered per second over the run.
func (r *Result) Rate() float64 { return float64(r.Requests()) / r.Elapsed.Seconds() }

// Report writes the result as a table: per kind the count, the answers by
// class, p50, p99 and the slowest; then the rate and the failures.
func (r *Result) Report(w io.Writer) {
	c := r.Config
	loop := "closed loop"
	if c.Rate > 0 {
		loop = fmt.Sprintf("open loop at %.0f operations/s", c.Rate)
	}
	fmt.Fprintf(w, "jixiao-load: %d server(s), %d clients, %s, mix %d/%d/%d, %.1f s\n",
		len(c.Targets), c.Clients, loop, c.Mix.Reads, c.Mix.Checks, c.Mix.Saves, r.Elapsed.Seconds())
	fmt.Fprintf(w, "%-7s %8s %8s %6s %6s %9s %9s %9s\n", "kind", "requests", "2xx", "409", "other", "p50 ms", "p99 ms", "max ms")
	all := &Stats{Status: map[int]int{}}
	for _, k := range Kinds {
		s := r.stats[k]
		for code, n := range s.Status {
			all.Status[code] += n
		}
		all.Count += s.Count
		all.Latencies = append(all.Latencies, s.Latencies...)
		if s.Count > 0 {
			row(w, string(k), s)
		}
	}
	row(w, "all", all)
	fmt.Fprintf(w, "%.1f requests/s, %d failures", r.Rate(), r.failed)
	if c.Rate > 0 {
		fmt.Fprintf(w, ", %d operations missed", r.Missed())
	}
	fmt.Fprintln(w)
	for _, e := range r.errors {
		fmt.Fprintln(w, "  ", e)
	}
}

func row(w io.Writer, name string, s *Stats) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
	conflicts := s.Status[http.StatusConflict]
	fmt.Fprintf(w, "%-7s %8d %8d %6d %6d %9s %9s %9s\n", name, s.Count, s.OK(), conflicts, s.Count-s.OK()-conflicts,
		ms(s.Percentile(50)), ms(s.Percentile(99)), ms(s.Percentile(100)))
}
