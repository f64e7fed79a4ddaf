package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// FuzzProject feeds arbitrary app.json, page json, project.config.json,
// page WXML and WXSS to the loader and every rule: whatever the input, no panic, no rule failure,
// and every finding inside its file.
func FuzzProject(f *testing.F) {
	f.Add([]byte(`{"pages":["p/a"],"subPackages":[{"root":"c","pages":["x"],"independent":true,"renderer":"skyline"}],"chatTools":[{"root":"c","entryPagePath":"x","desc":"d","scopes":["scope.record"]}],"lazyCodeLoading":"requiredComponents","usingComponents":{"k":"./p/a"}}`),
		[]byte(`{"usingComponents":{"a":"../a","b":"/p/a","c":"plugin://x/y"},"renderer":"webview","navigationStyle":"default"}`),
		[]byte(`{"miniprogramRoot":"./","setting":{"useCompilerPlugins":["typescript"]}}`),
		[]byte(`<import src="/x.wxml"/><button open-type="share"/><ad/><scroll-view/><open-data-list/><k/><wxs module="m">var a = 1</wxs>`),
		[]byte(`@import "../a.wxss"; * { float: left; } [a] { position: sticky } @media (min-width: 1px) { .a::x { display: grid } }`))
	f.Add([]byte(`{"pages":[1,null,"../../x"],"chatTools":[{},{"root":5}],"subpackages":[{"root":""}],"tabBar":{"list":[{"iconPath":"@x"}]},"themeLocation":"p/a.json"}`),
		[]byte("\uFEFF{\"a\":1,}"), []byte(`{"miniprogramRoot":"../.."}`),
		[]byte("<view><text>{{a < b}}</view></block><image src=\"../../../x.png\"/>"), []byte(".a { color: \"x; } }"))
	f.Fuzz(func(t *testing.T, app, page, config, wxml, wxss []byte) {
		dir := t.TempDir()
		for name, data := range map[string][]byte{"app.json": app, "p/a.json": page, "project.config.json": config, "p/a.wxml": wxml, "p/a.wxss": wxss} {
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
