package project

import (
	"math"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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
		finishes(t, 10*time.Second, func() {
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
		set = braceExpand(pattern)
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
		if want, ok := refMatchLimited(refCompile(pattern), file, 1_000_000); ok && got != want {
			t.Fatalf("minimatch(%q, %q) = %v, the recursive port %v", file, pattern, got, want)
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
