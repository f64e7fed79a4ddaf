package jsparse

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"
)

// nestToken is a token as nesting sees it.
type nestToken struct {
	tt    js.TokenType
	start int
}

// referenceTokens lexes src with tdewolff's lexer, as lex drives it, and
// returns the tokens nesting sees, in the classes nestLexer gives them, and
// whether the lexer stopped at an error before the end.
// A malformed number (0b12, 0n0.) is cut up differently by the two, and
// is a syntax error the parser stops at: the comparison stops there too.
func referenceTokens(src []byte) (toks []nestToken, stopped bool) {
	end, prevNumEnd := 0, -1
	lex(src, func(tt js.TokenType, _ []byte, start, e int) bool {
		if js.IsNumeric(tt) && start == prevNumEnd {
			stopped = true
			return false
		}
		if js.IsNumeric(tt) {
			prevNumEnd = e
		}
		end = e
		switch tt {
		case js.WhitespaceToken, js.CommentToken:
			return true
		case js.CommentLineTerminatorToken:
			tt = js.LineTerminatorToken
		case js.OpenBraceToken, js.OpenBracketToken, js.OpenParenToken, js.CloseBraceToken, js.CloseBracketToken,
			js.CloseParenToken, js.ArrowToken, js.CommaToken, js.SemicolonToken, js.NotToken, js.BitNotToken,
			js.IncrToken, js.DecrToken:
		default:
			switch {
			case js.IsNumeric(tt):
				tt = js.DecimalToken
			case js.IsPunctuator(tt):
				tt = js.AddToken
			}
		}
		toks = append(toks, nestToken{tt, start})
		return true
	})
	return collapseLines(toks), stopped || end < len(src)
}

// nestTokens lexes src with nestLexer.
func nestTokens(src []byte) []nestToken {
	var toks []nestToken
	lx := nestLexer{src: src, lineStart: true}
	for {
		tt, start, ok := lx.next()
		if !ok {
			return collapseLines(toks)
		}
		toks = append(toks, nestToken{tt, start})
	}
}

// collapseLines keeps the first of consecutive line ends (tdewolff's lexer
// gives a run of them as one token; nesting treats them as one), and of
// consecutive numbers (a malformed literal, 0b12, is two numbers to
// tdewolff and one to nestLexer; nesting cannot tell the difference).
func collapseLines(toks []nestToken) []nestToken {
	out := toks[:0]
	for i, t := range toks {
		if (t.tt == js.LineTerminatorToken || t.tt == js.DecimalToken) && i > 0 && toks[i-1].tt == t.tt {
			continue
		}
		out = append(out, t)
	}
	return out
}

// sameTokens checks that nestLexer gives the tokens tdewolff's lexer gives;
// where tdewolff's stops at an error, only up to the token before.
func sameTokens(src []byte) error {
	want, stopped := referenceTokens(src)
	got := nestTokens(src)
	if stopped && len(want) > 0 {
		want = want[:len(want)-1]
	}
	for i, w := range want {
		if i >= len(got) {
			return fmt.Errorf("token %d: none, want %v at %d", i, w.tt, w.start)
		}
		if got[i] != w {
			return fmt.Errorf("token %d: %v at %d, want %v at %d (%q)", i, got[i].tt, got[i].start, w.tt, w.start, around(src, w.start))
		}
	}
	if !stopped && len(got) != len(want) {
		return fmt.Errorf("%d tokens, want %d", len(got), len(want))
	}
	return nil
}

func around(src []byte, at int) string {
	return string(src[max(0, at-20):min(len(src), at+20)])
}

func TestNestLexer(t *testing.T) {
	for _, src := range []string{
		"a = b / c / d; r = /[/]\\//g.test(x)",
		"x = `a${b + `c${d}e`}f` + `g`; y = `${{a: 1}}`",
		"f(a => a, (b) => { return b })\n<!-- old comment\n--> too\nx",
		"/* a\n b */ x /* c */ y // d\r\nz \u2028 w\u00a0v",
		"a?.b ?? c?.[d] ?.5 : e; f **= 2; g >>>= 1; h &&= i ||= j ??= k",
		"if (x) /re/.test(y); return /x/; typeof /y/",
		"0x1F + 1e-5 + 1_000n + .5 + 5..toString() + 0b1 + 0o7",
		"class A { #p = 1; m() { return this.#p } }",
		"'a\\'b' + \"c\\\"d\" + '\\\n'",
		"x = a++ + ++b - c-- - --d; !e; ~f",
		"café = 1; \\u0061bc = 2; 日本 = 3",
	} {
		if err := sameTokens([]byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// TestNestLexerCorpus: on every script of the npm corpus, nestLexer gives
// the tokens tdewolff's lexer gives, and nesting the same verdict.
func TestNestLexerCorpus(t *testing.T) {
	files, _ := loadCorpus(t)
	for _, f := range files {
		if err := sameTokens(f.Src); err != nil {
			t.Errorf("%s: %v", mustRel(f.Path), err)
		}
	}
}

// FuzzNestLexer: whatever the text (valid UTF-8 without NUL, as Parse
// hands it over), nestLexer gives tdewolff's tokens up
// to where tdewolff's lexer stops.
func FuzzNestLexer(f *testing.F) {
	for _, s := range []string{"a = `x${b}` / 2", "f(a => (b) => c)\n", "/re[/]/g; x /= 2", "<!-- c\n--> d", "x = {a: [1, (2)]}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
			return // Parse sanitizes text and never parses binary files; tdewolff reads invalid UTF-8 its own way
		}
		if err := sameTokens([]byte(src)); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkNesting(b *testing.B) {
	files, total := loadCorpus(b)
	b.SetBytes(total)
	for b.Loop() {
		for _, f := range files {
			nesting(f.Src)
		}
	}
}

func TestNestingLimitsText(t *testing.T) {
	// A string or comment never hides code from the count, and code never
	// hides in one.
	deep := strings.Repeat("(", MaxNesting+1)
	if off, _ := nesting([]byte("x = '" + deep + "'")); off >= 0 {
		t.Errorf("brackets in a string counted: %d", off)
	}
	if off, _ := nesting([]byte("x = 'a\n" + deep)); off < 0 {
		t.Errorf("a string broken by a line end hid the code after it")
	}
	if off, _ := nesting([]byte("x = @ " + deep)); off < 0 {
		t.Errorf("a character no token starts with hid the code after it")
	}
}

// TestKeywordShape: wordType's shortcut holds for every keyword of
// tdewolff's table.
func TestKeywordShape(t *testing.T) {
	for k, tt := range js.Keywords {
		if got := wordType([]byte(k)); got != tt {
			t.Errorf("wordType(%q) = %v, want %v", k, got, tt)
		}
	}
}
