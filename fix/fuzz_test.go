package fix_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/fix"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// FuzzFixes runs every rule over an arbitrary app.json, page json and page
// WXML, applies the fixes as --fix does, and checks that the fixes keep a
// JSON file that parsed parsing (with no more tolerated problems than
// before), that they leave the line endings of a CRLF file alone, and that
// the fixed project still lints.
func FuzzFixes(f *testing.F) {
	f.Add([]byte("{\r\n  \"pages\": [\"p/a\"],\r\n  \"subPackages\": [{\"root\": \"c\", \"pages\": [\"x\"], \"independent\": true}],\r\n  \"chatTools\": [{\"root\": \"C\", \"entryPagePath\": \"c/x\", \"desc\": \"d\", \"scopes\": [\"scope.Record\"]}],\r\n  \"lazyCodeLoading\": \"requiredcomponents\",\r\n}\r\n"),
		[]byte(`{"NavigationStyle": "Custom", "renderer": "Skyline",}`), []byte(`<open-data-item type='usernickname'/>`))
	f.Add([]byte(`{"pages":["p/a"],"renderer":"skyline","subpackages":[{"root":"c","pages":["x"],"independent":true,"renderer":null,}],"chatTools":[{"root":"c","entryPagePath":"x","desc":"d"}]}`),
		[]byte("{\n\t// c\n\t\"navigationbartitletext\": 1\n}"), []byte(`<view/>`))
	f.Add([]byte(`{"pages":["p/a"],"subPackages":[{/* c */}],"chatTools":[{"root":""}],"renderer":"skyline","rendererOptions":{"skyline":{}}}`),
		[]byte(`{}`), []byte(``))
	f.Fuzz(func(t *testing.T, app, page, wxml []byte) {
		dir := t.TempDir()
		files := map[string][]byte{"app.json": app, "p/a.json": page, "p/a.wxml": wxml, "c/x.wxml": []byte("<view/>")}
		for name, data := range files {
			path := filepath.Join(dir, filepath.FromSlash(name))
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
		plan := fix.Compute(res)
		overlay := map[string][]byte{}
		for _, file := range plan.Files {
			overlay[file.Path] = file.New
			if !strings.HasSuffix(file.Path, ".json") {
				continue
			}
			_, oldProbs, oldErr := jsonc.Parse(file.Old)
			_, newProbs, newErr := jsonc.Parse(file.New)
			if oldErr == nil && newErr != nil {
				t.Fatalf("the fixes broke %s: %v\n%q\n→\n%q", file.Path, newErr, file.Old, file.New)
			}
			if oldErr == nil && len(newProbs) > len(oldProbs) {
				t.Fatalf("the fixes added problems to %s: %v\n%q\n→\n%q", file.Path, newProbs, file.Old, file.New)
			}
			if crlf := strings.Count(string(file.Old), "\r\n"); crlf > 0 && crlf == strings.Count(string(file.Old), "\n") &&
				strings.Count(string(file.New), "\r\n") != strings.Count(string(file.New), "\n") {
				t.Fatalf("the fixes put LF lines in CRLF %s:\n%q", file.Path, file.New)
			}
		}
		if len(overlay) == 0 {
			return
		}
		p, err = project.Load(dir, project.Options{Overlay: overlay})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lint.Run(p, rules.All()); err != nil {
			t.Fatal(err)
		}
	})
}
