package loadgen

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The generator loads this machine only.
func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		target string
		ok     bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://localhost:8080/", true},
		{"http://[::1]:8080", true},
		{"https://127.0.0.1", true},
		{"http://127.0.0.2:8080", false}, // loopback, but not the address asked for
		{"http://10.0.0.1:8080", false},
		{"http://example.com", false},
		{"http://localhost.example.com", false},
		{"ftp://127.0.0.1", false},
		{"127.0.0.1:8080", false},
	} {
		if err := Check(tc.target); (err == nil) != tc.ok {
			t.Errorf("Check(%q) = %v, want ok=%v", tc.target, err, tc.ok)
		}
	}
	if _, err := Run(context.Background(), Config{Targets: []string{"http://127.0.0.1:1", "http://192.0.2.1:80"}}); err == nil || !strings.Contains(err.Error(), "192.0.2.1") {
		t.Errorf("Run with a remote target: %v", err)
	}
}

// Percentiles are nearest-rank.
func TestPercentile(t *testing.T) {
	s := &Stats{}
	for i := 100; i >= 1; i-- {
		s.Latencies = append(s.Latencies, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[float64]time.Duration{50: 50 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond, 1: time.Millisecond} {
		if got := s.Percentile(p); got != want {
			t.Errorf("p%v = %v, want %v", p, got, want)
		}
	}
	if got := (&Stats{}).Percentile(99); got != 0 {
		t.Errorf("p99 of nothing = %v", got)
	}
}
