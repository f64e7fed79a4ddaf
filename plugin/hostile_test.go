package plugin

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// lintWith loads src as a plugin and runs its rules over a project made of
// files.
func lintWith(t *testing.T, src string, files map[string]string, o Options) ([]lint.Finding, time.Duration) {
	t.Helper()
	p, err := Load([]byte(src), "hostile.js", "hostile.js", o)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	set, err := NewSet([]*Plugin{p}, nil, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range files {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proj, err := project.Load(dir, project.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := lint.Run(proj, set.Rules(nil))
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return res.Findings, time.Since(start)
}

// app is a small project: two pages, each with a script and a template.
var app = map[string]string{
	"app.json":             `{"pages": ["pages/a/a", "pages/b/b"]}`,
	"pages/a/a.js":         "Page({})\nwx.request({ url: 'x' })\n",
	"pages/a/a.wxml":       "<view>\n  <image src='a.png'/>\n</view>\n",
	"pages/b/b.js":         "Page({})\n",
	"pages/b/b.wxml":       "<view/>\n",
	"pages/c/c.wxml":       "<view/>\n",
	"pages/d/d.wxml":       "<view/>\n",
	"pages/e/e.wxml":       "<view/>\n",
	"components/x/x.wxml":  "<view/>\n",
	"components/y/y.wxml":  "<view/>\n",
	"components/z/z.wxml":  "<view/>\n",
	"components/w/w.wxml":  "<view/>\n",
	"components/v/v.wxml":  "<view/>\n",
	"components/u/u.wxml":  "<view/>\n",
	"components/t/t.wxml":  "<view/>\n",
	"components/s/s.wxml":  "<view/>\n",
	"components/r/r.wxml":  "<view/>\n",
	"components/q/q.wxml":  "<view/>\n",
	"components/o/o.wxml":  "<view/>\n",
	"components/n/n.wxml":  "<view/>\n",
	"components/m/m.wxml":  "<view/>\n",
	"components/l/l.wxml":  "<view/>\n",
	"components/k/k.wxml":  "<view/>\n",
	"components/j/j.wxml":  "<view/>\n",
	"components/i/i.wxml":  "<view/>\n",
	"components/h/h.wxml":  "<view/>\n",
	"components/g/g.wxml":  "<view/>\n",
	"components/f/f.wxml":  "<view/>\n",
	"components/ee/e.wxml": "<view/>\n",
}

// plugin makes a plugin of a "bad" rule whose Element visitor runs body
// on the image of pages/a/a.wxml, and a "good" rule that reports every wx
// API use: the good rule's findings must survive the bad one's.
func hostilePlugin(body string) string {
	return `module.exports = { rules: {
  good: { create(context) { return { WxApi(u) { context.report({ node: u, message: 'use of ' + u.api }) } } } },
  bad: { create(context) {
    return { Element(el) {
      if (el.name !== 'image') return
` + body + `
    } }
  } },
} }
`
}

func TestHostileRules(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       string // in the bad rule's message
		line       int    // of hostile.js in the message (0: no line)
		// time is the rule's budget (0: 100 ms); the cases that build
		// a large input before the limit under test stops them get more,
		// so that on a loaded machine the limit, not the clock, ends them.
		time time.Duration
	}{
		{"throws", "      null.x", "the rule threw at hostile.js:6:", 6, 0},
		{"throws a string", "      throw 'oops'", "uncaught oops", 6, 0},
		{"require", "      require('fs').readFileSync('/etc/passwd')", `require("fs"): plugins run in a sandbox`, 6, 0},
		{"process", "      process.exit(1)", "ReferenceError: process is not defined", 6, 0},
		{"timers", "      setTimeout(() => {}, 1)", "ReferenceError: setTimeout is not defined", 6, 0},
		{"eval", "      eval('1')", "cannot compile code from strings", 6, 0},
		{"function constructor", "      (function(){}).constructor('return 1')()", "cannot compile code from strings", 6, 0},
		{"endless loop", "      for (;;) {}", "spent its time budget (100ms) and was stopped at hostile.js:", 0, 0},
		{"endless recursion", "      const f = () => f(); f()", "call stack is deeper", 6, 0},
		{"memory", "      const a = []; for (let i = 0; ; i++) a.push({ i, s: 'x' + i })", "spent its memory budget (64 MB) and was stopped at hostile.js:6:", 0, 20 * time.Second},
		{"rope", "      let s = 'x'; for (let i = 0; i < 40; i++) s += s", "over the limit of 4194304", 6, 0},
		{"template rope", "      let s = 'x'; for (let i = 0; i < 40; i++) s = `${s}${s}`", "over the limit of 4194304", 6, 0},
		{"repeat", "      'x'.repeat(2 ** 30)", "over the limit", 6, 0},
		{"sparse spread", "      const a = []; a[2 ** 32 - 2] = 1; [...a]", "an array length of 4294967295 is over the limit", 6, 0},
		{"sparse join", "      const a = []; a.length = 1e9; a.join('')", "over the limit", 6, 0},
		{"json nesting", "      JSON.parse('['.repeat(1e6))", "a JSON nesting of 1000000 is over the limit", 6, 5 * time.Second},
		{"regexp nesting", "      new RegExp('('.repeat(5e5) + ')'.repeat(5e5))", "regular expression nesting", 6, 5 * time.Second},
		{"catastrophic regexp", "      /(a+)+$/.test('a'.repeat(40) + 'b')", "", 0, 0},
		{"bad report", "      context.report({ message: 'no node' })", "context.report needs a node or a loc", 6, 0},
		{"forged node", "      context.report({ node: { type: 'x' }, message: 'x' })", "node is not a node", 6, 0},
		{"array buffer", "      new ArrayBuffer(2 ** 31)", "a buffer size", 6, 0},
		{"huge typed array", "      new Float64Array(2 ** 28)", "over the limit", 6, 0},
		{"replace blowup", "      const s = 'x'.repeat(1 << 20); s.replace(/x/g, s)", "over the limit", 6, 5 * time.Second},
		{"promise storm", "      const f = () => Promise.resolve().then(f); f(); for (;;) {}", "time budget", 6, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			budget := 100 * time.Millisecond
			if tc.time > 0 {
				budget = tc.time
			}
			fs, took := lintWith(t, hostilePlugin(tc.body), app, Options{Time: budget, Memory: 64 << 20})
			if took > 10*time.Second {
				t.Errorf("the run took %v", took)
			}
			var bad []lint.Finding
			good := 0
			for _, f := range fs {
				switch f.Rule {
				case "hostile/good":
					good++
				case "hostile/bad":
					bad = append(bad, f)
				}
			}
			if good != 1 {
				t.Errorf("the good rule has %d findings, want 1: %v", good, fs)
			}
			if tc.want == "" {
				for _, f := range bad {
					t.Logf("%s:%d:%d: %s", f.Path, f.Start.Line, f.Start.Column, f.Message)
				}
				return
			}
			if len(bad) != 1 {
				t.Fatalf("the bad rule has %d findings, want 1: %v", len(bad), bad)
			}
			f := bad[0]
			t.Logf("%s:%d:%d: %s: %s (in %v)", f.Path, f.Start.Line, f.Start.Column, f.Severity, f.Message, took)
			if f.Path != "pages/a/a.wxml" || f.Start.Line != 2 || f.Severity != lint.Error {
				t.Errorf("finding at %s:%d (%s), want pages/a/a.wxml:2 (error)", f.Path, f.Start.Line, f.Severity)
			}
			if !strings.Contains(f.Message, tc.want) {
				t.Errorf("message %q, want %q", f.Message, tc.want)
			}
			if tc.line > 0 && !strings.Contains(f.Message, fmt.Sprintf("hostile.js:%d:", tc.line)) {
				t.Errorf("message %q does not name hostile.js:%d", f.Message, tc.line)
			}
		})
	}
}

// TestStoppedAfterTrips: a rule that loops on every file is stopped, on
// maxTrips files, and not run on the rest.
func TestStoppedAfterTrips(t *testing.T) {
	src := `module.exports = { rules: { loop: { create() { return { Element() { for (;;) {} } } } } } }`
	fs, took := lintWith(t, src, app, Options{Time: 50 * time.Millisecond})
	// Workers may trip at once before the count reaches maxTrips.
	if len(fs) < maxTrips || len(fs) > maxTrips+runtime.GOMAXPROCS(0)-1 {
		t.Fatalf("%d findings, want %d: %v", len(fs), maxTrips, fs)
	}
	stopped := false
	for _, f := range fs {
		stopped = stopped || strings.HasSuffix(f.Message, "not run on the project's other files")
	}
	if !stopped {
		t.Errorf("no finding says the rule was stopped: %v", fs)
	}
	if took > 3*time.Second {
		t.Errorf("took %v", took)
	}
}
