package size

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// readCounts counts the reads of each file of one project: by the front
// ends (ReadEach, as its observers hear them) and by the size check.
type readCounts struct {
	mu    sync.Mutex
	p     *project.Project
	reads map[string][]string // path → who read it
}

var counting struct {
	once sync.Once
	mu   sync.Mutex
	c    *readCounts
}

// countReads counts the reads of p's files until the test ends.
func countReads(t *testing.T, p *project.Project) *readCounts {
	rc := &readCounts{p: p, reads: map[string][]string{}}
	counting.once.Do(func() {
		project.ObserveReads(func(p *project.Project, f *project.File, _ []byte) { counted(p, f.Path, "a front end") })
	})
	counting.mu.Lock()
	counting.c = rc
	counting.mu.Unlock()
	onRead = func(p *project.Project, rel string) { counted(p, rel, "the size check") }
	t.Cleanup(func() {
		onRead = nil
		counting.mu.Lock()
		counting.c = nil
		counting.mu.Unlock()
	})
	return rc
}

func counted(p *project.Project, rel, who string) {
	counting.mu.Lock()
	rc := counting.c
	counting.mu.Unlock()
	if rc == nil || rc.p != p {
		return
	}
	rc.mu.Lock()
	rc.reads[rel] = append(rc.reads[rel], who)
	rc.mu.Unlock()
}

// writeTree writes files (path → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		abs := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readOnceProject is a project with settings under which every estimate
// needs the file's bytes, and scripts that parse, that do not, and that
// nest too deep.
func readOnceProject(t *testing.T, settings string) string {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"project.config.json": `{"compileType": "miniprogram", "setting": ` + settings + `}`,
		"app.json":            `{"pages": ["pages/a/a"], "subpackages": [{"root": "sub", "pages": ["p/p"]}]}`,
		"app.js":              "App({ async onLaunch() { const f = () => 1; class A { m() { return [...arguments] } } } })\n",
		"app.wxss":            ".a { color: red; display: flex; }\n/* c */\n",
		"pages/a/a.js":        "import u from '../../utils/u'\nPage({ data: { x: `${u}` }, async onLoad() { await u() } })\n",
		"pages/a/a.json":      `{"usingComponents": {}}`,
		"pages/a/a.wxml":      "<view class=\"a\">  {{ x }}  </view>\n<!-- c -->\n",
		"pages/a/a.wxss":      ".b {  margin : 0 ; }\n",
		"pages/a/bad.js":      "function (( {\n",
		"pages/a/deep.js":     "x = " + strings.Repeat("[", 1200) + strings.Repeat("]", 1200) + "\n",
		"utils/u.js":          "export default async function u() { for (const k of [1, 2]) { await k } }\n",
		"utils/m.wxs":         "module.exports = { a: 1 }\n",
		"data/d.json":         `{"k": [1, 2, 3], "name": "data"}`,
		"sub/p/p.js":          "Page({ onLoad() { const { a, ...b } = this.data } })\n",
		"sub/p/p.json":        `{}`,
		"sub/p/p.wxml":        "<text>  hi  </text>\n",
		"sub/p/p.wxss":        "@keyframes k { from { opacity: 0 } }\n",
	})
	return dir
}

// lintSize loads the project at dir and lints it with a rule that needs
// the size check and every front end, and returns its report.
func lintSize(t *testing.T, dir string, opts project.Options, before func(p *project.Project)) *Report {
	t.Helper()
	p, err := project.Load(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if before != nil {
		before(p)
	}
	var r *Report
	rule := &lint.Rule{
		Analyzer: &analysis.Analyzer{
			Name:     "sizeof",
			Doc:      "keeps the size report",
			Requires: []*analysis.Analyzer{Analyzer, wxml.Analyzer, wxss.Analyzer},
			Run:      func(pass *analysis.Pass) (any, error) { r = Of(pass); return nil, nil },
		},
		Doc: &lint.Doc{Name: "sizeof"},
	}
	if _, err := lint.Run(p, []*lint.Rule{rule}); err != nil {
		t.Fatal(err)
	}
	if r == nil {
		t.Fatal("no size report")
	}
	return r
}

// summary is what a report says, file by file.
func summary(r *Report) string {
	var b strings.Builder
	for _, pkg := range append(append([]*Package(nil), r.Packages...), &r.Total) {
		fmt.Fprintf(&b, "%q built %d raw %d overhead %d bounded %v helpers %v\n", pkg.Root, pkg.BuiltBytes, pkg.RawBytes, pkg.Overhead, pkg.Bounded, pkg.Helpers)
		for _, f := range pkg.Files {
			fmt.Fprintf(&b, "\t%s %d needs %d %v\n", f.Source, f.Built, f.needs, f.needsKnown)
		}
	}
	return b.String()
}

// TestReadOnce: in a lint run, the size check reads no file a front end
// has read, nor any file twice, and its report is the one it makes
// reading every file itself.
func TestReadOnce(t *testing.T) {
	for _, c := range []struct{ name, settings string }{
		{"minified", `{"es6": true, "minified": true, "minifyWXSS": true, "minifyWXML": true}`},
		{"es6", `{"es6": true, "minifyWXSS": true}`}, // scripts not minified: esbuild
	} {
		t.Run(c.name, func(t *testing.T) { testReadOnce(t, readOnceProject(t, c.settings)) })
	}
}

func testReadOnce(t *testing.T, dir string) {
	for _, limits := range []struct {
		name    string
		budgets project.Budgets
	}{
		{"over", project.Budgets{Package: 100, Total: 100}}, // every file estimated
		{"under", project.Budgets{}},                        // scripts bounded
	} {
		opts := project.Options{Budgets: limits.budgets}
		// What the check reports reading every file itself: told nothing.
		want := summary(lintSize(t, dir, opts, func(p *project.Project) { take(p, SettingsOf(p)) }))
		cacheDir := t.TempDir()
		for _, run := range []struct {
			name  string
			cache string
		}{{"no cache", ""}, {"cache written", cacheDir}, {"cache read", cacheDir}} {
			t.Run(limits.name+"/"+run.name, func(t *testing.T) {
				o := opts
				o.CacheDir = run.cache
				var rc *readCounts
				got := summary(lintSize(t, dir, o, func(p *project.Project) { rc = countReads(t, p) }))
				if got != want {
					t.Errorf("report:\n%s\nwant, reading every file:\n%s", got, want)
				}
				rc.check(t)
			})
		}
	}
}

// check fails the test for a file read twice, or a file of a front end
// read by the size check.
func (rc *readCounts) check(t *testing.T) {
	t.Helper()
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for rel, who := range rc.reads {
		if len(who) > 1 {
			t.Errorf("%s read %d times: by %s", rel, len(who), strings.Join(who, ", "))
		}
	}
	for _, rel := range []string{"pages/a/a.js", "pages/a/deep.js", "pages/a/a.wxml", "sub/p/p.wxss"} {
		if len(rc.reads[rel]) != 1 || rc.reads[rel][0] != "a front end" {
			t.Errorf("%s read by %v, want a front end", rel, rc.reads[rel])
		}
	}
}

// TestHeardDropped: what the check learned of a project goes with it.
func TestHeardDropped(t *testing.T) {
	count := func() int {
		n := 0
		projects.Range(func(any, any) bool { n++; return true })
		return n
	}
	dir := readOnceProject(t, `{"es6": true}`)
	before := count()
	lintSize(t, dir, project.Options{}, nil)
	if count() <= before {
		t.Fatalf("%d projects heard of, want more than %d", count(), before)
	}
	for range 100 {
		runtime.GC()
		if count() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d projects heard of once gone, want %d", count(), before)
}
