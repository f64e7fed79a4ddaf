package jsparse

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2/js"
)

// nestLexer is the lexer TooDeep runs over every script: it gives the
// tokens tdewolff's JavaScript lexer gives, as lex drives it (a slash is a
// regular expression where an expression cannot end), but only what
// nesting needs of them: the token type, with every punctuator nesting does
// not tell apart given as js.AddToken, and where it starts. Whitespace and
// comments are skipped; a line end, or a comment holding one, is one
// js.LineTerminatorToken.
//
// Where tdewolff's lexer stops at an error (a character no token starts
// with, a string broken by a line end, a regular expression with no end),
// nestLexer skips it and goes on, so that it never sees less of a file than
// the parser after it may: an unterminated comment or template ends the
// scan, as it ends the file for any parser.
type nestLexer struct {
	src []byte
	i   int
	// exprEnd: the last significant token can end an expression, so a
	// slash divides.
	exprEnd bool
	// lineStart: nothing but white space and comments since the last line
	// end or the start of the file, where --> starts a comment.
	lineStart bool
	// level counts the open {, ( and ${ (a ) closes a level as } does, as
	// in tdewolff's lexer); templates holds, for each template whose ${ is
	// open, the level outside it.
	level     int
	templates []int
}

// next returns the next significant token, or false at the end.
func (l *nestLexer) next() (tt js.TokenType, start int, ok bool) {
	src := l.src
	for l.i < len(src) {
		start = l.i
		c := src[l.i]
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			l.i++
			continue
		case c == '\n' || c == '\r':
			l.i++
			l.lineStart = true
			return js.LineTerminatorToken, start, true
		case c == '/' && l.i+1 < len(src) && (src[l.i+1] == '/' || src[l.i+1] == '*'):
			if src[l.i+1] == '/' {
				l.skipLine()
				l.lineStart = false
				continue
			}
			end := indexStarSlash(src, l.i+2)
			if end < 0 {
				l.i = len(src) // unterminated: the rest is comment
				return 0, 0, false
			}
			body := src[l.i+2 : end]
			l.i = end + 2
			if hasLineTerminator(body) {
				l.lineStart = true
				return js.LineTerminatorToken, start, true
			}
			l.lineStart = false
			continue
		case c == '<' && hasPrefixAt(src, l.i, "<!--"),
			c == '-' && l.lineStart && hasPrefixAt(src, l.i, "-->"):
			l.skipLine()
			l.lineStart = false
			continue
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(src[l.i:])
			switch {
			case r == '\u2028' || r == '\u2029':
				l.i += n
				l.lineStart = true
				return js.LineTerminatorToken, start, true
			case r == '\u00A0' || r == '\uFEFF' || unicode.Is(unicode.Zs, r):
				l.i += n
				continue
			}
			tt = l.word()
		case c >= '0' && c <= '9' || c == '.' && l.i+1 < len(src) && src[l.i+1] >= '0' && src[l.i+1] <= '9':
			l.number()
			tt = js.DecimalToken
		case isWordByte(c) || c == '\\':
			tt = l.word()
		case c == '\'' || c == '"':
			l.string(c)
			tt = js.StringToken
		case c == '`':
			l.i++
			l.templates = append(l.templates, l.level)
			if tt, ok = l.template(false); !ok {
				return 0, 0, false
			}
		case c == '}' && len(l.templates) > 0 && l.level-1 == l.templates[len(l.templates)-1]:
			l.level--
			l.i++
			if tt, ok = l.template(true); !ok {
				return 0, 0, false
			}
		case c == '/' && !l.exprEnd && l.regExp():
			tt = js.RegExpToken
		case c == '#':
			l.i++
			if l.i < len(src) && (isWordByte(src[l.i]) || src[l.i] >= utf8.RuneSelf || src[l.i] == '\\') {
				l.word()
				tt = js.PrivateIdentifierToken
			} else {
				tt = js.AddToken
			}
		default:
			tt = l.punctuator()
		}
		l.lineStart = false
		switch {
		case tt == js.IdentifierToken, tt == js.ThisToken, tt == js.DecimalToken,
			tt == js.StringToken, tt == js.TemplateToken, tt == js.TemplateEndToken, tt == js.RegExpToken,
			tt == js.CloseParenToken, tt == js.CloseBracketToken, tt == js.CloseBraceToken:
			l.exprEnd = true
		default:
			l.exprEnd = false
		}
		return tt, start, true
	}
	return 0, 0, false
}

// skipLine moves to the next line terminator (not past it).
func (l *nestLexer) skipLine() {
	for l.i < len(l.src) {
		switch c := l.src[l.i]; {
		case c == '\n' || c == '\r':
			return
		case c == 0xE2 && l.i+2 < len(l.src) && l.src[l.i+1] == 0x80 && (l.src[l.i+2] == 0xA8 || l.src[l.i+2] == 0xA9):
			return
		}
		l.i++
	}
}

// word reads an identifier or keyword: ASCII word bytes, \u escapes and
// any non-ASCII character that is not white space or a line end.
func (l *nestLexer) word() js.TokenType {
	src, start := l.src, l.i
	for l.i < len(src) {
		c := src[l.i]
		switch {
		case isWordByte(c):
			l.i++
		case c == '\\':
			l.i++ // \uXXXX or \u{...}: the rest are word bytes or braces
			if l.i < len(src) && src[l.i] == 'u' && l.i+1 < len(src) && src[l.i+1] == '{' {
				for l.i < len(src) && src[l.i] != '}' && src[l.i] != '\n' {
					l.i++
				}
				if l.i < len(src) && src[l.i] == '}' {
					l.i++
				}
			}
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(src[l.i:])
			if r == '\u2028' || r == '\u2029' || r == '\u00A0' || r == '\uFEFF' || unicode.Is(unicode.Zs, r) {
				return wordType(src[start:l.i])
			}
			l.i += n
		default:
			return wordType(src[start:l.i])
		}
	}
	return wordType(src[start:l.i])
}

func wordType(w []byte) js.TokenType {
	// Every keyword is 2 to 10 lowercase ASCII letters; most identifiers
	// of minified code are not, and skip the map.
	if len(w) < 2 || len(w) > 10 || w[0] < 'a' || w[0] > 'z' || w[len(w)-1] < 'a' || w[len(w)-1] > 'z' {
		return js.IdentifierToken
	}
	if tt, ok := js.Keywords[string(w)]; ok {
		return tt
	}
	return js.IdentifierToken
}

// number reads a numeric literal: digits, letters (0x, 1e5, 10n), _ and
// one decimal point, and a sign after an exponent.
func (l *nestLexer) number() {
	src := l.src
	dot, exp, suffix := false, false, false
	hex := src[l.i] == '0' && l.i+1 < len(src) && (src[l.i+1]|0x20 == 'x' || src[l.i+1]|0x20 == 'b' || src[l.i+1]|0x20 == 'o')
	for l.i < len(src) {
		c := src[l.i]
		switch {
		case c == '.' && !dot && !exp && !hex && !suffix:
			dot = true
		case (c == '+' || c == '-') && exp && src[l.i-1]|0x20 == 'e':
		case isWordByte(c) && c != '$':
			switch {
			case c|0x20 == 'e' && !hex:
				exp = true
			case c > '9' && c != '_' && !hex:
				suffix = true // 10n
			}
		default:
			return
		}
		l.i++
	}
}

// string reads a quoted string. A line end that is not escaped ends it
// there (a syntax error, which the parser reports).
func (l *nestLexer) string(quote byte) {
	src := l.src
	l.i++
	for l.i < len(src) {
		switch c := src[l.i]; c {
		case quote:
			l.i++
			return
		case '\\':
			l.i += 2
			if l.i <= len(src) && src[l.i-1] == '\r' && l.i < len(src) && src[l.i] == '\n' {
				l.i++
			}
		case '\n', '\r':
			return
		default:
			l.i++
		}
	}
	l.i = len(src)
}

// template reads template characters after ` or the } that closes a ${,
// up to the closing ` or the next ${, and returns the token: TemplateToken,
// TemplateStartToken, TemplateMiddleToken or TemplateEndToken. It returns
// false when the template does not end.
func (l *nestLexer) template(continuation bool) (js.TokenType, bool) {
	src := l.src
	for l.i < len(src) {
		switch src[l.i] {
		case '`':
			l.i++
			l.templates = l.templates[:len(l.templates)-1]
			if continuation {
				return js.TemplateEndToken, true
			}
			return js.TemplateToken, true
		case '$':
			if l.i+1 < len(src) && src[l.i+1] == '{' {
				l.i += 2
				l.level++
				if continuation {
					return js.TemplateMiddleToken, true
				}
				return js.TemplateStartToken, true
			}
			l.i++
		case '\\':
			l.i += 2
		default:
			l.i++
		}
	}
	return 0, false
}

// regExp reads a regular expression literal at a slash, with its flags, and
// reports whether there was one.
func (l *nestLexer) regExp() bool {
	end, ok := regExpEnd(l.src, l.i)
	if ok {
		l.i = end
	}
	return ok
}

// regExpEnd returns the end of the regular expression literal, flags
// included, that starts with the slash at src[i], and whether there is one:
// it ends at the first slash outside a character class, and cannot span
// lines. (tdewolff's lexer reads them the same way.)
func regExpEnd(src []byte, i int) (int, bool) {
	i++
	inClass := false
	for {
		if i >= len(src) {
			return 0, false
		}
		c := src[i]
		switch {
		case c == '/' && !inClass:
			i++
			for i < len(src) && (isWordByte(src[i]) || src[i] >= utf8.RuneSelf) {
				i++
			}
			return i, true
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '\\':
			i++
			if i >= len(src) || src[i] == '\n' || src[i] == '\r' {
				return 0, false
			}
		case c == '\n' || c == '\r':
			return 0, false
		}
		i++
	}
}

// punctuator reads the longest punctuator at l.i and returns its type as
// far as nesting tells them apart; a byte that starts no token is skipped
// as an operator.
func (l *nestLexer) punctuator() js.TokenType {
	src, i := l.src, l.i
	c := src[i]
	at := func(k int) byte {
		if i+k < len(src) {
			return src[i+k]
		}
		return 0
	}
	n, tt := 1, js.AddToken
	switch c {
	case '(':
		tt = js.OpenParenToken
		l.level++
	case ')':
		tt = js.CloseParenToken
		l.level--
	case '[':
		tt = js.OpenBracketToken
	case ']':
		tt = js.CloseBracketToken
	case '{':
		tt = js.OpenBraceToken
		l.level++
	case '}':
		tt = js.CloseBraceToken
		l.level--
	case ',':
		tt = js.CommaToken
	case ';':
		tt = js.SemicolonToken
	case '~':
		tt = js.BitNotToken
	case ':':
	case '.':
		if at(1) == '.' && at(2) == '.' {
			n = 3
		}
	case '=':
		switch {
		case at(1) == '>':
			n, tt = 2, js.ArrowToken
		case at(1) == '=' && at(2) == '=':
			n = 3
		case at(1) == '=':
			n = 2
		}
	case '!':
		tt = js.NotToken
		if at(1) == '=' {
			n, tt = 2, js.AddToken
			if at(2) == '=' {
				n = 3
			}
		}
	case '+', '-':
		switch {
		case at(1) == c:
			n, tt = 2, js.IncrToken
			if c == '-' {
				tt = js.DecrToken
			}
		case at(1) == '=':
			n = 2
		}
	case '?':
		switch {
		case at(1) == '?' && at(2) == '=':
			n = 3
		case at(1) == '?':
			n = 2
		case at(1) == '.' && !(at(2) >= '0' && at(2) <= '9'):
			n = 2
		}
	case '*', '&', '|':
		// ** **= && &&= || ||= *= &= |=
		switch {
		case at(1) == c && at(2) == '=':
			n = 3
		case at(1) == c || at(1) == '=':
			n = 2
		}
	case '/', '%', '^':
		if at(1) == '=' {
			n = 2
		}
	case '<':
		// << <<= <=
		switch {
		case at(1) == '<' && at(2) == '=':
			n = 3
		case at(1) == '<' || at(1) == '=':
			n = 2
		}
	case '>':
		// > >= >> >>= >>> >>>=
		for n < 3 && at(n) == '>' {
			n++
		}
		if at(n) == '=' {
			n++
		}
	}
	l.i += n
	return tt
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$'
}

func hasPrefixAt(src []byte, i int, p string) bool {
	return len(src)-i >= len(p) && string(src[i:i+len(p)]) == p
}

// indexStarSlash returns the offset of the first */ at or after i, or -1.
func indexStarSlash(src []byte, i int) int {
	if j := bytes.Index(src[i:], []byte("*/")); j >= 0 {
		return i + j
	}
	return -1
}

// hasLineTerminator reports whether b holds \n, \r, U+2028 or U+2029.
func hasLineTerminator(b []byte) bool {
	for i, c := range b {
		switch {
		case c == '\n' || c == '\r':
			return true
		case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9):
			return true
		}
	}
	return false
}
