//go:build windows

package main

import "syscall"

// Government desktops often run the classic Windows console with the GBK
// code page (936), which shows jixiao's UTF-8 Chinese as garbage. Switch the
// console to UTF-8 for this process; where there is no console (output
// redirected to a file), the calls fail harmlessly.
func init() {
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	const utf8CodePage = 65001
	kernel32.NewProc("SetConsoleOutputCP").Call(utf8CodePage)
	kernel32.NewProc("SetConsoleCP").Call(utf8CodePage)
}
