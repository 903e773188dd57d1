// Package importer loads folders of form files into the store (`jixiao
// import`; the web application's upload later): it reads and judges the
// files on every core, finds each form's organisation and region from its
// header among the stored ones, and stores the forms in the order of the
// files, several files to a transaction (store.ImportBatch: each form whole
// or not at all).
//
// It is idempotent and resumable because the store is: a file whose bytes
// were imported before is skipped (by their SHA-256), so the same folder
// imported twice, or again after a killed run, gives every form once. A
// result is handed to the caller only after its form's transaction has
// committed: what was reported imported is stored.
package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formfile"
	"github.com/jixiao/jixiao/internal/checkfile"
	"github.com/jixiao/jixiao/internal/ordered"
	"github.com/jixiao/jixiao/store"
)

// Options say what to import the files as.
type Options struct {
	Program string // the program the forms report on (项目)
	Year    int    // the year they report on
	// AddUnits creates the fund-using units the forms name that are not
	// stored yet, under the department named Under.
	AddUnits bool
	Under    string
	// Workers read and judge files at once; 0 means every core.
	Workers int
}

// Outcome is what happened to one form (or to a file that could not be read).
type Outcome string

// Outcomes.
const (
	Created Outcome = "created" // stored as a new form
	Updated Outcome = "updated" // stored as a new version of the unit's form
	Skipped Outcome = "skipped" // the same file was imported before
	Refused Outcome = "refused" // not stored: Reason says why
)

// Label is the outcome in Chinese, as the command line prints it.
func (o Outcome) Label() string {
	switch o {
	case Created:
		return "已导入"
	case Updated:
		return "已更新"
	case Skipped:
		return "已跳过"
	}
	return "未导入"
}

// Result is the outcome of one form of a file, or of a whole file that
// could not be read (Form is then -1).
type Result struct {
	File  string
	Form  int // the form's place in the file, from 0; -1: the file could not be read
	Forms int // how many forms the file holds (0 when it could not be read)

	Outcome Outcome
	Stored  *jixiao.StoredForm   // the stored form (not when refused)
	Org     *jixiao.Organisation // the organisation the form was filed under
	Added   bool                 // Org was created by this import (--add-units)
	Report  *jixiao.Report       // the form's judgement (nil when it could not be read)
	Reason  string               // why it was skipped or refused, in Chinese
	Err     error                // refused: the error (its kind decides the exit status)
}

// LastOfFile reports whether r is the last result of its file.
func (r *Result) LastOfFile() bool { return r.Form < 0 || r.Form == r.Forms-1 }

// Summary counts the outcomes of a run.
type Summary struct {
	Files                              int // files finished
	Created, Updated, Skipped, Refused int // forms (a file that could not be read counts as one refused)
	UnitsAdded                         int
	Internal                           int // refusals that were internal errors (a bug in a reader)
}

// Importer imports files into one store with one set of options.
type Importer struct {
	s       *store.Store
	opt     Options
	orgs    *orgIndex
	under   *jixiao.Organisation
	regions *regionIndex
}

// Validate checks that the options make sense, before anything is opened
// or read.
func (opt Options) Validate() error {
	switch {
	case strings.TrimSpace(opt.Program) == "":
		return jixiao.Invalid("请用 --program 指定项目名称（如 --program 知识产权运营服务体系建设）")
	case opt.Year < 2000 || opt.Year > 2100:
		return jixiao.Invalid("请用 --year 指定年度（2000 至 2100 之间，如 --year 2021）")
	case opt.AddUnits && strings.TrimSpace(opt.Under) == "":
		return jixiao.Invalid("--add-units 须与 --under 部门名称 一起使用：新单位加在哪个地方主管部门之下")
	case !opt.AddUnits && strings.TrimSpace(opt.Under) != "":
		return jixiao.Invalid("--under 只在 --add-units 时有用：请加上 --add-units，或去掉 --under")
	}
	return nil
}

// New checks the options and loads what matching needs: the stored
// organisations and regions, and the department of Under.
func New(ctx context.Context, s *store.Store, opt Options) (*Importer, error) {
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt.Program = strings.TrimSpace(opt.Program)
	opt.Under = strings.TrimSpace(opt.Under)
	orgs, err := s.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	regions, err := s.Regions(ctx, "", true)
	if err != nil {
		return nil, err
	}
	im := &Importer{s: s, opt: opt, orgs: newOrgIndex(orgs), regions: newRegionIndex(regions)}
	if opt.AddUnits {
		dept, err := im.orgs.find(opt.Under)
		if err != nil {
			return nil, jixiao.Errorf(jixiao.KindNotFound, "--under：%s", jixiao.MessageOf(err))
		}
		if dept.Kind != jixiao.OrgDepartment {
			return nil, jixiao.Invalid("--under：“%s”是%s，不是地方主管部门：新单位只能加在地方主管部门之下", dept.Name, dept.Kind.Label())
		}
		im.under = dept
	}
	return im, nil
}

// file is a file read and its forms prepared, by a worker.
type file struct {
	path  string
	hash  string
	forms []*store.Prepared
	err   error
}

// Files stored in one transaction: at least minBatch when they come within
// batchWait of the batch's first (a commit, and SQLite's wait for the
// disk, is paid once for them), at most maxBatch.
const (
	minBatch  = 16
	maxBatch  = 64
	batchWait = 20 * time.Millisecond
)

// Run imports files in their order and hands every result to emit, on the
// calling goroutine, after its form was stored. It returns early with an
// error when the store fails (the forms before were stored; running again
// goes on where it stopped) or ctx is done.
//
// Files are read and judged on Workers goroutines while the calling one
// stores them, several files to a transaction (group commit): the files
// read while the last commit waited for the disk, and at least minBatch
// when they come soon enough. So a commit's cost is shared, a slow disk
// makes batches larger instead of the import slower, and no result waits
// more than batchWait for others.
func (im *Importer) Run(ctx context.Context, files []string, emit func(Result)) (Summary, error) {
	read := make(chan file, maxBatch)
	stop := make(chan struct{})
	var readErr error
	go func() {
		defer close(read)
		readErr = ordered.Map(ctx, len(files), ordered.Workers(im.opt.Workers),
			func(i int) file { return im.read(ctx, files[i]) },
			func(_ int, f file) bool {
				select {
				case read <- f:
					return true
				case <-stop:
					return false
				}
			})
	}()
	finish := func() {
		close(stop)
		for range read { // let the reader end
		}
	}
	var sum Summary
	batch := make([]file, 0, maxBatch)
	for f := range read {
		batch = append(batch[:0], f)
		wait := time.After(batchWait)
	more:
		for len(batch) < maxBatch {
			var f file
			var ok bool
			if len(batch) < minBatch {
				select {
				case f, ok = <-read:
				case <-wait:
					break more
				}
			} else {
				select {
				case f, ok = <-read:
				default:
					break more
				}
			}
			if !ok {
				break more
			}
			batch = append(batch, f)
		}
		results, err := im.store(ctx, batch)
		if err != nil {
			finish()
			return sum, err
		}
		for _, r := range results {
			sum.add(r, emit)
		}
	}
	finish()
	if readErr != nil {
		return sum, &jixiao.Error{Kind: jixiao.KindInternal, Message: "导入已中断：已导入的表都已保存，再次运行同一命令即可继续", Err: readErr}
	}
	return sum, nil
}

func (s *Summary) add(r Result, emit func(Result)) {
	switch r.Outcome {
	case Created:
		s.Created++
	case Updated:
		s.Updated++
	case Skipped:
		s.Skipped++
	case Refused:
		s.Refused++
		if r.Err != nil && jixiao.KindOf(r.Err) == jixiao.KindInternal {
			s.Internal++
		}
	}
	if r.Added {
		s.UnitsAdded++
	}
	if r.LastOfFile() {
		s.Files++
	}
	emit(r)
}

// read reads a file, hashes its bytes and prepares (judges) its forms. A
// panic in a reader or in judging refuses this file only, as an internal
// error, and the other files go on.
func (im *Importer) read(ctx context.Context, path string) (f file) {
	f.path = path
	data, err := formfile.Load(path)
	if err != nil {
		f.err = err
		return f
	}
	sum := sha256.Sum256(data)
	f.hash = hex.EncodeToString(sum[:])
	forms, err := checkfile.Parse(ctx, path, data)
	if err != nil {
		f.err = err
		return f
	}
	if len(forms) == 0 {
		f.err = jixiao.Invalid("%s：文件中没有找到自评表", path)
		return f
	}
	defer func() {
		if p := recover(); p != nil {
			f = file{path: path, err: &jixiao.Error{Kind: jixiao.KindInternal, Message: path + "：判定时发生内部错误，请把此文件报告给维护者", Err: fmt.Errorf("%v", p)}}
		}
	}()
	for _, form := range forms {
		p, err := im.s.Prepare(form)
		if err != nil {
			f.err = err
			return f
		}
		f.forms = append(f.forms, p)
	}
	return f
}

// store files the forms of a batch of files under their organisations, in
// one transaction, and returns their results in order. It returns an error
// only when the import must stop (the store failed: nothing of the batch
// was stored); a form that cannot be stored is refused in its result.
func (im *Importer) store(ctx context.Context, batch []file) ([]Result, error) {
	var results []Result
	var items []store.ImportItem
	var stored []int // results[stored[k]] is of items[k]
	for _, f := range batch {
		if f.err != nil {
			results = append(results, Result{File: f.path, Form: -1, Outcome: Refused, Reason: jixiao.MessageOf(f.err), Err: f.err})
			continue
		}
		owners := map[int64]int{} // organisation → the form of this file filed under it
		for j, p := range f.forms {
			r := Result{File: f.path, Form: j, Forms: len(f.forms), Report: p.Report()}
			org, err := im.match(ctx, &r, p.Form(), owners)
			if err != nil {
				if jixiao.KindOf(err) == jixiao.KindInternal {
					return nil, err
				}
				r.refuse(err)
			} else {
				stored = append(stored, len(results))
				items = append(items, store.ImportItem{Prepared: p, NewForm: store.NewForm{Program: im.opt.Program, Year: im.opt.Year,
					OrgID: org.ID, Source: f.path, SourceHash: f.hash}})
			}
			results = append(results, r)
		}
	}
	if len(items) == 0 {
		return results, nil
	}
	out, err := im.s.ImportBatch(ctx, items)
	if err != nil {
		return nil, err
	}
	for k, o := range out {
		r := &results[stored[k]]
		if o.Err != nil {
			r.refuse(o.Err)
			continue
		}
		r.Stored, r.Reason = o.Result.Form, o.Result.Reason
		switch o.Result.Outcome {
		case store.ImportCreated:
			r.Outcome = Created
		case store.ImportUpdated:
			r.Outcome = Updated
		default:
			r.Outcome = Skipped
		}
	}
	return results, nil
}

func (r *Result) refuse(err error) {
	r.Outcome, r.Reason, r.Err = Refused, jixiao.MessageOf(err), err
}

// match finds the organisation of form, the r.Form-th of its file, and
// checks what can be checked before storing it: its year, and that no
// earlier form of the file went to the same organisation.
func (im *Importer) match(ctx context.Context, r *Result, form *jixiao.Form, owners map[int64]int) (*jixiao.Organisation, error) {
	if form.Year != 0 && form.Year != im.opt.Year {
		return nil, jixiao.Invalid("表中的年度是 %d 年，而导入的是 %d 年（--year）：请核对文件或 --year", form.Year, im.opt.Year)
	}
	org, added, err := im.organisation(ctx, form)
	r.Org, r.Added = org, added
	if err != nil {
		return nil, err
	}
	if first, ok := owners[org.ID]; ok {
		return nil, jixiao.Invalid("与本文件的第 %d 张表同属“%s”：一个单位一年只有一张自评表，请把两张表分成两个文件分别核对", first+1, org.Name)
	}
	owners[org.ID] = r.Form
	return org, nil
}
