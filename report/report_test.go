package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestGolden compares each format's output for the fixture with
// testdata/golden.{txt,json,sarif}; go test ./report -update rewrites them.
//
// With SARIF_OUT=FILE in the environment it also writes the SARIF output to
// FILE, for .ci/validate-sarif.sh.
func TestGolden(t *testing.T) {
	formats := []struct {
		file  string
		write func(*bytes.Buffer, []*lint.Result, Options) error
	}{
		{"golden.txt", func(b *bytes.Buffer, r []*lint.Result, o Options) error { return Text(b, r, o) }},
		{"golden.json", func(b *bytes.Buffer, r []*lint.Result, o Options) error { return JSON(b, r, o) }},
		{"golden.sarif", func(b *bytes.Buffer, r []*lint.Result, o Options) error { return SARIF(b, r, o) }},
	}
	for _, f := range formats {
		t.Run(f.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := f.write(&buf, []*lint.Result{fixtureResult(t)}, fixtureOptions()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", f.file)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("output differs from %s (go test ./report -update rewrites it):\n%s", golden, lineDiff(string(want), got))
			}
			if out := os.Getenv("SARIF_OUT"); out != "" && f.file == "golden.sarif" {
				if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + wl + "\n got: " + gl
		}
	}
	return "(no line differs)"
}

func TestTextLines(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, []*lint.Result{fixtureResult(t)}, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`miniprogram-demo/app.json:2:31: error: page "pages/missing/index" is listed in app.json but pages/missing/index.json does not exist (app-json-pages)`,
		// Column counts characters: 🎉 is one, though two UTF-16 units.
		`miniprogram-demo/app.json:3:70: info: navigationStyle "custom" has no effect in chat tools (标题由聊天提供) (custom-navigation)`,
		`miniprogram-demo/chat/my page.js:2:13: warning: chat tool pages should not call wx.setNavigationBarTitle: the title comes from the chat (chat-tool-title)`,
		`miniprogram-demo/pages/聊天/index.json:3:39: error: component "/components/picker 🎈/index" does not exist (app-json-pages)`,
		`2 errors, 1 warning, 1 info in 3 files`,
	}
	if got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTextSummary(t *testing.T) {
	one := func(sev ...lint.Severity) *lint.Result {
		r := &lint.Result{Dir: "."}
		for i, s := range sev {
			r.Findings = append(r.Findings, lint.Finding{Rule: "r", Severity: s, Path: []string{"a.json", "b.json"}[i%2],
				Start: lint.Position{Line: 1, Column: 1, ColumnUTF16: 1}, Message: "m"})
		}
		return r
	}
	tests := []struct {
		results []*lint.Result
		failure error
		want    string
	}{
		{[]*lint.Result{one()}, nil, "no problems found\n"},
		{nil, nil, "no problems found\n"},
		{[]*lint.Result{one()}, errors.New("boom"), ""},
		{[]*lint.Result{one(lint.Error)}, nil, "1 error, 0 warnings in 1 file\n"},
		{[]*lint.Result{one(lint.Warning)}, nil, "0 errors, 1 warning in 1 file\n"},
		{[]*lint.Result{one(lint.Error, lint.Error, lint.Warning)}, nil, "2 errors, 1 warning in 2 files\n"},
		{[]*lint.Result{one(lint.Info, lint.Info, lint.Info, lint.Error)}, nil, "1 error, 0 warnings, 3 infos in 2 files\n"},
		{[]*lint.Result{one(lint.Info)}, nil, "0 errors, 0 warnings, 1 info in 1 file\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Text(&buf, tt.results, Options{Cwd: "/w", Failure: tt.failure}); err != nil {
			t.Fatal(err)
		}
		// The summary is the last line.
		got := buf.String()
		if i := strings.LastIndex(strings.TrimSuffix(got, "\n"), "\n"); i >= 0 {
			got = got[i+1:]
		}
		if got != tt.want {
			t.Errorf("summary %q, want %q", got, tt.want)
		}
	}
}

func TestTextPaths(t *testing.T) {
	f := lint.Finding{Rule: "r", Severity: lint.Error, Path: "sub/app.json",
		Start: lint.Position{Line: 2, Column: 3, ColumnUTF16: 4}, Message: "line one\nline two"}
	tests := []struct{ dir, want string }{
		{"/w/proj", "proj/sub/app.json"},                      // absolute PATH inside cwd
		{"proj", "proj/sub/app.json"},                         // relative PATH
		{".", "sub/app.json"},                                 // the current directory
		{"/elsewhere/proj", "../elsewhere/proj/sub/app.json"}, // outside cwd
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Text(&buf, []*lint.Result{{Dir: tt.dir, Findings: []lint.Finding{f}}}, Options{Cwd: "/w"}); err != nil {
			t.Fatal(err)
		}
		want := tt.want + ":2:3: error: line one line two (r)\n1 error, 0 warnings in 1 file\n"
		if buf.String() != want {
			t.Errorf("Dir %q:\n got %q\nwant %q", tt.dir, buf.String(), want)
		}
	}
}

func TestJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, []*lint.Result{fixtureResult(t)}, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "}\n") || !strings.HasPrefix(buf.String(), "{\n  \"tool\"") {
		t.Errorf("want indented JSON with a trailing newline, got:\n%s", buf.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	keysAre(t, "top level", doc, "tool", "diagnostics")
	tool := doc["tool"].(map[string]any)
	keysAre(t, "tool", tool, "name", "version")
	if tool["name"] != "chattool-lint" || tool["version"] != "0.1.0-test" {
		t.Errorf("tool = %v", tool)
	}
	diags := doc["diagnostics"].([]any)
	if len(diags) != 4 {
		t.Fatalf("%d diagnostics, want 4", len(diags))
	}
	for _, d := range diags {
		keysAre(t, "diagnostic", d.(map[string]any),
			"rule", "severity", "file", "line", "column", "endLine", "endColumn", "message")
	}
	// The info on app.json line 3 follows "聊天工具 🎉🎉": it starts at column
	// 70 in characters (the text format) but 72 in UTF-16 code units, which
	// JSON gives.
	want := map[string]any{
		"rule": "custom-navigation", "severity": "info", "file": "app.json",
		"line": 3.0, "column": 72.0, "endLine": 3.0, "endColumn": 80.0,
		"message": `navigationStyle "custom" has no effect in chat tools (标题由聊天提供)`,
	}
	if !reflect.DeepEqual(diags[1], want) {
		t.Errorf("diagnostics[1] = %v\nwant %v", diags[1], want)
	}
	// 🐱 inside the span: the end column differs too.
	if d := diags[2].(map[string]any); d["file"] != "chat/my page.js" || d["column"] != 13.0 || d["endColumn"] != 61.0 {
		t.Errorf("diagnostics[2] = %v, want file \"chat/my page.js\", column 13, endColumn 61 (60 in characters)", d)
	}

	// No findings: an empty array, not null.
	buf.Reset()
	if err := JSON(&buf, []*lint.Result{{Dir: "."}}, Options{Version: "v"}); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"tool\": {\n    \"name\": \"chattool-lint\",\n    \"version\": \"v\"\n  },\n  \"diagnostics\": []\n}\n"; buf.String() != want {
		t.Errorf("empty report:\n%s\nwant\n%s", buf.String(), want)
	}
}

func keysAre(t *testing.T, what string, m map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	slices.Sort(got)
	keys = slices.Sorted(slices.Values(keys))
	if !slices.Equal(got, keys) {
		t.Errorf("%s has keys %v, want exactly %v", what, got, keys)
	}
}

func TestJSONSeveralResults(t *testing.T) {
	pos := func(line, col int) lint.Position { return lint.Position{Line: line, Column: col, ColumnUTF16: col} }
	a := &lint.Result{Dir: "b-proj", Findings: []lint.Finding{
		{Rule: "z", Severity: lint.Error, Path: "app.json", Start: pos(1, 1), End: pos(1, 2), Message: "1"},
	}}
	b := &lint.Result{Dir: "./a-proj/", Findings: []lint.Finding{
		{Rule: "y", Severity: lint.Warning, Path: "app.json", Start: pos(2, 1), End: pos(2, 2), Message: "3"},
		{Rule: "x", Severity: lint.Warning, Path: "app.json", Start: pos(2, 1), Message: "2"},
	}}
	var buf bytes.Buffer
	if err := JSON(&buf, []*lint.Result{a, b}, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Diagnostics []jsonDiagnostic
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range doc.Diagnostics {
		got = append(got, d.File+":"+d.Rule+":"+d.Message)
	}
	// Sorted across results by file, line, column, rule.
	want := []string{"a-proj/app.json:x:2", "a-proj/app.json:y:3", "b-proj/app.json:z:1"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// A finding without an end ends where it starts.
	if d := doc.Diagnostics[0]; d.EndLine != 2 || d.EndColumn != 1 {
		t.Errorf("zero End: endLine %d endColumn %d, want 2 1", d.EndLine, d.EndColumn)
	}
}
