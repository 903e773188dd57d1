package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/store"
)

// logPageSize is how many entries the log page shows at a time.
const logPageSize = 50

// chainMaxAge is how old a verification of the whole chain the log page
// shows before it verifies again. Verifying reads and hashes every entry
// (0.42 s for 100,000 entries on SQLite, BenchmarkVerifyLog), too much for
// every view of a page that grows with every change; so the page shows the
// last verification with its time, a view verifies again once it is older
// than this, and the 重新校验 button verifies now.
const chainMaxAge = 10 * time.Minute

// chainCache is the last verification of the whole chain on this server,
// shared by its administrators. Its mutex also makes views that find it
// stale wait for one verification rather than each run their own.
type chainCache struct {
	mu    sync.Mutex
	check *jixiao.ChainCheck
	at    time.Time
}

// chainStatus is a verification as the page shows it.
type chainStatus struct {
	*jixiao.ChainCheck
	At    time.Time
	Since int64 // entries appended after it (not yet verified)
}

// verifyChain returns the last verification, verifying the whole chain
// again when there is none, it is older than chainMaxAge, or now is set.
func (s *Server) verifyChain(ctx context.Context, now bool) (*jixiao.ChainCheck, time.Time, error) {
	c := &s.chain
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.check == nil || now || time.Since(c.at) > chainMaxAge {
		// to its end even if this browser goes away: others may be waiting
		check, err := s.store.VerifyLog(context.WithoutCancel(ctx))
		if err != nil {
			return nil, time.Time{}, err
		}
		c.check, c.at = check, time.Now()
	}
	return c.check, c.at, nil
}

// logActions are the actions the filter offers, in the order of the
// workflow (their Chinese labels are jixiao.Action.Label).
var logActions = []jixiao.Action{
	jixiao.ActionFormCreate, jixiao.ActionFormSave, jixiao.ActionFormImport, jixiao.ActionFormSubmit,
	jixiao.ActionFormReturn, jixiao.ActionFormApprove, jixiao.ActionFormComment, jixiao.ActionFormRollup,
	jixiao.ActionTaskIssue, jixiao.ActionTaskExtend, jixiao.ActionProgramCreate,
	jixiao.ActionUserCreate, jixiao.ActionUserGrant, jixiao.ActionUserRevoke, jixiao.ActionUserDisable,
	jixiao.ActionUserPassword, jixiao.ActionLoginFailed, jixiao.ActionOrgCreate, jixiao.ActionRegionLoad,
}

// logRow is an entry as the page lists it.
type logRow struct {
	*jixiao.LogEntry
	Time   string // China time, to the second
	Short  string // the hash's first 12 digits (the full one is its title)
	Target bool   // the entry asked for (?seq=), or where the chain breaks
}

// logPage is the 日志 page's data.
type logPage struct {
	Chain        chainStatus
	Entries      []logRow
	Action       jixiao.Action
	Actions      []jixiao.Action
	FormID, Seq  int64
	Newer, Older string // links to the neighbouring pages ("" at the ends)
	Done         string
}

// logQuery is the page's filter and position, read from the address:
// ?action= and ?form= filter; ?before=N lists the entries before N newest
// first, ?after=N those after N (the page before, going back up), ?seq=N
// the page that starts at entry N; none, the newest entries.
type logQuery struct {
	action        jixiao.Action
	form, seq     int64
	before, after int64
}

func readLogQuery(q url.Values) logQuery {
	num := func(k string) int64 {
		n, _ := strconv.ParseInt(q.Get(k), 10, 64) // not a number: not given
		return max(n, 0)
	}
	l := logQuery{action: jixiao.Action(q.Get("action")), form: num("form"), seq: num("seq"), before: num("before"), after: num("after")}
	if l.seq > 0 {
		l.before, l.after = l.seq+1, 0
	}
	return l
}

// link is the page's address with the same filters at another position.
func (l logQuery) link(pos string, seq int64) string {
	v := url.Values{}
	if l.action != "" {
		v.Set("action", string(l.action))
	}
	if l.form != 0 {
		v.Set("form", strconv.FormatInt(l.form, 10))
	}
	v.Set(pos, strconv.FormatInt(seq, 10))
	return "/log?" + v.Encode()
}

// logDone are the messages after the page's one action.
var logDone = map[string]string{"verify": "已重新校验整条日志链。"}

// logPage lists the tamper-evident log, newest first, a page at a time,
// under the chain's verification status.
func (s *Server) logPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	l := readLogQuery(r.URL.Query())
	p := logPage{Action: l.action, Actions: logActions, FormID: l.form, Seq: l.seq, Done: doneText(logDone, r.URL.Query())}
	base := store.LogFilter{FormID: l.form, Action: l.action}
	var entries []*jixiao.LogEntry
	var err error
	// one entry more than the page, to know whether there are more
	f := base
	f.Limit = logPageSize + 1
	if l.after > 0 && l.before == 0 {
		f.After = l.after
		entries, err = s.store.Log(ctx, f)
		more := len(entries) > logPageSize
		entries = entries[:min(len(entries), logPageSize)]
		slices.Reverse(entries)
		if more {
			p.Newer = l.link("after", entries[0].Seq)
		}
	} else {
		f.Before, f.Newest = l.before, true
		entries, err = s.store.Log(ctx, f)
		if len(entries) > logPageSize {
			entries = entries[:logPageSize]
			p.Older = l.link("before", entries[len(entries)-1].Seq)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(entries) > 0 {
		// the way back: is anything newer (or older) than this page?
		newest, oldest := entries[0].Seq, entries[len(entries)-1].Seq
		if p.Newer == "" && (l.before > 0 || l.after > 0) {
			f := base
			f.After, f.Limit = newest, 1
			if more, err := s.store.Log(ctx, f); err == nil && len(more) > 0 {
				p.Newer = l.link("after", newest)
			}
		}
		if p.Older == "" && l.after > 0 {
			f := base
			f.Before, f.Newest, f.Limit = oldest, true, 1
			if more, err := s.store.Log(ctx, f); err == nil && len(more) > 0 {
				p.Older = l.link("before", oldest)
			}
		}
	}
	if p.Chain, err = s.chainStatus(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range entries {
		p.Entries = append(p.Entries, logRow{LogEntry: e, Short: shortHash(e.Hash), Time: e.At.In(store.ChinaTime()).Format("2006-01-02 15:04:05"),
			Target: e.Seq == l.seq || e.Seq == p.Chain.Broken})
	}
	s.render(w, r, http.StatusOK, "log", p)
}

// chainStatus is the last verification and how many entries came after it.
func (s *Server) chainStatus(ctx context.Context) (chainStatus, error) {
	check, at, err := s.verifyChain(ctx, false)
	if err != nil {
		return chainStatus{}, err
	}
	st := chainStatus{ChainCheck: check, At: at}
	last, err := s.store.Log(ctx, store.LogFilter{Newest: true, Limit: 1})
	if err != nil {
		return chainStatus{}, err
	}
	if len(last) > 0 && check.Broken == 0 {
		st.Since = max(last[0].Seq-check.HeadSeq, 0)
	}
	return st, nil
}

// logVerify verifies the whole chain now (the 重新校验 button).
func (s *Server) logVerify(w http.ResponseWriter, r *http.Request) {
	if _, _, err := s.verifyChain(r.Context(), true); err != nil {
		s.fail(w, r, err)
		return
	}
	done(w, r, "/log", "verify", nil)
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
