package wxss

import (
	"fmt"
	"strings"
	"testing"
)

func TestParsePreprocessed(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      string // the errors, "offset message" a line
	}{
		{"less", "@w: 10px;\n.m(@a; @b: 2) when (iscolor(@a)) { color: @a }\n.a { .m(#fff); width: ~\"calc(100% - @{w})\"; &:hover { @r(); } }\n@r: { top: 0 };\n", ""},
		{"less line comments with quotes and braces", ".a { // it's { not a brace\n  color: red; /* \" { */\n}\n", ""},
		{"unquoted url with //", ".a { background: url(//cdn.example.com/a.png) no-repeat; b: url( http://x/y.png ); }\n", ""},
		{"quoted url with an operation", ".a { b: url(\"@{base}/x.png\"); c: url('a' + 'b'); }", ""},
		{"scss", "$m: (a: 1, b: 2);\n@mixin x($a) { .#{$a} { top: map-get($m, a) } }\n.b { @include x(c); &__e { color: darken(#fff, 10%) } }\n", ""},
		{"escapes", ".a\\{ { content: \"\\\"}\"; }", ""},
		{"less javascript over lines", "@a: `\"x\n\".toUpperCase()`;", ""},
		{"bom and crlf", "\uFEFF.a {\r\n  color: red;\r\n}\r\n", ""},
		{"unclosed brace", ".a {\n  color: red;\n", "3 unclosed {"},
		{"stray brace", ".a { }\n}\n", "7 unexpected }"},
		{"mismatch", ".a { b: f(1; }", "9 unclosed ("},
		{"unterminated string", ".a { b: \"x;\n}", "8 unterminated string"},
		{"unterminated comment", ".a { } /* x", "7 unterminated comment"},
		{"unterminated url", ".a { b: url(x.png; }", "3 unclosed {\n11 unclosed ("},
		{"binary", "\x00\x01.a{}", "0 binary file (it holds a NUL byte, which no source file does); the file is not checked"},
		{"invalid utf-8", ".a { b: \"\xff\" }", "9 invalid UTF-8 (byte 0xFF); WeChat's compilers read source files as UTF-8 and turn it into U+FFFD: save the file as UTF-8"},
		{"too deep", strings.Repeat("{", MaxDepth+5), fmt.Sprintf("%d brackets nested deeper than %d levels: the rest of the file is not checked", MaxDepth, MaxDepth)},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := ParseLang([]byte(c.src), LESS)
			var got []string
			for _, e := range s.Errors {
				got = append(got, fmt.Sprintf("%d %s", e.Offset, e.Msg))
			}
			if g := strings.Join(got, "\n"); g != c.want {
				t.Errorf("errors of %q:\n%s\nwant:\n%s", c.src, g, c.want)
			}
		})
	}
}

func TestParsePreprocessedTooManyErrors(t *testing.T) {
	s := ParseLang([]byte(strings.Repeat("}", 1000)), SCSS)
	if len(s.Errors) != MaxErrors+1 || !strings.HasPrefix(s.Errors[MaxErrors].Msg, "more than") {
		t.Errorf("%d errors, the last %q; want %d and a last saying there are more", len(s.Errors), s.Errors[len(s.Errors)-1].Msg, MaxErrors+1)
	}
}
