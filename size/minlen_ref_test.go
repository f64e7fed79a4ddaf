package size

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	mjs "github.com/tdewolff/minify/v2/js"

	"github.com/chattool-lint/chattool-lint/internal/corpus"
)

// The reference minifiedLen is measured against: tdewolff's JavaScript
// minifier, which Built ran on every script until minifiedLen replaced it
// (six times slower; calibrated against the compiler within 3.5% per
// package of the demo, where minifiedLen is within 2.6%).

// jsMinifier is tdewolff's, printing no ES2015+ syntax the source does not
// have (terser's default ecma: 5): strings do not become template literals.
var jsMinifier = &mjs.Minifier{Version: 5}

// toplevelWrap: terser runs with toplevel: true, mangling the names a file
// declares at its top level and dropping those it does not use; tdewolff
// leaves the top level of a script alone, as a browser's global scope, so a
// script (not a module: import and export cannot go in a function) is
// minified inside a function, whose frame is then taken off.
var toplevelWrap = [2]string{"(function(){", "\n})"}

// minifyJS minifies JavaScript with tdewolff's minifier into out (reset
// first), using in for a copy of code (its parser writes to the buffer it
// reads), and returns the minified code, in out.
func minifyJS(out, in *bytes.Buffer, code []byte) ([]byte, bool) {
	out.Reset()
	out.Grow(len(code) / 2)
	in.Reset()
	in.Grow(len(code) + len(toplevelWrap[0]) + len(toplevelWrap[1]) + 1)
	if !moduleSyntax(code) {
		in.WriteString(toplevelWrap[0])
		in.Write(code)
		in.WriteString(toplevelWrap[1])
		if jsMinifier.Minify(minifier, out, in, nil) == nil {
			b := out.Bytes()
			if bytes.HasPrefix(b, []byte(toplevelWrap[0])) && bytes.HasSuffix(b, []byte("})")) {
				return b[len(toplevelWrap[0]) : len(b)-len("})")], true
			}
			return b, true
		}
		out.Reset()
		in.Reset()
	}
	in.Write(code)
	if jsMinifier.Minify(minifier, out, in, nil) != nil {
		return nil, false
	}
	return out.Bytes(), true
}

// bufPool recycles the buffers of minifyJS.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// moduleSyntax reports whether code has the words import or export, not
// as part of a longer name or a property (module.exports) and not as a
// dynamic import(): whether it may be an ES module (a word in a comment or
// a string counts too).
func moduleSyntax(code []byte) bool {
	for _, w := range [][]byte{[]byte("import"), []byte("export")} {
		for i := 0; ; {
			j := bytes.Index(code[i:], w)
			if j < 0 {
				break
			}
			j += i
			i = j + len(w)
			if j > 0 && (isIdent(code[j-1]) || code[j-1] == '.') {
				continue
			}
			if i < len(code) && (isIdent(code[i]) || code[i] == '(' || code[i] == '.') {
				continue
			}
			return true
		}
	}
	return false
}

// TestMinifiedLen compares minifiedLen with tdewolff's minifier over the
// scripts of each package of the npm corpus and of the demo: within 6% over
// every package (a file alone may be further off either way).
func TestMinifiedLen(t *testing.T) {
	compareModel(t, "minifiedLen", 6, "js", func(p string) bool { return strings.HasSuffix(p, ".js") },
		func(src []byte) (int, int, bool) {
			out, ok := minifyJS(new(bytes.Buffer), new(bytes.Buffer), src)
			ts, _ := tokenizeJS(src)
			return len(out), ts.minifiedLen(), ok
		})
}

// compareModel sums, by package, what a length model (model) and the
// minifier it stands for (ref) make of each file of the npm corpus that
// keep accepts and of the demo's files of kind, and fails a package whose
// sums differ by more than tol percent.
func compareModel(t *testing.T, name string, tol float64, kind string, keep func(string) bool, measure func(src []byte) (ref, model int, ok bool)) {
	t.Helper()
	groups := map[string][2]int{} // package: ref, model
	add := func(group string, src []byte) {
		if ref, model, ok := measure(src); ok {
			g := groups[group]
			groups[group] = [2]int{g[0] + ref, g[1] + model}
		}
	}
	files, _ := corpus.Load(t, "", keep)
	for _, f := range files {
		rel, _ := filepath.Rel(corpus.Dir(), f.Path)
		pkg, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		add("npm "+pkg, f.Src)
	}
	if demo, _, order := demoFilesIfAny(t); demo != nil {
		for _, pkg := range order {
			for _, f := range demo[pkg] {
				if f.kind == kind && f.compiled == "" {
					add("demo "+pkg, f.src)
				}
			}
		}
	}
	var names []string
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)
	for _, g := range names {
		v := groups[g]
		diff := float64(v[1]-v[0]) / float64(max(v[0], 1)) * 100
		t.Logf("%-45s minifier %9d model %9d %+6.2f%%", g, v[0], v[1], diff)
		if math.Abs(diff) > tol {
			t.Errorf("%s: %s %d, tdewolff %d: %+.2f%%", g, name, v[1], v[0], diff)
		}
	}
}

func BenchmarkMinifiedLen(b *testing.B) {
	files, total := corpus.Load(b, "", func(p string) bool { return strings.HasSuffix(p, ".js") })
	b.SetBytes(total)
	for _, impl := range []struct {
		name string
		f    func([]byte) int
	}{
		{"model", func(src []byte) int { // as builtJSMin runs it
			return withTokens(src, func(ts *jsToks, _ int) int { return ts.minifiedLen() })
		}},
		{"tdewolff", func(src []byte) int {
			out, _ := minifyJS(new(bytes.Buffer), new(bytes.Buffer), src)
			return len(out)
		}},
	} {
		b.Run(impl.name, func(b *testing.B) {
			for b.Loop() {
				for _, f := range files {
					impl.f(f.Src)
				}
			}
		})
	}
}

// demoFilesIfAny is demoFiles of the demo's own settings, or nil when the
// demo or the oracle's output is not there.
func demoFilesIfAny(t testing.TB) (map[string][]demoFile, map[string]int64, []string) {
	for _, p := range []string{demoOracle, demoRoot} {
		if _, err := os.Stat(p); err != nil {
			return nil, nil, nil
		}
	}
	return demoFiles(t, demoOracle)
}

// TestCSSMinLen compares cssMinLen with tdewolff's CSS minifier over the
// style sheets of each package of the npm corpus and of the demo, with
// their @keyframes blocks (keyframesBytes of the minifier's output), as
// builtWXSS counts them: within 1.5% over every package (0.5% when
// written).
func TestCSSMinLen(t *testing.T) {
	compareModel(t, "cssMinLen", 1.5, "wxss", func(p string) bool { return strings.HasSuffix(p, ".wxss") || strings.HasSuffix(p, ".css") },
		func(src []byte) (int, int, bool) {
			var buf bytes.Buffer
			err := cssMinifier.Minify("css", &buf, bytes.NewReader(src))
			n, kf := cssMinLen(src)
			return buf.Len() + keyframesBytes(buf.Bytes()), n + kf, err == nil
		})
}

// cssMinifier is tdewolff's CSS minifier, which cssMinLen models.
var cssMinifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("css", css.Minify)
	return m
}()

// keyframesBytes returns the bytes of the @keyframes blocks of minified CSS
// plus "-webkit-" for each: what their prefixed copies take.
func keyframesBytes(css []byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.Index(css[i:], []byte("@keyframes"))
		if j < 0 {
			return n
		}
		start := i + j
		depth, k := 0, start
		for ; k < len(css); k++ {
			if css[k] == '{' {
				depth++
			} else if css[k] == '}' {
				depth--
				if depth == 0 {
					k++
					break
				}
			}
		}
		n += k - start + len("-webkit-")
		i = k
	}
}

// FuzzCSSMinLen: cssMinLen takes any bytes, and never counts more than
// there are.
func FuzzCSSMinLen(f *testing.F) {
	for _, s := range []string{
		".a { margin: 0px 0rpx 0.50em 10.0px; color: #FFFFFF; }",
		"@keyframes x { 0% { opacity: 0 } } .e{} url( data:a%3D ) url('a')",
		"/*! keep */ a{font-weight:bold;;} /* open", "url(", "#", "@", "'", "0.", "-.5e",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, kf := cssMinLen(src)
		if n < 0 || n > len(src) || kf < 0 {
			t.Fatalf("cssMinLen = %d, %d for %d bytes", n, kf, len(src))
		}
	})
}
