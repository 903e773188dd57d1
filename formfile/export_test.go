package formfile

import "time"

// SetLegacyTimeout shortens the LibreOffice timeout until the test ends.
func SetLegacyTimeout(t interface{ Cleanup(func()) }, d time.Duration) {
	old := legacyTimeout
	legacyTimeout = d
	t.Cleanup(func() { legacyTimeout = old })
}
