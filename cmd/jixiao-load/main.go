// Command jixiao-load drives `jixiao serve` with issue 12's mix — 70% page
// reads, 20% live checks, 10% saves — and reports requests per second and
// the 50th and 99th percentile latency of each kind (internal/loadgen).
//
//	jixiao-load [--clients 10] [--duration 10s] [--requests N] [--rate R]
//	            [--forms N] [--shared] [--password …] URL [URL…]
//
// The servers must be on this machine (127.0.0.1, ::1, localhost) and hold
// the demo world (`jixiao serve --demo`); several URLs are servers on one
// database, which each client alternates between. It stops by itself after
// --duration (or --requests operations) and exits 1 when a request failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/loadgen"
)

func main() {
	var cfg loadgen.Config
	flag.IntVar(&cfg.Clients, "clients", 10, "concurrent clients (connections)")
	flag.DurationVar(&cfg.Duration, "duration", 10*time.Second, "how long to load (at most 1h)")
	flag.IntVar(&cfg.Requests, "requests", 0, "stop after this many operations (0: only --duration)")
	flag.Float64Var(&cfg.Rate, "rate", 0, "open loop: operations due per second, latency counted from when due (0: closed loop)")
	flag.IntVar(&cfg.Forms, "forms", 3, "editable forms per unit to have before the run (created when missing)")
	flag.BoolVar(&cfg.Shared, "shared", false, "the clients of an account edit all its unit's forms, so saves conflict (default: each client its own form)")
	flag.StringVar(&cfg.Password, "password", demo.Password, "password of the accounts")
	accounts := flag.String("accounts", strings.Join(loadgen.DefaultAccounts, ","), "unit fillers to sign in as, comma-separated")
	mix := flag.String("mix", "70/20/10", "percent of page reads/live checks/saves")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: jixiao-load [flags] URL [URL…]   (servers on this machine, on one database with the demo world)")
		flag.PrintDefaults()
	}
	flag.Parse()
	cfg.Targets = flag.Args()
	cfg.Accounts = strings.Split(*accounts, ",")
	if _, err := fmt.Sscanf(*mix, "%d/%d/%d", &cfg.Mix.Reads, &cfg.Mix.Checks, &cfg.Mix.Saves); err != nil {
		fmt.Fprintf(os.Stderr, "jixiao-load: --mix %q: want reads/checks/saves, e.g. 70/20/10\n", *mix)
		os.Exit(2)
	}
	if len(cfg.Targets) == 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := loadgen.Run(ctx, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "jixiao-load:", err)
		os.Exit(2)
	}
	res.Report(os.Stdout)
	if res.Failures() > 0 {
		os.Exit(1)
	}
}
