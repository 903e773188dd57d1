package score

import (
	"strings"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
)

// mismatch compares a declared score with the computed one; nil when they
// agree: within the scheme's tolerance, or equal to the computed value
// rounded or truncated at the declared precision.
func (sc *scorer) mismatch(declared string, computed decimal.Decimal, what, at string) *jixiao.Finding {
	d, ok := readPoints(declared)
	if !ok {
		return &jixiao.Finding{Rule: RuleMismatch, Severity: jixiao.SeverityError, At: at,
			Message: what + "“" + declared + "”不是数值；按评分方案计算为 " + Points(computed) + "。请填写数值"}
	}
	if agrees(d, computed, sc.s.ScoreTolerance) {
		return nil
	}
	return &jixiao.Finding{Rule: RuleMismatch, Severity: jixiao.SeverityError, At: at,
		Message: what + "申报为 " + declared + "，按评分方案“" + sc.s.Name + "”计算为 " + Points(computed) + "（相差 " + Points(d.Sub(computed).Abs()) + "）。请核对计算或实际完成值"}
}

func agrees(declared, computed, tol decimal.Decimal) bool {
	if declared.Sub(computed).Abs().LessThanOrEqual(tol) {
		return true
	}
	// 7.8 or 7.75 for 7.7533: rounded or truncated at the one or two
	// decimals written; a whole number must be within the tolerance
	places := -declared.Exponent()
	if places < 1 {
		return false
	}
	return computed.Round(places).Equal(declared) || computed.Truncate(places).Equal(declared)
}

// declaredTotal checks the form's 总分 and 自评等级.
func (sc *scorer) declaredTotal() {
	out, f := &sc.out, sc.f
	if ts := strings.TrimSpace(f.TotalScore); ts != "" && !blank(ts) {
		if fd := sc.mismatch(ts, out.Total, "总分", "总分"); fd != nil {
			fd.Section, fd.Indicator, fd.Field = jixiao.SectionIndicators, -1, "total_score"
			out.Findings = append(out.Findings, *fd)
		}
	}
	if g := strings.TrimSpace(f.Grade); g != "" && !blank(g) {
		if !sameGrade(g, out.Grade) {
			out.Findings = append(out.Findings, jixiao.Finding{
				Rule: RuleMismatch, Severity: jixiao.SeverityError, At: "自评等级",
				Message: "自评等级申报为“" + g + "”，按评分方案“" + sc.s.Name + "”计算总分 " + Fixed(out.Total) + "，等级为“" + out.Grade + "”（" + gradeRule(sc.s) + "）。请核对",
				Section: jixiao.SectionIndicators, Indicator: -1, Field: "grade"})
		}
	}
}

// sameGrade compares a declared grade with a scheme grade: 优 matches 优
// and 优秀, 良 matches 良好.
func sameGrade(declared, grade string) bool {
	d := jixiao.Key(declared)
	return d == grade || strings.HasPrefix(d, grade)
}
