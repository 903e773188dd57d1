package checkfile_test

import (
	"os"
	"reflect"
	"testing"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/audit"
	"github.com/jixiao/jixiao/internal/checkfile"
	"github.com/jixiao/jixiao/internal/reftest"
)

// A file checked from its path and from its bytes under the same name gives
// the same reports, each naming the file and its place in it; a file that
// cannot be read is an error naming it.
func TestPathEqualsBytes(t *testing.T) {
	path := reftest.Path("docx")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fromPath := checkfile.Path(t.Context(), path, audit.Defaults())
	fromBytes := checkfile.Bytes(t.Context(), path, data, audit.Defaults())
	if fromPath.Err != nil || fromPath.Panicked != nil || len(fromPath.Reports) != 1 {
		t.Fatalf("path: %+v", fromPath)
	}
	if r := fromPath.Reports[0]; r.File != path || r.FormIndex != 0 || r.Summary.Errors != 3 {
		t.Errorf("report names %q #%d with %d errors", r.File, r.FormIndex, r.Summary.Errors)
	}
	if !reflect.DeepEqual(fromPath, fromBytes) {
		t.Error("checking the bytes differs from checking the file")
	}
	bad := checkfile.Bytes(t.Context(), "坏文件.docx", []byte("PK\x03\x04 not a package"), audit.Defaults())
	if jixiao.KindOf(bad.Err) != jixiao.KindInvalid || len(bad.Reports) != 0 {
		t.Errorf("a damaged file: %+v", bad)
	}
}
