package web

import (
	"net/http"
	"strconv"
	"strings"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/formedit"
)

// editRows adds or removes a row of the posted form (_op: add-ind:<row>,
// del-ind:<row>, add-fund:<parent>, del-fund:<line>, add-cat with
// _cat = 一级指标/二级指标) and shows the editor again from the posted values
// with the change, unsaved: nothing typed is lost, and the next save (the
// autosave follows) stores it. The new row's first cell has the focus.
func (s *Server) editRows(w http.ResponseWriter, r *http.Request) {
	e, err := s.readEdit(r)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	cur, err := s.store.Form(r.Context(), e.id)
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	focus, done, err := applyRowOp(e.form, e.posted.Get("_op"), e.posted.Get("_cat"))
	if err != nil {
		s.editFail(w, r, err)
		return
	}
	formedit.Recompute(e.form)
	s.editorAgain(w, r, http.StatusOK, formPage{Form: cur, edited: e.form, focus: focus,
		Editor: &editor{Base: e.base, Status: done + "，尚未保存"}})
}

// applyRowOp applies row operation op to f: the field to focus afterwards and
// what was done, in words.
func applyRowOp(f *jixiao.Form, op, category string) (focus, done string, err error) {
	verb, arg, _ := strings.Cut(op, ":")
	n, convErr := strconv.Atoi(arg)
	indicator := func(i int) string { return "ind." + strconv.Itoa(i) + ".name" }
	fund := func(k int) string { return "funds." + strconv.Itoa(k) + ".label" }
	switch {
	case verb == "add-cat":
		l1, l2, _ := strings.Cut(category, "/")
		at, err := formedit.AddIndicator(f, l1, l2)
		return indicator(at), "已在" + l1 + "·" + l2 + "下添加一行指标", err
	case convErr != nil:
	case verb == "add-ind" && n >= 0 && n < len(f.Indicators):
		at, err := formedit.AddIndicator(f, f.Indicators[n].Level1, f.Indicators[n].Level2)
		return indicator(at), "已添加一行指标", err
	case verb == "del-ind":
		if err := formedit.RemoveIndicator(f, n); err != nil {
			return "", "", err
		}
		if n >= len(f.Indicators) {
			n = len(f.Indicators) - 1
		}
		if n < 0 {
			return "", "已删除这一行指标", nil
		}
		return indicator(n), "已删除这一行指标", nil
	case verb == "add-fund":
		at, err := formedit.AddFundLine(f, n)
		return fund(at), "已添加一行资金", err
	case verb == "del-fund":
		if err := formedit.RemoveFundLine(f, n); err != nil {
			return "", "", err
		}
		if n >= len(f.Funds.Lines) {
			n = len(f.Funds.Lines) - 1
		}
		if n < 0 {
			return "", "已删除这一行资金", nil
		}
		return fund(n), "已删除这一行资金", nil
	}
	return "", "", badRequest("无法识别的操作“%s”：请刷新页面后再试", op)
}
