package size

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
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

func TestPackageOverhead(t *testing.T) {
	es6 := Settings{ES6: true}
	if n := PackageOverhead(true, 100, Settings{Minify: true}); n != 0 {
		t.Errorf("without es6: %d, want 0", n)
	}
	if n := PackageOverhead(false, 100, es6); n != 0 {
		t.Errorf("ordinary subpackage: %d, want 0", n)
	}
	if n := PackageOverhead(true, 0, es6); n != 0 {
		t.Errorf("no files: %d, want 0", n)
	}
	one, many := PackageOverhead(true, 1, es6), PackageOverhead(true, 1000, es6)
	if !(0 < one && one < many && many <= 16580) {
		t.Errorf("overhead 1 file %d, 1000 files %d: want 0 < 1 file < 1000 files <= 16580", one, many)
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

// The calibration against Tencent's compiler: /tmp/demo-built is the official
// demo with npm built, /tmp/oracle-demo*.json what miniprogram-ci 2.1.42 made
// of it (bench/mpci-oracle.js --files). Until project.Upload exists, the
// uploaded files are the oracle's fileList, each mapped back to its source.

const (
	demoDir  = "/tmp/demo-built"
	demoRoot = "/tmp/demo-built/miniprogram/"
)

type oraclePackage struct {
	Package  string   `json:"package"`
	Bytes    int64    `json:"bytes"`
	FileList []string `json:"fileList"`
}

type demoFile struct {
	mp, source, kind, compiled, pkg string
	src                             []byte
}

// demoFiles returns the uploaded files the oracle lists that have a source,
// by package, and the oracle's package sizes.
func demoFiles(t testing.TB, oracle string) (map[string][]demoFile, map[string]int64, []string) {
	b, err := os.ReadFile(oracle)
	if err != nil {
		t.Skipf("no oracle output: %v", err)
	}
	if _, err := os.Stat(demoRoot); err != nil {
		t.Skipf("no demo: %v", err)
	}
	var o struct{ Packages []oraclePackage }
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	files := map[string][]demoFile{}
	sizes := map[string]int64{}
	var order []string
	for _, p := range o.Packages {
		order = append(order, p.Package)
		sizes[p.Package] = p.Bytes
		for _, mp := range p.FileList {
			f, ok := demoSource(mp)
			if !ok {
				continue // generated: Babel helpers, project.config.json
			}
			f.pkg = p.Package
			if f.src, err = os.ReadFile(demoRoot + f.source); err != nil {
				t.Fatal(err)
			}
			files[p.Package] = append(files[p.Package], f)
		}
	}
	return files, sizes, order
}

func demoSource(mp string) (demoFile, bool) {
	ext := path.Ext(mp)
	f := demoFile{mp: mp, source: mp, kind: "other"}
	switch ext {
	case ".js", ".wxss", ".wxml", ".wxs", ".json":
		f.kind = ext[1:]
	}
	if _, err := os.Stat(demoRoot + mp); err == nil {
		return f, true
	}
	base := strings.TrimSuffix(mp, ext)
	alts := map[string][][2]string{
		".js":   {{".ts", "typescript"}},
		".wxss": {{".less", "less"}, {".scss", "sass"}, {".sass", "sass"}},
	}[ext]
	for _, a := range alts {
		if _, err := os.Stat(demoRoot + base + a[0]); err == nil {
			f.source, f.compiled = base+a[0], a[1]
			return f, true
		}
	}
	return f, false
}

// calibrationKind groups files for the per-kind report.
func calibrationKind(f demoFile) string {
	switch {
	case f.compiled != "":
		return f.compiled
	case f.kind == "js" && strings.Contains(f.mp, "miniprogram_npm/"):
		return "js (npm)"
	}
	return f.kind
}

func checkDemo(t *testing.T, oracle, compiledDir string, s Settings, failAbove float64) {
	files, sizes, order := demoFiles(t, oracle)
	p, err := project.Load(demoDir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkPackages(t, p, files, sizes, order, compiledDir, s, failAbove)
}

// checkPackages compares the estimate of each package, from its files, with
// the oracle's size, logs both and the sums per kind.
func checkPackages(t *testing.T, p *project.Project, files map[string][]demoFile, sizes map[string]int64, order []string, compiledDir string, s Settings, failAbove float64) {
	independent := map[string]bool{"__APP__": true}
	for _, sp := range p.Subpackages {
		independent[sp.Root] = sp.Independent()
	}
	// Helpers of ordinary subpackages land in the main package.
	jsFiles := map[string]int{}
	for pkg, fs := range files {
		to := pkg
		if !independent[pkg] {
			to = "__APP__"
		}
		for _, f := range fs {
			if f.kind == "js" {
				jsFiles[to]++
			}
		}
	}
	type kindSum struct{ n, raw, est, built int64 }
	kinds := map[string]*kindSum{}
	t.Logf("settings %+v", s)
	t.Logf("%-24s %10s %10s %10s %7s %9s", "package", "raw", "estimate", "oracle", "diff", "overhead")
	var totEst, totOracle int64
	for _, pkg := range order {
		var raw, est int64
		for _, f := range files[pkg] {
			n := Built(f.kind, f.compiled, f.src, s)
			raw += int64(len(f.src))
			est += n
			k := kinds[calibrationKind(f)]
			if k == nil {
				k = &kindSum{}
				kinds[calibrationKind(f)] = k
			}
			k.n++
			k.raw += int64(len(f.src))
			k.est += n
			if st, err := os.Stat(filepath.Join(compiledDir, f.mp)); err == nil {
				k.built += st.Size()
			}
		}
		over := PackageOverhead(independent[pkg], jsFiles[pkg], s)
		est += over
		diff := float64(est-sizes[pkg]) / float64(sizes[pkg]) * 100
		totEst += est
		totOracle += sizes[pkg]
		t.Logf("%-24s %10d %10d %10d %+6.2f%% %9d", pkg, raw, est, sizes[pkg], diff, over)
		if math.Abs(diff) > failAbove {
			t.Errorf("%s: estimate %d, oracle %d: %+.2f%%, beyond ±%.0f%%", pkg, est, sizes[pkg], diff, failAbove)
		}
	}
	t.Logf("%-24s %10s %10d %10d %+6.2f%%", "total", "", totEst, totOracle, float64(totEst-totOracle)/float64(totOracle)*100)
	var ks []string
	for k := range kinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	t.Logf("%-10s %5s %10s %10s %10s %8s", "kind", "files", "raw", "estimate", "built", "built/est")
	for _, k := range ks {
		v := kinds[k]
		t.Logf("%-10s %5d %10d %10d %10d %8.4f", k, v.n, v.raw, v.est, v.built, float64(v.built)/float64(v.est))
	}
}

// TestCalibrationDemo compares the estimate with the compiler on the demo
// with its own settings (es6, minified, minifyWXSS, minifyWXML).
func TestCalibrationDemo(t *testing.T) {
	if _, err := os.Stat(demoDir); err != nil {
		t.Skip("no /tmp/demo-built")
	}
	p, err := project.Load(demoDir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkDemo(t, "/tmp/oracle-demo2.json", "/tmp/demo-compiled", SettingsOf(p), 5)
}

// TestCalibrationDemoUpload is TestCalibrationDemo with the files
// project.Upload says WeChat uploads instead of the oracle's list: the
// estimate as the size rule computes it.
func TestCalibrationDemoUpload(t *testing.T) {
	_, sizes, order := demoFiles(t, "/tmp/oracle-demo2.json")
	p, err := project.Load(demoDir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]demoFile{}
	for _, f := range p.Upload().Files {
		pkg := "__APP__"
		if f.Package != nil {
			pkg = f.Package.Root
		}
		src, err := os.ReadFile(filepath.Join(demoDir, p.MP(f.Source)))
		if err != nil {
			t.Fatal(err)
		}
		files[pkg] = append(files[pkg], demoFile{mp: f.MP, source: f.Source, kind: f.Kind, compiled: f.Compiled, pkg: pkg, src: src})
	}
	checkPackages(t, p, files, sizes, order, "/tmp/demo-compiled", SettingsOf(p), 5)
}

// TestCalibrationDemoSettings compares the estimate with the compiler run
// with other settings; each subtest runs when its output exists:
//
//	cd /tmp && NODE_PATH=/tmp/mpci/node_modules node mpci-oracle.js /tmp/demo-built --files \
//	  --setting '<setting>' --save /tmp/demo-compiled-<name> > /tmp/oracle-demo-<name>.json
//
// (--setting replaces the project's settings: those not given are off. The
// CI key for setting.minified is minifyJS; "minified" is ignored.)
func TestCalibrationDemoSettings(t *testing.T) {
	for _, c := range []struct {
		name string
		s    Settings
	}{
		{"raw", Settings{}}, // {"es6":false,"minified":false,"minifyWXSS":false,"minifyWXML":false}
		{"minonly", Settings{Minify: true, MinifyWXSS: true, MinifyWXML: true}}, // {"es6":false,"minifyJS":true,"minifyWXSS":true,"minifyWXML":true}
		{"es6only", Settings{ES6: true}},                                        // {"es6":true,"minifyJS":false,"minifyWXSS":false,"minifyWXML":false}
		{"prefixonly", Settings{MinifyWXSS: true}},                              // {"autoPrefixWXSS":true}: postcss runs cssnano too
		{"workletonly", Settings{CompileWorklet: true}},                         // {"compileWorklet":true}
	} {
		t.Run(c.name, func(t *testing.T) {
			oracle := fmt.Sprintf("/tmp/oracle-demo-%s.json", c.name)
			checkDemo(t, oracle, "/tmp/demo-compiled-"+c.name, c.s, 5)
		})
	}
}

// BenchmarkBuilt estimates every uploaded file of the demo's chat-tool
// subpackage with the demo's settings, then the files of each kind.
func BenchmarkBuilt(b *testing.B) {
	files, _, _ := demoFiles(b, "/tmp/oracle-demo2.json")
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
	files, _, _ := demoFiles(t, "/tmp/oracle-demo2.json")
	var X [][]float64
	var y []float64
	var out, built float64
	for _, fs := range files {
		for _, f := range fs {
			if f.kind != "js" || f.compiled != "" {
				continue
			}
			b, err := os.ReadFile(filepath.Join("/tmp/demo-compiled", f.mp))
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
