package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/internal/checkfile"
)

// Reading uploads, shared by POST /api/check, POST /upload (the preview) and
// POST /upload/save: one streaming multipart reader within the CLI's size
// limit, and one way to read and check a form file (internal/checkfile, as
// `jixiao check` does), a bounded number at a time.

// upload is a multipart body as read: its file (or large text field) and
// the small text fields sent before it.
type upload struct {
	Name   string     // the file's base name as sent ("" for a text field)
	Data   []byte     // at most jixiao.MaxFileSize bytes
	Fields url.Values // the text fields before it, each at most maxFieldBytes
}

// Small fields (a form id, a version, a program's name) sent beside an
// upload are bounded in size and number; the body limit bounds the rest.
//
// A file's name is bounded as file systems bound it (255 bytes): the
// preview shows it and posts it back to be saved with the form.
const (
	maxFieldBytes = 1 << 10
	maxFields     = 32
	maxFileName   = 255
)

// readUpload reads a multipart/form-data body streaming — no temporary
// files — up to the part named field: a file (file true) or a text field
// (the form a preview posts back on save), of at most jixiao.MaxFileSize
// bytes (the body limit stops a larger request early). The text fields
// before it are kept in Fields, also when reading fails, so a page shown
// again keeps what the user chose.
func readUpload(r *http.Request, field string, file bool) (*upload, error) {
	up := &upload{Fields: url.Values{}}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return up, badRequest("请以 multipart/form-data 上传文件，字段名为 %s", field)
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return up, badRequest("上传的内容无法读取（%v），请以 multipart/form-data 上传文件，字段名为 %s", err, field)
	}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			return up, badRequest("没有收到文件：请在字段 %s 中上传自评表文件", field)
		}
		if err != nil {
			return up, uploadError(err)
		}
		if part.FormName() != field {
			if part.FileName() == "" && n < maxFields {
				v, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
				if err != nil {
					return up, uploadError(err)
				}
				if len(v) > maxFieldBytes {
					return up, badRequest("字段 %s 太长（上限 %s）", part.FormName(), jixiao.ByteSize(maxFieldBytes))
				}
				up.Fields.Add(part.FormName(), string(v))
			}
			part.Close()
			continue
		}
		up.Name = part.FileName()
		if len(up.Name) > maxFileName {
			return up, jixiao.Invalid("文件名太长（%s，上限 %d 字节）：请把文件改为短一些的名字后再上传", jixiao.ByteSize(int64(len(up.Name))), maxFileName)
		}
		label := up.Name
		switch {
		case file && up.Name == "":
			return up, badRequest("字段 %s 应是一个文件（带文件名），而不是文本", field)
		case !file:
			label = "预览内容"
		}
		up.Data, err = io.ReadAll(io.LimitReader(part, jixiao.MaxFileSize+1))
		if err != nil {
			return up, uploadError(err)
		}
		switch {
		case len(up.Data) > jixiao.MaxFileSize:
			return up, jixiao.Invalid("%s：文件超过上限 %s。自评表通常不超过 1 MB，请确认文件是否正确", label, jixiao.ByteSize(jixiao.MaxFileSize))
		case len(up.Data) == 0:
			return up, jixiao.Invalid("%s：文件为空", label)
		case len(bytes.TrimSpace(up.Data)) == 0:
			return up, jixiao.Invalid("%s：文件为空（只有空白）", label)
		}
		return up, nil
	}
}

func uploadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return err
	}
	return badRequest("上传中断或格式不对（%v），请重新上传", err)
}

// checkSlot waits for one of the s.checks slots, which bound the uploads
// read and checked at once (CPU-bound work of up to MaxFileSize each, or a
// LibreOffice conversion); release gives it back.
func (s *Server) checkSlot(ctx context.Context, name string) (release func(), err error) {
	select {
	case s.checks <- struct{}{}:
		return func() { <-s.checks }, nil
	case <-ctx.Done():
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: name + "：上传已取消，文件没有读完", Err: ctx.Err()}
	}
}

// checkUpload reads the form file of the multipart field "file" and checks
// each of its forms exactly as `jixiao check` does (internal/checkfile: the
// same readers, limits and audit configuration, s.store.Audit, which is what
// s.store.Judge uses): a report per form, each carrying its form. A file
// that cannot be read is an error with the CLI's Chinese message.
func (s *Server) checkUpload(r *http.Request) (*upload, []jixiao.Report, error) {
	up, err := readUpload(r, "file", true)
	if err != nil {
		return up, nil, err
	}
	release, err := s.checkSlot(r.Context(), up.Name)
	if err != nil {
		return up, nil, err
	}
	defer release()
	res := checkfile.Bytes(r.Context(), up.Name, up.Data, s.store.Audit)
	if res.Panicked != nil {
		return up, nil, &jixiao.Error{Kind: jixiao.KindInternal, Message: up.Name + "：检查时发生内部错误", Err: errors.New(panicText(res.Panicked))}
	}
	return up, res.Reports, res.Err
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
