//go:build windows

package main

import "syscall"

// Government desktops often run the classic Windows console with the GBK
// code page (936), which shows jixiao's UTF-8 Chinese as garbage. The
// console is switched to UTF-8 while jixiao runs and given its code page
// back afterwards; without a console (output redirected) the calls fail
// harmlessly.
func utf8Console() (restore func()) {
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	getOut, setOut := kernel32.NewProc("GetConsoleOutputCP"), kernel32.NewProc("SetConsoleOutputCP")
	getIn, setIn := kernel32.NewProc("GetConsoleCP"), kernel32.NewProc("SetConsoleCP")
	out, _, _ := getOut.Call()
	in, _, _ := getIn.Call()
	const utf8CodePage = 65001
	setOut.Call(utf8CodePage)
	setIn.Call(utf8CodePage)
	return func() {
		if out != 0 {
			setOut.Call(out)
		}
		if in != 0 {
			setIn.Call(in)
		}
	}
}
