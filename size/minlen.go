package size

import (
	"strconv"
	"strings"
)

// minifiedLen estimates, from the tokens of code, the length of what
// tdewolff's JavaScript minifier makes of it with every name it declares
// mangled, the top-level ones too (as terser's toplevel option does),
// without parsing or printing it: several times faster than the minifier,
// and within a few percent of it over a package (TestMinifiedLen). It counts each
// token's bytes with white space and comments dropped (a space kept
// between two words), and what the minifier does token by token:
//
//   - names a file declares (var, let, const, function, class, parameters,
//     catch) become one letter wherever they are used, except after a dot
//     or as an object key; exported declarations keep theirs;
//   - numbers lose their zeros (0.50 → .5, 1000 → 1e3);
//   - true and false become !0 and !1, undefined void 0;
//   - quoted keys that are names lose their quotes ({"a": 1} → {a:1},
//     x["a"] → x.a);
//   - a semicolon before } goes.
//
// What it does not see (statements merged into expressions, var
// declarations merged, braces dropped) costs a few percent, which the
// factor of Built's estimate takes in.
func (ts *jsToks) minifiedLen() int { return ts.minLen(true) }

// minLen is minifiedLen; with mangle unset, names keep their length, as swc
// minifies for the compiler (miniprogram-ci 2.1.42 gives swc's minifier
// compress options and no mangle).
func (ts *jsToks) minLen(mangle bool) int {
	declared, merged := ts.declaredNames()
	punct, toks, code := ts.punct, ts.t, ts.code
	n := 0
	var last byte
	for k, t := range toks {
		b := code[t.pos:t.end]
		if k > 0 && isIdent(last) && isIdent(b[0]) {
			n++ // a space between two words
		}
		last = b[len(b)-1]
		l := len(b)
		switch t.kind {
		case tIdent:
			if string(b) == "if" && punct(k+1, '(') {
				if r := closing(toks, code, k+1); r > 0 && ts.word(r+1, "return") {
					n -= ifReturn // if(c)return x; → c?x:… (or c&&…)
				}
			}
			switch { // (string(b) in comparisons and lookups, which do not allocate)
			case len(merged) > 0 && merged[0] == k:
				merged = merged[1:]
				l = 0 // and the semicolon before it becomes a comma
			case string(b) == "true" || string(b) == "false":
				l = 2
			case string(b) == "undefined":
				l = 6
			case punct(k-1, '.') || punct(k+1, ':') && (punct(k-1, '{') || punct(k-1, ',')) || !declared.has(b) || !mangle:
			case (punct(k-1, '{') || punct(k-1, ',')) && (punct(k+1, ',') || punct(k+1, '}')):
				l += 2 // a shorthand property {name} keeps its key: {name:n}
			default:
				l = 1
			}
		case tValue:
			switch c := b[0]; {
			case c >= '0' && c <= '9' || c == '.':
				l = numberLen(string(b))
			case (c == '"' || c == '\'') && len(b) > 2 && isName(b[1:len(b)-1]):
				switch {
				case punct(k+1, ':') && (punct(k-1, '{') || punct(k-1, ',')):
					l -= 2 // {"a": 1} → {a:1}
				case punct(k-1, '[') && punct(k+1, ']'):
					l -= 3 // x["a"] → x.a: the brackets go, a dot comes
				}
			}
		case tPunct:
			if b[0] == ';' && punct(k+1, '}') {
				l = 0
			}
		}
		n += l
	}
	return n
}

// ifReturn is what the minifier saves on an if whose branch is a return:
// if(c)return a;return b becomes return c?a:b.
const ifReturn = 8

// closing returns the index of the bracket that closes toks[open], or -1.
func closing(toks []jsTok, code []byte, open int) int {
	depth := 0
	for k := open; k < len(toks); k++ {
		if toks[k].kind != tPunct {
			continue
		}
		switch code[toks[k].pos] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return -1
}

// declaredNames returns the names toks declare: after var, let and const
// (each declarator at the declaration's own bracket level, and the names
// of a destructuring pattern), function and class, in a function's
// parameter list or an arrow function's, and after catch (. Declarations
// after export are left out. It returns too the var, let and const
// keywords that directly follow a declaration of the same kind, which the
// minifier merges into it (const a=1;const b=2 → const a=1,b=2), as token
// indices in order.
func (ts *jsToks) declaredNames() (declared nameSet, merged []int) {
	declared.m = map[string]bool{}
	word, punct, ident, toks, code := ts.word, ts.punct, ts.ident, ts.t, ts.code
	s := func(k int) []byte { return code[toks[k].pos:toks[k].end] }
	declare := func(k int) { declared.add(s(k)) }
	lastDecl, lastEnd := "", -1 // the kind and last token of the previous declaration
	for k, t := range toks {
		var w string
		switch {
		case t.kind == tIdent && t.end-t.pos >= 3 && t.end-t.pos <= 8:
			if w = declWord(s(k)); w == "" {
				continue
			}
			if word(k-1, "export") || word(k-1, "default") && word(k-2, "export") {
				continue
			}
		case t.kind == tPunct && t.end-t.pos == 2: // =>
		default:
			continue
		}
		switch {
		case w == "var" || w == "let" || w == "const":
			kw := w
			if kw == lastDecl && (lastEnd == k-1 || lastEnd == k-2 && punct(k-1, ';')) {
				merged = append(merged, k)
			}
			depth, expect, pattern := 0, true, false
			end := len(toks) - 1
		decl:
			for j := k + 1; j < len(toks); j++ {
				if toks[j].kind == tPunct {
					switch code[toks[j].pos] {
					case '(', '[', '{':
						pattern = pattern || depth == 0 && expect
						depth++
					case ')', ']', '}':
						if depth--; depth < 0 {
							end = j - 1
							break decl
						}
						if depth == 0 {
							pattern = false
						}
					case ',':
						expect = depth == 0
					case ';':
						if depth == 0 {
							end = j
							break decl
						}
					}
					continue
				}
				switch {
				case expect && depth == 0 && ident(j):
					declare(j)
				case pattern && ident(j) && !punct(j-1, '.') && (punct(j+1, ',') || punct(j+1, '}') || punct(j+1, ']') || punct(j+1, '=')):
					declare(j) // const {a, b: c, d = 1} = …
				case depth == 0 && !expect && toks[j].kind == tIdent && statementWord[string(s(j))]:
					end = j - 1 // the next statement (no semicolon)
					break decl
				}
				expect = false
			}
			lastDecl, lastEnd = kw, end
		case w == "function" || w == "class":
			j := k + 1
			if ident(j) {
				declare(j)
				j++
			}
			if w == "function" && punct(j, '(') {
				for p := j + 1; p < len(toks) && !punct(p, ')'); p++ {
					if ident(p) && (punct(p-1, '(') || punct(p-1, ',')) {
						declare(p)
					}
				}
			}
		case w == "": // =>
			if ident(k - 1) {
				declare(k - 1)
			} else if punct(k-1, ')') {
				for p := k - 2; p >= 0 && !punct(p, '('); p-- {
					if ident(p) {
						declare(p)
					}
				}
			}
		case w == "catch" && punct(k+1, '(') && ident(k+2):
			declare(k + 2)
		}
	}
	return declared, merged
}

// declWord returns b when it is a word that declares names (var, let,
// const, function, class, catch), else "": a constant, where string(b)
// would allocate.
func declWord(b []byte) string {
	for _, w := range [...]string{"var", "let", "const", "function", "class", "catch"} {
		if string(b) == w {
			return w
		}
	}
	return ""
}

// nameSet is a set of names: a map, behind a filter of 64 bits (by
// length and first and last byte) that answers most lookups of names not
// in it, keywords and globals, without hashing them.
type nameSet struct {
	m      map[string]bool
	filter uint64
}

func nameBit(b []byte) uint64 {
	return 1 << ((uint(len(b))*7 + uint(b[0])*3 + uint(b[len(b)-1])) & 63)
}

func (s *nameSet) add(b []byte) {
	if !s.m[string(b)] { // (a lookup does not allocate; an insertion does)
		s.m[string(b)] = true
		s.filter |= nameBit(b)
	}
}

func (s *nameSet) has(b []byte) bool {
	return len(b) > 0 && s.filter&nameBit(b) != 0 && s.m[string(b)]
}

// statementWord are the words that start a statement, where a declaration
// ended without a semicolon.
var statementWord = map[string]bool{
	"var": true, "let": true, "const": true, "function": true, "class": true, "return": true, "if": true,
	"for": true, "while": true, "do": true, "switch": true, "try": true, "throw": true, "export": true, "import": true,
}

// numberLen is the length of a numeric literal as the minifier writes it:
// without leading and trailing zeros, 1000 as 1e3. Hexadecimal, binary,
// octal, exponent, BigInt and separated literals are counted as written.
func numberLen(s string) int {
	if len(s) > 1 && s[0] == '0' && strings.ContainsAny(s[1:2], "xXbBoO") || strings.ContainsAny(s, "eEn_") {
		return len(s)
	}
	whole, frac, _ := strings.Cut(s, ".")
	whole, frac = strings.TrimLeft(whole, "0"), strings.TrimRight(frac, "0")
	switch {
	case frac != "":
		return len(whole) + 1 + len(frac)
	case whole == "":
		return 1 // 0
	}
	if zeros := len(whole) - len(strings.TrimRight(whole, "0")); zeros >= 3 {
		return len(whole) - zeros + 1 + len(strconv.Itoa(zeros)) // 1e3
	}
	return len(whole)
}

// isName reports whether b is an ASCII identifier name.
func isName(b []byte) bool {
	if len(b) == 0 || b[0] >= '0' && b[0] <= '9' {
		return false
	}
	for _, c := range b {
		if !isIdent(c) {
			return false
		}
	}
	return true
}
