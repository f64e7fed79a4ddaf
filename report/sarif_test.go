package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

func sarifOf(t *testing.T, results []*lint.Result, o Options) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, results, o); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	return log
}

// get walks a decoded JSON document: get(v, "runs", 0, "tool") is
// v["runs"][0]["tool"]; it fails the test when the path doesn't exist.
func get(t *testing.T, v any, path ...any) any {
	t.Helper()
	for i, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object", path[:i+1])
			}
			if v, ok = m[k]; !ok {
				t.Fatalf("%v: missing", path[:i+1])
			}
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("%v: not an array of more than %d elements", path[:i+1], k)
			}
			v = a[k]
		}
	}
	return v
}

func TestSARIFRequiredFields(t *testing.T) {
	log := sarifOf(t, []*lint.Result{fixtureResult(t)}, fixtureOptions())
	if get(t, log, "$schema") != "https://json.schemastore.org/sarif-2.1.0.json" || get(t, log, "version") != "2.1.0" {
		t.Errorf("$schema %v, version %v", log["$schema"], log["version"])
	}
	if runs := get(t, log, "runs").([]any); len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := get(t, log, "runs", 0)
	driver := get(t, run, "tool", "driver")
	if get(t, driver, "name") != "chattool-lint" || get(t, driver, "version") != "0.1.0-test" ||
		get(t, driver, "informationUri") != "https://github.com/chattool-lint/chattool-lint" {
		t.Errorf("driver = %v", driver)
	}
	if get(t, run, "columnKind") != "utf16CodeUnits" {
		t.Errorf("columnKind = %v", run.(map[string]any)["columnKind"])
	}
	base := get(t, run, "originalUriBaseIds", "%SRCROOT%", "uri").(string)
	if base != "file:///home/dev/%E8%81%8A%E5%A4%A9%20tools/" {
		t.Errorf("%%SRCROOT%% = %s", base)
	}
	if u, err := url.Parse(base); err != nil || u.Scheme != "file" || u.Path != fixtureCwd+"/" {
		t.Errorf("%%SRCROOT%% %s does not parse back to %s/: %v %v", base, fixtureCwd, u, err)
	}
	if get(t, run, "invocations", 0, "executionSuccessful") != true {
		t.Error("executionSuccessful is not true")
	}
	if _, ok := get(t, run, "invocations", 0).(map[string]any)["toolExecutionNotifications"]; ok {
		t.Error("toolExecutionNotifications without a failure")
	}

	// Rules: sorted by id, each with what GitHub requires.
	rules := get(t, driver, "rules").([]any)
	var ids []string
	levels := map[string]string{}
	for i, r := range rules {
		id := get(t, r, "id").(string)
		ids = append(ids, id)
		levels[id] = get(t, r, "defaultConfiguration", "level").(string)
		for _, p := range [][]any{{"shortDescription", "text"}, {"fullDescription", "text"}, {"help", "text"}, {"help", "markdown"}, {"helpUri"}, {"name"}} {
			if s, _ := get(t, r, p...).(string); strings.TrimSpace(s) == "" {
				t.Errorf("rules[%d].%v is empty", i, p)
			}
		}
		if get(t, r, "name") == id {
			t.Errorf("rules[%d]: name equals id", i)
		}
	}
	if want := []string{"app-json-pages", "chat-tool-title", "custom-navigation"}; fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("rule ids %v, want %v", ids, want)
	}
	if want := map[string]string{"app-json-pages": "error", "chat-tool-title": "warning", "custom-navigation": "note"}; fmt.Sprint(levels) != fmt.Sprint(want) {
		t.Errorf("default levels %v, want %v", levels, want)
	}
	md := get(t, rules[0], "help", "markdown").(string)
	if !strings.Contains(md, "#### Bad\n\n```json\n{\"pages\": [\"pages/missing/index\"]}\n```") ||
		!strings.Contains(md, "#### Good\n\n```json\n") || strings.Contains(md, "\t{") {
		t.Errorf("help.markdown does not have the examples as fenced blocks, once:\n%s", md)
	}

	// Results.
	res := get(t, run, "results").([]any)
	if len(res) != 4 {
		t.Fatalf("%d results, want 4", len(res))
	}
	fixture := fixtureResult(t)
	for i, r := range res {
		f := fixture.Findings[i]
		idx := int(get(t, r, "ruleIndex").(float64))
		if idx < 0 || idx >= len(rules) || get(t, rules[idx], "id") != get(t, r, "ruleId") || get(t, r, "ruleId") != f.Rule {
			t.Errorf("results[%d]: ruleId %v, ruleIndex %d → %v", i, get(t, r, "ruleId"), idx, rules[idx])
		}
		if want := sarifLevel(f.Severity); get(t, r, "level") != want {
			t.Errorf("results[%d]: level %v, want %s", i, get(t, r, "level"), want)
		}
		if get(t, r, "message", "text") != f.Message {
			t.Errorf("results[%d]: message %v", i, get(t, r, "message", "text"))
		}
		if n := len(get(t, r, "locations").([]any)); n != 1 {
			t.Errorf("results[%d]: %d locations", i, n)
		}
		pl := get(t, r, "locations", 0, "physicalLocation")
		if get(t, pl, "artifactLocation", "uriBaseId") != "%SRCROOT%" {
			t.Errorf("results[%d]: uriBaseId %v", i, get(t, pl, "artifactLocation", "uriBaseId"))
		}
		uri := get(t, pl, "artifactLocation", "uri").(string)
		u, err := url.Parse(uri)
		if err != nil || u.IsAbs() || u.Path != "miniprogram-demo/"+f.Path || strings.ContainsAny(uri, " 聊") {
			t.Errorf("results[%d]: uri %q (%v): not an escaped relative reference to %s", i, uri, err, f.Path)
		}
		region := get(t, pl, "region").(map[string]any)
		keysAre(t, "region", region, "startLine", "startColumn", "endLine", "endColumn")
		want := map[string]any{
			"startLine": float64(f.Start.Line), "startColumn": float64(f.Start.ColumnUTF16),
			"endLine": float64(f.End.Line), "endColumn": float64(f.End.ColumnUTF16),
		}
		if fmt.Sprint(region) != fmt.Sprint(want) {
			t.Errorf("results[%d]: region %v, want %v (UTF-16 columns)", i, region, want)
		}
		hash := get(t, r, "partialFingerprints", "primaryLocationLineHash")
		if want := lineHashes(fixture.Source(f.Path))[f.Start.Line-1]; hash != want {
			t.Errorf("results[%d]: primaryLocationLineHash %v, want %s", i, hash, want)
		}
	}
	// Column and ColumnUTF16 really differ in the fixture.
	if f := fixture.Findings[1]; f.Start.Column == f.Start.ColumnUTF16 {
		t.Error("fixture: finding 1 should start after an emoji")
	}
}

func TestSARIFFailure(t *testing.T) {
	log := sarifOf(t, nil, Options{Cwd: "/w", Failure: errors.New("cannot read /w/app.json: permission denied")})
	inv := get(t, log, "runs", 0, "invocations", 0)
	if get(t, inv, "executionSuccessful") != false {
		t.Error("executionSuccessful is not false")
	}
	n := get(t, inv, "toolExecutionNotifications", 0)
	if get(t, n, "level") != "error" || get(t, n, "message", "text") != "cannot read /w/app.json: permission denied" {
		t.Errorf("notification = %v", n)
	}
	// Empty arrays, not null.
	if r := get(t, log, "runs", 0, "results"); r == nil || len(r.([]any)) != 0 {
		t.Errorf("results = %v, want []", r)
	}
	if r := get(t, log, "runs", 0, "tool", "driver", "rules"); r == nil || len(r.([]any)) != 0 {
		t.Errorf("rules = %v, want []", r)
	}
}

func TestSARIFEdgeCases(t *testing.T) {
	pos := lint.Position{Line: 1, Column: 1, ColumnUTF16: 1}
	docs := fixtureRules(t)
	a := &lint.Result{
		Dir: "/w/a",
		Findings: []lint.Finding{
			// A rule no Doc describes, no End, and no source.
			{Rule: "parse-error", Severity: lint.Error, Path: "app.json", Start: lint.Position{Line: 2, Column: 5, ColumnUTF16: 5}, Message: "unexpected }"},
			// A whole-file finding (line 0) with an empty message.
			{Rule: "custom-navigation", Severity: lint.Info, Path: "b:c#d%.json"},
		},
		Rules:  docs[2:],
		Source: func(string) []byte { return nil },
	}
	b := &lint.Result{
		Dir:      "/elsewhere/b",
		Findings: []lint.Finding{{Rule: "app-json-pages", Severity: lint.Warning, Path: "app.json", Start: pos, End: pos, Message: "m"}},
		Rules:    docs[:1],
	}
	log := sarifOf(t, []*lint.Result{a, b}, Options{Cwd: "/w"})
	run := get(t, log, "runs", 0)
	rules := get(t, run, "tool", "driver", "rules").([]any)
	var ids []string
	for _, r := range rules {
		ids = append(ids, get(t, r, "id").(string))
	}
	// The union of the results' rules, plus the undocumented one.
	if fmt.Sprint(ids) != "[app-json-pages custom-navigation parse-error]" {
		t.Errorf("rules %v", ids)
	}
	if get(t, rules[2], "shortDescription", "text") != "parse-error" || get(t, rules[2], "name") != "ParseError" {
		t.Errorf("undocumented rule: %v", rules[2])
	}
	res := get(t, run, "results").([]any)
	r0, r1, r2 := res[0], res[1], res[2]
	if get(t, r0, "ruleIndex") != 2.0 {
		t.Errorf("ruleIndex of parse-error = %v", get(t, r0, "ruleIndex"))
	}
	if region := get(t, r0, "locations", 0, "physicalLocation", "region"); fmt.Sprint(region) != "map[endColumn:5 endLine:2 startColumn:5 startLine:2]" {
		t.Errorf("zero End: region %v", region)
	}
	if _, ok := r0.(map[string]any)["partialFingerprints"]; ok {
		t.Error("a fingerprint without source")
	}
	if region := get(t, r1, "locations", 0, "physicalLocation", "region"); fmt.Sprint(region) != "map[endColumn:1 endLine:1 startColumn:1 startLine:1]" {
		t.Errorf("line 0: region %v", region)
	}
	if get(t, r1, "message", "text") != docs[2].Summary {
		t.Errorf("empty message: %v", get(t, r1, "message", "text"))
	}
	if uri := get(t, r1, "locations", 0, "physicalLocation", "artifactLocation", "uri"); uri != "a/b%3Ac%23d%25.json" {
		t.Errorf("uri %v", uri)
	}
	// Outside the current directory: an absolute file uri, no base.
	al := get(t, r2, "locations", 0, "physicalLocation", "artifactLocation").(map[string]any)
	if fmt.Sprint(al) != "map[uri:file:///elsewhere/b/app.json]" {
		t.Errorf("outside cwd: artifactLocation %v", al)
	}
	if get(t, r2, "level") != "warning" {
		t.Error("the finding's severity, not the rule's default, is the level")
	}
}

func TestSARIFResultLimit(t *testing.T) {
	r := &lint.Result{Dir: "."}
	pos := lint.Position{Line: 1, Column: 1, ColumnUTF16: 1}
	for i := range maxSARIFResults + 2 {
		sev := lint.Warning
		if i == maxSARIFResults+1 { // the last finding is the only error
			sev = lint.Error
		}
		r.Findings = append(r.Findings, lint.Finding{Rule: "r", Severity: sev, Path: fmt.Sprintf("f%06d.json", i), Start: pos, Message: "m"})
	}
	log := sarifOf(t, []*lint.Result{r}, Options{Cwd: "/w"})
	res := get(t, log, "runs", 0, "results").([]any)
	if len(res) != maxSARIFResults {
		t.Fatalf("%d results, want %d", len(res), maxSARIFResults)
	}
	if get(t, res[len(res)-1], "level") != "error" {
		t.Error("the error was dropped rather than a warning")
	}
	n := get(t, log, "runs", 0, "invocations", 0, "toolExecutionNotifications", 0)
	if get(t, n, "level") != "warning" || !strings.HasPrefix(get(t, n, "message", "text").(string), "2 findings were left out") {
		t.Errorf("notification %v", n)
	}
}

func TestEscapePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pages/index/index.json", "pages/index/index.json"},
		{"pages/聊天/my page.js", "pages/%E8%81%8A%E5%A4%A9/my%20page.js"},
		{"a:b/c", "a%3Ab/c"},
		{"50%/x#y?z", "50%25/x%23y%3Fz"},
		{"a-b_c.d~e!$&'()*+,;=@", "a-b_c.d~e!$&'()*+,;=@"},
	}
	for _, tt := range tests {
		got := escapePath(tt.in, ":")
		if got != tt.want {
			t.Errorf("escapePath(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if u, err := url.Parse(got); err != nil || u.Path != tt.in {
			t.Errorf("%q does not parse back to %q: %v", got, tt.in, err)
		}
	}
	if got := fileURI("/a b/c:d", true); got != "file:///a%20b/c:d/" {
		t.Errorf("fileURI = %q", got)
	}
}

func TestCamelCase(t *testing.T) {
	for in, want := range map[string]string{
		"app-json-pages": "AppJsonPages", "chat_tool.title": "ChatToolTitle", "x": "X", "wxml-2way": "Wxml2way",
	} {
		if got := camelCase(in); got != want {
			t.Errorf("camelCase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescriptionLimit(t *testing.T) {
	long := strings.Repeat("长句子 words ", 200)
	text := "First paragraph.\n\n" + long + "\n\n\tcode\n\nDefault severity: error\n\n[a]: https://a"
	if got := description(text, maxDescription); got != "First paragraph." {
		t.Errorf("description = %q", got)
	}
	got := description(long, maxDescription)
	if n := len([]rune(got)); n > maxDescription || !strings.HasSuffix(got, "…") || n < maxDescription/2 {
		t.Errorf("description of one long paragraph: %d characters: %q", n, got)
	}
	wrapped := "one\ntwo  three\n\nfour"
	if got := description(wrapped, maxDescription); got != "one two three\n\nfour" {
		t.Errorf("description = %q", got)
	}
}
