package size

import "bytes"

// cssMinLen estimates, in one pass over the bytes of a style sheet, the
// length of what tdewolff's CSS minifier makes of it, and the bytes of its
// @keyframes blocks as minified (what autoprefixer's -webkit- copies add,
// with the prefix: keyframesBytes of the minifier's output), without
// parsing or printing it: several times faster than the minifier, and
// within a few percent of it over a package (TestCSSMinLen). It counts the
// bytes with comments dropped (/*! ones kept), white space dropped next to
// punctuation and kept as one space elsewhere, and what the minifier does
// in place:
//
//   - a semicolon before } goes, and a rule with nothing in its block;
//   - numbers lose their zeros (0.50 → .5, 1.0 → 1), a zero length its
//     unit (0px → 0; 0rpx, which it does not know, and 0% stay);
//   - #aabbcc becomes #abc, #ff0000 and #f00 red, white and black #fff
//     and #000;
//   - bold and normal become 700 and 400 after font-weight;
//   - url("a.png") loses its quotes, a data: URI its escaped = / and :.
//
// What it does not see (shorthands merged: margin:0 0 0 0 → margin:0,
// rgb() as hex, quotes of attribute selectors) costs a little, which the
// factor of Built's estimate takes in.
func cssMinLen(src []byte) (n, keyframes int) {
	var (
		last      byte // the last byte counted
		space     bool // white space or a comment since last
		stmt      int  // n where the current selector, declaration or at-rule began
		opens     []int
		kfDepth   = -1 // len(opens) inside a @keyframes block, or -1
		kfStart   int
		value     bool // after the colon of a declaration
		weight    bool // in the value of font-weight
		semicolon bool // a semicolon not yet counted
	)
	emit := func(c byte, l int) {
		if semicolon {
			if c != '}' {
				n++
			}
			semicolon = false
		}
		if space && n > 0 && !cssNoSpaceAfter[last] && !cssNoSpaceBefore[c] && (c != '(' || isIdent(last)) {
			n++
		}
		space = false
		n += l
		last = c
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			end := len(src)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			if i+2 < len(src) && src[i+2] == '!' {
				emit('/', end-i)
				last = '/'
			} else {
				space = true
			}
			i = end
		case c == '"' || c == '\'':
			j := skipString(src, i)
			l := j - i
			if bytes.HasSuffix(src[:i], []byte("url(")) && j < len(src) && src[j] == ')' {
				l -= 2 // url("a.png") → url(a.png)
			}
			emit(c, l)
			last = '"'
			i = j
		case c == ';':
			if semicolon {
				i++ // ;; counts once
				continue
			}
			emit(';', 0)
			semicolon, value, weight, stmt = true, false, false, n+1
			i++
		case c == '{':
			emit('{', 1)
			opens = append(opens, stmt)
			stmt, value, weight = n, false, false
			i++
		case c == '}':
			emit('}', 1)
			if len(opens) > 0 {
				open := opens[len(opens)-1]
				opens = opens[:len(opens)-1]
				if emptyBlock(src, i) {
					n = open // a rule with nothing in its block goes
				}
				if len(opens) == kfDepth {
					keyframes += n - kfStart + len("-webkit-")
					kfDepth = -1
				}
			}
			stmt, value, weight = n, false, false
			i++
		case c == ':':
			emit(':', 1)
			value = len(opens) > 0
			i++
		case c == '@':
			j := i + 1
			for j < len(src) && (isIdent(src[j]) || src[j] == '-') {
				j++
			}
			emit('@', j-i)
			if kfDepth < 0 && string(src[i+1:j]) == "keyframes" {
				kfDepth, kfStart = len(opens), n-(j-i)
			}
			last = 'a'
			i = j
		case c == '#':
			j := i + 1
			for j < len(src) && (isIdent(src[j]) || src[j] == '-') {
				j++
			}
			emit('#', hexColorLen(src[i+1:j], value))
			last = 'a'
			i = j
		case (c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9') && !cssInWord(src, i):
			j, l := cssNumber(src, i)
			emit(c, l)
			last = '0'
			i = j
		case isIdent(c) || c == '-' || c == '\\':
			j := i
			for j < len(src) && (isIdent(src[j]) || src[j] == '-' || src[j] == '\\') {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src))
			if end, l, ok := cssURL(src, i, j); ok {
				emit('u', l)
				last = ')'
				i = end
				continue
			}
			w := src[i:j]
			l := len(w)
			switch {
			case weight && last == ':' && (string(w) == "bold" || string(w) == "normal"):
				l = 3 // 700, 400
			case value && (string(w) == "white" || string(w) == "black"):
				l = 4 // #fff, #000
			}
			if j < len(src) && src[j] == ':' && string(w) == "font-weight" {
				weight = true
			}
			emit(c, l)
			last = src[j-1]
			i = j
		default:
			emit(c, 1)
			i++
		}
	}
	if semicolon {
		n++
	}
	return n, keyframes
}

// cssURL returns, when the word src[i:j] begins an unquoted url(...), its
// end and its length as the minifier writes it: its white space trimmed,
// and in a data: URI %3D, %2F and %3A written as =, / and :.
func cssURL(src []byte, i, j int) (end, l int, ok bool) {
	if j-i != 3 || string(src[i:j]) != "url" || j >= len(src) || src[j] != '(' {
		return 0, 0, false
	}
	k := j + 1
	for k < len(src) && isSpace(src[k]) {
		k++
	}
	if k < len(src) && (src[k] == '"' || src[k] == '\'') {
		return 0, 0, false
	}
	e := bytes.IndexByte(src[k:], ')')
	if e < 0 {
		return 0, 0, false
	}
	content := bytes.TrimRight(src[k:k+e], " \t\n\r\f")
	l = len("url()") + len(content)
	if bytes.HasPrefix(content, []byte("data:")) {
		for p := 0; p+2 < len(content); p++ {
			if content[p] == '%' {
				switch c1, c2 := content[p+1], content[p+2]|0x20; {
				case c1 == '3' && (c2 == 'd' || c2 == 'a'), c1 == '2' && c2 == 'f':
					l -= 2
				}
			}
		}
	}
	return k + e + 1, l, true
}

// cssNoSpaceAfter and cssNoSpaceBefore are the bytes white space next to
// which the minifier drops.
var cssNoSpaceAfter, cssNoSpaceBefore = cssBytes("{};:,>~(!/"), cssBytes("{};:,>~)!/")

func cssBytes(s string) (t [256]bool) {
	for i := range len(s) {
		t[s[i]] = true
	}
	return t
}

// emptyBlock reports whether the } at close ends a block with only white
// space and comments in it.
func emptyBlock(src []byte, close int) bool {
	for i := close - 1; i >= 0; i-- {
		switch c := src[i]; {
		case c == '{':
			return true
		case c == '/' && i > 0 && src[i-1] == '*':
			j := bytes.LastIndex(src[:i-1], []byte("/*"))
			if j < 0 {
				return false
			}
			i = j
		case !isSpace(c):
			return false
		}
	}
	return false
}

// cssInWord reports whether the digit or dot at i continues a name
// (h1, col-2, a--1) rather than starting a number (-1, 10px).
func cssInWord(src []byte, i int) bool {
	if i == 0 {
		return false
	}
	p := src[i-1]
	if p == '-' || p == '+' {
		return i >= 2 && (isIdent(src[i-2]) || src[i-2] == '-')
	}
	return isIdent(p) || p == '#' || p == '\\'
}

// cssNumber returns the end of the number at i with its unit, and its
// length as the minifier writes it.
func cssNumber(src []byte, i int) (end, l int) {
	j := i
	for j < len(src) && src[j] >= '0' && src[j] <= '9' {
		j++
	}
	whole := src[i:j]
	var frac []byte
	if j+1 < len(src) && src[j] == '.' && src[j+1] >= '0' && src[j+1] <= '9' {
		k := j + 1
		for k < len(src) && src[k] >= '0' && src[k] <= '9' {
			k++
		}
		frac, j = src[j+1:k], k
	}
	u := j
	for u < len(src) && (isIdent(src[u]) || src[u] == '%') {
		u++
	}
	unit := src[j:u]
	frac = bytes.TrimRight(frac, "0")
	if len(frac) > 0 && len(bytes.TrimLeft(whole, "0")) == 0 {
		whole = nil // 0.5 → .5
	}
	l = len(whole) + len(unit)
	if len(frac) > 0 {
		l += 1 + len(frac)
	}
	if len(frac) == 0 && len(bytes.TrimLeft(whole, "0")) == 0 {
		l = 1 + len(unit) // 0, 0.0
		if cssLength[string(unit)] {
			l = 1
		}
	}
	return u, l
}

// cssLength are the length units the minifier drops from a zero.
var cssLength = map[string]bool{
	"px": true, "em": true, "rem": true, "vw": true, "vh": true, "vmin": true, "vmax": true,
	"pt": true, "pc": true, "cm": true, "mm": true, "in": true, "ex": true, "ch": true, "q": true,
}

// hexColorLen is the length, "#" included, of the color or id #h as the
// minifier writes it: in a value, #aabbcc as #abc and #ff0000 or #f00 as
// red.
func hexColorLen(h []byte, value bool) int {
	if !value {
		return 1 + len(h)
	}
	lower := func(c byte) byte { return c | 0x20 }
	switch {
	case len(h) == 6 && bytes.EqualFold(h, []byte("ff0000")), len(h) == 3 && bytes.EqualFold(h, []byte("f00")):
		return 3
	case len(h) == 6 && lower(h[0]) == lower(h[1]) && lower(h[2]) == lower(h[3]) && lower(h[4]) == lower(h[5]):
		return 4
	}
	return 1 + len(h)
}
