package rules_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chattool-lint/chattool-lint/lint"
)

// TestUnseen runs every rule over files written by others, to check the
// front ends on input they were not written against (issue 7): each file
// becomes a chat-tool page's script, template or style, 200 pages to a
// project. CHATTOOL_UNSEEN lists the sets, comma-separated, each
// KIND[EXPECT]=DIR: KIND is js, ts, wxml or wxss (the page file the inputs
// become), DIR holds them (every file under it, recursively, whose name
// ends in .js, .ts, .css, .html, .wxml or .wxss), and EXPECT says what each
// must give: "=" no error-level parse-error, "!" a parse-error (an
// error, or the info that says only tdewolff's parser accepts the file),
// "?" anything. For instance, with the public suites of README "Hostile input":
//
//	CHATTOOL_UNSEEN='js=/x/test262-parser-tests/pass,js!=/x/test262-parser-tests/fail,wxss?=/x/css' go test ./rules -run Unseen -v
//
// Whatever the input: no rule fails, every parse-error has a line and a
// column inside the file, and no project takes more than 10 seconds.
// Inputs that do not give what EXPECT says are listed; the test fails when
// any does, unless testdata/unseen-known.txt lists it (by the name of the
// set's folder and its path in it) with the reason.
func TestUnseen(t *testing.T) {
	spec := os.Getenv("CHATTOOL_UNSEEN")
	if spec == "" {
		t.Skip("CHATTOOL_UNSEEN names no input sets")
	}
	for _, set := range strings.Split(spec, ",") {
		kind, dir, ok := strings.Cut(set, "=")
		if !ok || kind == "" {
			t.Fatalf("CHATTOOL_UNSEEN: %q is not KIND[EXPECT]=DIR", set)
		}
		expect := byte('=')
		if c := kind[len(kind)-1]; c == '!' || c == '?' {
			expect, kind = c, kind[:len(kind)-1]
		}
		t.Run(kind+string(expect)+filepath.Base(dir), func(t *testing.T) { unseenSet(t, kind, expect, dir) })
	}
}

func unseenSet(t *testing.T, kind string, expect byte, dir string) {
	var inputs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch path.Ext(p) {
		case ".js", ".ts", ".css", ".html", ".wxml", ".wxss":
			if d.Type().IsRegular() {
				inputs = append(inputs, p)
			}
		}
		return nil
	})
	sort.Strings(inputs)
	known := knownUnseen(t)
	if len(inputs) == 0 {
		t.Fatalf("no inputs under %s", dir)
	}
	const perProject = 200
	var broken, flagged, clean, wrong, knownWrong int
	var slowest time.Duration
	for start := 0; start < len(inputs); start += perProject {
		batch := inputs[start:min(start+perProject, len(inputs))]
		root := t.TempDir()
		pages := make([]string, len(batch))
		for i, in := range batch {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			page := fmt.Sprintf("packageChatTool/p%d/index", i)
			pages[i] = strings.TrimPrefix(page, "packageChatTool/")
			files := map[string][]byte{
				".json": []byte(`{"usingComponents": {}}`),
				".js":   []byte("Page({})\n"),
				".wxml": []byte("<view>page</view>\n"),
				".wxss": []byte(".a { color: red; }\n"),
			}
			if kind == "ts" {
				delete(files, ".js")
			}
			files["."+kind] = src
			for ext, data := range files {
				writeFile(t, filepath.Join(root, filepath.FromSlash(page+ext)), data)
			}
		}
		app, _ := json.Marshal(map[string]any{
			"pages": []string{"pages/index/index"},
			"subPackages": []map[string]any{{
				"root": "packageChatTool", "pages": pages, "independent": true,
				"componentFramework": "glass-easel", "renderer": "skyline",
			}},
			"chatTools":       []map[string]any{{"root": "packageChatTool", "entryPagePath": pages[0], "desc": "unseen"}},
			"lazyCodeLoading": "requiredComponents",
		})
		writeFile(t, filepath.Join(root, "app.json"), app)
		writeFile(t, filepath.Join(root, "project.config.json"), []byte(`{"compileType": "miniprogram", "libVersion": "3.7.8"}`))
		for ext, data := range map[string]string{".json": "{}", ".js": "Page({})\n", ".wxml": "<view/>\n", ".wxss": ""} {
			writeFile(t, filepath.Join(root, "pages/index/index"+ext), []byte(data))
		}

		began := time.Now()
		p, res := run(t, root) // fails the test when a rule fails
		took := time.Since(began)
		slowest = max(slowest, took)
		if took > 10*time.Second {
			t.Errorf("%s..%s: %v for %d pages", batch[0], batch[len(batch)-1], took, len(batch))
		}
		errs := map[string]lint.Finding{}
		for _, f := range res.Findings {
			if f.Rule != "parse-error" {
				continue
			}
			pf, err := p.ReadFile(f.Path)
			lines := 0
			if err == nil {
				lines = strings.Count(string(pf.Src), "\n") + 1
			}
			if f.Start.Line < 1 || f.Start.Column < 1 || lines > 0 && f.Start.Line > lines {
				t.Errorf("%s: parse-error at %d:%d (the file has %d lines): %s", f.Path, f.Start.Line, f.Start.Column, lines, f.Message)
			}
			if g, ok := errs[f.Path]; !ok || f.Severity > g.Severity {
				errs[f.Path] = f
			}
		}
		for i, in := range batch {
			f, found := errs[fmt.Sprintf("packageChatTool/p%d/index.%s", i, kind)]
			isBroken := found && f.Severity == lint.Error
			rel, _ := filepath.Rel(dir, in)
			rel = filepath.ToSlash(filepath.Join(filepath.Base(dir), rel))
			switch {
			case isBroken:
				broken++
			case found:
				flagged++
			default:
				clean++
			}
			switch {
			case known[rel]:
				knownWrong++
			case expect == '=' && isBroken:
				wrong++
				t.Errorf("%s: %d:%d: %s", rel, f.Start.Line, f.Start.Column, f.Message)
			case expect == '!' && !found:
				wrong++
				t.Errorf("%s: accepted, want a parse-error", rel)
			}
		}
	}
	t.Logf("%d inputs as %s: %d with an error-level parse-error, %d with a lesser one (only the second parser accepts them), %d without; %d not as expected (%c) and %d known to differ; slowest project of %d pages %v",
		len(inputs), kind, broken, flagged, clean, wrong, expect, knownWrong, perProject, slowest.Round(time.Millisecond))
}

// knownUnseen reads testdata/unseen-known.txt: "SET/PATH reason" lines.
func knownUnseen(t *testing.T) map[string]bool {
	b, err := os.ReadFile("testdata/unseen-known.txt")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if name, _, _ := strings.Cut(strings.TrimSpace(line), " "); name != "" && !strings.HasPrefix(name, "#") {
			known[name] = true
		}
	}
	return known
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
