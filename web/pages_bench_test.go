package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jixiao/jixiao/internal/storetest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// BenchmarkPages is each page the load of issue 12 reads (scripts/
// bench-load), through the whole handler in process on SQLite: the
// session, the store, judging, rendering. Besides the time it reports the
// process's CPU per request (cpu-ms/op), which a busy machine inflates far
// less than the time: the figure RELIABILITY.md (issue 12: load) compares.
//
//	go test ./web/ -run '^$' -bench BenchmarkPages -benchtime 300x
func BenchmarkPages(b *testing.B) {
	s, w := openWorld(b)
	h, err := web.New(s, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	f, err := s.CreateForm(storetest.As(w.FillerA), store.NewForm{Program: storetest.Program, Year: storetest.Year, OrgID: w.UnitA.ID, Form: storetest.RefForm(b)})
	if err != nil {
		b.Fatal(err)
	}
	sess, err := s.Login(b.Context(), "zy_a", storetest.Password, "127.0.0.1", store.DefaultLoginPolicy())
	if err != nil {
		b.Fatal(err)
	}
	cookie := &http.Cookie{Name: "jixiao_session", Value: sess.Token}
	id := strconv.FormatInt(f.ID, 10)
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
				req := httptest.NewRequest("GET", p, nil)
				req.AddCookie(cookie)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", p, rec.Code)
				}
			}
		})
	}
}
