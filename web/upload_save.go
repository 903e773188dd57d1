package web

import (
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/checkfile"
	"github.com/jixiao/jixiao/store"
)

// sha256Hex is a SHA-256 as the preview writes it.
var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// uploadSave stores the form a preview showed. The preview posts the form
// back as a JSON form file (multipart field "document", after the small
// fields naming the target and the file): it is read again with the JSON
// reader's limits — the browser may send anything — and the store judges
// it again as it saves. A new form is created as a draft of the chosen
// unit; a replaced form gets a new version, refused as a conflict when the
// form changed since the preview (nothing is overwritten). A refusal shows
// the preview again with the reason; success goes to the form's page.
func (s *Server) uploadSave(w http.ResponseWriter, r *http.Request) {
	admitted, err := s.uploads.admit(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer admitted()
	up, err := readUpload(r, "document", false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := up.Fields
	file := filepath.Base(strings.TrimSpace(strings.ReplaceAll(v.Get("source"), `\`, "/")))
	if file == "." || file == "/" {
		file = ""
	}
	hash := v.Get("hash")
	if !sha256Hex.MatchString(hash) {
		hash = "" // not what the preview wrote: the form is saved without it
	}
	release, err := s.checkSlot(r.Context(), "预览内容")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	forms, err := checkfile.Parse(r.Context(), "预览内容.json", up.Data)
	release()
	if err == nil && len(forms) != 1 {
		err = badRequest("预览内容应有 1 张表，实有 %d 张：请重新上传文件", len(forms))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form := forms[0]
	t, err := s.uploadTarget(r, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	var saved *jixiao.StoredForm
	done := "upload"
	org, _ := strconv.ParseInt(v.Get("org"), 10, 64)
	year, yerr := strconv.Atoi(strings.TrimSpace(v.Get("year")))
	program := strings.TrimSpace(v.Get("program"))
	switch {
	case t.Replace != nil:
		done = "replace"
		version, verr := strconv.Atoi(v.Get("version"))
		if verr != nil {
			s.fail(w, r, badRequest("缺少自评表的版本号：请重新上传文件"))
			return
		}
		saved, err = s.store.SaveFormFrom(ctx, t.Replace.ID, version, form, file, hash)
	case org == 0:
		err = jixiao.Invalid("请选择要为哪个单位保存自评表")
	case yerr != nil:
		err = jixiao.Invalid("年度“%s”不对：请填写四位数的年份，如 2021", v.Get("year"))
	case form.Year != 0 && form.Year != year:
		// as import refuses it: a form of one year stored as another's
		err = jixiao.Invalid("文件中的年度是 %d 年，而您填写的是 %d 年：请核对文件或年度", form.Year, year)
	default:
		form.Year = year // the year typed for a file that does not say
		saved, err = s.store.CreateForm(ctx, store.NewForm{Program: program, Year: year, OrgID: org, Form: form,
			Source: file, SourceHash: hash})
	}
	switch {
	case err == nil:
		http.Redirect(w, r, "/forms/"+strconv.FormatInt(saved.ID, 10)+"?done="+done, http.StatusSeeOther)
	case status(err) == http.StatusNotFound || status(err) >= 500:
		s.fail(w, r, err)
	default:
		// refused (a stale version, another unit's form, a form that exists
		// already): the preview again, against the target as read in this
		// request (a replaced form at its current version), with the reason
		// and what the user typed
		p, perr := s.preview(r, t, file, hash, s.store.Judge(form))
		if perr != nil {
			s.fail(w, r, perr)
			return
		}
		p.Error = message(err)
		if t.Replace == nil {
			p.Program = program
			if yerr == nil {
				p.Year = year
			}
		}
		s.render(w, r, status(err), "upload_preview", p)
	}
}
