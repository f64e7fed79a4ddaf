package size

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/corpus"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
)

func TestBuiltRawKinds(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n not really")
	for _, s := range []Settings{{}, {ES6: true, Minify: true, MinifyWXSS: true, MinifyWXML: true}} {
		if got := Built("other", "", png, s); got != int64(len(png)) {
			t.Errorf("other: %d, want %d", got, len(png))
		}
		wxs := []byte("var f = function (a) {\n  return a + 1;\n}\nmodule.exports = { f: f };\n")
		if got := Built("wxs", "", wxs, s); got != int64(len(wxs)) {
			t.Errorf("wxs: %d, want %d (uploaded as is)", got, len(wxs))
		}
	}
	js := []byte("Page({\n  data: { x: 1 },\n  onLoad() {\n    // comment\n    this.setData({ x: 2 })\n  }\n})\n")
	if got := Built("js", "", js, Settings{}); got != int64(len(js)) {
		t.Errorf("js without es6/minified: %d, want %d (not touched)", got, len(js))
	}
	if got := Built("js", "", js, Settings{Minify: true}); got >= int64(len(js)) {
		t.Errorf("minified js: %d, want less than %d", got, len(js))
	}
}

func TestBuiltSyntaxErrorCountsRaw(t *testing.T) {
	bad := []byte("function (( {{ oops")
	s := Settings{ES6: true, Minify: true, MinifyWXSS: true, MinifyWXML: true, CompileWorklet: true}
	// (tdewolff's CSS minifier takes anything, so no CSS here.)
	for _, kind := range []string{"js", "json"} {
		for _, compiled := range []string{"", "typescript"} {
			if got := Built(kind, compiled, bad, s); got != int64(len(bad)) {
				t.Errorf("%s/%s: %d, want the raw %d", kind, compiled, got, len(bad))
			}
		}
	}
}

func TestBuiltNeverPanics(t *testing.T) {
	inputs := [][]byte{nil, {}, []byte("<"), []byte("<a b='"), []byte("<a b=>"), []byte("{{"), []byte("<text>"),
		[]byte("<wxs>"), []byte("<!--"), []byte("'worklet'"), []byte("{'worklet'"), []byte("/"), []byte("`"),
		[]byte("{\"a\":"), []byte("\"\\"), []byte("@import '"), []byte("a{b:c"), []byte("\xff\xfe\x00")}
	kinds := []string{"js", "wxss", "wxml", "wxs", "json", "other", ""}
	comps := []string{"", "typescript", "ts", "less", "sass", "scss"}
	all := Settings{ES6: true, Minify: true, MinifyWXSS: true, MinifyWXML: true, CompileWorklet: true}
	for _, in := range inputs {
		for _, k := range kinds {
			for _, c := range comps {
				for _, s := range []Settings{{}, all} {
					if n := Built(k, c, in, s); n < 0 {
						t.Errorf("Built(%q, %q, %q) = %d", k, c, in, n)
					}
				}
			}
		}
	}
}

// FuzzBuilt checks that Built never panics and never returns a negative
// size, whatever the input.
func FuzzBuilt(f *testing.F) {
	for _, seed := range []string{"<view a='{{ x }}'>t</view>", "a{b:c}@keyframes k{0%{a:b}}", "{\"usingComponents\":{\"a\":\"b\"}}",
		"const f = () => { 'worklet'; return 1 }", "class A extends B { async m() { await x } }", "export * from './x'"} {
		f.Add(seed)
	}
	all := Settings{ES6: true, Minify: true, MinifyWXSS: true, MinifyWXML: true, CompileWorklet: true}
	f.Fuzz(func(t *testing.T, src string) {
		for _, k := range []string{"js", "wxss", "wxml", "json"} {
			for _, s := range []Settings{{ES6: true, CompileWorklet: true}, all} {
				if n := Built(k, "", []byte(src), s); n < 0 {
					t.Fatalf("Built(%q) = %d", k, n)
				}
			}
		}
		// Without Built's recover:
		b := []byte(src)
		workletBodies(b, true)
		workletBodies(b, false)
		countJS(b)
		compactLen(b)
		minifyWXML(b)
		builtJSON(b)
		keyframesBytes(b)
		stripLineComments(b)
	})
}

// TestBuiltConcurrent: Built is safe for concurrent use (run with -race).
func TestBuiltConcurrent(t *testing.T) {
	s := Settings{ES6: true, Minify: true, MinifyWXSS: true, MinifyWXML: true, CompileWorklet: true}
	inputs := [][2]string{
		{"js", "export const f = async () => { 'worklet'; await g() }"},
		{"wxss", ".a { display: flex; }"},
		{"wxml", "<view> {{ a }} </view>"},
		{"json", "{ \"component\": true }"},
	}
	want := make([]int64, len(inputs))
	for i, in := range inputs {
		want[i] = Built(in[0], "", []byte(in[1]), s)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				if got := Built(in[0], "", []byte(in[1]), s); got != want[i] {
					t.Errorf("Built(%s) = %d concurrently, %d alone", in[0], got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

func TestMinifyWXML(t *testing.T) {
	// Checked against miniprogram-ci 2.1.42 with minifyWXML on.
	src := `<!-- a comment -->
<view   class="  a   b  {{ x ? 'c' : 'd' }}  "   style=" color : red ; margin : 0  auto ; "  data-x = "{{ [1, 2, 3] }}" >
  <text>  keep   these
    spaces  </text>
  <text decode space="nbsp">a  b</text>
  hello    world   {{ a + b }}   tail
  <view>{{ 'a  b' }}</view>
  <input value='{{ v }}' bindinput = "onInput" />
  <wxs module="m">
    var f = function (a) {
      return a + 1;
    }
    module.exports = { f: f };
  </wxs>
  <view>{{m.f( 1 )}}</view>
  <view wx:for="{{list}}" wx:key="*this">{{index}}: {{item}}</view>
  <template name="t"><view> {{x}} </view></template>
</view>
`
	want := `<view class="  a   b  {{x?'c':'d'}}  " style="color:red ;margin:0 auto ;" data-x="{{[1,2,3]}}"><text>  keep   these
    spaces  </text><text decode space="nbsp">a  b</text>hello world {{a+b}} tail<view>{{'a  b'}}</view><input value='{{v}}' bindinput="onInput"/><wxs module="m">
var f = function (a) {
return a + 1;
}
module.exports = { f: f };
</wxs><view>{{m.f(1)}}</view><view wx:for="{{list}}" wx:key="*this">{{index}}: {{item}}</view><template name="t"><view>{{x}}</view></template></view>`
	if got := string(minifyWXML([]byte(src))); got != want {
		t.Errorf("minifyWXML:\n%s\nwant\n%s", got, want)
	}
	if got := Built("wxml", "", []byte(src), Settings{}); got != int64(len(src)) {
		t.Errorf("wxml without minifyWXML: %d, want %d", got, len(src))
	}
}

func TestBuiltJSON(t *testing.T) {
	for _, c := range []struct {
		src  string
		want string // what the compiler uploads
	}{
		// Page and component configuration: compact, usingComponents added.
		{"{\n  \"navigationBarTitleText\": \"b\"\n}\n", `{"navigationBarTitleText":"b","usingComponents":{}}`},
		{"{}\n", `{"usingComponents":{}}`},
		{"{\n  \"component\": true,\n  \"usingComponents\": {\n    \"x\": \"../x/x\"\n  }\n}", `{"component":true,"usingComponents":{"x":"../x/x"}}`},
		// Other JSON is uploaded as is.
		{"{\n  \"name\": \"x\",\n  \"version\": \"1.0.0\"\n}\n", "{\n  \"name\": \"x\",\n  \"version\": \"1.0.0\"\n}\n"},
		{"[1, 2, 3]\n", "[1, 2, 3]\n"},
	} {
		if got := Built("json", "", []byte(c.src), Settings{}); got != int64(len(c.want)) {
			t.Errorf("Built(json, %q) = %d, want %d (%s)", c.src, got, len(c.want), c.want)
		}
	}
}

func TestWorkletBodies(t *testing.T) {
	src := "const f = () => {\n 'worklet'\n return {a: `x${1}`} // }\n}\nconst r = /[}]/g\nfunction g(){ \"worklet\"; if (a) { b() } }\nfunction h(){ x('worklet') }"
	got := workletBodies([]byte(src), false)
	if len(got) != 2 {
		t.Fatalf("workletBodies: %q, want 2 bodies", got)
	}
	methods := "Page({ a() { 'worklet'; return 1 }, b: function () { 'worklet' } })"
	if n := len(workletBodies([]byte(methods), false)); n != 1 {
		t.Errorf("workletBodies without ES5: %d bodies, want 1 (methods are not transformed)", n)
	}
	if n := len(workletBodies([]byte(methods), true)); n != 2 {
		t.Errorf("workletBodies with ES5: %d bodies, want 2", n)
	}
	if n := compactLen(got[1]); n != len(`"worklet";if(a){b()}`) {
		t.Errorf("compactLen(%q) = %d", got[1], n)
	}
}

// TestWorkletLocation: where the worklet transform says a worklet starts
// (" (line:col)" after its __location path; a method's factory has the
// path alone), as miniprogram-ci 2.1.42 wrote it for this source.
func TestWorkletLocation(t *testing.T) {
	src := "const { shared } = wx.worklet\n\nfunction outer(a) {\n  'worklet'\n  return a + 1\n}\n\n" +
		"const arrow = (x) => {\n  'worklet'\n  return x * 2\n}\n\nPage({\n  data: {},\n  onLoad() {\n" +
		"    const fn = function (y) {\n      'worklet'\n      const inner = () => {\n        'worklet'\n        return y\n      }\n" +
		"      return inner()\n    }\n    this.fn = fn\n  },\n  handle(e) {\n    'worklet'\n    this.x.value = e.detail.y\n  },\n})\n"
	var got []string
	for _, w := range workletsOf([]byte(src), true) {
		if w.method != nil {
			got = append(got, string(w.method))
			continue
		}
		got = append(got, fmt.Sprint(locationSuffixLen([]byte(src), w.start)))
	}
	// (3:0), (8:14), the inner (18:20) closes first, then (16:15).
	want := []string{"6", "7", "8", "8", "handle"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("worklet locations: %v, want %v", got, want)
	}
	if n := locationSuffixLen([]byte("a\n\u4e2d\U0001F600 () => {"), len("a\n\u4e2d\U0001F600 ")); n != len(" (2:4)") {
		t.Errorf("locationSuffixLen counts UTF-16 units: %d", n)
	}
}

// TestBabelLayout: babelLayoutLen against what miniprogram-ci 2.1.42
// printed of this source (compileWorklet on, es6 and minification off:
// Babel runs for the 'worklet' string, with no transform of its own),
// 604 bytes with "use strict" and its blank line.
func TestBabelLayout(t *testing.T) {
	src := "// a leading comment\nconst tag = 'worklet'\nconst data = { a: 1, b: [1, 2, { c: 3 }], d: { e: 'x' }, }\n" +
		"let x = 1, y = 2\nvar z\n\nfunction f(a, b) { return a + b }\n\n/* block\n   comment */\n" +
		"const g = function (p) {\n    if (p)\n        return 1\n    else return 2\n}\n\n" +
		"wx.createSelectorQuery()\n  .select('.a')\n  .exec()\n\n" +
		"switch (x) {\n  case 1:\n    y = 2\n    break\n  default: {\n    y = 3\n  }\n}\n\n" +
		"class A {\n  m() { return this }\n  n() {}\n}\n\n" +
		"for (let i = 0; i < 3; i++) { x += i }\nconst h = (q) => ({ q, r: q })  // trailing\n" +
		"Page({\n  data: {\n\n  },\n  onLoad() {\n    f(\n      1,\n      2,\n    )\n  },\n})\n"
	const built = 604 - len("\"use strict\";\n\n")
	if n := babelLayoutLen([]byte(src)); n < built-10 || n > built+10 {
		t.Errorf("babelLayoutLen = %d, Babel printed %d", n, built)
	}
}

// TestTerserSavings: what terser saves beyond minLen, construct by
// construct, and on a whole page against miniprogram-ci 2.1.42 (es6 off,
// minified: 205 bytes).
func TestTerserSavings(t *testing.T) {
	for _, c := range []struct {
		src                   string
		terser, consts, hoist int
	}{
		{"const f = function () { 'worklet'; a() }", len("'worklet';"), 0, 0},
		{"function f() { 'use strict'; a() }", 0, 0, 0},
		{"const f = (t) => { return t }", len("(){return }"), 0, 0},
		{"const f = (t) => { return { t } }", len("(){return}") - len("()"), 0, 0},
		{"x({ m(a) { return a + 1 } })", len("(){return }") - len(":=>"), 0, 0},
		{"x({ m(a) { return this.a } })", 0, 0, 0},
		// used once: in its place; used twice, a number: in both places
		{"const s = 'abc'; f(s)", 0, len("s='abc';s") - len("'abc'") + len("const "), 0},
		{"const r = 12; f(r, r)", 0, len("r=12;rr") - len("1212") + len("const "), 0},
		{"const s = 'a long string'; f(s, s, s)", 0, 0, 0},
		{"export const r = 12; f(r)", 0, 0, 0},
		// First used once, Second twice, Third never
		{"const K = { First: 'k1', Second: 'k2', Third: 'k3' }; f(K.First, K.Second, K.Second)", 0, 0,
			len("const K={First:'k1',Second:'k2',Third:'k3'};K.FirstK.SecondK.Second") - len("const a='k2';'k1'aa")},
		{"const K = { First: 'k1' }; f(K)", 0, 0, 0},
		{"const K = { First: 'k1' }; K.First = 2", 0, 0, 0},
	} {
		ts, _ := tokenizeJS([]byte(c.src))
		if n := ts.terserSavings(true); n != c.terser {
			t.Errorf("%s: terserSavings %d, want %d", c.src, n, c.terser)
		}
		if n := ts.constSavings(); n != c.consts {
			t.Errorf("%s: constSavings %d, want %d", c.src, n, c.consts)
		}
		if n := ts.hoistSavings(); n != c.hoist {
			t.Errorf("%s: hoistSavings %d, want %d", c.src, n, c.hoist)
		}
	}
	page := "const Kind = {\n  First: 'kind://first',\n  Second: 'kind://second',\n  Third: 'kind://third',\n  Unused: 'kind://unused',\n}\n" +
		"const radius = 12\nconst shadow = '0 0 4px rgba(0, 0, 0, 0.5)'\n\nconst square = (v) => {\n  'worklet'\n  return v * v\n}\n\n" +
		"const twice = (f) => (x) => f(f(x))\n\nPage({\n  data: {\n    a: Kind.First,\n    b: Kind.Second,\n    c: Kind.Second,\n" +
		"    d: Kind.Third,\n    e: Kind.Third,\n  },\n  onLoad() {\n    const make = (n) => {\n      return { n, r: radius, s: shadow }\n    }\n" +
		"    this.setData({ v: twice(square)(3), m: make(radius) })\n  },\n})\n"
	if n := Built("js", "", []byte(page), Settings{Minify: true}); n < 205-15 || n > 205+15 {
		t.Errorf("Built = %d, the compiler 205", n)
	}
}

func TestSettingsOf(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app.json", `{"pages":["pages/index/index"]}`)
	write("project.config.json", `{"setting":{"enhance":true,"minified":true,"postcss":true,"minifyWXML":false,"compileWorklet":true}}`)
	p, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Settings{ES6: true, Minify: true, MinifyWXSS: true, CompileWorklet: true}
	if got := SettingsOf(p); got != want {
		t.Errorf("SettingsOf = %+v, want %+v", got, want)
	}
	if got := SettingsOf(nil); got != (Settings{}) {
		t.Errorf("SettingsOf(nil) = %+v", got)
	}
}

// BenchmarkBuilt estimates every uploaded file of the demo's chat-tool
// subpackage with the demo's settings, then the files of each kind.
func BenchmarkBuilt(b *testing.B) {
	files, _, _ := demoFiles(b, demoOracle)
	fs := files["packageChatTool"]
	if len(fs) == 0 {
		b.Skip("no packageChatTool")
	}
	s := Settings{ES6: true, Minify: true, MinifyWXSS: true, MinifyWXML: true, CompileWorklet: true}
	run := func(b *testing.B, kind string) {
		var total int64
		var sel []demoFile
		for _, f := range fs {
			if kind == "" || f.kind == kind {
				sel = append(sel, f)
				total += int64(len(f.src))
			}
		}
		b.SetBytes(total)
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range sel {
				Built(f.kind, f.compiled, f.src, s)
			}
		}
	}
	b.Run("all", func(b *testing.B) { run(b, "") })
	for _, k := range []string{"js", "wxss", "wxml", "json"} {
		b.Run(k, func(b *testing.B) { run(b, k) })
	}
}

// TestFitJSMin refits the per-construct costs of minified JavaScript with
// es6 on (methodMin, classMin, asyncMin, awaitMin, importMin, arrowMin,
// templateMin) by least squares over the demo's built .js files: what the
// compiler built less minifiedLen's estimate of the minified source, the
// CommonJS marker and the worklet cost. Run with CHATTOOL_SIZE_FIT=1 -v.
func TestFitJSMin(t *testing.T) {
	if os.Getenv("CHATTOOL_SIZE_FIT") == "" {
		t.Skip("CHATTOOL_SIZE_FIT not set")
	}
	files, _, _ := demoFiles(t, demoOracle)
	var X [][]float64
	var y []float64
	var out, built float64
	for _, fs := range files {
		for _, f := range fs {
			if f.kind != "js" || f.compiled != "" {
				continue
			}
			b, err := os.ReadFile(filepath.Join(demoBuilt, f.mp))
			if err != nil {
				continue
			}
			ts, _ := tokenizeJS(f.src)
			n, c := ts.minifiedLen(), ts.count()
			X = append(X, []float64{float64(c.methods), float64(c.classes), float64(c.async), float64(c.await), float64(c.imports), float64(c.arrows), float64(c.templates)})
			y = append(y, float64(len(b))-float64(n)*factorTerser-float64(cjsCost(c, true))-workletCost(f.src, true, workletFixed, workletBody))
			out += float64(n)
			built += float64(len(b))
		}
	}
	t.Logf("%d files, %.0f bytes minified, %.0f built", len(y), out, built)
	t.Logf("method, class, async, await, import, arrow, template: %.1f", leastSquares(X, y))
}

// leastSquares solves X b ≈ y by the normal equations.
func leastSquares(X [][]float64, y []float64) []float64 {
	k := len(X[0])
	A := make([][]float64, k)
	for i := range A {
		A[i] = make([]float64, k+1)
	}
	for r, row := range X {
		for i := 0; i < k; i++ {
			for j := 0; j < k; j++ {
				A[i][j] += row[i] * row[j]
			}
			A[i][k] += row[i] * y[r]
		}
	}
	for i := 0; i < k; i++ {
		p := i
		for r := i + 1; r < k; r++ {
			if math.Abs(A[r][i]) > math.Abs(A[p][i]) {
				p = r
			}
		}
		A[i], A[p] = A[p], A[i]
		if A[i][i] == 0 {
			continue
		}
		for r := 0; r < k; r++ {
			if r != i {
				f := A[r][i] / A[i][i]
				for c := i; c <= k; c++ {
					A[r][c] -= f * A[i][c]
				}
			}
		}
	}
	b := make([]float64, k)
	for i := range b {
		if A[i][i] != 0 {
			b[i] = A[i][k] / A[i][i]
		}
	}
	return b
}

// TestBuiltDeep: scripts nested past jsparse's limits count at their raw
// size, never reaching esbuild or tdewolff's parser, whose recursion a few
// million levels deep overflows the stack (a crash no recover catches).
func TestBuiltDeep(t *testing.T) {
	const n = 4 << 20
	all := Settings{ES6: true, Minify: true, CompileWorklet: true}
	for _, src := range []string{
		"f = " + strings.Repeat("a => ", n/5) + "1",
		"a = " + strings.Repeat("!", n) + "1",
		"a = x" + strings.Repeat(".b", n/2),
		strings.Repeat("a=", n/2) + "1",
	} {
		for _, compiled := range []string{"", "typescript"} {
			if got := Built("js", compiled, []byte(src), all); got != int64(len(src)) {
				t.Errorf("Built(%.12q...) = %d, want its size %d", src, got, len(src))
			}
		}
	}
}

// TestCompileTS: the size estimate takes the JavaScript jsparse compiled
// a TypeScript file to, whose transform keeps the imports used only as
// types and leaves out class fields without a value; over the corpus's
// TypeScript (and the folders CHATTOOL_TS_DIRS lists: with the demo and
// liubai, 200 files and +0.01%) it is as long as esbuild's default
// transform within half a percent.
func TestCompileTS(t *testing.T) {
	files, _ := corpus.Load(t, "CHATTOOL_TS_DIRS", func(p string) bool {
		return strings.HasSuffix(p, ".ts") && !strings.HasSuffix(p, ".d.ts") && !strings.Contains(p, "node_modules")
	})
	var own, parsed, n int
	for _, f := range files {
		js := jsparse.Parse(f.Src, jsparse.TS)
		if js.Err != nil {
			continue
		}
		a, ok := compileTS(f.Src, scriptVerdict{})
		b, ok2 := compileTS(f.Src, verdictOf(js))
		if !ok || !ok2 {
			t.Errorf("%s: jsparse compiles it, compileTS does not", f.Path)
			continue
		}
		own, parsed, n = own+len(a), parsed+len(b), n+1
	}
	if n == 0 {
		t.Skip("no TypeScript")
	}
	d := 100 * float64(parsed-own) / float64(own)
	t.Logf("%d files: esbuild %d bytes, jsparse's %d (%+.2f%%)", n, own, parsed, d)
	if d > 0.5 || d < -0.5 {
		t.Errorf("jsparse's JavaScript is %+.2f%% off esbuild's default transform", d)
	}
}
