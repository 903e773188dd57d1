package web

import (
	"context"
	"sync"

	jixiao "github.com/jixiao/jixiao"
)

// What the server keeps between requests is only what a hash names and so
// never goes stale: sheets rendered (sheetcache.go) and documents decoded
// (document). Servers sharing a database need no coordination.

// maxCached bounds each cache (a sheet is about 70 KB, a document read
// about as much): the forms being worked on now, not every form ever
// opened.
const maxCached = 256

// cache keeps what is costly to make and never changes once made (a
// sheet, a document: named by a hash), dropping the oldest when full. What
// it holds is shared by every request: never changed after it is put.
type cache[K comparable, V any] struct {
	mu    sync.Mutex
	m     map[K]V
	order []K // insertion order, for eviction
}

func (c *cache[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	if _, ok := c.m[k]; ok {
		return
	}
	if len(c.order) >= maxCached {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[k] = v
	c.order = append(c.order, k)
}

// document is version version of form id, whose hash the caller has read
// (and so may see it): from the cache of documents when it is there, since
// decoding it was a tenth of the server's CPU under load (RELIABILITY.md).
// It is shared by every request: read-only (formedit.Apply edits a copy;
// Equal and Merge only read their base; the pages and the API only show it).
func (s *Server) document(ctx context.Context, id int64, version int, hash string) (*jixiao.Form, error) {
	if f, ok := s.documents.get(hash); ok {
		return f, nil
	}
	f, err := s.store.Revision(ctx, id, version)
	if err != nil {
		return nil, err
	}
	if hash != "" {
		s.documents.put(hash, f)
	}
	return f, nil
}
