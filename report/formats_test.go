package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// Shared by the tests of the GitLab, JUnit and Checkstyle reports: the
// example project's findings, a hostile result, golden files, xmllint and
// the XML models of the consumers.

type writer func(*bytes.Buffer, []*lint.Result, Options) error

var (
	exampleOnce   sync.Once
	exampleResult *lint.Result
	exampleErr    error
)

// example is testdata/example linted with every rule, as the command
// lints it from the repository's root ("chattool-lint testdata/example"):
// its findings are what the reports are validated on.
func example(t *testing.T) ([]*lint.Result, Options) {
	t.Helper()
	exampleOnce.Do(func() {
		p, err := project.Load("../testdata/example", project.Options{})
		if err != nil {
			exampleErr = err
			return
		}
		exampleResult, exampleErr = lint.Run(p, rules.All())
	})
	if exampleErr != nil {
		t.Fatal(exampleErr)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	r := *exampleResult
	r.Dir = "testdata/example"
	if len(r.Findings) < 10 {
		t.Fatalf("the example has %d findings; it is meant to have mistakes", len(r.Findings))
	}
	return []*lint.Result{&r}, Options{Version: "0.1.0-test", Cwd: root, Projects: []Project{
		{Path: "testdata/example", Kind: "miniprogram", ChatTool: "packageChatTool", Checked: true},
	}}
}

// unsuppressed counts the findings the reports list.
func unsuppressed(results []*lint.Result) int {
	n := 0
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Suppressed == nil {
				n++
			}
		}
	}
	return n
}

// hostileResult has findings whose messages and paths hold what XML and
// JSON must escape or cannot hold: markup, quotes, line breaks, control
// characters, invalid UTF-8, "]]>", and one file outside the current
// folder; two findings share a rule and a line, and one is suppressed.
func hostileResult() *lint.Result {
	src := "a <b> & \"c\"\n\tx\x01y\n]]>\xff\n"
	pos := func(line, col int) lint.Position { return lint.Position{Line: line, Column: col, ColumnUTF16: col} }
	return &lint.Result{
		Dir: "p",
		Findings: []lint.Finding{
			{Rule: "r-one", Severity: lint.Error, Path: "a&b <c>.wxml", Start: pos(1, 3), End: pos(1, 6),
				Message: "<b> & \"c\" 'd' are markup\nsecond line\r\nthird"},
			{Rule: "r-one", Severity: lint.Error, Path: "a&b <c>.wxml", Start: pos(1, 3), End: pos(1, 6),
				Message: "<b> & \"c\" 'd' are markup\nsecond line\r\nthird"},
			{Rule: "r-two", Severity: lint.Warning, Path: "a&b <c>.wxml", Start: pos(2, 2),
				Message: "control \x01\x02 and \x7f, tab\there, ]]> end, invalid \xff\xfe, U+FFFE \uFFFE"},
			{Rule: "r-three", Severity: lint.Info, Path: "../../elsewhere/x.json", Message: ""},
			{Rule: "r-two", Severity: lint.Error, Path: "a&b <c>.wxml", Start: pos(3, 1),
				Message: "suppressed", Suppressed: &lint.Suppression{Kind: "inSource"}},
			{Rule: "parse-error", Severity: lint.Error, Path: "broken.json", Start: pos(1, 1), Message: "unexpected end of file"},
		},
		Source: func(path string) []byte {
			if path == "a&b <c>.wxml" {
				return []byte(src)
			}
			return nil
		},
	}
}

// golden compares out with testdata/NAME; go test ./report -update
// rewrites it.
func golden(t *testing.T, name string, out []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if string(want) != string(out) {
		t.Errorf("output differs from %s (go test ./report -update rewrites it):\n%s", file, lineDiff(string(want), string(out)))
	}
}

func render(t *testing.T, w writer, results []*lint.Result, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := w(&buf, results, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xmllint validates doc against the XML Schema in testdata/schema with
// libxml2's xmllint, the reference implementation of XSD 1.0 validation
// (Debian's libxml2-utils). Without xmllint the test is skipped, except
// in CI (CI set), where it fails: CI must install it.
func xmllint(t *testing.T, schema string, doc []byte) error {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint not found: CI must install libxml2-utils to validate the XML reports")
		}
		t.Skip("xmllint not found (apt-get install libxml2-utils): XML Schema validation skipped")
	}
	file := filepath.Join(t.TempDir(), "report.xml")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", filepath.Join("testdata", schema), file).CombinedOutput()
	if err != nil {
		return errors.New(strings.TrimSpace(string(out)))
	}
	if !bytes.Contains(out, []byte("validates")) {
		return errors.New("xmllint did not say the document validates: " + string(out))
	}
	return nil
}

// xmlNode is any XML element, read as a DOM reader (dom4j, Nokogiri)
// reads it.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xmlNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func parseXML(t *testing.T, doc []byte) *xmlNode {
	t.Helper()
	var n xmlNode
	if err := xml.Unmarshal(doc, &n); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, doc)
	}
	return &n
}

// attr is dom4j's attributeValue: nil when the attribute is absent.
func (n *xmlNode) attr(name string) *string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return &a.Value
		}
	}
	return nil
}

func (n *xmlNode) elements(name string) []*xmlNode {
	var out []*xmlNode
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == name {
			out = append(out, &n.Nodes[i])
		}
	}
	return out
}

// element is dom4j's element: the first child of that name, or nil.
func (n *xmlNode) element(name string) *xmlNode {
	if e := n.elements(name); len(e) > 0 {
		return e[0]
	}
	return nil
}

// elementText is dom4j's elementText: the text of the first child of that
// name, nil when there is none.
func (n *xmlNode) elementText(name string) *string {
	if e := n.element(name); e != nil {
		return &e.Text
	}
	return nil
}

func str(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
