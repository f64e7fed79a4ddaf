package linttest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// oldRule reports app.json's key "old" with a fix that renames it to to, or
// with to "" one that sets its value to 2 (which keeps the finding).
func oldRule(to string) *lint.Rule {
	return &lint.Rule{
		Doc: &lint.Doc{Name: "rename", Severity: lint.Warning},
		Analyzer: &analysis.Analyzer{
			Name:     "rename",
			Doc:      "test",
			Requires: []*analysis.Analyzer{project.Analyzer},
			Run: func(pass *analysis.Pass) (any, error) {
				app := project.Of(pass).App
				if m := app.Root.Member("old"); m != nil {
					e := jsonedit.RenameKey(m, to)
					if to == "" {
						e = jsonedit.Edit{Start: m.Value.Start, End: m.Value.End, Text: "2"}
					}
					pass.Report(analysis.Diagnostic{Pos: app.Pos(m.KeyStart), End: app.Pos(m.KeyEnd), Message: "old key",
						SuggestedFixes: []analysis.SuggestedFix{jsonedit.Fix(app.File, "Change", e)}})
				}
				return nil, nil
			},
		},
	}
}

func TestFixProblems(t *testing.T) {
	const app = "{\r\n  \"pages\": [\"p\"],\r\n  \"old\": 1\r\n}\r\n"
	renamed := strings.Replace(app, `"old"`, `"new"`, 1)
	for _, tc := range []struct {
		name  string
		to    string
		fixed map[string]string
		n     int      // problems
		want  []string // substrings of the problems
	}{
		{"right", "new", map[string]string{"app.json": renamed}, 0, nil},
		{"no golden", "new", nil, 1, []string{"the fixes change app.json, but the fixture has no app.json.fixed section", `+  "new": 1`}},
		{"wrong golden", "new", map[string]string{"app.json": strings.ReplaceAll(renamed, "\r\n", "\n")},
			1, []string{"app.json after the fixes differs from app.json.fixed"}},
		{"unchanged file, golden the same", "new", map[string]string{"app.json": renamed, "p.json": "{}\n"}, 0, nil},
		{"unchanged file, golden differs", "new", map[string]string{"app.json": renamed, "p.json": "{ }\n"},
			1, []string{"p.json after the fixes differs from p.json.fixed"}},
		{"fix that keeps its finding", "", map[string]string{"app.json": strings.Replace(app, `"old": 1`, `"old": 2`, 1)},
			1, []string{`after the fixes, a finding still offers fix "Change": app.json:3:3: old key`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, src := range map[string]string{"app.json": app, "p.json": "{}\n"} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p, err := project.Load(dir, project.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rule := oldRule(tc.to)
			res, err := lint.Run(p, []*lint.Rule{rule})
			if err != nil {
				t.Fatal(err)
			}
			fixed := map[string][]byte{}
			for k, v := range tc.fixed {
				fixed[k] = []byte(v)
			}
			got, err := fixProblems(rule, dir, project.Options{}, res, fixed, t.Logf)
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(got, "\n")
			if len(got) != tc.n {
				t.Fatalf("problems:\n%s\nwant %d", all, tc.n)
			}
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems:\n%s\nlack %q", all, w)
				}
			}
		})
	}
}
