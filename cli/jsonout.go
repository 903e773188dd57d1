package cli

import (
	"fmt"
	"io"

	"github.com/jixiao/jixiao/internal/jsonout"
)

// writeJSON writes v as a command's --json output (jsonout: the format the
// web API shares); a failure (stdout closed) is told on stderr and is an
// internal error.
func writeJSON(stdout, stderr io.Writer, cmd string, v any) int {
	if err := jsonout.Write(stdout, v); err != nil {
		return jsonFailed(stderr, cmd, err)
	}
	return ExitOK
}

func jsonFailed(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "jixiao %s：写出 JSON 失败：%v\n", cmd, err)
	return ExitInternal
}
