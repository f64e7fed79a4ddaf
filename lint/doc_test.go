package lint

import (
	"strings"
	"testing"
)

const goodDoc = `// Package x defines the x-rule rule.
//
// # Rule x-rule
//
// x-rule: finds x
//
// Longer text about [x].
//
// Default severity: warning
//
// # Bad
//
//	{"x": 1}
//
// # Good
//
//	{"y": 1}
//
// [x]: https://example.com/x
package x
`

func TestParseDoc(t *testing.T) {
	d, err := ParseDoc(goodDoc, "xrule")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "x-rule" || d.Summary != "finds x" || d.Severity != Warning {
		t.Errorf("doc = %+v", d)
	}
	if d.Bad != "{\"x\": 1}\n" || d.Good != "{\"y\": 1}\n" {
		t.Errorf("examples %q %q", d.Bad, d.Good)
	}
	if strings.Contains(d.Text, `{"x": 1}`) || strings.Contains(d.Text, "finds x") || strings.Contains(d.Text, "Package x") || !strings.Contains(d.Text, "Longer text") {
		t.Errorf("Text holds the summary or the examples, or lacks the body: %q", d.Text)
	}
	if !strings.Contains(d.Markdown, "[x](https://example.com/x)") {
		t.Errorf("Markdown = %q", d.Markdown)
	}
	if !strings.HasSuffix(d.URL, "rules/xrule/doc.go") {
		t.Errorf("URL = %q", d.URL)
	}
}

func TestParseDocErrors(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"# Rule x-rule", "# Something", "no \"# Rule NAME\" heading"},
		{"x-rule: finds x", "finds x", "summary"},
		{"Default severity: warning", "", "Default severity"},
		{"Default severity: warning", "Default severity: fatal", "unknown severity"},
	} {
		src := strings.Replace(goodDoc, tc.from, tc.to, 1)
		if _, err := ParseDoc(src, "xrule"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q -> %q: error %v, want one containing %q", tc.from, tc.to, err, tc.want)
		}
	}
	if _, err := ParseDoc("package x\n", "xrule"); err == nil {
		t.Error("no package comment accepted")
	}
}
