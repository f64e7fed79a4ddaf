package jsparse

import (
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"
)

// TokenUse is a wx API reference found by a token scan: wx.x or wx['x'].
type TokenUse struct {
	API string
	// Start and End are byte offsets of the reference in Src.
	Start, End int
	// Call is set when the reference is followed by an argument list.
	Call bool
}

// lexSignificant lexes src and calls yield with each token that is not
// whitespace or a comment, with its byte offsets, until yield returns
// false.
func lexSignificant(src []byte, yield func(tt js.TokenType, text []byte, start, end int) bool) {
	lex(src, func(tt js.TokenType, text []byte, start, end int) bool {
		switch tt {
		case js.WhitespaceToken, js.LineTerminatorToken, js.CommentToken, js.CommentLineTerminatorToken:
			return true
		}
		return yield(tt, text, start, end)
	})
}

// lex lexes src and calls yield with every token, with its byte offsets,
// until yield returns false. A slash is read as a regular expression where
// an expression cannot end (the lexer cannot tell by itself).
func lex(src []byte, yield func(tt js.TokenType, text []byte, start, end int) bool) {
	l := js.NewLexer(parse.NewInputBytes(src))
	exprEnd := false
	off := 0
	for {
		tt, text := l.Next()
		if tt == js.ErrorToken {
			return
		}
		if (tt == js.DivToken || tt == js.DivEqToken) && !exprEnd {
			if rt, rtext := l.RegExp(); rt == js.RegExpToken {
				tt, text = rt, rtext
			}
		}
		start := off
		off += len(text)
		if !yield(tt, text, start, off) {
			return
		}
		switch tt {
		case js.WhitespaceToken, js.LineTerminatorToken, js.CommentToken, js.CommentLineTerminatorToken:
			continue
		}
		switch {
		case tt == js.IdentifierToken, tt == js.ThisToken, js.IsNumeric(tt),
			tt == js.StringToken, tt == js.TemplateToken, tt == js.TemplateEndToken, tt == js.RegExpToken,
			tt == js.CloseParenToken, tt == js.CloseBracketToken, tt == js.CloseBraceToken:
			exprEnd = true
		default:
			exprEnd = false
		}
	}
}

// Tokens scans the source of a file the AST parser did not accept for wx
// API references. It is a lexical scan: aliases and scopes are not seen.
func (s *Source) Tokens() []TokenUse {
	type tok struct {
		tt         js.TokenType
		text       string
		start, end int
	}
	var toks []tok
	lexSignificant(s.Src, func(tt js.TokenType, text []byte, start, end int) bool {
		toks = append(toks, tok{tt, string(text), start, end})
		return true
	})
	var uses []TokenUse
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i]
		if t.tt != js.IdentifierToken || t.text != "wx" {
			continue
		}
		if i > 0 && toks[i-1].tt == js.DotToken {
			continue // x.wx
		}
		var u TokenUse
		next := i + 3
		switch {
		case toks[i+1].tt == js.DotToken && js.IsIdentifierName(toks[i+2].tt):
			u = TokenUse{API: toks[i+2].text, Start: t.start, End: toks[i+2].end}
		case toks[i+1].tt == js.OpenBracketToken && toks[i+2].tt == js.StringToken && i+3 < len(toks) && toks[i+3].tt == js.CloseBracketToken:
			q := toks[i+2].text
			u = TokenUse{API: q[1 : len(q)-1], Start: t.start, End: toks[i+3].end}
			next = i + 4
		default:
			continue
		}
		u.Call = next < len(toks) && toks[next].tt == js.OpenParenToken
		uses = append(uses, u)
	}
	return uses
}

// MaxNesting is the deepest bracket nesting the parsers are given. Real code
// stays far below it; deeper input is reported instead of parsed, since
// parsing it takes time that grows faster than its size.
const MaxNesting = 1000

// tooDeep returns the offset where bracket nesting first passes
// MaxNesting, or -1. Brackets in strings, comments, templates and regular
// expressions do not count. A file with no more opening brackets than
// MaxNesting cannot pass it, and is not lexed.
func tooDeep(src []byte) int {
	opening := 0
	for _, c := range src {
		if c == '(' || c == '[' || c == '{' {
			opening++
		}
	}
	if opening <= MaxNesting {
		return -1
	}
	depth, at := 0, -1
	lexSignificant(src, func(tt js.TokenType, _ []byte, start, _ int) bool {
		switch tt {
		case js.OpenBraceToken, js.OpenBracketToken, js.OpenParenToken, js.TemplateStartToken:
			depth++
			if depth > MaxNesting {
				at = start
				return false
			}
		case js.CloseBraceToken, js.CloseBracketToken, js.CloseParenToken, js.TemplateEndToken:
			depth--
		}
		return true
	})
	return at
}

// Comments calls yield with each comment of a script, with its byte
// offsets, in order: "// ..." without its line end, "/* ... */" whole.
// Strings, templates and regular expressions are lexed, so comment
// markers inside them are not comments.
func Comments(src []byte, yield func(text []byte, start, end int)) {
	lex(src, func(tt js.TokenType, text []byte, start, end int) bool {
		if tt == js.CommentToken || tt == js.CommentLineTerminatorToken {
			yield(text, start, end)
		}
		return true
	})
}
