package ooxml_test

import (
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	jixiao "github.com/jixiao/jixiao"
	"github.com/jixiao/jixiao/ooxml"
	"github.com/jixiao/jixiao/ooxml/ooxmltest"
)

func readRef(t *testing.T, ext string) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/forms/chaoyang-2020-ip-ops." + ext)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkInvalid asserts that err is an invalid-input error whose Chinese
// message names the file and holds each of the fragments.
func checkInvalid(t *testing.T, err error, name string, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", fragments)
	}
	if k := jixiao.KindOf(err); k != jixiao.KindInvalid {
		t.Fatalf("kind %s, want invalid: %v", k, err)
	}
	msg := jixiao.MessageOf(err)
	if !strings.HasPrefix(msg, name+"：") {
		t.Errorf("message does not start with the file name %q: %s", name, msg)
	}
	for _, f := range fragments {
		if !strings.Contains(msg, f) {
			t.Errorf("message lacks %q: %s", f, msg)
		}
	}
	if !strings.Contains(msg, "请") {
		t.Errorf("message says not how to fix it: %s", msg)
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, c := range utf16.Encode([]rune(s)) {
		b = append(b, byte(c), byte(c>>8))
	}
	return b
}

func cfb(streams ...string) []byte {
	b := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	b = append(b, make([]byte, 504)...)
	for _, s := range streams {
		b = append(b, utf16le(s)...)
		b = append(b, 0, 0)
	}
	return b
}

func TestOpenBadInput(t *testing.T) {
	docx := readRef(t, "docx")
	corrupt := bytes.Clone(docx)
	cd := bytes.LastIndex(corrupt, []byte("PK\x01\x02"))
	copy(corrupt[cd:], "XXXX") // damage the last central directory record

	bomb, _ := ooxmltest.DeflatedZeros(t, 65, 0)
	manyParts := make([]ooxmltest.Part, 12)
	for i := range manyParts {
		manyParts[i] = ooxmltest.Part{Name: fmt.Sprintf("p%d.xml", i), Body: "<a/>"}
	}
	small := ooxml.Limits{MaxPartSize: 1 << 20, MaxTotalSize: 2 << 20, MaxEntries: 10, MaxDepth: 64}
	tests := []struct {
		name   string
		file   string
		data   []byte
		limits *ooxml.Limits
		want   []string
	}{
		{"empty", "a.docx", nil, nil, []string{"空的", "0 字节"}},
		{"blank", "a.xlsx", []byte(" \r\n"), nil, []string{"空的"}},
		{"cfb unknown", "a.docx", cfb("Root Entry"), nil, []string{"文件已加密（设置了打开密码）或为旧版 .doc/.xls 格式", "另存为 .docx/.xlsx 并去掉密码"}},
		{"cfb encrypted", "a.xlsx", cfb("Root Entry", "EncryptionInfo", "EncryptedPackage"), nil, []string{"已加密", "密码", ".xlsx"}},
		{"cfb doc", "a.docx", cfb("Root Entry", "WordDocument", "1Table"), nil, []string{"Word 97-2003", ".docx"}},
		{"cfb xls", "a.xlsx", cfb("Root Entry", "Workbook"), nil, []string{"Excel 97-2003", ".xlsx"}},
		{"pdf", "a.docx", []byte("%PDF-1.7\n..."), nil, []string{"PDF"}},
		{"rtf", "a.docx", []byte(`{\rtf1\ansi hello}`), nil, []string{"RTF"}},
		{"html", "a.docx", []byte("<html><body>x</body></html>"), nil, []string{"网页"}},
		{"word 2003 xml", "a.docx", []byte(`<?xml version="1.0"?><w:wordDocument/>`), nil, []string{"XML"}},
		{"text", "a.xlsx", []byte("绩效指标\t一级指标\n"), nil, []string{"不是有效的 .xlsx 文件", ".txt"}},
		{"truncated", "a.docx", docx[:len(docx)/2], nil, []string{"已损坏"}},
		{"corrupted directory", "a.docx", corrupt, nil, []string{"已损坏"}},
		{"bomb", "a.docx", ooxmltest.ZipRaw(t, nil, ooxmltest.Raw{Name: "word/document.xml", Deflated: bomb, Size: 65 << 20}), nil,
			[]string{"word/document.xml", "32 MB", "压缩炸弹"}},
		{"total", "a.docx", ooxmltest.Zip(t, ooxmltest.P("a.xml", strings.Repeat("a", 800<<10)), ooxmltest.P("b.xml", strings.Repeat("b", 800<<10)),
			ooxmltest.P("c.xml", strings.Repeat("c", 800<<10))), &small, []string{"总大小", "2 MB", "压缩炸弹"}},
		{"entries", "a.docx", ooxmltest.Zip(t, manyParts...), &small, []string{"12 个部件", "10 个"}},
		{"duplicate", "a.docx", ooxmltest.Zip(t, ooxmltest.P("word/document.xml", "<a/>"), ooxmltest.P("Word/Document.xml", "<b/>")), nil,
			[]string{"同名部件"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			var err error
			if tt.limits != nil {
				_, err = ooxml.OpenLimits(tt.file, tt.data, *tt.limits)
			} else {
				_, err = ooxml.Open(tt.file, tt.data)
			}
			checkInvalid(t, err, tt.file, tt.want...)
			if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestDeflatedZeros(t *testing.T) {
	stream, crc := ooxmltest.DeflatedZeros(t, 3, 'x')
	if len(stream) > 10<<10 {
		t.Errorf("stream of %d bytes", len(stream))
	}
	n, err := io.Copy(io.Discard, flate.NewReader(bytes.NewReader(stream)))
	if err != nil || n != 3<<20 {
		t.Fatalf("inflates to %d bytes, %v", n, err)
	}
	data := ooxmltest.ZipRaw(t, nil, ooxmltest.Raw{Name: "x.xml", Deflated: stream, Size: 3 << 20, CRC32: crc})
	p, err := ooxml.Open("x.zip", data)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := p.ReadPart("x.xml"); err != nil || len(b) != 3<<20 {
		t.Fatalf("read %d bytes, %v", len(b), err)
	}
}

// A part whose header claims a small size but inflates far beyond: the
// limits hold whatever the header says.
func TestReadPartLyingHeader(t *testing.T) {
	stream, crc := ooxmltest.DeflatedZeros(t, 8, 0)
	for _, tt := range []struct {
		name string
		size uint64
		want string
	}{
		{"claims 1 KB", 1 << 10, "大小与压缩包记录的不符"},
		{"claims 1 MB", 1 << 20, "大小与压缩包记录的不符"},
		{"claims the limit", 4 << 20, "大小与压缩包记录的不符"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := ooxmltest.ZipRaw(t, nil, ooxmltest.Raw{Name: "word/document.xml", Deflated: stream, Size: tt.size, CRC32: crc})
			p, err := ooxml.OpenLimits("a.docx", data, ooxml.Limits{MaxPartSize: 4 << 20, MaxTotalSize: 16 << 20, MaxEntries: 10, MaxDepth: 64})
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.ReadPart("word/document.xml")
			checkInvalid(t, err, "a.docx", tt.want)
			checkInvalid(t, p.Verify(), "a.docx", tt.want)
		})
	}
}

func TestReadPartLimit(t *testing.T) {
	// honest headers over the part limit are refused when opening
	stream, crc := ooxmltest.DeflatedZeros(t, 3, 0)
	data := ooxmltest.ZipRaw(t, nil, ooxmltest.Raw{Name: "a.xml", Deflated: stream, Size: 3 << 20, CRC32: crc})
	_, err := ooxml.OpenLimits("a.xlsx", data, ooxml.Limits{MaxPartSize: 2 << 20, MaxTotalSize: 16 << 20, MaxEntries: 10, MaxDepth: 64})
	checkInvalid(t, err, "a.xlsx", "a.xml", "2 MB", "压缩炸弹")
}

func TestChecksum(t *testing.T) {
	stream, crc := ooxmltest.DeflatedZeros(t, 1, 0)
	data := ooxmltest.ZipRaw(t, nil, ooxmltest.Raw{Name: "a.xml", Deflated: stream, Size: 1 << 20, CRC32: crc + 1})
	p, err := ooxml.Open("a.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.ReadPart("a.xml")
	checkInvalid(t, err, "a.docx", "校验和")
}

func TestPackage(t *testing.T) {
	p, err := ooxml.Open("ref.docx", readRef(t, "docx"))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Has("word/document.xml") || !p.Has("/WORD/document.xml") || p.Has("word/missing.xml") {
		t.Error("Has: part names are case-insensitive, with or without a leading slash")
	}
	if p.MainPart() != "word/document.xml" || p.Format() != ooxml.FormatWord {
		t.Errorf("main part %q, format %v", p.MainPart(), p.Format())
	}
	if err := p.Verify(); err != nil {
		t.Error(err)
	}
	b, err := p.ReadPart("word/document.xml")
	if err != nil || !bytes.Contains(b, []byte("北京市朝阳区知识产权运营服务体系建设")) {
		t.Fatalf("ReadPart: %v", err)
	}
	_, err = p.ReadPart("word/missing.xml")
	checkInvalid(t, err, "ref.docx", "word/missing.xml")

	x, err := ooxml.Open("ref.xlsx", readRef(t, "xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if x.MainPart() != "xl/workbook.xml" || x.Format() != ooxml.FormatExcel {
		t.Errorf("main part %q, format %v", x.MainPart(), x.Format())
	}
}

func TestFormat(t *testing.T) {
	ct := func(main, typ string) ooxmltest.Part {
		return ooxmltest.P("[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/`+main+`" ContentType="`+typ+`"/></Types>`)
	}
	rels := func(target string) ooxmltest.Part {
		return ooxmltest.P("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="`+target+`"/></Relationships>`)
	}
	tests := []struct {
		name  string
		parts []ooxmltest.Part
		want  ooxml.Format
		main  string
	}{
		{"word", ooxmltest.DocxParts("<w:document/>"), ooxml.FormatWord, "word/document.xml"},
		{"word elsewhere", []ooxmltest.Part{ct("doc/main.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), rels("/doc/main.xml"), ooxmltest.P("doc/main.xml", "<x/>")}, ooxml.FormatWord, "doc/main.xml"},
		{"macro workbook", []ooxmltest.Part{ct("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"), rels("xl/workbook.xml"), ooxmltest.P("xl/workbook.xml", "<x/>")}, ooxml.FormatExcel, "xl/workbook.xml"},
		{"xlsb", []ooxmltest.Part{ct("xl/workbook.bin", "application/vnd.ms-excel.sheet.binary.macroEnabled.main"), rels("xl/workbook.bin"), ooxmltest.P("xl/workbook.bin", "x")}, ooxml.FormatExcelBinary, "xl/workbook.bin"},
		{"pptx", []ooxmltest.Part{ct("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"), rels("ppt/presentation.xml"), ooxmltest.P("ppt/presentation.xml", "<x/>")}, ooxml.FormatPowerPoint, "ppt/presentation.xml"},
		{"no rels", []ooxmltest.Part{ooxmltest.P("xl/workbook.xml", "<x/>")}, ooxml.FormatExcel, "xl/workbook.xml"},
		{"odt", []ooxmltest.Part{ooxmltest.P("mimetype", "application/vnd.oasis.opendocument.text"), ooxmltest.P("content.xml", "<x/>")}, ooxml.FormatODText, ""},
		{"ods", []ooxmltest.Part{ooxmltest.P("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ooxmltest.P("content.xml", "<x/>")}, ooxml.FormatODSpreadsheet, ""},
		{"zip", []ooxmltest.Part{ooxmltest.P("自评表.docx", "x")}, ooxml.FormatUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ooxml.Open("a.docx", ooxmltest.Zip(t, tt.parts...))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Format(); got != tt.want {
				t.Errorf("format %v, want %v", got, tt.want)
			}
			if got := p.MainPart(); got != tt.main {
				t.Errorf("main part %q, want %q", got, tt.main)
			}
		})
	}

	x, _ := ooxml.Open("表.docx", readRef(t, "xlsx"))
	checkInvalid(t, x.WrongFormat(ooxml.FormatWord), "表.docx", "这是 Excel 工作簿（.xlsx），不是 Word 文档（.docx）", "扩展名改为 .xlsx")
	w, _ := ooxml.Open("表.xlsx", readRef(t, "docx"))
	checkInvalid(t, w.WrongFormat(ooxml.FormatExcel), "表.xlsx", "这是 Word 文档（.docx），不是 Excel 工作簿（.xlsx）", "扩展名改为 .docx")
	z, _ := ooxml.Open("表.docx", ooxmltest.Zip(t, ooxmltest.P("自评表.docx", "x")))
	checkInvalid(t, z.WrongFormat(ooxml.FormatWord), "表.docx", "zip 压缩包", "解压")
	o, _ := ooxml.Open("表.docx", ooxmltest.Zip(t, ooxmltest.P("mimetype", "application/vnd.oasis.opendocument.text")))
	checkInvalid(t, o.WrongFormat(ooxml.FormatWord), "表.docx", "OpenDocument", "另存为 .docx")
}

func TestVerifyDTD(t *testing.T) {
	data := ooxmltest.Zip(t, ooxmltest.P("xl/workbook.xml", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><workbook>&lol2;</workbook>`))
	p, err := ooxml.Open("a.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	checkInvalid(t, p.Verify(), "a.xlsx", "xl/workbook.xml", "DTD")
}

// tokens renders a token stream compactly.
func tokens(d *ooxml.Decoder) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			fmt.Fprintf(&b, "<%s %s", t.Name.Space, t.Name.Local)
			for _, a := range t.Attr {
				fmt.Fprintf(&b, " %s|%s=%s", a.Name.Space, a.Name.Local, a.Value)
			}
			b.WriteString(">")
		case xml.EndElement:
			fmt.Fprintf(&b, "</%s %s>", t.Name.Space, t.Name.Local)
		case xml.CharData:
			fmt.Fprintf(&b, "%q", t)
		}
	}
}

func TestDecoderNamespaces(t *testing.T) {
	src := `<?xml version="1.0"?><a:root xmlns:a="urn:a" xmlns="urn:default" a:x="1" y="2" xml:space="preserve"><child><a:b xmlns:a="urn:other">t&amp;&#x4e2d;</a:b></child><a:c/><u:d/></a:root>`
	got, err := tokens(ooxml.NewDecoder("f.docx", "word/document.xml", []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	want := `<urn:a root xmlns|a=urn:a |xmlns=urn:default urn:a|x=1 |y=2 http://www.w3.org/XML/1998/namespace|space=preserve>` +
		`<urn:default child><urn:other b xmlns|a=urn:other>"t&中"</urn:other b></urn:default child>` +
		`<urn:a c></urn:a c><u d></u d></urn:a root>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Skip gives what reading the tokens gives, whether it scans bytes (after a
// start tag) or reads tokens, through comments, CDATA, instructions and
// quoted '>'; SkipElements drops elements unseen.
func TestDecoderSkip(t *testing.T) {
	src := `<r xmlns:w="urn:w" xmlns:v="urn:v"><w:keep>1</w:keep><w:drop a="x>y" b='/>'><!-- </w:drop> --><![CDATA[</w:drop>]]><?pi </w:drop>?><w:drop><w:x/></w:drop></w:drop>` +
		`<v:drop>2</v:drop><w:drop/><w:keep>3</w:keep>
<w:drop>after text</w:drop><w:skipme><deep><deeper/></deep></w:skipme><w:keep>4</w:keep></r>`
	d := ooxml.NewDecoder("f.docx", "p.xml", []byte(src))
	d.SkipElements([]string{"urn:w"}, "drop")
	var got []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			got = append(got, tk.Name.Local)
			if tk.Name.Local == "skipme" {
				if err := d.Skip(); err != nil {
					t.Fatal(err)
				}
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(tk)); s != "" {
				got = append(got, s)
			}
		}
	}
	want := "r keep 1 drop 2 keep 3 skipme keep 4"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q\nwant %q", strings.Join(got, " "), want)
	}
}

func TestDecoderBadInput(t *testing.T) {
	deep := strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000)
	deepSkipped := "<r><w:x xmlns:w='urn:w'>" + strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000) + "</w:x></r>"
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`
	tests := []struct {
		name string
		src  string
		skip bool // skip the first child of the root
		want []string
	}{
		{"billion laughs", laughs, false, []string{"DTD"}},
		{"entity in skipped element", "<r><x><!ENTITY a 'b'></x></r>", true, []string{"DTD"}},
		{"deep", deep, false, []string{"嵌套超过 256 层"}},
		{"deep skipped", deepSkipped, true, []string{"嵌套超过 256 层"}},
		{"mismatch", "<a>\n<b></a>", false, []string{"第 2 行", "<b>", "</a>"}},
		{"mismatch skipped", "<r><x>\n<b></c></x></r>", true, []string{"第 2 行", "标记不匹配"}},
		{"truncated", "<a><b>text", false, []string{"被截断"}},
		{"truncated skipped", "<r><x><b>text", true, []string{"被截断"}},
		{"not xml", "\x00\x01binary", false, []string{"不是有效的 XML"}},
		{"undefined entity", "<a>&nbsp;</a>", false, []string{"不是有效的 XML"}},
		{"gbk", `<?xml version="1.0" encoding="GBK"?><a/>`, false, []string{"字符编码"}},
		{"stray end", "<a></a></b>", false, []string{"多余的结束标记"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			d := ooxml.NewDecoder("f.docx", "word/document.xml", []byte(tt.src))
			var err error
			for err == nil {
				var tok xml.Token
				tok, err = d.Token()
				if _, ok := tok.(xml.StartElement); ok && tt.skip && d.Depth() == 2 {
					err = d.Skip()
				}
			}
			if errors.Is(err, io.EOF) {
				t.Fatal("no error")
			}
			checkInvalid(t, err, "f.docx", append([]string{"word/document.xml"}, tt.want...)...)
			if d := time.Since(start); d > 10*time.Second { // generous: -race on a busy machine; quadratic takes minutes
				t.Errorf("took %v", d)
			}
		})
	}
}
