package ordered

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// TestMapOrderAndBound: results come in input order whatever order the
// work finishes in, and no more than 2·workers inputs are in flight.
func TestMapOrderAndBound(t *testing.T) {
	for _, workers := range []int{1, 2, 4} {
		var inFlight, most atomic.Int64
		var got []int
		err := Map(context.Background(), 50, workers, func(i int) int {
			n := inFlight.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			if i%7 == 0 {
				time.Sleep(time.Millisecond) // finish out of order
			}
			return i * i
		}, func(i, v int) bool {
			inFlight.Add(-1)
			if v != i*i {
				t.Errorf("input %d: %d", i, v)
			}
			got = append(got, i)
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range got {
			if v != i {
				t.Fatalf("%d workers: order %v", workers, got)
			}
		}
		if len(got) != 50 || most.Load() > int64(2*workers) {
			t.Errorf("%d workers: %d results, %d in flight at most (bound %d)", workers, len(got), most.Load(), 2*workers)
		}
	}
}

func TestMapStops(t *testing.T) {
	var n int
	err := Map(context.Background(), 100, 2, func(i int) int { return i }, func(i, v int) bool { n++; return i < 9 })
	if err != nil || n != 10 {
		t.Errorf("emit stopped at 10: %d emitted, %v", n, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Map(ctx, 100, 2, func(i int) int { return i }, func(i, v int) bool {
		n++
		if i == 4 {
			cancel()
		}
		return true
	})
	if err != context.Canceled || n > 5+4 {
		t.Errorf("cancelled: %d emitted, %v", n, err)
	}
}

func TestMapPanicInTurn(t *testing.T) {
	var emitted []int
	defer func() {
		if p := recover(); p != "boom" || len(emitted) != 3 {
			t.Errorf("panic %v after %v, want boom after 0 1 2", p, emitted)
		}
	}()
	Map(context.Background(), 10, 2, func(i int) int {
		if i == 3 {
			panic("boom")
		}
		return i
	}, func(i, v int) bool { emitted = append(emitted, i); return true })
}

// TestMapCancelWaits: once ctx is done, Map returns only after the work
// under way has ended (the CLI relies on it to kill a LibreOffice a read
// started before the program ends).
func TestMapCancelWaits(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var started, ended atomic.Int64
	err := Map(ctx, 100, 2, func(i int) int {
		started.Add(1)
		if i >= 3 {
			<-ctx.Done() // a long read, cancelled with ctx
			time.Sleep(5 * time.Millisecond)
		}
		ended.Add(1)
		return i
	}, func(i, v int) bool {
		if i == 2 {
			cancel()
		}
		return true
	})
	if err != context.Canceled || started.Load() != ended.Load() || started.Load() > 3+4 {
		t.Errorf("err %v, %d started, %d ended when Map returned", err, started.Load(), ended.Load())
	}
}
