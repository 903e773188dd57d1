package cli

import (
	"strings"
	"testing"
	"time"
)

func TestProgressBar(t *testing.T) {
	start := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	now := start
	var b strings.Builder
	p := newProgressBar(&b, 200, func() time.Time { return now })
	now = now.Add(10 * time.Second)
	p.update(50)
	want := "\r导入 ██████░░░░░░░░░░░░░░░░░░ 50/200  25.0%  5.0 个/秒  剩余 0:30\x1b[K"
	if b.String() != want {
		t.Errorf("bar %q, want %q", b.String(), want)
	}
	b.Reset()
	now = now.Add(10 * time.Millisecond)
	p.update(1) // too soon: not redrawn
	if b.Len() != 0 {
		t.Errorf("redrawn after 10 ms: %q", b.String())
	}
	p.clear()
	p.update(149)
	p.finish()
	if got := b.String(); !strings.Contains(got, "\r\x1b[K\r导入 ████████████████████████ 200/200 100.0%") || !strings.HasSuffix(got, "\n") {
		t.Errorf("end %q", got)
	}
	var nilBar *progressBar // no terminal: every call does nothing
	nilBar.update(1)
	nilBar.clear()
	nilBar.finish()
	for d, want := range map[time.Duration]string{0: "0:00", 61 * time.Second: "1:01", 3725 * time.Second: "1:02:05"} {
		if got := clock(d); got != want {
			t.Errorf("clock(%v) = %s, want %s", d, got, want)
		}
	}
}
