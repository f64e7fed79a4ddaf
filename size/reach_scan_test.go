package size

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The regular expressions the scans of a script stand for (see
// reach_scan.go).
var (
	callStartRE  = regexp.MustCompile(`(?:^|[^.\w$])(require|import)\s*\(\s*`)
	asyncCallRE  = regexp.MustCompile(`(?:^|[^.\w$])require\s*\.\s*async\s*\(\s*`)
	tsImportRE   = regexp.MustCompile(`(?:\bfrom|\bimport)\s*["']([^"'\n]+)["']`)
	codeStringRE = regexp.MustCompile(`["'` + "`" + `]([^"'` + "`" + `\s{}()<>$]+\.(?:json|js|ts|wxml|wxss|wxs|less|scss|sass))(?:[?#][^"'` + "`" + `]*)?["'` + "`" + `]`)
)

// scanByRE is scanScript with the regular expressions.
func scanByRE(code []byte, ts bool) *scriptScan {
	sc := &scriptScan{}
	for _, loc := range callStartRE.FindAllSubmatchIndex(code, -1) {
		if !literalArg(code[loc[1]:]) && !declared(code[:loc[2]]) {
			sc.computed = true
			break
		}
	}
	for _, loc := range asyncCallRE.FindAllIndex(code, -1) {
		rest := code[loc[1]:]
		a := asyncLoad{literal: literalArg(rest)}
		if a.literal {
			a.spec, a.quoted = quoted(rest)
		}
		sc.async = append(sc.async, a)
	}
	if ts {
		for _, m := range tsImportRE.FindAllSubmatch(code, -1) {
			sc.types = append(sc.types, string(m[1]))
		}
	}
	for _, m := range codeStringRE.FindAllSubmatch(code, -1) {
		sc.strings = append(sc.strings, string(m[1]))
	}
	return sc
}

// sameScan checks the scans of code against the regular expressions',
// match by match.
func sameScan(t testing.TB, code []byte) bool {
	t.Helper()
	kws, ends := calls(code, false)
	var want []int
	for _, loc := range callStartRE.FindAllSubmatchIndex(code, -1) {
		want = append(want, loc[2], loc[1])
	}
	if got := interleave(kws, ends); !reflect.DeepEqual(got, want) {
		t.Errorf("%q: callStart at %v, want %v", code, got, want)
		return false
	}
	_, ends = calls(code, true)
	want = nil
	for _, loc := range asyncCallRE.FindAllIndex(code, -1) {
		want = append(want, loc[1])
	}
	if !reflect.DeepEqual(ends, want) {
		t.Errorf("%q: asyncCall ends at %v, want %v", code, ends, want)
		return false
	}
	for _, ts := range []bool{false, true} {
		if got, want := scanScript(code, ts), scanByRE(code, ts); !reflect.DeepEqual(got, want) {
			t.Errorf("%q (ts %v): scan %+v, want %+v", code, ts, got, want)
			return false
		}
	}
	return true
}

func interleave(a, b []int) []int {
	var out []int
	for i := range a {
		out = append(out, a[i], b[i])
	}
	return out
}

var scanSeeds = []string{
	"", "require", "require(", "require('./a')", "x.require('a')", "$require(x)", "_import(x)",
	"import('./a.js')", "import  (\n name)", "require(require(x))", "a=require ( './b' ),c=import(`./${d}`)",
	"function require(id) {}", "require.async('./a.js').then()", "require . async ( name )", "require.asyncx(",
	"x.require.async('a')", "é require('a')", "\xe4require('a')", "\xe4\xb8require(a)", "importrequire(a)",
	"import x from './a'", "export * from \"../b\"", "import type { T } from './t'", "fromage'x'", "datafrom './x'",
	"import './side.ts'", "from '\n'", "from ''", "from 'a\"", "import\t\"x\"from'y'",
	"'a.js'", "\"/pages/a/index.wxml\"", "`x.json`", "'a.b.js'", "'a.jsonp'", "'a.json?x=1'", "'a.js#top\n more \"",
	"'a.js?x", "'.js'", "'x.wxss' 'y.wxs'", "'a.js''b.ts'", "'hello' 'a.js'", "'a b.js'", "'a{b}.js'",
	"'a.less'", "'a.scss?'", "'a.sass#'", "'x.wxml.js'", "'x.js.wxml'", "'..js'", "'a..js'", "'é.js'",
	"'\xff.js'", "'a.js?\"'", "`${a}.js`", "'a.js?q' + 'b.ts'",
}

func TestScanSeeds(t *testing.T) {
	for _, s := range scanSeeds {
		sameScan(t, []byte(s))
	}
}

// TestScanRandom puts the seeds' pieces together at random.
func TestScanRandom(t *testing.T) {
	pieces := []string{"require", "import", "from", "async", ".", "(", ")", " ", "\n", "'", "\"", "`", "?", "#",
		"$", "{", "}", "a", "x.", ".js", ".json", ".ts", ".wxs", ".wxss", ".wxml", ".less", "function", "é", "\xe4", "\t", "/", "_", "${"}
	r := rand.New(rand.NewPCG(1, 19))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		var b strings.Builder
		for range 1 + r.IntN(24) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if !sameScan(t, []byte(b.String())) {
			return
		}
	}
}

// TestScanFiles scans the scripts of the example, and of the official
// demo when the machine has a copy (CHATTOOL_LSP_DEMO, as for the
// language server's benchmarks).
func TestScanFiles(t *testing.T) {
	dirs := []string{"../testdata"}
	if d := os.Getenv("CHATTOOL_LSP_DEMO"); d != "" {
		dirs = append(dirs, d)
	}
	n := 0
	for _, dir := range dirs {
		_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch filepath.Ext(p) {
			case ".js", ".ts", ".wxs", ".txtar":
			default:
				return nil
			}
			b, err := os.ReadFile(p)
			if err == nil {
				n++
				if !sameScan(t, b) {
					t.Fatalf("in %s", p)
				}
			}
			return nil
		})
	}
	t.Logf("%d files", n)
}

func FuzzScanScript(f *testing.F) {
	for _, s := range scanSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, code []byte) { sameScan(t, code) })
}

// BenchmarkScanScript scans the scripts of the official demo
// (CHATTOOL_LSP_DEMO), by hand and (/re) with the regular expressions.
func BenchmarkScanScript(b *testing.B) {
	dir := os.Getenv("CHATTOOL_LSP_DEMO")
	if dir == "" {
		b.Skip("no CHATTOOL_LSP_DEMO")
	}
	var files [][]byte
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (filepath.Ext(p) == ".js" || filepath.Ext(p) == ".ts") {
			if src, err := os.ReadFile(p); err == nil {
				files = append(files, src)
			}
		}
		return nil
	})
	for _, by := range []struct {
		name string
		scan func([]byte, bool) *scriptScan
	}{{"hand", scanScript}, {"re", scanByRE}} {
		b.Run(by.name, func(b *testing.B) {
			for range b.N {
				for _, src := range files {
					by.scan(src, false)
				}
			}
		})
	}
}
