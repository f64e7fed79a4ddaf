package wxss

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tdewolff/parse/v2/css"

	"github.com/chattool-lint/chattool-lint/internal/fuzzseed"
)

func TestParse(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Parse([]byte(c.src))
			check(t, []byte(c.src), s)
			if got, want := dump(s), strings.TrimPrefix(c.want, "\n"); got != want {
				t.Errorf("Parse(%q):\n%s\nwant:\n%s", c.src, got, want)
			}
		})
	}
}

func TestSelectorTokens(t *testing.T) {
	src := "@media x {\n  .a > view[data-x=\"y\"]::before /*c*/ {}\n}"
	s := Parse([]byte(src))
	if len(s.Rules) != 1 {
		t.Fatalf("got %d rules, want 1", len(s.Rules))
	}
	r := s.Rules[0]
	if r.Parent != s.AtRules[0] {
		t.Errorf("rule parent = %v, want the @media", r.Parent)
	}
	type tk struct {
		tt    css.TokenType
		text  string
		start int
	}
	want := []tk{
		{css.DelimToken, ".", 13}, {css.IdentToken, "a", 14}, {css.WhitespaceToken, " ", 15},
		{css.DelimToken, ">", 16}, {css.WhitespaceToken, " ", 17}, {css.IdentToken, "view", 18},
		{css.LeftBracketToken, "[", 22}, {css.IdentToken, "data-x", 23}, {css.DelimToken, "=", 29},
		{css.StringToken, `"y"`, 30}, {css.RightBracketToken, "]", 33}, {css.ColonToken, ":", 34},
		{css.ColonToken, ":", 35}, {css.IdentToken, "before", 36},
	}
	if len(r.Tokens) != len(want) {
		t.Fatalf("got %d tokens %v, want %d", len(r.Tokens), r.Tokens, len(want))
	}
	for i, w := range want {
		if g := r.Tokens[i]; g.Type != w.tt || g.Text != w.text || g.Start != w.start {
			t.Errorf("token %d = %v %q at %d, want %v %q at %d", i, g.Type, g.Text, g.Start, w.tt, w.text, w.start)
		}
	}
}

func TestImportAt(t *testing.T) {
	s := Parse([]byte(".a{} @media x { @import 'b.wxss'; }"))
	if len(s.Imports) != 1 || len(s.AtRules) != 2 {
		t.Fatalf("got %d imports, %d at-rules", len(s.Imports), len(s.AtRules))
	}
	im := s.Imports[0]
	if im.At != s.AtRules[1] || im.At.Parent != s.AtRules[0] || im.Path != "b.wxss" {
		t.Errorf("import %+v of %+v", im, im.At)
	}
}

// TestLinear parses large pathological inputs: each must take time linear
// in its size (a quadratic parser would not finish).
func TestLinear(t *testing.T) {
	const n = 200_000
	for _, src := range []string{
		strings.Repeat("(", n), strings.Repeat(")", n), strings.Repeat("[(", n) + strings.Repeat("]", n),
		strings.Repeat("{", n), strings.Repeat("}", n), strings.Repeat("a{", n) + strings.Repeat("}", n),
		strings.Repeat("@a{", n), strings.Repeat("/*", n), strings.Repeat("\"\n", n),
		strings.Repeat("url(", n), strings.Repeat("a:b;", n), ".a{--x:" + strings.Repeat("{(", n),
		".a{--x:" + strings.Repeat("{(", n) + strings.Repeat("}", n), strings.Repeat(" ", n) + "a",
		strings.Repeat("a /**/ ", n) + "{}", ".a{b:c" + strings.Repeat(" ! important", n),
		strings.Repeat("//", n), strings.Repeat("url(", n) + ")", strings.Repeat("`", n), strings.Repeat("\\", n),
	} {
		for _, lang := range []Lang{WXSS, LESS} {
			start := time.Now()
			ParseLang([]byte(src), lang)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("ParseLang(%.20q..., %v) took %v", src, lang, d)
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.src))
	}
	for _, b := range fuzzseed.Files("..", ".wxss", ".less", ".scss") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		check(t, src, Parse(src))
		// The same bytes as LESS: errors and comments inside the source,
		// in order.
		pre := ParseLang(src, LESS)
		for i, e := range pre.Errors {
			if e.Offset < 0 || e.Offset > len(src) || i > 0 && e.Offset < pre.Errors[i-1].Offset {
				t.Fatalf("LESS error %d at %d of %d bytes, out of order or outside", i, e.Offset, len(src))
			}
		}
		for i, c := range pre.Comments {
			if c.Start < 0 || c.End > len(src) || c.Start >= c.End || string(src[c.Start:c.End]) != c.Text || i > 0 && c.Start < pre.Comments[i-1].End {
				t.Fatalf("LESS comment %d [%d:%d] of %d bytes", i, c.Start, c.End, len(src))
			}
		}
	})
}

// check verifies the invariants of a parsed sheet: the tokens tile the
// source, every span is inside it, every string is the text of its span,
// without surrounding space, and everything is in source order.
func check(t *testing.T, src []byte, s *Sheet) {
	t.Helper()
	n := len(src)
	off := 0
	if bytes.HasPrefix(src, bom) {
		off = len(bom)
	}
	// the type (plus one) of the token starting or ending at each offset
	startTok, endTok := make([]css.TokenType, n+1), make([]css.TokenType, n+1)
	lex(src, func(tt css.TokenType, start, end int) {
		if start != off || end <= start {
			t.Fatalf("token %v at [%d:%d], want one starting at %d", tt, start, end, off)
		}
		off = end
		startTok[start], endTok[end] = tt+1, tt+1
	})
	if off != n {
		t.Fatalf("tokens end at %d, want %d", off, n)
	}

	span := func(what string, start, end int) bool {
		if start < 0 || start > end || end > n {
			t.Errorf("%s: bad span [%d:%d] of %d bytes", what, start, end, n)
			return false
		}
		return true
	}
	text := func(what, got string, start, end int) {
		if !span(what, start, end) {
			return
		}
		if want := string(src[start:end]); got != want {
			t.Errorf("%s = %q, want the text of [%d:%d], %q", what, got, start, end, want)
		}
		if start == end {
			return
		}
		if startTok[start] == 0 || endTok[end] == 0 {
			t.Errorf("%s [%d:%d] cuts a token", what, start, end)
		} else if !(tok{tt: startTok[start] - 1}).significant() || !(tok{tt: endTok[end] - 1}).significant() {
			t.Errorf("%s = %q, not trimmed", what, got)
		}
	}

	if s.Src == nil && n > 0 || !bytes.Equal(s.Src, src) {
		t.Errorf("Src is not the source")
	}
	decl := func(d *Decl, r *Rule) {
		if d.Rule != r {
			t.Errorf("decl %q: rule %p, want %p", d.Property, d.Rule, r)
		}
		if span("property", d.Start, d.End) {
			p := string(src[d.Start:d.End])
			if !strings.HasPrefix(p, "--") {
				p = strings.ToLower(p)
			}
			if d.Property != p || p == "" {
				t.Errorf("property %q, want %q", d.Property, p)
			}
		}
		text("value", d.Value, d.ValueStart, d.ValueEnd)
		if d.End > d.ValueStart {
			t.Errorf("decl %q: value at %d before the end of the property %d", d.Property, d.ValueStart, d.End)
		}
	}
	for i, a := range s.AtRules {
		if span("at-rule", a.Start, a.End) {
			if src[a.Start] != '@' || a.Name != strings.ToLower(string(src[a.Start+1:a.End])) {
				t.Errorf("at-rule %q at [%d:%d]", a.Name, a.Start, a.End)
			}
		}
		text("prelude", a.Prelude, a.PreludeStart, a.PreludeEnd)
		if a.PreludeStart < a.End || a.BlockStart < a.PreludeEnd {
			t.Errorf("at-rule %q: prelude [%d:%d] or block at %d out of order", a.Name, a.PreludeStart, a.PreludeEnd, a.BlockStart)
		}
		if span("block", a.BlockStart, a.BlockEnd) && a.Block {
			checkBlock(t, src, a.BlockStart, a.BlockEnd)
		}
		if i > 0 && s.AtRules[i-1].Start >= a.Start {
			t.Errorf("at-rules out of order")
		}
		for _, d := range a.Decls {
			decl(d, nil)
		}
	}
	for _, im := range s.Imports {
		span("import", im.Start, im.End)
		if im.At == nil || im.At.Name != "import" || im.Start < im.At.PreludeStart || im.End > im.At.PreludeEnd {
			t.Errorf("import %q [%d:%d] of %+v", im.Path, im.Start, im.End, im.At)
		}
	}
	for i, r := range s.Rules {
		text("selector", r.Selector, r.Start, r.End)
		var b strings.Builder
		at := r.Start
		for _, tk := range r.Tokens {
			if tk.Start != at {
				t.Errorf("selector %q: token %q at %d, want %d", r.Selector, tk.Text, tk.Start, at)
			}
			at = tk.End()
			b.WriteString(tk.Text)
		}
		if b.String() != r.Selector {
			t.Errorf("selector %q: tokens make %q", r.Selector, b.String())
		}
		if r.End > r.BlockStart {
			t.Errorf("selector %q ends at %d, after its block at %d", r.Selector, r.End, r.BlockStart)
		}
		if span("block", r.BlockStart, r.BlockEnd) {
			checkBlock(t, src, r.BlockStart, r.BlockEnd)
		}
		if i > 0 && s.Rules[i-1].BlockStart >= r.BlockStart {
			t.Errorf("rules out of order")
		}
		for _, d := range r.Decls {
			decl(d, r)
		}
	}
	for i, c := range s.Comments {
		if span("comment", c.Start, c.End) && (c.Text != string(src[c.Start:c.End]) || !strings.HasPrefix(c.Text, "/*")) {
			t.Errorf("comment %q at [%d:%d]", c.Text, c.Start, c.End)
		}
		if i > 0 && s.Comments[i-1].End > c.Start {
			t.Errorf("comments out of order")
		}
	}
	for i, e := range s.Errors {
		span("error", e.Offset, e.Offset)
		if e.Msg == "" || i > 0 && s.Errors[i-1].Offset > e.Offset {
			t.Errorf("error %d: %q at %d", i, e.Msg, e.Offset)
		}
	}
}

// checkBlock verifies the span of a { } block: from its { to just past its
// }, or to the end of the source when it is not closed.
func checkBlock(t *testing.T, src []byte, start, end int) {
	t.Helper()
	if start == len(src) || src[start] != '{' || end <= start || end < len(src) && src[end-1] != '}' {
		t.Errorf("block [%d:%d] of %d bytes", start, end, len(src))
	}
}
