package wxss

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"

	"github.com/chattool-lint/chattool-lint/internal/textcheck"
)

var bom = []byte("\xEF\xBB\xBF")

// tok is a token of the statement being read: its type and span.
type tok struct {
	tt         css.TokenType
	start, end int
}

// significant reports whether a token is neither white space nor a comment.
func (t tok) significant() bool {
	return t.tt != css.WhitespaceToken && t.tt != css.CommentToken
}

// block is an open { } block: of an at-rule or of a style rule.
type block struct {
	at   *AtRule
	rule *Rule
	open int // offset of the {
	// innermost at-rule and style rule, this block's included
	inAt   *AtRule
	inRule *Rule
}

// opener is an open ( [ or { inside a statement.
type opener struct {
	c   byte
	off int
}

type parser struct {
	s    *Sheet
	text string // string(s.Src): every string of the sheet is a slice of it
	// open blocks, outermost first
	stack []block
	// tokens of the statement being read (a selector, an at-rule's
	// prelude, a declaration), from its first significant token on
	stmt []tok
	// number of significant tokens in stmt
	sig int
	// stmt is a custom property declaration ("--x:"), whose value may hold
	// { } blocks
	custom bool
	// open brackets of stmt, and how many of each kind
	parens           []opener
	nParen, nBracket int
	nBrace           int
	// stopped is set when the parser gives up on the rest of the file.
	stopped bool
}

// MaxDepth is the deepest nesting of { } blocks the parser builds. Real
// style sheets nest a few levels; deeper input is reported, and the rest of
// the file is not parsed.
const MaxDepth = 1000

// MaxErrors is the most syntax errors reported in one file: past it, the
// rest of the file is not parsed.
const MaxErrors = 100

// Parse parses a WXSS file. It never fails: syntax errors are recorded in
// Sheet.Errors and the rest of the file is parsed as well as possible. It
// takes time linear in the size of src. A binary file is one error and is
// not parsed; invalid UTF-8 is an error, and the parse goes on.
func Parse(src []byte) *Sheet {
	s := &Sheet{Src: src}
	if tp := textcheck.Check(src); tp != nil {
		s.Errors = append(s.Errors, Error{Offset: tp.Offset, Msg: tp.Message})
		if tp.Binary {
			return s
		}
	}
	p := &parser{s: s, text: string(src)}
	lex(src, p.token)
	p.eof()
	slices.SortStableFunc(s.Errors, func(a, b Error) int { return a.Offset - b.Offset })
	return s
}

// lex calls fn with the type and the span of each token of src, in order,
// after a UTF-8 byte order mark. The tokens tile src: each starts where the
// previous one ends, and the last ends at len(src).
func lex(src []byte, fn func(tt css.TokenType, start, end int)) {
	off := 0
	if bytes.HasPrefix(src, bom) {
		off = len(bom)
	}
	// The lexer needs a NUL byte past the end; give it a copy rather than
	// letting it write past len(src).
	body := make([]byte, len(src)-off, len(src)-off+1)
	copy(body, src[off:])
	in := parse.NewInputBytes(body)
	defer in.Restore()
	lx := css.NewLexer(in)
	for off < len(src) {
		tt, data := lx.Next()
		if tt == css.ErrorToken || len(data) == 0 {
			return
		}
		start := off
		off += len(data)
		if tt == css.BadStringToken && isSpace(data[len(data)-1]) {
			// A bad string ends with the newline that breaks it: give
			// the newline back, so that the string token is the string.
			fn(tt, start, off-1)
			fn(css.WhitespaceToken, off-1, off)
			continue
		}
		fn(tt, start, off)
	}
}

func (p *parser) errorf(off int, msg string) {
	if p.stopped {
		return
	}
	if len(p.s.Errors) == MaxErrors {
		msg = fmt.Sprintf("more than %d errors: the rest of the file is not checked", MaxErrors)
		p.stopped = true
	}
	p.s.Errors = append(p.s.Errors, Error{Offset: off, Msg: msg})
}

func (p *parser) token(tt css.TokenType, start, end int) {
	if p.stopped {
		return
	}
	switch tt {
	case css.CommentToken:
		p.s.Comments = append(p.s.Comments, Comment{Text: p.text[start:end], Start: start, End: end})
		if end-start < 4 || p.text[end-2:end] != "*/" {
			p.errorf(start, "unterminated comment")
		}
		if len(p.stmt) > 0 {
			p.stmt = append(p.stmt, tok{tt, start, end})
		}
		return
	case css.WhitespaceToken:
		if len(p.stmt) > 0 {
			p.stmt = append(p.stmt, tok{tt, start, end})
		}
		return
	case css.CDOToken, css.CDCToken:
		if len(p.stmt) == 0 && len(p.stack) == 0 {
			return // <!-- and --> are ignored at the top level
		}
	case css.BadStringToken:
		p.errorf(start, "unterminated string")
	case css.StringToken:
		if end == len(p.text) && !stringClosed(p.text[start:end]) {
			p.errorf(start, "unterminated string")
		}
	case css.BadURLToken:
		p.errorf(start, "bad url(...)")
	case css.URLToken:
		if end == len(p.text) {
			p.checkURLAtEOF(start, end)
		}
	case css.FunctionToken:
		p.push('(', end-1)
	case css.LeftParenthesisToken:
		p.push('(', start)
	case css.LeftBracketToken:
		p.push('[', start)
	case css.RightParenthesisToken:
		p.close('(', start)
	case css.RightBracketToken:
		p.close('[', start)
	case css.ColonToken:
		if p.sig == 1 && p.stmt[0].tt == css.CustomPropertyNameToken {
			p.custom = true
		}
	case css.LeftBraceToken:
		if p.custom {
			// A { } block inside a custom property's value.
			p.push('{', start)
			break
		}
		p.openBlock(start)
		return
	case css.RightBraceToken:
		if p.nBrace > 0 {
			p.close('{', start)
			break
		}
		p.closeBlock(start, end)
		return
	case css.SemicolonToken:
		if p.nBrace > 0 {
			break // inside a { } block of a custom property's value
		}
		p.unclosed()
		p.statement()
		return
	}
	p.stmt = append(p.stmt, tok{tt, start, end})
	p.sig++
}

// stringClosed reports whether a string token at the end of the file has
// its closing quote.
func stringClosed(s string) bool {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case s[0]:
			return true
		}
	}
	return false
}

// checkURLAtEOF reports a url( token cut by the end of the file.
func (p *parser) checkURLAtEOF(start, end int) {
	s := p.text[start:end]
	i := strings.IndexByte(s, '(') + 1
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		q := s[i]
		j := i + 1
		for ; j < len(s) && s[j] != q; j++ {
			if s[j] == '\\' {
				j++
			}
		}
		if j >= len(s) {
			p.errorf(start+i, "unterminated string")
			return
		}
		i = j + 1
	}
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ')':
			return
		}
	}
	p.errorf(start+strings.IndexByte(s, '('), "unclosed (")
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func (p *parser) push(c byte, off int) {
	p.parens = append(p.parens, opener{c, off})
	p.count(c, 1)
}

func (p *parser) count(c byte, n int) {
	switch c {
	case '(':
		p.nParen += n
	case '[':
		p.nBracket += n
	case '{':
		p.nBrace += n
	}
}

var closers = map[byte]string{'(': ")", '[': "]", '{': "}"}

// close closes the innermost open bracket of kind c, reporting the
// brackets left open inside it, or reports a closing bracket with nothing to
// close.
func (p *parser) close(c byte, off int) {
	n := p.nParen
	switch c {
	case '[':
		n = p.nBracket
	case '{':
		n = p.nBrace
	}
	if n == 0 {
		p.errorf(off, "unexpected "+closers[c])
		return
	}
	for {
		o := p.parens[len(p.parens)-1]
		p.parens = p.parens[:len(p.parens)-1]
		p.count(o.c, -1)
		if o.c == c {
			return
		}
		p.errorf(o.off, "unclosed "+string(o.c))
	}
}

// unclosed reports the brackets of the statement left open at its end.
func (p *parser) unclosed() {
	for _, o := range p.parens {
		p.errorf(o.off, "unclosed "+string(o.c))
	}
	p.parens = p.parens[:0]
	p.nParen, p.nBracket, p.nBrace = 0, 0, 0
}

func (p *parser) reset() {
	p.stmt = p.stmt[:0]
	p.sig = 0
	p.custom = false
}

// last returns the index of the last significant token of stmt, -1 if none.
func (p *parser) last() int {
	i := len(p.stmt) - 1
	for i >= 0 && !p.stmt[i].significant() {
		i--
	}
	return i
}

// nextSig returns the index of the first significant token of stmt at or
// after i, or len(stmt).
func (p *parser) nextSig(i int) int {
	for i < len(p.stmt) && !p.stmt[i].significant() {
		i++
	}
	return i
}

func (p *parser) inner() (*AtRule, *Rule) {
	if len(p.stack) == 0 {
		return nil, nil
	}
	b := &p.stack[len(p.stack)-1]
	return b.inAt, b.inRule
}

// openBlock handles a { that opens the block of a rule or an at-rule.
func (p *parser) openBlock(off int) {
	if len(p.stack) == MaxDepth {
		p.errorf(off, fmt.Sprintf("blocks nested deeper than %d levels: the rest of the file is not checked", MaxDepth))
		p.stopped = true
		return
	}
	p.unclosed()
	inAt, inRule := p.inner()
	b := block{open: off, inAt: inAt, inRule: inRule}
	if len(p.stmt) > 0 && p.stmt[0].tt == css.AtKeywordToken {
		b.at = p.atRule(off)
		b.inAt = b.at
	} else {
		b.rule = p.rule(off)
		b.inRule = b.rule
	}
	p.stack = append(p.stack, b)
	p.reset()
}

// closeBlock handles a } that closes a block.
func (p *parser) closeBlock(start, end int) {
	p.unclosed()
	p.statement()
	if len(p.stack) == 0 {
		p.errorf(start, "unexpected }")
		return
	}
	b := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	p.setEnd(b, end)
}

func (p *parser) setEnd(b block, end int) {
	if b.at != nil {
		b.at.BlockEnd = end
	} else {
		b.rule.BlockEnd = end
	}
}

func (p *parser) eof() {
	if !p.stopped {
		p.unclosed()
		p.statement()
	}
	for _, b := range p.stack {
		p.errorf(b.open, "unclosed {")
		p.setEnd(b, len(p.text))
	}
	p.stack = nil
}

// rule makes the style rule whose block opens at off.
func (p *parser) rule(off int) *Rule {
	r := &Rule{Start: off, End: off, BlockStart: off}
	r.Parent, r.ParentRule = p.inner()
	if last := p.last(); last >= 0 {
		r.Start, r.End = p.stmt[0].start, p.stmt[last].end
		r.Selector = p.text[r.Start:r.End]
		r.Tokens = make([]Token, last+1)
		for i, t := range p.stmt[:last+1] {
			r.Tokens[i] = Token{Type: t.tt, Text: p.text[t.start:t.end], Start: t.start}
		}
	}
	p.s.Rules = append(p.s.Rules, r)
	return r
}

// atRule makes the at-rule of stmt, whose block opens at off (-1 for none).
func (p *parser) atRule(off int) *AtRule {
	name := p.stmt[0]
	a := &AtRule{
		Name:         strings.ToLower(p.text[name.start+1 : name.end]),
		Start:        name.start,
		End:          name.end,
		PreludeStart: name.end,
		PreludeEnd:   name.end,
	}
	a.Parent, a.ParentRule = p.inner()
	first, last := p.nextSig(1), p.last()
	if first <= last {
		a.PreludeStart, a.PreludeEnd = p.stmt[first].start, p.stmt[last].end
		a.Prelude = p.text[a.PreludeStart:a.PreludeEnd]
	}
	if off >= 0 {
		a.Block = true
		a.BlockStart = off
	} else {
		a.BlockStart, a.BlockEnd = a.PreludeEnd, a.PreludeEnd
	}
	p.s.AtRules = append(p.s.AtRules, a)
	if a.Name == "import" && first <= last {
		t := p.stmt[first]
		im := &Import{Start: t.start, End: t.end, At: a}
		switch t.tt {
		case css.StringToken, css.BadStringToken:
			im.Path = unquote(p.text[t.start:t.end])
		case css.URLToken:
			im.Path = urlPath(p.text[t.start:t.end])
		default:
			im = nil
		}
		if im != nil {
			p.s.Imports = append(p.s.Imports, im)
		}
	}
	return a
}

// statement ends the statement being read, at a ; or a } or the end of the
// file: an at-rule without a block or a declaration. Anything else is
// dropped.
func (p *parser) statement() {
	defer p.reset()
	if len(p.stmt) == 0 {
		return
	}
	if p.stmt[0].tt == css.AtKeywordToken {
		p.atRule(-1)
		return
	}
	d := p.decl()
	if d == nil || len(p.stack) == 0 {
		return
	}
	b := &p.stack[len(p.stack)-1]
	if b.rule != nil {
		d.Rule = b.rule
		b.rule.Decls = append(b.rule.Decls, d)
	} else {
		b.at.Decls = append(b.at.Decls, d)
	}
}

// decl makes the declaration of stmt, or returns nil if stmt is not one.
func (p *parser) decl() *Decl {
	st := p.stmt
	i := 0
	// IE hacks: *zoom, +zoom.
	if st[0].tt == css.DelimToken && (p.text[st[0].start] == '*' || p.text[st[0].start] == '+') &&
		len(st) > 1 && st[1].tt == css.IdentToken {
		i = 1
	}
	if st[i].tt != css.IdentToken && st[i].tt != css.CustomPropertyNameToken {
		return nil
	}
	colon := p.nextSig(i + 1)
	if colon == len(st) || st[colon].tt != css.ColonToken {
		return nil
	}
	d := &Decl{Start: st[0].start, End: st[i].end}
	d.Property = p.text[d.Start:d.End]
	if !strings.HasPrefix(d.Property, "--") {
		d.Property = strings.ToLower(d.Property)
	}
	first, last := p.nextSig(colon+1), p.last()
	if last > colon && st[last].tt == css.IdentToken && strings.EqualFold(p.text[st[last].start:st[last].end], "important") {
		bang := last - 1
		for bang > colon && !st[bang].significant() {
			bang--
		}
		if bang > colon && st[bang].tt == css.DelimToken && p.text[st[bang].start] == '!' {
			d.Important = true
			for last = bang - 1; last > colon && !st[last].significant(); last-- {
			}
		}
	}
	d.ValueStart, d.ValueEnd = st[colon].end, st[colon].end
	if first <= last {
		d.ValueStart, d.ValueEnd = st[first].start, st[last].end
		d.Value = p.text[d.ValueStart:d.ValueEnd]
	}
	return d
}

// unquote returns the content of a string token, escapes decoded.
func unquote(s string) string {
	if len(s) == 0 {
		return s
	}
	q := s[0]
	s = s[1:]
	if strings.HasSuffix(s, string(q)) && stringClosed(string(q)+s) {
		s = s[:len(s)-1]
	}
	return unescape(s)
}

// urlPath returns the address of a url( ) token.
func urlPath(s string) string {
	s = s[strings.IndexByte(s, '(')+1:]
	s = strings.TrimSuffix(s, ")")
	s = strings.Trim(s, " \t\r\n\f")
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		return unquote(s)
	}
	return unescape(s)
}

// unescape decodes the CSS escapes of s: \ and up to six hex digits
// (and a white space after them), \ and a newline (nothing), \ and any
// other character (that character).
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		n, r := 0, rune(0)
		for n < 6 && i+n < len(s) && isHex(s[i+n]) {
			r = r<<4 | rune(hexVal(s[i+n]))
			n++
		}
		switch {
		case n > 0:
			i += n
			if i < len(s) && isSpace(s[i]) {
				if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			} else {
				i--
			}
			if r == 0 || r > utf8.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
				r = utf8.RuneError
			}
			b.WriteRune(r)
		case s[i] == '\n' || s[i] == '\f':
		case s[i] == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
