package size

import (
	"bytes"
	"sort"
	"strings"
	"sync"
)

// Runtime helpers: with es6 on, Babel (preset-env for ES5 with
// transform-runtime) and swc (target es5, externalHelpers) write a
// require() of a helper for what ES5 lacks (a class, an async function, a
// spread, ...), and the compiler copies every helper its files require,
// with the helpers those require, into the package: the main package for
// itself and every ordinary subpackage, each independent subpackage for
// its own scripts (miniprogram-ci 2.1.42's appendHelpers, under
// @babel/runtime/helpers/ or @swc/runtime/). Which a file needs is read from
// its code (needsOf): what the compiler emits is exactly what the code
// needs, so a package of scripts that use no class, no async function and
// no spread gets no helper at all. With es6 off Babel adds none (it does
// not run on .js files, and inlines its module helpers into the
// TypeScript ones), while swc, targeting ES2022, still requires its
// module-interop helpers.

// runtimeHelper is a helper file: its size and the helpers it requires.
type runtimeHelper struct {
	size int
	deps []string
}

// needs is the set of constructs of a script for which the compiler
// requires a runtime helper.
type needs uint64

const (
	needClass           needs = 1 << iota // class: classCallCheck
	needClassMethods                      // a class with methods (not only a constructor): createClass
	needExtends                           // class … extends: inherits, createSuper
	needNativeSuper                       // extends Error, Array, Map, …: wrapNativeSuper
	needSuperProp                         // super.x: get
	needClassFields                       // class fields: swc's defineProperty (Babel's loose mode assigns)
	needAsync                             // async functions: asyncToGenerator and regenerator
	needGenerator                         // function*: regenerator
	needTypeof                            // typeof not compared with a string other than "object" or "symbol"
	needSpreadArray                       // [...x], f(...x): toConsumableArray
	needSpreadObject                      // {...x}: objectSpread2
	needSpreadThenProps                   // {...x, a}: swc's objectSpreadProps
	needRestObject                        // const {a, ...r} = x: objectWithoutProperties
	needRestArray                         // const [a, ...r] = x: toArray
	needArrayPattern                      // const [a, b] = x: slicedToArray
	needForOf                             // for (… of …): createForOfIteratorHelper
	needComputedKey                       // {[k]: v}: defineProperty
	needTagged                            // tag`…`: taggedTemplateLiteral
	needImportDefault                     // import x from, export {default} from: interopRequireDefault
	needImportWildcard                    // import * as x, import x, {y} from: interopRequireWildcard
	needExportStar                        // export * from: swc's exportStar
	needIncludes                          // x.includes, [].includes: Babel's Arrayincludes
	needObjectValues                      // Object.values: Objectvalues
	needObjectEntries                     // Object.entries: Objectentries
	needInstanceof                        // instanceof: swc's instanceof
	needForAwait                          // for await: asyncIterator
	needsCount          = iota
)

// The helpers each construct makes Babel and swc require (their own
// requires follow from the runtime tables).
var (
	babelHelpersOf = [needsCount][]string{
		{"classCallCheck", "createClass"}, {"createClass"}, {"inherits", "createSuper"}, {"wrapNativeSuper"}, {"get"}, nil,
		{"asyncToGenerator", "regeneratorRuntime"}, {"regeneratorRuntime"}, {"typeof"},
		{"toConsumableArray"}, {"objectSpread2"}, nil, {"objectWithoutProperties"}, {"toArray"}, {"slicedToArray"},
		{"createForOfIteratorHelper"}, {"defineProperty"}, {"taggedTemplateLiteral"},
		{"interopRequireDefault"}, {"interopRequireWildcard"}, nil,
		{"Arrayincludes"}, {"Objectvalues"}, {"Objectentries"}, nil, {"asyncIterator"},
	}
	swcHelpersOf = [needsCount][]string{
		{"_class_call_check"}, {"_create_class"}, {"_inherits", "_create_super"}, {"_wrap_native_super"}, {"_get", "_get_prototype_of"}, {"_define_property"},
		{"_async_to_generator", "_ts_generator"}, {"_ts_generator"}, {"_type_of"},
		{"_to_consumable_array"}, {"_object_spread"}, {"_object_spread_props"}, {"_object_without_properties"}, {"_to_array"}, {"_sliced_to_array"},
		nil, {"_define_property"}, {"_tagged_template_literal"},
		{"_interop_require_default"}, {"_interop_require_wildcard"}, {"_export_star"},
		nil, nil, nil, {"_instanceof"}, {"_async_iterator"},
	}
)

// moduleNeeds are the constructs for which swc requires a helper when it
// targets ES2022 (es6 off): module interop only.
const moduleNeeds = needImportDefault | needImportWildcard | needExportStar

// helperBytes returns the bytes of the helper files the compiler copies
// into a package whose scripts need n, with settings s.
func helperBytes(n needs, s Settings) int64 {
	total := int64(0)
	for _, h := range helpersFor(n, s) {
		total += int64(h.size)
	}
	return total
}

// namedHelper is a helper file the compiler copies.
type namedHelper struct {
	name string
	size int
}

// helpersFor returns the helper files copied into a package whose scripts
// need n, by name.
func helpersFor(n needs, s Settings) []namedHelper {
	table, of := babelRuntime, &babelHelpersOf
	switch {
	case s.SWC:
		table, of = swcRuntime, &swcHelpersOf
		if !s.ES6 {
			n &= moduleNeeds
		}
	case !s.ES6:
		return nil
	}
	seen := map[string]bool{}
	var out []namedHelper
	var add func(string)
	add = func(name string) {
		h, ok := table[name]
		if seen[name] || !ok {
			return
		}
		seen[name] = true
		out = append(out, namedHelper{name, h.size})
		for _, d := range h.deps {
			add(d)
		}
	}
	for i := range needsCount {
		if n&(1<<i) != 0 {
			for _, name := range of[i] {
				add(name)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// maxHelperBytes bounds helperBytes: every helper a construct can bring.
func maxHelperBytes(s Settings) int64 { return helperBytes(1<<needsCount-1, s) }

// exprKeywords are words besides jsKeywords after which an expression
// starts (a template there is not tagged).
var exprKeywords = map[string]bool{"default": true, "yield": true, "await": true, "extends": true, "export": true, "const": true, "let": true, "var": true}

// nativeClasses are the built-in classes whose subclasses Babel and swc
// wrap (wrapNativeSuper).
var nativeClasses = map[string]bool{
	"Error": true, "TypeError": true, "RangeError": true, "SyntaxError": true, "ReferenceError": true,
	"Array": true, "Map": true, "Set": true, "WeakMap": true, "WeakSet": true, "Promise": true,
	"RegExp": true, "Function": true, "Date": true, "Number": true, "String": true, "Boolean": true,
	"HTMLElement": true, "EventTarget": true,
}

// needsOf returns the constructs of a script (its tokens) that make the
// compiler require runtime helpers. It reads the tokens as the compiler's
// parser would the code, closely enough: brackets are matched, a '[' or
// '{' is a pattern when it is declared (const, let, var, parameters) or
// assigned to, an object literal when an expression is expected.
func (ts *jsToks) needsOf(typescript bool) needs {
	toks := ts.t
	n := len(toks)
	if n == 0 {
		return 0
	}
	// match[k] is the index of the bracket matching bracket k (-1 if none).
	match := make([]int32, n)
	var stack []int32
	for k := range toks {
		match[k] = -1
		if toks[k].kind != tPunct {
			continue
		}
		switch ts.code[toks[k].pos] {
		case '(', '[', '{':
			stack = append(stack, int32(k))
		case ')', ']', '}':
			if len(stack) > 0 {
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				match[o], match[k] = int32(k), o
			}
		}
	}
	is, punct, word := ts.is, ts.punct, ts.word
	after := func(k int) int { // the token after the bracket opened at k
		if m := match[k]; m >= 0 {
			return int(m) + 1
		}
		return n
	}
	// assign reports whether token k is a single '=' (not ==, =>, >=, ...).
	assign := func(k int) bool {
		return punct(k, '=') && !punct(k+1, '=') && (k == 0 || !ts.adjacentPunct(k-1, k))
	}
	// params reports whether the '(' at k opens a parameter list.
	params := func(k int) bool {
		a := after(k)
		if is(a, "=>") {
			return true
		}
		if !punct(a, '{') {
			return false
		}
		switch {
		case word(k-1, "if"), word(k-1, "for"), word(k-1, "while"), word(k-1, "switch"), word(k-1, "with"):
			return false
		}
		return true
	}
	// declared reports whether the '[' or '{' at k is a binding pattern.
	var enclosing []int // open brackets around the token being read
	inParams := func(self int) bool {
		for i := len(enclosing) - 1; i >= 0; i-- {
			o := enclosing[i]
			if o == self {
				continue
			}
			if punct(o, '(') {
				return params(o)
			}
			if punct(o, '{') {
				return false
			}
		}
		return false
	}
	pattern := func(k int) bool {
		if word(k-1, "const") || word(k-1, "let") || word(k-1, "var") || assign(after(k)) {
			return true
		}
		if punct(k-1, '(') || punct(k-1, ',') {
			return inParams(k)
		}
		return false
	}
	// literal reports whether the '{' at k opens an object literal (an
	// expression is expected there), not a block or a class body.
	literal := func(k int) bool {
		if k == 0 {
			return false
		}
		p := toks[k-1]
		if p.kind == tPunct {
			switch ts.code[p.pos] {
			case '=', '(', ',', ':', '[', '?', '|', '&', '!', '+', '-', '*', '/', '%', '<', '>', '~', '^':
				return !is(k-1, "=>")
			}
			return false
		}
		switch string(ts.s(k - 1)) {
		case "return", "typeof", "in", "of", "void", "yield", "await", "case", "delete":
			return true
		}
		return false
	}
	// restParams are names bound to arrays for good (rest parameters,
	// constants initialized with an array): Babel spreads them without a
	// helper.
	restParams := map[string]bool{}
	var c needs
	for k := 0; k < n; k++ {
		t := toks[k]
		switch t.kind {
		case tValue:
			if ts.code[t.pos] == '`' && k > 0 && (punct(k-1, ')') || punct(k-1, ']') ||
				ts.ident(k-1) && !jsKeywords[string(ts.s(k-1))] && !exprKeywords[string(ts.s(k-1))]) {
				c |= needTagged
			}
			continue
		case tPunct:
			switch ts.code[t.pos] {
			case '(', '[', '{':
				enclosing = append(enclosing, k)
				ch := ts.code[t.pos]
				switch {
				case ch == '[' && ts.arrayLiteralAt(k):
					// An array literal or pattern (not a member access).
					if pattern(k) {
						rest := ts.anyDirect(match, k, ts.spread)
						switch {
						case rest:
							c |= needRestArray
						case assign(after(k)) && punct(after(k)+1, '['):
							// [a, b] = [b, a]: unpacked without a helper.
						default:
							c |= needArrayPattern
						}
					} else if (punct(k-1, '{') || punct(k-1, ',')) && len(enclosing) > 1 && literal(enclosing[len(enclosing)-2]) &&
						(punct(after(k), ':') || punct(after(k), '(')) {
						c |= needComputedKey
					}
				case ch == '{' && pattern(k):
					if ts.anyDirect(match, k, ts.spread) {
						c |= needRestObject
					}
				case ch == '{' && literal(k) && ts.duplicateKeys(match, k):
					// Babel makes the later ones computed: defineProperty.
					c |= needComputedKey
				}
			case ')', ']', '}':
				if len(enclosing) > 0 {
					enclosing = enclosing[:len(enclosing)-1]
				}
			case '.':
				if !ts.spread(k) || len(enclosing) == 0 {
					continue
				}
				o := enclosing[len(enclosing)-1]
				arg := k + 3
				switch ts.code[toks[o].pos] {
				case '(':
					if params(o) {
						if ts.ident(arg) {
							restParams[string(ts.s(arg))] = true
						}
					} else if !(ts.ident(arg) && (word(arg, "arguments") || restParams[string(ts.s(arg))]) && (punct(arg+1, ')') || punct(arg+1, ','))) {
						c |= needSpreadArray
					}
				case '[':
					if !pattern(o) && !(word(arg, "arguments") || restParams[string(ts.s(arg))]) {
						c |= needSpreadArray
					}
				case '{':
					if !pattern(o) {
						c |= needSpreadObject
						// swc spreads into _objectSpreadProps when properties follow.
						if ts.anyDirect(match, o, func(j int) bool {
							return j > k && punct(j, ',') && !punct(j+1, '}') && !ts.spread(j+1)
						}) {
							c |= needSpreadThenProps
						}
					}
				}
				k += 2
			case '#':
				// private names: rare, and their helpers small; not counted
			}
			continue
		}
		// words
		switch string(ts.s(k)) {
		case "const", "let", "var":
			if ts.ident(k+1) && assign(k+2) && (punct(k+3, '[') || word(k+3, "new") && word(k+4, "Array")) {
				restParams[string(ts.s(k+1))] = true
			}
		case "class":
			if punct(k-1, '.') || punct(k+1, ':') || punct(k-1, '{') && punct(k+1, '}') {
				continue
			}
			// Babel calls createClass for every class (it makes the
			// prototype read-only); swc only for a class with methods.
			c |= needClass | ts.classNeeds(k, match)
		case "async":
			if !is(k+1, "=") && !is(k+1, ":") && !is(k+1, ",") && !is(k+1, ")") && !is(k+1, ".") && !is(k+1, ";") && !punct(k-1, '.') {
				c |= needAsync
			}
		case "function":
			if punct(k+1, '*') {
				c |= needGenerator
			}
		case "typeof":
			if !ts.typeofCompared(k, match) {
				c |= needTypeof
			}
		case "for":
			if word(k+1, "await") {
				c |= needForAwait
			}
			if punct(k+1, '(') || word(k+1, "await") && punct(k+2, '(') {
				o := k + 1
				if word(k+1, "await") {
					o++
				}
				if ts.anyDirect(match, o, func(j int) bool { return word(j, "of") }) {
					c |= needForOf
				}
			}
		case "instanceof":
			c |= needInstanceof
		case "includes":
			// x.includes (or x?.includes: optional chaining leaves a
			// temporary variable's member) where x is a name or an array.
			if punct(k-1, '.') && punct(k-2, '?') && ts.adjacentPunct(k-2, k-1) {
				c |= needIncludes
			} else if punct(k-1, '.') && k >= 2 && (ts.ident(k-2) && !punct(k-3, '.') && !word(k-2, "this") && !word(k-2, "super") ||
				punct(k-2, ']') && match[k-2] >= 0 && ts.arrayLiteralAt(int(match[k-2])) ||
				word(k-2, "prototype") && word(k-4, "Array") && punct(k-3, '.')) {
				c |= needIncludes
			}
		case "values", "entries":
			if punct(k-1, '.') && word(k-2, "Object") && !punct(k-3, '.') {
				if string(ts.s(k)) == "values" {
					c |= needObjectValues
				} else {
					c |= needObjectEntries
				}
			}
		case "import":
			// (A reserved word: an import declaration unless import() or
			// import.meta.)
			if is(k+1, "(") || is(k+1, ".") || punct(k-1, '.') {
				continue
			}
			c |= ts.importNeeds(k, match, typescript)
		case "export":
			if punct(k-1, '.') {
				continue
			}
			switch {
			case punct(k+1, '*') && word(k+2, "as"):
				c |= needImportWildcard
			case punct(k+1, '*'):
				c |= needExportStar
			case punct(k+1, '{') && word(after(k+1), "from"):
				c |= ts.importNeeds(k, match, false)
			}
		}
	}
	return c
}

// duplicateKeys reports whether the object literal opened at o has a key
// twice (name: v, name(){}, name, or "name": v).
func (ts *jsToks) duplicateKeys(match []int32, o int) bool {
	var keys map[string]bool
	dup := false
	ts.anyDirect(match, o, func(j int) bool {
		if !(ts.punct(j-1, '{') && j-1 == o || ts.punct(j-1, ',')) {
			return false
		}
		if ts.word(j, "async") || ts.word(j, "get") || ts.word(j, "set") || ts.punct(j, '*') {
			if ts.ident(j+1) || ts.t[j+1].kind == tValue {
				j++
			}
		}
		if j >= len(ts.t) || ts.t[j].kind == tPunct || !(ts.punct(j+1, ':') || ts.punct(j+1, '(') || ts.punct(j+1, ',') || ts.punct(j+1, '}')) {
			return false
		}
		key := ts.s(j)
		if ts.t[j].kind == tValue && len(key) >= 2 && (key[0] == '"' || key[0] == '\'') {
			key = key[1 : len(key)-1]
		}
		if keys == nil {
			keys = map[string]bool{}
		}
		if keys[string(key)] {
			dup = true
			return true
		}
		keys[string(key)] = true
		return false
	})
	return dup
}

// spread reports whether tokens k, k+1 and k+2 are "..." written
// together.
func (ts *jsToks) spread(k int) bool {
	return ts.punct(k, '.') && ts.punct(k+1, '.') && ts.punct(k+2, '.') &&
		ts.t[k+1].pos == ts.t[k].pos+1 && ts.t[k+2].pos == ts.t[k].pos+2
}

// adjacentPunct reports whether tokens i and j (= i+1) are operator
// characters written together (one operator, as == or >=).
func (ts *jsToks) adjacentPunct(i, j int) bool {
	if i < 0 || j >= len(ts.t) || ts.t[i].kind != tPunct || ts.t[j].kind != tPunct || ts.t[i].end != ts.t[j].pos {
		return false
	}
	return bytes.IndexByte([]byte("=!<>+-*/%&|^?"), ts.code[ts.t[i].pos]) >= 0
}

// anyDirect reports whether f holds for a token directly inside the
// bracket opened at o (not in a bracket nested in it; a nested bracket's
// opening token is asked).
func (ts *jsToks) anyDirect(match []int32, o int, f func(j int) bool) bool {
	end := int(match[o])
	if end < 0 {
		end = len(ts.t)
	}
	for j := o + 1; j < end; j++ {
		if f(j) {
			return true
		}
		if m := match[j]; m > int32(j) {
			j = int(m)
		}
	}
	return false
}

// arrayLiteralAt reports whether the '[' at k opens an array literal.
func (ts *jsToks) arrayLiteralAt(k int) bool {
	if k == 0 {
		return true
	}
	p := ts.t[k-1]
	if p.kind == tValue {
		return false
	}
	if p.kind == tIdent {
		w := string(ts.s(k - 1))
		return jsKeywords[w] || w == "const" || w == "let" || w == "var" || w == "yield" || w == "await"
	}
	c := ts.code[p.pos]
	return c != ')' && c != ']'
}

// typeofCompared reports whether the typeof at k is compared (==, ===,
// !=, !==) with a string other than "object" and "symbol": then Babel and
// swc leave it alone.
func (ts *jsToks) typeofCompared(k int, match []int32) bool {
	str := func(j int) bool {
		if j < 0 || j >= len(ts.t) || ts.t[j].kind != tValue {
			return false
		}
		s := ts.s(j)
		if len(s) < 2 || s[0] != '"' && s[0] != '\'' {
			return false
		}
		v := string(s[1 : len(s)-1])
		return v != "object" && v != "symbol"
	}
	// After the operand.
	j := k + 1
	switch {
	case ts.punct(j, '('):
		if match[j] < 0 {
			return false
		}
		j = int(match[j]) + 1
	case j < len(ts.t) && ts.t[j].kind != tPunct:
		j++
	default:
		return false
	}
	for j < len(ts.t) {
		switch {
		case ts.punct(j, '.') && ts.ident(j+1):
			j += 2
		case ts.punct(j, '?') && ts.punct(j+1, '.') && ts.ident(j+2):
			j += 3
		case (ts.punct(j, '[') || ts.punct(j, '(')) && match[j] > int32(j):
			j = int(match[j]) + 1
		default:
			goto op
		}
	}
op:
	if cmp := ts.equality(j); cmp > 0 && str(j+cmp) {
		return true
	}
	// Before: "string" === typeof x.
	for w := 2; w <= 3; w++ {
		if i := k - w; i >= 1 && ts.equality(i) == w && str(i-1) {
			return true
		}
	}
	return false
}

// equality returns the number of tokens of the ==, ===, != or !== at j,
// or 0.
func (ts *jsToks) equality(j int) int {
	if !ts.punct(j, '=') && !ts.punct(j, '!') || !ts.punct(j+1, '=') || !ts.adjacentPunct(j, j+1) {
		return 0
	}
	if ts.punct(j+2, '=') && ts.adjacentPunct(j+1, j+2) {
		return 3
	}
	return 2
}

// classNeeds reads the class whose keyword is at k: extends, methods,
// fields, super.x.
func (ts *jsToks) classNeeds(k int, match []int32) needs {
	var c needs
	j := k + 1
	if ts.ident(j) && !ts.word(j, "extends") {
		j++
	}
	if ts.word(j, "extends") {
		c |= needExtends
		if ts.ident(j+1) && nativeClasses[string(ts.s(j+1))] && !ts.punct(j+2, '.') {
			c |= needNativeSuper
		}
		// Skip the superclass expression to the body.
		for j++; j < len(ts.t) && !ts.punct(j, '{'); j++ {
			if m := match[j]; m > int32(j) && !ts.punct(j, '{') {
				j = int(m)
			}
		}
	}
	if !ts.punct(j, '{') || match[j] < 0 {
		return c
	}
	body, end := j, int(match[j])
	for i := body + 1; i < end; i++ {
		if ts.word(i, "super") && (ts.punct(i+1, '.') || ts.punct(i+1, '[')) {
			c |= needSuperProp
		}
	}
	ts.anyDirect(match, body, func(i int) bool {
		switch {
		case ts.punct(i, '(') && match[i] > int32(i) && ts.punct(int(match[i])+1, '{'):
			if !ts.word(i-1, "constructor") {
				c |= needClassMethods
			}
		case ts.punct(i, '=') && !ts.adjacentPunct(i, i+1) && (ts.ident(i-1) || ts.punct(i-1, ']')):
			c |= needClassFields
		case ts.punct(i, ';') && ts.ident(i-1):
			c |= needClassFields
		}
		return false
	})
	return c
}

// importNeeds reads the import declaration (or export … from) at k: a
// default import needs interopRequireDefault, a namespace import or a
// default and named ones from the same module interopRequireWildcard. In
// TypeScript (typescript set), bindings the code never uses are imported
// for their types, and the compiler drops them.
func (ts *jsToks) importNeeds(k int, match []int32, typescript bool) needs {
	var def, named, ns bool
	j := k + 1
	if ts.word(j, "type") && !ts.word(j+1, "from") && !ts.punct(j+1, ',') {
		return 0 // import type (TypeScript)
	}
	used := func(name int) bool { return !typescript || ts.usedElsewhere(name, k) }
	if ts.ident(j) && !ts.word(j, "from") {
		def = used(j)
		j++
		if ts.punct(j, ',') {
			j++
		}
	}
	switch {
	case ts.punct(j, '*'):
		ns = used(j + 2)
	case ts.punct(j, '{'):
		end := int(match[j])
		if end < 0 {
			end = len(ts.t)
		}
		for j++; j < end; j++ {
			if !ts.ident(j) || ts.word(j, "as") || ts.word(j, "type") || ts.punct(j-1, '.') {
				continue
			}
			// The binding: "a", "b" of "a as b", "x" of "default as x".
			bind := j
			if ts.word(j+1, "as") {
				bind = j + 2
			}
			isDefault := ts.word(j, "default")
			if !used(bind) {
				j = bind
				continue
			}
			if isDefault {
				def = true
			} else {
				named = true
			}
			j = bind
		}
	}
	switch {
	case ns, def && named:
		return needImportWildcard
	case def:
		return needImportDefault
	}
	return 0
}

// usedElsewhere reports whether the identifier at token b appears as a
// name (not a property) outside the statement that starts at token k.
func (ts *jsToks) usedElsewhere(b, k int) bool {
	if !ts.ident(b) {
		return false
	}
	name := ts.s(b)
	end := b
	for end < len(ts.t) && !ts.punct(end, ';') && !(ts.t[end].kind == tValue && end > k) {
		end++
	}
	for j, t := range ts.t {
		if j >= k && j <= end || t.kind != tIdent || t.end-t.pos != int32(len(name)) || ts.punct(j-1, '.') && !ts.spread(j-3) {
			continue
		}
		if bytes.Equal(ts.s(j), name) && !ts.punct(j+1, ':') {
			return true
		}
	}
	return false
}

// scriptNeeds returns needsOf of a script's code (from TypeScript when
// typescript is set).
func scriptNeeds(code []byte, typescript bool) needs {
	if len(code) == 0 {
		return 0
	}
	return withTokens(code, func(ts *jsToks, _ int) needs { return ts.needsOf(typescript) })
}

// helperFiles returns the helper files copied into the package rooted at
// root ("" for the main package) whose scripts need n.
func helperFiles(root string, n needs, s Settings) []Helper {
	dir := "@babel/runtime/helpers/"
	if s.SWC {
		dir = "@swc/runtime/"
	}
	if root != "" {
		dir = root + "/" + dir
	}
	var out []Helper
	for _, h := range helpersFor(n, s) {
		out = append(out, Helper{Name: h.name, Path: dir + h.name + ".js", Bytes: int64(h.size)})
	}
	return out
}

// scriptNeeds returns scriptNeedsOf, from the cache when it holds it (as
// two entries of needsBits bits). The second part is not worked out again
// when the first was: the needs found are kept, for this call only, by the
// address of src.
func (c *cache) scriptNeeds(compiled string, src []byte, s Settings, v scriptVerdict) needs {
	if len(src) == 0 {
		return 0
	}
	key := &src[0]
	defer needsMemo.Delete(key)
	lo := c.built(kindNeeds0, compiled, src, s, v)
	hi := c.built(kindNeeds1, compiled, src, s, v)
	return needs(lo) | needs(hi)<<needsBits
}

// needsMemo holds, during a scriptNeeds call, the needs of its source.
var needsMemo sync.Map // *byte → needs

// requireBytes is what a script's requires of its helpers take once built:
// x=require("<up to the root><package root>/@babel/runtime/helpers/<name>"),
// one each, the path from the script's folder (the compiler writes "../"
// for each folder of the script's mini program path) to the helper copied
// into home (the root of the package that holds the helpers: "" for the
// main package). Babel reads interopRequireDefault's .default, swc every
// helper's ._.
func requireBytes(mp, home string, n needs, s Settings) int64 {
	names := directHelpers(n&(1<<needsCount-1), s)
	if len(names) == 0 {
		return 0
	}
	dir := "@babel/runtime/helpers/"
	if s.SWC {
		dir = "@swc/runtime/"
	}
	if home != "" {
		dir = home + "/" + dir
	}
	up := 3 * strings.Count(mp, "/")
	var b int64
	for _, name := range names {
		if s.Minify {
			b += int64(len(`,x=require("")`) + up + len(dir) + len(name))
		} else {
			// var _name = require("…");
			b += int64(len("var _ = require(\"\");\n") + len(name) + up + len(dir) + len(name))
		}
		switch {
		case s.SWC:
			b += int64(len("._"))
		case name == "interopRequireDefault":
			b += int64(len(".default"))
		}
	}
	return b
}

// directHelpers returns the helpers a script needing n requires itself
// (not those they require), each once.
func directHelpers(n needs, s Settings) []string {
	of := &babelHelpersOf
	switch {
	case s.SWC:
		of = &swcHelpersOf
		if !s.ES6 {
			n &= moduleNeeds
		}
	case !s.ES6:
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for i := range needsCount {
		if n&(1<<i) != 0 {
			for _, h := range of[i] {
				if !seen[h] {
					seen[h] = true
					out = append(out, h)
				}
			}
		}
	}
	return out
}
