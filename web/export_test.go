package web

import (
	"maps"

	jixiao "github.com/jixiao/jixiao"
)

// CachedDocuments is what the cache of documents read holds (baseVersion),
// by hash: for the tests that check no edit changes it.
func (s *Server) CachedDocuments() map[string]*jixiao.Form {
	s.documents.mu.Lock()
	defer s.documents.mu.Unlock()
	return maps.Clone(s.documents.m)
}
