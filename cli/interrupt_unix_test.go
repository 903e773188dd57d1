//go:build unix

package cli

import (
	"syscall"
	"testing"
	"time"
)

// The first interrupt cancels the context instead of ending the program.
func TestInterruptible(t *testing.T) {
	ctx, stop := interruptible()
	defer stop()
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("an interrupt did not cancel the context")
	}
}
