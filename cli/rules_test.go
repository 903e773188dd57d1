package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jixiao/jixiao/cli"
	"github.com/jixiao/jixiao/internal/reftest"
)

// Every rule jixiao can report is listed by `jixiao rules` and documented
// in the public contract; and every finding the reference form and its
// rollup produce uses a listed rule.
func TestRulesListedAndDocumented(t *testing.T) {
	code, out, _ := run(t, "rules", "--json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d", code)
	}
	var groups []struct {
		Name  string
		Rules []struct{ ID, Severity, Title string }
	}
	if err := json.Unmarshal([]byte(out), &groups); err != nil {
		t.Fatal(err)
	}
	contract, err := os.ReadFile(filepath.Join(reftest.Root(), "docs", "contract.md"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, g := range groups {
		for _, r := range g.Rules {
			listed[r.ID] = true
			if !strings.Contains(string(contract), "`"+r.ID+"`") {
				t.Errorf("rule %s is not documented in docs/contract.md", r.ID)
			}
			if r.Title == "" || r.Severity == "" {
				t.Errorf("rule %s has no title or severity", r.ID)
			}
		}
	}
	if len(listed) < 25 {
		t.Errorf("only %d rules listed", len(listed))
	}
	for _, args := range [][]string{
		{"check", "--json", reftest.Path("txt")},
		append([]string{"rollup", "--json"}, units()...),
	} {
		_, out, _ := run(t, args...)
		for _, line := range strings.Split(out, "\n") {
			if i := strings.Index(line, `"rule": "`); i >= 0 {
				id := strings.TrimSuffix(strings.TrimSpace(line[i+9:]), `",`)
				if !listed[id] {
					t.Errorf("%s reported an unlisted rule %q", args[0], id)
				}
			}
		}
	}
	code, text, _ := run(t, "rules")
	if code != 0 || !strings.Contains(text, "not-met-marked-done") || !strings.Contains(text, "【评分规则（jixiao score）】") {
		t.Errorf("rules text:\n%s", text)
	}
}
