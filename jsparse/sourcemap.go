package jsparse

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// sourceMap maps generated positions back to the TypeScript source. It holds
// the decoded "mappings" of a version 3 source map with one source, the form
// esbuild's transform writes. Columns in source maps count UTF-16 code units.
type sourceMap struct {
	// segs are the segments of every generated line, line after line:
	// those of line l are segs[lineSegs[l]:lineSegs[l+1]] (one slice,
	// exactly as long as it needs, rather than one per line: a
	// TypeScript file keeps its map for as long as the project is loaded).
	segs     []segment
	lineSegs []int32
	src      []byte
	srcLines []int
	// codeLines are the line start offsets of the generated code.
	codeLines []int
}

// segment is a mapped position; a file of 2 GB is not compiled.
type segment struct {
	genCol, srcLine, srcCol int32
}

// nlines returns the number of generated lines the map holds.
func (sm *sourceMap) nlines() int { return len(sm.lineSegs) - 1 }

// line returns the segments of generated line l.
func (sm *sourceMap) line(l int) []segment { return sm.segs[sm.lineSegs[l]:sm.lineSegs[l+1]] }

func decodeSourceMap(raw []byte, src []byte) (*sourceMap, error) {
	var m struct {
		Version  int      `json:"version"`
		Sources  []string `json:"sources"`
		Mappings string   `json:"mappings"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	if m.Version != 3 || len(m.Sources) > 1 {
		return nil, errors.New("unexpected source map form")
	}
	sm := &sourceMap{src: src, srcLines: lineStarts(string(src))}
	var segs []segment
	lineSegs := []int32{0}
	genCol, srcLine, srcCol := 0, 0, 0
	var fields [5]int
	s := m.Mappings
	for i := 0; i <= len(s); {
		if i == len(s) || s[i] == ';' {
			line := segs[lineSegs[len(lineSegs)-1]:]
			sort.SliceStable(line, func(a, b int) bool { return line[a].genCol < line[b].genCol })
			lineSegs = append(lineSegs, int32(len(segs)))
			genCol = 0
			i++
			continue
		}
		if s[i] == ',' {
			i++
			continue
		}
		n := 0
		for i < len(s) && s[i] != ',' && s[i] != ';' {
			if n == len(fields) {
				return nil, errors.New("bad mappings")
			}
			v, next, err := vlq(s, i)
			if err != nil {
				return nil, err
			}
			fields[n], i = v, next
			n++
		}
		genCol += fields[0]
		if n >= 4 {
			srcLine += fields[2]
			srcCol += fields[3]
			if max(genCol, srcLine, srcCol) > math.MaxInt32 || len(segs) >= math.MaxInt32 {
				return nil, errors.New("source map too large")
			}
			segs = append(segs, segment{int32(genCol), int32(srcLine), int32(srcCol)})
		}
	}
	sm.segs, sm.lineSegs = slices.Clone(segs), slices.Clone(lineSegs)
	return sm, nil
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var b64val = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(b64); i++ {
		t[b64[i]] = int8(i)
	}
	return t
}()

func vlq(s string, i int) (int, int, error) {
	v, shift := 0, 0
	for {
		if i >= len(s) || shift > 30 {
			return 0, i, errors.New("bad VLQ")
		}
		d := b64val[s[i]]
		if d < 0 {
			return 0, i, errors.New("bad VLQ digit")
		}
		i++
		v |= int(d&31) << shift
		shift += 5
		if d&32 == 0 {
			break
		}
	}
	if v&1 != 0 {
		return -(v >> 1), i, nil
	}
	return v >> 1, i, nil
}

// source maps a byte offset of the generated code to a byte offset of the
// source: the nearest mapped token at or before it on its line, plus the
// distance from that token (tokens keep their text when esbuild prints them).
func (sm *sourceMap) source(code string, codeLines []int, off int) int {
	if off > len(code) {
		off = len(code)
	}
	ln := sort.SearchInts(codeLines, off+1) - 1
	col := utf16Len(code[codeLines[ln]:off])
	for l := ln; l >= 0; l-- {
		if l >= sm.nlines() {
			continue
		}
		segs := sm.line(l)
		k := sort.Search(len(segs), func(i int) bool { return int(segs[i].genCol) > col }) - 1
		if l != ln {
			k = len(segs) - 1
		}
		if k < 0 {
			continue
		}
		seg := segs[k]
		if l != ln {
			return sm.srcOffset(int(seg.srcLine), int(seg.srcCol))
		}
		// esbuild maps a statement at column 0 of its line, before the
		// indentation it prints: the token is the first after the indent.
		line := code[codeLines[ln]:]
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		genCol := max(int(seg.genCol), indent)
		base := sm.srcOffset(int(seg.srcLine), int(seg.srcCol))
		if col <= genCol {
			return base
		}
		// Inside a token: the same text follows in the source when esbuild
		// printed the token as written.
		genText := code[codeLines[ln]+byteIndex(line, genCol) : off]
		if strings.HasPrefix(string(sm.src[base:]), genText) {
			return base + len(genText)
		}
		// esbuild prints every string with double quotes: 'x' and "x" are
		// the same token when what follows the quote is the same.
		if len(genText) > 0 && genText[0] == '"' && base < len(sm.src) && sm.src[base] == '\'' &&
			strings.HasPrefix(string(sm.src[base+1:]), strings.TrimSuffix(genText[1:], "\"")) {
			return base + len(genText)
		}
		return base
	}
	return 0
}

// srcOffset converts a source line and UTF-16 column to a byte offset,
// clamped to the end of the line.
func (sm *sourceMap) srcOffset(line, col16 int) int {
	if line < 0 {
		return 0
	}
	if line >= len(sm.srcLines) {
		return len(sm.src)
	}
	start := sm.srcLines[line]
	end := len(sm.src)
	if line+1 < len(sm.srcLines) {
		end = sm.srcLines[line+1] - 1
	}
	off := start
	for n := 0; n < col16 && off < end; {
		r, size := utf8.DecodeRune(sm.src[off:end])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		off += size
	}
	return off
}

// byteIndex returns the byte index of a UTF-16 column in s.
func byteIndex(s string, col16 int) int {
	n := 0
	for i, r := range s {
		if n >= col16 {
			return i
		}
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return len(s)
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
