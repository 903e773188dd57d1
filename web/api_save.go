package web

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
)

// apiSave stores a new version of form {id}: PUT /api/forms/{id}?version=N
// with the form as the body, in the documented JSON schema (what
// GET /forms/{id}/download/json gives; docs/form-schema.md). N is the
// version the client edited: when someone saved after it, the answer is 409
// naming who saved which version when, and nothing is stored (the client
// merges and saves again on the current version). The body is read as a
// .json file is, within the same limits.
func (s *Server) apiSave(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, err := strconv.Atoi(r.URL.Query().Get("version"))
	if err != nil || version <= 0 {
		s.fail(w, r, badRequest("缺少参数 version：写明您修改的是第几版（GET /api/forms/%d 的 version），如 ?version=3", id))
		return
	}
	forms, err := s.readSaved(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(forms) != 1 {
		s.fail(w, r, jixiao.Invalid("请求内容中有 %d 张自评表：一次只能保存一张", len(forms)))
		return
	}
	f, err := s.store.SaveForm(r.Context(), id, version, forms[0])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

// readSaved reads the form of a PUT: a body of up to a form file's size,
// read as a .json file is. A body the size of what the editor posts
// (editBody, declared in Content-Length, which net/http holds it to) is a
// save like the editor's and read at once; only a larger one is bounded as
// uploads are (upload_read.go), so that many clients saving ordinary forms
// never queue behind, or get the 503 of, file uploads.
func (s *Server) readSaved(r *http.Request) ([]*jixiao.Form, error) {
	large := r.ContentLength < 0 || r.ContentLength > editBody
	if large {
		admitted, err := s.uploads.admit(r.Context())
		if err != nil {
			return nil, err
		}
		defer admitted()
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	if large {
		release, err := s.checkSlot(r.Context(), "请求内容")
		if err != nil {
			return nil, err
		}
		defer release()
	}
	return jsonform.Reader{}.ReadForms("请求内容", data)
}

// actionRequest is the body of POST /api/forms/{id}/{action}.
type actionRequest struct {
	Version int    `json:"version"` // the version acted on (not needed to comment)
	Comment string `json:"comment"` // required to return; optional to approve
}

// apiAction does a workflow action — submit, return, approve, comment — on
// form {id} at the version given, as the form page's buttons do; the answer
// is the form as it is now (a comment: the comment).
func (s *Server) apiAction(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req actionRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.fail(w, r, jsonBodyError(err))
		return
	}
	action := r.PathValue("action")
	if req.Version == 0 && action != "comment" {
		s.fail(w, r, badRequest("缺少 version：写明您操作的是第几版（GET /api/forms/%d 的 version）", id))
		return
	}
	v, err := s.act(r, id, action, req.Version, req.Comment)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// act does a workflow action on form id at version, for the page and the
// API alike: the form as the action left it, or the comment.
func (s *Server) act(r *http.Request, id int64, action string, version int, text string) (any, error) {
	ctx := r.Context()
	switch action {
	case "submit":
		return s.store.Submit(ctx, id, version)
	case "return":
		return s.store.Return(ctx, id, version, text)
	case "approve":
		return s.store.Approve(ctx, id, version, text)
	case "comment":
		return s.store.AddComment(ctx, id, text)
	}
	return nil, jixiao.Errorf(jixiao.KindNotFound, "操作“%s”不存在（可用的操作：submit 提交、return 退回、approve 审核通过、comment 留言）", action)
}
