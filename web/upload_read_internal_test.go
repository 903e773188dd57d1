package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// The upload gate holds heldPerSlot uploads per slot, lets queuedPerSlot
// per slot wait their turn, and refuses the next at once as busy; a waiter
// gets its turn when an upload ends, is refused when it waited too long,
// and gives up when its request is cancelled.
func TestUploadGate(t *testing.T) {
	g := newUploadGate(1)
	var held []func()
	for range heldPerSlot {
		release, err := g.admit(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, release)
	}
	ctx, cancel := context.WithCancel(t.Context())
	type result struct {
		release func()
		err     error
	}
	results := make(chan result, queuedPerSlot)
	for range queuedPerSlot {
		go func() {
			release, err := g.admit(ctx)
			results <- result{release, err}
		}()
	}
	for deadline := time.Now().Add(5 * time.Second); g.waiting.Load() < queuedPerSlot; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting, want %d", g.waiting.Load(), queuedPerSlot)
		}
	}
	start := time.Now()
	if _, err := g.admit(t.Context()); !errors.Is(err, errBusy) || time.Since(start) > time.Second {
		t.Errorf("past the queue: %v after %v, want busy at once", err, time.Since(start))
	}
	held[0]() // one waiter's turn
	first := <-results
	if first.err != nil {
		t.Fatalf("a waiter given its turn: %v", first.err)
	}
	cancel()
	for range queuedPerSlot - 1 {
		if r := <-results; r.err == nil || errors.Is(r.err, errBusy) {
			t.Errorf("a waiter whose request is cancelled: %v", r.err)
		}
	}
	g.wait = 20 * time.Millisecond
	if _, err := g.admit(t.Context()); !errors.Is(err, errBusy) {
		t.Errorf("a waiter past the wait: %v, want busy", err)
	}
	held[1]()
	first.release()
	release, err := g.admit(t.Context())
	if err != nil {
		t.Fatalf("a free gate: %v", err)
	}
	release()
}

// A busy refusal is 503 with Retry-After and a Chinese message.
func TestBusyAnswer(t *testing.T) {
	w := httptest.NewRecorder()
	(&Server{log: slog.New(slog.DiscardHandler)}).fail(w, httptest.NewRequest(http.MethodPost, "/api/check", nil), errBusy)
	var body apiError
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || w.Code != http.StatusServiceUnavailable ||
		w.Header().Get("Retry-After") != "10" || body.Kind != jixiao.KindUnavailable || body.Error != "服务器正忙：同时上传检查的文件太多，请 10 秒后再上传" {
		t.Errorf("%d, Retry-After %q: %s (%v)", w.Code, w.Header().Get("Retry-After"), w.Body, err)
	}
}

// Checks leave a processor free for everything else, and run on one.
func TestCheckSlots(t *testing.T) {
	for procs, want := range map[int]int{1: 1, 2: 1, 4: 3, 16: 15} {
		if got := checkSlots(procs); got != want {
			t.Errorf("checkSlots(%d) = %d, want %d", procs, got, want)
		}
	}
}
