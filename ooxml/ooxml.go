// Package ooxml opens Office Open XML packages (.docx, .xlsx) safely: it
// recognises files that are not packages at all (empty, PDF, RTF, legacy or
// password-protected Office files), bounds what decompression may produce
// (zip bombs: per part and for all parts read together), and decodes XML
// parts without DTDs, with limits on nesting, namespace bindings,
// attributes and the elements of all parts together (Limits).
// Every error it returns for bad input is a *jixiao.Error of KindInvalid
// with a Chinese message naming the file, what is wrong and how to fix it.
package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"path"
	"strings"

	jixiao "github.com/jixiao/jixiao"
)

// Default limits: the shared reading limits of limits.go, so that Word and
// Excel files are bounded alike.
const (
	MaxPartSize   = jixiao.MaxPartBytes     // inflated bytes of one part read
	MaxTotalSize  = jixiao.MaxInflatedBytes // inflated bytes of all parts together
	MaxEntries    = 10000                   // entries in the zip directory
	MaxDepth      = 256                     // nesting of XML elements
	MaxElements   = jixiao.MaxXMLElements   // elements of all XML parts read, together
	MaxNamespaces = jixiao.MaxNamespaces    // namespace bindings in scope at once
	MaxAttributes = jixiao.MaxAttributes    // attributes of one element
)

// Limits bound what opening and reading a package may cost. A zero field
// takes its default.
//
// Sizes are checked twice. Open refuses a package whose zip directory
// declares a part larger than MaxPartSize or parts larger than MaxTotalSize
// together: archive/zip never inflates a part beyond its declared size, so
// the declared sizes bound all the work reading may do, and a package padded
// with junk parts is refused before anything is inflated (a real form, at
// most 20 MB with its pictures stored nearly as they are, declares far less).
// ReadPart then counts the bytes actually inflated, per part and for all
// parts read from the package together, whatever the headers say.
type Limits struct {
	MaxPartSize   int64 // inflated bytes of one part
	MaxTotalSize  int64 // inflated bytes of all parts together (declared at Open, read after)
	MaxEntries    int   // entries in the zip directory
	MaxDepth      int   // nesting of XML elements
	MaxElements   int   // XML elements of all parts read through Decoder, together
	MaxNamespaces int   // XML namespace bindings in scope at once
	MaxAttributes int   // XML attributes of one element
}

// DefaultLimits returns the default limits.
func DefaultLimits() Limits {
	return Limits{MaxPartSize: MaxPartSize, MaxTotalSize: MaxTotalSize, MaxEntries: MaxEntries, MaxDepth: MaxDepth,
		MaxElements: MaxElements, MaxNamespaces: MaxNamespaces, MaxAttributes: MaxAttributes}
}

// orDefault fills the zero fields with the defaults.
func (l Limits) orDefault() Limits {
	def := DefaultLimits()
	l.MaxPartSize = positiveOr(l.MaxPartSize, def.MaxPartSize)
	l.MaxTotalSize = positiveOr(l.MaxTotalSize, def.MaxTotalSize)
	l.MaxEntries = positiveOr(l.MaxEntries, def.MaxEntries)
	l.MaxDepth = positiveOr(l.MaxDepth, def.MaxDepth)
	l.MaxElements = positiveOr(l.MaxElements, def.MaxElements)
	l.MaxNamespaces = positiveOr(l.MaxNamespaces, def.MaxNamespaces)
	l.MaxAttributes = positiveOr(l.MaxAttributes, def.MaxAttributes)
	return l
}

func positiveOr[T int | int64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Package is an opened OOXML package (a zip of parts).
type Package struct {
	name   string
	limits Limits
	zr     *zip.Reader
	parts  map[string]*zip.File // by normalised part name
	order  []string             // part names in directory order

	inflated int64  // bytes inflated by ReadPart so far, all parts together
	elements budget // XML elements decoded so far, all parts together

	format   Format // computed lazily
	main     string
	detected bool
}

// Open opens the package held in data with the default limits. Name is the
// file name, used in messages.
func Open(name string, data []byte) (*Package, error) {
	return OpenLimits(name, data, DefaultLimits())
}

// OpenLimits opens the package held in data with the given limits.
func OpenLimits(name string, data []byte, lim Limits) (*Package, error) {
	lim = lim.orDefault()
	if err := sniff(name, data); err != nil {
		return nil, err
	}
	if n, ok := countEntries(data); ok && n > lim.MaxEntries {
		return nil, tooManyEntries(name, n, lim.MaxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // we never write parts to disk
		return nil, corrupted(name, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, tooManyEntries(name, len(zr.File), lim.MaxEntries)
	}
	p := &Package{name: name, limits: lim, zr: zr, parts: make(map[string]*zip.File, len(zr.File)),
		elements: budget{limit: lim.MaxElements}}
	var total uint64
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue // directory entry
		}
		key := normalize(f.Name)
		if _, dup := p.parts[key]; dup {
			return nil, jixiao.Invalid("%s：文件结构异常，压缩包中有两个同名部件“%s”（文件可能被篡改或由有缺陷的软件生成）。请用 %s 打开该文件并另存为 %s 后重新上传",
				name, f.Name, app(name), ext(name))
		}
		if f.Flags&0x1 != 0 {
			return nil, jixiao.Invalid("%s：压缩包中的部件“%s”被加密，无法读取。请去掉加密后用 %s 另存为 %s 再上传", name, f.Name, app(name), ext(name))
		}
		if f.UncompressedSize64 > uint64(lim.MaxPartSize) {
			return nil, bomb(name, f.Name, lim)
		}
		total += f.UncompressedSize64
		if total > uint64(lim.MaxTotalSize) {
			return nil, bombTotal(name, lim)
		}
		p.parts[key] = f
		p.order = append(p.order, key)
	}
	return p, nil
}

// Name returns the file name given to Open.
func (p *Package) Name() string { return p.name }

// Parts returns the names of the package's parts, in directory order.
func (p *Package) Parts() []string { return append([]string(nil), p.order...) }

// Has reports whether the package holds the part. Part names are compared
// as OPC compares them: without a leading slash and ignoring case.
func (p *Package) Has(part string) bool {
	_, ok := p.parts[normalize(part)]
	return ok
}

// ReadPart returns the uncompressed content of the part. It stops with an
// error as soon as decompression produces more than the part limit, or more
// than what is left of the total limit for all parts read from the package
// together, whatever the zip headers claim: only the bytes actually
// inflated count, so parts never read cost nothing.
func (p *Package) ReadPart(part string) ([]byte, error) {
	f, ok := p.parts[normalize(part)]
	if !ok {
		return nil, jixiao.Invalid("%s：文件中缺少“%s”部分，文件不完整或不是有效的 %s 文件。请用 %s 打开后另存为 %s 再上传",
			p.name, strings.TrimPrefix(part, "/"), ext(p.name), app(p.name), ext(p.name))
	}
	left := max(0, p.limits.MaxTotalSize-p.inflated)
	limit := min(p.limits.MaxPartSize, left)
	buf, err := p.inflate(f, limit)
	p.inflated += int64(len(buf))
	if err == errOverLimit {
		if limit == left && left < p.limits.MaxPartSize {
			return nil, bombTotal(p.name, p.limits)
		}
		return nil, bomb(p.name, f.Name, p.limits)
	}
	if err != nil {
		return nil, err
	}
	return buf, nil
}

// errOverLimit is inflate's signal that the part holds more than allowed.
var errOverLimit = errors.New("over limit")

// inflate decompresses f, failing with errOverLimit once more than limit
// bytes come out. The declared size is only a hint for the buffer:
// archive/zip refuses to produce more than it, and limit holds whatever it
// says.
func (p *Package) inflate(f *zip.File, limit int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, p.partError(f.Name, err)
	}
	defer rc.Close()
	limit = max(limit, 0)
	buf := make([]byte, 0, min(f.UncompressedSize64, uint64(limit))+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := rc.Read(buf[len(buf):min(int64(cap(buf)), limit+1)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return buf, errOverLimit
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, p.partError(f.Name, err)
		}
	}
}

// Inflated returns the bytes ReadPart has inflated so far, all parts
// together.
func (p *Package) Inflated() int64 { return p.inflated }

func (p *Package) partError(part string, err error) error {
	switch {
	case errors.Is(err, zip.ErrAlgorithm):
		return &jixiao.Error{Kind: jixiao.KindInvalid, Err: err, Message: sprintf(
			"%s：部件“%s”使用了不支持的压缩方式，无法读取。请用 %s 打开该文件并另存为 %s 后重新上传", p.name, part, app(p.name), ext(p.name))}
	case errors.Is(err, zip.ErrFormat):
		return &jixiao.Error{Kind: jixiao.KindInvalid, Err: err, Message: sprintf(
			"%s：部件“%s”解压后的大小与压缩包记录的不符，文件已损坏或异常（可能是恶意构造的“压缩炸弹”），拒绝读取。请重新获取原文件，或用 %s 打开后另存为 %s 再上传", p.name, part, app(p.name), ext(p.name))}
	case errors.Is(err, zip.ErrChecksum):
		return &jixiao.Error{Kind: jixiao.KindInvalid, Err: err, Message: sprintf(
			"%s：文件已损坏（部件“%s”的校验和不符），可能下载或上传不完整。请重新获取原文件，或用 %s 打开修复后另存为 %s 再上传", p.name, part, app(p.name), ext(p.name))}
	}
	return &jixiao.Error{Kind: jixiao.KindInvalid, Err: err, Message: sprintf(
		"%s：文件已损坏（部件“%s”无法解压），可能下载或上传不完整。请重新获取原文件，或用 %s 打开修复后另存为 %s 再上传", p.name, part, app(p.name), ext(p.name))}
}

// Verify decompresses every part within the limits (per part, and for all
// parts together the same total as ReadPart, counting the bytes actually
// produced; its own count, since a library will inflate them all again),
// checks their checksums, and checks that no XML part declares a DTD. Call
// it before handing the file to a library that reads every part itself.
func (p *Package) Verify() error {
	var total int64
	for _, key := range p.order {
		f := p.parts[key]
		left := p.limits.MaxTotalSize - total
		limit := min(p.limits.MaxPartSize, left)
		data, err := p.inflate(f, limit)
		if err == errOverLimit {
			if limit == left && left < p.limits.MaxPartSize {
				return bombTotal(p.name, p.limits)
			}
			return bomb(p.name, f.Name, p.limits)
		}
		if err != nil {
			return err
		}
		total += int64(len(data))
		if isXMLPart(key) {
			if err := checkProlog(p.name, f.Name, data, p.limits); err != nil {
				return err
			}
		}
	}
	return nil
}

func isXMLPart(key string) bool {
	return strings.HasSuffix(key, ".xml") || strings.HasSuffix(key, ".rels") || strings.HasSuffix(key, ".vml")
}

// normalize turns a zip entry name or a part name into a lookup key.
func normalize(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	name = strings.TrimPrefix(name, "/")
	return strings.ToLower(name)
}

// resolve resolves a relationship target against the folder of its source.
func resolve(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target)[1:]
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, target)), "/")
}

// countEntries reads the entry count from the end of central directory
// record and walks the central directory, so that a zip claiming millions of
// entries is refused before archive/zip allocates them. ok is false when the
// directory cannot be walked here (zip64, damaged): archive/zip decides then.
func countEntries(data []byte) (n int, ok bool) {
	const eocdLen = 22
	if len(data) < eocdLen {
		return 0, false
	}
	start := max(0, len(data)-eocdLen-0xffff)
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 || start+i+eocdLen > len(data) {
		return 0, false
	}
	e := data[start+i:]
	off := binary.LittleEndian.Uint32(e[16:20])
	if off == 0xffffffff || uint64(off) >= uint64(len(data)) {
		return 0, false
	}
	for pos := uint64(off); pos+46 <= uint64(len(data)); {
		if binary.LittleEndian.Uint32(data[pos:]) != 0x02014b50 {
			break
		}
		n++
		nameLen := uint64(binary.LittleEndian.Uint16(data[pos+28:]))
		extraLen := uint64(binary.LittleEndian.Uint16(data[pos+30:]))
		commentLen := uint64(binary.LittleEndian.Uint16(data[pos+32:]))
		pos += 46 + nameLen + extraLen + commentLen
	}
	return n, true
}
