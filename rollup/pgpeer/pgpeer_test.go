package pgpeer

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestNumericRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "10926.2", "-0.001", "591.764", "180000000", "12345678901234567890.123456789"} {
		d := decimal.RequireFromString(s)
		if back := Decimal(Numeric(d)); !back.Equal(d) {
			t.Errorf("%s → %s", s, back)
		}
	}
	if !Decimal(Numeric(decimal.Zero)).IsZero() {
		t.Error("zero")
	}
}

// The SQL peer and the test helpers stay out of the shipped binary (pgx is
// in it since issue 10: the store's PostgreSQL driver).
func TestNotInBinary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/jixiao/jixiao/cmd/jixiao").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasSuffix(p, "/pgpeer") || strings.Contains(p, "/internal/pgtest") || strings.Contains(p, "/internal/storetest") {
			t.Errorf("cmd/jixiao depends on %s", p)
		}
	}
}
