// Package jsonc parses the JSON files of a mini program (app.json, page and
// component json, project.config.json, sitemap.json) into a tree that keeps
// the byte offset of every key and value, so that every finding about a
// configuration points at the exact key or value that causes it.
//
// WeChat reads these files with a strict JSON parser, yet editors and
// templates leave comments and trailing commas in them. Parse tolerates both
// (through github.com/tailscale/hujson) and reports each as a Problem, along
// with duplicate keys (JSON.parse keeps the last one silently) and a leading
// byte order mark.
package jsonc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tailscale/hujson"

	"github.com/chattool-lint/chattool-lint/internal/textcheck"
)

// Kind is the type of a JSON value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string { return kindNames[k] }

// Value is a JSON value with its byte offsets in the source.
type Value struct {
	Kind       Kind
	Bool       bool // (beside Kind: a Value takes 112 bytes, not 120)
	Start, End int  // offsets of the first byte and one past the last
	Str        string
	Num        json.Number
	Members    []*Member // Object, in source order, duplicates included
	Elems      []*Value  // Array

	// index holds the keys of an object of more than indexMin members, so
	// that a look-up does not scan them (an object of 400,000 keys, each
	// looked up, would take minutes).
	index *memberIndex
}

// memberIndex maps each key of an object to the position in Members of its
// last member. n is len(Members) when it was made: a Value built or
// extended by hand is scanned instead.
type memberIndex struct {
	last map[string]int
	n    int
}

// indexMin is the number of members up to which an object is scanned
// rather than indexed: real configurations have a handful of keys each.
const indexMin = 8

// Member is one key of an object.
type Member struct {
	Key              string
	KeyStart, KeyEnd int
	Value            *Value
}

// Get returns the value of key in an object, or nil. As with JSON.parse, the
// last of duplicate keys wins.
func (v *Value) Get(key string) *Value {
	if m := v.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the member of an object with this key (the last one when
// the key is duplicated), or nil.
func (v *Value) Member(key string) *Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	if v.index != nil && v.index.n == len(v.Members) {
		if i, ok := v.index.last[key]; ok && v.Members[i].Key == key {
			return v.Members[i]
		}
		return nil
	}
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return v.Members[i]
		}
	}
	return nil
}

// String returns the string value, and whether v is a string.
func (v *Value) String() (string, bool) {
	if v == nil || v.Kind != String {
		return "", false
	}
	return v.Str, true
}

// Head returns the end offset of the part of v a finding should underline:
// the opening bracket of an object or array (whose body may span pages), the
// whole of anything else.
func (v *Value) Head() int {
	if v.Kind == Object || v.Kind == Array {
		return v.Start + 1
	}
	return v.End
}

// IsTrue reports whether v is the literal true.
func (v *Value) IsTrue() bool { return v != nil && v.Kind == Bool && v.Bool }

// Interface converts the tree to the plain Go values encoding/json would
// produce (with json.Number for numbers), for JSON Schema validation.
func (v *Value) Interface() any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		return v.Num
	case String:
		return v.Str
	case Object:
		m := make(map[string]any, len(v.Members))
		for _, mem := range v.Members {
			m[mem.Key] = mem.Value.Interface()
		}
		return m
	case Array:
		a := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			a[i] = e.Interface()
		}
		return a
	}
	return nil
}

// Lookup follows a JSON Pointer given as its unescaped tokens. It returns the
// value found, and the member when the last token named an object key (so a
// caller can point at the key rather than the value).
func (v *Value) Lookup(tokens []string) (*Value, *Member) {
	var mem *Member
	for _, tok := range tokens {
		mem = nil
		switch {
		case v == nil:
			return nil, nil
		case v.Kind == Object:
			mem = v.Member(tok)
			if mem == nil {
				return nil, nil
			}
			v = mem.Value
		case v.Kind == Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v.Elems) {
				return nil, nil
			}
			v = v.Elems[i]
		default:
			return nil, nil
		}
	}
	return v, mem
}

// ProblemKind classifies what Parse tolerated.
type ProblemKind uint8

const (
	Comment ProblemKind = iota
	TrailingComma
	DuplicateKey
	ByteOrderMark
	// Dropped is a key the build of a framework source (uni-app's
	// pages.json) leaves out of the mini program: it has no effect.
	Dropped
)

// Problem is something Parse accepted that WeChat's JSON parser does not
// (Comment, TrailingComma, ByteOrderMark: miniprogram-ci fails with
// JSON_PARSE_ERR), or that silently loses data (DuplicateKey).
type Problem struct {
	Kind       ProblemKind
	Start, End int
	Message    string
}

// SyntaxError is JSON that cannot be parsed at all.
type SyntaxError struct {
	Offset  int
	Message string
}

func (e *SyntaxError) Error() string { return e.Message }

// MaxDepth bounds the nesting of arrays and objects. Real configurations nest
// a handful of levels; the bound keeps hostile input from exhausting the stack.
const MaxDepth = 512

// Parse parses src. On a syntax error the returned value is nil, with one
// exception: invalid UTF-8 in a file that is otherwise valid JSON is an
// error that comes with the value, since WeChat's tools read it as U+FFFD
// and go on (the value holds U+FFFD there too). A binary file (a NUL byte,
// UTF-16) is a syntax error at once.
func Parse(src []byte) (*Value, []Problem, *SyntaxError) {
	tp := textcheck.Check(src)
	if tp != nil && tp.Binary {
		return nil, nil, &SyntaxError{Offset: tp.Offset, Message: tp.Message}
	}
	v, probs, serr := parse(src)
	if tp != nil && (serr == nil || serr.Offset >= tp.Offset) {
		// The invalid byte comes first: it is the error to report, and
		// any later syntax error may be its consequence.
		serr = &SyntaxError{Offset: tp.Offset, Message: tp.Message}
	}
	return v, probs, serr
}

func parse(src []byte) (*Value, []Problem, *SyntaxError) {
	var probs []Problem
	base := 0
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		probs = append(probs, Problem{ByteOrderMark, 0, 3,
			"file starts with a byte order mark (U+FEFF), which WeChat's JSON parser rejects; save the file as UTF-8 without BOM"})
		base = 3
	}
	body := src[base:]
	var n counts
	scanned, serr := scan(body, base, &n)
	if serr != nil {
		return nil, probs, serr
	}
	// Most files are built straight from their bytes; hujson parses
	// those fastParse gives up on, and says what is wrong with them.
	v, built, ok := fastParse(body, base, n)
	if !ok {
		var herr error
		v, built, serr, herr = hujsonParse(body, base)
		if herr != nil {
			return nil, probs, serr
		}
	}
	probs = append(probs, scanned...)
	if serr != nil {
		return nil, probs, serr
	}
	return v, append(probs, built...), nil
}

// hujsonParse parses body with hujson and builds the tree from hujson's.
// It returns hujson's error too when hujson failed; serr is then the
// syntax error to report.
func hujsonParse(body []byte, base int) (v *Value, probs []Problem, serr *SyntaxError, herr error) {
	hv, err := hujson.Parse(body)
	if err != nil {
		return nil, nil, syntaxError(body, base, err), err
	}
	b := builder{src: body, base: base}
	v, serr = b.value(&hv)
	if serr != nil {
		return nil, nil, serr, nil
	}
	return v, b.probs, nil, nil
}

// eofMessages rewords hujson's end-of-input errors for people.
var eofMessages = strings.NewReplacer(
	"parsing value: unexpected EOF", "unexpected end of file, a value is missing",
	"parsing object after name: unexpected EOF", "unexpected end of file after a key, ':' and a value are missing",
	"parsing object after value: unexpected EOF", "unexpected end of file inside an object, '}' is missing",
	"parsing array after value: unexpected EOF", "unexpected end of file inside an array, ']' is missing",
	"parsing string: unexpected EOF", "unexpected end of file inside a string, '\"' is missing",
	"unexpected EOF", "unexpected end of file",
)

var lineCol = regexp.MustCompile(`^hujson: line (\d+), column (\d+): (.*)$`)

// syntaxError turns hujson's "line L, column C" (C counted in bytes) back into
// an offset, so that positions are converted in one place only.
func syntaxError(body []byte, base int, err error) *SyntaxError {
	// hujson quotes the bytes it stopped at, which may be invalid UTF-8:
	// messages are text.
	msg := strings.ToValidUTF8(err.Error(), "\uFFFD")
	m := lineCol.FindStringSubmatch(msg)
	if m == nil {
		return &SyntaxError{Offset: base, Message: strings.TrimPrefix(msg, "hujson: ")}
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(body[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	off += col - 1
	if off > len(body) || strings.Contains(msg, "unexpected EOF") {
		// hujson reports where the unfinished value began; the file ends
		// at its end, which is where the reader must add something.
		off = len(body)
	}
	return &SyntaxError{Offset: base + off, Message: eofMessages.Replace(m[3])}
}

// counts bound the values and members of a file from above, as scan
// lexes it: fastParse takes its first blocks of that size, so that a small
// file takes what it needs, not a block of 16 values (2 KB). A member is a
// colon; a value is the file's, a member's or an array element's, whose
// number is at most the array's commas and one more.
type counts struct{ values, members int }

// scan finds comments, trailing commas and excessive nesting, which hujson
// accepts (or, for nesting, would recurse into) without reporting. When n
// is not nil, it counts the values and members of the file there (an upper
// bound when the file is valid JSON).
func scan(b []byte, base int, n *counts) ([]Problem, *SyntaxError) {
	var probs []Problem
	depth := 0
	// inArray[d] is set when the bracket that opened depth d is '['.
	var inArray [MaxDepth + 1]bool
	values, members := 1, 0
	if n != nil {
		defer func() { n.values, n.members = values, members }()
	}
	lastComma := -1 // offset of a comma with only blanks and comments after it so far
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			lastComma = -1
			i++
			for i < len(b) && b[i] != '"' {
				if b[i] == '\\' {
					i++
				}
				i++
			}
		case c == '/' && i+1 < len(b) && (b[i+1] == '/' || b[i+1] == '*'):
			start := i
			if b[i+1] == '/' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
				end := i
				if end > start && b[end-1] == '\r' {
					end--
				}
				probs = append(probs, Problem{Comment, base + start, base + end, "comment in JSON; WeChat's JSON parser rejects comments"})
			} else {
				j := bytes.Index(b[i+2:], []byte("*/"))
				if j < 0 {
					return probs, &SyntaxError{Offset: base + start, Message: "unterminated /* comment"}
				}
				i += 2 + j + 1
				probs = append(probs, Problem{Comment, base + start, base + i + 1, "comment in JSON; WeChat's JSON parser rejects comments"})
			}
		case c == '{' || c == '[':
			lastComma = -1
			depth++
			if depth > MaxDepth {
				return probs, &SyntaxError{Offset: base + i, Message: fmt.Sprintf("arrays and objects nested deeper than %d levels", MaxDepth)}
			}
			if depth >= 0 { // (a stray ] or } before it: invalid, no matter)
				inArray[depth] = c == '['
			}
			if c == '[' {
				values++
			}
		case c == '}' || c == ']':
			if lastComma >= 0 {
				probs = append(probs, Problem{TrailingComma, base + lastComma, base + lastComma + 1, "trailing comma; WeChat's JSON parser rejects it"})
			}
			lastComma = -1
			depth--
		case c == ',':
			lastComma = i
			if depth > 0 && inArray[depth] {
				values++
			}
		case c == ':':
			lastComma = -1
			members++
			values++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			lastComma = -1
		}
	}
	return probs, nil
}

// unquote decodes a JSON string literal as encoding/json does (invalid
// UTF-8 read as U+FFFD), without its reflection for the usual string that
// has no escape to decode.
func unquote(lit []byte) (string, error) {
	if len(lit) >= 2 && lit[0] == '"' && lit[len(lit)-1] == '"' {
		body := lit[1 : len(lit)-1]
		plain := true
		for _, c := range body {
			if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
				plain = false
				break
			}
		}
		if plain {
			return string(body), nil
		}
	}
	var s string
	err := json.Unmarshal(lit, &s)
	return s, err
}

type builder struct {
	src   []byte
	base  int
	probs []Problem
}

func (b *builder) value(hv *hujson.Value) (*Value, *SyntaxError) {
	v := &Value{Start: b.base + hv.StartOffset, End: b.base + hv.EndOffset}
	switch t := hv.Value.(type) {
	case hujson.Literal:
		switch t.Kind() {
		case 'n':
			v.Kind = Null
		case 't', 'f':
			v.Kind, v.Bool = Bool, t.Bool()
		case '0':
			v.Kind, v.Num = Number, json.Number(t)
		case '"':
			v.Kind = String
			s, err := unquote(t)
			if err != nil {
				return nil, &SyntaxError{Offset: v.Start, Message: "invalid string literal: " + err.Error()}
			}
			v.Str = s
		}
	case *hujson.Object:
		v.Kind = Object
		v.Members = make([]*Member, 0, len(t.Members))
		// Duplicates are found through a map of the keys seen, which
		// becomes the object's index, or, in the objects small enough not
		// to have one, by scanning the few members before.
		var seen map[string]int
		if len(t.Members) > indexMin {
			seen = make(map[string]int, len(t.Members))
		}
		for i := range t.Members {
			hm := &t.Members[i]
			m := &Member{KeyStart: b.base + hm.Name.StartOffset, KeyEnd: b.base + hm.Name.EndOffset}
			key, err := unquote(hm.Name.Value.(hujson.Literal))
			if err != nil {
				return nil, &SyntaxError{Offset: m.KeyStart, Message: "invalid string literal: " + err.Error()}
			}
			m.Key = key
			val, serr := b.value(&hm.Value)
			if serr != nil {
				return nil, serr
			}
			m.Value = val
			dup := false
			if seen != nil {
				_, dup = seen[m.Key]
				seen[m.Key] = len(v.Members)
			} else {
				for _, prev := range v.Members {
					dup = dup || prev.Key == m.Key
				}
			}
			if dup {
				b.probs = append(b.probs, Problem{DuplicateKey, m.KeyStart, m.KeyEnd,
					fmt.Sprintf("duplicate key %q; the earlier value is silently dropped", m.Key)})
			}
			v.Members = append(v.Members, m)
		}
		if seen != nil {
			v.index = &memberIndex{seen, len(v.Members)}
		}
	case *hujson.Array:
		v.Kind = Array
		v.Elems = make([]*Value, 0, len(t.Elements))
		for i := range t.Elements {
			e, err := b.value(&t.Elements[i])
			if err != nil {
				return nil, err
			}
			v.Elems = append(v.Elems, e)
		}
	}
	return v, nil
}
