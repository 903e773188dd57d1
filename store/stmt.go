package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the statements of SQLite's write connection prepared.
// Every change runs on that one connection, and preparing (parsing and
// planning) a statement costs SQLite about as much as running it: a form's
// import runs some fifty small statements, so preparing each once per
// process instead of once per use takes a large share off storing a form
// (BENCHMARKS.md, issue 10: import). PostgreSQL needs none: pgx keeps a
// cache of its own on every connection.
//
// The read pool has a cache too: every page runs a handful of reads (the
// session, the user, the form), and parsing their SQL was a tenth of a
// page's CPU (RELIABILITY.md, issue 12: load). A statement prepared on the
// pool is prepared again on each connection the first time it runs there
// (database/sql keeps one per connection), then reused.
type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache: the queries of changes are a fixed set
// of texts, but one built from its arguments must not grow it forever.
const maxCachedStmts = 256

// stmt returns query prepared for t from the cache, or nil when t should
// simply run it. A query not cached yet is noted and prepared after t ends
// (warm): the pool's one connection is t's until then.
func (t *tx) stmt(ctx context.Context, query string) *sql.Stmt {
	c := t.stmts
	if c == nil {
		return nil
	}
	c.mu.Lock()
	st := c.m[query]
	c.mu.Unlock()
	if st == nil {
		t.missed = append(t.missed, query)
		return nil
	}
	// st was prepared on the pool's one connection, the transaction's:
	// database/sql reuses it rather than preparing it again.
	return t.StmtContext(ctx, st)
}

// warm prepares the queries a transaction ran that were not cached. It
// holds no lock while preparing: the connection may be another
// transaction's by then, which needs the cache too.
func (c *stmtCache) warm(ctx context.Context, queries []string) {
	for _, q := range queries {
		c.mu.Lock()
		_, have := c.m[q]
		full := c.m == nil || len(c.m) >= maxCachedStmts
		c.mu.Unlock()
		if have || full {
			continue
		}
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue // the query is run unprepared, and reports its error there
		}
		c.mu.Lock()
		if _, have := c.m[q]; have || c.m == nil {
			st.Close()
		} else {
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
