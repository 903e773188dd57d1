package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/jsonform"
	"github.com/jixiao/jixiao/store"
)

// Uploading a form file to create a form or replace one: GET /upload
// chooses the file and the target, POST /upload reads and checks it and
// shows a preview (nothing stored), POST /upload/save (upload_save.go)
// stores the form the preview showed.

// uploadTarget is where an uploaded form goes: a new form of one of the
// units the user fills, or the existing form it replaces.
type uploadTarget struct {
	Replace *jixiao.StoredForm // the form replaced; nil for a new form
	Units   []jixiao.Grant     // the units the user fills: a new form's choices
	Unit    *jixiao.Grant      // the chosen unit of a new form
	// Refusal says why the file may be checked but not saved ("" when it
	// may be saved): not a filler, a form in review or locked.
	Refusal string
}

// uploadPage is the upload page's data.
type uploadPage struct {
	Target  uploadTarget
	Error   string // why the last file could not be read
	MaxSize string
}

func (p uploadPage) title() string { return uploadTitle(p.Target) }

func uploadTitle(t uploadTarget) string {
	if t.Replace != nil {
		return "上传替换 " + formTitle(t.Replace)
	}
	return "上传自评表"
}

// uploadPage shows the file input and the target (?form=ID: replace that
// form; else a new form of the unit ?org=ID or the user's only unit).
func (s *Server) uploadPage(w http.ResponseWriter, r *http.Request) {
	t, err := s.uploadTarget(r, r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "upload", uploadPage{Target: t, MaxSize: jixiao.ByteSize(jixiao.MaxFileSize)})
}

// uploadTarget reads the target from v (form: the id of the form
// replaced; org: the unit of a new form). A form the user may not see is
// not found; one they may see but not change is a target with a refusal
// (the file can still be checked).
func (s *Server) uploadTarget(r *http.Request, v url.Values) (uploadTarget, error) {
	var t uploadTarget
	if id := v.Get("form"); id != "" {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return t, jixiao.Errorf(jixiao.KindNotFound, "自评表编号“%s”不对：应为正整数", id)
		}
		f, err := s.store.Form(r.Context(), n)
		if err != nil {
			return t, err
		}
		t.Replace = f
		t.Refusal, err = s.replaceRefusal(r, f)
		return t, err
	}
	if u := userOf(r); u != nil {
		for _, g := range u.Grants {
			if g.Role == jixiao.RoleFiller {
				t.Units = append(t.Units, g)
			}
		}
	}
	org, _ := strconv.ParseInt(v.Get("org"), 10, 64)
	for i := range t.Units {
		if t.Units[i].OrgID == org || (org == 0 && len(t.Units) == 1) {
			t.Unit = &t.Units[i]
		}
	}
	switch {
	case len(t.Units) == 0:
		t.Refusal = "只有资金使用单位的填报人可以上传保存自评表；您可以上传文件检查，但不能保存。"
	case t.Unit == nil && org != 0:
		t.Refusal = "您不是所选单位的填报人，不能为它保存自评表。"
	case t.Unit == nil:
		t.Refusal = "请先选择要为哪个单位保存自评表。"
	}
	return t, nil
}

// replaceRefusal says why the user may not replace f now ("": they may).
func (s *Server) replaceRefusal(r *http.Request, f *jixiao.StoredForm) (string, error) {
	may, err := s.permissions(r, f)
	switch {
	case err != nil:
		return "", err
	case may.Submit:
		return "", nil
	case f.Status == jixiao.StatusApproved:
		return "这张表已审核通过并锁定，不能再替换。", nil
	case f.Status.InReview():
		return "这张表已提交，正在审核，不能替换；如需修改，请审核部门退回。", nil
	}
	return "您不能替换这张表：只有“" + f.Org + "”的填报人可以。", nil
}

// uploadPreview is the preview's data: what was read from the file, its
// check, the form in the official layout with the findings beside their
// cells, where the file disagrees with the target, and the form to post
// back to save it.
type uploadPreview struct {
	Target   uploadTarget
	File     string // the file's name as uploaded
	Hash     string // SHA-256 of its bytes
	Form     *jixiao.Form
	Region   string // the region the header names or its names begin with
	Program  string // the program as read (without its region), for a new form
	Year     int    // the year as read, for a new form (0: the file does not say)
	Total    *jixiao.FundLine
	Summary  jixiao.Summary
	Sheet    *sheet
	Findings []*finding
	Warnings []string // where the file disagrees with the target
	// Existing is set when the unit of a new form has a form of that
	// program and year already: the target became that form, replaced.
	Existing bool
	Programs []jixiao.Program // the programs known, offered for a new form
	Document string           // the form as a JSON form file, posted back on save
	Error    string           // why saving was refused
}

func (p uploadPreview) title() string { return "预览：" + p.File }

// uploadPreviewPost reads and checks the uploaded file and shows what was
// read; nothing is stored. A file that cannot be read shows the upload page
// again with the reason and a 4xx.
func (s *Server) uploadPreviewPost(w http.ResponseWriter, r *http.Request) {
	up, reports, turn, err := s.checkUpload(r)
	defer turn.done()
	target := up.Fields
	if q := r.URL.Query().Get("form"); q != "" {
		target.Set("form", q)
	}
	t, terr := s.uploadTarget(r, target)
	if terr != nil {
		s.fail(w, r, terr)
		return
	}
	if err == nil && len(reports) != 1 {
		err = jixiao.Invalid("%s：文件中有 %d 张自评表，一次只能上传一张：请把每张表存为单独的文件", up.Name, len(reports))
	}
	if err != nil {
		code := status(err)
		if code >= 500 {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, code, "upload", uploadPage{Target: t, Error: message(err), MaxSize: jixiao.ByteSize(jixiao.MaxFileSize)})
		return
	}
	sum := sha256.Sum256(up.Data)
	p, err := s.preview(r, t, up.Name, hex.EncodeToString(sum[:]), &reports[0])
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "upload_preview", p)
}

// preview makes the preview of form report.Form read from file for target
// t. A new form for a unit that has a form of the program and year already
// becomes a replacement of that form (the store refuses a second one).
func (s *Server) preview(r *http.Request, t uploadTarget, file, hash string, report *jixiao.Report) (*uploadPreview, error) {
	ctx := r.Context()
	f := report.Form
	p := &uploadPreview{File: file, Hash: hash, Form: f, Region: f.RegionName(),
		Program: jixiao.WithoutRegion(f.Header.Program), Year: f.Year, Total: f.Funds.TotalLine(), Summary: report.Summary}
	p.Sheet, p.Findings = newSheet(f, report.Findings)
	var doc bytes.Buffer
	if err := jsonform.Write(&doc, []*jixiao.Form{f}); err != nil {
		return nil, err
	}
	p.Document = doc.String()
	var err error
	if p.Programs, err = s.store.Programs(ctx); err != nil {
		return nil, err
	}
	p.Program = knownProgram(p.Program, p.Programs)
	if t.Replace == nil && t.Unit != nil && p.Year != 0 && hasProgram(p.Programs, p.Program) {
		forms, _, err := s.store.Forms(ctx, store.FormFilter{OrgID: t.Unit.OrgID, Program: p.Program, Year: p.Year, Kind: jixiao.FormUnit, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(forms) > 0 {
			p.Existing, t.Replace = true, forms[0]
			if t.Refusal, err = s.replaceRefusal(r, forms[0]); err != nil {
				return nil, err
			}
		}
	}
	p.Target = t
	if t.Replace != nil {
		p.Warnings = mismatches(f, t.Replace.Org, t.Replace.Program, t.Replace.Year)
		return p, nil
	}
	if t.Unit != nil {
		p.Warnings = mismatches(f, t.Unit.OrgName, "", 0)
	}
	switch {
	case p.Year == 0:
		p.Warnings = append(p.Warnings, "文件中没有写年度：请在下面填写这张表的年度。")
	case p.Program == "":
		p.Warnings = append(p.Warnings, "文件中没有写项目名称（转移支付（项目）名称）：请在下面填写。")
	case !hasProgram(p.Programs, p.Program):
		p.Warnings = append(p.Warnings, "系统中还没有项目“"+p.Program+"”：保存时将新建这个项目。如果它是已有项目的另一种写法，请在下面改为已有的名称。")
	}
	return p, nil
}

// mismatches says where a form's header disagrees with the target: another
// unit, and for a form replaced, another program or year ("" and 0: not
// compared). Names are compared folded (blanks, full-width forms,
// traditional characters), programs without their leading region.
func mismatches(f *jixiao.Form, org, program string, year int) []string {
	var out []string
	if unit := strings.TrimSpace(f.Header.Unit); unit == "" {
		out = append(out, "文件的表头没有写资金使用单位。")
	} else if jixiao.Key(unit) != jixiao.Key(org) {
		out = append(out, "文件的表头写的资金使用单位是“"+unit+"”，而这张表将保存为“"+org+"”的表：请确认上传的是本单位的表。")
	}
	if program != "" && jixiao.Key(jixiao.WithoutRegion(f.Header.Program)) != jixiao.Key(program) {
		out = append(out, "文件写的项目是“"+f.Header.Program+"”，而被替换的表是“"+program+"”项目的表。")
	}
	if year != 0 && f.Year != year {
		read := "没有写年度"
		if f.Year != 0 {
			read = "写的是 " + strconv.Itoa(f.Year) + " 年度"
		}
		out = append(out, "文件"+read+"，而被替换的表是 "+strconv.Itoa(year)+" 年度的表。")
	}
	return out
}

// knownProgram is the stored program a name read from a file means: the
// same name folded, else the one stored name it contains
// (北京市朝阳区知识产权运营服务体系建设项目 → 知识产权运营服务体系建设), else the
// name as read.
func knownProgram(name string, programs []jixiao.Program) string {
	k := jixiao.Key(name)
	var within []string
	for _, p := range programs {
		pk := jixiao.Key(p.Name)
		if pk == k {
			return p.Name
		}
		if pk != "" && strings.Contains(k, pk) {
			within = append(within, p.Name)
		}
	}
	if len(within) == 1 {
		return within[0]
	}
	return name
}

func hasProgram(programs []jixiao.Program, name string) bool {
	for _, p := range programs {
		if p.Name == name {
			return true
		}
	}
	return false
}
