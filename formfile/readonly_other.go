//go:build !unix

package formfile

import "io/fs"

// readOnly reports whether the file may not be written: on Windows the
// read-only attribute clears the mode's write bits.
func readOnly(_ string, st fs.FileInfo) bool { return st.Mode().Perm()&0o222 == 0 }
