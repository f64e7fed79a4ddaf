package engine

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/options"
)

// TestDifferential: after every step of a random sequence of edits (files
// written, made, removed and renamed on disk, pages and components added
// and removed, json edited and broken, editors' buffers changed, saved and
// closed), a check through an Engine that kept the project from the
// steps before gives what a check from scratch gives, byte for byte: the
// findings with their positions, fixes and suppressions, the source
// lines they point into, the load error and the rules' failures.
//
// It runs on the example project and on generated ones; CHATTOOL_DIFF_DEMO
// names a copy of a larger project (the official demo) to run on too, and
// CHATTOOL_DIFF_STEPS the number of steps.
func TestDifferential(t *testing.T) {
	steps := 120
	if testing.Short() {
		steps = 30
	}
	if s, err := strconv.Atoi(os.Getenv("CHATTOOL_DIFF_STEPS")); err == nil {
		steps = s
	}
	t.Run("example", func(t *testing.T) {
		differential(t, copyProject(t, "../testdata/example"), "miniprogram", rand.New(rand.NewPCG(1, 2)), steps)
	})
	for seed := range uint64(3) {
		t.Run(fmt.Sprintf("generated-%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			dir := t.TempDir()
			generate(dir, r, 4+r.IntN(8), 2+r.IntN(5))
			differential(t, dir, "miniprogram", r, steps)
		})
	}
	if demo := os.Getenv("CHATTOOL_DIFF_DEMO"); demo != "" {
		t.Run("demo", func(t *testing.T) {
			differential(t, copyProject(t, demo), "miniprogram", rand.New(rand.NewPCG(5, 5)), min(steps, 40))
		})
	}
}

// TestDifferentialWatched is TestDifferential with a Watcher (fsnotify)
// telling the Engine of the changes on disk, each check at once after the
// last edit: no change may be missed, however soon the check.
func TestDifferentialWatched(t *testing.T) {
	steps := 80
	if testing.Short() {
		steps = 20
	}
	t.Run("example", func(t *testing.T) {
		differentialWith(t, copyProject(t, "../testdata/example"), "miniprogram", rand.New(rand.NewPCG(3, 4)), steps, true)
	})
	t.Run("generated", func(t *testing.T) {
		r := rand.New(rand.NewPCG(9, 9))
		dir := t.TempDir()
		generate(dir, r, 6, 4)
		differentialWith(t, dir, "miniprogram", r, steps, true)
	})
}

// randSource is a source from math/rand.
type randSource struct{ r *rand.Rand }

func (s randSource) intn(n int) int { return s.r.IntN(n) }
func (s randSource) spent() bool    { return false }

func differential(t *testing.T, dir, mp string, r *rand.Rand, steps int) {
	differentialWith(t, dir, mp, r, steps, false)
}

// differentialWith is differential, with a real Watcher when watched (not
// the editor) telling the Engine of the changes on disk.
func differentialWith(t *testing.T, dir, mp string, r *rand.Rand, steps int, watched bool) {
	eng := New()
	ed := &editor{dir: dir, mp: mp, src: randSource{r}, eng: eng, buffer: map[string][]byte{}, watched: watched}
	if !watched {
		eng.Trust(true) // (the editor tells it what a watcher would)
	}
	compare(t, ed)
	if watched {
		w, err := eng.Watch(nil)
		if err != nil {
			t.Skipf("cannot watch: %v", err)
		}
		defer w.Close()
	}
	for i := range steps {
		ed.step()
		if !compare(t, ed) {
			t.Fatalf("step %d: the incremental check differs from a full one; the edits:\n%s", i+1, strings.Join(ed.log, "\n"))
		}
	}
	st := eng.Stats()
	t.Logf("%d checks: %d loaded, %d derived; analyzers: %d ran, %d reused", st.Loads+st.Derived, st.Loads, st.Derived, st.Ran, st.Reused)
	if steps >= 30 && (st.Derived == 0 || st.Reused == 0) {
		t.Errorf("no check derived its project, or reused an analyzer's outcome: the test tests loads only")
	}
}

// compare checks the project of ed both ways and reports whether they
// agree (a difference is logged).
func compare(t *testing.T, ed *editor) bool {
	t.Helper()
	res, err := (&options.Flags{NoCache: true}).Resolver()
	if err != nil {
		t.Fatal(err)
	}
	keep := ed.keep()
	job := func() *check.Job {
		o, _ := res.For(ed.dir)
		overlay := map[string][]byte{}
		for k, v := range ed.buffer {
			overlay[k] = v
		}
		return &check.Job{Target: &discover.Target{Dir: ed.dir, Overlay: overlay, Files: keep}, Options: o}
	}
	full, inc := job(), job()
	check.Lint(full)
	ed.eng.Check(inc)
	a, b := dump(full), dump(inc)
	if a != b {
		t.Errorf("full check (keeping %v):\n%s\nincremental:\n%s", keep, a, b)
		return false
	}
	if full.Result != nil {
		for _, f := range full.Result.Findings {
			if inJSON[f.Rule] && !strings.HasSuffix(f.Path, ".json") {
				t.Errorf("%s reports in %s, a file that is no json: it cannot be in inJSON", f.Rule, f.Path)
				return false
			}
		}
	}
	return true
}

// keep returns the files a check keeps the findings of: every file (nil)
// half the time, else those of the editor's buffers and one more, as the
// language server keeps those of the open documents.
func (ed *editor) keep() map[string]bool {
	if ed.src.intn(2) == 0 {
		return nil
	}
	keep := map[string]bool{}
	for rel := range ed.buffer {
		keep[rel] = true
	}
	if files := ed.files(); len(files) > 0 {
		keep[files[ed.src.intn(len(files))]] = true
	}
	return keep
}

// dump writes down everything a check gave.
func dump(j *check.Job) string {
	var b strings.Builder
	fmt.Fprintf(&b, "kind %v, chat tool %q\nload error: %v\nerror: %v\n", j.Kind, j.ChatTool, j.LoadErr, j.Err)
	if j.Result == nil {
		return b.String()
	}
	out, err := json.MarshalIndent(j.Result.Findings, "", " ")
	if err != nil {
		panic(err)
	}
	b.Write(out)
	seen := map[string]bool{}
	for _, f := range j.Result.Findings {
		if !seen[f.Path] {
			seen[f.Path] = true
			fmt.Fprintf(&b, "\n%s: %x", f.Path, sha256.Sum256(j.Result.Source(f.Path)))
		}
	}
	return b.String()
}

func copyProject(t testing.TB, from string) string {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// generate writes a mini program with a chat tool: pages in the main
// package and in the chat-tool subpackage, components they use, templates,
// style sheets, a WXS module and scripts that require each other.
func generate(dir string, r *rand.Rand, pages, comps int) {
	write := func(rel, s string) {
		abs := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(abs, []byte(s), 0o644); err != nil {
			panic(err)
		}
	}
	js := func(v any) string { b, _ := json.MarshalIndent(v, "", "  "); return string(b) }
	write("project.config.json", js(map[string]any{"miniprogramRoot": "miniprogram/", "compileType": "miniprogram",
		"setting": map[string]any{"minified": true, "minifyWXSS": r.IntN(2) == 0}}))
	var main, chat []string
	for i := range pages {
		if i%2 == 0 {
			main = append(main, fmt.Sprintf("pages/p%d/index", i))
		} else {
			chat = append(chat, fmt.Sprintf("pages/p%d/index", i))
		}
	}
	if len(chat) == 0 {
		chat = []string{"pages/p1/index"}
	}
	write("miniprogram/app.json", js(map[string]any{
		"pages":           main,
		"subPackages":     []any{map[string]any{"root": "packageChatTool", "pages": chat, "independent": true, "renderer": "skyline", "componentFramework": "glass-easel", "entry": "entry.js"}},
		"chatTools":       []any{map[string]any{"root": "packageChatTool", "entryPagePath": chat[0], "desc": "x"}},
		"lazyCodeLoading": "requiredComponents",
		"sitemapLocation": "sitemap.json",
	}))
	write("miniprogram/sitemap.json", `{"rules": []}`)
	write("miniprogram/app.js", "App({})\n")
	write("miniprogram/app.wxss", ".app { color: red; }\n")
	write("miniprogram/utils/util.js", "module.exports = { a: 1 }\n"+scriptBits[r.IntN(len(scriptBits))])
	write("miniprogram/templates/footer.wxml", `<template name="footer"><view>f</view></template>`+"\n")
	write("miniprogram/packageChatTool/entry.js", "require('./pages/p1/index.js')\n")
	write("miniprogram/packageChatTool/tools.wxs", "module.exports = { b: 2 }\n")
	var compPaths []string
	for i := range comps {
		root := "miniprogram/components"
		if i%2 == 1 {
			root = "miniprogram/packageChatTool/components"
		}
		c := fmt.Sprintf("%s/c%d/index", root, i)
		compPaths = append(compPaths, "/"+strings.TrimPrefix(c, "miniprogram/"))
		write(c+".json", `{"component": true}`)
		write(c+".wxml", "<view>c</view>\n"+templateBits[r.IntN(len(templateBits))])
		write(c+".js", "Component({})\n"+scriptBits[r.IntN(len(scriptBits))])
		if r.IntN(2) == 0 {
			write(c+".wxss", styleBits[r.IntN(len(styleBits))])
		}
	}
	page := func(base string) {
		uc := map[string]any{}
		for range r.IntN(3) {
			uc[fmt.Sprintf("comp-%c", 'a'+r.IntN(3))] = compPaths[r.IntN(len(compPaths))]
		}
		write(base+".json", js(map[string]any{"usingComponents": uc}))
		tpl := "<view>page</view>\n"
		for range 1 + r.IntN(3) {
			tpl += templateBits[r.IntN(len(templateBits))]
		}
		write(base+".wxml", tpl)
		write(base+".wxss", styleBits[r.IntN(len(styleBits))])
		src := "const u = require('/utils/util.js')\nPage({})\n"
		for range 1 + r.IntN(3) {
			src += scriptBits[r.IntN(len(scriptBits))]
		}
		ext := ".js"
		if r.IntN(4) == 0 {
			ext = ".ts"
		}
		write(base+ext, src)
	}
	for _, p := range main {
		page("miniprogram/" + p)
	}
	for _, p := range chat {
		page("miniprogram/packageChatTool/" + p)
	}
}
