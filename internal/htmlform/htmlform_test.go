package htmlform_test

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/jixiao/jixiao/internal/htmlform"
)

func TestFields(t *testing.T) {
	page := `<form id="other"><input name="x" value="no"></form>
<form id="f">
  <input type="hidden" name="version" value="3">
  <input name="a" value="1"><input name="a" value="2">
  <input type="radio" name="pick" value="mine"><input type="radio" name="pick" value="theirs" checked>
  <input type="checkbox" name="box" value="on">
  <textarea name="t">第一行
&lt;b&gt;</textarea><textarea name="empty"></textarea>
  <select name="s1"><option value="">请选择</option><option value="2" selected>二</option></select>
  <select name="s2"><optgroup><option>甲</option><option>乙</option></optgroup></select>
  <input value="unnamed">
</form>`
	fields, err := htmlform.Fields([]byte(page), "f")
	if err != nil {
		t.Fatal(err)
	}
	got := htmlform.Values(fields)
	want := url.Values{"version": {"3"}, "a": {"1", "2"}, "pick": {"theirs"}, "t": {"第一行\n<b>"}, "empty": {""},
		"s1": {"2"}, "s2": {"甲"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	pairs := htmlform.Pairs(fields)
	if len(pairs) != 2*len(fields) || pairs[0] != "version" || pairs[2] != "a" || pairs[len(pairs)-2] != "s2" {
		t.Errorf("not in document order: %q", pairs)
	}
	for _, id := range []string{"missing", "none"} {
		if _, err := htmlform.Fields([]byte(`<form id="none"><p>x</p></form>`), id); err == nil {
			t.Errorf("form %q: no error", id)
		}
	}
}
