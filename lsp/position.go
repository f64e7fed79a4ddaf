package lsp

import (
	"bytes"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/lint"
)

// A byte order mark is no column, for the driver as for editors, which do
// not show it: on the first line, columns count from after it.
const bom = "\uFEFF"

// toLSP converts a finding's position in src to an LSP position in the
// encoding enc. The driver computed the rune and UTF-16 columns; the UTF-8
// column is the distance in bytes from the start of the line.
func toLSP(src []byte, p lint.Position, enc string) Position {
	line := max(p.Line-1, 0)
	var char int
	switch enc {
	case encodingUTF8:
		off := min(max(p.Offset, 0), len(src))
		start := off
		for start > 0 && src[start-1] != '\n' {
			start--
		}
		if start == 0 && bytes.HasPrefix(src, []byte(bom)) && off >= len(bom) {
			start = len(bom)
		}
		char = off - start
	case encodingUTF32:
		char = p.Column - 1
	default:
		char = p.ColumnUTF16 - 1
	}
	return Position{Line: line, Character: max(char, 0)}
}

// offsetOf converts an LSP position in text to a byte offset. As the
// specification says, a character past the end of its line means the end of
// the line (before its "\r\n" or "\n"), and a line past the last line the
// end of the text; a position inside a character (in the middle of a UTF-16
// surrogate pair or of a UTF-8 sequence) means its start.
func offsetOf(text []byte, pos Position, enc string) int {
	start := 0
	for l := 0; l < pos.Line; l++ {
		i := bytes.IndexByte(text[start:], '\n')
		if i < 0 {
			return len(text)
		}
		start += i + 1
	}
	if start == 0 && bytes.HasPrefix(text, []byte(bom)) {
		start = len(bom)
	}
	end := len(text)
	if i := bytes.IndexByte(text[start:], '\n'); i >= 0 {
		end = start + i
		if end > start && text[end-1] == '\r' {
			end--
		}
	}
	if pos.Character <= 0 {
		return start
	}
	if enc == encodingUTF8 {
		off := end
		if pos.Character < end-start { // (start+pos.Character may overflow)
			off = start + pos.Character
		}
		for off > start && off < len(text) && !utf8.RuneStart(text[off]) {
			off--
		}
		return off
	}
	units := 0
	for off := start; off < end; {
		r, n := utf8.DecodeRune(text[off:end])
		w := 1
		if enc != encodingUTF32 && r >= 0x10000 {
			w = 2
		}
		if units+w > pos.Character {
			return off
		}
		units += w
		off += n
		if units == pos.Character {
			return off
		}
	}
	return end
}

// applyChange returns text with the range r (in encoding enc) replaced by
// newText. It never changes text in place: a lint in progress may be
// reading it.
func applyChange(text []byte, r Range, newText string, enc string) []byte {
	start := offsetOf(text, r.Start, enc)
	end := offsetOf(text, r.End, enc)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(newText))
	out = append(out, text[:start]...)
	out = append(out, newText...)
	return append(out, text[end:]...)
}
