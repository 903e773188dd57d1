package web

import "testing"

// The caches hold at most maxCached entries, dropping the oldest; an entry
// put again keeps its first value (what a hash names does not change).
func TestCacheBounded(t *testing.T) {
	var c cache[int, string]
	for i := range maxCached + 10 {
		c.put(i, "first")
	}
	c.put(maxCached+5, "second")
	if len(c.m) != maxCached || len(c.order) != maxCached {
		t.Fatalf("%d entries (%d in order), want %d", len(c.m), len(c.order), maxCached)
	}
	for i, want := range map[int]bool{0: false, 9: false, 10: true, maxCached + 9: true} {
		if _, ok := c.get(i); ok != want {
			t.Errorf("entry %d kept: %v, want %v", i, ok, want)
		}
	}
	if v, _ := c.get(maxCached + 5); v != "first" {
		t.Errorf("an entry put again holds %q", v)
	}
}
