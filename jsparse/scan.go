package jsparse

import (
	"fmt"

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
		// (Only when there is one: after a failed RegExp, the lexer's
		// offsets are lost.)
		if (tt == js.DivToken || tt == js.DivEqToken) && !exprEnd && regExpAt(src, off) {
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

// regExpAt reports whether a regular expression literal starts with the
// slash at src[i].
func regExpAt(src []byte, i int) bool {
	_, ok := regExpEnd(src, i)
	return ok
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

// MaxNesting is the deepest nesting the parsers are given: brackets, and
// arrow functions whose bodies are arrow functions (a => b => c, which nest
// without brackets). Real code stays far below it; deeper input is reported
// instead of parsed, since parsing it takes time that grows faster than its
// size (sobek's time grows with the square of the arrow nesting).
const MaxNesting = 1000

// MaxChain is the most operators one expression may chain: a run of
// operators, operator keywords (typeof, new, in...), member accesses and
// calls with no comma, semicolon or statement break among them. Real code
// stays far below it. Parsers descend one level per prefix operator
// (!!!!a), right-associative operator (a = b = c, a ? b : c ? ...) or member
// access (a.b.c...), and a few million of them overflow the stack of
// sobek's parser or esbuild's, a crash no recover catches.
const MaxChain = 10_000

// TooDeep returns the offset where src first passes MaxNesting or
// MaxChain, or -1. Nesting counts open brackets and, at each bracket level,
// the arrows (=>) whose body is still open: an arrow's body runs to the next
// comma or semicolon at its level, the bracket that closes the level, or a
// line end that does not follow the arrow. Tokens in strings, comments,
// templates and regular expressions do not count. A file too small to pass
// either limit is not lexed. Other code that hands scripts to a recursive
// parser (esbuild, tdewolff's) should ask first.
func TooDeep(src []byte) int {
	off, _ := nesting(src)
	return off
}

// nesting returns what TooDeep does, and the error message that goes with
// it. It runs over every script before the parser does, so it has a lexer
// of its own (nestLexer) rather than tdewolff's: the same tokens, a third
// faster, and no call per token.
func nesting(src []byte) (int, string) {
	if len(src) <= MaxNesting {
		return -1, "" // too few bytes for either limit
	}
	var st nestState
	st.init()
	lx := nestLexer{src: src, lineStart: true}
	for {
		tt, start, ok := lx.next()
		if !ok {
			return -1, ""
		}
		if tt == js.LineTerminatorToken {
			st.newline()
			continue
		}
		if st.token(tt, start) {
			return st.at, st.msg
		}
	}
}

// nestState follows a script's brackets, open arrow bodies and operator
// chains, token by token, for TooDeep.
type nestState struct {
	levels                            []nestLevel
	brackets, open                    int
	newlineSeen, prevEnds, afterArrow bool
	at                                int
	msg                               string
}

type nestLevel struct{ arrows, ops int }

func (st *nestState) init() {
	st.levels = append(st.levels[:0], nestLevel{})
	st.at = -1
}

// newline records a line end (or a comment holding one).
func (st *nestState) newline() {
	st.newlineSeen = true
	if !st.afterArrow {
		top := &st.levels[len(st.levels)-1]
		st.open -= top.arrows
		top.arrows = 0
	}
}

// token records a significant token starting at start, and reports whether
// a limit is passed (st.at and st.msg say where and which).
func (st *nestState) token(tt js.TokenType, start int) bool {
	top := len(st.levels) - 1
	if st.newlineSeen && st.prevEnds && !continuesExpr(tt) {
		st.levels[top].ops = 0 // a new statement (automatic semicolon)
	}
	st.newlineSeen, st.afterArrow = false, false
	switch {
	case tt == js.OpenBraceToken || tt == js.OpenBracketToken || tt == js.OpenParenToken || tt == js.TemplateStartToken:
		st.levels[top].ops++
		st.brackets++
		st.levels = append(st.levels, nestLevel{})
	case tt == js.CloseBraceToken || tt == js.CloseBracketToken || tt == js.CloseParenToken || tt == js.TemplateEndToken:
		if top > 0 {
			st.brackets--
			st.open -= st.levels[top].arrows
			st.levels = st.levels[:top]
		}
	case tt == js.ArrowToken:
		st.levels[top].arrows++
		st.levels[top].ops++
		st.open++
		st.afterArrow = true
	case tt == js.CommaToken || tt == js.SemicolonToken:
		st.open -= st.levels[top].arrows
		st.levels[top].arrows, st.levels[top].ops = 0, 0
	case js.IsPunctuator(tt) || exprKeyword(tt) || tt == js.TemplateToken:
		st.levels[top].ops++ // (a template after an expression tags it)
	}
	st.prevEnds = endsExpr(tt)
	switch {
	case st.brackets+st.open > MaxNesting:
		st.at, st.msg = start, fmt.Sprintf("code nested deeper than %d levels (brackets and arrow functions); the file is not parsed", MaxNesting)
	case st.levels[len(st.levels)-1].ops > MaxChain:
		st.at, st.msg = start, fmt.Sprintf("an expression of more than %d operators, member accesses and calls in a row; the file is not parsed", MaxChain)
	}
	return st.at >= 0
}

// exprKeyword reports the keywords that are operators.
func exprKeyword(tt js.TokenType) bool {
	switch tt {
	case js.TypeofToken, js.VoidToken, js.DeleteToken, js.NewToken, js.AwaitToken, js.YieldToken, js.InToken, js.InstanceofToken:
		return true
	}
	return false
}

// endsExpr reports whether a token can end an expression, so that a line
// break after it may end the statement.
func endsExpr(tt js.TokenType) bool {
	switch tt {
	case js.ThisToken, js.NullToken, js.TrueToken, js.FalseToken, js.SuperToken,
		js.StringToken, js.TemplateToken, js.TemplateEndToken, js.RegExpToken, js.PrivateIdentifierToken,
		js.CloseBraceToken, js.CloseBracketToken, js.CloseParenToken, js.IncrToken, js.DecrToken:
		return true
	}
	return js.IsNumeric(tt) || js.IsIdentifier(tt)
}

// continuesExpr reports whether a token after a line break continues the
// expression before it (no semicolon is inserted before it).
func continuesExpr(tt js.TokenType) bool {
	switch tt {
	case js.OpenBraceToken, js.NotToken, js.BitNotToken, js.IncrToken, js.DecrToken:
		return false
	case js.InToken, js.InstanceofToken, js.TemplateToken, js.TemplateStartToken:
		return true
	}
	return js.IsPunctuator(tt)
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
