package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// interruptible returns a context cancelled by the first interrupt (Ctrl-C)
// or termination signal. Cancelling it kills a LibreOffice conversion under
// way with everything it started (it runs in a process group of its own,
// which the terminal's Ctrl-C does not reach), and the commands stop before
// the next file. After that first signal the default handling is back, so a
// second one ends the program at once.
//
// A signal the program was started with ignored (nohup, a background job of
// a script) stays ignored.
func interruptible() (context.Context, context.CancelFunc) {
	var sigs []os.Signal
	for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		if !signal.Ignored(s) {
			sigs = append(sigs, s)
		}
	}
	if len(sigs) == 0 {
		return context.WithCancel(context.Background())
	}
	ctx, stop := signal.NotifyContext(context.Background(), sigs...)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

// interrupted reports, once ctx is done, that command stopped before its
// end, and gives the status to end with; ok is false while ctx runs.
func interrupted(ctx context.Context, stderr io.Writer, command string) (code int, ok bool) {
	if ctx.Err() == nil {
		return 0, false
	}
	fmt.Fprintf(stderr, "jixiao %s：已中断，没有处理完全部文件\n", command)
	return ExitInterrupted, true
}
