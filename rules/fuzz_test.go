package rules_test

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/internal/fuzzseed"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// FuzzProject feeds arbitrary app.json, page json, project.config.json,
// page WXML, WXSS and script (TypeScript when project.config.json names
// "typescript") to the loader and every rule: whatever the input, no panic,
// no rule failure, and every finding inside its file.
func FuzzProject(f *testing.F) {
	f.Add([]byte(`{"pages":["p/a"],"subPackages":[{"root":"c","pages":["x"],"independent":true,"renderer":"skyline"}],"chatTools":[{"root":"c","entryPagePath":"x","desc":"d","scopes":["scope.record"]}],"lazyCodeLoading":"requiredComponents","usingComponents":{"k":"./p/a"}}`),
		[]byte(`{"usingComponents":{"a":"../a","b":"/p/a","c":"plugin://x/y"},"renderer":"webview","navigationStyle":"default"}`),
		[]byte(`{"miniprogramRoot":"./","setting":{"useCompilerPlugins":["typescript"]}}`),
		[]byte(`<import src="/x.wxml"/><button open-type="share"/><ad/><scroll-view/><open-data-list/><k/><wxs module="m">var a = 1</wxs>`),
		[]byte(`@import "../a.wxss"; * { float: left; } [a] { position: sticky } @media (min-width: 1px) { .a::x { display: grid } }`),
		[]byte(`import x from './b'; const w = wx; Page({ onShareAppMessage() {}, onLoad() { w.navigateToMiniProgram({}); if (wx.canIUse('x')) wx.x() } })`))
	f.Add([]byte(`{"pages":[1,null,"../../x"],"chatTools":[{},{"root":5}],"subpackages":[{"root":""}],"tabBar":{"list":[{"iconPath":"@x"}]},"themeLocation":"p/a.json"}`),
		[]byte("\uFEFF{\"a\":1,}"), []byte(`{"miniprogramRoot":"../.."}`),
		[]byte("<view><text>{{a < b}}</view></block><image src=\"../../../x.png\"/>"), []byte(".a { color: \"x; } }"),
		[]byte("let a: number = ; require('../../x')"))
	// Seeds from every fixture of the repository: its app.json, first page
	// or component json, project.config.json, first template and style.
	for _, pr := range fuzzseed.Projects("..") {
		var app, page, config, wxml, wxss, script []byte
		for _, f := range pr.Files {
			switch base := path.Base(f.Path); {
			case base == "app.json" && app == nil:
				app = f.Data
			case base == "project.config.json" && config == nil:
				config = f.Data
			case strings.HasSuffix(base, ".json") && base != "sitemap.json" && page == nil:
				page = f.Data
			case strings.HasSuffix(base, ".wxml") && wxml == nil:
				wxml = f.Data
			case strings.HasSuffix(base, ".wxss") && wxss == nil:
				wxss = f.Data
			case (strings.HasSuffix(base, ".js") || strings.HasSuffix(base, ".ts")) && script == nil:
				script = f.Data
			}
		}
		if app != nil || page != nil || wxml != nil || wxss != nil || script != nil {
			f.Add(app, page, config, wxml, wxss, script)
		}
	}
	f.Fuzz(func(t *testing.T, app, page, config, wxml, wxss, script []byte) {
		dir := t.TempDir()
		scriptName := "p/a.js"
		if strings.Contains(string(config), "typescript") {
			scriptName = "p/a.ts"
		}
		for name, data := range map[string][]byte{"app.json": app, "p/a.json": page, "project.config.json": config, "p/a.wxml": wxml, "p/a.wxss": wxss, scriptName: script} {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, err := project.Load(dir, project.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := lint.Run(p, rules.All())
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range res.Findings {
			src := res.Source(fd.Path)
			if fd.Start.Offset < 0 || fd.Start.Offset > len(src) || fd.End.Offset < fd.Start.Offset || fd.End.Offset > len(src) || fd.Start.Line < 1 || fd.Start.Column < 1 {
				t.Fatalf("finding outside its file: %+v (file has %d bytes)", fd, len(src))
			}
		}
	})
}
