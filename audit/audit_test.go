package audit_test

import (
	"testing"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/judge"
)

// funds makes a form with only a funds block: lines of A, B, rate.
func funds(lines ...[3]string) *jixiao.Form {
	f := &jixiao.Form{Header: jixiao.Header{Program: "p", CentralDept: "c", LocalDept: "l", Unit: "u"},
		Filler: "x", FillDate: "d", Notes: "无"}
	f.Funds.Unit = "万元"
	roles := []jixiao.FundRole{jixiao.FundTotal, jixiao.FundCentral, jixiao.FundLocal, jixiao.FundOther}
	for i, l := range lines {
		parent := 0
		if i == 0 {
			parent = -1
		}
		f.Funds.Add(jixiao.FundLine{Role: roles[i], Parent: parent, Budget: jixiao.ParseAmount(l[0], "万元"), Executed: jixiao.ParseAmount(l[1], "万元"), RateText: l[2]})
	}
	return f
}

func rules(f *jixiao.Form) []string {
	var out []string
	for _, fd := range audit.Run(f, judge.Form(f), audit.Defaults()) {
		out = append(out, fd.Rule+"@"+string(fd.Fund))
	}
	return out
}

func TestFundsRules(t *testing.T) {
	tests := []struct {
		name  string
		form  *jixiao.Form
		rules []string
	}{
		{"consistent", funds([3]string{"100", "90", "90%"}, [3]string{"60", "54", "90.0%"}, [3]string{"40", "36", "90%"}), nil},
		{"sum broken", funds([3]string{"100", "90", "90%"}, [3]string{"60", "54", "90%"}, [3]string{"30", "36", "120%"}),
			[]string{"funds-sum@total", "executed-over-budget@local"}},
		{"total left 0 while sources filled", funds([3]string{"0", "0", ""}, [3]string{"60", "54", "90%"}, [3]string{"40", "36", "90%"}),
			[]string{"funds-sum@total", "funds-sum@total"}},
		{"rounded sources tolerated", funds([3]string{"100.01", "90", "89.99%"}, [3]string{"33.33", "30", "90.01%"}, [3]string{"66.67", "60", "90.00%"}), nil},
		{"wrong rate", funds([3]string{"100", "90", "80%"}), []string{"execution-rate@total"}},
		{"truncated rate", funds([3]string{"100", "97.809", "97.80%"}), []string{"rate-rounding@total"}},
		{"rate as fraction", funds([3]string{"100", "100", "1"}), nil},
		{"low execution", funds([3]string{"100", "50", "50%"}), []string{"low-execution@total"}},
		{"A = 0 leaves the rate blank", funds([3]string{"0", "0", ""}), nil},
		{"executed over budget", funds([3]string{"100", "110", "110%"}), []string{"executed-over-budget@total"}},
		{"no total line", funds(), []string{"missing-field@total"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rules(tt.form)
			if len(got) != len(tt.rules) {
				t.Fatalf("rules = %v, want %v", got, tt.rules)
			}
			for i := range got {
				if got[i] != tt.rules[i] {
					t.Errorf("rules = %v, want %v", got, tt.rules)
				}
			}
		})
	}
}

func TestConfig(t *testing.T) {
	bad := audit.Config{LowExecution: decimal.NewFromInt(120)}
	if err := bad.Validate(); err == nil || jixiao.KindOf(err) != jixiao.KindInvalid {
		t.Errorf("Validate(120) = %v", err)
	}
	if _, err := audit.LoadConfig("/nonexistent.json"); err == nil {
		t.Error("LoadConfig of a missing file")
	}
}
