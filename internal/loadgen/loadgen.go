// Package loadgen drives `jixiao serve` with the mix of issue 12 §8 — 70%
// page reads, 20% live checks, 10% saves — from signed-in demo accounts,
// against one server or several that share one database (each client
// alternates between them with its one session). cmd/jixiao-load is its
// command; the scale-out tests (systemtest) run it and then check every
// save it recorded against the store.
//
// It only ever talks to this machine (Check refuses any other host) and it
// always stops by itself: Config.Duration bounds the run, Config.Requests
// can bound it sooner.
//
// Two ways to load: closed loop (each client sends its next request when
// the last one is answered: the throughput the server can sustain) and open
// loop (Config.Rate: requests are due at a fixed rate whatever the server
// does, and a request's latency counts from when it was due, so a slow
// server shows as latency instead of hiding as a lower rate — the honest
// way to measure "1,000 requests/s with p99 under 100 ms").
package loadgen

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MaxDuration bounds a run, whatever is asked.
const MaxDuration = time.Hour

// Mix is the share of each kind of operation, in percent (they need not
// add up to 100: they are weights).
type Mix struct{ Reads, Checks, Saves int }

// DefaultMix is issue 12's: 70% page reads, 20% live checks, 10% saves.
var DefaultMix = Mix{Reads: 70, Checks: 20, Saves: 10}

// DefaultAccounts are the demo world's unit fillers (internal/demo): each
// may edit its unit's forms.
var DefaultAccounts = []string{"cy_scj", "cy_zx", "hd_scj", "dc_scj"}

// Config is a run.
type Config struct {
	Targets  []string      // base URLs of the servers (http://127.0.0.1:PORT), all on one database
	Password string        // of every account (demo.Password)
	Accounts []string      // user names; client i signs in as Accounts[i % len] (default DefaultAccounts)
	Clients  int           // concurrent clients (connections), default 10
	Duration time.Duration // the run stops after it (at most MaxDuration; default 10 s)
	Requests int           // and after this many operations, when > 0
	Rate     float64       // open loop: operations due per second; 0 = closed loop
	Mix      Mix           // default DefaultMix
	// Forms is how many editable forms each account's unit should have:
	// before the run, missing ones are created (新建自评表, then the unit's
	// existing form's content saved on them).
	Forms int
	// Shared makes the clients of one account check and save all its
	// unit's editable forms, so that saves conflict (409, then a reread and
	// a retry): the scale-out test's point. Otherwise each client edits a
	// form of its own — its unit gets one per client of the account when
	// Forms is fewer — as clerks each fill their own form: the saves of the
	// mix are then saves, not conflicts and retries. Reads go to every form
	// of the unit either way.
	Shared bool
	Seed   uint64 // of the random choices (0: from the clock)
	// Record keeps every save attempt (Result.Saves), for tests that check
	// them against the store.
	Record bool
}

// Check refuses a target that is not this machine: the generator is a
// test tool, never to be pointed at someone else's server.
func Check(target string) error {
	u, err := url.Parse(target)
	if err != nil {
		return fmt.Errorf("地址“%s”无法解析：%v", target, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("地址“%s”应以 http:// 或 https:// 开头", target)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() && (ip.Equal(net.IPv4(127, 0, 0, 1)) || ip.Equal(net.IPv6loopback)) {
		return nil
	}
	return fmt.Errorf("拒绝对“%s”施加负载：只允许本机地址 127.0.0.1、::1 或 localhost", target)
}

func (c *Config) defaults() error {
	if len(c.Targets) == 0 {
		return errors.New("没有目标服务器")
	}
	for i, t := range c.Targets {
		if err := Check(t); err != nil {
			return err
		}
		c.Targets[i] = strings.TrimSuffix(t, "/")
	}
	if len(c.Accounts) == 0 {
		c.Accounts = DefaultAccounts
	}
	if c.Clients <= 0 {
		c.Clients = 10
	}
	if c.Duration <= 0 {
		c.Duration = 10 * time.Second
	}
	c.Duration = min(c.Duration, MaxDuration)
	if c.Mix == (Mix{}) {
		c.Mix = DefaultMix
	}
	if c.Mix.Reads < 0 || c.Mix.Checks < 0 || c.Mix.Saves < 0 {
		return errors.New("负载构成的比例不能为负")
	}
	if c.Rate < 0 {
		return errors.New("--rate 不能为负")
	}
	if c.Seed == 0 {
		c.Seed = uint64(time.Now().UnixNano())
	}
	return nil
}

// Run signs the clients in, prepares the forms, drives the load for the
// configured time (or count) and returns what happened. The error is for a
// run that could not start (a server that does not answer, a wrong
// password); failures during the run are counted in the Result.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	transport := &http.Transport{
		MaxIdleConns: cfg.Clients * len(cfg.Targets), MaxIdleConnsPerHost: cfg.Clients,
		IdleConnTimeout: 30 * time.Second, DisableCompression: true,
	}
	defer transport.CloseIdleConnections()
	hc := &http.Client{Transport: transport, Timeout: 60 * time.Second,
		// a redirect (to /login: a session not valid here) is an answer to count, not to follow
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	res := newResult(cfg)
	// One session and one view of the forms per account, made once.
	want := cfg.Forms
	if !cfg.Shared {
		want = max(want, (cfg.Clients+len(cfg.Accounts)-1)/len(cfg.Accounts)) // a form per client
	}
	units := map[string]*unit{}
	for i, name := range cfg.Accounts {
		target := cfg.Targets[i%len(cfg.Targets)]
		u, err := prepare(ctx, hc, target, name, cfg.Password, want)
		if err != nil {
			return nil, err
		}
		units[name] = u
	}
	clients := make([]*client, cfg.Clients)
	for i := range clients {
		name := cfg.Accounts[i%len(cfg.Accounts)]
		// each client signs in on its own, on the server it starts with,
		// and uses that session on every server
		target := cfg.Targets[i%len(cfg.Targets)]
		cookie, err := login(ctx, hc, target, name, cfg.Password)
		if err != nil {
			return nil, err
		}
		u := units[name].copy()
		if !cfg.Shared {
			u.editable = u.editable[i/len(cfg.Accounts) : i/len(cfg.Accounts)+1] // the client's own
		}
		clients[i] = &client{id: i, cfg: &cfg, hc: hc, account: name, cookie: cookie, next: i,
			unit: u, rng: rand.New(rand.NewPCG(cfg.Seed, uint64(i))), res: res}
	}

	// The deadline stops new operations; those under way finish (their
	// requests have the caller's ctx and the client's timeout), so the end
	// of the run is not counted as failures.
	run, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var budget atomic.Int64 // operations started
	take := func() bool {
		return run.Err() == nil && (cfg.Requests <= 0 || budget.Add(1) <= int64(cfg.Requests))
	}
	var wg sync.WaitGroup
	start := time.Now()
	if cfg.Rate > 0 {
		due := make(chan time.Time, 1<<16)
		go schedule(run, cfg.Rate, due, take, res)
		for _, c := range clients {
			wg.Go(func() {
				for t := range due {
					if run.Err() != nil {
						res.missed.Add(1) // due in time, never started
						continue
					}
					c.operate(ctx, t)
				}
			})
		}
	} else {
		for _, c := range clients {
			wg.Go(func() {
				for take() {
					c.operate(ctx, time.Now())
				}
			})
		}
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	return res, nil
}

// schedule sends the due time of each operation at rate per second until
// the run ends. When every client is busy and the queue is full the
// operation is missed (counted): the server is past its capacity.
func schedule(ctx context.Context, rate float64, due chan<- time.Time, take func() bool, res *Result) {
	defer close(due)
	interval := time.Duration(float64(time.Second) / rate)
	start := time.Now()
	for i := 0; ; i++ {
		t := start.Add(time.Duration(i) * interval)
		if wait := time.Until(t); wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		if !take() {
			return
		}
		select {
		case due <- t:
		default:
			res.missed.Add(1)
		}
	}
}
