package size

import "bytes"

// babelLayoutLen estimates the length of a script as Babel's printer
// prints it again, not minified (compact off), before its transforms
// (which babelCost counts): the same tokens and comments, laid out as
// @babel/generator lays them out whatever the source's layout:
//
//   - every statement on its own line, ended by a semicolon (a source
//     that leaves them to ASI gains one a statement), no blank lines;
//   - the bodies of blocks, classes and object literals one level (two
//     spaces) deeper, a case's statements one level below their case;
//   - an object literal one property a line, "{" and "}" on their own
//     when it has any, its trailing comma gone; "{}" when empty;
//   - everything between parentheses and brackets (arguments, array
//     elements) on the line it starts on, but the bodies and objects in
//     them, its trailing comma gone;
//   - a directive ('worklet', 'use strict') followed by a blank line.
//
// A source's own spacing within a line is kept (formatted code spaces as
// Babel does); where Babel joins two lines it writes one space or none.
// Comments are kept, on their own line when they were.
func babelLayoutLen(src []byte) int {
	return withTokens(src, func(ts *jsToks, _ int) int { return ts.babelLayoutLen() })
}

// layoutCtx is an open bracket of babelLayoutLen: its kind, '{' for a
// block (or class body), 'o' for an object literal, '(' or '['; for a
// block, the first token of its current statement (for a '(' of a
// control statement, its keyword); whether it is a switch's or a class's
// body.
type layoutCtx struct {
	kind          byte
	stmt          int
	swtch, class  bool
	ctrl, pattern bool // '(' of if/for/while/with/switch/catch; '{' of a declaration's pattern
}

func (ts *jsToks) babelLayoutLen() int {
	toks, src := ts.t, ts.code
	if len(toks) == 0 {
		return commentsLen(src, 0)
	}
	stack := []layoutCtx{{kind: '{', stmt: 0}}
	top := func() *layoutCtx { return &stack[len(stack)-1] }
	level := 0 // the blocks and objects open
	wordAt := func(k int) string {
		if ts.ident(k) {
			return string(ts.s(k))
		}
		return ""
	}
	// declares: the statement starting at k is one that a closing brace
	// ends without a semicolon.
	declares := func(k int) bool {
		for ts.word(k, "export") || ts.word(k, "default") || ts.word(k, "async") {
			k++
		}
		switch wordAt(k) {
		case "if", "for", "while", "do", "try", "switch", "function", "class", "with":
			return true
		}
		return ts.punct(k, '{')
	}
	n := 0
	for _, t := range toks {
		n += int(t.end - t.pos)
	}
	// Comments and white space before the first token.
	n += commentsLen(src[:toks[0].pos], 0)
	lastCtrlClose := -1 // the ')' of the last if (…), for (…), …
	lastSwitch := false // whether that was switch (…)
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		c := src[t.pos]
		if t.kind == tPunct {
			switch c {
			case '{':
				kind := byte('o')
				prev := k - 1
				switch {
				case prev < 0 || ts.punct(prev, ')') || ts.is(prev, "=>") || ts.punct(prev, ';') || ts.punct(prev, '}') || ts.punct(prev, '{'):
					kind = '{'
				case ts.ident(prev):
					switch wordAt(prev) {
					case "return", "typeof", "in", "of", "case", "yield", "await", "void", "delete", "instanceof", "new":
					default:
						kind = '{' // else, try, finally, do, class X, class X extends Y
					}
				}
				ctx := layoutCtx{kind: kind, stmt: k + 1}
				if kind == '{' {
					ctx.swtch = prev == lastCtrlClose && prev >= 0 && lastSwitch
					ctx.class = ts.classBodyAt(k)
				} else if ts.word(prev, "const") || ts.word(prev, "let") || ts.word(prev, "var") {
					ctx.pattern = true
				}
				stack = append(stack, ctx)
				level++
			case '(', '[':
				ctx := layoutCtx{kind: c}
				if c == '(' {
					switch wordAt(k - 1) {
					case "if", "for", "while", "with", "switch", "catch":
						ctx.ctrl, ctx.stmt = true, k-1 // (the keyword)
					}
				}
				stack = append(stack, ctx)
			case '}', ')', ']':
				if len(stack) > 1 {
					if top().ctrl {
						lastCtrlClose = k
						lastSwitch = ts.word(top().stmt, "switch")
					}
					if top().kind == '{' || top().kind == 'o' {
						level--
					}
					stack = stack[:len(stack)-1]
				}
			}
		}
		if k+1 == len(toks) {
			// The end: the last statement's semicolon.
			if top().kind == '{' && ts.endsStatement(k, lastCtrlClose) && !ts.punct(k, ';') && !(ts.punct(k, '}') && declares(top().stmt)) {
				n++
			}
			break
		}
		a, b := k, k+1
		gap := src[t.end:toks[b].pos]
		nl := bytes.IndexByte(gap, '\n') >= 0
		cur := top()
		brk, semi, extra := false, false, 0
		closing := ts.punct(b, '}') && cur.kind != '(' && cur.kind != '['
		switch {
		case cur.kind == 'o' && cur.pattern:
			// A declaration's pattern: Babel writes its own declarations.
		case ts.punct(a, '{') && (cur.kind == '{' || cur.kind == 'o') && cur.stmt == a+1:
			brk = !ts.punct(b, '}')
		case closing:
			brk = !ts.punct(a, '{')
			if cur.kind == 'o' && ts.punct(a, ',') {
				n-- // the trailing comma
			}
			if cur.kind == '{' && !cur.class && !ts.punct(a, ';') && !ts.punct(a, '{') && !(ts.punct(a, '}') && declares(cur.stmt)) {
				semi = true
			}
		case cur.kind == 'o':
			brk = ts.punct(a, ',')
		case cur.kind == '(' || cur.kind == '[':
			if ts.punct(a, ',') && (ts.punct(b, ')') || ts.punct(b, ']')) {
				n-- // the trailing comma
			}
		case ts.punct(a, ';'):
			brk = true
		case ts.punct(a, ',') && ts.declaration(cur.stmt):
			// var a = 1, b: a declarator a line, one level deeper.
			brk, extra = true, 1
		case ts.punct(a, '}') && declares(cur.stmt):
			switch wordAt(b) {
			case "else", "catch", "finally", "while":
			default:
				brk = true
			}
		case nl && ts.endsStatement(a, lastCtrlClose) && !ts.continues(b):
			brk, semi = true, !cur.class
		}
		if semi {
			n++
		}
		if brk && cur.kind == '{' && !closing {
			// A directive: a blank line after it.
			if cur.stmt == a && toks[a].kind == tValue && (src[toks[a].pos] == '\'' || src[toks[a].pos] == '"') && a > 0 && ts.punct(a-1, '{') {
				n++
			}
			cur.stmt = b
		}
		ind := level
		if closing {
			ind--
		} else if cur.kind == '{' && cur.swtch && !ts.word(b, "case") && !ts.word(b, "default") {
			ind++
		}
		ind = max(ind+extra, 0)
		cn := commentsLen(gap, ind)
		n += cn
		switch {
		case brk:
			n += 1 + 2*ind
		case cn > 0 && bytes.Contains(gap, []byte("//")) && lastCommentIsLine(gap):
			n += 1 + 2*ind
		case !nl:
			n += len(gap) - commentBytesIn(gap)
		case ts.joinSpace(a, b):
			n++
		}
	}
	return n
}

// declaration reports whether the statement starting at k declares
// variables (var, let, const, maybe exported).
func (ts *jsToks) declaration(k int) bool {
	if ts.word(k, "export") {
		k++
	}
	return ts.word(k, "var") || ts.word(k, "let") || ts.word(k, "const")
}

// classBodyAt reports whether the '{' at k opens a class body: class X
// {, class {, class X extends Y.Z {.
func (ts *jsToks) classBodyAt(k int) bool {
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		if ts.word(j, "class") {
			return true
		}
		if !ts.ident(j) && !ts.punct(j, '.') {
			return false
		}
	}
	return false
}

// endsStatement reports whether token k can end a statement (where a
// line break makes ASI end it).
func (ts *jsToks) endsStatement(k, ctrlClose int) bool {
	t := ts.t[k]
	switch t.kind {
	case tValue:
		return true
	case tIdent:
		switch string(ts.s(k)) {
		case "typeof", "in", "instanceof", "new", "delete", "void", "else", "do", "of", "case", "throw", "yield", "await", "async", "function", "class", "extends", "const", "let", "var", "import", "export", "default", "from", "if", "for", "while", "switch", "catch", "try", "finally", "with":
			return false
		}
		return true
	}
	switch ts.code[t.pos] {
	case ')':
		return k != ctrlClose
	case ']', '}', ';':
		return true
	case '+', '-':
		return k > 0 && ts.punct(k-1, ts.code[t.pos]) && ts.t[k-1].end == t.pos
	}
	return false
}

// continues reports whether token k, after a line break, continues the
// expression before it (no ASI).
func (ts *jsToks) continues(k int) bool {
	t := ts.t[k]
	switch t.kind {
	case tIdent:
		switch string(ts.s(k)) {
		case "in", "instanceof", "of":
			return true
		}
		return false
	case tValue:
		return false
	}
	switch ts.code[t.pos] {
	case '.', ',', '?', ':', ')', ']', '(', '[', '=', '*', '/', '%', '&', '|', '^', '<', '>':
		return true
	case '+', '-':
		// a binary operator, but ++x and --x start statements
		return !(ts.punct(k+1, ts.code[t.pos]) && ts.t[k+1].pos == t.end)
	}
	return false
}

// joinSpace reports whether Babel writes a space between tokens a and b
// where the source broke the line between them.
func (ts *jsToks) joinSpace(a, b int) bool {
	if ts.punct(a, '(') || ts.punct(a, '[') || ts.punct(a, '.') || ts.punct(a, '!') {
		return false
	}
	if ts.punct(b, ')') || ts.punct(b, ']') || ts.punct(b, '.') || ts.punct(b, ',') || ts.punct(b, ';') || ts.punct(b, '(') && !ts.ident(a) {
		return false
	}
	if ts.punct(b, '(') || ts.punct(b, '[') {
		return ts.ident(a) && jsKeywords[string(ts.s(a))]
	}
	return true
}

// commentsLen is what Babel prints of the comments in gap (the text
// between two tokens) at indentation ind: each comment, after a line
// break and the indentation when it stood on its own line, else after a
// space.
func commentsLen(gap []byte, ind int) int {
	n := 0
	comments(gap, func(i, j int) {
		n += j - i + 1
		p := i - 1
		for p >= 0 && gap[p] != '\n' && isSpace(gap[p]) {
			p--
		}
		if p >= 0 && gap[p] == '\n' {
			n += 2 * ind // on its own line
		}
	})
	return n
}

// commentBytesIn is the length of the comments in gap.
func commentBytesIn(gap []byte) int {
	n := 0
	comments(gap, func(i, j int) { n += j - i })
	return n
}

// comments calls f with the span [i, j) of each comment in gap, in order.
func comments(gap []byte, f func(i, j int)) {
	for i := 0; i < len(gap); {
		if gap[i] != '/' || i+1 >= len(gap) || gap[i+1] != '/' && gap[i+1] != '*' {
			i++
			continue
		}
		j := len(gap)
		if gap[i+1] == '/' {
			if e := bytes.IndexByte(gap[i:], '\n'); e >= 0 {
				j = i + e
			}
		} else if e := bytes.Index(gap[i+2:], []byte("*/")); e >= 0 {
			j = i + 2 + e + 2
		}
		f(i, j)
		i = j
	}
}

// lastCommentIsLine reports whether the last comment in gap is a line
// comment (after which a line break must follow).
func lastCommentIsLine(gap []byte) bool {
	l := bytes.LastIndex(gap, []byte("//"))
	b := bytes.LastIndex(gap, []byte("*/"))
	return l > b
}
