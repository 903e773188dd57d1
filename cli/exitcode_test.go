package cli_test

import (
	"errors"
	"fmt"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/cli"
)

// Every error kind maps to one exit status, in one place.
func TestExitCode(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want int
	}{
		{nil, cli.ExitOK},
		{jixiao.Invalid("x"), cli.ExitInput},
		{jixiao.Errorf(jixiao.KindNotFound, "x"), cli.ExitInput},
		{jixiao.Errorf(jixiao.KindConflict, "x"), cli.ExitInput},
		{jixiao.Errorf(jixiao.KindUnauthenticated, "x"), cli.ExitInput},
		{jixiao.Errorf(jixiao.KindForbidden, "x"), cli.ExitInput},
		{fmt.Errorf("wrapped: %w", jixiao.Invalid("x")), cli.ExitInput},
		{jixiao.Errorf(jixiao.KindInternal, "x"), cli.ExitInternal},
		{errors.New("a bug"), cli.ExitInternal},
	} {
		if got := cli.ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
