package web

import (
	"bytes"
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
	var buf bytes.Buffer
	out := jsonout.NewArray(&buf)
	for i := range reports {
		out.Add(&reports[i])
	}
	if err := out.Close(); err != nil {
		s.fail(w, r, err)
		return
	}
	turn.answered()
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
