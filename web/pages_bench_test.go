package web_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkPages is each page the load of issue 12 reads (scripts/
// bench-load), through the whole handler in process on SQLite: the
// session, the store, judging, rendering. Besides the time it reports the
// process's CPU per request (cpu-ms/op), which a busy machine inflates far
// less than the time: the figure RELIABILITY.md (issue 12: load) compares.
//
//	go test ./web/ -run '^$' -bench BenchmarkPages -benchtime 300x
func BenchmarkPages(b *testing.B) {
	serve, formID := benchServer(b)
	id := strconv.FormatInt(formID, 10)
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	for _, p := range []string{"/", "/forms", "/forms/" + id, "/forms/" + id + "/print", "/api/forms/" + id, "/api/forms"} {
		b.Run(strings.ReplaceAll(p, "/", "_"), func(b *testing.B) {
			c0 := cpu()
			defer func() { b.ReportMetric(float64(cpu()-c0)/float64(b.N)/1e6, "cpu-ms/op") }()
			for b.Loop() {
				if rec := serve(httptest.NewRequest("GET", p, nil)); rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", p, rec.Code)
				}
			}
		})
	}
}
