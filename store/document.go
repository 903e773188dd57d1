package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/shopspring/decimal"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/judge"
)

// document is a form ready to store: its JSON (the documented schema,
// docs/form-schema.md), the JSON's hash, and its judgement. It is made
// before the transaction starts, so that judging (the costly part of a
// save) never holds a database lock.
type document struct {
	form   *jixiao.Form
	json   []byte
	hash   string
	report jixiao.Report

	budget, executed, rate *decimal.Decimal // 万元, 万元, % (nil: not on the form)
	values                 storedValues     // what a roll-up adds up (values.go)
}

func newDocument(f *jixiao.Form, cfg audit.Config) (*document, error) {
	if f == nil {
		return nil, errInvalidf("没有表单内容")
	}
	// The documented schema, compact: the stored copy is for programs (and
	// the rare person reading the database), and every byte is written twice.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jsonform.File{Format: jsonform.Format, Version: jsonform.Version, Forms: []*jixiao.Form{f}}); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(buf.Bytes())
	d := &document{form: f, json: buf.Bytes(), hash: hex.EncodeToString(sum[:])}
	d.report = check.FormJudged(f, cfg, func(rs []judge.Result) { d.values = formValues(f, rs) })
	if l := f.Funds.TotalLine(); l != nil {
		if l.Budget.Valid {
			v := jixiao.ToWan(l.Budget.Value, f.Funds.Unit)
			d.budget = &v
		}
		if l.Executed.Valid {
			v := jixiao.ToWan(l.Executed.Value, f.Funds.Unit)
			d.executed = &v
		}
		if d.budget != nil && d.executed != nil && !d.budget.IsZero() {
			r := d.executed.Mul(decimal.NewFromInt(100)).DivRound(*d.budget, 2)
			d.rate = &r
		}
	}
	return d, nil
}

// readDocument reads a stored document back.
func readDocument(data []byte) (*jixiao.Form, error) {
	forms, err := jsonform.Reader{}.ReadForms("document.json", data)
	if err != nil {
		return nil, err
	}
	if len(forms) != 1 {
		return nil, errInvalidf("存储的表单内容有误：应有 1 张表，实有 %d 张", len(forms))
	}
	return forms[0], nil
}

// decimalArg is a nullable decimal as a query argument (text: exact in
// both dialects; PostgreSQL casts it to numeric).
func decimalArg(d *decimal.Decimal) any {
	if d == nil {
		return nil
	}
	return d.String()
}
