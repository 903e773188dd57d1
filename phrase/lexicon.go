package phrase

import "sort"

// lexicon is a small word list matched against the runes of a phrase, from a
// position forwards (units, suffixes, deadline words) or backwards from a
// position (the comparator words before a number). It always returns the
// longest word, so 不高于 wins over 高于 and 人次 over 人.
//
// The bitsets answer "can a word start (end) with this rune?" in a
// nanosecond, which keeps the per-rune cost of the scanner low: most runes of
// a phrase start no word at all.
type lexicon[T any] struct {
	first, last bitset
	byFirst     map[rune][]entry[T] // longest first
	byLast      map[rune][]entry[T] // longest first
}

type entry[T any] struct {
	w []rune
	v T
}

// bitset covers the Basic Multilingual Plane, where every word of the
// grammar lives.
type bitset [1 << 10]uint64

func (b *bitset) set(r rune) {
	if r < 1<<16 {
		b[r>>6] |= 1 << (r & 63)
	}
}

func (b *bitset) has(r rune) bool { return r < 1<<16 && b[r>>6]&(1<<(r&63)) != 0 }

// pair is one word of a lexicon and what it means.
type pair[T any] struct {
	w string
	v T
}

func newLexicon[T any](pairs []pair[T]) *lexicon[T] {
	l := &lexicon[T]{byFirst: map[rune][]entry[T]{}, byLast: map[rune][]entry[T]{}}
	for _, p := range pairs {
		w := []rune(p.w)
		if len(w) == 0 {
			continue
		}
		for i, r := range w {
			w[i] = fold(r) // words are written as people write them; match them folded
		}
		e := entry[T]{w, p.v}
		f, z := w[0], w[len(w)-1]
		l.first.set(f)
		l.last.set(z)
		l.byFirst[f] = append(l.byFirst[f], e)
		l.byLast[z] = append(l.byLast[z], e)
	}
	for _, m := range []map[rune][]entry[T]{l.byFirst, l.byLast} {
		for _, es := range m {
			sort.SliceStable(es, func(i, j int) bool { return len(es[i].w) > len(es[j].w) })
		}
	}
	return l
}

// matchAt returns the longest word that starts at i and the index after it.
func (l *lexicon[T]) matchAt(in *input, i int) (v T, end int, ok bool) {
	r := in.at(i)
	if !l.first.has(r) {
		return v, i, false
	}
	for _, e := range l.byFirst[r] {
		if in.hasAt(i, e.w) {
			return e.v, i + len(e.w), true
		}
	}
	return v, i, false
}

// matchBefore returns the longest word that ends just before j and its start.
func (l *lexicon[T]) matchBefore(in *input, j int) (v T, start int, ok bool) {
	r := in.at(j - 1)
	if !l.last.has(r) {
		return v, j, false
	}
	for _, e := range l.byLast[r] {
		if in.hasAt(j-len(e.w), e.w) {
			return e.v, j - len(e.w), true
		}
	}
	return v, j, false
}
