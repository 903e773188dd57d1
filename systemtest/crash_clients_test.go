package systemtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/demo"
	"github.com/jixiao/jixiao/internal/htmlform"
	"github.com/jixiao/jixiao/internal/servetest"
	"github.com/jixiao/jixiao/jsonform"
)

// The people of the crash test: the demo world's fillers save, upload and
// submit their units' forms, its district reviewers return and approve
// them, each from its own goroutine over real HTTP, until the server dies
// under them. Every 2xx answer goes into the ledger (crashLedger).

// crashFillers are the demo fillers and their units.
var crashFillers = []struct{ user, unit string }{
	{"cy_scj", "北京市朝阳区市场监督管理局"},
	{"cy_zx", "北京市朝阳区知识产权服务中心"},
	{"hd_scj", "北京市海淀区市场监督管理局"},
	{"dc_scj", "北京市东城区市场监督管理局"},
}

// crashReviewers are the demo's district reviewers.
var crashReviewers = []string{"chaoyang", "haidian", "dongcheng"}

// crashLedger holds what the server acknowledged (a 2xx answer), across rounds.
type crashLedger struct {
	mu          sync.Mutex
	saves       map[[2]int64]string // (form, version) → document hash (PUT /api/forms/{id})
	uploads     map[[2]int64]string // (form, version) → file name (POST /upload/save)
	transitions map[string]int      // "form action" (submit, return, approve) → how many
	ops         int                 // acknowledged changes in all
	byKind      map[string]int      // acknowledged changes by kind, for the report
	unexpected  []string            // answers that are neither success nor a refusal
}

func newCrashLedger() *crashLedger {
	return &crashLedger{saves: map[[2]int64]string{}, uploads: map[[2]int64]string{}, transitions: map[string]int{}, byKind: map[string]int{}}
}

func (l *crashLedger) ack(kind string, record func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	record()
	l.ops++
	l.byKind[kind]++
}

func (l *crashLedger) unexpectedAnswer(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unexpected = append(l.unexpected, fmt.Sprintf(format, args...))
}

// crashActor is one person's goroutine: a signed-in client, a random source, the
// ledger, and a mark that makes each document it sends different.
type crashActor struct {
	c      *servetest.Client
	rng    *rand.Rand
	l      *crashLedger
	name   string
	unit   string
	base   *jixiao.Form // the unit's demo form, errors fixed
	pad    string       // written before the achievement text: a larger document
	marked int
}

// errCrashDown is a request that got no whole answer: the server is being killed.
var errCrashDown = errors.New("server down")

// call sends a request and returns the status and body; a transport error
// or a body cut short is errCrashDown (the server died: nothing was
// acknowledged).
func (a *crashActor) call(method, path, contentType string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(method, a.c.Base+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := a.c.Do(req)
	if err != nil {
		return 0, nil, errCrashDown
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, nil, errCrashDown
	}
	return resp.StatusCode, data, nil
}

// crashRefused reports whether code is a refusal the workload may meet: a stale
// version (409: someone acted in between) or content refused (422).
func crashRefused(code int) bool {
	return code == http.StatusConflict || code == http.StatusUnprocessableEntity
}

// check records an answer that is neither the expected success nor a
// refusal (a 500 from a live server, a 404 for one's own form…).
func (a *crashActor) check(what string, code, want int, body []byte) bool {
	if code == want {
		return true
	}
	if !crashRefused(code) {
		a.l.unexpectedAnswer("%s %s: %d %s", a.name, what, code, crashTruncate(body))
	}
	return false
}

func crashTruncate(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// forms lists the forms the actor sees with the query q.
func (a *crashActor) forms(q string) ([]*jixiao.StoredForm, error) {
	code, body, err := a.call("GET", "/api/forms?limit=100&"+q, "", nil)
	if err != nil {
		return nil, err
	}
	if !a.check("GET /api/forms", code, http.StatusOK, body) {
		return nil, errCrashDown
	}
	var resp struct{ Forms []*jixiao.StoredForm }
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, err
	}
	return resp.Forms, nil
}

// document is the unit's form with a new mark, as a JSON form file.
func (a *crashActor) document(year int, withErrors bool) []byte {
	a.marked++
	f := *a.base
	if withErrors {
		f.Indicators = append([]jixiao.Indicator(nil), f.Indicators...)
		f.Indicators[0].Target = "不少于100件"
		f.Indicators[0].Actual = "50件"
		f.Indicators[0].Reason = "已完成"
	}
	f.Achievement = a.pad + f.Achievement + fmt.Sprintf("（%s-%d-%d）", a.name, a.rng.Uint32(), a.marked)
	if year != 0 {
		f.Year = year
	}
	var buf bytes.Buffer
	if err := jsonform.Write(&buf, []*jixiao.Form{&f}); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// save stores a new version of f: PUT /api/forms/{id}?version=N.
func (a *crashActor) save(f *jixiao.StoredForm) error {
	doc := a.document(0, a.rng.IntN(5) == 0) // errors never block saving
	code, body, err := a.call("PUT", fmt.Sprintf("/api/forms/%d?version=%d", f.ID, f.Version), "application/json", doc)
	if err != nil || !a.check("save", code, http.StatusOK, body) {
		return err
	}
	var got jixiao.StoredForm
	if err := json.Unmarshal(body, &got); err != nil || got.ID != f.ID || got.Version <= f.Version || got.Hash == "" {
		a.l.unexpectedAnswer("%s save of form %d: answer %s", a.name, f.ID, crashTruncate(body))
		return nil
	}
	a.l.ack("save", func() { a.l.saves[[2]int64{got.ID, int64(got.Version)}] = got.Hash })
	return nil
}

// act does a workflow action on f: POST /api/forms/{id}/{action}.
func (a *crashActor) act(f *jixiao.StoredForm, action, comment string) error {
	body, _ := json.Marshal(map[string]any{"version": f.Version, "comment": comment})
	code, resp, err := a.call("POST", fmt.Sprintf("/api/forms/%d/%s", f.ID, action), "application/json", body)
	if err != nil || !a.check(action, code, http.StatusOK, resp) {
		return err
	}
	a.l.ack(action, func() { a.l.transitions[fmt.Sprintf("%d %s", f.ID, action)]++ })
	return nil
}

// upload posts a form file to /upload (the preview: replacing form f, or a
// new form of the unit for year), then the preview's save form to
// /upload/save, as a browser does.
func (a *crashActor) upload(f *jixiao.StoredForm, org int64, year int) error {
	name := fmt.Sprintf("%s-%d-%d.json", a.name, a.rng.Uint32(), a.marked+1)
	data := a.document(year, false)
	path, target := "/upload", []string{"org", strconv.FormatInt(org, 10)}
	if f != nil {
		path, target = "/upload?form="+strconv.FormatInt(f.ID, 10), nil
	}
	ct, body := crashMultipartBody(target, "file", name, data)
	code, page, err := a.call("POST", path, ct, body)
	if err != nil || !a.check("upload preview", code, http.StatusOK, page) {
		return err
	}
	fields, err := crashPreviewSaveFields(page)
	if err != nil {
		a.l.unexpectedAnswer("%s upload preview: %v", a.name, err)
		return nil
	}
	ct, body = crashMultipartBody(fields, "", "", nil)
	req, _ := http.NewRequest("POST", a.c.Base+"/upload/save", bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	// The answer to a save is a redirect to the form: it is the
	// acknowledgement, not to be followed.
	client := *a.c.Client
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		return errCrashDown
	}
	answer, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	if rerr != nil {
		return errCrashDown
	}
	if !a.check("upload save", resp.StatusCode, http.StatusSeeOther, answer) {
		return nil
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	id, _ := strconv.ParseInt(strings.TrimPrefix(loc.Path, "/forms/"), 10, 64)
	values := url.Values{}
	for i := 0; i+1 < len(fields); i += 2 {
		values.Set(fields[i], fields[i+1])
	}
	version := int64(1) // a new form
	if loc.Query().Get("done") == "replace" {
		v, _ := strconv.ParseInt(values.Get("version"), 10, 64)
		version = v + 1
	}
	if id == 0 || values.Get("source") != name {
		a.l.unexpectedAnswer("%s upload save: redirected to %q, source %q", a.name, loc, values.Get("source"))
		return nil
	}
	a.l.ack("upload", func() { a.l.uploads[[2]int64{id, version}] = name })
	return nil
}

// crashMultipartBody is fields (name, value, …) then, when file is not "", the
// file part: a multipart/form-data body and its content type.
func crashMultipartBody(fields []string, file, name string, data []byte) (string, []byte) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	if file != "" {
		fw, _ := mw.CreateFormFile(file, name)
		fw.Write(data)
	}
	mw.Close()
	return mw.FormDataContentType(), buf.Bytes()
}

// crashPreviewSaveFields are the inputs of the preview's save form
// (form#save-form), in document order, as a browser posts them.
func crashPreviewSaveFields(page []byte) ([]string, error) {
	v, err := htmlform.Fields(page, "save-form")
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, crashTruncate(page))
	}
	return htmlform.Pairs(v), nil
}

// fill is a filler's turn: save, upload or submit one of the unit's forms
// that may be changed, or upload a form for a new year when none may.
func (a *crashActor) fill() error {
	forms, err := a.forms("")
	if err != nil {
		return err
	}
	var editable []*jixiao.StoredForm
	var org int64
	year := demo.Year
	for _, f := range forms {
		org, year = f.OrgID, max(year, f.Year)
		if f.Status == jixiao.StatusDraft || f.Status == jixiao.StatusReturned {
			editable = append(editable, f)
		}
	}
	if len(editable) == 0 {
		if len(forms) > maxApproved {
			time.Sleep(20 * time.Millisecond) // enough forms: wait for the reviewer to return one
			return nil
		}
		return a.upload(nil, org, year+1)
	}
	f := editable[a.rng.IntN(len(editable))]
	switch r := a.rng.IntN(10); {
	case r < 5:
		return a.save(f)
	case r < 7:
		return a.upload(f, 0, 0)
	case f.Errors > 0:
		return a.save(f)
	default:
		return a.act(f, "submit", "")
	}
}

// maxApproved is how many approved forms a unit may have in the crash test.
const maxApproved = 5

// review is a reviewer's turn: return (3 in 4) or approve a form in review.
func (a *crashActor) review() error {
	var inReview []*jixiao.StoredForm
	for _, st := range []jixiao.FormStatus{jixiao.StatusSubmitted, jixiao.StatusResubmitted} {
		forms, err := a.forms("status=" + string(st))
		if err != nil {
			return err
		}
		inReview = append(inReview, forms...)
	}
	if len(inReview) == 0 {
		time.Sleep(20 * time.Millisecond)
		return nil
	}
	f := inReview[a.rng.IntN(len(inReview))]
	if a.rng.IntN(4) == 0 {
		// Approved forms are locked: a unit with maxApproved of them gets
		// its forms returned only, so that the fillers never run out of
		// forms to work on however many rounds run.
		code, body, err := a.call("GET", fmt.Sprintf("/api/forms?limit=1&status=approved&org=%d", f.OrgID), "", nil)
		if err != nil {
			return err
		}
		if !a.check("GET /api/forms", code, http.StatusOK, body) {
			return errCrashDown
		}
		var approved struct{ Total int }
		if err := json.Unmarshal(body, &approved); err != nil {
			return err
		}
		if approved.Total < maxApproved {
			return a.act(f, "approve", "同意")
		}
	}
	return a.act(f, "return", fmt.Sprintf("请补充成本指标的说明（%s-%d）", a.name, a.rng.Uint32()))
}

// crashActors signs in every filler and reviewer of the demo world on
// base. Sessions live in the database, so they outlive the server: the
// same actors work in every round, on the server of the round.
func crashActors(t *testing.T, base string, l *crashLedger, seed uint64) []*crashActor {
	t.Helper()
	var out []*crashActor
	for _, f := range crashFillers {
		out = append(out, newCrashActor(t, base, l, seed, f.user))
	}
	for _, r := range crashReviewers {
		out = append(out, newCrashActor(t, base, l, seed, r))
	}
	return out
}

// newCrashActor signs user (a filler of crashFillers or a reviewer) in on
// base.
func newCrashActor(t *testing.T, base string, l *crashLedger, seed uint64, user string) *crashActor {
	t.Helper()
	a := &crashActor{c: servetest.Login(t, base, user), l: l, name: user}
	var stream uint64
	for _, c := range user {
		stream = stream*31 + uint64(c)
	}
	a.rng = rand.New(rand.NewPCG(seed, stream))
	for _, f := range crashFillers {
		if f.user != user {
			continue
		}
		form, err := demo.Form(f.unit)
		if err != nil {
			t.Fatal(err)
		}
		for j := range form.Indicators {
			if strings.Contains(form.Indicators[j].Reason, "已完成") { // the reference's errors
				form.Indicators[j].Reason = "受疫情影响，部分项目延期至次年实施"
			}
		}
		a.unit, a.base = f.unit, form
	}
	return a
}

// run takes turns until stop is closed; a request the dying server did not
// answer ends nothing (the next one fails too, until stop).
func (a *crashActor) run(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		var err error
		if a.base != nil {
			err = a.fill()
		} else {
			err = a.review()
		}
		if err != nil {
			if !errors.Is(err, errCrashDown) {
				a.l.unexpectedAnswer("%s: %v", a.name, err)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}
