// Package wxss parses WXSS, the style sheet language of WeChat mini programs.
//
// WXSS is CSS with two additions: the rpx unit (a "responsive pixel": the
// screen is 750rpx wide whatever its size) and @import of other .wxss files
// by relative or absolute path (`@import "../common.wxss";`). WeChat's style
// compiler checks the syntax when the project is built and refuses a file
// that is broken, but it is otherwise lenient: unknown at-rules, vendor
// prefixes and the old IE hacks (`*zoom: 1`, `_height`, `filter:
// progid:...`, `!ie`) all pass.
//
// Parse groups the tokens of tdewolff's CSS lexer into at-rules, style
// rules and declarations, keeping the exact byte offset of everything, so
// that rules can point at a selector, a property or a value. It reports only
// what makes a style sheet unreadable, and keeps going after each error:
//
//   - an unterminated string;
//   - an unterminated comment;
//   - a `}` with no open block, a `{` never closed;
//   - an unbalanced `(` or `[`, or a `)` or `]` with nothing to close;
//   - a malformed url(...).
//
// Style rules nested in style rules (CSS nesting, `&:hover { }`) are parsed as
// rules of their own.
package wxss

import "github.com/tdewolff/parse/v2/css"

// Sheet is a parsed WXSS file. Offsets count bytes from the start of Src
// (a UTF-8 byte order mark included). Strings are the source text as
// written, except where a field says otherwise. The Sheet of a loaded
// project (Load) holds only what the rules read: see KeptProperties.
type Sheet struct {
	// Src is what was parsed; nil in a Sheet of a loaded project (Load).
	Src []byte
	// Imports are the @import rules, in source order, at any nesting level.
	Imports []*Import
	// Rules are the style rules (and keyframe blocks), at every nesting
	// level, in source order.
	Rules []*Rule
	// AtRules are the at-rules, @import included, at every nesting level, in
	// source order.
	AtRules []*AtRule
	// Comments are the comments, wherever they are.
	Comments []Comment
	// Errors are the syntax errors, ordered by offset.
	Errors []Error
}

// Import is an @import of another style sheet; in LESS and SCSS also an
// @use or @forward (see PreTarget for what their compilers make of them).
type Import struct {
	// Path is the imported path, without quotes or url( ), escapes decoded.
	Path string
	// Start and End span the string or url(...) token.
	Start, End int
	// At is the at-rule (WXSS only: LESS and SCSS are not parsed into rules).
	At *AtRule
	// Of LESS and SCSS only: Rule is "import", "use" or "forward"; Options
	// the options of a LESS @import as written between its parentheses
	// ("optional, reference"); URL is set for a path written url(...);
	// Tail is what follows the path up to the ";" of an @import (a media
	// query), "" when nothing does, "," before the next path of an SCSS
	// list.
	Rule    string
	Options string
	URL     bool
	Tail    string
}

// AtRule is an at-rule: @import, @media, @font-face, @keyframes...
type AtRule struct {
	// Name is lowercased, without "@": "media", "-webkit-keyframes".
	Name string
	// Start and End span the @name token.
	Start, End int
	// Prelude is the text between the name and the `{` or `;`, without
	// surrounding white space and comments; it spans
	// [PreludeStart, PreludeEnd) (an empty span right after the name when
	// there is no prelude).
	Prelude                  string
	PreludeStart, PreludeEnd int
	// Block reports whether the at-rule has a { } block. BlockStart is the
	// offset of its `{`, BlockEnd the offset just past its `}` (len(Src) when
	// it is never closed). Without a block, both are PreludeEnd.
	Block                bool
	BlockStart, BlockEnd int
	// Decls are the declarations directly inside the block: of @font-face
	// or @page, or of an at-rule nested in a style rule (CSS nesting).
	Decls []*Decl
	// Parent is the innermost enclosing at-rule, or nil.
	Parent *AtRule
	// ParentRule is the innermost enclosing style rule (CSS nesting), or nil.
	ParentRule *Rule
}

// Rule is a style rule: a selector and a block of declarations. Inside
// @keyframes the selector is a keyframe selector (`from`, `50%`).
type Rule struct {
	// Selector is the prelude, without surrounding white space and comments;
	// it spans [Start, End) (an empty span at the `{` when there is none).
	Selector   string
	Start, End int
	// Tokens are the tokens of Selector, white space and comments included.
	Tokens []Token
	Decls  []*Decl
	// BlockStart is the offset of the `{`, BlockEnd the offset just past the
	// `}` (len(Src) when it is never closed).
	BlockStart, BlockEnd int
	// Parent is the innermost enclosing at-rule (@media, @keyframes...), or
	// nil.
	Parent *AtRule
	// ParentRule is the innermost enclosing style rule of a nested rule, or
	// nil.
	ParentRule *Rule
}

// Token is a token of a selector.
type Token struct {
	Type  css.TokenType
	Text  string
	Start int
}

// End returns the offset just past the token.
func (t Token) End() int { return t.Start + len(t.Text) }

// Decl is a declaration, `property: value`.
type Decl struct {
	// Property is lowercased, except for custom properties ("--x"). An IE hack
	// prefix is kept: "*zoom". It spans [Start, End).
	Property   string
	Start, End int
	// Value is the value as written, without surrounding white space and
	// comments and without "!important"; it spans [ValueStart, ValueEnd) (an
	// empty span right after the colon when the value is empty).
	Value                string
	ValueStart, ValueEnd int
	Important            bool
	// Rule is the style rule of the declaration, nil when it is directly in
	// an at-rule block (see AtRule.Decls).
	Rule *Rule
}

// Comment is a comment; Text is as written, /* and */ included (*/ is
// missing from an unterminated comment).
type Comment struct {
	Text       string
	Start, End int
}

// Error is a syntax error.
type Error struct {
	Offset int
	Msg    string
}
