package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"sync/atomic"
	"time"

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
		// one allocation of about the body's size, not io.ReadAll's
		// doubling (twice the memory of a 20 MB file, half of it garbage)
		buf := bytes.NewBuffer(make([]byte, 0, min(max(r.ContentLength, 0), jixiao.MaxFileSize+1)))
		if _, err := io.Copy(buf, io.LimitReader(part, jixiao.MaxFileSize+1)); err != nil {
			return up, uploadError(err)
		}
		up.Data = buf.Bytes()
		switch {
		case len(up.Data) > jixiao.MaxFileSize:
			return up, &jixiao.Error{Kind: jixiao.KindInvalid, Err: errTooLarge, Message: fmt.Sprintf(
				"%s：文件超过上限 %s。自评表通常不超过 1 MB，请确认文件是否正确", label, jixiao.ByteSize(jixiao.MaxFileSize))}
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

// checkSlots is how many uploads are read and checked at once on procs
// processors: all but one, so that pages, live checks and saves always
// find a processor free instead of queueing behind checks (on two cores,
// with two checks running, pages took about 5 times as long; issue 12).
func checkSlots(procs int) int { return max(1, procs-1) }

// Uploads are bounded twice. s.checks (checkSlots) bounds the
// files being read and checked at once: CPU-bound work of up to
// MaxFileSize each, or a LibreOffice conversion. s.uploads bounds the
// requests that hold an upload's bytes — being received, waiting for a
// check slot, being checked — each up to MaxFileSize and a reader's working
// set: heldPerSlot per check slot. A request past that bound waits its turn
// before reading its body (the client's upload pauses), up to uploadWait;
// at most queuedPerSlot per slot wait, and a request past that, or one
// that waited too long, is refused at once with 503, Retry-After and a
// Chinese message. Pages and other requests never wait here.
const (
	heldPerSlot   = 2
	queuedPerSlot = 8
	uploadWait    = time.Minute
	// uploadRetry is the Retry-After of a refused upload: a few files
	// checked per slot.
	uploadRetry = 10 * time.Second
	// idleRelease is how long after the last upload the memory the
	// uploads took is given back to the system (see release).
	idleRelease = time.Second
)

// uploadGate is s.uploads: the requests holding an upload, those waiting.
type uploadGate struct {
	held       chan struct{}
	waiting    atomic.Int64
	maxWaiting int64
	wait       time.Duration // uploadWait
	idle       *time.Timer   // gives memory back once no upload is held
}

func newUploadGate(slots int) *uploadGate {
	g := &uploadGate{held: make(chan struct{}, heldPerSlot*slots), maxWaiting: int64(queuedPerSlot * slots), wait: uploadWait}
	g.idle = time.AfterFunc(time.Hour, g.giveBack)
	g.idle.Stop()
	return g
}

// errBusy is an upload refused because too many are under way.
var errBusy = &jixiao.Error{Kind: jixiao.KindUnavailable, Err: errTooBusy, Message: fmt.Sprintf(
	"服务器正忙：同时上传检查的文件太多，请 %d 秒后再上传", int(uploadRetry/time.Second))}

// admit waits for the turn of an upload request to read its body; release
// ends it.
func (g *uploadGate) admit(ctx context.Context) (release func(), err error) {
	select {
	case g.held <- struct{}{}:
		return g.release, nil
	default:
	}
	if g.waiting.Add(1) > g.maxWaiting {
		g.waiting.Add(-1)
		return nil, errBusy
	}
	defer g.waiting.Add(-1)
	timeout := time.NewTimer(g.wait)
	defer timeout.Stop()
	select {
	case g.held <- struct{}{}:
		return g.release, nil
	case <-timeout.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, &jixiao.Error{Kind: jixiao.KindInvalid, Message: "上传已取消", Err: ctx.Err()}
	}
}

func (g *uploadGate) release() {
	<-g.held
	if len(g.held) == 0 {
		g.idle.Reset(idleRelease)
	}
}

// giveBack returns to the system the memory that uploads took, once none
// is held: a burst of 20 MB files leaves hundreds of MB that the runtime
// would otherwise give back over minutes, while a server shared by many
// should be back to its size at rest. It runs a collection; idle, that
// takes milliseconds.
func (g *uploadGate) giveBack() {
	if len(g.held) == 0 {
		debug.FreeOSMemory()
	}
}

// checkSlot waits for one of the s.checks slots; release gives it back.
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
//
// The caller ends the upload's turn once it has answered (never nil):
// until then the upload keeps its check slot and its place in s.uploads,
// because answering is work of the same size — the reports of a file of
// many forms, written as JSON, are several times the file.
func (s *Server) checkUpload(r *http.Request) (*upload, []jixiao.Report, *uploadTurn, error) {
	turn := &uploadTurn{}
	up := &upload{Fields: url.Values{}}
	admitted, err := s.uploads.admit(r.Context())
	if err != nil {
		return up, nil, turn, err
	}
	turn.admitted = admitted
	if up, err = readUpload(r, "file", true); err != nil {
		return up, nil, turn, err
	}
	if turn.slot, err = s.checkSlot(r.Context(), up.Name); err != nil {
		return up, nil, turn, err
	}
	res := checkfile.Bytes(r.Context(), up.Name, up.Data, s.store.Audit)
	if res.Panicked != nil {
		return up, nil, turn, &jixiao.Error{Kind: jixiao.KindInternal, Message: up.Name + "：检查时发生内部错误", Err: errors.New(panicText(res.Panicked))}
	}
	return up, res.Reports, turn, res.Err
}

// uploadTurn is an upload's place in the bounds.
type uploadTurn struct{ slot, admitted func() }

// done gives back the check slot and the upload's place.
func (t *uploadTurn) done() {
	if t.slot != nil {
		t.slot()
	}
	if t.admitted != nil {
		t.admitted()
	}
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
