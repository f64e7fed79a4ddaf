package project

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/jsonc"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

// TestMinimatch compares the port with minimatch 3.0.4 itself: the expected
// results in testdata/minimatch.json were produced by running that copy (the
// one miniprogram-ci 2.1.42 loads) over every pattern × path pair.
func TestMinimatch(t *testing.T) {
	src, err := os.ReadFile("testdata/minimatch.json")
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Paths []string
		Cases []struct {
			Pattern string
			Matches []int
		}
	}
	if err := json.Unmarshal(src, &data); err != nil {
		t.Fatal(err)
	}
	for _, c := range data.Cases {
		m := newMinimatch(c.Pattern)
		want := map[int]bool{}
		for _, i := range c.Matches {
			want[i] = true
		}
		if m.unsupported != "" {
			t.Logf("%q: unsupported (%s); minimatch matches %d paths", c.Pattern, m.unsupported, len(c.Matches))
			continue
		}
		for i, p := range data.Paths {
			if got := m.match(p); got != want[i] {
				t.Errorf("minimatch(%q, %q) = %v, want %v", p, c.Pattern, got, want[i])
			}
		}
	}
}

// TestUploadDemoOracle compares the model with Tencent's compiler on the
// official demo (npm built): the set of uploaded paths of every package must
// equal the oracle's fileList of that package, but for the files the compiler
// writes itself (Babel runtime helpers under @babel/, source maps, its own
// project.config.json); and every source the oracle did not pack must be
// skipped by the model or compiled into another path. It runs when
// /tmp/demo-built and /tmp/oracle-demo2.json exist (see
// shared/bench/README.md and mpci-oracle.js --files).
func TestUploadDemoOracle(t *testing.T) {
	const dir, oracle = "/tmp/demo-built", "/tmp/oracle-demo2.json"
	src, err := os.ReadFile(oracle)
	if err != nil {
		t.Skipf("no oracle output: %v", err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no demo: %v", err)
	}
	var o struct {
		Packages []struct {
			Package  string
			FileList []string
		}
		NotPacked struct {
			Files []struct{ File, Reason string }
		}
	}
	if err := json.Unmarshal(src, &o); err != nil {
		t.Fatal(err)
	}
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	u := p.Upload()
	generated := func(f string) bool {
		return strings.HasPrefix(f, "@babel/") || strings.Contains(f, "/@babel/") ||
			strings.HasSuffix(f, ".js.map") || f == "project.config.json"
	}
	for _, pk := range o.Packages {
		var sp *Subpackage
		if pk.Package != "__APP__" {
			for _, s := range p.Subpackages {
				if s.Root == pk.Package {
					sp = s
				}
			}
			if sp == nil {
				t.Errorf("package %s: not in app.json", pk.Package)
				continue
			}
		}
		want := map[string]bool{}
		for _, f := range pk.FileList {
			if !generated(f) {
				want[f] = true
			}
		}
		got := map[string]bool{}
		for _, f := range u.Package(sp) {
			got[f.MP] = true
			if !want[f.MP] {
				t.Errorf("package %s: the model uploads %s (from %s), the compiler does not", pk.Package, f.MP, f.Source)
			}
		}
		for f := range want {
			if !got[f] {
				t.Errorf("package %s: the compiler uploads %s, the model does not", pk.Package, f)
			}
		}
		t.Logf("package %-24s %4d files match", pk.Package, len(got))
	}
	sources := map[string]bool{}
	for _, f := range u.Files {
		sources[f.Source] = true
	}
	skipped := map[string]*SkippedFile{}
	for _, s := range u.Skipped {
		skipped[s.MP] = s
	}
	for _, np := range o.NotPacked.Files {
		if skipped[np.File] == nil && !sources[np.File] {
			t.Errorf("the compiler leaves out %s (%s); the model neither skips nor compiles it", np.File, np.Reason)
		}
	}
	reasons := map[string]int{}
	for _, s := range u.Skipped {
		reasons[s.Reason]++
	}
	for r, n := range reasons {
		t.Logf("skipped %4d × %s", n, r)
	}
}

// writeProject writes files (path → content; content "->target" makes a
// symlink) into a new temp directory and returns it.
func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, content := range files {
		abs := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if err := os.Symlink(target, abs); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func projectConfig(miniRoot, setting, packOptions string) string {
	return fmt.Sprintf(`{"appid": "wx0000000000000000", "compileType": "miniprogram", "miniprogramRoot": %q, "setting": %s, "packOptions": %s}`,
		miniRoot, setting, packOptions)
}

// packFixture is the mini program the packOptions cases run on (the files of
// the oracle fixture /tmp/upfx/rich).
func packFixture() map[string]string {
	return map[string]string{
		"app.json":               `{"pages": ["pages/index/index"], "subpackages": [{"root": "sub", "pages": ["pages/p/p"]}]}`,
		"app.js":                 "App({})\n",
		"pages/index/index.js":   "Page({})\n",
		"pages/index/index.json": "{}\n",
		"pages/index/index.wxml": "<view>hi</view>\n",
		"sub/pages/p/p.js":       "Page({})\n",
		"sub/pages/p/p.json":     "{}\n",
		"sub/pages/p/p.wxml":     "<view>p</view>\n",
		"sub/docs/s.js":          "x\n",
		"docs/a.md":              "# doc\n",
		"docs/b.js":              "x\n",
		"docs/sub/c.png":         "PNG",
		"a/docs/d.js":            "x\n",
		"a/test-x.png":           "PNG",
		"b/X.PNG":                "PNG",
		"b/y.png":                "PNG",
		"c/d/e.js":               "module.exports=1\n",
		"c/d/e.json":             "{}\n",
		"c/m.wxs":                "var x=1\n",
		"c/s.wxss":               ".a{}\n",
		"c/t.wxml":               "<view/>\n",
		"a.webp":                 "W",
		"img/Logo.png":           "P",
		"img/logo-small.png":     "P",
		"img/test.png":           "P",
		"img/Test-Up.js":         "x\n",
		"test-root.js":           "x\n",
		"data.json":              "{}\n",
	}
}

// packBase is what the oracle uploads of packFixture with no packOptions
// (its own project.config.json aside).
var packBase = []string{"a/docs/d.js", "a/test-x.png", "app.js", "app.json", "b/y.png", "c/d/e.js", "c/d/e.json",
	"c/m.wxs", "c/s.wxss", "c/t.wxml", "data.json", "docs/b.js", "docs/sub/c.png", "img/Logo.png", "img/Test-Up.js",
	"img/logo-small.png", "img/test.png", "pages/index/index.js", "pages/index/index.json", "pages/index/index.wxml",
	"sub/docs/s.js", "sub/pages/p/p.js", "sub/pages/p/p.json", "sub/pages/p/p.wxml", "test-root.js"}

func uploadedMPs(u *Upload) []string {
	var out []string
	for _, f := range u.Files {
		out = append(out, f.MP)
	}
	return out
}

func minus(a, b []string) []string {
	drop := map[string]bool{}
	for _, s := range b {
		drop[s] = true
	}
	out := []string{}
	for _, s := range a {
		if !drop[s] {
			out = append(out, s)
		}
	}
	return out
}

// TestPackOptions runs every packOptions type on packFixture. Each "removed"
// list is what Tencent's compiler (miniprogram-ci 2.1.42 through
// mpci-oracle.js --files) removed from packBase with that packOptions.
func TestPackOptions(t *testing.T) {
	cases := []struct {
		name, ignore, include string
		removed               []string
		problems              int
	}{
		// folder: whole leading folder names of the path, "/" optional on either side, any case
		{"folder", `{"type": "folder", "value": "docs"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"folder slashes", `{"type": "folder", "value": "/docs/"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"folder case", `{"type": "folder", "value": "DOCS"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"folder nested", `{"type": "folder", "value": "c/d"}`, "", []string{"c/d/e.js", "c/d/e.json"}, 0},
		{"folder partial name", `{"type": "folder", "value": "doc"}`, "", nil, 0},
		{"folder subpackage", `{"type": "folder", "value": "sub"}`, "", []string{"sub/docs/s.js", "sub/pages/p/p.js", "sub/pages/p/p.json", "sub/pages/p/p.wxml"}, 0},
		// file: the whole path, "/" optional, any case
		{"file", `{"type": "file", "value": "c/d/e.js"}`, "", []string{"c/d/e.js"}, 0},
		{"file case and slash", `{"type": "file", "value": "/C/D/E.JS"}`, "", []string{"c/d/e.js"}, 0},
		{"file base name", `{"type": "file", "value": "e.js"}`, "", nil, 0},
		{"file dot slash", `{"type": "file", "value": "./c/d/e.js"}`, "", nil, 0},
		{"file page wxml", `{"type": "file", "value": "pages/index/index.wxml"}`, "", []string{"pages/index/index.wxml"}, 0},
		{"file app.json", `{"type": "file", "value": "app.json"}`, "", nil, 0},
		// suffix: end of the base name, any case
		{"suffix", `{"type": "suffix", "value": ".png"}`, "", []string{"a/test-x.png", "b/y.png", "docs/sub/c.png", "img/Logo.png", "img/logo-small.png", "img/test.png"}, 0},
		{"suffix case", `{"type": "suffix", "value": ".PNG"}`, "", []string{"a/test-x.png", "b/y.png", "docs/sub/c.png", "img/Logo.png", "img/logo-small.png", "img/test.png"}, 0},
		{"suffix of name", `{"type": "suffix", "value": "X.png"}`, "", []string{"a/test-x.png"}, 0},
		{"suffix with folder", `{"type": "suffix", "value": "d/e.js"}`, "", nil, 0},
		// prefix: start of the base name, any case
		{"prefix", `{"type": "prefix", "value": "test"}`, "", []string{"a/test-x.png", "img/Test-Up.js", "img/test.png", "test-root.js"}, 0},
		{"prefix case", `{"type": "prefix", "value": "TEST"}`, "", []string{"a/test-x.png", "img/Test-Up.js", "img/test.png", "test-root.js"}, 0},
		{"prefix with folder", `{"type": "prefix", "value": "a/test"}`, "", nil, 0},
		{"prefix folder only", `{"type": "prefix", "value": "img/"}`, "", nil, 0},
		// regexp: unanchored, on the path and on "/"+path, lower-cased first
		{"regexp", `{"type": "regexp", "value": "\\.png$"}`, "", []string{"a/test-x.png", "b/y.png", "docs/sub/c.png", "img/Logo.png", "img/logo-small.png", "img/test.png"}, 0},
		{"regexp anchored", `{"type": "regexp", "value": "^docs/"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"regexp leading slash", `{"type": "regexp", "value": "^/docs"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"regexp case", `{"type": "regexp", "value": "E\\.JS"}`, "", []string{"c/d/e.js", "c/d/e.json"}, 0},
		{"regexp lower-cased escape", `{"type": "regexp", "value": "\\Wtest"}`, "", nil, 0},
		{"regexp exact", `{"type": "regexp", "value": "^c/d/e\\.js$"}`, "", []string{"c/d/e.js"}, 0},
		{"regexp look-ahead", `{"type": "regexp", "value": "(?=x)png"}`, "", nil, 1},
		// glob: minimatch
		{"glob globstar", `{"type": "glob", "value": "**/*.png"}`, "", []string{"a/test-x.png", "b/y.png", "docs/sub/c.png", "img/Logo.png", "img/logo-small.png", "img/test.png"}, 0},
		{"glob top level", `{"type": "glob", "value": "*.png"}`, "", nil, 0},
		{"glob folder", `{"type": "glob", "value": "docs/**"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"glob one level", `{"type": "glob", "value": "docs/*"}`, "", []string{"docs/b.js"}, 0},
		{"glob name", `{"type": "glob", "value": "**/test*"}`, "", []string{"a/test-x.png", "img/Test-Up.js", "img/test.png", "test-root.js"}, 0},
		{"glob case", `{"type": "glob", "value": "DOCS/**/*"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"glob leading slash", `{"type": "glob", "value": "/docs/**"}`, "", []string{"docs/b.js", "docs/sub/c.png"}, 0},
		{"glob braces", `{"type": "glob", "value": "img/*.{png,js}"}`, "", []string{"img/Logo.png", "img/Test-Up.js", "img/logo-small.png", "img/test.png"}, 0},
		{"glob bare folder", `{"type": "glob", "value": "docs"}`, "", nil, 0},
		{"glob any folder", `{"type": "glob", "value": "**/docs/**"}`, "", []string{"a/docs/d.js", "docs/b.js", "docs/sub/c.png", "sub/docs/s.js"}, 0},
		{"glob dot slash", `{"type": "glob", "value": "./docs/**"}`, "", nil, 0},
		{"glob negated", `{"type": "glob", "value": "!**/*.js"}`, "", []string{"a/test-x.png", "b/y.png", "c/d/e.json", "c/m.wxs", "c/s.wxss", "c/t.wxml", "data.json", "docs/sub/c.png", "img/Logo.png", "img/logo-small.png", "img/test.png", "pages/index/index.json", "pages/index/index.wxml", "sub/pages/p/p.json", "sub/pages/p/p.wxml"}, 0},
		// other types match nothing
		{"unknown type", `{"type": "bogus", "value": "docs"}`, "", nil, 0},
		// include wins over ignore, and adds nothing else
		{"include file", `{"type": "folder", "value": "docs"}`, `{"type": "file", "value": "docs/b.js"}`, []string{"docs/sub/c.png"}, 0},
		{"include glob", `{"type": "folder", "value": "docs"}`, `{"type": "glob", "value": "**/*.png"}`, []string{"docs/b.js"}, 0},
		{"include not whitelisted", "", `{"type": "file", "value": "docs/a.md"}, {"type": "file", "value": "a.webp"}, {"type": "suffix", "value": ".PNG"}`, nil, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := packFixture()
			files["project.config.json"] = projectConfig("", "{}", fmt.Sprintf(`{"ignore": [%s], "include": [%s]}`, c.ignore, c.include))
			p, err := Load(writeProject(t, files), Options{})
			if err != nil {
				t.Fatal(err)
			}
			u := p.Upload()
			want := minus(packBase, c.removed)
			if got := uploadedMPs(u); !slices.Equal(got, want) {
				t.Errorf("uploaded\n got %q\nwant %q", got, want)
			}
			if len(u.Problems) != c.problems {
				t.Errorf("problems: %+v", u.Problems)
			}
			for _, s := range u.Skipped {
				if slices.Contains(c.removed, s.MP) {
					if s.Entry == nil || !strings.HasPrefix(s.Reason, "ignored by packOptions.ignore {") {
						t.Errorf("%s skipped for %q, entry %v", s.MP, s.Reason, s.Entry)
					}
				}
			}
		})
	}
}

type upRow struct{ mp, source, pkg, kind, compiled string }

func uploadRows(u *Upload) []upRow {
	var rows []upRow
	for _, f := range u.Files {
		pkg := ""
		if f.Package != nil {
			pkg = f.Package.Root
		}
		rows = append(rows, upRow{f.MP, f.Source, pkg, f.Kind(), f.Compiled})
	}
	return rows
}

func skippedReasons(u *Upload) map[string]string {
	m := map[string]string{}
	for _, s := range u.Skipped {
		m[s.MP] = s.Reason
	}
	return m
}

// tsFixture is the oracle fixture /tmp/upfx/tsfx: TypeScript, LESS and Sass
// sources beside plain ones, under miniprogramRoot "mp/".
func tsFixture(setting string) map[string]string {
	return map[string]string{
		"project.config.json":            projectConfig("mp/", setting, `{"ignore": [], "include": []}`),
		"mp/app.json":                    `{"pages": ["pages/index/index"], "subpackages": [{"root": "sub", "pages": ["pages/p/p"]}]}`,
		"mp/app.ts":                      "App({})\n",
		"mp/pages/index/index.ts":        "Page({})\n",
		"mp/pages/index/index.json":      "{}\n",
		"mp/pages/index/index.wxml":      "<view>hi</view>\n",
		"mp/pages/index/index.less":      ".a{.b{color:red}}\n",
		"mp/sub/pages/p/p.ts":            "Page({})\n",
		"mp/sub/pages/p/p.json":          "{}\n",
		"mp/sub/pages/p/p.wxml":          "<view>p</view>\n",
		"mp/sub/pages/p/p.scss":          "$c: red; .a{color:$c}\n",
		"mp/ts/t.ts":                     "const a: number = 1; export default a\n",
		"mp/ts/t.d.ts":                   "export declare const a: number\n",
		"mp/ts/u.ts":                     "export const b: number = 2\n",
		"mp/ts/u.js":                     "exports.b=2\n",
		"mp/ts/v.d.ts.ts":                "export const c = 3\n",
		"mp/ts/w.D.TS":                   "x\n",
		"mp/ts/Z.TS":                     "x\n",
		"mp/ts/m.mts":                    "export const m=1\n",
		"mp/ts/x.tsx":                    "x\n",
		"mp/st/l.less":                   ".a{.b{color:red}}\n",
		"mp/st/l.wxss":                   ".a{color:blue}\n",
		"mp/st/s.scss":                   ".a{.b{color:red}}\n",
		"mp/st/y.sass":                   ".a{color:red}\n",
		"mp/st/q.LESS":                   ".q{}\n",
		"mp/docs/z.js":                   "x\n",
		"mp/project.private.config.json": "{}\n",
		"mp/.git/config.json":            "{}\n",
		"mp/x/.svn/e.json":               "{}\n",
		"mp/x/node_modules/q/i.js":       "x\n",
		"mp/x/ok.json":                   "{}\n",
		"mp/.vscode/s.json":              "{}\n",
		"mp/.DS_Store":                   "D",
		"docs/outside.json":              "{}\n",
	}
}

// TestUploadCompiled checks the resolver: .ts, .less, .scss and .sass
// compiled when their plugin is on (the oracle's run ts1), left out when it
// is not (run base), .d.ts never; a compiled source shadows the plain file of
// the same name.
func TestUploadCompiled(t *testing.T) {
	p, err := Load(writeProject(t, tsFixture(`{"useCompilerPlugins": ["typescript", "less", "sass"]}`)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	u := p.Upload()
	want := []upRow{
		{".vscode/s.json", ".vscode/s.json", "", "json", ""},
		{"app.js", "app.ts", "", "js", "typescript"},
		{"app.json", "app.json", "", "json", ""},
		{"docs/z.js", "docs/z.js", "", "js", ""},
		{"pages/index/index.js", "pages/index/index.ts", "", "js", "typescript"},
		{"pages/index/index.json", "pages/index/index.json", "", "json", ""},
		{"pages/index/index.wxml", "pages/index/index.wxml", "", "wxml", ""},
		{"pages/index/index.wxss", "pages/index/index.less", "", "wxss", "less"},
		{"project.private.config.json", "project.private.config.json", "", "json", ""},
		{"st/l.wxss", "st/l.less", "", "wxss", "less"},
		{"st/s.wxss", "st/s.scss", "", "wxss", "sass"},
		{"st/y.wxss", "st/y.sass", "", "wxss", "sass"},
		{"sub/pages/p/p.js", "sub/pages/p/p.ts", "sub", "js", "typescript"},
		{"sub/pages/p/p.json", "sub/pages/p/p.json", "sub", "json", ""},
		{"sub/pages/p/p.wxml", "sub/pages/p/p.wxml", "sub", "wxml", ""},
		{"sub/pages/p/p.wxss", "sub/pages/p/p.scss", "sub", "wxss", "sass"},
		{"ts/t.js", "ts/t.ts", "", "js", "typescript"},
		{"ts/u.js", "ts/u.ts", "", "js", "typescript"},
		{"ts/v.d.ts.js", "ts/v.d.ts.ts", "", "js", "typescript"},
		{"x/ok.json", "x/ok.json", "", "json", ""},
	}
	if got := uploadRows(u); !slices.Equal(got, want) {
		t.Errorf("uploaded\n got %v\nwant %v", got, want)
	}
	sk := skippedReasons(u)
	for mp, reason := range map[string]string{
		".DS_Store":      "not a whitelisted file type (no extension)",
		".git":           "version control folder: WeChat never uploads it",
		"x/.svn":         "version control folder: WeChat never uploads it",
		"x/node_modules": "node_modules folder: WeChat never uploads it (npm packages are uploaded as built into miniprogram_npm)",
		"ts/t.d.ts":      "TypeScript declaration (.d.ts): not uploaded",
		"ts/u.js":        "replaced by ts/u.ts, which the compiler builds into ts/u.js",
		"st/l.wxss":      "replaced by st/l.less, which the compiler builds into st/l.wxss",
		"ts/Z.TS":        "not a whitelisted file type (.TS)",
		"ts/w.D.TS":      "not a whitelisted file type (.TS)",
		"ts/m.mts":       "not a whitelisted file type (.mts)",
		"ts/x.tsx":       "not a whitelisted file type (.tsx)",
		"st/q.LESS":      "not a whitelisted file type (.LESS)",
	} {
		if sk[mp] != reason {
			t.Errorf("skipped %s: %q, want %q", mp, sk[mp], reason)
		}
	}
	if len(u.Skipped) != 12 {
		t.Errorf("skipped %d files: %v", len(u.Skipped), sk)
	}

	// Without the plugins the sources are not uploaded, and the plain files
	// beside them are.
	p, err = Load(writeProject(t, tsFixture(`{}`)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	u = p.Upload()
	sk = skippedReasons(u)
	for mp, reason := range map[string]string{
		"app.ts":             `TypeScript, but setting.useCompilerPlugins does not name "typescript": not compiled, not uploaded`,
		"ts/t.d.ts":          "TypeScript declaration (.d.ts): not uploaded",
		"st/l.less":          `LESS, but setting.useCompilerPlugins does not name "less": not compiled, not uploaded`,
		"sub/pages/p/p.scss": `Sass, but setting.useCompilerPlugins does not name "sass": not compiled, not uploaded`,
		"st/y.sass":          `Sass, but setting.useCompilerPlugins does not name "sass": not compiled, not uploaded`,
	} {
		if sk[mp] != reason {
			t.Errorf("no plugins: skipped %s: %q, want %q", mp, sk[mp], reason)
		}
	}
	got := map[string]string{}
	for _, f := range u.Files {
		got[f.MP] = f.Source
	}
	if got["ts/u.js"] != "ts/u.js" || got["st/l.wxss"] != "st/l.wxss" || got["app.js"] != "" || got["st/s.wxss"] != "" {
		t.Errorf("no plugins: uploaded %v", got)
	}
}

// TestUploadStylePriority: when several style sources map to one .wxss, the
// extension the later plugin adds wins, and "scss" beats "sass" (oracle runs
// with useCompilerPlugins ["sass","less"], ["less","sass"] and ["sass"]).
func TestUploadStylePriority(t *testing.T) {
	for _, c := range []struct{ plugins, p, q string }{
		{`["sass", "less"]`, "st/p.less", "st/q.scss"},
		{`["less", "sass"]`, "st/p.scss", "st/q.scss"},
		{`["sass"]`, "st/p.scss", "st/q.scss"},
		{`[["less", {}]]`, "st/p.less", "st/q.wxss"},
		{`[]`, "st/p.wxss", "st/q.wxss"},
	} {
		files := map[string]string{
			"project.config.json": projectConfig("", `{"useCompilerPlugins": `+c.plugins+`}`, `{}`),
			"app.json":            `{"pages": []}`,
			"st/p.less":           ".p{color:red}", "st/p.scss": ".p{color:blue}", "st/p.sass": ".p{color:green}", "st/p.wxss": ".p{}",
			"st/q.scss": ".q{color:blue}", "st/q.sass": ".q{color:green}", "st/q.wxss": ".q{}",
		}
		p, err := Load(writeProject(t, files), Options{})
		if err != nil {
			t.Fatal(err)
		}
		src := map[string]string{}
		for _, f := range p.Upload().Files {
			src[f.MP] = f.Source
		}
		if src["st/p.wxss"] != c.p || src["st/q.wxss"] != c.q {
			t.Errorf("%s: p.wxss from %s, q.wxss from %s; want %s, %s", c.plugins, src["st/p.wxss"], src["st/q.wxss"], c.p, c.q)
		}
	}
}

// TestUploadFileSet covers the file list itself: dot-folders and dotfiles,
// node_modules, version control folders, names that are only an extension,
// case-sensitive extensions, project.config.json, symlinks, sizes, and the
// assignment to packages.
func TestUploadFileSet(t *testing.T) {
	outside := writeProject(t, map[string]string{"o.js": "outside\n", "dir/od.js": "x\n"})
	files := packFixture()
	for k, v := range map[string]string{
		"project.config.json":         projectConfig("", `{"ignoreUploadUnusedFiles": true}`, `{"ignore": [{"type": "glob", "value": ".hidden/*.json"}, {"type": "glob", "value": "**/h.js"}]}`),
		"project.private.config.json": "{}\n",
		".hidden/h.json":              "{}\n",
		".hidden/x/h.js":              "var a=1\n",
		".dotfile.js":                 "x\n",
		".js":                         "x\n",
		"..js":                        "x\n",
		".png":                        "x",
		"README":                      "noext\n",
		"node_modules/m/index.js":     "x\n",
		"sub/node_modules/m/index.js": "x\n",
		".git/HEAD":                   "ref\n",
		"sub/pic.Jpg":                 "J",
		"sub/song.MP3":                "M",
		"sub/data.json":               "{\"a\": 1}\n",
		"in.js":                       "->c/d/e.js",
		"indir":                       "->c",
		"out.js":                      "->" + filepath.Join(outside, "o.js"),
		"outdir":                      "->" + filepath.Join(outside, "dir"),
	} {
		files[k] = v
	}
	p, err := Load(writeProject(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	u := p.Upload()
	if !u.IgnoresUnusedFiles {
		t.Error("IgnoresUnusedFiles is false")
	}
	byMP := map[string]*UploadFile{}
	for _, f := range u.Files {
		byMP[f.MP] = f
	}
	// ("**" does not enter dot-folders: .hidden/x/h.js stays, as with the oracle)
	for _, mp := range []string{".dotfile.js", ".hidden/x/h.js", "..js", "project.private.config.json", "in.js", "sub/data.json"} {
		if byMP[mp] == nil {
			t.Errorf("%s not uploaded", mp)
		}
	}
	sk := map[string]*SkippedFile{}
	for _, s := range u.Skipped {
		sk[s.MP] = s
	}
	for mp, reason := range map[string]string{
		".js":                 "not a whitelisted file type (no extension)",
		".png":                "not a whitelisted file type (no extension)",
		"README":              "not a whitelisted file type (no extension)",
		"a.webp":              "not a whitelisted file type (.webp)",
		"b/X.PNG":             "not a whitelisted file type (.PNG: WeChat compares extensions case-sensitively)",
		"sub/pic.Jpg":         "not a whitelisted file type (.Jpg: WeChat compares extensions case-sensitively)",
		"sub/song.MP3":        "not a whitelisted file type (.MP3: WeChat compares extensions case-sensitively)",
		"project.config.json": "the compiler uploads its own short project.config.json instead",
		".git":                "version control folder: WeChat never uploads it",
		"node_modules":        "node_modules folder: WeChat never uploads it (npm packages are uploaded as built into miniprogram_npm)",
		"sub/node_modules":    "node_modules folder: WeChat never uploads it (npm packages are uploaded as built into miniprogram_npm)",
		"out.js":              "symbolic link that leaves the project root: not followed (WeChat's compiler would upload the file it points to; it does not enter a folder)",
		"outdir":              "symbolic link that leaves the project root: not followed (WeChat's compiler would upload the file it points to; it does not enter a folder)",
		"indir":               "symbolic link to a folder: not entered (nor does WeChat's compiler enter it)",
		".hidden/h.json":      `ignored by packOptions.ignore {"type": "glob", "value": ".hidden/*.json"}`,
	} {
		if sk[mp] == nil || sk[mp].Reason != reason {
			t.Errorf("skipped %s: %+v, want %q", mp, sk[mp], reason)
		}
	}
	if s := sk["out.js"]; s != nil && s.Bytes != 0 {
		t.Errorf("out.js: read %d bytes outside the root", s.Bytes)
	}
	if s := sk["indir"]; s == nil || !s.Folder {
		t.Errorf("indir: %+v", s)
	}
	if s := sk[".hidden/h.json"]; s == nil || s.Entry == nil || s.Entry.Kind != jsonc.Object {
		t.Errorf(".hidden/h.json: entry %+v", s)
	}
	// sizes: raw bytes of the source, of the target for an in-root symlink
	for mp, n := range map[string]int64{"c/d/e.js": 17, "in.js": 17, "img/Logo.png": 1, "sub/data.json": 9} {
		if f := byMP[mp]; f == nil || f.Bytes != n {
			t.Errorf("%s: %+v, want %d bytes", mp, f, n)
		}
	}
	if s := sk["b/X.PNG"]; s == nil || s.Bytes != 3 {
		t.Errorf("b/X.PNG: %+v", s)
	}
	// packages
	var sub []string
	for _, f := range u.Package(p.Subpackages[0]) {
		sub = append(sub, f.MP)
	}
	if want := []string{"sub/data.json", "sub/docs/s.js", "sub/pages/p/p.js", "sub/pages/p/p.json", "sub/pages/p/p.wxml"}; !slices.Equal(sub, want) {
		t.Errorf("subpackage files %v, want %v", sub, want)
	}
	if n := len(u.Package(nil)) + len(sub); n != len(u.Files) {
		t.Errorf("packages hold %d files of %d", n, len(u.Files))
	}
	for _, f := range u.Package(nil) {
		if strings.HasPrefix(f.MP, "sub/") {
			t.Errorf("%s in the main package", f.MP)
		}
	}
	if p.Upload() != u {
		t.Error("Upload is not cached")
	}
	// Tree is what it was: no dot-folders, no links out, no node_modules.
	for rel := range p.Tree() {
		if strings.HasPrefix(rel, ".hidden/") || strings.HasPrefix(rel, ".git/") || strings.Contains(rel, "node_modules") || rel == "out.js" || strings.HasPrefix(rel, "indir") {
			t.Errorf("Tree lists %s", rel)
		}
	}
	if !slices.Contains(slices.Collect(p.Tree()), "in.js") || !slices.Contains(slices.Collect(p.Tree()), ".dotfile.js") {
		t.Errorf("Tree: %v", slices.Collect(p.Tree()))
	}
}

// TestUploadMiniprogramRoot: packOptions paths are relative to
// miniprogramRoot, and files outside it are not part of the upload.
func TestUploadMiniprogramRoot(t *testing.T) {
	for _, c := range []struct {
		item    string
		removed bool
	}{
		{`{"type": "folder", "value": "docs"}`, true},
		{`{"type": "folder", "value": "mp/docs"}`, false},
		{`{"type": "regexp", "value": "^mp/"}`, false},
		{`{"type": "glob", "value": "mp/**"}`, false},
		{`{"type": "file", "value": "ts/t.ts"}`, false},
	} {
		files := tsFixture(`{"useCompilerPlugins": ["typescript"]}`)
		files["project.config.json"] = projectConfig("mp/", `{"useCompilerPlugins": ["typescript"]}`, `{"ignore": [`+c.item+`]}`)
		p, err := Load(writeProject(t, files), Options{})
		if err != nil {
			t.Fatal(err)
		}
		u := p.Upload()
		got := uploadedMPs(u)
		if slices.Contains(got, "docs/z.js") == c.removed {
			t.Errorf("%s: uploaded %v", c.item, got)
		}
		for _, f := range u.Files {
			if strings.Contains(f.MP, "outside") {
				t.Errorf("%s: uploads %s from outside miniprogramRoot", c.item, f.MP)
			}
		}
		if strings.Contains(c.item, "ts/t.ts") {
			if slices.Contains(got, "ts/t.js") {
				t.Errorf("ignoring ts/t.ts leaves ts/t.js")
			}
		}
	}
	// Ignoring a compiled source removes its output; the plain file it
	// shadowed does not come back. Ignoring the shadowed file changes nothing.
	for _, c := range []struct {
		item string
		has  bool
	}{{`{"type": "file", "value": "ts/u.ts"}`, false}, {`{"type": "file", "value": "ts/u.js"}`, true}} {
		files := tsFixture(`{}`)
		files["project.config.json"] = projectConfig("mp/", `{"useCompilerPlugins": ["typescript"]}`, `{"ignore": [`+c.item+`]}`)
		p, err := Load(writeProject(t, files), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(uploadedMPs(p.Upload()), "ts/u.js"); got != c.has {
			t.Errorf("%s: ts/u.js uploaded %v, want %v", c.item, got, c.has)
		}
	}
}

// TestUploadAlwaysWritten: app.json and ext.json at the top of the mini
// program root are written by the compiler whatever packOptions.ignore says;
// sitemap.json, theme.json and page json files can be ignored (oracle run
// json1: ignore suffix ".json").
func TestUploadAlwaysWritten(t *testing.T) {
	files := packFixture()
	files["app.json"] = `{"pages": ["pages/index/index"], "subpackages": [{"root": "sub", "pages": ["pages/p/p"]}], "themeLocation": "theme.json", "sitemapLocation": "sitemap.json"}`
	files["sitemap.json"] = `{"rules": [{"action": "allow", "page": "*"}]}`
	files["theme.json"] = `{"light": {}, "dark": {}}`
	files["ext.json"] = `{"extEnable": false}`
	files["project.config.json"] = projectConfig("", "{}", `{"ignore": [{"type": "suffix", "value": ".json"}]}`)
	p, err := Load(writeProject(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var jsons []string
	for _, f := range p.Upload().Files {
		if f.Kind() == "json" {
			jsons = append(jsons, f.MP)
		}
	}
	if want := []string{"app.json", "ext.json"}; !slices.Equal(jsons, want) {
		t.Errorf("json files uploaded: %v, want %v", jsons, want)
	}
}

// TestPackOptionsGlobstar: ten "**" before a name nothing has, in
// packOptions.ignore, and a file 40 folders deep: minimatch's recursion
// never finished.
func TestPackOptionsGlobstar(t *testing.T) {
	files := packFixture()
	deepJS := strings.Repeat("d/", 40) + "f.js"
	files[deepJS] = "x\n"
	files["project.config.json"] = projectConfig("", "{}", `{"ignore": [
		{"type": "glob", "value": "**/**/**/**/**/**/**/**/**/**/nomatch"},
		{"type": "glob", "value": "**/d/**/d/**/d/**/d/**/d/**/d/**/d/**/d/**/nomatch"}], "include": []}`)
	p, err := Load(writeProject(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var u *Upload
	testutil.Within(t, 10*time.Second, "Upload", func() { u = p.Upload() })
	if want := append(slices.Clone(packBase), deepJS); !slices.Equal(uploadedMPs(u), slices.Sorted(slices.Values(want))) {
		t.Errorf("uploaded %q", uploadedMPs(u))
	}
	if len(u.Problems) != 0 {
		t.Errorf("problems: %+v", u.Problems)
	}
}

// TestPackOptionsBraceBudget: twenty glob items like "{1..100000}*q*z" in
// a 600-byte project.config.json took 216 s and 5 GB (brace expansion was
// bounded per item, at 100,000 patterns, not per file). The file's globs
// now share one budget, and each item it cuts is a problem at its value.
func TestPackOptionsBraceBudget(t *testing.T) {
	files := packFixture()
	items := []string{`{"type": "glob", "value": "{docs,{1..100000}}/**"}`}
	for range 20 {
		items = append(items, `{"type": "glob", "value": "{1..100000}*q*z"}`)
	}
	items = append(items, `{"type": "glob", "value": "img/*.png"}`)
	cfg := projectConfig("", "{}", "{\"ignore\": [\n"+strings.Join(items, ",\n")+"\n]}")
	files["project.config.json"] = cfg
	p, err := Load(writeProject(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var u *Upload
	testutil.Within(t, 10*time.Second, "Upload", func() { u = p.Upload() })
	// The first item keeps "docs/**" (what the budget cut matches
	// nothing); the last one, without braces, finds no budget left.
	if want := minus(packBase, []string{"docs/b.js", "docs/sub/c.png"}); !slices.Equal(uploadedMPs(u), want) {
		t.Errorf("uploaded\n got %q\nwant %q", uploadedMPs(u), want)
	}
	if len(u.Problems) != len(items) {
		t.Fatalf("%d problems, want %d: %+v", len(u.Problems), len(items), u.Problems)
	}
	for i, pr := range u.Problems {
		v := pr.Entry.Get("value")
		p.Config.Lines()
		pos := p.Fset.Position(p.Config.Pos(v.Start))
		if pos.Line != i+2 || pos.Column != len(`{"type": "glob", "value": `)+1 {
			t.Errorf("problem %d at %d:%d", i, pos.Line, pos.Column)
		}
		if !strings.Contains(pr.Message, "goes past what this checker evaluates for one file (1000 patterns") {
			t.Errorf("problem %d: %s", i, pr.Message)
		}
	}
	if m := u.Problems[0].Message; !strings.Contains(m, "1000 of its patterns are evaluated") {
		t.Errorf("first problem: %s", m)
	}
	if m := u.Problems[1].Message; !strings.Contains(m, "none of its patterns is evaluated") {
		t.Errorf("second problem: %s", m)
	}
}
