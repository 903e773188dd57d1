// Package jsonform reads and writes forms as JSON in jixiao's documented
// schema (docs/form-schema.md): {"format":"jixiao.form","version":2,"forms":[…]}.
// Files of version 1 (funds as four fixed lines) still read.
package jsonform

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/layout"
)

// Format and Version identify the schema. Version 2 lists the funds as
// lines (docs/form-schema.md); version 1 had the fixed total, central,
// local and other lines, which jixiao.Funds still reads.
const (
	Format     = "jixiao.form"
	Version    = 2
	minVersion = 1
)

// File is the top level of a JSON form file.
type File struct {
	Format  string         `json:"format"`
	Version int            `json:"version"`
	Forms   []*jixiao.Form `json:"forms"`
}

// Write writes the forms as an indented JSON form file.
func Write(w io.Writer, forms []*jixiao.Form) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(File{Format: Format, Version: Version, Forms: forms})
}

// Reader reads JSON form files.
type Reader struct{}

// ReadForms implements jixiao.FormReader. It accepts a form file, a bare
// form object, or an array of forms; unknown fields are refused so that a
// misspelt field does not silently drop data.
func (Reader) ReadForms(name string, data []byte) ([]*jixiao.Form, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	var forms []*jixiao.Form
	var err error
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[':
		err = decode(trimmed, &forms)
	case bytes.Contains(trimmed, []byte(`"format"`)):
		var f File
		if err = decode(trimmed, &f); err == nil {
			if f.Format != Format {
				return nil, jixiao.Invalid("%s：format 应为 %q（当前为 %q），这不是 jixiao 的表单 JSON 文件", name, Format, f.Format)
			}
			if f.Version < minVersion || f.Version > Version {
				return nil, jixiao.Invalid("%s：表单 JSON 的版本为 %d，本程序支持版本 %d 至 %d，请升级 jixiao", name, f.Version, minVersion, Version)
			}
			forms = f.Forms
		}
	default:
		var f jixiao.Form
		if err = decode(trimmed, &f); err == nil {
			forms = []*jixiao.Form{&f}
		}
	}
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：不是有效的表单 JSON（" + describe(err) + "）。格式见 docs/form-schema.md", Err: err}
	}
	var out []*jixiao.Form
	for _, f := range forms {
		if f == nil {
			continue
		}
		Normalize(f)
		if f.Source == "" {
			f.Source = name
		}
		out = append(out, f)
	}
	if len(out) == 0 || len(out[0].Indicators) == 0 {
		return nil, jixiao.Invalid("%s：JSON 中没有绩效指标（indicators 为空），不是完整的自评表", name)
	}
	return out, nil
}

func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("JSON 之后还有多余内容")
	}
	return nil
}

// describe turns a decoding error into Chinese.
func describe(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "第 " + itoa(int(syn.Offset)) + " 字节处语法错误"
	case errors.As(err, &typ):
		return "字段 " + typ.Field + " 的类型不对"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return "未知字段 " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "内容不完整"
	}
	return err.Error()
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// Normalize fills what can be derived from the written texts, so that a
// hand-written JSON form needs only the texts: amounts from their text (or
// the text from the value), names and ordinals from labels, the region from
// the program or unit name, and the default funds unit.
func Normalize(f *jixiao.Form) {
	if f.Funds.Unit == "" {
		f.Funds.Unit = "万元"
	}
	for i := range f.Funds.Lines {
		l := &f.Funds.Lines[i]
		l.Budget = amount(l.Budget, f.Funds.Unit)
		l.Executed = amount(l.Executed, f.Funds.Unit)
	}
	for i := range f.Indicators {
		in := &f.Indicators[i]
		if in.Label == "" {
			in.Label = in.Name
		}
		if in.Name == "" || in.Ordinal == 0 {
			ord, name := layout.SplitLabel(in.Label)
			if in.Name == "" {
				in.Name = name
			}
			if in.Ordinal == 0 {
				in.Ordinal = ord
			}
		}
	}
	if f.Header.Region == "" {
		f.Header.Region = jixiao.RegionOf(f.Header.Program)
		if f.Header.Region == "" {
			f.Header.Region = jixiao.RegionOf(f.Header.Unit)
		}
	}
}

func amount(a jixiao.Amount, unit string) jixiao.Amount {
	// a value given without its text becomes the text (a zero value is
	// only taken when marked valid: JSON cannot tell 0 from absent here)
	if a.Text == "" && (a.Valid || !a.Value.IsZero()) {
		a.Text = a.Value.String()
	}
	return layout.ParseAmount(a.Text, unit)
}
