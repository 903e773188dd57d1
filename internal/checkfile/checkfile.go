// Package checkfile is what `jixiao check` does with one file — read its
// forms, check each, name the file and the form's place in it in each report —
// shared by the command line (a path) and the web API (an upload's bytes),
// so that POST /api/check answers exactly what `jixiao check --json` prints.
package checkfile

import (
	"context"
	"fmt"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/check"
	"github.com/jixiao/jixiao/formfile"
)

// Result is what checking one file gives: its forms' reports, or why it
// could not be read. Panicked holds a panic raised while checking a form
// (reading recovers on its own: Read, Parse), for the caller to re-raise
// where it fits (the CLI, after the reports of the files before it).
type Result struct {
	Reports  []jixiao.Report
	Err      error
	Panicked any
}

// Path reads the file at path and checks each of its forms.
func Path(ctx context.Context, path string, cfg audit.Config) Result {
	forms, err := Read(ctx, path)
	return checkForms(path, forms, err, cfg)
}

// Bytes checks each form in data, read as a file named name (an upload).
func Bytes(ctx context.Context, name string, data []byte, cfg audit.Config) Result {
	forms, err := Parse(ctx, name, data)
	return checkForms(name, forms, err, cfg)
}

func checkForms(file string, forms []*jixiao.Form, err error, cfg audit.Config) (res Result) {
	if err != nil {
		return Result{Err: err}
	}
	res.Reports = make([]jixiao.Report, 0, len(forms))
	defer func() {
		if p := recover(); p != nil {
			res.Panicked = p
		}
	}()
	for i, form := range forms {
		r := check.Form(form, cfg)
		r.File, r.FormIndex = file, i // the public "file" of check --json
		res.Reports = append(res.Reports, r)
	}
	return res
}

// Read reads a file's forms, turning a panic in a reader into an internal
// error for that file only, so that other files are still read.
func Read(ctx context.Context, path string) (forms []*jixiao.Form, err error) {
	defer recoverRead(path, &err)
	return formfile.Read(ctx, path)
}

// Parse is Read for bytes already in memory, named name.
func Parse(ctx context.Context, name string, data []byte) (forms []*jixiao.Form, err error) {
	defer recoverRead(name, &err)
	return formfile.Parse(ctx, name, data)
}

func recoverRead(name string, err *error) {
	if p := recover(); p != nil {
		*err = &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：读取时发生内部错误，请把此文件报告给维护者", Err: fmt.Errorf("%v", p)}
	}
}
