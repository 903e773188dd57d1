//go:build unix

package formfile

import (
	"io/fs"
	"syscall"
)

// readOnly reports whether the file may not be written: no write permission
// bit at all (even root, who may write anyway, is refused: the mode says the
// file is not to be changed), or none for this user.
func readOnly(path string, st fs.FileInfo) bool {
	const wOK = 2
	return st.Mode().Perm()&0o222 == 0 || syscall.Access(path, wOK) != nil
}
