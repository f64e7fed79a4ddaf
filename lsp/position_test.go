package lsp

import (
	"encoding/json"
	"math"
	"testing"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/lint"
)

// lintPosition computes a lint.Position as the driver does: Column in
// runes, ColumnUTF16 in UTF-16 units, both 1-based, a byte order mark no
// column.
func lintPosition(src []byte, off int) lint.Position {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if src[i] == '\n' {
			line, start = line+1, i+1
		}
	}
	if start == 0 && len(src) >= 3 && string(src[:3]) == bom && off >= 3 {
		start = 3
	}
	col, col16 := 1, 1
	for i := start; i < off; {
		r, n := utf8.DecodeRune(src[i:off])
		i += n
		col++
		col16++
		if r >= 0x10000 {
			col16++
		}
	}
	return lint.Position{Offset: off, Line: line, Column: col, ColumnUTF16: col16}
}

// TestRoundTrip converts every offset that starts a character to an LSP
// position and back, in every encoding.
func TestRoundTrip(t *testing.T) {
	for _, src := range []string{
		"",
		"abc",
		"a\nb\n",
		"\uFEFFx = 1\ny",
		"a😀b\r\nc𝄞d\n\n€",
		"中文\n😀😀x",
	} {
		b := []byte(src)
		for off := 0; off <= len(b); off++ {
			if off < len(b) && !utf8.RuneStart(b[off]) {
				continue
			}
			if off < 3 && string(b[:min(3, len(b))]) == bom {
				continue // the BOM is no column: offsets 0 and 3 are one position
			}
			if off > 0 && off < len(b) && b[off-1] == '\r' && b[off] == '\n' {
				continue // inside a "\r\n": no LSP position
			}
			p := lintPosition(b, off)
			for _, enc := range []string{encodingUTF8, encodingUTF16, encodingUTF32} {
				lp := toLSP(b, p, enc)
				if got := offsetOf(b, lp, enc); got != off {
					t.Errorf("%q offset %d (%+v) -> %s %+v -> offset %d", src, off, p, enc, lp, got)
				}
			}
		}
	}
}

func TestOffsetOf(t *testing.T) {
	text := []byte("ab😀c\r\nxy\nlast")
	for _, tc := range []struct {
		pos  Position
		enc  string
		want int
	}{
		{Position{0, 2}, encodingUTF16, 2},
		{Position{0, 3}, encodingUTF16, 2}, // inside the surrogate pair: its start
		{Position{0, 4}, encodingUTF16, 6},
		{Position{0, 4}, encodingUTF8, 2}, // inside the UTF-8 sequence
		{Position{0, 6}, encodingUTF8, 6},
		{Position{0, 3}, encodingUTF32, 6},
		{Position{0, 99}, encodingUTF16, 7}, // past the end: before "\r\n"
		{Position{1, 99}, encodingUTF8, 11},
		{Position{2, 4}, encodingUTF16, 16},
		{Position{3, 0}, encodingUTF16, 16}, // past the last line
		{Position{0, -1}, encodingUTF16, 0},
		// Characters and lines beyond any line or text, up to the largest
		// int: the end of the line, the end of the text.
		{Position{1, 1 << 40}, encodingUTF8, 11},
		{Position{1, math.MaxInt32 + 1}, encodingUTF8, 11},
		{Position{1, math.MaxInt}, encodingUTF8, 11},
		{Position{1, math.MaxInt}, encodingUTF16, 11},
		{Position{1, math.MaxInt}, encodingUTF32, 11},
		{Position{2, math.MaxInt - 1}, encodingUTF8, 16},
		{Position{math.MaxInt, math.MaxInt}, encodingUTF8, 16},
		{Position{math.MaxInt, 0}, encodingUTF16, 16},
		{Position{math.MinInt, math.MinInt}, encodingUTF8, 0},
		{Position{1, math.MinInt}, encodingUTF8, 9},
	} {
		if got := offsetOf(text, tc.pos, tc.enc); got != tc.want {
			t.Errorf("offsetOf(%+v, %s) = %d, want %d", tc.pos, tc.enc, got, tc.want)
		}
	}
}

// TestPositionJSON: a line or character too large for an int (the
// protocol's uinteger ends at 2^31-1, but a client may send more, in
// digits or, from JavaScript, in exponent form) is read as the largest
// int, which offsetOf takes as the end of the line or of the text, rather
// than failing the whole message.
func TestPositionJSON(t *testing.T) {
	for in, want := range map[string]Position{
		`{"line": 1, "character": 2}`:                           {1, 2},
		`{"line": 1, "character": 1099511627776}`:               {1, 1 << 40},
		`{"line": 1, "character": 2147483648}`:                  {1, math.MaxInt32 + 1},
		`{"line": 1, "character": 9223372036854775807}`:         {1, math.MaxInt},
		`{"line": 1, "character": 100000000000000000000000}`:    {1, math.MaxInt},
		`{"line": 1e30, "character": 1.1805916207174113e+21}`:   {math.MaxInt, math.MaxInt},
		`{"line": -100000000000000000000000, "character": 3e0}`: {math.MinInt, 3},
		`{"line": null}`: {0, 0},
		`{}`:             {0, 0},
	} {
		var p Position
		if err := json.Unmarshal([]byte(in), &p); err != nil || p != want {
			t.Errorf("%s: %+v, %v; want %+v", in, p, err, want)
		}
	}
	for _, in := range []string{`{"line": 1.5}`, `{"character": "x"}`, `{"line": true}`, `[]`} {
		var p Position
		if err := json.Unmarshal([]byte(in), &p); err == nil {
			t.Errorf("%s: %+v, want an error", in, p)
		}
	}
}

func TestApplyChange(t *testing.T) {
	text := []byte("const a = '😀'; wx.x()\n")
	orig := string(text)
	got := applyChange(text, Range{Start: Position{0, 11}, End: Position{0, 13}}, "ok", encodingUTF16)
	if string(got) != "const a = 'ok'; wx.x()\n" {
		t.Errorf("got %q", got)
	}
	if string(text) != orig {
		t.Errorf("applyChange changed its input")
	}
	// The end of the file: the position after the final newline.
	got = applyChange(text, Range{Start: Position{1, 0}, End: Position{1, 0}}, "// end\n", encodingUTF8)
	if string(got) != orig+"// end\n" {
		t.Errorf("got %q", got)
	}
}

// TestEndOfFile checks the end position the driver gives a finding that
// ends with the file after a final newline: the start of the line after.
func TestEndOfFile(t *testing.T) {
	src := []byte("a\n")
	p := lint.Position{Offset: 2, Line: 2, Column: 1, ColumnUTF16: 1}
	for _, enc := range []string{encodingUTF8, encodingUTF16, encodingUTF32} {
		if got := toLSP(src, p, enc); got != (Position{1, 0}) {
			t.Errorf("%s: %+v", enc, got)
		}
	}
}

// FuzzPositions: any text and any positions, in any encoding, convert
// without a panic to an offset inside the text at a character boundary
// (or inside a "\r\n"), and every finding position converts back.
func FuzzPositions(f *testing.F) {
	f.Add("a😀b\r\nc𝄞d\n\n€", 1, 2, 0, 9, "x")
	f.Add("\uFEFFx", 0, 1, 5, 0, "")
	f.Add("\xff\xfe\n\xed\xa0\x80", 1, 1, -1, 3, "😀")
	f.Add("a\nbc\nd", 1, math.MaxInt, 1, 1<<40, "x")
	f.Fuzz(func(t *testing.T, text string, l1, c1, l2, c2 int, repl string) {
		b := []byte(text)
		for _, enc := range []string{encodingUTF8, encodingUTF16, encodingUTF32} {
			for _, p := range []Position{{l1, c1}, {l2, c2}} {
				off := offsetOf(b, p, enc)
				if off < 0 || off > len(b) {
					t.Fatalf("%s %+v: offset %d outside [0, %d]", enc, p, off, len(b))
				}
			}
			out := applyChange(b, Range{Start: Position{l1, c1}, End: Position{l2, c2}}, repl, enc)
			if len(out) < len(repl) {
				t.Fatalf("applyChange lost the new text")
			}
			if string(b) != text {
				t.Fatalf("applyChange changed its input")
			}
		}
		if !utf8.ValidString(text) {
			return
		}
		for off := 0; off <= len(b); off++ {
			if off < len(b) && !utf8.RuneStart(b[off]) {
				continue
			}
			for _, enc := range []string{encodingUTF8, encodingUTF16, encodingUTF32} {
				lp := toLSP(b, lintPosition(b, off), enc)
				if lp.Line < 0 || lp.Character < 0 {
					t.Fatalf("%s offset %d: %+v", enc, off, lp)
				}
			}
		}
	})
}
