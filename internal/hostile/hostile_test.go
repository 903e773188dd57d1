package hostile

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	jixiao "github.com/jixiao/jixiao"
)

// Every generator builds a file under the size limit, quickly, and the
// Office packages open as zip files.
func TestCases(t *testing.T) {
	ids := map[string]bool{}
	for _, c := range Cases() {
		t.Run(c.ID, func(t *testing.T) {
			if ids[c.ID] {
				t.Errorf("duplicate id")
			}
			ids[c.ID] = true
			if c.Description == "" || c.Limit == "" || !strings.ContainsFunc(c.Description, isHan) {
				t.Errorf("description %q, limit %q: want both, the description in Chinese", c.Description, c.Limit)
			}
			start := time.Now()
			data, err := c.Build()
			took := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			// a second is the aim; 5 s leaves room for a loaded machine
			if took > 5*time.Second && !raceEnabled {
				t.Errorf("built in %v", took)
			}
			if len(data) == 0 || len(data) > jixiao.MaxFileSize {
				t.Errorf("%d bytes: want 1 to %d", len(data), jixiao.MaxFileSize)
			}
			switch filepath.Ext(c.File) {
			case ".docx", ".xlsx":
				if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
					t.Errorf("not a zip file: %v", err)
				}
			case ".txt", ".json":
			default:
				t.Errorf("file %q: no reader for its extension", c.File)
			}
			t.Logf("%d bytes in %v", len(data), took)
		})
	}
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

// A part's compressed copies inflate to exactly its runs, with the right
// checksum (archive/zip checks it), whatever the run lengths.
func TestPartInflates(t *testing.T) {
	for _, runs := range [][]run{
		{{"<a>", 1}, {"<b/>", 100_000}, {"</a>", 1}},
		{{"x", chunkSize}, {"yz", chunkSize/2 + 1}},
		{{"", 5}, {"only", 1}, {"skipped", 0}},
		{{strings.Repeat("long", chunkSize), 3}},
	} {
		p := part{name: "p.xml", runs: runs}
		data, err := pack(p)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := flat(runs...)()
		if got := inflate(t, data, p.name); !bytes.Equal(got, want) {
			t.Errorf("%d runs: inflated %d bytes, want %d", len(runs), len(got), len(want))
		}
		if p.size() != uint64(len(want)) {
			t.Errorf("size %d, want %d", p.size(), len(want))
		}
	}
}

// A part with a declared size fails to read, as a lying package should.
func TestPartDeclaredSizeLies(t *testing.T) {
	for _, declared := range []uint64{10, 1 << 30} {
		data, err := pack(part{name: "p.xml", runs: []run{{"abc", 1000}}, declared: declared})
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		rc, err := zr.File[0].Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadAll(rc); err == nil {
			t.Errorf("declared %d: read without error", declared)
		}
	}
}

// The reference package with a part replaced keeps the other parts.
func TestFromReference(t *testing.T) {
	data, err := fromReference("docx", textPart("word/document.xml", "<x/>"), textPart("extra.xml", "<y/>"))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(inflate(t, data, "word/document.xml")); got != "<x/>" {
		t.Errorf("document.xml %q", got)
	}
	if got := string(inflate(t, data, "extra.xml")); got != "<y/>" {
		t.Errorf("extra.xml %q", got)
	}
	if got := inflate(t, data, "word/styles.xml"); len(got) == 0 {
		t.Error("styles.xml lost")
	}
}

func inflate(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 20000: "20,000", 2000000: "2,000,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestTableRows(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
	}{
		{"附件1\n\t标题\n\n\t资金\n\t预算\n续行\n\n说明", 2},
		{"标题\na\tb\nc\td\n\ne\tf", 3},
		{"\t\n\t\n\n\n\n\ta", 2},
		{"只有段落\n\n第二段", 0},
	} {
		if got := tableRows(tt.text); got != tt.want {
			t.Errorf("tableRows(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
