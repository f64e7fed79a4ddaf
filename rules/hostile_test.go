//go:build unix

package rules_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// A hostile project is one made of broken and hostile files: syntax errors
// in every language, binary junk, invalid UTF-8, byte order marks and CRLF,
// 100,000-deep nesting, 8 MB one-line files, symbolic link loops, links and
// FIFOs leading out of the project. Every file is written at test time.
//
// TestHostile checks that every rule runs over such a project without a
// failure, that every broken file is a parse-error with a line, that the
// findings of the healthy files are the ones they have without the hostile
// files beside them, and that nothing outside the project root is read.
// BenchmarkHostile measures how long that takes.

// hostileFile is a file of a hostile project.
type hostileFile struct {
	path string // relative to the folder the files are added to
	data []byte
	// broken is a regular expression a parse-error on the file must
	// match; "" for a file that must have no parse-error.
	broken string
	// link, when set, makes the file a symbolic link to this target (a
	// path relative to the link's folder, or absolute); fifo makes it a
	// named pipe.
	link string
	fifo bool
	// listed pages are added to app.json's pages (the path without .json).
	page bool
	// listedOnly: the file is broken only where app.json lists its page
	// (a folder without app.json reads no symbolic link as a page json).
	listedOnly bool
	// anyParse: a valid file that the checker may or may not parse fully
	// (a parse-error info says when it does not).
	anyParse bool
}

// hostileEnv is what the files outside the project hold.
type hostileEnv struct {
	outside string // a folder outside the project
	secret  string // the content of every regular file outside
}

const deep = 100_000

// junk returns n random bytes (from a fixed seed) with NUL bytes among them.
func junk(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	for i := 0; i < n; i += 97 {
		b[i] = 0
	}
	return b
}

func crlfBOM(s string) []byte {
	return []byte("\uFEFF" + strings.ReplaceAll(s, "\n", "\r\n"))
}

// minifiedJS returns a valid script of at least n bytes on one line, built
// like a minified bundle.
func minifiedJS(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`!function(){"use strict";var e={};`)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `function f%d(t,n){var r=t.a%d||{},o=[1,2,3].map(function(e){return e*n+%d});return r.b?r.c(o):"x%d"+o.join(",")}e.k%d=f%d;`, i, i, i, i, i, i)
	}
	b.WriteString(`e.g=wx.getSystemInfoSync;}();`)
	return b.Bytes()
}

// minifiedWXSS returns a valid style sheet of at least n bytes on one line.
func minifiedWXSS(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `.c%d{color:#%06x;margin:%drpx 0;font:12px/1.5 "a b"}.c%d .d>text{width:calc(100%% - %drpx)}`, i, i&0xffffff, i%100, i, i%50)
	}
	return b.Bytes()
}

// smallHostile returns the hostile files that are cheap to check: one of
// each kind of syntax error, binary junk, invalid UTF-8, BOM and CRLF,
// symbolic link loops and links leaving the project, FIFOs, and pages
// whose json is each of these. Their paths are relative to a folder
// "hostile" of the mini program root.
func smallHostile(env hostileEnv) []hostileFile {
	const (
		invalidJSON  = `^invalid JSON: `
		binary       = `binary file`
		invalidUTF8  = `invalid UTF-8`
		cannotRead   = `^cannot read `
		nestedTooDep = `nested deeper than`
	)
	fs := []hostileFile{
		// syntax errors, one per language
		{path: "code/syntax.js", data: []byte("// a\nconst a = ;\n"), broken: `^invalid JavaScript: `},
		{path: "code/syntax-ts.ts", data: []byte("// a\nlet x: number = ;\n"), broken: `^invalid TypeScript: `},
		{path: "code/syntax.wxs", data: []byte("// a\nvar f = function( {\n"), broken: `^invalid WXS: `},
		{path: "code/syntax.wxml", data: []byte("<view>\n<text>a</view>\n"), broken: `^invalid WXML: `},
		{path: "code/syntax.wxss", data: []byte(".a {\n  color: red;\n"), broken: `^invalid WXSS: `},
		{path: "code/syntax.less", data: []byte("@w: 1px;\n.a {\n  .b { width: @w; }\n"), broken: `^invalid .*: unclosed \{`},
		{path: "code/syntax.scss", data: []byte("$w: 1px;\n.a {\n  width: $w; }\n}\n"), broken: `^invalid .*: unexpected \}`},
		{path: "code/export-async.js", data: []byte("export async"), broken: `^invalid JavaScript: export async`},
		{path: "code/syntax-inline-wxs.wxml", data: []byte("<view/>\n<wxs module=\"m\">var a = ;</wxs>\n"), broken: `^invalid WXS in inline <wxs>: `},

		// binary junk
		{path: "code/binary.js", data: junk(1, 4096), broken: binary},
		{path: "code/binary-ts.ts", data: junk(2, 4096), broken: binary},
		{path: "code/binary.wxs", data: junk(3, 4096), broken: binary},
		{path: "code/binary.wxml", data: junk(4, 4096), broken: binary},
		{path: "code/binary.wxss", data: junk(5, 4096), broken: binary},
		{path: "code/binary.less", data: junk(9, 4096), broken: binary},
		{path: "code/utf16.js", data: []byte("\xFF\xFEv\x00a\x00r\x00 \x00a\x00;\x00\n\x00"), broken: binary},

		// invalid UTF-8 in files that are otherwise valid
		{path: "code/utf8.js", data: []byte("// a\nvar s = \"a\xFFb\";\n"), broken: invalidUTF8},
		{path: "code/utf8-ts.ts", data: []byte("// a\nconst s: string = 'a\xC3(b';\n"), broken: invalidUTF8},
		{path: "code/utf8.wxs", data: []byte("// a\nvar s = 'a\xE2\x82b';\nmodule.exports = s;\n"), broken: invalidUTF8},
		{path: "code/utf8.wxml", data: []byte("<view>\n<text>a\xFFb</text>\n</view>\n"), broken: invalidUTF8},
		{path: "code/utf8.wxss", data: []byte(".a {\n  content: \"\xF0\x28\x8C\x28\";\n}\n"), broken: invalidUTF8},
		{path: "code/utf8.less", data: []byte("// \xFF\n.a { b: c; }\n"), broken: invalidUTF8},

		// empty files: valid, except JSON
		{path: "code/empty.js", data: []byte{}},
		{path: "code/empty-ts.ts", data: []byte{}},
		{path: "code/empty.wxs", data: []byte{}},
		{path: "code/empty.wxml", data: []byte{}},
		{path: "code/empty.wxss", data: []byte{}},
		{path: "code/empty.less", data: []byte{}},

		// a byte order mark and CRLF line ends: valid
		{path: "code/bomcrlf.js", data: crlfBOM("// a\nvar s = 'é';\nmodule.exports = s;\n")},
		{path: "code/bomcrlf-ts.ts", data: crlfBOM("// a\nconst s: string = 'é';\nexport default s;\n")},
		{path: "code/bomcrlf.wxs", data: crlfBOM("// a\nvar s = 'é';\nmodule.exports = s;\n")},
		{path: "code/bomcrlf.wxml", data: crlfBOM("<view>\n  <text>é</text>\n</view>\n")},
		{path: "code/bomcrlf.wxss", data: crlfBOM(".a {\n  color: red;\n}\n")},
		{path: "code/bomcrlf.less", data: crlfBOM("// a\n.a {\n  .b { color: red; }\n}\n")},

		// 100,000-deep nesting
		{path: "code/deep-array.js", data: []byte("var a = " + strings.Repeat("[", deep) + strings.Repeat("]", deep) + ";\n"), broken: nestedTooDep},
		{path: "code/deep-block.js", data: []byte(strings.Repeat("{", deep) + strings.Repeat("}", deep) + "\n"), broken: nestedTooDep},
		{path: "code/deep-paren.ts", data: []byte("let a: number = " + strings.Repeat("(", deep) + "1" + strings.Repeat(")", deep) + ";\n"), broken: nestedTooDep},
		{path: "code/deep-unclosed.wxs", data: []byte("var a = " + strings.Repeat("{a:", deep) + "\n"), broken: nestedTooDep},
		{path: "code/deep.wxml", data: []byte(strings.Repeat("<view>", deep) + strings.Repeat("</view>", deep) + "\n"), broken: nestedTooDep},
		{path: "code/deep-unclosed.wxml", data: []byte(strings.Repeat("<view><text>", deep/2) + "\n"), broken: nestedTooDep},
		{path: "code/deep.wxss", data: []byte(strings.Repeat(".a{", deep) + strings.Repeat("}", deep) + "\n"), broken: nestedTooDep},
		{path: "code/deep.less", data: []byte(strings.Repeat(".a{", deep) + strings.Repeat("}", deep) + "\n"), broken: nestedTooDep},
		{path: "code/deep-media.wxss", data: []byte(strings.Repeat("@media screen{", deep) + "\n"), broken: nestedTooDep},

		// nesting without brackets, and inputs that once took time growing
		// with the square of their size
		{path: "code/arrows.js", data: []byte("f = " + strings.Repeat("a => ", deep) + "1\n"), broken: nestedTooDep},
		{path: "code/arrows-ts.ts", data: []byte("f = " + strings.Repeat("(a: number) =>\n", deep) + "1\n"), broken: nestedTooDep},
		{path: "code/chain.js", data: []byte("a = " + strings.Repeat("!", deep) + "1\n"), broken: `more than .* operators`},
		{path: "code/chain-ts.ts", data: []byte("a = x" + strings.Repeat("\n.b", deep) + "\n"), broken: `more than .* operators`},
		{path: "code/keyword-lines.js", data: []byte(strings.Repeat("x.class\ny\n", deep)), anyParse: true},
		{path: "code/bindings.wxml", data: []byte("<a b=" + strings.Repeat("{{", deep*10) + "\n"), broken: `^invalid WXML: `},

		// symbolic links: loops, a folder link to its parent and to /, links
		// out of the project (a file, a folder, a FIFO), a FIFO inside
		{path: "links/a.js", link: "b.js"},
		{path: "links/b.js", link: "a.js"},
		{path: "links/self.wxml", link: "self.wxml"},
		{path: "links/up", link: ".."},
		{path: "links/root", link: "/"},
		{path: "links/secret.js", link: filepath.Join(env.outside, "secret.js")},
		{path: "links/secret.wxml", link: filepath.Join(env.outside, "secret.wxml")},
		{path: "links/secret.wxss", link: filepath.Join(env.outside, "secret.wxss")},
		{path: "links/outside", link: env.outside},
		{path: "links/fifo.js", link: filepath.Join(env.outside, "secret.fifo")},
		{path: "links/pipe.wxml", fifo: true},

		// pages whose json is broken or hostile (each with a valid template)
		{path: "pages/syntax/index.json", data: []byte("{\n  \"navigationBarTitleText\": \"x\",\n  \"usingComponents\": {\n}\n"), broken: invalidJSON, page: true},
		{path: "pages/binary/index.json", data: junk(6, 4096), broken: binary, page: true},
		{path: "pages/utf8/index.json", data: []byte("{\n  \"navigationBarTitleText\": \"a\xFFb\"\n}\n"), broken: invalidUTF8, page: true},
		{path: "pages/deep/index.json", data: []byte(strings.Repeat("[", deep) + strings.Repeat("]", deep)), broken: nestedTooDep, page: true},
		{path: "pages/empty/index.json", data: []byte{}, broken: invalidJSON, page: true},
		{path: "pages/bomcrlf/index.json", data: crlfBOM("{\n  \"navigationBarTitleText\": \"x\"\n}\n"), page: true},
		{path: "pages/fifo/index.json", fifo: true, broken: cannotRead, page: true, listedOnly: true},
		{path: "pages/loop/index.json", link: "loop.json", broken: cannotRead, page: true, listedOnly: true},
		{path: "pages/loop/loop.json", link: "index.json"},
		{path: "pages/secret/index.json", link: filepath.Join(env.outside, "secret.json"), page: true},
	}
	for _, f := range fs {
		if f.page {
			fs = append(fs, hostileFile{path: path.Dir(f.path) + "/index.wxml", data: []byte("<view>page</view>\n")})
		}
	}
	return fs
}

// bigHostile returns the hostile files that are expensive: 8 MB one-line
// files (valid, and nested past every limit), and a file over the size the
// checker reads.
func bigHostile() []hostileFile {
	const nestedTooDep = `nested deeper than`
	return []hostileFile{
		{path: "big/min.js", data: minifiedJS(8 << 20)},
		{path: "big/min.wxss", data: minifiedWXSS(8 << 20)},
		{path: "big/unary.js", data: []byte("a = " + strings.Repeat("!", 8<<20) + "1"), broken: `more than .* operators`},
		{path: "big/arrows-ts.ts", data: []byte("f = " + strings.Repeat("a => ", (8<<20)/5) + "1"), broken: nestedTooDep},
		{path: "big/huge.js", data: bytes.Repeat([]byte("a=1;"), (project.MaxFileSize+4)/4), broken: `^cannot read .*larger than`},
	}
}

// writeOutside fills the folder outside the project that links point to.
func writeOutside(t testing.TB, env hostileEnv) {
	if err := os.MkdirAll(env.outside, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"secret.js", "secret.wxml", "secret.wxss", "secret.json", "a.js", "index.wxml"} {
		if err := os.WriteFile(filepath.Join(env.outside, name), []byte(env.secret), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(env.outside, "secret.fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeHostile writes files into the folder dir, and returns the paths
// (relative to dir) of the FIFOs among them.
func writeHostile(t testing.TB, dir string, files []hostileFile) (fifos []string) {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case f.link != "":
			err = os.Symlink(f.link, p)
		case f.fifo:
			err = syscall.Mkfifo(p, 0o644)
			fifos = append(fifos, p)
		default:
			err = os.WriteFile(p, f.data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return fifos
}

// watchFIFOs reports every FIFO some reader opens: a reader blocks in open
// until a writer comes, and a non-blocking open for writing succeeds only
// when a reader is waiting. An opened FIFO gets a line and is closed, so
// that the reader is not left waiting. stop ends the watch and returns the
// FIFOs opened.
func watchFIFOs(fifos []string) (stop func() []string) {
	var (
		mu     sync.Mutex
		opened []string
		done   = make(chan struct{})
		wg     sync.WaitGroup
	)
	poll := func() {
		for _, p := range fifos {
			f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0)
			if err != nil {
				continue // ENXIO: no reader
			}
			mu.Lock()
			opened = append(opened, p)
			mu.Unlock()
			f.WriteString("read through a FIFO\n")
			f.Close()
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
				poll()
			}
		}
	}()
	return func() []string {
		close(done)
		wg.Wait()
		poll()
		mu.Lock()
		defer mu.Unlock()
		return opened
	}
}

// addPages lists pages in the app.json at appPath, at the end of its first
// "pages" (the main package's), before the ], so that no line of the file
// moves and nothing before the ] on its line.
func addPages(t testing.TB, appPath string, pages []string) {
	src, err := os.ReadFile(appPath)
	if err != nil {
		t.Fatal(err)
	}
	loc := regexp.MustCompile(`"pages"\s*:\s*\[\s*"[^"\]]*"[^\]]*\]`).FindIndex(src)
	if loc == nil {
		t.Fatalf("%s: no pages to add to", appPath)
	}
	add := ""
	for _, p := range pages {
		add += fmt.Sprintf(", %q", p)
	}
	end := loc[1] - 1 // the ] of the first "pages" (the main package's)
	src = slices.Concat(src[:end], []byte(add), src[end:])
	if err := os.WriteFile(appPath, src, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t testing.TB, from, to string) {
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

type hostileCase struct {
	name string
	// base writes the healthy project into dir and returns the mini
	// program root inside it ("" for dir itself) and whether its app.json
	// lists pages the hostile pages can be added to.
	base func(t testing.TB, dir string, env hostileEnv) (mp string, app bool)
	// want are findings the healthy files must have, as
	// "path:line:col: rule" (the run without hostile files must have them
	// too: they prove the comparison checks something).
	want []string
	// big adds bigHostile's files (not with -short).
	big bool
}

var hostileCases = []hostileCase{{
	// The example project, with every hostile file added: the broken pages
	// are listed in its app.json.
	name: "example",
	base: func(t testing.TB, dir string, _ hostileEnv) (string, bool) {
		copyDir(t, "../testdata/example", dir)
		return "miniprogram", true
	},
	want: []string{
		"miniprogram/packageChatTool/pages/vote/index.ts:24:5: chattool-disabled-api",
		"miniprogram/packageChatTool/pages/vote/index.wxml:8:9: chattool-disabled-component",
		"miniprogram/packageChatTool/pages/vote/index.wxss:6:14: skyline-support",
		"miniprogram/pages/index/index.json:2:3: config-schema",
		"miniprogram/app.json:27:22: skyline-config",
	},
	big: true,
}, {
	// Broken project.config.json and app.json: the project is read as
	// loose files, and the healthy page is still checked (invalid UTF-8
	// breaks no JSON: the pages app.json lists are read).
	name: "broken-config-syntax",
	base: looseBase([]byte("{\n  \"miniprogramRoot\": \"./\",\n  \"setting\": {\n"), []byte("{\n  \"pages\": [\"good/index\"\n")),
	want: []string{"good/index.json:2:3: config-schema", "project.config.json:4:1: parse-error", "app.json:3:1: parse-error"},
}, {
	// Empty files: a finding on an empty file once crashed the driver.
	name: "broken-config-empty",
	base: looseBase([]byte{}, []byte{}),
	want: []string{"good/index.json:2:3: config-schema", "project.config.json:1:1: parse-error", "app.json:1:1: parse-error"},
}, {
	name: "broken-config-binary",
	base: looseBase(junk(7, 1000), junk(8, 1000)),
	want: []string{"good/index.json:2:3: config-schema", "project.config.json:1:1: parse-error", "app.json:1:1: parse-error"},
}, {
	name: "broken-config-utf8",
	base: looseBase([]byte("{\n  \"projectname\": \"a\xFFb\"\n}\n"), []byte("{\n  \"pages\": [\"good/index\"],\n  \"window\": {\"navigationBarTitleText\": \"\xC0\xAF\"}\n}\n")),
	want: []string{"good/index.json:2:3: config-schema", "project.config.json:2:20: parse-error", "app.json:3:41: parse-error"},
}, {
	name: "broken-config-deep",
	base: looseBase([]byte("{\"a\":"+strings.Repeat("[", deep)), []byte(strings.Repeat("{\"a\":", deep))),
	want: []string{"good/index.json:2:3: config-schema", "project.config.json:1:517: parse-error", "app.json:1:2561: parse-error"},
}, {
	// The mini program root is a symbolic link out of the project: it is
	// not followed, and the project is read as loose files.
	name: "root-outside",
	base: func(t testing.TB, dir string, env hostileEnv) (string, bool) {
		writeHostile(t, dir, []hostileFile{
			{path: "project.config.json", data: []byte("{\n  \"miniprogramRoot\": \"mp/\"\n}\n")},
			{path: "mp", link: env.outside},
			{path: "good/index.json", data: []byte("{\n  \"navigationBarTitletext\": \"x\"\n}\n")},
			{path: "good/index.wxml", data: []byte("<view>good</view>\n")},
		})
		return "", false
	},
	want: []string{"good/index.json:2:3: config-schema"},
}, {
	// Paths in app.json that leave the project: pages, components, the
	// sitemap and theme files, and a component reached through a link.
	name: "paths-outside",
	base: func(t testing.TB, dir string, env hostileEnv) (string, bool) {
		writeHostile(t, dir, []hostileFile{
			{path: "app.json", data: []byte(`{
  "pages": ["good/index", "../outside/secret", "/../../outside/secret"],
  "usingComponents": {"a": "../outside/secret", "b": "/../outside/secret", "c": "linked/index"},
  "sitemapLocation": "../outside/secret.json",
  "themeLocation": "../../outside/secret.json"
}
`)},
			{path: "good/index.json", data: []byte("{\n  \"navigationBarTitletext\": \"x\",\n  \"usingComponents\": {\"s\": \"../../outside/secret\"}\n}\n")},
			{path: "good/index.wxml", data: []byte("<import src=\"../../outside/secret.wxml\"/>\n<view>good</view>\n")},
			{path: "good/index.wxss", data: []byte("@import \"../../outside/secret.wxss\";\n")},
			{path: "good/index.js", data: []byte("require('../../outside/secret.js')\nPage({})\n")},
			{path: "linked", link: env.outside},
		})
		// the outside folder next to the project, which the paths name
		writeOutside(t, hostileEnv{outside: filepath.Join(dir, "..", "outside"), secret: env.secret})
		return "", true
	},
	want: []string{"good/index.json:2:3: config-schema"},
}}

// looseBase returns a base with this project.config.json and app.json,
// and a healthy page with an unknown key. The project is loose (read without
// app.json) unless app.json is valid enough to list pages.
func looseBase(config, app []byte) func(t testing.TB, dir string, env hostileEnv) (string, bool) {
	return func(t testing.TB, dir string, _ hostileEnv) (string, bool) {
		writeHostile(t, dir, []hostileFile{
			{path: "project.config.json", data: config},
			{path: "app.json", data: app},
			{path: "good/index.json", data: []byte("{\n  \"navigationBarTitletext\": \"x\"\n}\n")},
			{path: "good/index.wxml", data: []byte("<view>good</view>\n")},
			{path: "good/index.js", data: []byte("Page({})\n")},
		})
		p, err := project.Load(dir, project.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return "", p.App != nil && p.App.Root != nil
	}
}

func findingKey(f lint.Finding) string {
	return fmt.Sprintf("%s:%d:%d: %s", f.Path, f.Start.Line, f.Start.Column, f.Rule)
}

func TestHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "project")
			env := hostileEnv{outside: t.TempDir(), secret: fmt.Sprintf("SECRET-%016x wx.navigateToMiniProgram({})", rand.Uint64())}
			writeOutside(t, env)
			mp, app := c.base(t, dir, env)

			// The healthy project alone.
			_, before := run(t, dir)
			have := map[string]bool{}
			for _, f := range before.Findings {
				have[findingKey(f)+": "+f.Message] = true
			}
			for _, w := range c.want {
				found := false
				for k := range have {
					found = found || strings.HasPrefix(k, w+": ")
				}
				if !found {
					t.Fatalf("the healthy project has no finding %s; it has:\n%s", w, strings.Join(slices.Sorted(maps.Keys(have)), "\n"))
				}
			}

			// The same with every hostile file added.
			files := smallHostile(env)
			if c.big && !testing.Short() { // (-short leaves the 8 MB files out)
				files = append(files, bigHostile()...)
			}
			hostile := path.Join(mp, "hostile")
			fifos := writeHostile(t, filepath.Join(dir, filepath.FromSlash(hostile)), files)
			fifos = append(fifos, filepath.Join(env.outside, "secret.fifo"))
			if app {
				var pages []string
				for _, f := range files {
					if f.page {
						pages = append(pages, strings.TrimSuffix(path.Join("hostile", f.path), ".json"))
					}
				}
				addPages(t, filepath.Join(dir, mp, "app.json"), pages)
			}
			stop := watchFIFOs(fifos)
			p, res := run(t, dir)
			if opened := stop(); len(opened) > 0 {
				t.Errorf("FIFOs opened: %q", opened)
			}

			// Every broken file is a parse-error with a line; the valid ones
			// have none.
			parseErrs := map[string][]lint.Finding{}
			for _, f := range res.Findings {
				if f.Rule == "parse-error" {
					parseErrs[f.Path] = append(parseErrs[f.Path], f)
				}
			}
			for _, hf := range files {
				rel := path.Join(hostile, hf.path)
				if hf.listedOnly && !app {
					hf.broken = ""
				}
				got := parseErrs[rel]
				switch {
				case hf.broken != "" && len(got) == 0:
					t.Errorf("%s: no parse-error (want one matching %q)", rel, hf.broken)
				case hf.broken == "" && hf.link == "" && !hf.fifo && !hf.anyParse && len(got) > 0:
					t.Errorf("%s: valid, but %s", rel, got[0].Message)
				}
				if hf.broken == "" {
					continue
				}
				match := false
				for _, f := range got {
					if f.Start.Line < 1 || f.Start.Column < 1 {
						t.Errorf("%s: parse-error without a line: %+v", rel, f)
					}
					match = match || regexp.MustCompile(hf.broken).MatchString(f.Message)
				}
				if len(got) > 0 && !match {
					t.Errorf("%s: parse-error %q, want one matching %q", rel, got[0].Message, hf.broken)
				}
			}

			// One broken file hides no finding of the others.
			now := map[string]bool{}
			for _, f := range res.Findings {
				now[findingKey(f)+": "+f.Message] = true
			}
			for k := range have {
				if !now[k] {
					t.Errorf("with the hostile files beside it, a finding is lost: %s", k)
				}
			}

			// Nothing outside the project is read.
			mark := env.secret[:len("SECRET-")+8]
			for _, f := range p.Files {
				if bytes.Contains(f.Src, []byte(mark)) {
					t.Errorf("%s: read from outside the project", f.Path)
				}
				if strings.HasPrefix(f.Path, hostile+"/links/") {
					t.Errorf("%s: a symbolic link that leaves the project, or loops, was read", f.Path)
				}
			}
			for _, f := range res.Findings {
				if strings.Contains(f.Message, mark) {
					t.Errorf("finding quotes a file outside the project: %s: %s", findingKey(f), f.Message)
				}
				if strings.HasPrefix(f.Path, hostile+"/links/") {
					t.Errorf("finding in a file behind a symbolic link that leaves the project, or loops: %s: %s", findingKey(f), f.Message)
				}
			}
		})
	}
}

// BenchmarkHostile loads the example project with every hostile file of
// TestHostile added (8 MB one-line script and style sheet included) and runs
// every rule on it.
func BenchmarkHostile(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "project")
	env := hostileEnv{outside: b.TempDir(), secret: "SECRET"}
	writeOutside(b, env)
	copyDir(b, "../testdata/example", dir)
	files := append(smallHostile(env), bigHostile()...)
	writeHostile(b, filepath.Join(dir, "miniprogram", "hostile"), files)
	var pages []string
	var size int64
	for _, f := range files {
		if f.page {
			pages = append(pages, strings.TrimSuffix(path.Join("hostile", f.path), ".json"))
		}
		size += int64(len(f.data))
	}
	addPages(b, filepath.Join(dir, "miniprogram", "app.json"), pages)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		p, err := project.Load(dir, project.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := lint.Run(p, rules.All()); err != nil {
			b.Fatal(err)
		}
	}
}
