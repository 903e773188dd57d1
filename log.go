package jixiao

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"time"
)

// LogEntry is one change in the tamper-evident log. Each entry's Hash covers
// every field and the hash of the entry before it (PrevHash), so editing,
// deleting, inserting or reordering entries breaks the chain where it was
// done (`jixiao log verify`).
type LogEntry struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	ActorID    int64     `json:"actor_id,omitempty"` // 0: the command line, or nobody (a failed login)
	Actor      string    `json:"actor"`
	Action     Action    `json:"action"`
	Object     string    `json:"object"` // form, user, organisation, task, region, program, login
	ObjectID   string    `json:"object_id"`
	FormID     int64     `json:"form_id,omitempty"`
	HashBefore string    `json:"hash_before,omitempty"` // the form's document hash before and after
	HashAfter  string    `json:"hash_after,omitempty"`
	Detail     string    `json:"detail"` // what changed, in Chinese
	PrevHash   string    `json:"prev_hash"`
	Hash       string    `json:"hash"`
}

// Action is what a log entry records.
type Action string

// Actions.
const (
	ActionFormCreate    Action = "form.create"
	ActionFormSave      Action = "form.save"
	ActionFormImport    Action = "form.import"
	ActionFormSubmit    Action = "form.submit"
	ActionFormReturn    Action = "form.return"
	ActionFormApprove   Action = "form.approve"
	ActionFormComment   Action = "form.comment"
	ActionFormRollup    Action = "form.rollup"
	ActionUserCreate    Action = "user.create"
	ActionUserPassword  Action = "user.password"
	ActionUserGrant     Action = "user.grant"
	ActionUserRevoke    Action = "user.revoke"
	ActionUserDisable   Action = "user.disable"
	ActionLoginFailed   Action = "login.failed"
	ActionOrgCreate     Action = "org.create"
	ActionRegionLoad    Action = "region.load"
	ActionProgramCreate Action = "program.create"
	ActionTaskIssue     Action = "task.issue"
	ActionTaskExtend    Action = "task.extend"
)

var actionLabels = map[Action]string{
	ActionFormCreate: "新建自评表", ActionFormSave: "保存自评表", ActionFormImport: "导入自评表",
	ActionFormSubmit: "提交", ActionFormReturn: "退回", ActionFormApprove: "审核通过",
	ActionFormComment: "评论", ActionFormRollup: "汇总生成地区表",
	ActionUserCreate: "新建用户", ActionUserPassword: "修改密码", ActionUserGrant: "授予角色",
	ActionUserRevoke: "撤销角色", ActionUserDisable: "停用用户", ActionLoginFailed: "登录失败",
	ActionOrgCreate: "新建单位", ActionRegionLoad: "载入地区", ActionProgramCreate: "新建项目",
	ActionTaskIssue: "下发自评任务", ActionTaskExtend: "延长截止时间",
}

// Label is the Chinese name of the action.
func (a Action) Label() string {
	if l, ok := actionLabels[a]; ok {
		return l
	}
	return string(a)
}

// LogTimeFormat is how a log entry's time enters its hash (and the database).
const LogTimeFormat = "2006-01-02T15:04:05.000000Z"

// ComputeHash returns the entry's hash: SHA-256 over a version tag and every
// field but Hash, each written with its length so no two entries share an
// encoding.
func (e *LogEntry) ComputeHash() string {
	h := sha256.New()
	buf := make([]byte, 0, 256)
	field := func(s string) {
		buf = strconv.AppendInt(buf[:0], int64(len(s)), 10)
		buf = append(buf, ':')
		buf = append(buf, s...)
		buf = append(buf, '\n')
		h.Write(buf)
	}
	field("jixiao-log-v1")
	field(strconv.FormatInt(e.Seq, 10))
	field(e.At.UTC().Format(LogTimeFormat))
	field(strconv.FormatInt(e.ActorID, 10))
	field(e.Actor)
	field(string(e.Action))
	field(e.Object)
	field(e.ObjectID)
	field(strconv.FormatInt(e.FormID, 10))
	field(e.HashBefore)
	field(e.HashAfter)
	field(e.Detail)
	field(e.PrevHash)
	return hex.EncodeToString(h.Sum(nil))
}

// ChainCheck verifies a log read in order of Seq, one entry at a time.
type ChainCheck struct {
	Entries int64
	last    *LogEntry
	// Broken is the first entry found wrong (its Seq), 0 while intact.
	Broken  int64
	Problem string // in Chinese: what is wrong there
	// HeadSeq and HeadHash are the head the database keeps: written down
	// elsewhere (a printout, another system), they show later whether the
	// chain was rewritten from some entry on, which the chain alone cannot.
	HeadSeq  int64
	HeadHash string
}

// Add checks the next entry; it returns false once the chain is broken.
func (c *ChainCheck) Add(e *LogEntry) bool {
	if c.Broken != 0 {
		return false
	}
	wantSeq, wantPrev := int64(1), ""
	if c.last != nil {
		wantSeq, wantPrev = c.last.Seq+1, c.last.Hash
	}
	switch {
	case e.Seq != wantSeq && e.Seq > wantSeq:
		c.fail(wantSeq, seqRange("", wantSeq, e.Seq-1)+"记录已被删除")
	case e.Seq != wantSeq:
		c.fail(e.Seq, "第 "+itoa64(e.Seq)+" 条记录的序号被改动或顺序被调换")
	case e.ComputeHash() != e.Hash:
		c.fail(e.Seq, "第 "+itoa64(e.Seq)+" 条记录的内容被修改（与其哈希不符）")
	case e.PrevHash != wantPrev:
		c.fail(e.Seq, "第 "+itoa64(e.Seq)+" 条记录与前一条接不上：前面的记录被删除、插入、修改或调换了顺序")
	}
	if c.Broken != 0 {
		return false
	}
	cp := *e
	c.last = &cp
	c.Entries++
	return true
}

// End checks the chain's end against the head the database keeps (the last
// Seq and Hash written), which shows entries deleted from the end.
func (c *ChainCheck) End(headSeq int64, headHash string) {
	c.HeadSeq, c.HeadHash = headSeq, headHash
	if c.Broken != 0 {
		return
	}
	var lastSeq int64
	lastHash := ""
	if c.last != nil {
		lastSeq, lastHash = c.last.Seq, c.last.Hash
	}
	switch {
	case headSeq > lastSeq:
		c.fail(lastSeq+1, seqRange("最后的", lastSeq+1, headSeq)+"记录已被删除")
	case headSeq != lastSeq || headHash != lastHash:
		c.fail(lastSeq, "日志末尾与记录的链头不符：第 "+itoa64(lastSeq)+" 条之后的记录被改动，或链头被修改")
	}
}

func (c *ChainCheck) fail(seq int64, problem string) {
	if seq < 1 {
		seq = 1
	}
	c.Broken, c.Problem = seq, problem
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// seqRange names entries from to to: 第 5 条, or 第 5 条至第 7 条.
func seqRange(prefix string, from, to int64) string {
	if from == to {
		return prefix + "第 " + itoa64(from) + " 条"
	}
	return prefix + "第 " + itoa64(from) + " 条至第 " + itoa64(to) + " 条"
}
