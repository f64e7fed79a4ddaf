// Package jsparse is chattool-lint's JavaScript and TypeScript front end.
//
// JavaScript (.js, .wxs and inline <wxs> blocks) is parsed with sobek's parser
// (goja's fork, which also parses ES modules) into goja's AST. TypeScript is
// compiled to JavaScript with esbuild's transform API and a source map; the
// AST is of the generated code, and every position a rule reports is mapped
// back through the source map to the exact line and column of the .ts file.
//
// A file sobek rejects but tdewolff's JavaScript parser accepts is a parser
// limitation, not a user error: such a file is marked Limited, has no AST,
// and offers a token scan of its wx calls (Tokens) to the rules that can work
// from tokens. A file both parsers reject has a syntax Error.
//
// On top of the AST, Facts (facts.go) records in one walk what the rules ask
// about: every use of a wx API with its guards, module imports, App/getApp
// calls, share handlers and apiCategory comparisons.
package jsparse

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"strings"
	"unsafe"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/file"
	"github.com/grafana/sobek/parser"
	tdparse "github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/js"

	"github.com/chattool-lint/chattool-lint/internal/textcheck"
)

// Lang is the language of a source file.
type Lang int

const (
	JS  Lang = iota // .js
	TS              // .ts (not .d.ts)
	WXS             // .wxs and inline <wxs>
	TSX             // .tsx (Taro), <script lang="tsx">
	JSX             // .jsx (Taro), <script lang="jsx">
)

func (l Lang) String() string {
	switch l {
	case TS:
		return "TypeScript"
	case WXS:
		return "WXS"
	case TSX:
		return "TSX"
	case JSX:
		return "JSX"
	}
	return "JavaScript"
}

// LangOf returns the language of a file by its name, and false for files
// that are not code (.d.ts declarations among them).
func LangOf(name string) (Lang, bool) {
	switch {
	case strings.HasSuffix(name, ".d.ts"):
		return 0, false
	case strings.HasSuffix(name, ".ts"):
		return TS, true
	case strings.HasSuffix(name, ".js"):
		return JS, true
	case strings.HasSuffix(name, ".wxs"):
		return WXS, true
	}
	return 0, false
}

// Error is a syntax error at a byte offset of the source.
type Error struct {
	Offset  int
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Message) }

// Source is a parsed file.
type Source struct {
	Lang Lang
	// Src is the source as written (with invalid UTF-8 bytes read as
	// spaces: see Parse); Code is what the AST was parsed from:
	// the same bytes for JavaScript, esbuild's output for TypeScript.
	Src  []byte
	Code string
	// Program is nil when the file did not parse.
	Program *ast.Program
	// Limitation says what sobek did not accept in a Limited file.
	Limitation *Error
	// Err is the syntax error of a file no parser accepts.
	Err *Error

	// srcLen and sum are the length and hash of Src, which Compact drops.
	srcLen int
	sum    uint64

	smap  *sourceMap
	facts *Facts

	// nesting is what TooDeep says of Src, when nestingChecked.
	nesting int32

	// Module reports whether Program was parsed in module mode.
	Module bool
	// Limited is set when sobek rejects a file tdewolff's parser accepts
	// (see Limitation).
	Limited        bool
	nestingChecked bool
	// (The fields are in this order, the small ones last, so that a
	// Source, kept for every script of a project, takes 112 bytes.)
}

// Parse parses src as lang. It never panics on any input.
//
// A binary file (a NUL byte, UTF-16) is an Error and is not parsed. Invalid
// UTF-8 in a text file is an Error too (unless a syntax error comes before
// it), but the file is parsed, with each invalid byte read as a space, so
// that the rules still check it.
func Parse(src []byte, lang Lang) *Source {
	tp := textcheck.Check(src)
	if tp != nil && tp.Binary {
		return &Source{Lang: lang, Src: src, srcLen: len(src), Err: &Error{Offset: tp.Offset, Message: tp.Message}}
	}
	if tp == nil {
		return parseText(src, lang)
	}
	s := parseText(textcheck.Sanitize(src, tp.Offset), lang)
	if s.Err == nil || s.Err.Offset >= tp.Offset {
		s.Err = &Error{Offset: tp.Offset, Message: tp.Message}
	}
	return s
}

// TooDeep returns TooDeep(s.Src), as found when the file was parsed, and
// true; false when it was not asked (a binary file is not parsed).
func (s *Source) TooDeep() (int, bool) { return int(s.nesting), s.nestingChecked }

func parseText(src []byte, lang Lang) (s *Source) {
	s = &Source{Lang: lang, Src: src, srcLen: len(src)}
	defer func() {
		if r := recover(); r != nil {
			s.Program = nil
			s.Err = &Error{Offset: 0, Message: fmt.Sprintf("internal parser failure: %v", r)}
		}
	}()
	off, msg := nesting(src)
	s.nesting, s.nestingChecked = int32(off), true
	if off >= 0 {
		s.Err = &Error{Offset: off, Message: msg}
		return s
	}
	if lang == TS || lang == TSX || lang == JSX {
		s.parseTS()
		return s
	}
	s.Code = string(src)
	s.parseJS(s.Code)
	return s
}

// parseJS parses code in module mode, then script mode (CommonJS files
// written for sloppy mode), then asks tdewolff's parser for a second opinion.
func (s *Source) parseJS(code string) {
	prog, err := sobekParse(code, true)
	var modErr *Error
	switch off := incompleteExport(prog); {
	case err == nil && off < 0:
		s.Program, s.Module = prog, true
		return
	case err == nil:
		modErr = &Error{Offset: s.srcOffset(off), Message: "export async must be followed by a function declaration"}
	default:
		modErr = s.sobekError(code, err)
	}
	prog, err = sobekParse(code, false)
	if err == nil {
		s.Program = prog
		return
	}
	scriptErr := s.sobekError(code, err)
	// The more plausible error is the one further into the file: a file
	// that uses import/export fails early in script mode.
	first := modErr
	if scriptErr.Offset > modErr.Offset {
		first = scriptErr
	}
	// For TypeScript, esbuild has accepted the source already: the failure
	// is ours.
	if s.smap != nil || tdewolffAccepts([]byte(code)) {
		s.Limited, s.Limitation = true, first
		return
	}
	s.Err = first
}

// sobekParse parses code with sobek. sobek does not insert a semicolon at a
// line break after a keyword used as a property name (x.class, x.default):
// where it stops on the next line for that reason, the line break is
// replaced by a semicolon, as automatic semicolon insertion would do, and
// the parse is retried. The replacement keeps every byte offset. Retries
// stop after 64, or once they have parsed retryBudget bytes: a file made of
// such lines costs a bounded time, and then is a parse failure.
//
// A panic in sobek's parser (it has one on a valid '\u{10FFFF}') is
// returned as an error, so that tdewolff's parser is asked, as for any
// file sobek rejects.
func sobekParse(code string, module bool) (prog *ast.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("sobek's parser failed: %v", r)
		}
	}()
	opts := []parser.Option{parser.WithDisableSourceMaps}
	if module {
		opts = append(opts, parser.IsModule)
	}
	var patched []byte
	retries := min(64, retryBudget/max(len(code), 1))
	for range retries {
		prog, err := parser.ParseFile(nil, "", view(code), 0, opts...)
		if err == nil {
			return prog, nil
		}
		e := firstError(err)
		if e == nil {
			return nil, err
		}
		nl := keywordLineBreak(code, lineColOffset(code, e.Position.Line, e.Position.Column))
		if nl < 0 {
			return nil, err
		}
		if patched == nil {
			patched = []byte(code)
		}
		patched[nl] = ';'
		code = string(patched)
	}
	return parser.ParseFile(nil, "", view(code), 0, opts...)
}

// view returns the bytes of s, not a copy, for sobek's ParseFile, which
// copies a []byte source once into the string it parses, and a string
// source twice (into a []byte, then back): a copy of every script less
// (a twentieth of what a run allocates on the npm corpus). ParseFile only
// reads it.
func view(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// incompleteExport returns the offset of an `export async` that no function
// follows, which sobek accepts (it makes a function declaration without a
// function), or -1.
func incompleteExport(prog *ast.Program) int {
	if prog == nil {
		return -1
	}
	for _, st := range prog.Body {
		if e, ok := st.(*ast.ExportDeclaration); ok && e.HoistableDeclaration != nil &&
			e.HoistableDeclaration.FunctionDeclaration != nil && e.HoistableDeclaration.FunctionDeclaration.Function == nil {
			return int(e.Idx) - 1
		}
	}
	return -1
}

// retryBudget bounds the bytes sobekParse parses again (per mode).
const retryBudget = 4 << 20

var propertyKeywords = map[string]bool{
	"break": true, "case": true, "catch": true, "class": true, "const": true, "continue": true,
	"debugger": true, "default": true, "delete": true, "do": true, "else": true, "enum": true,
	"export": true, "extends": true, "false": true, "finally": true, "for": true, "function": true,
	"if": true, "import": true, "in": true, "instanceof": true, "new": true, "null": true,
	"return": true, "super": true, "switch": true, "this": true, "throw": true, "true": true,
	"try": true, "typeof": true, "var": true, "void": true, "while": true, "with": true,
	"yield": true, "let": true, "static": true, "await": true, "implements": true,
	"interface": true, "package": true, "private": true, "protected": true, "public": true,
}

// keywordLineBreak returns the offset of the line break before the token at
// off when the line before it ends in a keyword property name (x.class),
// or -1.
func keywordLineBreak(code string, off int) int {
	i := off
	for i > 0 && (code[i-1] == ' ' || code[i-1] == '\t') {
		i--
	}
	if i == 0 || code[i-1] != '\n' {
		return -1
	}
	nl := i - 1
	lineStart := strings.LastIndexByte(code[:nl], '\n') + 1
	line := strings.TrimRight(code[lineStart:nl], " \t\r")
	if strings.Contains(line, "//") || strings.Contains(line, "/*") {
		return -1
	}
	j := len(line)
	for j > 0 && (line[j-1] >= 'a' && line[j-1] <= 'z') {
		j--
	}
	if j == 0 || line[j-1] != '.' || !propertyKeywords[line[j:]] {
		return -1
	}
	return nl
}

func firstError(err error) *parser.Error {
	switch v := err.(type) {
	case parser.ErrorList:
		if len(v) > 0 {
			return v[0]
		}
	case *parser.Error:
		return v
	}
	return nil
}

// sobekError turns a sobek error into a byte offset in code.
func (s *Source) sobekError(code string, err error) *Error {
	e := firstError(err)
	if e == nil {
		return &Error{Offset: 0, Message: err.Error()}
	}
	off := lineColOffset(code, e.Position.Line, e.Position.Column)
	msg := e.Message
	if strings.HasPrefix(msg, "Unexpected token") || strings.HasPrefix(msg, "Unexpected end") {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	return &Error{Offset: s.srcOffset(off), Message: msg}
}

// lineColOffset converts sobek's 1-based line and 1-based byte column.
func lineColOffset(code string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(code[off:], '\n')
		if i < 0 {
			return len(code)
		}
		off += i + 1
	}
	off += col - 1
	if off > len(code) {
		off = len(code)
	}
	if off < 0 {
		off = 0
	}
	return off
}

func tdewolffAccepts(src []byte) bool {
	_, err := js.Parse(tdparse.NewInputBytes(bytes.Clone(src)), js.Options{})
	return err == nil
}

// tsconfig keeps every import that is not marked `type`, so that imports
// used only in types are still seen (and resolved) by the rules.
const tsconfig = `{"compilerOptions":{"verbatimModuleSyntax":true,"useDefineForClassFields":false}}`

func (s *Source) parseTS() {
	res := api.Transform(string(s.Src), api.TransformOptions{
		Loader:      loaders[s.Lang],
		JSXFactory:  jsxFactory,
		JSXFragment: jsxFragment,
		Sourcemap:   api.SourceMapExternal,
		Charset:     api.CharsetUTF8,
		Target:      api.ESNext,
		TsconfigRaw: tsconfig,
		LogLevel:    api.LogLevelSilent,
		Sourcefile:  "source.ts",
	})
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		off := 0
		if e.Location != nil {
			off = lineColOffset(string(s.Src), e.Location.Line, e.Location.Column+1)
		}
		s.Err = &Error{Offset: off, Message: strings.TrimSuffix(e.Text, ".")}
		return
	}
	// (esbuild's output is the transform's own, and no one writes it: the
	// string is its bytes, not a copy.)
	s.Code = unsafe.String(unsafe.SliceData(res.Code), len(res.Code))
	sm, err := decodeSourceMap(res.Map, s.Src)
	if err != nil {
		s.Err = &Error{Offset: 0, Message: "cannot map TypeScript positions: " + err.Error()}
		return
	}
	sm.codeLines = lineStarts(s.Code)
	s.smap = sm
	s.parseJS(s.Code)
}

// Offset returns the byte offset in Src of a position of the AST.
func (s *Source) Offset(idx file.Idx) int {
	return s.srcOffset(int(idx) - 1)
}

// srcOffset maps a byte offset in Code to a byte offset in Src.
func (s *Source) srcOffset(off int) int {
	if off < 0 {
		off = 0
	}
	if s.smap == nil {
		return min(off, s.size())
	}
	return s.smap.source(s.Code, s.smap.codeLines, off)
}

// size is the length of Src, kept when Compact drops it.
func (s *Source) size() int {
	if s.Src != nil {
		return len(s.Src)
	}
	return s.srcLen
}

// Compact collects the facts of the file, then drops what only parsing
// and collecting them needed, so that what a loaded project keeps of a
// script is bounded by its facts, not by its size (prune.go): the syntax
// tree (Program is nil afterwards; Facts keeps what the rules read), Code
// (kept for TypeScript, whose positions are mapped through it) and Src
// (kept, as a copy, for a Limited file, which Tokens scans). Positions,
// verdicts and ParsedFrom work as before. A Source shared through a
// project.Memo must be compacted before it is stored, if at all.
func (s *Source) Compact() { s.compactIn(&blocks{}) }

// compactIn is Compact, keeping what the facts keep in k.
func (s *Source) compactIn(k *blocks) {
	if fx := s.Facts(); fx != nil {
		if fx.empty() {
			s.facts = noFacts
		} else {
			s.facts = newPruner(k).facts(fx)
		}
	}
	s.Program = nil
	s.srcLen, s.sum = len(s.Src), sumOf(s.Src)
	if s.smap == nil {
		s.Code = ""
	}
	if s.Limited {
		s.Src = bytes.Clone(s.Src)
	} else {
		s.Src = nil
	}
}

// sumSeed seeds the hashes of ParsedFrom.
var sumSeed = maphash.MakeSeed()

func sumOf(b []byte) uint64 { return maphash.Bytes(sumSeed, b) }

// ParsedFrom reports whether s was parsed from exactly src: not from other
// bytes (invalid UTF-8 is read as spaces), whether or not Compact has
// dropped Src since.
func (s *Source) ParsedFrom(src []byte) bool {
	if s.Src != nil {
		return len(s.Src) == len(src) && (len(src) == 0 || &s.Src[0] == &src[0] || bytes.Equal(s.Src, src))
	}
	return s.srcLen == len(src) && s.sum == sumOf(src)
}

// Text returns the source text of a node, as written in Code ("" for a
// JavaScript file Compact has dropped Code of).
func (s *Source) Text(n ast.Node) string {
	a, b := int(n.Idx0())-1, int(n.Idx1())-1
	if a < 0 || b > len(s.Code) || a > b {
		return ""
	}
	return s.Code[a:b]
}

func lineStarts(s string) []int {
	starts := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
