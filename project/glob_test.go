package project

import (
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// deep is a path of n folders named name, then file.
func deep(n int, name, file string) string {
	return strings.Repeat(name+"/", n) + file
}

// TestGlobstarSteps: minimatch tries every way its "**" can share the
// names of a path; ten of them before a name that matches nothing, over a
// path 40 folders deep, never finished (8 took 4.9 s, 9 took 33 s). The
// matcher now looks at each pair of a name and a pattern part at most once.
func TestGlobstarSteps(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{strings.Repeat("**/", 10) + "nomatch", deep(40, "d", "f.js"), false},
		{strings.Repeat("**/", 10) + "f.js", deep(40, "d", "f.js"), true},
		{strings.Repeat("**/", 30) + "nomatch", deep(40, "d", "f.js"), false},
		// runs of "**" apart, which cannot be collapsed into one
		{strings.Repeat("**/a/", 10) + "**/nomatch", deep(40, "a", "a"), false},
		{strings.Repeat("**/a/", 10) + "**", deep(40, "a", "a"), true},
		{strings.Repeat("**/*/", 10) + "nomatch", deep(40, "a", "a"), false},
		{strings.Repeat("*/**/", 10) + "*.js", deep(40, "a", "f.js"), true},
		{strings.Repeat("{**,x}/", 6) + "nomatch", deep(40, "a", "a"), false},
		// with a leading slash, as packOptions globs are tried too
		{"/" + strings.Repeat("**/", 10) + "nomatch", "/" + deep(40, "d", "f.js"), false},
	} {
		m := newMinimatch(c.pattern)
		steps := 0
		testutil.Within(t, 10*time.Second, "the match", func() {
			if got := m.matchCounting(c.path, &steps); got != c.want {
				t.Errorf("minimatch(%q, %q) = %v, want %v", c.path, c.pattern, got, c.want)
			}
		})
		names := len(splitSlashes(c.path))
		bound := 0
		for _, alt := range m.set {
			bound += (names + 1) * (len(alt) + 1)
		}
		if steps > bound || steps > 100_000 {
			t.Errorf("minimatch(%q, %q): %d steps, more than (names+1) × (parts+1) = %d", c.path, c.pattern, steps, bound)
		}
	}
}

// TestGlobstarCollapse: a run of "**" is one part ("**/**" matches what
// "**" matches in minimatch: each swallows names up to the first one that
// starts with a dot).
func TestGlobstarCollapse(t *testing.T) {
	m := newMinimatch("a/**/**/**/b/**/**")
	if len(m.set) != 1 || len(m.set[0]) != 4 {
		t.Fatalf("parts: %+v", m.set)
	}
	for _, p := range []string{"a/b", "a/x/b/y", "a/x/y/b/z", "a/.x/b/y", "a/b/.y", "a/b/y/.z", "a/x/.y/b/z", "a/b/", "a/x/b"} {
		want := refMatch(refCompile("a/**/**/**/b/**/**"), p)
		if got := m.match(p); got != want {
			t.Errorf("%q: %v, want %v", p, got, want)
		}
	}
}

// TestBraceBudget: brace expansion was bounded per glob (100,000
// patterns), not per file: twenty items like "{1..100000}*q*z", 600 bytes,
// took 216 s and 5 GB. One budget now serves the whole file, and every glob
// it cuts says so.
func TestBraceBudget(t *testing.T) {
	b := newGlobBudget()
	patterns := 0
	testutil.Within(t, 10*time.Second, "the match", func() {
		for i := range 20 {
			m := compileMinimatch("{1..100000}*q*z", b)
			if !m.cut {
				t.Errorf("item %d: not cut", i)
			}
			patterns += len(m.set)
			if i == 0 && (m.kept != GlobMaxPatterns || !strings.Contains(m.cutMessage(), "1000 of its patterns are evaluated")) {
				t.Errorf("item 0: %d kept: %s", m.kept, m.cutMessage())
			}
			if i > 0 && (m.kept != 0 || !strings.Contains(m.cutMessage(), "none of its patterns")) {
				t.Errorf("item %d: %d kept: %s", i, m.kept, m.cutMessage())
			}
		}
	})
	if patterns > GlobMaxPatterns || b.patterns != 0 {
		t.Errorf("%d patterns compiled, %d left", patterns, b.patterns)
	}
	if b.work < 0 {
		t.Errorf("work left %d", b.work)
	}
	// The first item keeps its first thousand alternatives.
	m := compileMinimatch("{1..100000}.js", newGlobBudget())
	if !m.match("1000.js") || m.match("1001.js") {
		t.Errorf("first alternatives: 1000.js %v, 1001.js %v", m.match("1000.js"), m.match("1001.js"))
	}
	// A negated glob with only some of its alternatives matches nothing.
	if n := compileMinimatch("!{1..100000}", newGlobBudget()); !n.cut || n.match("x") {
		t.Errorf("negated: cut %v, matches x %v", n.cut, n.match("x"))
	}
	// Globs that stay within the budget are whole.
	b = newGlobBudget()
	for range 100 {
		if m := compileMinimatch("**/*.{png,jpg,jpeg,gif,svg}", b); m.cut || len(m.set) != 5 {
			t.Fatalf("cut %v, %d patterns", m.cut, len(m.set))
		}
	}
	if b.patterns != GlobMaxPatterns-500 {
		t.Errorf("%d patterns left", b.patterns)
	}
}

// TestBraceWork: expansions whose work, not their number, is large: the
// budget's bytes bound them.
func TestBraceWork(t *testing.T) {
	for _, p := range []string{
		strings.Repeat("{a,b}", 40),                            // 2^40 alternatives
		strings.Repeat("{a,{b,{c,d}}}", 30),                    // nested
		"{" + strings.Repeat("x,", 200_000) + "}",              // 200,000 options
		"{a," + strings.Repeat("{}", 300_000) + "}",            // commas after many balanced pairs
		strings.Repeat("[", 100_000) + "*",                     // a class left open, parsed again at each "["
		"{1..100000}" + strings.Repeat("y", 100_000) + "{a,b}", // long alternatives
		"{a..z}{a..z}{a..z}{a..z}{a..z}",
		"{-9223372036854775808..9223372036854775807..9223372036854775807}",
	} {
		b := newGlobBudget()
		var m *minimatch
		testutil.Within(t, 10*time.Second, "the match", func() { m = compileMinimatch(p, b) })
		if b.work < 0 || b.patterns < 0 || len(m.set) > GlobMaxPatterns {
			t.Errorf("%.40q: %d patterns, budget left %+v", p, len(m.set), *b)
		}
	}
}

// ---- references: the port as it was, one recursion per "**" ----

// refCompile is newMinimatch's set without budget or "**" collapsing.
func refCompile(pattern string) *minimatch {
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
	set := []string{pattern}
	if braceCandidate.MatchString(pattern) {
		set = refBraceExpand(pattern)
	}
outer:
	for _, s := range set {
		var parts []mmPart
		for _, seg := range splitSlashes(s) {
			part, ok := m.parseSegment(seg)
			if !ok {
				continue outer
			}
			parts = append(parts, part)
		}
		m.set = append(m.set, parts)
	}
	return m
}

// refMatch is match by minimatch's own recursion (exponential in "**").
// It gives up after a million steps; ok is then false.
func refMatch(m *minimatch, f string) bool {
	got, _ := refMatchLimited(m, f, math.MaxInt)
	return got
}

func refMatchLimited(m *minimatch, f string, limit int) (got, ok bool) {
	if m.comment || m.unsupported != "" {
		return false, true
	}
	if m.empty {
		return f == "", true
	}
	file := splitSlashes(f)
	steps := 0
	for _, pat := range m.set {
		if refMatchOne(file, pat, &steps, limit) {
			return !m.negate, steps <= limit
		}
	}
	return m.negate, steps <= limit
}

func refMatchOne(file []string, pattern []mmPart, steps *int, limit int) bool {
	fi, pi := 0, 0
	for ; fi < len(file) && pi < len(pattern); fi, pi = fi+1, pi+1 {
		if *steps++; *steps > limit {
			return false
		}
		p, f := pattern[pi], file[fi]
		if p.globstar {
			if pi+1 == len(pattern) {
				for ; fi < len(file); fi++ {
					if strings.HasPrefix(file[fi], ".") {
						return false
					}
				}
				return true
			}
			for fr := fi; fr < len(file); fr++ {
				if refMatchOne(file[fr:], pattern[pi+1:], steps, limit) {
					return true
				}
				if strings.HasPrefix(file[fr], ".") {
					break
				}
			}
			return false
		}
		var hit bool
		switch {
		case p.literal:
			hit = f == p.lit
		case p.re == nil:
		default:
			hit = (!p.noDot || !strings.HasPrefix(f, ".")) && (!p.nonEmpty || f != "") && p.re.MatchString(f)
		}
		if !hit {
			return false
		}
	}
	switch {
	case fi == len(file) && pi == len(pattern):
		return true
	case fi == len(file):
		return false
	default:
		return fi == len(file)-1 && file[fi] == ""
	}
}

// refBraceExpand is brace-expansion as the port had it: recursive, each
// list cut at 100,000.
func refBraceExpand(str string) []string {
	if str == "" {
		return nil
	}
	if strings.HasPrefix(str, "{}") {
		str = `\{\}` + str[2:]
	}
	out := refBraceRec(braceEscape.Replace(str), true, 0)
	for i, s := range out {
		out[i] = braceUnescape.Replace(s)
	}
	return out
}

const refBraceMax = 100000

func refBraceRec(str string, isTop bool, depth int) []string {
	if depth > 100 {
		return []string{str}
	}
	a, z, ok := balancedRange(str)
	if !ok {
		return []string{str}
	}
	pre, body, post := str[:a], str[a+1:z], str[z+1:]
	if strings.HasSuffix(pre, "$") {
		return []string{str}
	}
	isAlpha := alphaSeq.MatchString(body)
	isSeq := numericSeq.MatchString(body) || isAlpha
	if !isSeq && !strings.Contains(body, ",") {
		if commaLater.MatchString(post) {
			return refBraceRec(pre+"{"+body+escClose+post, false, depth+1)
		}
		return []string{str}
	}
	var n []string
	if isSeq {
		n = strings.Split(body, "..")
	} else {
		n = refCommaParts(body)
		if len(n) == 1 {
			n = refBraceRec(n[0], false, depth+1)
			for i := range n {
				n[i] = "{" + n[i] + "}"
			}
			if len(n) == 1 {
				posts := []string{""}
				if post != "" {
					posts = refBraceRec(post, false, depth+1)
				}
				var out []string
				for _, p := range posts {
					out = append(out, pre+n[0]+p)
				}
				return out
			}
		}
	}
	posts := []string{""}
	if post != "" {
		posts = refBraceRec(post, false, depth+1)
	}
	var values []string
	if isSeq {
		values = refSequence(n, isAlpha)
	} else {
		for _, el := range n {
			values = append(values, refBraceRec(el, false, depth+1)...)
			if len(values) > refBraceMax {
				break
			}
		}
	}
	var out []string
	for _, v := range values {
		for _, p := range posts {
			e := pre + v + p
			if !isTop || isSeq || e != "" {
				out = append(out, e)
			}
			if len(out) >= refBraceMax {
				return out
			}
		}
	}
	return out
}

func refCommaParts(str string) []string {
	if str == "" {
		return []string{""}
	}
	a, z, ok := balancedRange(str)
	if !ok {
		return strings.Split(str, ",")
	}
	pre, body, post := str[:a], str[a+1:z], str[z+1:]
	p := strings.Split(pre, ",")
	p[len(p)-1] += "{" + body + "}"
	if post != "" {
		postParts := refCommaParts(post)
		p[len(p)-1] += postParts[0]
		p = append(p, postParts[1:]...)
	}
	return p
}

func refSequence(n []string, isAlpha bool) []string {
	x, y := braceNumeric(n[0]), braceNumeric(n[1])
	width := max(len(n[0]), len(n[1]))
	incr := 1
	if len(n) == 3 {
		incr = max(abs(braceNumeric(n[2])), 1)
	}
	if y < x {
		incr = -incr
	}
	pad := slices.ContainsFunc(n, paddedNum.MatchString)
	var out []string
	for i := x; (incr > 0 && i <= y) || (incr < 0 && i >= y); i += incr {
		var c string
		if isAlpha {
			if c = string(rune(i)); c == `\` {
				c = ""
			}
		} else if c = strconv.Itoa(i); pad && len(c) < width {
			z := strings.Repeat("0", width-len(c))
			if i < 0 {
				c = "-" + z + c[1:]
			} else {
				c = z + c
			}
		}
		out = append(out, c)
		if len(out) >= refBraceMax || incr > 0 && i > math.MaxInt-incr || incr < 0 && i < math.MinInt-incr {
			break
		}
	}
	return out
}

// TestBraceExpandReference: the expander within its budget gives what the
// recursive port gave; and what brace-expansion 1.1.11 gives where the
// port had it wrong (the expansion after a "{a}" with a "," later, which
// keeps empty results: 0 differences from it over 58,737 random inputs,
// run with node outside the tests).
func TestBraceExpandReference(t *testing.T) {
	for _, s := range braceSeeds {
		checkBraceExpand(t, s)
	}
	for s, want := range map[string][]string{
		"{1..3}{}{a,b}-,,}": {"1}a-", "1}b-", "1", "1", "2}a-", "2}b-", "2", "2", "3}a-", "3}b-", "3", "3"},
		"{a}{}{},}":         {"a}{}{}", ""},
	} {
		if got, _ := braceExpand(s, newGlobBudget()); !slices.Equal(got, want) {
			t.Errorf("braceExpand(%q) = %q, want %q", s, got, want)
		}
	}
}

var braceSeeds = []string{
	"", "a", "{a,b}", "a{b,c}d", "{a,b}{c,d}", "{1..3}", "{3..1}", "{01..10..3}", "{-2..2}", "{a..e..2}",
	"{Z..b}", "{a,{b,c}}", "{{a,b}}", "{a},b}", "x{}y", "{}x", "${a,b}", "{a,b}$", `\{a,b}`, `{a\,b}`,
	`{a,b\}`, "{,}", "{,a}", "a{,}", "{a,,b}", "{a..}", "{1..2..0}", "{1..x}", "{{,}}", "{a,b}/{c,d}/*.{png,jpg}",
	"img/*.{png,js}", "**/{a,b}/**", "{a{b,c},d}", "{a,b{c,d}e,f}", "{9223372036854775806..9223372036854775807}",
	"{-9223372036854775807..-9223372036854775808}", "{1..5..-2}", "{a,{}", "{a,}}", "}{a,b}{",
	"{0..0001}", "{-01..1}", "{a..c}{1..2}", "{x,y}{}", "{{}{}{},a}", "{1..3}{}{a,b}-,,}", "{a}{}{},}",
}

func checkBraceExpand(t *testing.T, s string) {
	b := newGlobBudget()
	got, cut := braceExpand(s, b)
	if len(got) > GlobMaxPatterns || b.work < 0 {
		t.Fatalf("%q: %d patterns, %d work left", s, len(got), b.work)
	}
	n := 0
	for _, g := range got {
		n += len(g) + 1
	}
	if n > GlobMaxWork {
		t.Fatalf("%q: %d bytes", s, n)
	}
	if len(s) > 200 || cut && len(s) > 40 {
		return // the reference would take long: its lists hold up to 100,000
	}
	want := refBraceExpand(s)
	if !cut {
		if !slices.Equal(got, want) {
			t.Fatalf("braceExpand(%q)\n got %q\nwant %q", s, got, want)
		}
		return
	}
	// cut: some of what the reference gives, each once at most as often
	have := map[string]int{}
	for _, w := range want {
		have[w]++
	}
	for _, g := range got {
		if have[g] == 0 {
			t.Fatalf("braceExpand(%q) cut gives %q, which the reference does not", s, g)
		}
		have[g]--
	}
}

// FuzzBraceExpand: the expander never panics, stays within its budget and,
// when the budget does not cut it, gives what the recursive port gives;
// when it does, some of it.
func FuzzBraceExpand(f *testing.F) {
	for _, s := range braceSeeds {
		f.Add(s)
	}
	f.Add(strings.Repeat("{a,b}", 12))
	f.Add("{1..100000}*q*z")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			return
		}
		checkBraceExpand(t, s)
	})
}

// FuzzGlob: the matcher against the recursive port (whenever that takes
// fewer than a million steps), against path.Match on the syntax both share,
// and within (names+1) × (parts+1) steps for each alternative of the
// pattern.
func FuzzGlob(f *testing.F) {
	for _, c := range [][2]string{
		{"**/*.png", "a/b/c.png"}, {"*.png", "x.png"}, {"docs/**", "docs/b.js"}, {"docs/*", "docs/sub/c.png"},
		{"**/test*", "img/test-up.js"}, {"/docs/**", "/docs/b.js"}, {"img/*.{png,js}", "img/a.js"},
		{"**/docs/**", "a/docs/d.js"}, {"!**/*.js", "a.png"}, {"a/**/**/b/**", "a/x/.y/b/c"},
		{"**/**/**/**/nomatch", "a/b/c/d/e/f/g/h"}, {"[a-c]?x*", "bqxyz"}, {"a/[^b]/c", "a/x/c"},
		{"*/**/*", "a/"}, {"**", ".a/b"}, {"a/**", "a/"}, {"+(a|b)c", "abac"}, {"@(x|y)/*", "x/z"},
		{"?(a)b", "b"}, {"*(a|b)", ""}, {"a/*/", "a/b/"}, {"[abc", "[abc"}, {"a\\*b", "a*b"},
		{"**/.x/**", "a/.x/b"}, {".*", ".hidden"}, {"a//b", "a/b"}, {"#x", "#x"}, {" a ", "a"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, pattern, file string) {
		if len(pattern) > 200 || len(file) > 400 {
			return
		}
		m := newMinimatch(pattern)
		steps := 0
		got := m.matchCounting(file, &steps)
		names := len(splitSlashes(file))
		bound := 0
		for _, alt := range m.set {
			bound += (names + 1) * (len(alt) + 1)
		}
		if steps > bound {
			t.Fatalf("minimatch(%q, %q): %d steps, bound %d", file, pattern, steps, bound)
		}
		if !m.cut {
			if want, ok := refMatchLimited(refCompile(pattern), file, 1_000_000); ok && got != want {
				t.Fatalf("minimatch(%q, %q) = %v, the recursive port %v", file, pattern, got, want)
			}
		}
		if sharedSyntax(pattern) && plainPath(file) {
			want, err := path.Match(pattern, file)
			if err == nil && got != want {
				t.Fatalf("minimatch(%q, %q) = %v, path.Match %v", file, pattern, got, want)
			}
		}
	})
}

// sharedClass is a class both read alike: letters, digits and ranges of
// them in order, maybe negated with "^".
var sharedClass = regexp.MustCompile(`^\[\^?(?:[a-z0-9](?:-[a-z0-9])?)+\]`)

// sharedSyntax reports whether minimatch and path.Match read pattern
// alike: names of letters, digits, ".", "-", "_" (not starting with "."),
// "*", "?" and simple classes; no braces, no "**" name, no extglob, no
// escapes, no empty name.
func sharedSyntax(pattern string) bool {
	if pattern == "" {
		return false
	}
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "" || seg == "**" || seg[0] == '.' {
			return false
		}
		for i := 0; i < len(seg); i++ {
			switch c := seg[i]; {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '-', c == '_', c == '*', c == '?':
			case c == '[':
				cl := sharedClass.FindString(seg[i:])
				if cl == "" {
					return false
				}
				for k := 1; k+2 < len(cl); k++ {
					if cl[k+1] == '-' && cl[k] > cl[k+2] {
						return false // a range out of order: minimatch reads it as text
					}
				}
				i += len(cl) - 1
			default:
				return false
			}
		}
	}
	return true
}

// plainPath reports whether a path has no empty name and no name that
// starts with a dot (which "*" matches for path.Match and not minimatch).
func plainPath(file string) bool {
	if file == "" || !utf8.ValidString(file) {
		return false
	}
	for _, seg := range strings.Split(file, "/") {
		if seg == "" || seg[0] == '.' {
			return false
		}
	}
	return true
}
