// Package textcheck tells text from what is not: every front end (JSON,
// scripts, WXML, WXSS) asks it first, so that a binary file or a file that
// is not UTF-8 is one finding rather than the garbage its parse would give.
package textcheck

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Problem is why a source is not clean UTF-8 text.
type Problem struct {
	// Offset is the byte offset of the first offending byte.
	Offset int
	// Binary is set for a file that is not text at all (a NUL byte,
	// UTF-16, mostly bytes no text holds): it should not be parsed. A text
	// file with invalid UTF-8 in it is not Binary: its parse can go on.
	Binary  bool
	Message string
}

// sample is how much of a file decides whether invalid UTF-8 makes it
// binary: the share of bytes no text holds in its first sample bytes.
const sample = 8 << 10

// minOdd is the fewest bytes no text holds that make a file binary: fewer
// are a few bad bytes in a small text file.
const minOdd = 16

// Check returns what keeps src from being UTF-8 text, or nil. A UTF-8 byte
// order mark is text. Valid UTF-8 costs one pass (utf8.Valid) and a
// search for a NUL byte.
func Check(src []byte) *Problem {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return &Problem{Offset: 0, Binary: true,
			Message: "binary file: UTF-16 text (it starts with a UTF-16 byte order mark), which WeChat's compilers do not read; save it as UTF-8. The file is not checked"}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return &Problem{Offset: i, Binary: true,
			Message: "binary file (it holds a NUL byte, which no source file does); the file is not checked"}
	}
	if utf8.Valid(src) {
		return nil
	}
	first, odd := -1, 0
	head := src[:min(len(src), sample)]
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		bad := r == utf8.RuneError && n == 1
		if i < len(head) {
			if bad || r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != '\v' && r != 0x1B {
				odd += n
			}
		} else if first >= 0 {
			break
		}
		if bad && first < 0 {
			first = i
		}
		i += n
	}
	if odd >= minOdd && odd*4 > len(head) {
		return &Problem{Offset: first, Binary: true,
			Message: "binary file (not UTF-8 text); the file is not checked"}
	}
	return &Problem{Offset: first,
		Message: fmt.Sprintf("invalid UTF-8 (byte 0x%02X); WeChat's compilers read source files as UTF-8 and turn it into U+FFFD: save the file as UTF-8", src[first])}
}

// Sanitize returns a copy of src in which every byte of an invalid UTF-8
// sequence from offset from on is a space, so that a parser that wants
// UTF-8 reads the rest of the file at the same byte offsets.
func Sanitize(src []byte, from int) []byte {
	out := bytes.Clone(src)
	for i := from; i < len(out); {
		r, n := utf8.DecodeRune(out[i:])
		if r == utf8.RuneError && n == 1 {
			out[i] = ' '
		}
		i += n
	}
	return out
}
