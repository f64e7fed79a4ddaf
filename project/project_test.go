package project

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/testutil"
)

func TestLoadModel(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"project.config.json": `{"miniprogramRoot": "mp/", "setting": {"useCompilerPlugins": ["typescript", ["less", {}]]}}`,
		"mp/app.json": `{
			"pages": ["pages/index/index", "/pages/two/index"],
			"componentFramework": "glass-easel",
			"subpackages": [
				{"root": "/chat/", "pages": ["pages/a", "pages/b"], "independent": true, "renderer": "skyline"},
				{"root": "chat/inner", "pages": ["x"]}
			],
			"chatTools": [{"root": "chat", "entryPagePath": "pages/a", "desc": "d"}]
		}`,
		"mp/chat/pages/b.json":      `{"renderer": "webview", "usingComponents": {"c": "../comp/index"}}`,
		"mp/chat/comp/index.json":   `{"component": true, "usingComponents": {"d": "/shared/d"}}`,
		"mp/shared/d/index.js":      ``,
		"mp/pages/index/index.json": `{"component": true}`,
		"mp/chat/comp/index.wxml":   ``,
		"mp/sitemap.json":           `{"rules": []}`,
	})
	p, err := Load(dir, Options{MinBaseLibrary: Version{2, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if p.MiniRoot != "mp" || p.App == nil || p.App.Path != "mp/app.json" {
		t.Fatalf("MiniRoot %q, App %+v", p.MiniRoot, p.App)
	}
	if !p.Compilers["typescript"] || !p.Compilers["less"] {
		t.Errorf("Compilers = %v", p.Compilers)
	}
	if len(p.Subpackages) != 2 || p.Subpackages[0].Root != "chat" || p.ChatTool != p.Subpackages[0] {
		t.Fatalf("subpackages %+v, chat tool %+v", p.Subpackages, p.ChatTool)
	}
	paths := map[string]*Page{}
	for _, pg := range p.Pages {
		paths[pg.Path] = pg
	}
	if paths["pages/two/index"] == nil || paths["chat/pages/a"] == nil || paths["chat/inner/x"] == nil {
		t.Fatalf("pages = %v", paths)
	}
	a, b := paths["chat/pages/a"], paths["chat/pages/b"]
	if a.Renderer.Value != "skyline" || a.Renderer.Level != "subpackage" {
		t.Errorf("a renderer = %+v", a.Renderer)
	}
	if b.Renderer.Value != "webview" || b.Renderer.Level != "page" {
		t.Errorf("b renderer = %+v", b.Renderer)
	}
	if a.ComponentFramework.Value != "glass-easel" || a.ComponentFramework.Level != "app" {
		t.Errorf("a framework = %+v", a.ComponentFramework)
	}
	if got := paths["pages/index/index"].Renderer; got.Value != "webview" || got.Level != "default" {
		t.Errorf("main renderer = %+v", got)
	}
	if paths["pages/index/index"].JSON.Schema != "component" {
		t.Errorf("a page json with component: true is checked as a component")
	}
	if sp := p.PackageOf("chat/inner/x"); sp == nil || sp.Root != "chat/inner" {
		t.Errorf("PackageOf picks the longest root, got %+v", sp)
	}
	if !p.IsChatTool("chat/pages/a") || p.IsChatTool("pages/index/index") {
		t.Error("IsChatTool")
	}
	if v := p.MinBaseLibrary("chat/pages/a"); v != (Version{3, 7, 8}) {
		t.Errorf("chat-tool minimum = %v, want 3.7.8", v)
	}
	if v := p.MinBaseLibrary("pages/index/index"); v != (Version{2, 0, 0}) {
		t.Errorf("main minimum = %v, want 2.0.0", v)
	}
	var comps []string
	for _, c := range p.Components {
		comps = append(comps, c.Path)
	}
	if len(comps) != 2 || comps[0] != "chat/comp/index" || comps[1] != "shared/d/index" {
		t.Errorf("components = %v", comps)
	}
	if p.JSON("mp/sitemap.json") == nil {
		t.Error("sitemap.json is loaded by default")
	}
}

func TestNeverReadsOutsideRoot(t *testing.T) {
	outside := t.TempDir()
	testutil.WriteTree(t, outside, map[string]string{"secret.json": `{"component": true}`, "app.json": `{"pages": []}`})
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{
		"app.json":            `{"pages": ["pages/a/index"], "usingComponents": {"s": "/link/secret", "u": "../x"}}`,
		"project.config.json": `{"miniprogramRoot": "../"}`,
	})
	if err := os.MkdirAll(filepath.Join(dir, "pages/a"), 0o755); err != nil {
		t.Fatal(err)
	}
	must(t, os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(dir, "pages/a/index.json")))
	must(t, os.Symlink(outside, filepath.Join(dir, "link")))
	must(t, os.Symlink(filepath.Join(dir, "loop"), filepath.Join(dir, "loop")))
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.MiniRootErr == "" || p.MiniRoot != "" {
		t.Errorf("miniprogramRoot ../ was followed: %q %q", p.MiniRoot, p.MiniRootErr)
	}
	for _, f := range p.Files {
		if f.Path != "app.json" && f.Path != "project.config.json" {
			t.Errorf("read %s", f.Path)
		}
	}
	if p.Exists("link/secret.json") || p.Exists("loop") || p.Exists("../"+filepath.Base(outside)+"/secret.json") {
		t.Error("Exists sees outside the root")
	}
	if _, err := p.ReadFile("pages/a/index.json"); err == nil {
		t.Error("ReadFile followed a symlink out of the root")
	}
	for _, ref := range p.ComponentRefs() {
		if ref.Kind != RefMissing && ref.Kind != RefOutside {
			t.Errorf("ref %s resolved to %v", ref.Member.Key, ref.Kind)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Error("a missing directory loads")
	}
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{"file": "x"})
	if _, err := Load(filepath.Join(dir, "file"), Options{}); err == nil {
		t.Error("a file loads as a project")
	}
	// A folder where app.json should be is a load error, not a crash.
	must(t, os.MkdirAll(filepath.Join(dir, "p", "app.json"), 0o755))
	p, err := Load(filepath.Join(dir, "p"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.LoadErrors) != 1 || p.LoadErrors[0].File.Path != "app.json" {
		t.Errorf("LoadErrors = %+v", p.LoadErrors)
	}
}

func TestParseVersion(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Version
		ok   bool
	}{{"3.7.8", Version{3, 7, 8}, true}, {"2.33", Version{2, 33, 0}, true}, {"3", Version{3, 0, 0}, true},
		{"3.x", Version{}, false}, {"", Version{}, false}, {"1.2.3.4", Version{}, false}, {"-1.0.0", Version{}, false}} {
		v, err := ParseVersion(tc.in)
		if (err == nil) != tc.ok || (tc.ok && v != tc.want) {
			t.Errorf("ParseVersion(%q) = %v, %v", tc.in, v, err)
		}
	}
	if !(Version{2, 33, 0}).Less(Version{3, 7, 8}) || (Version{3, 7, 8}).Less(Version{3, 7, 8}) {
		t.Error("Less")
	}
}

// An empty file's offset 0 is on line 1, whether ReadFile or ReadAll reads
// it (go/token leaves a file without content no line at all: a finding on
// an empty project.config.json crashed the driver).
func TestEmptyFileLines(t *testing.T) {
	dir := t.TempDir()
	testutil.WriteTree(t, dir, map[string]string{"project.config.json": "", "app.json": "", "a.wxml": "", "b.wxml": "x"})
	p, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := p.ReadAll([]string{"a.wxml", "b.wxml"})
	for _, f := range append(files, p.Config.File, p.App.File) {
		if line := f.Lines().Line(f.Pos(0)); line != 1 {
			t.Errorf("%s: offset 0 on line %d, want 1", f.Path, line)
		}
	}
}

// A panic in one call of Parallel lets the others run and comes back in
// the caller's goroutine, where it can be recovered.
func TestParallelPanic(t *testing.T) {
	var ran [8]bool
	got := func() (r any) {
		defer func() { r = recover() }()
		Parallel(len(ran), func(i int) {
			ran[i] = true
			if i == 3 {
				panic("boom")
			}
		})
		return nil
	}()
	if got == nil || !strings.Contains(fmt.Sprint(got), "boom") {
		t.Errorf("recovered %v, want the panic", got)
	}
	for i, ok := range ran {
		if !ok {
			t.Errorf("call %d did not run", i)
		}
	}
}
