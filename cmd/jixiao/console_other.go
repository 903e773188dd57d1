//go:build !windows

package main

// utf8Console: terminals outside Windows already speak UTF-8.
func utf8Console() (restore func()) { return func() {} }
