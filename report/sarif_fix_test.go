package report

import (
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

// fixtureEdit makes an edit of the fixture file path that replaces the first
// occurrence of what with text (or inserts text before it, with insert).
func fixtureEdit(t *testing.T, path, what string, insert bool, text string) lint.Edit {
	t.Helper()
	src := fixtureSources[path]
	off := strings.Index(src, what)
	if off < 0 {
		t.Fatalf("%q not in %s", what, path)
	}
	end := off + len(what)
	if insert {
		end = off
	}
	return lint.Edit{Path: path, Start: position(src, off), End: position(src, end), NewText: text}
}

func TestSARIFFixes(t *testing.T) {
	res := fixtureResult(t)
	// The custom-navigation finding (app.json line 3, after "聊天工具 🎉🎉": the
	// UTF-16 columns run one ahead per emoji) gets a fix of three edits in two
	// files; the chat-tool-title one is suppressed and keeps no fix.
	f := &res.Findings[1]
	f.Fixes = []lint.Fix{
		{Message: "Use the default navigation", Edits: []lint.Edit{
			fixtureEdit(t, "app.json", `"custom"`, false, `"default"`),
			fixtureEdit(t, "app.json", `, "navigationStyle"`, false, ""),
			fixtureEdit(t, "pages/聊天/index.json", `"usingComponents"`, true, `"navigationStyle": "default",`+"\n  "),
		}},
		{Message: "", Edits: []lint.Edit{fixtureEdit(t, "app.json", `"custom"`, false, `"default"`)}},
	}
	res.Findings[2].Suppressed = &lint.Suppression{Kind: "inSource", Justification: "title is fine"}
	res.Findings[2].Fixes = []lint.Fix{{Message: "x", Edits: []lint.Edit{fixtureEdit(t, "chat/my page.js", "wx", false, "")}}}
	log := sarifOf(t, []*lint.Result{res}, fixtureOptions())

	results := get(t, log, "runs", 0, "results").([]any)
	for i, r := range results {
		_, has := r.(map[string]any)["fixes"]
		if has != (i == 1) {
			t.Errorf("result %d (%v): fixes present %v", i, get(t, r, "ruleId"), has)
		}
	}
	fixes := get(t, results[1], "fixes").([]any)
	if len(fixes) != 2 {
		t.Fatalf("%d fixes, want 2", len(fixes))
	}
	if d := get(t, fixes[0], "description", "text"); d != "Use the default navigation" {
		t.Errorf("description %q", d)
	}
	if d := get(t, fixes[1], "description", "text"); d != "Fix" {
		t.Errorf("description of a fix without a message: %q, want a fallback (GitHub wants no empty text)", d)
	}
	changes := get(t, fixes[0], "artifactChanges").([]any)
	if len(changes) != 2 {
		t.Fatalf("%d artifact changes, want one per file", len(changes))
	}
	resultURI := get(t, results[1], "locations", 0, "physicalLocation", "artifactLocation", "uri")
	if u := get(t, changes[0], "artifactLocation", "uri"); u != resultURI || get(t, changes[0], "artifactLocation", "uriBaseId") != srcRoot {
		t.Errorf("change uri %v, result uri %v", u, resultURI)
	}
	if u := get(t, changes[1], "artifactLocation", "uri"); u != "miniprogram-demo/pages/%E8%81%8A%E5%A4%A9/index.json" {
		t.Errorf("second change uri %v", u)
	}

	region := func(r any) [4]float64 {
		d := get(t, r, "deletedRegion")
		return [4]float64{get(t, d, "startLine").(float64), get(t, d, "startColumn").(float64), get(t, d, "endLine").(float64), get(t, d, "endColumn").(float64)}
	}
	reps := get(t, changes[0], "replacements").([]any)
	if len(reps) != 2 {
		t.Fatalf("%d replacements in app.json, want 2", len(reps))
	}
	// Line 3: `  "window": {"navigationBarTitleText": "聊天工具 🎉🎉", "navigationStyle": "custom"},`
	// "custom" starts at character 70, UTF-16 unit 72.
	if got, want := region(reps[0]), [4]float64{3, 72, 3, 80}; got != want {
		t.Errorf("replacement region %v, want %v (UTF-16 columns)", got, want)
	}
	if got := get(t, reps[0], "insertedContent", "text"); got != `"default"` {
		t.Errorf("inserted %q", got)
	}
	if _, has := reps[1].(map[string]any)["insertedContent"]; has {
		t.Error("a deletion has insertedContent")
	}
	// `, "navigationStyle"`: characters 49 to 68, UTF-16 units 51 to 70.
	if got, want := region(reps[1]), [4]float64{3, 51, 3, 70}; got != want {
		t.Errorf("deletion region %v, want %v", got, want)
	}
	ins := get(t, changes[1], "replacements", 0)
	if got, want := region(ins), [4]float64{3, 3, 3, 3}; got != want {
		t.Errorf("insertion region %v, want the empty region %v", got, want)
	}
	if got := get(t, ins, "insertedContent", "text"); got != "\"navigationStyle\": \"default\",\n  " {
		t.Errorf("inserted %q", got)
	}
}

func TestEditRegion(t *testing.T) {
	p := func(line, col int) lint.Position { return lint.Position{Line: line, Column: col, ColumnUTF16: col} }
	for _, tc := range []struct {
		e    lint.Edit
		want sarifRegion
	}{
		{lint.Edit{Start: p(2, 3), End: p(4, 1)}, sarifRegion{2, 3, 4, 1}},
		{lint.Edit{Start: p(2, 3), End: p(2, 3)}, sarifRegion{2, 3, 2, 3}},
		{lint.Edit{Start: p(2, 3), End: p(1, 9)}, sarifRegion{2, 3, 2, 3}}, // never before the start
		{lint.Edit{}, sarifRegion{1, 1, 1, 1}},
	} {
		if got := editRegion(tc.e); got != tc.want {
			t.Errorf("editRegion(%+v) = %+v, want %+v", tc.e, got, tc.want)
		}
	}
}
