package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"os"

	"github.com/jixiao/jixiao/internal/reftest"
)

// A part is one entry of an Office package (a zip file). Its content is a
// sequence of runs, each a string repeated a number of times, so that a part
// inflating to 60 MB is described, compressed and checksummed without ever
// being held in memory whole.
type part struct {
	name string
	runs []run
	// declared, when non-zero, is the uncompressed size written in the zip
	// headers instead of the true one: a package that lies about its sizes.
	declared uint64
}

// run is s repeated n times.
type run struct {
	s string
	n int
}

// xmlPart is a part of a head, n repetitions of unit, and a tail.
func xmlPart(name, head, unit string, n int, tail string) part {
	return part{name: name, runs: []run{{head, 1}, {unit, n}, {tail, 1}}}
}

// textPart is a part with the given content as it stands.
func textPart(name, content string) part {
	return part{name: name, runs: []run{{content, 1}}}
}

// size returns the number of bytes the part inflates to.
func (p part) size() uint64 {
	var n uint64
	for _, r := range p.runs {
		n += uint64(len(r.s)) * uint64(r.n)
	}
	return n
}

// chunkSize is about how many bytes of a repeated string are compressed at
// once: the compressed chunk is then written as many times as needed.
const chunkSize = 64 << 10

// deflate returns the raw deflate stream of the part and its CRC-32.
//
// A repeated run is compressed once, as a chunk of whole repetitions by a
// fresh compressor ended with a sync flush: such a segment is byte-aligned,
// refers to nothing before it and is not final, so concatenated copies of it
// inflate to the chunk repeated. That builds a part inflating to 60 MB in a
// few milliseconds. The stream ends with an empty final block.
func (p part) deflate() ([]byte, uint32) {
	var out bytes.Buffer
	crc := crc32.NewIEEE()
	segment := func(s []byte) []byte {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.BestSpeed) // error only for a bad level
		w.Write(s)
		w.Flush()
		return b.Bytes()
	}
	for _, r := range p.runs {
		if r.n <= 0 || r.s == "" {
			continue
		}
		per := max(1, chunkSize/len(r.s))
		chunk := appendRepeat(nil, r.s, min(per, r.n))
		if full := r.n / per; full > 0 {
			seg := segment(chunk)
			for range full {
				out.Write(seg)
				crc.Write(chunk)
			}
		}
		if rest := r.n % per; rest > 0 {
			tail := chunk[:rest*len(r.s)]
			out.Write(segment(tail))
			crc.Write(tail)
		}
	}
	out.Write([]byte{0x03, 0x00}) // an empty final block with fixed codes
	return out.Bytes(), crc.Sum32()
}

// writeTo adds the part to the zip.
func (p part) writeTo(zw *zip.Writer) error {
	data, sum := p.deflate()
	size := p.size()
	if p.declared != 0 {
		size = p.declared
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: p.name, Method: zip.Deflate, CRC32: sum,
		CompressedSize64: uint64(len(data)), UncompressedSize64: size,
	})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// pack builds a zip package of the parts.
func pack(parts ...part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		if err := p.writeTo(zw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fromReference builds a package from the bundled reference form of the
// given extension ("docx", "xlsx"): parts of the same name replace the
// reference's, the others are added after it. The result is the reference
// package, still valid, with one hostile part swapped in or added.
func fromReference(ext string, parts ...part) ([]byte, error) {
	ref, err := os.ReadFile(reftest.Path(ext))
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(ref), int64(len(ref)))
	if err != nil {
		return nil, err
	}
	replaced := make(map[string]bool, len(parts))
	for _, p := range parts {
		replaced[p.name] = true
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if replaced[f.Name] {
			continue
		}
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	for _, p := range parts {
		if err := p.writeTo(zw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// manyEntries builds the reference package of ext followed by n empty
// entries (stored, not compressed): a central directory of n files.
func manyEntries(ext string, n int) ([]byte, error) {
	ref, err := fromReference(ext)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(ref), int64(len(ref)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			return nil, err
		}
	}
	name := make([]byte, 0, 16)
	for i := range n {
		name = append(append(name[:0], "e/"...), itoa(i)...)
		if _, err := zw.CreateRaw(&zip.FileHeader{Name: string(name), Method: zip.Store}); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
