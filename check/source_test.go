package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
)

// TestSources runs every rule over the uni-app and Taro fixtures of
// testdata/sources, as the command does (discover, then check): each
// archive's files form a folder, which is checked whole. Expectations are
// written inline, on the line of the finding, in a comment holding "want"
// and quoted regular expressions, each optionally preceded by a severity
// (// or /* */ in scripts, styles and the JSON-with-comments files of
// uni-app, <!-- --> in templates); or in a "want" section as
// path:line:col: severity: regexp (col 0: any column). Every finding must
// match a want and every want a finding.
func TestSources(t *testing.T) {
	files, err := filepath.Glob("../testdata/sources/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { runSource(t, file) })
	}
}

func runSource(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var wants []*want
	for _, f := range ar.Files {
		if f.Name == "want" {
			ws, err := sectionWants(string(f.Data))
			if err != nil {
				t.Fatal(err)
			}
			wants = append(wants, ws...)
			continue
		}
		ws, err := inlineWants(f.Name, string(f.Data))
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, ws...)
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	targets, _, err := discover.Folder(".", false)
	if err != nil {
		t.Fatal(err)
	}
	var jobs []*check.Job
	for _, tg := range targets {
		jobs = append(jobs, &check.Job{Target: tg})
	}
	check.All(jobs)
	for _, j := range jobs {
		if j.LoadErr != nil || j.Err != nil {
			t.Fatalf("%s: %v %v", j.Target.Dir, j.LoadErr, j.Err)
		}
	}
	for _, j := range jobs {
		for _, f := range j.Result.Findings {
			if f.Suppressed != nil {
				continue
			}
			path := filepath.ToSlash(filepath.Join(j.Target.Dir, f.Path))
			got := fmt.Sprintf("%s:%d:%d: %s: %s (%s)", path, f.Start.Line, f.Start.Column, f.Severity, f.Message, f.Rule)
			matched := false
			for _, w := range wants {
				if !w.used && w.match(path, f) {
					w.used, matched = true, true
					break
				}
			}
			if !matched {
				t.Errorf("unexpected finding: %s", got)
			}
		}
	}
	for _, w := range wants {
		if !w.used {
			t.Errorf("no finding matched want %s", w.text)
		}
	}
}

type want struct {
	text     string
	path     string
	ln, col  int
	severity string
	re       *regexp.Regexp
	used     bool
}

func (w *want) match(path string, f lint.Finding) bool {
	return w.path == path && w.ln == f.Start.Line && (w.col == 0 || w.col == f.Start.Column) &&
		(w.severity == "" || w.severity == f.Severity.String()) && w.re.MatchString(f.Message+" ("+f.Rule+")")
}

var wantLine = regexp.MustCompile(`^(\S+?):(\d+):(\d+): (error|warning|info): (.*)$`)

func sectionWants(s string) ([]*want, error) {
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
			return nil, err
		}
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		ws = append(ws, &want{text: line, path: m[1], ln: ln, col: col, severity: m[4], re: re})
	}
	return ws, nil
}

var inlineWant = regexp.MustCompile(`(?://|/\*|<!--)\s*want\s+(.*?)\s*(?:\*/|-->|$)`)

func inlineWants(name, data string) ([]*want, error) {
	var ws []*want
	for i, line := range strings.Split(data, "\n") {
		m := inlineWant.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		rest, severity := strings.TrimSpace(m[1]), ""
		for rest != "" {
			if word, after, ok := strings.Cut(rest, " "); ok && (word == "error" || word == "warning" || word == "info") {
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
