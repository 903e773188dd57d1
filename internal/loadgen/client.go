package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
	"github.com/jixiao/jixiao/jsonform"
)

// storedForm is what GET /api/forms and /api/forms/{id} answer, as far as
// the generator needs it.
type storedForm struct {
	ID      int64           `json:"id"`
	Program string          `json:"program"`
	Year    int             `json:"year"`
	OrgID   int64           `json:"org_id"`
	Status  string          `json:"status"`
	Version int             `json:"version"`
	Hash    string          `json:"hash"`
	Form    json.RawMessage `json:"form"`
}

func (f *storedForm) editable() bool { return f.Status == "draft" || f.Status == "returned" }

// edited is a form as a client last read it: the version its next save
// starts from, and the document.
type edited struct {
	id          int64
	version     int
	form        *jixiao.Form
	editableNow bool // still a draft or returned when last read
	// shown are the ids of the finding slots that show findings after the
	// last check, which the next one posts as _shown (as editor.js does):
	// the answer then leaves the unchanged slots out.
	shown string
}

// unit is what a client knows of its account's forms: every one it may
// read, and the editable ones as last read.
type unit struct {
	all      []int64
	editable []*edited
}

// copy gives a client its own view: its saves start from what it read.
func (u *unit) copy() *unit {
	c := &unit{all: u.all}
	for _, e := range u.editable {
		e := *e
		c.editable = append(c.editable, &e)
	}
	return c
}

// client is one simulated user: a session (one cookie, valid on every
// server), the forms of its unit, its random choices.
type client struct {
	id      int
	cfg     *Config
	hc      *http.Client
	account string
	cookie  string
	unit    *unit
	rng     *rand.Rand
	res     *Result
	next    int // the server of the next request: they alternate
	saves   int
}

// target is the server of the client's next request.
func (c *client) target() string {
	t := c.cfg.Targets[c.next%len(c.cfg.Targets)]
	c.next++
	return t
}

// operate does one operation of the mix; due is when it was due (open
// loop) or started (closed loop): its latency counts from then.
func (c *client) operate(ctx context.Context, due time.Time) {
	m := c.cfg.Mix
	n := c.rng.IntN(m.Reads + m.Checks + m.Saves)
	switch {
	case n < m.Reads || len(c.unit.editable) == 0:
		c.read(ctx, due)
	case n < m.Reads+m.Checks:
		c.check(ctx, due)
	default:
		c.save(ctx, due)
	}
}

// readPaths are the pages read, with their weights: the form page most.
var readPaths = []struct {
	path   string // %d: a form of the unit
	weight int
}{{"/", 15}, {"/forms", 15}, {"/forms/%d", 40}, {"/forms/%d/print", 15}, {"/api/forms/%d", 15}}

func (c *client) read(ctx context.Context, due time.Time) {
	n := c.rng.IntN(100)
	path := readPaths[0].path
	for _, p := range readPaths {
		if n < p.weight {
			path = p.path
			break
		}
		n -= p.weight
	}
	var id int64
	if strings.Contains(path, "%d") {
		id = c.unit.all[c.rng.IntN(len(c.unit.all))]
		path = fmt.Sprintf(path, id)
	}
	code, body := c.do(ctx, KindRead, due, http.MethodGet, path, "", nil)
	if code == http.StatusOK && strings.HasPrefix(path, "/api/") {
		c.remember(id, body) // a client's next save starts from what it read last
	}
}

// check is the editor's live check: the whole form as the page posts it
// (formedit.Post, the base version), with a change being typed, answered
// as htmx fragments.
func (c *client) check(ctx context.Context, due time.Time) {
	e := c.unit.editable[c.rng.IntN(len(c.unit.editable))]
	v := url.Values(formedit.Post(e.form))
	v.Set("_base", strconv.Itoa(e.version))
	v.Set("notes", e.form.Notes+strings.Repeat("。", 1+c.rng.IntN(3)))
	if e.shown != "" {
		v.Set("_shown", e.shown)
	}
	code, answer := c.do(ctx, KindCheck, due, http.MethodPost, "/forms/"+strconv.FormatInt(e.id, 10)+"/check",
		"application/x-www-form-urlencoded", strings.NewReader(v.Encode()), "HX-Request", "true", "HX-Trigger", "editor")
	if code == http.StatusOK {
		var ids []string
		for _, m := range flagged.FindAllSubmatch(answer, -1) {
			ids = append(ids, string(m[1]))
		}
		e.shown = strings.Join(ids, " ")
	}
}

// flagged finds the finding slots of a check's answer that show findings.
var flagged = regexp.MustCompile(`<span id="(n-[^"]+)" class="notes" hx-swap-oob="true"><span class="finding`)

// save saves a form of the unit from the version the client read last,
// with a 说明 that names this save; on 409 (someone saved since) it reads
// the form again and saves on the current version, up to three times.
func (c *client) save(ctx context.Context, due time.Time) {
	e := c.unit.editable[c.rng.IntN(len(c.unit.editable))]
	c.saves++
	kind := KindSave
	for try := 0; try < 4; try++ {
		f := *e.form // the slices are shared, never changed
		f.Notes = fmt.Sprintf("无。（负载测试：客户端 %d 第 %d 次保存，第 %d 次尝试）", c.id, c.saves, try+1)
		var body bytes.Buffer
		if err := jsonform.Write(&body, []*jixiao.Form{&f}); err != nil {
			panic(err) // a form read from the server always writes
		}
		target := c.cfg.Targets[c.next%len(c.cfg.Targets)]
		path := "/api/forms/" + strconv.FormatInt(e.id, 10) + "?version=" + strconv.Itoa(e.version)
		code, answer := c.do(ctx, kind, due, http.MethodPut, path, "application/json", &body)
		s := Save{Client: c.id, Account: c.account, Target: target, FormID: e.id, Base: e.version, Status: code, Sent: &f}
		switch code {
		case http.StatusOK:
			var sf storedForm
			if err := json.Unmarshal(answer, &sf); err == nil {
				s.Version, s.Hash = sf.Version, sf.Hash
				e.version, e.form = sf.Version, &f
			}
		case http.StatusConflict:
			var ae struct{ Error string }
			json.Unmarshal(answer, &ae)
			s.Message = ae.Error
		}
		c.res.recordSave(s)
		if code != http.StatusConflict {
			return
		}
		// someone saved in between: read the form again, save on it
		code, answer = c.do(ctx, KindReread, time.Now(), http.MethodGet, "/api/forms/"+strconv.FormatInt(e.id, 10), "", nil)
		if code != http.StatusOK || !c.remember(e.id, answer) || !e.editableNow {
			return
		}
		kind, due = KindRetry, time.Now()
	}
}

// remember keeps the form of answer (GET /api/forms/{id}) as the one the
// client's next check or save of it starts from.
func (c *client) remember(id int64, answer []byte) bool {
	var sf storedForm
	if err := json.Unmarshal(answer, &sf); err != nil {
		return false
	}
	for _, e := range c.unit.editable {
		if e.id == id {
			f, err := readForm(sf.Form)
			if err != nil {
				return false
			}
			e.version, e.form, e.editableNow = sf.Version, f, sf.editable()
			return true
		}
	}
	return false
}

// do sends one request to the next server, reads the whole answer and
// counts it under kind, its latency from due.
func (c *client) do(ctx context.Context, kind Kind, due time.Time, method, path, contentType string, body io.Reader, header ...string) (int, []byte) {
	target := c.target()
	req, err := http.NewRequestWithContext(ctx, method, target+path, body)
	if err != nil {
		panic(err) // the paths are ours
	}
	req.Header.Set("Cookie", c.cookie)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.res.record(kind, 0, time.Since(due), fmt.Sprintf("%s %s %s: %v", target, method, path, err))
		return 0, nil
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	latency := time.Since(due)
	if err != nil {
		c.res.record(kind, 0, latency, fmt.Sprintf("%s %s %s: reading the answer: %v", target, method, path, err))
		return 0, nil
	}
	detail := ""
	if resp.StatusCode >= 300 && resp.StatusCode != http.StatusConflict {
		detail = fmt.Sprintf("%s %s %s: %d %s %.200s", target, method, path, resp.StatusCode, resp.Header.Get("Location"), data)
	}
	c.res.record(kind, resp.StatusCode, latency, detail)
	return resp.StatusCode, data
}

func readForm(raw json.RawMessage) (*jixiao.Form, error) {
	forms, err := jsonform.Reader{}.ReadForms("form.json", raw)
	if err != nil {
		return nil, err
	}
	if len(forms) != 1 {
		return nil, fmt.Errorf("%d forms in one", len(forms))
	}
	return forms[0], nil
}
