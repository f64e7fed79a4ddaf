package plugin

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2/v2"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// No plugin can crash the host: whatever its source, loading it is a
// plugin or an *Error, and running what loads over a project is findings,
// each in a file of the project, within the budgets: never a panic, an
// internal error of the driver, or a run that does not end.

// fuzzProject has a file of every kind, each with nodes of every type.
var fuzzProject = map[string]string{
	"app.json":         `{"pages": ["pages/a/a"], "subPackages": [{"root": "chat", "pages": ["p/p"], "independent": true, "renderer": "skyline", "componentFramework": "glass-easel"}], "chatTools": [{"root": "chat", "entryPagePath": "p/p", "desc": "x", "scopes": []}]}`,
	"pages/a/a.json":   `{"usingComponents": {"c": "/comp/c"}, "navigationBarTitleText": "a"}`,
	"pages/a/a.js":     "import x from './x'\nconst { request } = wx\nPage({ onLoad() { request({ url: 'https://x', data: { a: [1, 'b'] } }); if (wx.canIUse('openChatTool')) wx.openChatTool({}) } })\nthis.pageRouter.navigateTo({ url: '/pages/a/a' })\n",
	"pages/a/x.js":     "module.exports = 1\n",
	"pages/a/a.wxml":   "<view wx:if=\"{{a}}\">\n  <image src='a.png' bind:tap=\"t\"/>\n  <c/>\n</view>\n",
	"pages/a/a.wxss":   "@media (max-width: 10px) { .a { color: red !important } }\n.b > .c { font-size: 20rpx }\n",
	"comp/c.json":      `{"component": true}`,
	"comp/c.wxml":      "<text>{{t}}</text>\n",
	"comp/c.js":        "Component({})\n",
	"chat/p/p.json":    `{}`,
	"chat/p/p.js":      "Page({})\nwx.shareAppMessageToGroup({ title: 't' })\n",
	"chat/p/p.wxml":    "<view/>\n",
	"chat/p/p.wxss":    ".x { margin: 0 }\n",
	"chat/p/p.ts.skip": "",
}

func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkPlugin loads src and runs it over the project in dir; it fails the
// test on anything but an *Error or findings.
func checkPlugin(t *testing.T, dir, src string) {
	t.Helper()
	o := Options{Time: 50 * time.Millisecond, Memory: 64 << 20}
	start := time.Now()
	p, err := Load([]byte(src), "fuzz.js", "fuzz.js", o)
	if err != nil {
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("loading gave %T %v, not an *Error", err, err)
		}
		if strings.Contains(pe.Message, "internal error") {
			t.Fatalf("loading: %v", pe)
		}
		return
	}
	set, err := NewSet([]*Plugin{p}, nil, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	proj, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(proj, set.Rules(nil))
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, f := range res.Findings {
		if f.Start.Line < 1 || f.Path == "" {
			t.Errorf("finding without a place: %+v", f)
		}
		if strings.Contains(f.Message, "JavaScript engine failed") {
			t.Errorf("the engine failed: %s", f.Message)
		}
	}
	// Loading, and every rule on each of the project's 13 files, each
	// within 50 ms, the slow ones stopped after 3 files; with room for a
	// loaded machine.
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("took %v", took)
	}
}

// fuzzSeeds are plugins: well-behaved ones, the examples, and rules that
// do everything the sandbox must stop.
func fuzzSeeds() []string {
	seeds := []string{
		"",
		"module.exports = {}",
		"export default { rules: { a: { create: () => ({}) } } }",
		"module.exports = { rules: { a: { create(c) { return { File(f) { c.report({ loc: { line: 1, column: 0 }, message: f.path }) } } } } } }",
		"module.exports = { rules: { a: { create(c) { return { Element(e) { c.report({ node: e, message: e.name, fix: (x) => x.insertTextAfter(e, ' ') }) } } } } } }",
		"module.exports = { rules: { a: { create(c) { return { JSONDocument(d) { c.report({ node: d.root, message: JSON.stringify(d.value) }) } } } } } }",
		"module.exports = { rules: { a: { create(c) { return { WxApi(u) { c.report({ node: u.args ? u.args[0] || u : u, message: JSON.stringify(u.args) + u.guard.has(u.api) }) } } } } } }",
		"module.exports = { rules: { a: { create(c) { return { Declaration(d) { c.report({ node: d, message: d.rule && d.rule.selector }) } } } } } }",
		"module.exports = { rules: { a: { create(c) { const p = c.project; return { File() { c.report({ loc: p.pages[0].loc, message: p.pagesRendering('comp/c').join() }) } } } } } }",
	}
	for _, dir := range []string{"testdata/basic.js", "../examples/house-rules/house-rules.js", "../examples/skyline-rules/skyline-rules.mjs"} {
		if b, err := os.ReadFile(dir); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	for _, body := range hostileBodies {
		seeds = append(seeds, hostilePlugin(body))
	}
	return seeds
}

// hostileBodies are what TestHostileRules runs, and more.
var hostileBodies = []string{
	"null.x", "throw 'oops'", "require('fs')", "process.exit(1)", "setTimeout(() => {}, 1)", "eval('1')",
	"for (;;) {}", "const f = () => f(); f()", "let s = 'x'; for (let i = 0; i < 40; i++) s += s",
	"let s = 'x'; for (let i = 0; i < 40; i++) s = `${s}${s}`", "const a = []; a[2 ** 32 - 2] = 1; [...a]",
	"JSON.parse('['.repeat(1e6))", "new RegExp('('.repeat(5e5))", "/(a+)+$/.test('a'.repeat(40) + 'b')",
	"context.report({ node: { type: 'x' }, message: 'x' })", "context.report(null)", "context.report({ node: el })",
	"context.report({ node: el, message: { toString() { for (;;) {} } } })",
	"context.report({ node: el, get message() { throw new Error('getter') } })",
	"context.report({ node: el, message: 'x', fix() { for (;;) {} } })",
	"context.report({ node: el, message: 'x', fix: (f) => { for (let i = 0; i < 2000; i++) f.remove(el) } })",
	"context.report({ loc: { line: 1e9, column: -5 }, message: 'x' })",
	"context.report({ loc: { start: { line: 1, column: 1e9 }, end: { line: 0 } }, message: 'x' })",
	"context.report({ loc: { file: '../../etc/passwd', line: 1 }, message: 'x' })",
	"Object.defineProperty(Array.prototype, 'push', { get() { throw 1 } })",
	"Array.prototype[Symbol.iterator] = function* () { for (;;) yield 1 }; [...[1]]",
	"Object.prototype.toString = () => { for (;;) {} }; String({})",
	"globalThis.console = null; console.log(1)",
	"for (let i = 0; i < 1e5; i++) console.log('x'.repeat(100))",
	"const p = new Proxy({}, { get() { for (;;) {} } }); p.x",
	"return new Proxy({}, { get() { throw new Error('trap') } })",
	"Object.freeze(Object.prototype); Object.freeze(Array.prototype)",
	"const a = []; for (let i = 0; i < 1 << 20; i++) a.push(i); a.sort((x, y) => y - x)",
	"async function f() { await f() } f()",
	"function* g() { yield* g() } [...g()]",
	"let o = {}; for (let i = 0; i < 1e5; i++) o = { o }; JSON.stringify(o)",
	"const s = 'x'.repeat(1 << 21); s.replace(/x/g, '$&$&$&')",
	"new Float64Array(1 << 20).join('x')",
	"Reflect.apply(Math.max, null, { length: 1e9 })",
	"String.fromCharCode(...new Array(1e7))",
	"new Array(1e6).fill(0).map(String).join()",
	"'x'.padStart(1e9)",
	"new (Object.getPrototypeOf(async function () {}).constructor)('return 1')",
}

func FuzzPlugin(f *testing.F) {
	// A regular expression's match is not interrupted by the time budget
	// (see sandbox.go): the runtime stops it at regexp2's timeout, a
	// second, the default budget. Under the fuzz's budget of 50 ms (and
	// in a worker process of its own), a second would let one catastrophic
	// pattern in a visitor (a hostile body) hold an input for seconds, so
	// that the fuzzer explores next to nothing in its time; the timeout
	// follows the budget here, as it does by default.
	defer func(t time.Duration) { regexp2.DefaultMatchTimeout = t }(regexp2.DefaultMatchTimeout)
	regexp2.DefaultMatchTimeout = 50 * time.Millisecond
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	dir := writeFiles(f, fuzzProject)
	f.Fuzz(func(t *testing.T, src string) {
		checkPlugin(t, dir, src)
	})
}

// TestPluginProperty runs plugins made of random pieces: visitors of every
// type, each doing a few things from hostileBodies and the ordinary ones,
// the host must survive every one.
func TestPluginProperty(t *testing.T) {
	dir := writeFiles(t, fuzzProject)
	ordinary := []string{
		"context.report({ node: n, message: String(n.name || n.api || n.property || n.schema) })",
		"if (n.args) for (const a of n.args) if (a.kind === 'object') context.report({ node: a, message: Object.keys(a.properties).join() })",
		"if (n.attributes) for (const k in n.attributes) context.report({ node: n.attributes[k], message: k })",
		"context.report({ node: n, message: 'x', fix: (f) => f.insertTextBefore(n, '') })",
		"const l = n.loc; if (l) context.report({ loc: l.start, message: l.file })",
		"JSON.stringify(context.project)",
		"context.project.isChatTool(context.file.mpPath)",
	}
	types := []string{"WxApi", "Import", "GlobalCall", "Route", "Element", "AtRule", "StyleRule", "Declaration", "JSONDocument", "File", "File:exit"}
	rng := rand.New(rand.NewPCG(1, 22))
	n := 25
	if testing.Short() {
		n = 10
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		b.WriteString("module.exports = { rules: {\n")
		for r := 0; r < 1+rng.IntN(3); r++ {
			b.WriteString("  r" + string(rune('a'+r)) + ": { create(context) { return {\n")
			for _, typ := range types {
				if rng.IntN(3) > 0 {
					continue
				}
				b.WriteString("    '" + typ + "'(n) { const el = n;\n")
				for k := 0; k < 1+rng.IntN(3); k++ {
					var stmt string
					if rng.IntN(4) == 0 {
						stmt = hostileBodies[rng.IntN(len(hostileBodies))]
					} else {
						stmt = ordinary[rng.IntN(len(ordinary))]
					}
					b.WriteString("      try { " + stmt + " } catch (e) { if (" + []string{"true", "false"}[rng.IntN(2)] + ") throw e }\n")
				}
				b.WriteString("    },\n")
			}
			b.WriteString("  } } },\n")
		}
		b.WriteString("} }\n")
		src := b.String()
		t.Run("", func(t *testing.T) {
			checkPlugin(t, dir, src)
			if t.Failed() {
				t.Logf("plugin:\n%s", src)
			}
		})
	}
}
