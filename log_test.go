package jixiao

import (
	"strings"
	"testing"
	"time"
)

func chain(n int) []*LogEntry {
	var out []*LogEntry
	prev := ""
	for i := 1; i <= n; i++ {
		e := &LogEntry{Seq: int64(i), At: time.Date(2022, 3, 1, 9, 0, i, 0, time.UTC), Actor: "张三（zs）", Action: ActionFormSave,
			Object: "form", ObjectID: "7", FormID: 7, Detail: "保存第 " + itoa64(int64(i)) + " 版", PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

// TestLogHashIsStable pins the hash encoding: changing it would make every
// stored log fail verification.
func TestLogHashIsStable(t *testing.T) {
	e := chain(1)[0]
	const want = "a7657767615ebf2b63ccea10285a7ab0ffbf1d4bbce93f05857a84d302c4fe9d"
	if e.Hash != want {
		t.Fatalf("the hash of a log entry changed: %s, was %s", e.Hash, want)
	}
	// Moving a byte from one field to the next changes the hash.
	f := *e
	f.Actor, f.Action = "张三（zs", Action("）"+string(e.Action))
	if f.ComputeHash() == e.Hash {
		t.Fatal("fields are not delimited")
	}
}

func TestChainCheck(t *testing.T) {
	cases := []struct {
		name   string
		mutate func([]*LogEntry) ([]*LogEntry, int64, string) // entries, head seq, head hash
		broken int64
		says   string
	}{
		{"intact", func(es []*LogEntry) ([]*LogEntry, int64, string) { return es, 5, es[4].Hash }, 0, ""},
		{"edited", func(es []*LogEntry) ([]*LogEntry, int64, string) {
			es[2].Detail = "改过"
			return es, 5, es[4].Hash
		}, 3, "第 3 条记录的内容被修改"},
		{"deleted in the middle", func(es []*LogEntry) ([]*LogEntry, int64, string) {
			return append(es[:1:1], es[2:]...), 5, es[4].Hash
		}, 2, "第 2 条记录已被删除"},
		{"deleted at the end", func(es []*LogEntry) ([]*LogEntry, int64, string) { return es[:3], 5, es[4].Hash }, 4, "最后的第 4 条至第 5 条"},
		{"swapped", func(es []*LogEntry) ([]*LogEntry, int64, string) {
			es[1].Seq, es[2].Seq = 3, 2
			return []*LogEntry{es[0], es[2], es[1], es[3], es[4]}, 5, es[4].Hash
		}, 2, "第 2 条记录的内容被修改"},
		{"re-hashed after an edit", func(es []*LogEntry) ([]*LogEntry, int64, string) {
			es[1].Detail = "改过"
			es[1].Hash = es[1].ComputeHash()
			return es, 5, es[4].Hash
		}, 3, "与前一条接不上"},
		{"head edited", func(es []*LogEntry) ([]*LogEntry, int64, string) { return es, 5, "x" }, 5, "链头"},
	}
	for _, c := range cases {
		es, seq, hash := c.mutate(chain(5))
		var ch ChainCheck
		for _, e := range es {
			if !ch.Add(e) {
				break
			}
		}
		ch.End(seq, hash)
		if ch.Broken != c.broken || !strings.Contains(ch.Problem, c.says) {
			t.Errorf("%s: broken at %d (%s), want %d with %q", c.name, ch.Broken, ch.Problem, c.broken, c.says)
		}
	}
}
