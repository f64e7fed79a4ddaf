package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func gitlabWriter(b *bytes.Buffer, r []*lint.Result, o Options) error { return GitLab(b, r, o) }

// compileSchema compiles testdata/name with santhosh-tekuri/jsonschema
// (the draft its $schema names).
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := "file:///" + name
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validateGitLab checks a report against GitLab's own schema, which its
// parser applies to each issue (and stops at the first that fails), and
// against the documented format; and that fingerprints are unique, since
// GitLab keeps one issue per fingerprint.
func validateGitLab(t *testing.T, out []byte) []map[string]any {
	t.Helper()
	parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if bytes.HasPrefix(out, []byte("\uFEFF")) {
		t.Error("the report starts with a byte order mark, which GitLab's parser rejects")
	}
	if err := compileSchema(t, "gitlab-code-quality.schema.json").Validate(parsed); err != nil {
		t.Errorf("not the documented Code Quality format: %v", err)
	}
	issues, ok := parsed.([]any)
	if !ok {
		t.Fatalf("not an array: %s", out)
	}
	gitlab := compileSchema(t, "gitlab-codeclimate.schema.json")
	var decoded []map[string]any
	if err := json.Unmarshal(out, &decoded); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, issue := range issues {
		if err := gitlab.Validate(issue); err != nil {
			t.Errorf("issue %d fails GitLab's codeclimate.json (GitLab would drop it and every issue after it): %v", i, err)
		}
		fp := decoded[i]["fingerprint"].(string)
		if seen[fp] {
			t.Errorf("issue %d: fingerprint %s is not unique (GitLab would keep one of them)", i, fp)
		}
		seen[fp] = true
	}
	return decoded
}

func TestGitLabGolden(t *testing.T) {
	golden(t, "golden.gitlab.json", render(t, gitlabWriter, []*lint.Result{fixtureResult(t)}, fixtureOptions()))
}

// TestGitLabSchema validates the report of the example project, of the
// fixture, of the hostile result, of a clean run and of a failed one.
func TestGitLabSchema(t *testing.T) {
	exampleResults, exampleOpts := example(t)
	cases := []struct {
		name    string
		results []*lint.Result
		o       Options
	}{
		{"example", exampleResults, exampleOpts},
		{"fixture", []*lint.Result{fixtureResult(t)}, fixtureOptions()},
		{"hostile", []*lint.Result{hostileResult()}, Options{Cwd: "/work"}},
		{"clean", []*lint.Result{{Dir: "p"}}, Options{Cwd: "/work"}},
		{"failed", []*lint.Result{{Dir: "p"}}, Options{Cwd: "/work", Failure: errors.New("boom")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := render(t, gitlabWriter, c.results, c.o)
			issues := validateGitLab(t, out)
			if len(issues) != unsuppressed(c.results) {
				t.Errorf("%d issues for %d unsuppressed findings", len(issues), unsuppressed(c.results))
			}
			for _, is := range issues {
				loc := is["location"].(map[string]any)
				if p := loc["path"].(string); strings.Contains(p, `\`) || filepath.IsAbs(p) {
					t.Errorf("path %q is not relative with forward slashes", p)
				}
				if d := is["description"].(string); !strings.HasSuffix(d, " ("+is["check_name"].(string)+")") {
					t.Errorf("description %q does not end with its rule", d)
				}
			}
		})
	}
	// An empty report is an empty array, not null.
	if out := render(t, gitlabWriter, nil, Options{}); strings.TrimSpace(string(out)) != "[]" {
		t.Errorf("no results: %s, want []", out)
	}
}

func TestGitLabExample(t *testing.T) {
	results, o := example(t)
	issues := validateGitLab(t, render(t, gitlabWriter, results, o))
	sev := map[string]int{}
	for _, is := range issues {
		sev[is["severity"].(string)]++
		path := is["location"].(map[string]any)["path"].(string)
		if !strings.HasPrefix(path, "testdata/example/miniprogram/") {
			t.Errorf("path %q is not relative to the repository root", path)
		}
	}
	want := map[string]int{}
	for _, f := range results[0].Findings {
		if f.Suppressed == nil {
			want[gitlabSeverity(&f)]++
		}
	}
	if sev["major"] == 0 || sev["minor"] == 0 || len(sev) != len(want) {
		t.Errorf("severities %v, want %v (errors major, warnings minor)", sev, want)
	}
}

func TestGitLabSeverity(t *testing.T) {
	for _, c := range []struct {
		rule string
		sev  lint.Severity
		want string
	}{
		{"skyline-support", lint.Error, "major"},
		{"skyline-support", lint.Warning, "minor"},
		{"skyline-support", lint.Info, "info"},
		{"parse-error", lint.Error, "critical"},
		{"parse-error", lint.Info, "info"},
	} {
		if got := gitlabSeverity(&lint.Finding{Rule: c.rule, Severity: c.sev}); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.rule, c.sev, got, c.want)
		}
	}
}

// TestGitLabFingerprint: a fingerprint follows the finding's line and
// what follows it, not its number, so lines added above keep it; it
// changes with the line's content, the rule and the file; identical lines
// and repeated findings get distinct ones; and it does not depend on the
// message when the source is known.
func TestGitLabFingerprint(t *testing.T) {
	body := "Page({\n  onLoad() {\n    wx.showShareMenu()\n  },\n})\n"
	fp := func(src string, line int, rule, path, msg string, extra ...lint.Finding) []string {
		t.Helper()
		r := &lint.Result{Dir: ".", Source: func(string) []byte { return []byte(src) }}
		r.Findings = append([]lint.Finding{{Rule: rule, Severity: lint.Error, Path: path,
			Start: lint.Position{Line: line, Column: 5}, Message: msg}}, extra...)
		var out []string
		for _, is := range validateGitLab(t, render(t, gitlabWriter, []*lint.Result{r}, Options{Cwd: "/w"})) {
			out = append(out, is["fingerprint"].(string))
		}
		return out
	}
	base := fp(body, 3, "chattool-disabled-api", "pages/a/a.js", "wx.showShareMenu: disabled")[0]
	if len(base) != 32 {
		t.Errorf("fingerprint %q: want 32 hex digits", base)
	}
	same := []struct {
		what string
		got  string
	}{
		{"two lines added above", fp("// a\n// b\n"+body, 5, "chattool-disabled-api", "pages/a/a.js", "wx.showShareMenu: disabled")[0]},
		{"another message", fp(body, 3, "chattool-disabled-api", "pages/a/a.js", "reworded")[0]},
		{"indented otherwise", fp(strings.ReplaceAll(body, "    wx", "\twx"), 3, "chattool-disabled-api", "pages/a/a.js", "x")[0]},
	}
	for _, s := range same {
		if s.got != base {
			t.Errorf("%s: fingerprint %s, want %s", s.what, s.got, base)
		}
	}
	differ := []struct {
		what string
		got  string
	}{
		{"another line", fp(strings.Replace(body, "showShareMenu", "hideShareMenu", 1), 3, "chattool-disabled-api", "pages/a/a.js", "x")[0]},
		{"another rule", fp(body, 3, "skyline-support", "pages/a/a.js", "x")[0]},
		{"another file", fp(body, 3, "chattool-disabled-api", "pages/b/b.js", "x")[0]},
	}
	for _, d := range differ {
		if d.got == base {
			t.Errorf("%s: same fingerprint %s", d.what, base)
		}
	}
	// The same rule twice on one line: distinct, the first keeps its own.
	twice := fp(body, 3, "chattool-disabled-api", "pages/a/a.js", "a",
		lint.Finding{Rule: "chattool-disabled-api", Severity: lint.Error, Path: "pages/a/a.js", Start: lint.Position{Line: 3, Column: 9}, Message: "b"})
	if len(twice) != 2 || twice[0] != base || twice[1] == base {
		t.Errorf("two findings on one line: %v (first should be %s)", twice, base)
	}
	// Identical lines hash apart (the line hash counts repeats).
	rep := "wx.showShareMenu()\nwx.showShareMenu()\n"
	a := fp(rep, 1, "chattool-disabled-api", "x.js", "m")[0]
	b := fp(rep, 2, "chattool-disabled-api", "x.js", "m")[0]
	if a == b {
		t.Error("identical lines have one fingerprint")
	}
	// Without the source, the message stands in for the line.
	noSrc := func(line int, msg string) string {
		r := &lint.Result{Dir: ".", Findings: []lint.Finding{{Rule: "r", Severity: lint.Error, Path: "x.js",
			Start: lint.Position{Line: line, Column: 1}, Message: msg}}}
		return validateGitLab(t, render(t, gitlabWriter, []*lint.Result{r}, Options{Cwd: "/w"}))[0]["fingerprint"].(string)
	}
	if noSrc(1, "m") != noSrc(7, "m") || noSrc(1, "m") == noSrc(1, "n") {
		t.Error("without source, the fingerprint should follow the message, not the line")
	}
}
