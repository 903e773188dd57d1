package layout

import "testing"

func TestIsYearLine(t *testing.T) {
	for s, want := range map[string]bool{
		"(2020年度)": true, "2020年度": true, "(2021年)": true, "2020年": true,
		"2020": false, "(3020年度)": false, "2020年知识产权": false, "(20x0年度)": false,
	} {
		if got := isYearLine(s); got != want {
			t.Errorf("isYearLine(%q) = %v", s, got)
		}
	}
}
