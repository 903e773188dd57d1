// Package ordered does work on several goroutines and hands the results
// back in the order of the inputs, with a bounded number of them in flight:
// a slow input early on holds back at most that many results, so memory
// stays bounded however many inputs there are.
package ordered

import (
	"context"
	"runtime"
	"sync"
)

// Workers is runtime.GOMAXPROCS when n is 0 or less, else n.
func Workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

type result[T any] struct {
	v        T
	panicked any
}

// Map calls work(i) for every i in [0, n) on workers goroutines and
// emit(i, work(i)) on the calling goroutine in the order of i. At most
// 2·workers inputs are being worked on or waiting for their turn. It stops
// early, emitting no more, when emit returns false or ctx is done; then it
// starts no more work, waits for the work under way (which ctx should
// cancel: a LibreOffice conversion is killed before the program ends) and
// returns ctx.Err(). A panic in work is raised again on the calling
// goroutine when its input's turn comes, after the results before it were
// emitted, as in a sequential loop.
func Map[T any](ctx context.Context, n, workers int, work func(i int) T, emit func(i int, v T) bool) error {
	if n <= 0 {
		return ctx.Err()
	}
	workers = min(max(workers, 1), n)
	window := 2 * workers
	// results[i%window] carries input i: input i starts only after input
	// i-window was emitted, so a slot is never shared.
	results := make([]chan result[T], window)
	for i := range results {
		results[i] = make(chan result[T], 1) // a worker never waits to hand over
	}
	slots := make(chan struct{}, window)
	next := make(chan int)
	done := make(chan struct{})
	defer close(done) // stops the feeder when emit stops early or panics
	go func() {
		defer close(next)
		for i := range n {
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-done:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	var working sync.WaitGroup
	for range workers {
		working.Go(func() {
			for i := range next {
				results[i%window] <- run(work, i)
			}
		})
	}
	for i := range n {
		var r result[T]
		select {
		case r = <-results[i%window]:
		case <-ctx.Done():
			working.Wait()
			return ctx.Err()
		}
		if r.panicked != nil {
			panic(r.panicked)
		}
		if !emit(i, r.v) {
			return nil
		}
		// Only now may input i+window start: at most window inputs are
		// read, worked on or waiting to be emitted at any time.
		<-slots
	}
	return nil
}

func run[T any](work func(int) T, i int) (r result[T]) {
	defer func() {
		if p := recover(); p != nil {
			r.panicked = p
		}
	}()
	r.v = work(i)
	return r
}
