package web

import (
	"net/http"

	"github.com/jixiao/jixiao/internal/jsonout"
)

// apiCheck checks an uploaded form file (multipart field "file") and
// answers exactly what `jixiao check --json` prints for that file: the same
// code (checkUpload: internal/checkfile, internal/jsonout) with the same
// limits (formfile). A file that cannot be read is a 4xx with the CLI's
// Chinese message; findings, even errors, are a 200.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	_, reports, turn, err := s.checkUpload(r)
	defer turn.done()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// streamed, as the command line prints it, not held: the reports of a
	// file of many forms are several times its size (134 MB of JSON for
	// the 19 MB of json-forms-at-limit; ten at once, held, took the server
	// past 500 MB). An encoding error cannot happen with these values; a
	// client gone away is nobody's to hear of.
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	out := jsonout.NewArray(w)
	for i := range reports {
		out.Add(&reports[i])
	}
	out.Close()
}
