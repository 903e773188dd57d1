package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The harness sees what the scenario relies on it to see: a console
// error, an uncaught exception, a Content-Security-Policy violation (an
// inline style), and a field without a label. Without this, a scenario
// that passes could be one whose browser reports nothing.
func TestHarnessSeesProblems(t *testing.T) {
	exe := chromium(t)
	a := startApp(t)
	b := newBrowser(t, exe, a.url)
	b.step("harness-login-page", b.open("/login"), chromedp.WaitVisible(chromedp.ID("username")))
	cases := []struct{ name, js, want string }{
		{"console error", `console.error("e2e-console-error")`, "console.error: \"e2e-console-error\""},
		{"uncaught exception", `setTimeout(() => { throw new Error("e2e-exception") })`, "e2e-exception"},
		{"CSP violation", `document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>')`, "Content Security Policy"},
	}
	for _, c := range cases {
		eval[chromedp.Void](b, c.js)
		var got []string
		for end := time.Now().Add(5 * time.Second); len(got) == 0 && time.Now().Before(end); {
			time.Sleep(50 * time.Millisecond)
			got = b.takeProblems()
		}
		if len(got) != 1 || !strings.Contains(got[0], c.want) {
			t.Errorf("%s: the harness saw %q, want one problem containing %q", c.name, got, c.want)
		}
	}
	eval[chromedp.Void](b, `document.body.insertAdjacentHTML("beforeend", '<input id="e2e-bare"><label>x <input id="e2e-wrapped"></label><input id="e2e-aria" aria-label="x">')`)
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if got := b.unlabelled(ctx); len(got) != 1 || !strings.Contains(got[0], `id="e2e-bare"`) {
		t.Errorf("unlabelled fields: %q, want only #e2e-bare", got)
	}
}
