package textcheck

import (
	"bytes"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name   string
		src    string
		offset int // -1: no problem
		binary bool
		msg    string
	}{
		{"empty", "", -1, false, ""},
		{"ascii", "var a = 1\r\n", -1, false, ""},
		{"utf-8 and a byte order mark", "\uFEFF标题 🎉 é\n", -1, false, ""},
		{"control characters of text", "a\tb\fc\vd\x1B[0m\n", -1, false, ""},
		{"nul", "var a = 1\x00", 9, true, "binary file (it holds a NUL byte"},
		{"utf-16le", "\xFF\xFEv\x00a\x00r\x00", 0, true, "binary file: UTF-16"},
		{"utf-16be", "\xFE\xFF\x00v\x00a", 0, true, "binary file: UTF-16"},
		{"one bad byte", "var s = 'caf\xE9'\n", 12, false, "invalid UTF-8 (byte 0xE9)"},
		{"truncated sequence", "a\xE2\x82", 1, false, "invalid UTF-8 (byte 0xE2)"},
		{"overlong", "\xC0\xAF", 0, false, "invalid UTF-8 (byte 0xC0)"},
		{"bad byte past the sample", strings.Repeat("a", 10000) + "\xFF", 10000, false, "invalid UTF-8"},
		{"mostly not text", strings.Repeat("\x01\x02\x03\x04\xFF\xFEabc", 8), 4, true, "binary file (not UTF-8 text)"},
		{"some bad bytes in text", strings.Repeat("var a = '\xFF'\n", 20), 9, false, "invalid UTF-8"},
	} {
		p := Check([]byte(tc.src))
		switch {
		case tc.offset < 0 && p != nil:
			t.Errorf("%s: %+v, want none", tc.name, p)
		case tc.offset >= 0 && (p == nil || p.Offset != tc.offset || p.Binary != tc.binary || !strings.HasPrefix(p.Message, tc.msg)):
			t.Errorf("%s: %+v, want at %d, binary %v, %q", tc.name, p, tc.offset, tc.binary, tc.msg)
		}
	}
}

func TestSanitize(t *testing.T) {
	src := []byte("é\xFFa\xE2\x82b\xF0\x9F\x8E\x89")
	got := Sanitize(src, 0)
	if want := []byte("é a  b\xF0\x9F\x8E\x89"); !bytes.Equal(got, want) || Check(got) != nil {
		t.Errorf("Sanitize = %q, want %q", got, want)
	}
	if src[2] != 0xFF {
		t.Error("Sanitize changed its input")
	}
}
