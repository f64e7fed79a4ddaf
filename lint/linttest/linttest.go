// Package linttest runs a rule over fixture projects and checks its findings
// against expectations written next to the fixture, in the spirit of
// golang.org/x/tools/go/analysis/analysistest.
//
// A fixture is a txtar archive: its files form the project, and a section
// named "want" lists the expected findings, one a line:
//
//	app.json:12:7: error: chatTools has 2 items
//
// The part after the severity is a regular expression matched against the
// message. Each finding of the rule must match one want line and each want
// line one finding; lines starting with # are comments.
//
// Source files can hold their expectations inline, on the line the finding
// is on, as analysistest does: a comment (// or /* */ in scripts and WXSS,
// <!-- --> in WXML) holding "want" and one or more quoted regular
// expressions, each optionally preceded by a severity:
//
//	wx.navigateToMiniProgram({}) // want error "navigateToMiniProgram"
//
// Inline expectations do not check the column; the want section does. JSON
// has no comments, so expectations for JSON files live in the want section.
// A section named "options" may hold "assume-chat-tool",
// "min-base-library=X.Y.Z" and the size budgets "budget-chat-tool=N",
// "budget-package=N" and "budget-total=N" (bytes).
//
// A section named FILE.fixed (app.json.fixed) holds what FILE must be once
// the fixes are applied as --fix applies them (the first fix of each
// finding; see package fix), in the spirit of analysistest's golden files.
// Every file the fixes change needs one; a FILE.fixed equal to FILE says no
// fix changes it. When the fixes change anything, the rule runs again over
// the fixed files, and no finding may still offer a fix: a fix must remove
// its finding.
//
// A section named "generate" makes files too large to write out, one a
// line: a path, a size in bytes, and optionally the text to repeat (Go
// string escapes, quoted) until the file has that size; without text the
// bytes are pseudo-random, like a compressed image:
//
//	packageChatTool/images/banner.png 573440
//	packageChatTool/pages/entry/notes.js 530000 "// 注释\n"
package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
	"golang.org/x/tools/txtar"

	"github.com/chattool-lint/chattool-lint/fix"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// Run runs rule over every fixture matching pattern (a filepath.Glob, such as
// "testdata/*.txtar"), each as a subtest.
func Run(t *testing.T, rule *lint.Rule, pattern string) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures match %s", pattern)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			RunFixture(t, rule, file)
		})
	}
}

// RunFixture runs rule over one fixture archive.
func RunFixture(t *testing.T, rule *lint.Rule, file string) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var wants []*want
	var opts project.Options
	fixed := map[string][]byte{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".fixed"); ok {
			fixed[name] = unescape(f.Data)
			continue
		}
		switch f.Name {
		case "want":
			ws, err := parseWants(string(f.Data))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			wants = append(wants, ws...)
			continue
		case "generate":
			if err := generate(dir, string(f.Data)); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			continue
		case "options":
			for _, o := range strings.Fields(string(f.Data)) {
				switch o {
				case "assume-chat-tool":
					opts.AssumeChatTool = true
				default:
					if name, v, ok := strings.Cut(o, "="); ok && strings.HasPrefix(name, "budget-") {
						n, err := strconv.ParseInt(v, 10, 64)
						if err != nil {
							t.Fatalf("%s: option %s: %v", file, o, err)
						}
						switch name {
						case "budget-chat-tool":
							opts.Budgets.ChatTool = n
						case "budget-package":
							opts.Budgets.Package = n
						case "budget-total":
							opts.Budgets.Total = n
						default:
							t.Fatalf("%s: unknown option %q", file, o)
						}
						continue
					}
					if v, ok := strings.CutPrefix(o, "min-base-library="); ok {
						ver, err := project.ParseVersion(v)
						if err != nil {
							t.Fatalf("%s: %v", file, err)
						}
						opts.MinBaseLibrary = ver
						continue
					}
					t.Fatalf("%s: unknown option %q", file, o)
				}
			}
			continue
		}
		if !strings.HasSuffix(f.Name, ".json") {
			inline, err := parseInline(f.Name, string(f.Data))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			wants = append(wants, inline...)
		}
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, unescape(f.Data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := project.Load(dir, opts)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	res, err := lint.Run(p, []*lint.Rule{rule})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, f := range res.Findings {
		got := fmt.Sprintf("%s:%d:%d: %s: %s", f.Path, f.Start.Line, f.Start.Column, f.Severity, f.Message)
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
	checkFixes(t, rule, dir, opts, res, fixed)
}

// checkFixes applies the fixes of res as --fix does, compares the files with
// the fixture's FILE.fixed sections, and runs the rule again over the fixed
// files.
func checkFixes(t *testing.T, rule *lint.Rule, dir string, opts project.Options, res *lint.Result, fixed map[string][]byte) {
	t.Helper()
	problems, err := fixProblems(rule, dir, opts, res, fixed, t.Logf)
	for _, p := range problems {
		t.Error(p)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// fixProblems returns what is wrong with the fixes of res, given the
// expected contents fixed; logf receives the fixes skipped.
func fixProblems(rule *lint.Rule, dir string, opts project.Options, res *lint.Result, fixed map[string][]byte, logf func(string, ...any)) ([]string, error) {
	var problems []string
	plan := fix.Compute(res)
	for _, s := range plan.Skipped {
		logf("%s", s)
	}
	changed := map[string][]byte{}
	for _, f := range plan.Files {
		changed[f.Path] = f.New
		if _, ok := fixed[f.Path]; !ok {
			problems = append(problems, fmt.Sprintf("the fixes change %s, but the fixture has no %s.fixed section; they make this change:\n%s",
				f.Path, f.Path, diff.Diff(f.Path, f.Old, f.Path+" fixed", f.New)))
		}
	}
	paths := make([]string, 0, len(fixed))
	for path := range fixed {
		paths = append(paths, path)
	}
	slices.Sort(paths)
	for _, path := range paths {
		got, ok := changed[path]
		if !ok {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s.fixed: %v", path, err))
				continue
			}
			got = b
		}
		if want := fixed[path]; string(got) != string(want) {
			problems = append(problems, fmt.Sprintf("%s after the fixes differs from %s.fixed:\n%s",
				path, path, diff.Diff(path+".fixed", want, path+" fixed", got)))
		}
	}
	if len(changed) == 0 || len(problems) > 0 {
		return problems, nil
	}
	opts.Overlay = changed
	p, err := project.Load(dir, opts)
	if err != nil {
		return problems, fmt.Errorf("load the fixed project: %v", err)
	}
	again, err := lint.Run(p, []*lint.Rule{rule})
	if err != nil {
		return problems, fmt.Errorf("run over the fixed project: %v", err)
	}
	for _, f := range again.Findings {
		if len(f.Fixes) > 0 && len(plan.Skipped) == 0 {
			problems = append(problems, fmt.Sprintf("after the fixes, a finding still offers fix %q: %s:%d:%d: %s",
				f.Fixes[0].Message, f.Path, f.Start.Line, f.Start.Column, f.Message))
		}
	}
	return problems, nil
}

// generate writes the files a "generate" section describes into dir.
func generate(dir, spec string) error {
	for i, line := range strings.Split(spec, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, rest, _ := strings.Cut(line, " ")
		num, text, _ := strings.Cut(strings.TrimSpace(rest), " ")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 {
			return fmt.Errorf("generate line %d: %q is not a path, a size and an optional quoted text", i+1, line)
		}
		data := make([]byte, n)
		if text = strings.TrimSpace(text); text != "" {
			unq, err := strconv.Unquote(text)
			if err != nil || unq == "" {
				return fmt.Errorf("generate line %d: the text must be a non-empty quoted string", i+1)
			}
			for j := 0; j < n; j += len(unq) {
				copy(data[j:], unq)
			}
		} else {
			x := uint32(2463534242)
			for j := range data {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				data[j] = byte(x)
			}
		}
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// unescape lets fixtures hold bytes a text archive cannot show: the
// sequences \ufeff (a byte order mark) and \r (before a newline) are replaced.
func unescape(b []byte) []byte {
	s := strings.ReplaceAll(string(b), `\ufeff`, "\uFEFF")
	s = strings.ReplaceAll(s, "\\r\n", "\r\n")
	return []byte(s)
}

type want struct {
	line     int
	text     string
	path     string
	ln, col  int
	severity string
	re       *regexp.Regexp
	used     bool
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
		ws = append(ws, &want{line: i + 1, text: line, path: m[1], ln: ln, col: col, severity: m[4], re: re})
	}
	return ws, nil
}

func (w *want) match(f lint.Finding) bool {
	return w.path == f.Path && w.ln == f.Start.Line && (w.col == 0 || w.col == f.Start.Column) &&
		(w.severity == "" || w.severity == f.Severity.String()) && w.re.MatchString(f.Message)
}

var inlineWant = regexp.MustCompile(`(?://|/\*|<!--)\s*want\s+(.*?)\s*(?:\*/|-->|$)`)

// parseInline reads the inline expectations of a source file.
func parseInline(name, data string) ([]*want, error) {
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
			ws = append(ws, &want{line: i + 1, text: fmt.Sprintf("%s:%d: %s", name, i+1, q), path: name, ln: i + 1, severity: severity, re: re})
			rest, severity = strings.TrimSpace(rest[len(q):]), ""
		}
	}
	return ws, nil
}
