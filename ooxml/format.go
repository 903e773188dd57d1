package ooxml

import (
	"encoding/xml"
	"io"
	"path"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Format is the kind of document a package holds.
type Format int

// Formats.
const (
	FormatUnknown       Format = iota // a zip that is no document known here
	FormatWord                        // .docx, .docm, .dotx
	FormatExcel                       // .xlsx, .xlsm, .xltx
	FormatExcelBinary                 // .xlsb
	FormatPowerPoint                  // .pptx
	FormatODText                      // OpenDocument text (.odt)
	FormatODSpreadsheet               // OpenDocument spreadsheet (.ods)
	FormatODOther                     // another OpenDocument file
	FormatOtherOffice                 // an OOXML package of another kind (e.g. .vsdx)
)

// String describes the format in Chinese, for messages.
func (f Format) String() string {
	switch f {
	case FormatWord:
		return "Word 文档（.docx）"
	case FormatExcel:
		return "Excel 工作簿（.xlsx）"
	case FormatExcelBinary:
		return "Excel 二进制工作簿（.xlsb）"
	case FormatPowerPoint:
		return "PowerPoint 演示文稿（.pptx）"
	case FormatODText:
		return "OpenDocument 文本文档（.odt）"
	case FormatODSpreadsheet:
		return "OpenDocument 电子表格（.ods）"
	case FormatODOther:
		return "OpenDocument 文档"
	case FormatOtherOffice:
		return "其他类型的 Office 文件"
	}
	return "普通 zip 压缩包"
}

const (
	relOfficeDocument = "/officeDocument" // suffix of the relationship type, transitional and strict
	pathContentTypes  = "[Content_Types].xml"
	pathRootRels      = "_rels/.rels"
)

// MainPart returns the name of the package's main part (word/document.xml,
// xl/workbook.xml …) as the package relationships name it, "" when there is
// none.
func (p *Package) MainPart() string {
	p.detect()
	return p.main
}

// Format returns the kind of document the package holds.
func (p *Package) Format() Format {
	p.detect()
	return p.format
}

func (p *Package) detect() {
	if p.detected {
		return
	}
	p.detected = true
	p.main = p.findMain()
	if p.main == "" {
		p.format = p.odfFormat()
		return
	}
	ct := strings.ToLower(p.contentType(p.main))
	switch {
	case strings.Contains(ct, "wordprocessingml") || strings.Contains(ct, "ms-word"):
		p.format = FormatWord
	case strings.Contains(ct, "sheet.binary"):
		p.format = FormatExcelBinary
	case strings.Contains(ct, "spreadsheetml") || strings.Contains(ct, "ms-excel"):
		p.format = FormatExcel
	case strings.Contains(ct, "presentationml") || strings.Contains(ct, "ms-powerpoint"):
		p.format = FormatPowerPoint
	default: // no content type: go by the folder
		switch {
		case strings.HasPrefix(normalize(p.main), "word/"):
			p.format = FormatWord
		case strings.HasSuffix(normalize(p.main), ".bin"):
			p.format = FormatExcelBinary
		case strings.HasPrefix(normalize(p.main), "xl/"):
			p.format = FormatExcel
		case strings.HasPrefix(normalize(p.main), "ppt/"):
			p.format = FormatPowerPoint
		default:
			p.format = FormatOtherOffice
		}
	}
}

// findMain reads the officeDocument relationship, falling back to the usual
// part names when the relationships are missing or unreadable.
func (p *Package) findMain() string {
	if rels, err := p.Relationships(""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, relOfficeDocument) && p.Has(r.Target) {
				return p.parts[normalize(r.Target)].Name
			}
		}
	}
	for _, guess := range []string{"word/document.xml", "xl/workbook.xml", "xl/workbook.bin", "ppt/presentation.xml"} {
		if p.Has(guess) {
			return p.parts[normalize(guess)].Name
		}
	}
	return ""
}

// Relationship is one internal relationship of a part.
type Relationship struct {
	ID     string
	Type   string // the relationship type URI
	Target string // the target part name, resolved against the source part
}

// Relationships reads the internal relationships of a part ("" for the
// package's root relationships), in file order, with targets resolved to
// part names. External targets (hyperlinks…) are left out. A part without
// a relationships part has none. A part may have at most MaxEntries
// relationships (as many as the parts a package may hold), external ones
// included: more is refused with an error wrapping ErrLimit.
func (p *Package) Relationships(part string) ([]Relationship, error) {
	dir, file := path.Split(part)
	relsPart := dir + "_rels/" + file + ".rels"
	if !p.Has(relsPart) {
		return nil, nil
	}
	d, err := p.Decoder(relsPart)
	if err != nil {
		return nil, err
	}
	var out []Relationship
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		if n++; n > p.limits.MaxEntries {
			return nil, limit(jixiao.TooMany(p.name, sprintf("部件“%s”中的关系（Relationship）条目数", relsPart), p.limits.MaxEntries))
		}
		var r Relationship
		var mode string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				r.ID = a.Value
			case "Type":
				r.Type = a.Value
			case "Target":
				r.Target = a.Value
			case "TargetMode":
				mode = a.Value
			}
		}
		if strings.EqualFold(mode, "External") {
			continue
		}
		r.Target = resolve(dir, r.Target)
		out = append(out, r)
	}
}

// contentType returns the content type [Content_Types].xml gives the part.
func (p *Package) contentType(part string) string {
	d, err := p.Decoder(pathContentTypes)
	if err != nil {
		return ""
	}
	key := normalize(part)
	var byExt string
	for {
		tok, err := d.Token()
		if err != nil {
			return byExt
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		var name, ext, ct string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "PartName":
				name = a.Value
			case "Extension":
				ext = a.Value
			case "ContentType":
				ct = a.Value
			}
		}
		switch se.Name.Local {
		case "Override":
			if normalize(name) == key {
				return ct
			}
		case "Default":
			if strings.EqualFold("."+ext, path.Ext(key)) {
				byExt = ct
			}
		}
	}
}

// odfFormat recognises OpenDocument files by their mimetype entry.
func (p *Package) odfFormat() Format {
	if !p.Has("mimetype") {
		if p.Has(pathContentTypes) {
			return FormatOtherOffice
		}
		return FormatUnknown
	}
	f := p.parts["mimetype"]
	rc, err := f.Open()
	if err != nil {
		return FormatODOther
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 200))
	switch mt := string(b); {
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.text"):
		return FormatODText
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.spreadsheet"):
		return FormatODSpreadsheet
	}
	return FormatODOther
}

// WrongFormat returns the error for a package that holds got where want was
// expected: it says what the file really is and how to go on.
func (p *Package) WrongFormat(want Format) error {
	got := p.Format()
	var fix string
	switch {
	case want == FormatWord && got == FormatExcel, want == FormatExcel && got == FormatWord:
		fix = sprintf("文件的扩展名可能被改过。请把扩展名改为 %s 后重新上传", got.extension())
	case got == FormatExcelBinary:
		fix = "请用 Excel 或 WPS 打开后另存为 .xlsx 再上传"
	case got == FormatODText, got == FormatODSpreadsheet, got == FormatODOther:
		fix = sprintf("请用 WPS、LibreOffice 或 Office 打开后另存为 %s 再上传", want.extension())
	case got == FormatUnknown:
		fix = sprintf("如果自评表在压缩包里，请解压后上传其中的 %s 文件", want.extension())
	default:
		fix = sprintf("请提供自评表的 %s 文件", want.extension())
	}
	return jixiao.Invalid("%s：这是%s，不是%s。%s", p.name, spaced(got.String()), spaced(want.String()), fix)
}

// spaced puts a space between a Chinese word and a following Latin one.
func spaced(s string) string {
	if s != "" && s[0] < 0x80 {
		return " " + s
	}
	return s
}

func (f Format) extension() string {
	switch f {
	case FormatWord:
		return ".docx"
	case FormatExcel:
		return ".xlsx"
	}
	return ".docx/.xlsx"
}
