package web

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/checkfile"
	"github.com/jixiao/jixiao/internal/jsonout"
)

// apiCheck checks an uploaded form file (multipart field "file") and
// answers exactly what `jixiao check --json` prints for that file: the same
// code (internal/checkfile, internal/jsonout) with the same limits
// (formfile). A file that cannot be read is a 4xx with the CLI's Chinese
// message; findings, even errors, are a 200.
func (s *Server) apiCheck(w http.ResponseWriter, r *http.Request) {
	name, data, err := readUpload(r, "file")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	select {
	case s.checks <- struct{}{}:
		defer func() { <-s.checks }()
	case <-r.Context().Done():
		return // the client has gone
	}
	res := checkfile.Bytes(r.Context(), name, data, s.store.Audit)
	if res.Panicked != nil {
		s.fail(w, r, &jixiao.Error{Kind: jixiao.KindInternal, Message: name + "：检查时发生内部错误", Err: errors.New(panicText(res.Panicked))})
		return
	}
	if res.Err != nil {
		s.fail(w, r, res.Err)
		return
	}
	var buf bytes.Buffer
	out := jsonout.NewArray(&buf)
	for i := range res.Reports {
		out.Add(&res.Reports[i])
	}
	if err := out.Close(); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

func panicText(p any) string {
	if err, ok := p.(error); ok {
		return err.Error()
	}
	if s, ok := p.(string); ok {
		return s
	}
	return "panic"
}

// readUpload reads the file of multipart field field, streaming: no
// temporary files, at most jixiao.MaxFileSize bytes kept (the body limit
// stops a larger request). The file's name is its base name as sent.
func readUpload(r *http.Request, field string) (string, []byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return "", nil, badRequest("请以 multipart/form-data 上传文件，字段名为 %s", field)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, badRequest("上传的内容无法读取（%v），请以 multipart/form-data 上传文件，字段名为 %s", err, field)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, badRequest("没有收到文件：请在字段 %s 中上传自评表文件", field)
		}
		if err != nil {
			return "", nil, uploadError(err)
		}
		if part.FormName() != field {
			part.Close()
			continue
		}
		name := part.FileName()
		if name == "" {
			return "", nil, badRequest("字段 %s 应是一个文件（带文件名），而不是文本", field)
		}
		data, err := io.ReadAll(io.LimitReader(part, jixiao.MaxFileSize+1))
		if err != nil {
			return "", nil, uploadError(err)
		}
		switch {
		case len(data) > jixiao.MaxFileSize:
			return "", nil, jixiao.Invalid("%s：文件超过上限 %s。自评表通常不超过 1 MB，请确认文件是否正确", name, jixiao.ByteSize(jixiao.MaxFileSize))
		case len(data) == 0:
			return "", nil, jixiao.Invalid("%s：文件为空", name)
		case len(bytes.TrimSpace(data)) == 0:
			return "", nil, jixiao.Invalid("%s：文件为空（只有空白）", name)
		}
		return name, data, nil
	}
}

func uploadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return badRequest("上传中断或格式不对（%v），请重新上传", err)
}
