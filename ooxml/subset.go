package ooxml

import (
	"archive/zip"
	"bytes"
)

// Extra is a part written into a subset package, uncompressed.
type Extra struct {
	Name string
	Body []byte
}

// Subset returns a new package holding only the named parts of p, copied
// as they are stored (neither inflated nor recompressed, under their
// original entry names), and the extra parts, stored. It is the package to
// hand a library that inflates every part it is given (excelize): the parts
// left out are never inflated, and the parts kept have been read and checked
// by the caller, so what the library inflates is bounded by what was checked
// (archive/zip refuses to inflate more than an entry's declared size).
// A part named twice, or missing, is copied once or not at all.
func (p *Package) Subset(parts []string, extra ...Extra) ([]byte, error) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range extra {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: e.Name, Method: zip.Store})
		if err != nil {
			return nil, corrupted(p.name, err)
		}
		if _, err := fw.Write(e.Body); err != nil {
			return nil, corrupted(p.name, err)
		}
	}
	copied := make(map[string]bool, len(parts))
	for _, part := range parts {
		key := normalize(part)
		f, ok := p.parts[key]
		if !ok || copied[key] {
			continue
		}
		copied[key] = true
		if err := w.Copy(f); err != nil {
			return nil, p.partError(f.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, corrupted(p.name, err)
	}
	return buf.Bytes(), nil
}

// EntryName returns the name of the zip entry holding the part, as written
// in the package (a library looking parts up by exact name sees this one).
func (p *Package) EntryName(part string) (string, bool) {
	f, ok := p.parts[normalize(part)]
	if !ok {
		return "", false
	}
	return f.Name, true
}

// PartSize returns the inflated size of the part as the zip directory
// declares it. Reading the part never produces more (archive/zip fails
// past it), so a caller may refuse a part by this size before reading it.
func (p *Package) PartSize(part string) int64 {
	f, ok := p.parts[normalize(part)]
	if !ok {
		return 0
	}
	return int64(min(f.UncompressedSize64, 1<<62))
}
