package chattoolapiargs_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// TestMiniGamePipeline runs every rule over the mini games of
// testdata/pipeline through check.Lint, as the command does: the rules that
// hold only for mini programs must stay silent there, and only the findings
// of the want section come out. The rules of the "silent" section must
// report on the same project when run alone, so that the fixture shows the
// pipeline, not the rule, keeps them quiet.
func TestMiniGamePipeline(t *testing.T) {
	files, err := filepath.Glob("testdata/pipeline/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var wants []*regexp.Regexp
			var silent []string
			for _, f := range ar.Files {
				switch f.Name {
				case "want":
					for _, line := range lines(f.Data) {
						// FILE:LINE:COL: SEVERITY: REGEXP (RULE)
						head, rest, _ := strings.Cut(line, ": ")
						sev, rest, _ := strings.Cut(rest, ": ")
						i := strings.LastIndex(rest, " (")
						if i < 0 {
							t.Fatalf("%s: want line %q has no (RULE)", file, line)
						}
						msg := strings.TrimPrefix(rest[:i], "^")
						wants = append(wants, regexp.MustCompile("^"+regexp.QuoteMeta(head+": "+sev+": ")+"(?:"+msg+")"+".* "+regexp.QuoteMeta(rest[i+1:])+"$"))
					}
					continue
				case "silent":
					silent = lines(f.Data)
					continue
				}
				dst := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			j := &check.Job{Target: &discover.Target{Dir: dir}}
			check.Lint(j)
			if j.LoadErr != nil || j.Err != nil {
				t.Fatalf("check.Lint: %v %v", j.LoadErr, j.Err)
			}
			if j.Kind != discover.MiniGame {
				t.Fatalf("the fixture is a %v, not a mini game", j.Kind)
			}
			used := make([]bool, len(wants))
			for _, f := range j.Result.Findings {
				got := fmt.Sprintf("%s:%d:%d: %s: %s (%s)", f.Path, f.Start.Line, f.Start.Column, f.Severity, f.Message, f.Rule)
				i := slices.IndexFunc(wants, func(w *regexp.Regexp) bool { return w.MatchString(got) })
				if i < 0 || used[i] {
					t.Errorf("unexpected finding: %s", got)
					continue
				}
				used[i] = true
			}
			for i, w := range wants {
				if !used[i] {
					t.Errorf("no finding matched want %s", w)
				}
			}

			// Alone, each silent rule reports on this very project.
			p, err := project.Load(dir, project.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range silent {
				r := ruleNamed(name)
				if r == nil {
					t.Fatalf("no rule %s", name)
				}
				if r.Doc.MiniGames {
					t.Errorf("rule %s applies to mini games: it is not a mini-program rule", name)
				}
				res, err := lint.Run(p, []*lint.Rule{r})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Findings) == 0 {
					t.Errorf("rule %s reports nothing here even alone: the fixture does not show that the pipeline silences it", name)
				}
			}
		})
	}
}

func ruleNamed(name string) *lint.Rule {
	for _, r := range rules.All() {
		if r.Doc.Name == name {
			return r
		}
	}
	return nil
}

func lines(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}
