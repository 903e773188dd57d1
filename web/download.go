package web

import (
	"bytes"
	"mime"
	"net/http"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/docx"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/xlsx"
)

// downloads are the formats a form is downloaded in, written by the
// writers of `jixiao convert` at the time of the form's last change (so a
// version always downloads as the same bytes); findings is nil for a plain
// file.
var downloads = map[string]struct {
	contentType string
	write       func(b *bytes.Buffer, f *jixiao.StoredForm, findings [][]jixiao.Finding) error
}{
	"docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		func(b *bytes.Buffer, f *jixiao.StoredForm, fs [][]jixiao.Finding) error {
			return docx.Write(b, []*jixiao.Form{f.Form}, fs, f.UpdatedAt)
		}},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		func(b *bytes.Buffer, f *jixiao.StoredForm, fs [][]jixiao.Finding) error {
			return xlsx.Write(b, []*jixiao.Form{f.Form}, fs, f.UpdatedAt)
		}},
	"json": {"application/json; charset=utf-8",
		func(b *bytes.Buffer, f *jixiao.StoredForm, _ [][]jixiao.Finding) error {
			return jsonform.Write(b, []*jixiao.Form{f.Form})
		}},
}

// formDownload sends form {id} as .docx, .xlsx (with ?review=1: its
// findings as review comments on their cells and listed at the end, as
// `jixiao convert --annotate` writes them) or .json.
func (s *Server) formDownload(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	format := r.PathValue("format")
	d, ok := downloads[format]
	if !ok {
		s.fail(w, r, jixiao.Errorf(jixiao.KindNotFound, "不能下载为“%s”：可选 docx、xlsx、json", format))
		return
	}
	f, err := s.store.Form(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var findings [][]jixiao.Finding
	name := f.Org + "-" + strconv.Itoa(f.Year) + "-自评表"
	if r.URL.Query().Get("review") == "1" && format != "json" {
		report := s.store.Judge(f.Form)
		findings = [][]jixiao.Finding{append([]jixiao.Finding{}, report.Findings...)}
		name += "（审核意见）"
	}
	var buf bytes.Buffer
	if err := d.write(&buf, f, findings); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", d.contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + "." + format}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}
