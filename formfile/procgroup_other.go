//go:build !unix

package formfile

import "os/exec"

// ownProcessGroup leaves cmd as it is: outside Unix the context's
// cancellation kills soffice itself, and WaitDelay stops waiting for what
// it started (a job object would be needed to kill those too).
func ownProcessGroup(*exec.Cmd) {}

// killProcessGroup kills soffice if it still runs.
func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
