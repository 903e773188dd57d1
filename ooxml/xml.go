package ooxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

// Decoder reads the tokens of one XML part like xml.Decoder.Token does —
// names carry namespace URLs, end elements must match their start elements —
// with these safeguards: elements may nest at most MaxDepth deep, at most
// MaxNamespaces namespace bindings may be in scope at once (each resolved by
// a map, not a scan), a start tag may hold at most MaxAttributes attributes
// (counted before encoding/xml builds them), the elements of all parts read
// from one package count
// against MaxElements together (skipped ones too), any DTD (<!DOCTYPE …>,
// <!ENTITY …>) is refused (OOXML never has one, and encoding/xml would not
// expand its entities anyway), and every error is a *jixiao.Error of
// KindInvalid naming the file, the part and the line.
//
// As with xml.Decoder, the bytes of a returned token are valid only until
// the next call.
type Decoder struct {
	d          *xml.Decoder
	r          *byteReader
	file, part string
	maxDepth   int
	maxNS      int
	maxAttrs   int
	elements   *budget // shared by the decoders of one package
	stack      []frame
	ns         map[string][]string // prefix → URLs bound, innermost last
	bound      []string            // prefixes bound by the open elements, in order
	lastStart  bool                // the last token returned was a StartElement
	clean      bool                // encoding/xml holds no byte read ahead: peekSkip may run
	skipSpaces []string
	skipLocals map[string]bool
	skipNames  [][]byte // scratch for skipContent
	scratch    []byte
}

type frame struct {
	raw   xml.Name // name as written (prefix, local)
	nbind int      // namespace bindings declared on the element
}

// budget counts the XML elements read against a limit.
type budget struct{ n, limit int }

// NewDecoder returns a decoder for data, the content of part in file (both
// for messages), with the default limits.
func NewDecoder(file, part string, data []byte) *Decoder {
	return NewDecoderLimits(file, part, data, DefaultLimits())
}

// NewDecoderDepth returns a decoder with the given depth limit and the
// other limits at their defaults.
func NewDecoderDepth(file, part string, data []byte, maxDepth int) *Decoder {
	lim := DefaultLimits()
	lim.MaxDepth = maxDepth
	return NewDecoderLimits(file, part, data, lim)
}

// NewDecoderLimits returns a decoder with the given limits (MaxDepth,
// MaxElements, MaxNamespaces and MaxAttributes apply; zero fields take their
// defaults).
func NewDecoderLimits(file, part string, data []byte, lim Limits) *Decoder {
	lim = lim.orDefault()
	return newDecoder(file, part, data, lim, &budget{limit: lim.MaxElements})
}

func newDecoder(file, part string, data []byte, lim Limits, elements *budget) *Decoder {
	r := &byteReader{data: data}
	d := xml.NewDecoder(r)
	d.Strict = true
	return &Decoder{d: d, r: r, file: file, part: strings.TrimPrefix(part, "/"),
		maxDepth: lim.MaxDepth, maxNS: lim.MaxNamespaces, maxAttrs: lim.MaxAttributes, elements: elements, ns: map[string][]string{}, clean: true}
}

// Decoder reads a part and returns a decoder over it, with the package's
// limits: its elements count against the package's element limit together
// with those of every other part read.
func (p *Package) Decoder(part string) (*Decoder, error) {
	data, err := p.ReadPart(part)
	if err != nil {
		return nil, err
	}
	return newDecoder(p.name, part, data, p.limits, &p.elements), nil
}

// Elements returns the XML elements decoded so far from the package's
// parts, all together.
func (p *Package) Elements() int { return p.elements.n }

// count counts one more element against the budget.
func (d *Decoder) count() error {
	d.elements.n++
	if d.elements.n > d.elements.limit {
		return limit(jixiao.TooMany(d.file, sprintf("XML 元素总数（读到部件“%s”时）", d.part), d.elements.limit))
	}
	return nil
}

// bind declares prefix ("" for the default namespace) as url on the
// element just opened.
func (d *Decoder) bind(prefix, url string) error {
	if len(d.bound) >= d.maxNS {
		return d.tooManyBindings()
	}
	d.ns[prefix] = append(d.ns[prefix], url)
	d.bound = append(d.bound, prefix)
	return nil
}

// Depth returns the number of elements open.
func (d *Decoder) Depth() int { return len(d.stack) }

// Token returns the next token, or io.EOF after the root element closed.
func (d *Decoder) Token() (xml.Token, error) {
	for {
		tok, err := d.token()
		if err != nil {
			return nil, err
		}
		if t, ok := tok.(xml.StartElement); ok && d.skipLocals != nil && d.skipLocals[t.Name.Local] && slices.Contains(d.skipSpaces, t.Name.Space) {
			// one peekSkip could not drop (it followed character data)
			if err := d.Skip(); err != nil {
				return nil, err
			}
			continue
		}
		return tok, nil
	}
}

func (d *Decoder) token() (xml.Token, error) {
	owesEnd := d.lastStart && !d.clean // after a self-closing tag
	d.lastStart = false
	if d.clean && d.skipLocals != nil {
		if err := d.peekSkip(); err != nil {
			return nil, err
		}
	}
	if !owesEnd {
		if err := d.checkTag(); err != nil {
			return nil, err
		}
	}
	tok, err := d.d.RawToken()
	if err != nil {
		if err == io.EOF {
			if len(d.stack) > 0 {
				return nil, d.errorf(io.ErrUnexpectedEOF, "在元素 <%s> 结束之前就结束了，文件不完整（被截断）", qname(d.stack[len(d.stack)-1].raw))
			}
			return nil, io.EOF
		}
		return nil, d.syntax(err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		if len(d.stack) >= d.maxDepth {
			return nil, d.errorf(nil, depthMessage, d.maxDepth)
		}
		if err := d.count(); err != nil {
			return nil, err
		}
		n := 0
		for _, a := range t.Attr {
			prefix := ""
			switch {
			case a.Name.Space == "xmlns":
				prefix = a.Name.Local
			case a.Name.Space == "" && a.Name.Local == "xmlns":
			default:
				continue
			}
			if err := d.bind(prefix, a.Value); err != nil {
				return nil, err
			}
			n++
		}
		d.stack = append(d.stack, frame{raw: t.Name, nbind: n})
		t.Name.Space = d.lookup(t.Name.Space, true)
		for i := range t.Attr {
			a := &t.Attr[i].Name
			if a.Space != "" && a.Space != "xmlns" {
				a.Space = d.lookup(a.Space, false)
			}
		}
		d.lastStart = true
		// after a self-closing tag encoding/xml owes the end element
		p := d.r.pos
		d.clean = p < 2 || d.r.data[p-2] != '/'
		return t, nil
	case xml.EndElement:
		if len(d.stack) == 0 {
			return nil, d.errorf(nil, "第 %d 行有多余的结束标记 </%s>，文件已损坏", d.line(), t.Name.Local)
		}
		top := d.stack[len(d.stack)-1]
		if top.raw != t.Name {
			return nil, d.errorf(nil, "第 %d 行的元素 <%s> 被 </%s> 结束，标记不匹配，文件已损坏", d.line(), qname(top.raw), qname(t.Name))
		}
		t.Name.Space = d.lookup(t.Name.Space, true)
		d.pop()
		d.clean = true
		return t, nil
	case xml.Directive:
		return nil, d.errorf(nil, dtdMessage)
	case xml.CharData:
		d.clean = false // encoding/xml read the '<' after the text
	default:
		d.clean = true
	}
	return tok, nil
}

// checkTag counts the attributes and namespace bindings of the start tag
// encoding/xml is about to read, if any, before it builds them: a tag of
// millions of attributes would cost it seconds and hundreds of megabytes.
// encoding/xml holds at most the tag's '<' read ahead (after text); it
// must owe no end element (of a self-closing tag).
func (d *Decoder) checkTag() error {
	data, pos := d.r.data, d.r.pos
	switch {
	case !d.clean && pos > 0 && pos < len(data) && data[pos-1] == '<':
	case pos+1 < len(data) && data[pos] == '<': // nothing read ahead (after CDATA too)
		pos++
	default:
		return nil
	}
	switch data[pos] {
	case '/', '!', '?':
		return nil
	}
	attrs, bindings := 0, 0
	var quote byte
	for k := pos; k < len(data); k++ {
		c := data[k]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '>':
			return nil
		case '=':
			if attrs++; attrs > d.maxAttrs {
				return limit(jixiao.TooMany(d.file, sprintf("部件“%s”中一个 XML 元素的属性数", d.part), d.maxAttrs))
			}
		case 'x':
			if isSpace(data[k-1]) && bytes.HasPrefix(data[k:], []byte("xmlns")) {
				if bindings++; len(d.bound)+bindings > d.maxNS {
					return d.tooManyBindings()
				}
			}
		}
	}
	return nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (d *Decoder) tooManyBindings() error {
	return limit(jixiao.TooMany(d.file, sprintf("部件“%s”中同时有效的 XML 命名空间声明数", d.part), d.maxNS))
}

func (d *Decoder) pop() {
	top := d.stack[len(d.stack)-1]
	for _, prefix := range d.bound[len(d.bound)-top.nbind:] {
		urls := d.ns[prefix]
		if len(urls) == 1 {
			delete(d.ns, prefix)
		} else {
			d.ns[prefix] = urls[:len(urls)-1]
		}
	}
	d.bound = d.bound[:len(d.bound)-top.nbind]
	d.stack = d.stack[:len(d.stack)-1]
}

// Skip consumes the rest of the innermost open element, up to and including
// its end element, like xml.Decoder.Skip. Right after a start element it
// scans the bytes for the matching end tag instead of building tokens (much
// faster on formatting properties), still checking that tags match, that
// nesting stays within the limit and that no DTD appears.
func (d *Decoder) Skip() error {
	if d.lastStart {
		if ok, err := d.fastSkip(); ok || err != nil {
			return err
		}
	}
	depth := len(d.stack)
	for len(d.stack) >= depth && depth > 0 {
		if _, err := d.token(); err != nil {
			if err == io.EOF {
				return d.errorf(io.ErrUnexpectedEOF, "不完整（被截断）")
			}
			return err
		}
	}
	return nil
}

func (d *Decoder) lookup(prefix string, element bool) string {
	switch prefix {
	case "xml":
		return xmlNamespace
	case "":
		if !element {
			return ""
		}
	}
	if urls := d.ns[prefix]; len(urls) > 0 {
		return urls[len(urls)-1]
	}
	return prefix
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// line is the line the decoder has read up to.
func (d *Decoder) line() int {
	return 1 + bytes.Count(d.r.data[:d.r.pos], []byte{'\n'})
}

func (d *Decoder) syntax(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		if se.Msg == "unexpected EOF" {
			return d.errorf(err, "在第 %d 行意外结束，文件不完整（被截断）", d.line())
		}
		return d.errorf(err, "第 %d 行不是有效的 XML，文件已损坏", d.line())
	}
	if strings.Contains(err.Error(), "CharsetReader") {
		return d.errorf(err, "声明了不支持的字符编码（只支持 UTF-8）")
	}
	return d.errorf(err, "无法读取（第 %d 行）", d.line())
}

// errorf returns an invalid-input error about the part: the message follows
// "<file>：部件“<part>”".
func (d *Decoder) errorf(cause error, format string, args ...any) error {
	msg := sprintf("%s：部件“%s”", d.file, d.part) + sprintf(format, args...) +
		sprintf("。请用 %s 打开该文件并另存为 %s 后重新上传", app(d.file), ext(d.file))
	return &jixiao.Error{Kind: jixiao.KindInvalid, Message: msg, Err: cause}
}

// checkProlog reads an XML part up to its root element, refusing DTDs.
func checkProlog(file, part string, data []byte, lim Limits) error {
	d := NewDecoderLimits(file, part, data, lim)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			return nil
		}
	}
}

// fastSkip skips the element whose start tag was just read, scanning bytes.
// ok is false when the scan cannot start here (the start tag was
// self-closing): the caller then reads tokens.
func (d *Decoder) fastSkip() (ok bool, err error) {
	data, pos := d.r.data, d.r.pos
	if pos < 2 || data[pos-1] != '>' || data[pos-2] == '/' {
		return false, nil
	}
	top := d.stack[len(d.stack)-1].raw
	d.scratch = append(d.scratch[:0], top.Space...)
	if top.Space != "" {
		d.scratch = append(d.scratch, ':')
	}
	d.scratch = append(d.scratch, top.Local...)
	if err := d.skipContent(d.scratch, len(d.stack)-1); err != nil {
		return true, err
	}
	d.pop()
	d.clean = true
	return true, nil
}

// skipContent scans from the reader's position, just after the start tag of
// an element named name (as written) with depth elements around it, to just
// after its end tag.
func (d *Decoder) skipContent(name []byte, depth int) error {
	data, pos := d.r.data, d.r.pos
	names := append(d.skipNames[:0], name)
	defer func() { d.skipNames = names[:0] }()
	for {
		i := bytes.IndexByte(data[pos:], '<')
		if i < 0 || pos+i+1 >= len(data) {
			return d.truncated(names[0])
		}
		pos += i + 1
		d.r.pos = pos // for line numbers in messages
		switch data[pos] {
		case '/':
			j := bytes.IndexByte(data[pos:], '>')
			if j < 0 {
				return d.truncated(names[0])
			}
			end := bytes.TrimRight(data[pos+1:pos+j], " \t\r\n")
			if want := names[len(names)-1]; !bytes.Equal(end, want) {
				return d.errorf(nil, "第 %d 行的元素 <%s> 被 </%s> 结束，标记不匹配，文件已损坏", d.line(), want, end)
			}
			pos += j + 1
			if names = names[:len(names)-1]; len(names) == 0 {
				d.r.pos = pos
				return nil
			}
		case '!':
			var end string
			switch rest := data[pos:]; {
			case bytes.HasPrefix(rest, []byte("!--")):
				end = "-->"
			case bytes.HasPrefix(rest, []byte("![CDATA[")):
				end = "]]>"
			default:
				return d.errorf(nil, dtdMessage)
			}
			j := bytes.Index(data[pos:], []byte(end))
			if j < 0 {
				return d.truncated(names[0])
			}
			pos += j + len(end)
		case '?':
			j := bytes.Index(data[pos:], []byte("?>"))
			if j < 0 {
				return d.truncated(names[0])
			}
			pos += j + 2
		default:
			tag, next, empty, ok := scanStartTag(data, pos)
			if !ok {
				if next >= len(data) {
					return d.truncated(names[0])
				}
				return d.errorf(nil, "第 %d 行不是有效的 XML，文件已损坏", d.line())
			}
			pos = next
			if err := d.count(); err != nil {
				return err
			}
			if !empty {
				if depth+len(names)+1 > d.maxDepth {
					return d.errorf(nil, depthMessage, d.maxDepth)
				}
				names = append(names, tag)
			}
		}
	}
}

// scanStartTag reads the start tag whose name begins at data[pos] (just
// after '<'): it returns the name, the position after the tag's '>' and
// whether the tag is self-closing. Quoted attribute values may hold '>'.
func scanStartTag(data []byte, pos int) (name []byte, next int, empty, ok bool) {
	k := pos
	for k < len(data) && !isTagEnd(data[k]) {
		k++
	}
	name = data[pos:k]
	var quote byte
	for ; k < len(data); k++ {
		c := data[k]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		}
	}
	if k >= len(data) {
		return name, k, false, false
	}
	return name, k + 1, data[k-1] == '/', len(name) > 0
}

// SkipElements makes Token drop, unseen, the elements with one of the local
// names in one of the namespaces, with everything inside them. They are
// skipped by scanning bytes, which is much cheaper than building their tokens
// (it halves the time to read a typical Word table): tag names must still
// match, nesting stays bounded and DTDs are refused, but the content of a
// dropped element is not otherwise validated (entities, characters). Use it
// for formatting properties a reader never looks at.
func (d *Decoder) SkipElements(spaces []string, locals ...string) {
	d.skipSpaces = spaces
	d.skipLocals = make(map[string]bool, len(locals))
	for _, l := range locals {
		d.skipLocals[l] = true
	}
}

// peekSkip skips the elements SkipElements names that start right at the
// reader's position. It runs only where encoding/xml holds no byte read
// ahead (not after character data, not inside a self-closing tag).
func (d *Decoder) peekSkip() error {
	data := d.r.data
	for {
		pos := d.r.pos
		if pos+1 >= len(data) || data[pos] != '<' {
			return nil
		}
		switch data[pos+1] {
		case '/', '!', '?':
			return nil
		}
		name, next, empty, ok := scanStartTag(data, pos+1)
		if !ok {
			return nil // let encoding/xml report it
		}
		prefix, local := []byte(nil), name
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			prefix, local = name[:i], name[i+1:]
		}
		if !d.skipLocals[string(local)] || !d.skipSpace(prefix) {
			return nil
		}
		if bytes.Contains(data[pos:next], []byte("xmlns")) {
			return nil // it may bind its own prefix: let Token resolve it
		}
		d.r.pos = next
		if err := d.count(); err != nil {
			return err
		}
		if !empty {
			if len(d.stack)+1 > d.maxDepth {
				return d.errorf(nil, depthMessage, d.maxDepth)
			}
			if err := d.skipContent(name, len(d.stack)); err != nil {
				return err
			}
		}
	}
}

func (d *Decoder) skipSpace(prefix []byte) bool {
	url := ""
	if urls := d.ns[string(prefix)]; len(urls) > 0 {
		url = urls[len(urls)-1]
	}
	for _, s := range d.skipSpaces {
		if s == url {
			return url != ""
		}
	}
	return false
}

func (d *Decoder) truncated(name []byte) error {
	d.r.pos = len(d.r.data)
	return d.errorf(io.ErrUnexpectedEOF, "在元素 <%s> 结束之前就结束了，文件不完整（被截断）", name)
}

const (
	dtdMessage   = "含有 DTD 声明（<!DOCTYPE>/<!ENTITY>），Office 文档不会有这种内容，文件异常（可能是恶意构造的“实体膨胀”文件），拒绝读取"
	depthMessage = "中的元素嵌套超过 %d 层，文件异常（可能是恶意构造的文件），拒绝读取"
)

func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\r' || c == '\n'
}

// byteReader gives encoding/xml the bytes one at a time, and lets fastSkip
// move past a subtree: encoding/xml reads no byte beyond the '>' of a start
// tag before returning it.
type byteReader struct {
	data []byte
	pos  int
}

func (r *byteReader) ReadByte() (byte, error) {
	if r.pos >= len(r.data) {
		return 0, io.EOF
	}
	b := r.data[r.pos]
	r.pos++
	return b, nil
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.pos >= len(r.data) {
		return 0, io.EOF
	}
	n := copy(p, r.data[r.pos:])
	r.pos += n
	return n, nil
}
