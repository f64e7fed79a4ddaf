package size

// terserSavings is what terser (compress on, as the compiler runs it)
// saves on the tokens of a script beyond what minLen counts, where it
// always does the same:
//
//   - a function's directive other than "use strict" ('worklet' where
//     the worklet transform did not run) goes (compress's directives);
//   - when arrows reach terser (es6 off: Babel's ES5 pass did not make
//     them functions; arrows set), an arrow whose body is only a return
//     gets that expression for its body, () => { return x } becoming
//     ()=>x (in parentheses for an object literal), a lone parameter
//     loses its parentheses: (t) => t becomes t=>t, and an object
//     literal's method that only returns becomes such an arrow
//     (methodArrowSavings).
func (ts *jsToks) terserSavings(arrows bool) int {
	n := 0
	for k := range ts.t {
		switch {
		case ts.directiveAt(k):
			n += int(ts.t[k].end - ts.t[k].pos)
			if ts.punct(k+1, ';') && !ts.punct(k+2, '}') {
				n++ // its semicolon (minLen drops the one before })
			}
		case arrows && ts.ident(k) && ts.punct(k+1, '(') && (ts.punct(k-1, '{') || ts.punct(k-1, ',')) && !jsKeywords[string(ts.s(k))]:
			n += ts.methodArrowSavings(k)
		case !arrows || !ts.is(k, "=>"):
		default:
			if ts.punct(k-1, ')') && ts.ident(k-2) && ts.punct(k-3, '(') {
				n += 2
			}
			if !ts.punct(k+1, '{') {
				continue
			}
			r := k + 2
			if ts.directiveAt(r) {
				r++
				if ts.punct(r, ';') {
					r++
				}
			}
			if !ts.word(r, "return") || ts.punct(r+1, ';') || ts.punct(r+1, '}') {
				continue
			}
			n += len("{return}")
			if ts.ident(r + 1) {
				n++ // the space after return
			}
			if ts.punct(r+1, '{') {
				n -= len("()")
			}
		}
	}
	return n
}

// methodArrowSavings is what terser saves making the object literal
// method named at k an arrow, when that is shorter: m(a){return x}
// becomes m:a=>x (compress's arrows), which it may when the body is a
// lone return that reads neither this, arguments nor super.
func (ts *jsToks) methodArrowSavings(k int) int {
	r := closing(ts.t, ts.code, k+1)
	if r < 0 || !ts.punct(r+1, '{') || !ts.word(r+2, "return") || ts.punct(r+3, ';') || ts.punct(r+3, '}') {
		return 0
	}
	c := closing(ts.t, ts.code, r+1)
	if c < 0 {
		return 0
	}
	for j := r + 3; j < c; j++ {
		if ts.word(j, "this") || ts.word(j, "arguments") || ts.word(j, "super") || ts.word(j, "return") {
			return 0
		}
	}
	n := len("{return}") - len(":=>")
	if ts.ident(r + 3) {
		n++ // the space after return
	}
	if ts.punct(r+3, '{') {
		n -= len("()")
	}
	if r == k+3 && ts.ident(k+2) {
		n += len("()") // a lone parameter
	}
	return n
}

// directiveAt reports whether token k is a directive terser removes: a
// string other than "use strict" first in a function's body, standing
// alone as its statement.
func (ts *jsToks) directiveAt(k int) bool {
	if k < 2 || k >= len(ts.t) || ts.t[k].kind != tValue || !ts.punct(k-1, '{') || !(ts.punct(k-2, ')') || ts.is(k-2, "=>")) {
		return false
	}
	s := ts.s(k)
	if len(s) < 2 || s[0] != '\'' && s[0] != '"' || string(s[1:len(s)-1]) == "use strict" {
		return false
	}
	if k+1 == len(ts.t) {
		return true
	}
	if ts.punct(k+1, ';') || ts.punct(k+1, '}') {
		return true
	}
	// Without a semicolon: the next token starts a statement of its own.
	return ts.t[k+1].kind == tIdent && !ts.word(k+1, "in") && !ts.word(k+1, "instanceof")
}

// constSavings is what terser (reduce_vars, unused) saves on the consts
// of a script whose consts reach it (es6 off: Babel made them vars
// otherwise, which the fitted costs of Babel's output take in): a const
// bound to a literal is written in its place wherever that is shorter
// than keeping it (used once, or a short number used a few times), and
// dropped with its declaration (the keyword too when none is left); a
// function bound to a const and called or passed once goes in its place. Names declared twice in the file
// (which scopes would tell apart) are left alone.
func (ts *jsToks) constSavings() int {
	toks := ts.t
	found := false
	for k := range toks {
		if ts.word(k, "const") && !ts.word(k-1, "export") {
			found = true
			break
		}
	}
	if !found {
		return 0
	}
	refs := map[string]int{}
	decls := map[string]int{}
	for k, t := range toks {
		if t.kind != tIdent || ts.punct(k-1, '.') || ts.punct(k+1, ':') && (ts.punct(k-1, '{') || ts.punct(k-1, ',')) {
			continue
		}
		refs[string(ts.s(k))]++
		if ts.word(k-1, "const") || ts.word(k-1, "let") || ts.word(k-1, "var") || ts.punct(k-1, ',') && ts.punct(k+1, '=') {
			decls[string(ts.s(k))]++
		}
	}
	_, merged := ts.declaredNames()
	isMerged := map[int]bool{}
	for _, m := range merged {
		isMerged[m] = true
	}
	n := 0
	for k := range toks {
		if !ts.word(k, "const") || ts.word(k-1, "export") {
			continue
		}
		kept, end := 0, k
		for j := k + 1; j < len(toks); {
			if !ts.ident(j) || !ts.punct(j+1, '=') {
				kept++
				break
			}
			name := string(ts.s(j))
			// the initializer: to the next ',' at its depth, or the end
			depth := 0
			end = j + 2
			for ; end < len(toks); end++ {
				if toks[end].kind == tPunct {
					c := ts.code[toks[end].pos]
					switch {
					case c == '(' || c == '[' || c == '{':
						depth++
						continue
					case c == ')' || c == ']' || c == '}':
						depth--
					}
					if depth < 0 || depth == 0 && (c == ',' || c == ';') {
						break
					}
					continue
				}
				if depth == 0 && end > j+2 && ts.t[end].kind == tIdent && statementWord[string(ts.s(end))] {
					break
				}
			}
			uses := refs[name] - 1
			saved := 0
			switch init := j + 2; {
			case decls[name] != 1:
			case end == init+1 && ts.literal(init) > 0:
				l := ts.literal(init)
				if after, before := uses*l, 3+l+uses; after < before {
					saved = before - after
				}
			case uses == 1 && (ts.word(init, "function") || ts.arrowAt(init)):
				saved = 4
			}
			if saved == 0 {
				kept++
			}
			n += saved
			if !ts.punct(end, ',') {
				break
			}
			j = end + 1
		}
		// A declaration left empty goes, and its keyword with it, unless
		// minLen counted it merged into the one before, or merged the
		// next into it.
		next := end
		if ts.punct(next, ';') {
			next++
		}
		if kept == 0 && !isMerged[k] && !isMerged[next] {
			n += len("const ")
		}
	}
	return n
}

// literal is the length minLen counts for token k when it is a number, a
// string or true or false, else 0.
func (ts *jsToks) literal(k int) int {
	b := ts.s(k)
	switch {
	case ts.word(k, "true") || ts.word(k, "false"):
		return 2
	case ts.t[k].kind != tValue:
		return 0
	case b[0] >= '0' && b[0] <= '9' || b[0] == '.':
		return numberLen(string(b))
	case b[0] == '"' || b[0] == '\'':
		return len(b)
	}
	return 0
}

// arrowAt reports whether an arrow function starts at token k: x => or
// (…) =>.
func (ts *jsToks) arrowAt(k int) bool {
	if ts.ident(k) && ts.is(k+1, "=>") || ts.word(k, "async") && ts.arrowAt(k+1) {
		return true
	}
	if !ts.punct(k, '(') {
		return false
	}
	r := closing(ts.t, ts.code, k)
	return r > 0 && ts.is(r+1, "=>")
}

// hoistSavings is what terser (hoist_props, then reduce_vars) saves on an
// object of literals bound to a name that is only ever read a property
// of (an enumeration: const Route = {Zoom: 'wx://zoom', …}, then
// Route.Zoom): each property becomes a variable of its own, written in
// place where used once, dropped where never used, kept (one letter
// wherever used) otherwise, and the object goes.
func (ts *jsToks) hoistSavings() int {
	toks := ts.t
	candidate := func(k int) bool {
		return (ts.word(k, "const") || ts.word(k, "let") || ts.word(k, "var")) && !ts.word(k-1, "export") &&
			ts.ident(k+1) && ts.punct(k+2, '=') && ts.punct(k+3, '{')
	}
	// The uses of the candidates' names, in one pass.
	uses := map[string][]int{}
	for k := range toks {
		if candidate(k) {
			uses[string(ts.s(k+1))] = nil
		}
	}
	if len(uses) == 0 {
		return 0
	}
	for u := range toks {
		if ts.ident(u) && !ts.punct(u-1, '.') {
			if l, ok := uses[string(ts.s(u))]; ok {
				uses[string(ts.s(u))] = append(l, u)
			}
		}
	}
	n := 0
	for k := range toks {
		if !candidate(k) {
			continue
		}
		name := ts.s(k + 1)
		// the properties: key: literal, …
		type prop struct{ key, val, uses int }
		var props []prop
		j := k + 4
		for ; j+2 < len(toks) && !ts.punct(j, '}'); j += 4 {
			key := 0
			switch {
			case ts.ident(j):
				key = int(toks[j].end - toks[j].pos)
			case ts.quotedName(j):
				key = len(ts.s(j)) - 2
			}
			val := 0
			if ts.punct(j+1, ':') {
				val = ts.literal(j + 2)
			}
			if key == 0 || val == 0 || !ts.punct(j+3, ',') && !ts.punct(j+3, '}') {
				props = nil
				break
			}
			props = append(props, prop{key: key, val: val})
			if ts.punct(j+3, '}') {
				j += 3
				break
			}
		}
		if len(props) == 0 || !ts.punct(j, '}') {
			continue
		}
		// every other use of the name reads a known property
		ok := true
		for _, u := range uses[string(name)] {
			if u == k+1 {
				continue
			}
			if !ts.punct(u+1, '.') || !ts.ident(u+2) || ts.punct(u+3, '=') && !ts.punct(u+4, '=') || ts.punct(u+3, '(') || ts.punct(u+3, '+') || ts.punct(u+3, '-') {
				ok = false
				break
			}
			key := ts.s(u + 2)
			found := false
			for p, q := k+4, 0; q < len(props); p, q = p+4, q+1 {
				kb := ts.s(p)
				if kb[0] == '"' || kb[0] == '\'' {
					kb = kb[1 : len(kb)-1]
				}
				if string(kb) == string(key) {
					props[q].uses++
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		before := len("const N={};") - 1 // (no comma after the last property)
		after, kept := 0, false
		for _, p := range props {
			before += p.key + 1 + p.val + 1 + p.uses*(2+p.key)
			switch {
			case p.uses == 1:
				after += p.val
			case p.uses > 1:
				after += 3 + p.val + p.uses
				kept = true
			}
		}
		if kept {
			after += len("const;")
		}
		if before > after {
			n += before - after
		}
	}
	return n
}

// quotedName reports whether token k is a string holding a name.
func (ts *jsToks) quotedName(k int) bool {
	if ts.t[k].kind != tValue {
		return false
	}
	b := ts.s(k)
	return len(b) > 2 && (b[0] == '"' || b[0] == '\'') && b[len(b)-1] == b[0] && isName(b[1:len(b)-1])
}
