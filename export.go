package jixiao

// ValidateExport checks what a form writer is given: at least one form, no
// nil form, and at most one list of findings per form (fewer lists leave
// the remaining forms without comments).
func ValidateExport(forms []*Form, findings [][]Finding) error {
	if len(forms) == 0 {
		return Invalid("没有要导出的自评表")
	}
	for i, f := range forms {
		if f == nil {
			return Invalid("第 %d 张自评表为空，无法导出", i+1)
		}
	}
	if findings != nil && len(findings) > len(forms) {
		return Invalid("审核意见有 %d 组，但自评表只有 %d 张，无法对应", len(findings), len(forms))
	}
	return nil
}
