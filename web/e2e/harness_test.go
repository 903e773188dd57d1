package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/reftest"
	"github.com/jixiao/jixiao/store"
	"github.com/jixiao/jixiao/web"
)

// chromium finds the browser: $JIXIAO_CHROMIUM, or chromium on PATH.
// Without it the test skips — unless JIXIAO_REQUIRE_CHROMIUM=1 (scripts/test
// as root, CI), where a missing browser is a failure, not a silent skip.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("JIXIAO_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("JIXIAO_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const why = "Chromium is not installed: `sudo bash scripts/chromium` installs it (or set JIXIAO_CHROMIUM to a Chromium binary)"
	if os.Getenv("JIXIAO_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(why + "; JIXIAO_REQUIRE_CHROMIUM=1 requires it")
	}
	t.Skip(why)
	return ""
}

// app is the application in-process: a store on a temporary SQLite file
// holding the demo world (accounts with demo.Password), served on loopback.
type app struct {
	url   string
	store *store.Store
	world *demo.World
}

func startApp(t *testing.T) *app {
	t.Helper()
	s, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "jixiao.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	w, err := demo.Load(t.Context(), s)
	if err != nil {
		t.Fatal(err)
	}
	// the server's warnings and internal errors go to the test's output
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := web.New(s, web.Options{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // loopback
	t.Cleanup(srv.Close)
	return &app{url: srv.URL, store: s, world: w}
}

// browser is one headless Chromium with one tab. Everything the page
// writes to the console at level error, every uncaught exception and every
// browser log entry of level error (CSP violations, failed loads) is a
// problem that fails the step in which it appeared.
type browser struct {
	t        *testing.T
	ctx      context.Context // the tab: no deadline (it would end the browser)
	base     string
	shots    string // where the steps' screenshots go
	docs     string // where the README's pictures go ("": not taken)
	n        int    // steps taken, numbering the screenshots
	download string // where downloads go

	mu       sync.Mutex
	problems []string
	expected string // a problem the step being taken expects (see expect)
}

// viewport is the window the pages are shown (and photographed) in.
const viewportWidth, viewportHeight = 1280, 900

// newBrowser starts Chromium exe (found by chromium before the
// application is started, so that a machine without it skips at once) on a
// tab for the application at base.
func newBrowser(t *testing.T, exe, base string) *browser {
	t.Helper()
	// With JIXIAO_SCREENSHOTS set (a relative path is from the repository's
	// root, as in `JIXIAO_SCREENSHOTS=docs/screenshots go test ./web/e2e/`),
	// the steps' screenshots go to its steps/ directory and the README's
	// pictures (photo) to it; else the steps' go to a temporary directory,
	// removed when the test passes and kept, for a look, when it fails.
	b := &browser{t: t, base: base, docs: os.Getenv("JIXIAO_SCREENSHOTS"), download: t.TempDir()}
	if b.docs != "" && !filepath.IsAbs(b.docs) {
		b.docs = filepath.Join(reftest.Root(), b.docs)
	}
	if b.docs == "" {
		dir, err := os.MkdirTemp("", "jixiao-e2e-")
		if err != nil {
			t.Fatal(err)
		}
		b.shots = dir
		t.Cleanup(func() {
			if t.Failed() {
				t.Logf("the steps' screenshots are kept in %s", dir)
			} else {
				os.RemoveAll(dir)
			}
		})
	} else {
		b.shots = filepath.Join(b.docs, "steps")
		if err := os.MkdirAll(b.shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The flags keep Chromium from calling home (on a closed network its
	// connections are refused and logged) and from needing a GPU, a
	// sandbox (CI runs as root) or a first-run dialog; the profile is new.
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(viewportWidth, viewportHeight),
		chromedp.UserDataDir(t.TempDir()),
	)
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(b.listen))
	// Cleanups run last-registered first: the tab, then the browser
	// process (cancelAlloc waits for it to exit), then the check of what
	// it reported last, then the temporary directories registered above
	// (and the server, registered before).
	t.Cleanup(func() {
		// what the browser reported after the last step (a late script)
		if p := b.problemList(); p != "" {
			t.Errorf("after the last step%s", p)
		}
	})
	t.Cleanup(cancelAlloc)
	t.Cleanup(cancel)
	// The first run starts the browser; its context must not have a
	// deadline, so the start is bounded by a timer that cancels instead.
	timer := time.AfterFunc(30*time.Second, cancel)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, runtime.Enable, cdp.Empty{})
		return err
	}))
	if timer.Stop(); err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	// the window's size includes what a headed browser would draw around
	// the page: the page itself is given the size
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportWidth, viewportHeight)); err != nil {
		t.Fatal(err)
	}
	// Downloads are saved, named by their GUID, where the test reads them.
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: b.download, EventsEnabled: new(true),
	}); err != nil {
		t.Fatalf("download behaviour: %v", err)
	}
	b.ctx = ctx
	return b
}

// listen runs in the tab's message loop: it only records.
func (b *browser) listen(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			if a.Value != nil {
				args = append(args, string(a.Value))
			} else {
				args = append(args, a.Description)
			}
		}
		p = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		p = "uncaught exception: " + d.Text
		if d.Exception != nil {
			p += " " + d.Exception.Description
		}
		p += fmt.Sprintf(" (%s:%d:%d)", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	case *page.EventJavascriptDialogOpening:
		// nothing in the scenario should ask: a beforeunload warning here
		// is an unsaved edit (the step then times out, saying this)
		p = "dialog (" + string(ev.Type) + "): " + ev.Message
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level != cdplog.EntryLevelError {
			return
		}
		p = "browser log (" + string(ev.Entry.Source) + "): " + ev.Entry.Text
		if ev.Entry.URL != "" {
			p += " " + ev.Entry.URL
		}
	default:
		return
	}
	b.mu.Lock()
	if b.expected == "" || !strings.Contains(p, b.expected) {
		b.problems = append(b.problems, p)
	}
	b.mu.Unlock()
}

// expect makes the browser's reports that contain what expected, until
// undone, not problems: a page the server answers with an error status on
// purpose is logged by the browser as a failed load.
func (b *browser) expect(what string) (undo func()) {
	b.mu.Lock()
	b.expected = what
	b.mu.Unlock()
	return func() { b.expect("") }
}

// takeProblems returns the problems seen so far and forgets them.
func (b *browser) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// problemList takes the problems seen so far as lines to add to a
// failure's message.
func (b *browser) problemList() string {
	p := b.takeProblems()
	if len(p) == 0 {
		return ""
	}
	return "; the browser reported:\n  " + strings.Join(p, "\n  ")
}

// stepTimeout bounds one step, so a hang fails fast with the step's name.
const stepTimeout = 15 * time.Second

// step runs actions as one named step of the scenario within stepTimeout,
// then checks the page: no JavaScript or browser errors, every visible
// field labelled; and saves a full-page screenshot named after the step.
// A failure stops the test (the later steps depend on this one).
func (b *browser) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	b.n++
	start := time.Now()
	var shotTime time.Duration
	defer func() {
		b.t.Logf("step %d %s: %v (screenshot %v)", b.n, name, time.Since(start).Round(time.Millisecond), shotTime.Round(time.Millisecond))
	}()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	err := chromedp.Do(ctx, actions...)
	// the page's scripts have run when it is loaded and htmx is idle
	settleErr := chromedp.Do(ctx, waitIdle())
	shotStart := time.Now()
	shot := b.screenshot(ctx, name)
	shotTime = time.Since(shotStart)
	if err == nil {
		err = settleErr
	}
	if err != nil {
		b.t.Fatalf("step %d %s: %v (screenshot %s)%s", b.n, name, err, shot, b.problemList())
	}
	if p := b.problemList(); p != "" {
		b.t.Fatalf("step %d %s: the browser reported errors (screenshot %s)%s", b.n, name, shot, p)
	}
	if missing := b.unlabelled(ctx); len(missing) > 0 {
		b.t.Errorf("step %d %s: fields without a label (need <label for>, aria-label or aria-labelledby):\n  %s", b.n, name, strings.Join(missing, "\n  "))
	}
}

// waitIdle waits until the document is loaded and htmx has no request in
// flight (htmx marks the elements of a running request with
// htmx-request).
func waitIdle() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](`document.readyState === "complete" && !document.querySelector(".htmx-request")`,
			chromedp.WithPollingInterval(50*time.Millisecond))(ctx, t)
		return err
	})
}

// shotQuality is the JPEG quality of the steps' screenshots: a PNG of a
// whole form page takes a second to encode on a busy machine and weighs a
// megabyte or more.
const shotQuality = 80

// screenshot saves a full-page JPEG of the page as NN-name.jpg and returns
// its path (or why there is none: a screenshot is evidence, not a step).
func (b *browser) screenshot(ctx context.Context, name string) string {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(shotQuality))
	if err != nil {
		// the step's own context may be spent: try once more on a fresh one
		fresh, cancel := context.WithTimeout(b.ctx, 10*time.Second)
		defer cancel()
		if png, err = chromedp.Run(fresh, chromedp.FullScreenshot(shotQuality)); err != nil {
			return "none: " + err.Error()
		}
	}
	path := filepath.Join(b.shots, fmt.Sprintf("%02d-%s.jpg", b.n, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return "none: " + err.Error()
	}
	return path
}

// photo saves what a viewport height pixels high shows, with sel scrolled
// to its top or center (block), as name.png in $JIXIAO_SCREENSHOTS: a
// picture of a page for the README, about the size of a screen (a whole
// form page is several screens and megabytes).
func (b *browser) photo(name, sel, block string, height int64) {
	b.t.Helper()
	if b.docs == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(viewportWidth, height),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsonString(sel)+`).scrollIntoView({block: `+jsonString(block)+`})`),
		chromedp.Sleep(time.Second), // the charts' opening animation, a resize's redraw
	)
	var png []byte
	if err == nil {
		png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err == nil {
		err = chromedp.Do(ctx, chromedp.EmulateViewport(viewportWidth, viewportHeight))
	}
	if err != nil {
		b.t.Fatalf("photo %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.docs, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// unlabelled lists the visible input, select and textarea elements of the
// page that have no label: no <label> (labels.length), no aria-label, no
// aria-labelledby naming an element with text.
func (b *browser) unlabelled(ctx context.Context) []string {
	b.t.Helper()
	const js = `(() => {
	const named = el => {
		if (el.labels && el.labels.length > 0) return true;
		if ((el.getAttribute("aria-label") || "").trim() !== "") return true;
		const by = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
		return by.some(id => { const l = document.getElementById(id); return l && l.textContent.trim() !== ""; });
	};
	const out = [];
	for (const el of document.querySelectorAll("input, select, textarea")) {
		if (el.type === "hidden" || !el.checkVisibility({visibilityProperty: true})) continue;
		if (!named(el)) out.push(el.outerHTML.slice(0, 160));
	}
	return out;
})()`
	missing, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		b.t.Fatalf("accessibility check: %v", err)
	}
	return missing
}

// loads runs trigger, which makes the tab load another page (a link
// followed, a form posted), and waits for that page's load event: a query
// straight after the click could run in the page being left.
func loads(trigger chromedp.Action[chromedp.Void]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.WaitEvent(page.LoadEventFired, nil, trigger)(ctx, t)
		return chromedp.Void{}, err
	}
}

// click follows the link or presses the button sel, which loads a page.
func click(sel string) chromedp.Action[chromedp.Void] {
	return loads(chromedp.Click(chromedp.CSS(sel)))
}

// open is an action that loads path of the application and waits for it.
func (b *browser) open(path string) chromedp.Action[chromedp.Void] {
	return chromedp.Navigate(b.base + path)
}

// login signs in on the login page by keyboard: it types the name and the
// password and presses Enter, and waits for the 工作台.
func (b *browser) login(username, password string) {
	b.t.Helper()
	b.step("login-"+username,
		b.open("/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), username),
		loads(chromedp.SendKeys(chromedp.ID("password"), password+"\r")),
		chromedp.WaitVisible(chromedp.CSS(`nav[aria-label="账户"]`)),
	)
	b.mustSee("header .who", "（"+username+"）")
}

// logout signs out with the menu's 退出 button.
func (b *browser) logout() {
	b.t.Helper()
	b.step("logout",
		click(`form[action="/logout"] button`),
		chromedp.WaitVisible(chromedp.ID("username")),
	)
}

// typeInto replaces the value of the field with id by keyboard alone, as
// a user would: it focuses the field, goes to the end (Ctrl+End), deletes
// what is there with Backspace and types value.
func (b *browser) typeInto(id, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		old, err := chromedp.Value(chromedp.ID(id))(ctx, t)
		if err != nil {
			return err
		}
		_, err = chromedp.Steps(
			chromedp.Focus(chromedp.ID(id)),
			chromedp.KeyEvent(kb.End, chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.KeyEvent(strings.Repeat(kb.Backspace, utf8.RuneCountInString(old))),
			chromedp.KeyEvent(value),
		)(ctx, t)
		return err
	})
}

// location is the address the tab shows.
func (b *browser) location() *url.URL {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	u, err := url.Parse(s)
	if err != nil {
		b.t.Fatal(err)
	}
	return u
}

// text is the text of the first element sel matches (waiting for it).
func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

// mustSee fails unless the text of sel contains want.
func (b *browser) mustSee(sel, want string) {
	b.t.Helper()
	if got := b.text(sel); !strings.Contains(got, want) {
		b.t.Fatalf("%s says %q, want it to contain %q", sel, got, want)
	}
}

// eval evaluates js in the page and decodes its value into T.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// downloadLink clicks the link sel, waits for the download to complete
// and returns the file's path and the name the server gave it.
func (b *browser) downloadLink(name, sel string) (path, filename string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	begin := chromedp.BrowserEvents(ctx, cdpbrowser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, cdpbrowser.DownloadProgress)
	// not a step: the page stays as it was (no screenshot of it again)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("%s: clicking %s: %v%s", name, sel, err, b.problemList())
	}
	for ev, err := range begin {
		if err != nil {
			b.t.Fatalf("download %s did not begin: %v", sel, err)
		}
		filename = ev.SuggestedFilename
		break
	}
	for ev, err := range progress {
		if err != nil {
			b.t.Fatalf("download %s did not complete: %v", sel, err)
		}
		switch ev.State {
		case cdpbrowser.DownloadProgressStateCompleted:
			if p := b.problemList(); p != "" {
				b.t.Fatalf("%s: the browser reported errors%s", name, p)
			}
			return filepath.Join(b.download, ev.GUID), filename
		case cdpbrowser.DownloadProgressStateCanceled:
			b.t.Fatalf("download %s was cancelled", sel)
		}
	}
	panic("unreachable: the events end with an error")
}

// jsonString quotes s for JavaScript source.
func jsonString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
