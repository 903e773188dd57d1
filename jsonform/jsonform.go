// Package jsonform reads and writes forms as JSON in jixiao's documented
// schema (docs/form-schema.md): {"format":"jixiao.form","version":2,"forms":[…]}.
// Files of version 1 (funds as four fixed lines) still read.
package jsonform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	jixiao "github.com/jixiao/jixiao"
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
//
// The file comes from outside: scan first bounds what decoding may build
// (forms, indicators, funds lines, any array, nesting, texts), then the
// forms are decoded one at a time, so that memory holds the forms read and
// little more.
func (Reader) ReadForms(name string, data []byte) ([]*jixiao.Form, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	top, err := scan(name, data)
	if err != nil {
		return nil, err
	}
	r := formsReader{name: name, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.DisallowUnknownFields()
	switch top {
	case shapeArray:
		err = r.array()
	case shapeFile:
		err = r.file()
	default:
		err = r.form()
	}
	if err == nil {
		if _, end := r.dec.Token(); end != io.EOF {
			err = errors.New("JSON 之后还有多余内容")
		}
	}
	if err != nil {
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：不是有效的表单 JSON（" + describe(err) + "）。格式见 docs/form-schema.md", Err: err}
	}
	if r.version != 0 || r.format != nil {
		format := ""
		if r.format != nil {
			format = *r.format
		}
		if format != Format {
			return nil, jixiao.Invalid("%s：format 应为 %q（当前为 %q），这不是 jixiao 的表单 JSON 文件", name, Format, format)
		}
		if r.version < minVersion || r.version > Version {
			return nil, jixiao.Invalid("%s：表单 JSON 的版本为 %d，本程序支持版本 %d 至 %d，请升级 jixiao", name, r.version, minVersion, Version)
		}
	}
	if len(r.forms) == 0 || len(r.forms[0].Indicators) == 0 {
		return nil, jixiao.Invalid("%s：JSON 中没有绩效指标（indicators 为空），不是完整的自评表", name)
	}
	return r.forms, nil
}

// formsReader decodes the forms of one file, one at a time.
type formsReader struct {
	name    string
	dec     *json.Decoder
	forms   []*jixiao.Form
	format  *string // the file's "format", nil when not written
	version int
}

// form decodes one form object (null is no form) and keeps it.
func (r *formsReader) form() error {
	var f *jixiao.Form
	if err := r.dec.Decode(&f); err != nil {
		return err
	}
	if f == nil {
		return nil
	}
	Normalize(f)
	if f.Source == "" {
		f.Source = r.name
	}
	r.forms = append(r.forms, f)
	return nil
}

// array decodes an array of forms, element by element; null is no forms.
func (r *formsReader) array() error {
	tok, err := r.dec.Token()
	if err != nil || tok == nil {
		return err
	}
	if tok != json.Delim('[') {
		return &json.UnmarshalTypeError{Value: "非数组", Field: "forms"}
	}
	for r.dec.More() {
		if err := r.form(); err != nil {
			return err
		}
	}
	_, err = r.dec.Token() // ]
	return err
}

// file decodes {"format": …, "version": …, "forms": […]}, keys in any
// order and matched as encoding/json matches them (case folded). A key
// written twice counts as written last, as when decoding at once.
func (r *formsReader) file() error {
	if tok, err := r.dec.Token(); err != nil {
		return err
	} else if tok != json.Delim('{') {
		return &json.UnmarshalTypeError{Value: "非对象"}
	}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		switch {
		case strings.EqualFold(key, "format"):
			var format string
			if err := r.decodeField(&format, "format"); err != nil {
				return err
			}
			r.format = &format
		case strings.EqualFold(key, "version"):
			if err := r.decodeField(&r.version, "version"); err != nil {
				return err
			}
		case strings.EqualFold(key, "forms"):
			r.forms = r.forms[:0]
			if err := r.array(); err != nil {
				return err
			}
		default:
			return fmt.Errorf("json: unknown field %q", key)
		}
	}
	_, err := r.dec.Token() // }
	return err
}

// decodeField decodes the value of a field of the file, naming the field
// when its type is wrong.
func (r *formsReader) decodeField(v any, field string) error {
	err := r.dec.Decode(v)
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		typ.Field = field
	}
	return err
}

// describe turns a decoding error into Chinese.
func describe(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return "第 " + itoa(int(syn.Offset)) + " 字节处语法错误"
	case errors.As(err, &typ) && typ.Field == "":
		return "文件应是一个表单对象、表单数组或表单文件对象"
	case errors.As(err, &typ):
		return "字段 " + typ.Field + " 的类型不对"
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return "未知字段 " + strings.TrimPrefix(err.Error(), "json: unknown field ")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "内容不完整"
	}
	var e *jixiao.Error
	if errors.As(err, &e) {
		return e.Message
	}
	if strings.HasPrefix(err.Error(), "json: ") || strings.Contains(err.Error(), "decimal") {
		return "某个值无法读取"
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
// the program or unit name, and the default funds unit. Control characters
// (written as \u escapes) are removed from every text, as the other
// readers' jixiao.CleanText removes them.
func Normalize(f *jixiao.Form) {
	withoutControls(reflect.ValueOf(f).Elem())
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
			ord, name := jixiao.SplitLabel(in.Label)
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

// withoutControls applies jixiao.WithoutControls to every exported string
// of v, through structs, pointers and slices.
func withoutControls(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); v.CanSet() {
			if c := jixiao.WithoutControls(s); c != s {
				v.SetString(c)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			withoutControls(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			withoutControls(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				withoutControls(v.Field(i))
			}
		}
	}
}

func amount(a jixiao.Amount, unit string) jixiao.Amount {
	// a value given without its text becomes the text (a zero value is
	// only taken when marked valid: JSON cannot tell 0 from absent here)
	if a.Text == "" && (a.Valid || !a.Value.IsZero()) {
		a.Text = a.Value.String()
	}
	return jixiao.ParseAmount(a.Text, unit)
}
