package web

import (
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/storetest"
)

// A region form's rows follow its members: its editor has inputs but no
// row buttons and no categories to add under; a unit's form has both.
func TestRegionFormEditorHasNoRowOperations(t *testing.T) {
	for _, region := range []bool{false, true} {
		f := storetest.RefForm(t)
		if region {
			f.Aggregation = &jixiao.Aggregation{Indicators: make([]jixiao.AggregateIndicator, len(f.Indicators))}
		}
		sh, _ := newEditSheet(f, nil, "", false)
		inputs, ops := 0, 0
		for _, blk := range sh.Blocks {
			for _, row := range blk.Rows {
				for _, c := range row {
					if c.Edit.Name != "" {
						inputs++
					}
					ops += len(c.Edit.Ops)
				}
			}
		}
		e := newEditor(1, sh.rowOps)
		if inputs < 100 || (ops > 0) == region || (e.Taxonomy != nil) == region {
			t.Errorf("region %v: %d inputs, %d row buttons, taxonomy %v", region, inputs, ops, e.Taxonomy != nil)
		}
	}
}
