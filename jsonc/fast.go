package jsonc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// fastParse builds the tree of body straight from its bytes, without
// hujson's own tree (most of the time and the memory: a 16 MB array of
// 8 million numbers took 13 s and 2.7 GB that way, 2.5 s and 1.3 GB this
// way, on a loaded 2-core machine), for the files written as they
// usually are: JSON with comments and trailing commas. Values and
// members are allocated in blocks, and strings without escapes and numbers
// share one copy of body. It gives up (ok false) at anything it does not
// take exactly as hujson and the builder do (a syntax error, invalid
// UTF-8 in a comment, a line comment that ends the file), and the
// caller parses body again with hujson, which says what is wrong. Whatever
// it builds, hujson and the builder build the same (FuzzParse holds it).
// Nesting is bounded by scan, which runs first.
func fastParse(body []byte, base int, n counts) (v *Value, probs []Problem, ok bool) {
	p := fastParser{b: body, s: string(body), base: base, firstVals: n.values, firstMems: n.members}
	p.space()
	v = p.value()
	p.space()
	if p.failed || p.i != len(body) {
		return nil, nil, false
	}
	return v, p.probs, true
}

type fastParser struct {
	b      []byte
	s      string // b, as one string the values' strings share
	i      int
	base   int
	depth  int
	failed bool
	probs  []Problem

	vals []Value  // the block Values are taken from
	mems []Member // the block Members are taken from
	// firstVals and firstMems, when not zero, are the sizes of the first
	// blocks (scan's counts).
	firstVals, firstMems int
	elems                []*Value  // a stack of the elements of the arrays being parsed
	members              []*Member // and of the members of the objects
}

// block is the size of the next block of values or members: first what
// scan counted, else twice the last, from 16 to 1024 (a small file takes
// little).
func block(last int, first *int) int {
	if n := *first; n > 0 {
		*first = 0
		return min(n, 1024)
	}
	return min(max(16, 2*last), 1024)
}

func (p *fastParser) newValue() *Value {
	if len(p.vals) == 0 {
		p.vals = make([]Value, block(cap(p.vals), &p.firstVals))
	}
	v := &p.vals[0]
	p.vals = p.vals[1:]
	return v
}

func (p *fastParser) newMember() *Member {
	if len(p.mems) == 0 {
		p.mems = make([]Member, block(cap(p.mems), &p.firstMems))
	}
	m := &p.mems[0]
	p.mems = p.mems[1:]
	return m
}

// space skips white space and comments, as hujson does; it fails at what
// hujson rejects (invalid UTF-8 in a comment, U+2028 or U+2029 in a line
// comment, a line comment with no newline after it).
func (p *fastParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		case '/':
			if p.i+1 >= len(p.b) {
				p.failed = true
				return
			}
			var end string
			switch p.b[p.i+1] {
			case '/':
				end = "\n"
			case '*':
				end = "*/"
			default:
				p.failed = true
				return
			}
			j := p.i + 2
			ascii := true
			for ; j < len(p.b) && !(p.b[j] == end[0] && (len(end) == 1 || j+1 < len(p.b) && p.b[j+1] == end[1])); j++ {
				ascii = ascii && p.b[j] < utf8.RuneSelf
			}
			if j >= len(p.b) {
				p.failed = true
				return
			}
			// (hujson rejects invalid UTF-8 in a comment, and a line
			// separator in a line comment.)
			if c := p.b[p.i:j]; !ascii && (!utf8.Valid(c) || end == "\n" && bytes.ContainsAny(c, "\u2028\u2029")) {
				p.failed = true
				return
			}
			p.i = j + len(end)
		default:
			return
		}
	}
}

// value parses the value at p.i (white space skipped).
func (p *fastParser) value() *Value {
	if p.failed || p.i >= len(p.b) {
		p.failed = true
		return nil
	}
	v := p.newValue()
	v.Start = p.base + p.i
	switch c := p.b[p.i]; {
	case c == '{' || c == '[':
		// (scan has bounded the nesting already, as it lexes the file;
		// this bound does not rely on the two lexing alike.)
		if p.depth++; p.depth > MaxDepth {
			p.failed = true
			return nil
		}
		if c == '{' {
			p.object(v)
		} else {
			p.array(v)
		}
		p.depth--
	case c == '"':
		v.Kind = String
		start := p.i
		if !p.str() {
			return nil
		}
		s, err := p.unquote(start, p.i)
		if err != nil {
			p.failed = true
			return nil
		}
		v.Str = s
	default:
		start := p.i
		for p.i < len(p.b) && isLiteralByte(p.b[p.i]) {
			p.i++
		}
		switch lit := p.s[start:p.i]; {
		case lit == "null":
			v.Kind = Null
		case lit == "true" || lit == "false":
			v.Kind, v.Bool = Bool, lit == "true"
		case isNumber(lit):
			v.Kind, v.Num = Number, json.Number(lit)
		default:
			p.failed = true
			return nil
		}
	}
	if p.failed {
		return nil
	}
	v.End = p.base + p.i
	return v
}

// isLiteralByte reports whether hujson takes c as part of a literal.
func isLiteralByte(c byte) bool {
	return c == '-' || c == '+' || c == '.' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isNumber reports whether s is a JSON number.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - j
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// str skips the string literal at p.i, failing at what JSON does not
// allow in one (a control character, an unknown escape).
func (p *fastParser) str() bool {
	p.i++
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			p.i++
			return true
		case c < 0x20:
			p.failed = true
			return false
		case c == '\\':
			if p.i+1 >= len(p.b) {
				p.failed = true
				return false
			}
			switch p.b[p.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i += 2
			case 'u':
				if p.i+6 > len(p.b) {
					p.failed = true
					return false
				}
				for _, h := range p.b[p.i+2 : p.i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						p.failed = true
						return false
					}
				}
				p.i += 6
			default:
				p.failed = true
				return false
			}
		default:
			p.i++
		}
	}
	p.failed = true
	return false
}

// unquote decodes the string literal b[start:end]: a slice of p.s when
// it has nothing to decode.
func (p *fastParser) unquote(start, end int) (string, error) {
	for _, c := range p.b[start+1 : end-1] {
		if c == '\\' || c >= 0x80 {
			return unquote(p.b[start:end])
		}
	}
	return p.s[start+1 : end-1], nil
}

func (p *fastParser) array(v *Value) {
	v.Kind = Array
	p.i++ // [
	top := len(p.elems)
	p.space()
	for !p.failed && p.i < len(p.b) && p.b[p.i] != ']' {
		e := p.value()
		if p.failed {
			return
		}
		p.elems = append(p.elems, e)
		p.space()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			p.space()
		} else if p.i >= len(p.b) || p.b[p.i] != ']' {
			p.failed = true
		}
	}
	if p.failed || p.i >= len(p.b) {
		p.failed = true
		return
	}
	p.i++ // ]
	v.Elems = make([]*Value, len(p.elems)-top)
	copy(v.Elems, p.elems[top:])
	clear(p.elems[top:])
	p.elems = p.elems[:top]
}

func (p *fastParser) object(v *Value) {
	v.Kind = Object
	p.i++ // {
	top := len(p.members)
	var seen map[string]int
	p.space()
	for !p.failed && p.i < len(p.b) && p.b[p.i] != '}' {
		if p.b[p.i] != '"' {
			p.failed = true
			return
		}
		m := p.newMember()
		m.KeyStart = p.base + p.i
		start := p.i
		if !p.str() {
			return
		}
		m.KeyEnd = p.base + p.i
		key, err := p.unquote(start, p.i)
		if err != nil {
			p.failed = true
			return
		}
		m.Key = key
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			p.failed = true
			return
		}
		p.i++
		p.space()
		if m.Value = p.value(); p.failed {
			return
		}
		// Duplicates, as the builder finds them: after the member's value
		// (whose own duplicates come first), by scanning the members
		// before while there are few, then through the index.
		n := len(p.members) - top
		dup := false
		if seen == nil && n == indexMin {
			seen = make(map[string]int, 2*indexMin)
			for i, prev := range p.members[top:] {
				seen[prev.Key] = i
			}
		}
		if seen != nil {
			_, dup = seen[m.Key]
			seen[m.Key] = n
		} else {
			for _, prev := range p.members[top:] {
				dup = dup || prev.Key == m.Key
			}
		}
		if dup {
			p.probs = append(p.probs, Problem{DuplicateKey, m.KeyStart, m.KeyEnd,
				fmt.Sprintf("duplicate key %q; the earlier value is silently dropped", m.Key)})
		}
		p.members = append(p.members, m)
		p.space()
		if p.i < len(p.b) && p.b[p.i] == ',' {
			p.i++
			p.space()
		} else if p.i >= len(p.b) || p.b[p.i] != '}' {
			p.failed = true
		}
	}
	if p.failed || p.i >= len(p.b) {
		p.failed = true
		return
	}
	p.i++ // }
	v.Members = make([]*Member, len(p.members)-top)
	copy(v.Members, p.members[top:])
	clear(p.members[top:])
	p.members = p.members[:top]
	if len(v.Members) > indexMin {
		v.index = &memberIndex{seen, len(v.Members)}
	}
}
