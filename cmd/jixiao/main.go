// Command jixiao checks, converts and aggregates performance
// self-evaluation forms of fiscal transfer payments (转移支付绩效自评表).
package main

import (
	"os"

	"github.com/jixiao/jixiao/cli"
)

func main() {
	restore := utf8Console()
	code := cli.Run(os.Args[1:], os.Stdout, os.Stderr)
	restore()
	os.Exit(code)
}
