// Package plugintest runs the rules of a chattool-lint plugin over fixture
// projects and checks their findings against expectations written in the
// fixtures, as lint/linttest does for the built-in rules and
// golang.org/x/tools/go/analysis/analysistest for Go analyzers.
//
// A fixture is a folder holding a project (or a txtar archive of one):
// app.json, pages, templates, styles and scripts, as small as the rule
// needs. Source files hold their expectations on the line of the finding,
// in a comment that says "want" and gives one or more quoted regular
// expressions, each optionally preceded by a severity:
//
//	wx.request({ url }) // want error "use the request wrapper"
//	<image src="a.png" /> <!-- want "image without mode" -->
//	.a { color: red } /* want warning "no named colours" */
//
// JSON has no comments: a file named "want" in the fixture (a section
// named want in an archive) lists expected findings one a line, as
// path:line:col: severity: regexp (the column may be 0 for any). Every
// finding of the plugin's rules must match a want, and every want a
// finding. A file FILE.fixed holds what FILE must be once the findings'
// fixes are applied; a file named "options" may hold "assume-chat-tool"
// and "min-base-library=X.Y.Z".
//
// Suppression comments (chattool-lint-disable-next-line PLUGIN/RULE) work
// in fixtures as in a project, and an unused one is a finding of
// unused-suppression, which must be wanted too.
//
// A plugin author's test is a Go test next to the plugin:
//
//	func TestHouseRules(t *testing.T) {
//		plugintest.Run(t, "house-rules.js", "testdata")
//	}
package plugintest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/chattool-lint/chattool-lint/fix"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/plugin"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules/unusedsuppression"
)

// Options tune a run.
type Options struct {
	// Settings are the rules' settings, by rule name (PLUGIN/RULE), as
	// chattool-lint.json's settings would give them.
	Settings map[string]any
	// Time and Memory are the budgets (0: the defaults).
	Time   time.Duration
	Memory int64
}

// Run runs the rules of the plugin at path over every fixture in dir: each
// folder in it and each .txtar file is one, as a subtest.
func Run(t *testing.T, path, dir string) { RunWith(t, path, dir, Options{}) }

// RunWith runs as Run does, with options.
func RunWith(t *testing.T, path, dir string, o Options) {
	t.Helper()
	set := load(t, path, o)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && !strings.HasSuffix(name, ".txtar") {
			continue
		}
		n++
		t.Run(strings.TrimSuffix(name, ".txtar"), func(t *testing.T) {
			t.Helper()
			fixture(t, set, filepath.Join(dir, name))
		})
	}
	if n == 0 {
		t.Fatalf("no fixtures (folders or .txtar files) in %s", dir)
	}
}

// load loads the plugin, failing the test at its error.
func load(t *testing.T, path string, o Options) *plugin.Set {
	t.Helper()
	po := plugin.Options{Time: o.Time, Memory: o.Memory, Log: os.Stderr}
	p, err := plugin.LoadFile(path, path, po)
	if err != nil {
		t.Fatalf("loading the plugin: %v", err)
	}
	settings := map[string]json.RawMessage{}
	for k, v := range o.Settings {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("settings of %s: %v", k, err)
		}
		settings[k] = b
	}
	set, err := plugin.NewSet([]*plugin.Plugin{p}, settings, nil, po)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// fixture checks one fixture: a folder, or a txtar archive written out.
func fixture(t *testing.T, set *plugin.Set, path string) {
	t.Helper()
	dir := path
	if strings.HasSuffix(path, ".txtar") {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dir = t.TempDir()
		for _, f := range ar.Files {
			dst := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	wants, fixed, opts, err := expectations(dir)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	p, err := project.Load(dir, opts)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	res, err := lint.Run(p, append(set.Rules(nil), unusedsuppression.Rule))
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, f := range res.Findings {
		if f.Suppressed != nil {
			continue
		}
		got := fmt.Sprintf("%s:%d:%d: %s: %s (%s)", f.Path, f.Start.Line, f.Start.Column, f.Severity, f.Message, f.Rule)
		matched := false
		for _, w := range wants {
			if !w.used && w.match(f) {
				w.used, matched = true, true
				break
			}
		}
		if !matched {
			t.Errorf("unexpected finding: %s", got)
		}
	}
	for _, w := range wants {
		if !w.used {
			t.Errorf("no finding matched want %s", w.text)
		}
	}
	if len(fixed) > 0 {
		checkFixes(t, res, dir, fixed)
	}
}

// checkFixes computes the fixes as --fix applies them (nothing is
// written) and compares the files.
func checkFixes(t *testing.T, res *lint.Result, dir string, fixed map[string][]byte) {
	t.Helper()
	plan := fix.Compute(res)
	got := map[string][]byte{}
	for _, f := range plan.Files {
		got[f.Path] = f.New
	}
	for name, want := range fixed {
		b, ok := got[name]
		if !ok {
			var err error
			if b, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				t.Errorf("%s.fixed: %v", name, err)
				continue
			}
		}
		if string(b) != string(want) {
			t.Errorf("%s after the fixes:\n%s\nwant (%s.fixed):\n%s", name, b, name, want)
		}
	}
	for name := range got {
		if _, ok := fixed[name]; !ok {
			t.Errorf("the fixes change %s, but the fixture has no %s.fixed", name, name)
		}
	}
}

// expectations reads the wants, the .fixed files and the options of a
// fixture folder.
func expectations(dir string) ([]*want, map[string][]byte, project.Options, error) {
	var wants []*want
	fixed := map[string][]byte{}
	var opts project.Options
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case rel == "want":
			ws, err := parseWants(string(data))
			if err != nil {
				return err
			}
			wants = append(wants, ws...)
		case rel == "options":
			for _, o := range strings.Fields(string(data)) {
				switch {
				case o == "assume-chat-tool":
					opts.AssumeChatTool = true
				case strings.HasPrefix(o, "min-base-library="):
					v, err := project.ParseVersion(strings.TrimPrefix(o, "min-base-library="))
					if err != nil {
						return err
					}
					opts.MinBaseLibrary = v
				default:
					return fmt.Errorf("options: unknown option %q", o)
				}
			}
		case strings.HasSuffix(rel, ".fixed"):
			fixed[strings.TrimSuffix(rel, ".fixed")] = data
		case !strings.HasSuffix(rel, ".json"):
			ws, err := parseInline(rel, string(data))
			if err != nil {
				return err
			}
			wants = append(wants, ws...)
		}
		return nil
	})
	return wants, fixed, opts, err
}

type want struct {
	text     string
	path     string
	ln, col  int
	severity string
	re       *regexp.Regexp
	used     bool
}

func (w *want) match(f lint.Finding) bool {
	return w.path == f.Path && w.ln == f.Start.Line && (w.col == 0 || w.col == f.Start.Column) &&
		(w.severity == "" || w.severity == f.Severity.String()) && w.re.MatchString(f.Message)
}

var wantLine = regexp.MustCompile(`^(\S+?):(\d+):(\d+): (error|warning|info): (.*)$`)

func parseWants(s string) ([]*want, error) {
	var ws []*want
	for i, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := wantLine.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("want line %d: %q is not path:line:col: severity: regexp", i+1, line)
		}
		re, err := regexp.Compile(m[5])
		if err != nil {
			return nil, fmt.Errorf("want line %d: %v", i+1, err)
		}
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		ws = append(ws, &want{text: line, path: m[1], ln: ln, col: col, severity: m[4], re: re})
	}
	return ws, nil
}

var inlineWant = regexp.MustCompile(`(?://|/\*|<!--)\s*want\s+(.*?)\s*(?:\*/|-->|$)`)

func parseInline(name, data string) ([]*want, error) {
	var ws []*want
	for i, line := range strings.Split(data, "\n") {
		m := inlineWant.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rest, severity := strings.TrimSpace(m[1]), ""
		for rest != "" {
			if word, after, ok := strings.Cut(rest, " "); ok && slices.Contains([]string{"error", "warning", "info"}, word) {
				severity, rest = word, strings.TrimSpace(after)
				continue
			}
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: want needs quoted regular expressions: %q", name, i+1, m[1])
			}
			pat, _ := strconv.Unquote(q)
			re, err := regexp.Compile(pat)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, i+1, err)
			}
			ws = append(ws, &want{text: fmt.Sprintf("%s:%d: %s", name, i+1, q), path: name, ln: i + 1, severity: severity, re: re})
			rest, severity = strings.TrimSpace(rest[len(q):]), ""
		}
	}
	return ws, nil
}
