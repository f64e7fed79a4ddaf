package project

// This file ports minimatch 3.0.4 (default options) and brace-expansion,
// the glob matcher miniprogram-ci applies to packOptions "glob" items, so
// that a glob selects here exactly the files it selects for WeChat
// (TestMinimatch holds the port to the real library's output).

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// minimatch is a compiled glob pattern. It follows minimatch 3.0.4 with
// default options: no nocase (the callers lower-case both sides), no dot, no
// matchBase, globstar, braces and extglobs on.
type minimatch struct {
	negate, comment, empty bool
	set                    [][]mmPart
	// unsupported names a feature the port cannot evaluate ("" when none).
	unsupported string
	// cut is set when the file's glob budget ran out while this pattern was
	// compiled: set holds only some of its alternatives (kept of them), and a
	// negated pattern matches nothing. Either way the pattern matches a subset
	// of what minimatch matches.
	cut  bool
	kept int
}

type mmPart struct {
	globstar bool
	literal  bool
	lit      string
	re       *regexp.Regexp // nil with !literal: matches nothing
	noDot    bool           // minimatch's (?!\.) pattern start
	nonEmpty bool           // minimatch's (?=.)
}

// The globs of one file (project.config.json's packOptions, chattool-lint.json)
// are compiled within one budget, so that no file can make the checker
// expand, compile or match without end: twenty items like "{1..100000}*q*z"
// would be two million patterns, each matched against every path. The
// budget is per file, not per glob.
const (
	// GlobMaxPatterns is the most patterns the globs of one file compile to,
	// counting each alternative of a brace expansion.
	GlobMaxPatterns = 1000
	// GlobMaxWork bounds the bytes the brace expansions of one file write
	// (intermediate results included) and the bytes it compiles, each
	// pattern counted once more for every "[" in it (a class left open is
	// parsed again from there on, as minimatch does).
	GlobMaxWork = 1 << 20
)

// globBudget is what is left of one file's budget.
type globBudget struct {
	patterns, work int
}

func newGlobBudget() *globBudget {
	return &globBudget{patterns: GlobMaxPatterns, work: GlobMaxWork}
}

// newMinimatch compiles a pattern with a budget of its own.
func newMinimatch(pattern string) *minimatch { return compileMinimatch(pattern, newGlobBudget()) }

// compileMinimatch compiles a pattern within b, and takes what it used
// from b.
func compileMinimatch(pattern string, b *globBudget) *minimatch {
	m := &minimatch{}
	if strings.HasPrefix(pattern, "#") {
		m.comment = true
		return m
	}
	pattern = strings.TrimSpace(pattern)
	if strings.HasPrefix(pattern, "#") {
		m.comment = true
		return m
	}
	if pattern == "" {
		m.empty = true
		return m
	}
	i := 0
	for i < len(pattern) && pattern[i] == '!' {
		m.negate = !m.negate
		i++
	}
	pattern = pattern[i:]
	var set []string
	if braceCandidate.MatchString(pattern) {
		set, m.cut = braceExpand(pattern, b)
	} else {
		set = []string{pattern}
	}
outer:
	for _, s := range set {
		// Parsing a pattern takes up to one pass more for each "[" in it.
		passes := 1 + strings.Count(s, "[")
		if b.patterns <= 0 || len(s) > b.work/passes {
			m.cut = true
			break
		}
		b.patterns--
		b.work -= len(s) * passes
		m.kept++
		var parts []mmPart
		for _, seg := range splitSlashes(s) {
			part, ok := m.parseSegment(seg)
			if !ok {
				continue outer // a segment that did not compile: the alternative is dropped
			}
			if part.globstar && len(parts) > 0 && parts[len(parts)-1].globstar {
				continue // "**/**" matches what "**" matches
			}
			parts = append(parts, part)
		}
		m.set = append(m.set, parts)
	}
	return m
}

// cutReason says why the budget cut a pattern, for a message.
func cutReason() string {
	return fmt.Sprintf("goes past what this checker evaluates for one file (%d patterns in all, each alternative of a brace expansion counted, and %d MB of them)",
		GlobMaxPatterns, GlobMaxWork>>20)
}

// cutMessage says why a pattern was cut and what is left of it.
func (m *minimatch) cutMessage() string {
	what := fmt.Sprintf("%d of its patterns are evaluated, the others match nothing here", m.kept)
	switch {
	case m.kept == 0:
		what = "none of its patterns is evaluated: it matches nothing here"
	case m.negate:
		what = "it is negated, so with only some of its patterns it is treated as matching nothing"
	}
	return cutReason() + "; " + what
}

var braceCandidate = regexp.MustCompile(`\{.*\}`)

// splitSlashes is JavaScript's s.split(/\/+/).
func splitSlashes(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			out = append(out, s[start:i])
			for i+1 < len(s) && s[i+1] == '/' {
				i++
			}
			start = i + 1
		}
	}
	return append(out, s[start:])
}

const mmSpecials = "().*{}+?[]^$\\!"

type mmPatternList struct {
	typ     byte
	reStart int
	open    string
	close   string
}

// parseSegment is minimatch's parse() of one path portion. It returns false
// for a segment minimatch refuses (one containing "/").
func (m *minimatch) parseSegment(pattern string) (mmPart, bool) {
	if pattern == "**" {
		return mmPart{globstar: true}, true
	}
	if pattern == "" {
		return mmPart{literal: true}, true
	}
	re, hasMagic, ok, negList := m.parseRe(pattern, false)
	if !ok {
		return mmPart{}, false
	}
	if negList {
		m.unsupported = `a "!(...)" extglob`
	}
	if !hasMagic {
		return mmPart{literal: true, lit: globUnescape(pattern)}, true
	}
	part := mmPart{nonEmpty: re != ""}
	// the pattern start only matters when the re could capture a leading dot
	if pattern[0] != '.' && re != "" && (re[0] == '.' || re[0] == '[' || re[0] == '(') {
		part.noDot = true
	}
	if c, err := regexp.Compile("^(?:" + re + ")$"); err == nil {
		part.re = c
	}
	return part, true
}

// parseRe translates a glob portion into regular expression source. It
// reports whether the portion has magic, whether it is valid (no "/"), and
// whether it used a negated pattern list, which needs look-ahead.
func (m *minimatch) parseRe(pattern string, sub bool) (re string, hasMagic, ok, negList bool) {
	const qmark = "[^/]"
	const star = qmark + "*?"
	var b strings.Builder
	escaping := false
	var stack []mmPatternList
	var stateChar byte
	inClass := false
	reClassStart, classStart := -1, -1
	clearStateChar := func() {
		if stateChar != 0 {
			switch stateChar {
			case '*':
				b.WriteString(star)
				hasMagic = true
			case '?':
				b.WriteString(qmark)
				hasMagic = true
			default:
				b.WriteByte('\\')
				b.WriteByte(stateChar)
			}
			stateChar = 0
		}
	}
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		if escaping && strings.IndexByte(mmSpecials, c) >= 0 {
			b.WriteByte('\\')
			b.WriteByte(c)
			escaping = false
			continue
		}
		switch c {
		case '/':
			return "", false, false, false
		case '\\':
			clearStateChar()
			escaping = true
			continue
		case '?', '*', '+', '@', '!':
			if inClass {
				if c == '!' && i == classStart+1 {
					c = '^'
				}
				b.WriteByte(c)
				continue
			}
			clearStateChar()
			stateChar = c
			continue
		case '(':
			if inClass {
				b.WriteByte('(')
				continue
			}
			if stateChar == 0 {
				b.WriteString(`\(`)
				continue
			}
			pl := mmPatternList{typ: stateChar, reStart: b.Len()}
			switch stateChar {
			case '!':
				pl.open, pl.close = "(?:(?!(?:", "))[^/]*?)"
			case '?':
				pl.open, pl.close = "(?:", ")?"
			case '+':
				pl.open, pl.close = "(?:", ")+"
			case '*':
				pl.open, pl.close = "(?:", ")*"
			case '@':
				pl.open, pl.close = "(?:", ")"
			}
			stack = append(stack, pl)
			if stateChar == '!' {
				b.WriteString("(?:(?!(?:")
			} else {
				b.WriteString("(?:")
			}
			stateChar = 0
			continue
		case ')':
			if inClass || len(stack) == 0 {
				b.WriteString(`\)`)
				continue
			}
			clearStateChar()
			hasMagic = true
			pl := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b.WriteString(pl.close)
			if pl.typ == '!' {
				negList = true
			}
			continue
		case '|':
			if inClass || len(stack) == 0 || escaping {
				b.WriteString(`\|`)
				escaping = false
				continue
			}
			clearStateChar()
			b.WriteByte('|')
			continue
		case '[':
			clearStateChar()
			if inClass {
				b.WriteString(`\[`)
				continue
			}
			inClass = true
			classStart = i
			reClassStart = b.Len()
			b.WriteByte(c)
			continue
		case ']':
			if i == classStart+1 || !inClass {
				b.WriteString(`\]`)
				escaping = false
				continue
			}
			cs := pattern[classStart+1 : i]
			if _, err := regexp.Compile("[" + cs + "]"); err != nil {
				sp, spMagic, _, spNeg := m.parseRe(cs, true)
				s := b.String()[:reClassStart]
				b.Reset()
				b.WriteString(s + `\[` + sp + `\]`)
				hasMagic = hasMagic || spMagic
				negList = negList || spNeg
				inClass = false
				continue
			}
			hasMagic = true
			inClass = false
			b.WriteByte(c)
			continue
		default:
			clearStateChar()
			if escaping {
				escaping = false
			} else if strings.IndexByte(mmSpecials, c) >= 0 && !(c == '^' && inClass) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	if inClass {
		cs := pattern[classStart+1:]
		sp, spMagic, _, spNeg := m.parseRe(cs, true)
		s := b.String()[:reClassStart]
		b.Reset()
		b.WriteString(s + `\[` + sp)
		hasMagic = hasMagic || spMagic
		negList = negList || spNeg
	}
	// pattern lists left open at the end: their opening becomes literal
	for len(stack) > 0 {
		pl := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		s := b.String()
		tail := s[pl.reStart+len(pl.open):]
		tail = escapeOpenPipes(tail)
		t := `\` + string(pl.typ)
		switch pl.typ {
		case '*':
			t = star
		case '?':
			t = qmark
		}
		hasMagic = true
		b.Reset()
		b.WriteString(s[:pl.reStart] + t + `\(` + tail)
	}
	clearStateChar()
	if escaping {
		b.WriteString(`\\`)
	}
	re = b.String()
	if sub && re != "" && (hasMagic || pattern[0] != '.' && (re[0] == '.' || re[0] == '[' || re[0] == '(')) {
		// minimatch would splice its (?=.) and (?!\.) look-aheads into the
		// middle of the expression, which Go's regexp cannot run.
		m.unsupported = `an unclosed or invalid "[" class before a wildcard`
	}
	return re, hasMagic, true, negList
}

// escapeOpenPipes escapes the "|" of a pattern list left open, as minimatch
// does with tail.replace(/((?:\\{2}){0,64})(\\?)\|/g, ...): the pairs of
// backslashes before a "|" are doubled and one backslash escapes it.
func escapeOpenPipes(tail string) string {
	var b strings.Builder
	for i := 0; i < len(tail); {
		k := 0
		for i+k < len(tail) && tail[i+k] == '\\' {
			k++
		}
		if i+k < len(tail) && tail[i+k] == '|' {
			if k > 129 { // the regexp takes at most 64 pairs and one more
				b.WriteString(tail[i : i+k-129])
				i += k - 129
				k = 129
			}
			b.WriteString(strings.Repeat(`\`, 4*(k/2)))
			b.WriteString(`\|`)
			i += k + 1
			continue
		}
		if k > 0 {
			b.WriteString(tail[i : i+k])
			i += k
			continue
		}
		b.WriteByte(tail[i])
		i++
	}
	return b.String()
}

func globUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func (m *minimatch) match(f string) bool {
	var steps int
	return m.matchCounting(f, &steps)
}

// matchCounting is match, adding to *steps one for each pair of a path
// name and a pattern part it looks at: at most (names+1) × (parts+1) for
// each alternative of the pattern.
func (m *minimatch) matchCounting(f string, steps *int) bool {
	if m.comment || m.unsupported != "" || m.cut && m.negate {
		return false
	}
	if m.empty {
		return f == ""
	}
	file := splitSlashes(f)
	var buf [64]bool
	for _, pat := range m.set {
		if mmMatchOne(file, pat, buf[:0], steps) {
			return !m.negate
		}
	}
	return m.negate
}

// mmMatchOne is minimatch's matchOne(file, pattern, partial = false).
// minimatch tries each way a "**" can swallow names by recursion, which
// takes time exponential in the number of "**"; the outcome of each
// recursive call only depends on where it starts in file and pattern, so
// this walks the pattern once, keeping the set of places in file reached
// at each part: time (names+1) × (parts+1), memory names+1. scratch, when
// it has room, holds the sets.
func mmMatchOne(file []string, pattern []mmPart, scratch []bool, steps *int) bool {
	nf := len(file)
	if cap(scratch) < 2*(nf+1) {
		scratch = make([]bool, 2*(nf+1))
	}
	scratch = scratch[:2*(nf+1)]
	clear(scratch)
	cur, next := scratch[:nf+1], scratch[nf+1:]
	cur[0] = true
	dotted := func(s string) bool { return strings.HasPrefix(s, ".") } // ".", ".." and dot names: dot is off
	for pi, p := range pattern {
		clear(next)
		reached := false
		switch {
		case p.globstar && pi+1 == len(pattern):
			// A "**" at the end swallows the rest, if no name of it starts
			// with a dot: minimatch returns there, whatever else is left.
			lastDot := -1
			for fi := nf - 1; fi >= 0 && lastDot < 0; fi-- {
				*steps++
				if dotted(file[fi]) {
					lastDot = fi
				}
			}
			for fi := nf - 1; fi > lastDot; fi-- {
				*steps++
				if cur[fi] {
					return true
				}
			}
			return false
		case p.globstar:
			// From name fi, "**" tries the rest of the pattern at fi, fi+1,
			// ... up to and including the first name that starts with a dot.
			swallowing := false
			for fi := 0; fi < nf; fi++ {
				*steps++
				swallowing = swallowing || cur[fi]
				if swallowing {
					next[fi] = true
					reached = true
					if dotted(file[fi]) {
						swallowing = false
					}
				}
			}
		default:
			for fi := 0; fi < nf; fi++ {
				if !cur[fi] {
					continue
				}
				*steps++
				f := file[fi]
				var hit bool
				switch {
				case p.literal:
					hit = f == p.lit
				case p.re == nil:
					hit = false
				default:
					hit = (!p.noDot || !strings.HasPrefix(f, ".")) && (!p.nonEmpty || f != "") && p.re.MatchString(f)
				}
				if hit {
					next[fi+1] = true
					reached = true
				}
			}
		}
		if !reached {
			return false
		}
		cur, next = next, cur
	}
	// The whole pattern is used: the whole file must be, but for one last
	// empty name ("a/" matches "a").
	return cur[nf] || nf > 0 && cur[nf-1] && file[nf-1] == ""
}

// ---- brace-expansion 1.x, as minimatch 3 uses it ----

const (
	escSlash  = "\x00SLASH\x00"
	escOpen   = "\x00OPEN\x00"
	escClose  = "\x00CLOSE\x00"
	escComma  = "\x00COMMA\x00"
	escPeriod = "\x00PERIOD\x00"
)

var (
	braceEscape   = strings.NewReplacer(`\\`, escSlash, `\{`, escOpen, `\}`, escClose, `\,`, escComma, `\.`, escPeriod)
	braceUnescape = strings.NewReplacer(escSlash, `\`, escOpen, "{", escClose, "}", escComma, ",", escPeriod, ".")
)

// braceExpand is brace-expansion's expand(str), within b: it returns at
// most b.patterns strings and writes at most b.work bytes (it takes from
// b.work what it wrote). When the budget runs out it returns only some of
// the expansions (each one of them is one brace-expansion returns), and
// cut.
func braceExpand(str string, b *globBudget) (out []string, cut bool) {
	if str == "" {
		return nil, false
	}
	if strings.HasPrefix(str, "{}") {
		str = `\{\}` + str[2:]
	}
	e := &braceExpander{limit: max(b.patterns, 0), work: b.work}
	out = e.rec(braceEscape.Replace(str), true, 0)
	for i, s := range out {
		out[i] = braceUnescape.Replace(s)
	}
	b.work = max(e.work, 0)
	return out, e.cut
}

// braceExpander carries the budget through one expansion.
type braceExpander struct {
	limit int // most strings in any list
	work  int // bytes left to write or scan
	cut   bool
}

// spend takes n from the budget, and reports whether there was that much.
func (e *braceExpander) spend(n int) bool {
	if e.work < n {
		e.work = 0
		e.cut = true
		return false
	}
	e.work -= n
	return true
}

// full reports whether a list of n strings is full, and notes the cut.
func (e *braceExpander) full(n int) bool {
	if n >= e.limit {
		e.cut = true
		return true
	}
	return false
}

// balancedRange is balanced-match's range('{', '}', s).
func balancedRange(s string) (int, int, bool) {
	ai := strings.IndexByte(s, '{')
	if ai < 0 {
		return 0, 0, false
	}
	bi := strings.IndexByte(s[ai+1:], '}')
	if bi < 0 {
		return 0, 0, false
	}
	bi += ai + 1
	var begs []int
	left, right := len(s), -1
	i := ai
	found := false
	var res [2]int
	for i >= 0 && !found {
		if i == ai {
			begs = append(begs, i)
			ai = indexFrom(s, '{', i+1)
		} else if len(begs) == 1 {
			res = [2]int{begs[0], bi}
			begs = begs[:0]
			found = true
		} else {
			beg := begs[len(begs)-1]
			begs = begs[:len(begs)-1]
			if beg < left {
				left, right = beg, bi
			}
			bi = indexFrom(s, '}', i+1)
		}
		if ai < bi && ai >= 0 {
			i = ai
		} else {
			i = bi
		}
	}
	if len(begs) > 0 && right >= 0 {
		return left, right, true
	}
	if found {
		return res[0], res[1], true
	}
	return 0, 0, false
}

func indexFrom(s string, c byte, from int) int {
	if from >= len(s) {
		return -1
	}
	i := strings.IndexByte(s[from:], c)
	if i < 0 {
		return -1
	}
	return i + from
}

var (
	numericSeq = regexp.MustCompile(`^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$`)
	alphaSeq   = regexp.MustCompile(`^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$`)
	commaLater = regexp.MustCompile(`,.*\}`)
	paddedNum  = regexp.MustCompile(`^-?0\d`)
)

// rec is brace-expansion's expand(str, isTop). Every list it makes is cut
// at e.limit strings; it returns nil once the budget is spent. So whatever
// it returns is some of what brace-expansion returns.
func (e *braceExpander) rec(str string, isTop bool, depth int) []string {
	if depth > 100 {
		return []string{str}
	}
	if !e.spend(len(str) + 1) { // the scans below are linear in str
		return nil
	}
	a, z, ok := balancedRange(str)
	if !ok {
		return []string{str}
	}
	pre, body, post := str[:a], str[a+1:z], str[z+1:]
	if strings.HasSuffix(pre, "$") {
		return []string{str}
	}
	isNum := numericSeq.MatchString(body)
	isAlpha := alphaSeq.MatchString(body)
	isSeq := isNum || isAlpha
	isOptions := strings.Contains(body, ",")
	if !isSeq && !isOptions {
		if commaLater.MatchString(post) {
			return e.rec(pre+"{"+body+escClose+post, false, depth+1) // expand(str): isTop is undefined there
		}
		return []string{str}
	}
	var n []string
	if isSeq {
		n = strings.Split(body, "..")
	} else {
		n = e.commaParts(body)
		if len(n) == 1 {
			inner := e.rec(n[0], false, depth+1)
			for i := range inner {
				inner[i] = "{" + inner[i] + "}"
			}
			n = inner
			if len(n) == 1 {
				posts := []string{""}
				if post != "" {
					posts = e.rec(post, false, depth+1)
				}
				out := make([]string, 0, len(posts))
				for _, p := range posts {
					if !e.spend(len(pre) + len(n[0]) + len(p) + 1) {
						break
					}
					out = append(out, pre+n[0]+p)
				}
				return out
			}
		}
	}
	posts := []string{""}
	if post != "" {
		posts = e.rec(post, false, depth+1)
	}
	var values []string
	if isSeq {
		values = e.sequence(n, isAlpha)
	} else {
		for k, el := range n {
			vs := e.rec(el, false, depth+1)
			if room := e.limit - len(values); len(vs) > room {
				vs = vs[:room]
				e.cut = true
			}
			values = append(values, vs...)
			if k+1 < len(n) && (e.full(len(values)) || e.work == 0) {
				break
			}
		}
	}
	var out []string
	for _, v := range values {
		for _, p := range posts {
			if !e.spend(len(pre) + len(v) + len(p) + 1) {
				return out
			}
			s := pre + v + p
			if !isTop || isSeq || s != "" {
				if e.full(len(out)) {
					return out
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// commaParts is brace-expansion's parseCommaParts(str), without its
// recursion on what follows each balanced {...}: every part is a stretch
// of str between commas outside of them.
func (e *braceExpander) commaParts(str string) []string {
	if str == "" {
		return []string{""}
	}
	var parts []string
	start := 0 // where the part being read starts
	for off := 0; ; {
		if !e.spend(len(str) - off + 1) {
			return parts // the parts read whole
		}
		a, z, ok := balancedRange(str[off:])
		end := len(str) // commas before end split parts
		if ok {
			end = off + a
		}
		for {
			i := strings.IndexByte(str[off:end], ',')
			if i < 0 {
				break
			}
			parts = append(parts, str[start:off+i])
			start = off + i + 1
			off = start
		}
		if !ok {
			return append(parts, str[start:])
		}
		off = end + z - a + 1
		if off == len(str) {
			return append(parts, str[start:])
		}
	}
}

// braceNumeric is brace-expansion's numeric(): a number when the string
// reads as one, else the code of its first character.
func braceNumeric(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if s == "" {
		return 0
	}
	return int([]rune(s)[0])
}

// sequence is the x..y[..incr] sequence of brace-expansion.
func (e *braceExpander) sequence(n []string, isAlpha bool) []string {
	x, y := braceNumeric(n[0]), braceNumeric(n[1])
	width := max(len(n[0]), len(n[1]))
	incr := 1
	if len(n) == 3 {
		incr = max(abs(braceNumeric(n[2])), 1)
	}
	reverse := y < x
	if reverse {
		incr = -incr
	}
	pad := false
	for _, s := range n {
		if paddedNum.MatchString(s) {
			pad = true
		}
	}
	var out []string
	for i := x; (!reverse && i <= y) || (reverse && i >= y); i += incr {
		var c string
		if isAlpha {
			c = string(rune(i))
			if c == `\` {
				c = ""
			}
		} else {
			c = strconv.Itoa(i)
			if pad {
				if need := width - len(c); need > 0 {
					z := strings.Repeat("0", need)
					if i < 0 {
						c = "-" + z + c[1:]
					} else {
						c = z + c
					}
				}
			}
		}
		if e.full(len(out)) || !e.spend(len(c)+1) {
			break
		}
		out = append(out, c)
		if (incr > 0 && i > math.MaxInt-incr) || (incr < 0 && i < math.MinInt-incr) {
			break // the next one would wrap around
		}
	}
	return out
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// Glob is a compiled minimatch glob (**, *, ?, [..], {a,b}; a leading !
// negates), for configuration files: the same matcher packOptions globs
// use, case-sensitive, and with dot on (".github/**" and "**/.eslintrc.js"
// match as users of ESLint's ignore patterns expect).
type Glob struct{ m *minimatch }

// CompileGlob compiles a glob with a budget of its own (GlobMaxPatterns);
// GlobCompiler compiles the globs of one file within one budget. It
// returns an error for what the port cannot evaluate.
func CompileGlob(pattern string) (Glob, error) { return NewGlobCompiler().Compile(pattern) }

// GlobCompiler compiles the globs of one file (chattool-lint.json's ignore
// and overrides) within one budget: GlobMaxPatterns patterns in all, brace
// alternatives counted, and GlobMaxWork bytes.
type GlobCompiler struct{ b *globBudget }

// NewGlobCompiler returns a compiler with a whole budget.
func NewGlobCompiler() *GlobCompiler { return &GlobCompiler{newGlobBudget()} }

// Compile compiles a glob within what is left of the budget. It returns an
// error for what the port cannot evaluate, and for a glob the budget cut.
func (c *GlobCompiler) Compile(pattern string) (Glob, error) {
	m := compileMinimatch(pattern, c.b)
	if m.unsupported != "" {
		return Glob{}, fmt.Errorf("glob %q: %s is not supported", pattern, m.unsupported)
	}
	if m.cut {
		return Glob{}, fmt.Errorf("glob %q %s", pattern, cutReason())
	}
	return Glob{m}, nil
}

// Match reports whether a slash-separated relative path matches.
func (g Glob) Match(name string) bool {
	if g.m == nil {
		return false
	}
	if g.m.match(name) {
		return true
	}
	// minimatch keeps * and ** from matching a leading dot; configuration
	// globs should not.
	undotted := strings.ReplaceAll("/"+name, "/.", "/")[1:]
	return undotted != name && g.m.match(undotted)
}
