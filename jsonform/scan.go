package jsonform

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	jixiao "github.com/jixiao/jixiao"
)

// Before anything is decoded, scan reads the bytes once and refuses a file
// whose arrays, nesting, texts or numbers go past the reading limits: a
// decoder fills memory with what it decodes (a form of a million
// indicators, each a struct of texts, is gigabytes), so what it may decode
// is bounded first. The scan does not check the syntax (the decoder does):
// it follows brackets, keys and strings in time linear in the bytes, with
// one small frame per level of nesting, whatever the bytes are.

// Limits of a JSON form file beyond the shared ones (limits.go).
const (
	// maxDepth bounds nesting: a form file nests 8 levels (file, forms,
	// form, aggregation, indicators, contributions, values).
	maxDepth = 32
	// maxArray bounds an array the schema does not bound otherwise
	// (footnotes, warnings, the parts of an aggregated value).
	maxArray = 1_000
	// maxNumber bounds the bytes of a number as written: a year, an
	// ordinal, an amount.
	maxNumber = 64
)

// shape is what the top level of a file holds.
type shape int

const (
	shapeForm  shape = iota // a bare form object (or anything else: the decoder says what is wrong)
	shapeFile               // {"format": …, "version": …, "forms": […]}
	shapeArray              // an array of forms
)

// arrayKind is an array the limits know by its key.
type arrayKind int

const (
	arrayOther arrayKind = iota
	arrayForms           // the forms of a file, or the top-level array
	arrayIndicators
	arrayFundLines
	arrayMembers // an aggregation's members, and each indicator's contributions
)

// frame is an object or an array being scanned.
type frame struct {
	array     bool
	expectKey bool      // object: the next string is a key
	key       string    // object: the last key read (bounded, for messages)
	kind      arrayKind // array: what it is
	count     int       // array: elements so far
}

// scan checks data against the limits and returns the shape of its top
// level. name is the file, for messages.
func scan(name string, data []byte) (shape, error) {
	s := scanner{name: name, data: data}
	return s.run()
}

type scanner struct {
	name     string
	data     []byte
	stack    []frame
	elements int // array elements of the file, together
	top      shape
}

func (s *scanner) run() (shape, error) {
	data := s.data
	first := true
	for i := 0; i < len(data); {
		c := data[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			i++
			continue
		case ',':
			if f := s.last(); f != nil && !f.array {
				f.expectKey = true
			}
			i++
			continue
		case ':':
			if f := s.last(); f != nil && !f.array {
				f.expectKey = false
			}
			i++
			continue
		case '}', ']':
			if len(s.stack) > 0 {
				s.stack = s.stack[:len(s.stack)-1]
			}
			i++
			continue
		}
		if first {
			first = false
			if c == '[' {
				s.top = shapeArray
			}
		}
		if c == '"' {
			end, n := stringEnd(data, i)
			if n > jixiao.MaxCellBytes {
				return 0, jixiao.TooLarge(s.name, fmt.Sprintf("第 %d 字节处的一个文本", i+1), jixiao.MaxCellBytes)
			}
			if f := s.last(); f != nil && !f.array && f.expectKey {
				f.key = keyOf(data[i:end])
				f.expectKey = false
				if len(s.stack) == 1 && (strings.EqualFold(f.key, "format") || strings.EqualFold(f.key, "version") || strings.EqualFold(f.key, "forms")) {
					s.top = shapeFile
				}
				i = end
				continue
			}
			if err := s.value(); err != nil {
				return 0, err
			}
			i = end
			continue
		}
		if err := s.value(); err != nil {
			return 0, err
		}
		if c == '{' || c == '[' {
			if err := s.open(c == '['); err != nil {
				return 0, err
			}
			i++
			continue
		}
		// a number or a literal (true, false, null), or garbage the
		// decoder will name: up to the next delimiter
		j := i
		for j < len(data) && !strings.ContainsRune(" \t\n\r,:[]{}\"", rune(data[j])) {
			j++
		}
		if j-i > maxNumber {
			return 0, jixiao.TooLarge(s.name, fmt.Sprintf("第 %d 字节处的一个数字", i+1), maxNumber)
		}
		i = j
	}
	return s.top, nil
}

func (s *scanner) last() *frame {
	if len(s.stack) == 0 {
		return nil
	}
	return &s.stack[len(s.stack)-1]
}

// value counts a value that starts in the current array, if any.
func (s *scanner) value() error {
	f := s.last()
	if f == nil || !f.array {
		return nil
	}
	f.count++
	if limit, what := f.limit(); f.count > limit {
		return jixiao.TooMany(s.name, what, limit)
	}
	if s.elements++; s.elements > jixiao.MaxJSONElements {
		return jixiao.TooMany(s.name, "全部数组的元素数（表单、指标、资金情况行等合计）", jixiao.MaxJSONElements)
	}
	return nil
}

// open starts an object or an array.
func (s *scanner) open(array bool) error {
	if len(s.stack) >= maxDepth {
		return jixiao.TooMany(s.name, "JSON 的嵌套层数", maxDepth)
	}
	f := frame{array: array, expectKey: !array}
	if array {
		switch parent := s.last(); {
		case parent == nil:
			f.kind = arrayForms
		case !parent.array:
			f.kind, f.key = kindOf(parent.key), parent.key
		}
	}
	s.stack = append(s.stack, f)
	return nil
}

// kindOf returns what an array is by its key, matched as encoding/json
// matches keys to fields (case folded).
func kindOf(key string) arrayKind {
	switch {
	case strings.EqualFold(key, "forms"):
		return arrayForms
	case strings.EqualFold(key, "indicators"):
		return arrayIndicators
	case strings.EqualFold(key, "lines"):
		return arrayFundLines
	case strings.EqualFold(key, "members"), strings.EqualFold(key, "contributions"):
		return arrayMembers
	}
	return arrayOther
}

// limit returns the limit of an array's elements and what it counts, in
// words for the message.
func (f *frame) limit() (int, string) {
	switch f.kind {
	case arrayForms:
		return jixiao.MaxForms, "表单数"
	case arrayIndicators:
		return jixiao.MaxIndicators, "一个表单的指标数（indicators）"
	case arrayFundLines:
		return jixiao.MaxFundLines, "一个表单的资金情况行数（funds.lines）"
	case arrayMembers:
		return jixiao.MaxForms, fmt.Sprintf("汇总的成员数（%s）", f.key)
	}
	if f.key == "" {
		return maxArray, "数组中的数组的元素数"
	}
	return maxArray, fmt.Sprintf("数组“%s”的元素数", f.key)
}

// stringEnd returns the end of the string that starts at data[i] (after
// its closing quote, or the end of data) and an upper bound of its length
// once decoded: an escape \uXXXX counts 3 bytes, any other escape 1.
func stringEnd(data []byte, i int) (end, n int) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '"':
			return j + 1, n
		case '\\':
			if j+1 < len(data) && data[j+1] == 'u' {
				j += 5
				n += 3
				continue
			}
			j++
		}
		n++
	}
	return len(data), n
}

// maxKey bounds a key kept for messages.
const maxKey = 40

// keyOf returns a key as the decoder reads it (escapes decoded), cut to
// maxKey bytes.
func keyOf(quoted []byte) string {
	raw := bytes.TrimSuffix(quoted[1:], []byte(`"`))
	var k string
	if bytes.IndexByte(raw, '\\') < 0 {
		k = string(raw[:min(len(raw), maxKey+utf8.UTFMax)])
	} else if json.Unmarshal(quoted, &k) != nil {
		k = string(raw[:min(len(raw), maxKey+utf8.UTFMax)])
	}
	if len(k) > maxKey {
		n := maxKey
		for n > 0 && !utf8.RuneStart(k[n]) {
			n--
		}
		k = k[:n] + "…"
	}
	return strings.ToValidUTF8(k, "\uFFFD")
}
