package report

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

func junitWriter(b *bytes.Buffer, r []*lint.Result, o Options) error { return JUnit(b, r, o) }

// jenkinsSuite and jenkinsCase are what Jenkins' JUnit plugin keeps of a
// report (hudson.tasks.junit.SuiteResult and CaseResult).
type jenkinsSuite struct {
	Name  string
	Cases []jenkinsCase
}

type jenkinsCase struct {
	ClassName, Name string
	// ErrorDetails is the failure's (or error's) message attribute,
	// ErrorStackTrace its text; both nil for a passing test.
	ErrorDetails, ErrorStackTrace *string
	Skipped                       bool
}

// passed is CaseResult.isPassed.
func (c jenkinsCase) passed() bool {
	return !c.Skipped && c.ErrorDetails == nil && c.ErrorStackTrace == nil
}

// packageName is CaseResult.getPackageName: the class name before its
// last dot, "(root)" without one.
func (c jenkinsCase) packageName() string {
	if i := strings.LastIndex(c.ClassName, "."); i >= 0 {
		return c.ClassName[:i]
	}
	return "(root)"
}

// jenkinsParse reads a report as SuiteResult.parse does (junit-plugin,
// src/main/java/hudson/tasks/junit/SuiteResult.java, parseSuite and the
// SuiteResult constructor; CaseResult's constructor): from the root
// element, nested <testsuite> elements first, recursively, then the
// element itself when it has a <testcase> (or <error>) child; a suite's
// name is package.name, "(file)" without a name; each <testcase> is a case
// whose class is its classname, else the suite's name, else the part of
// its name before the last dot; an <error> directly in a suite is a case
// named "<init>".
func jenkinsParse(t *testing.T, doc []byte) []jenkinsSuite {
	t.Helper()
	var out []jenkinsSuite
	var parseSuite func(n *xmlNode)
	parseSuite = func(n *xmlNode) {
		for _, s := range n.elements("testsuite") {
			parseSuite(s)
		}
		if n.element("testcase") == nil && n.element("error") == nil {
			return
		}
		s := jenkinsSuite{Name: "(report.xml)"}
		if name := n.attr("name"); name != nil {
			s.Name = *name
			if pkg := n.attr("package"); pkg != nil && *pkg != "" {
				s.Name = *pkg + "." + *name
			}
		}
		if n.element("error") != nil {
			s.Cases = append(s.Cases, jenkinsNewCase(n, "<init>"))
		}
		for _, e := range n.elements("testcase") {
			classname := e.attr("classname")
			if classname == nil {
				classname = n.attr("name")
			}
			s.Cases = append(s.Cases, jenkinsNewCase(e, str(classname)))
		}
		out = append(out, s)
	}
	parseSuite(parseXML(t, doc))
	return out
}

func jenkinsNewCase(e *xmlNode, className string) jenkinsCase {
	name := str(e.attr("name"))
	if className == "<nil>" && strings.Contains(name, ".") {
		i := strings.LastIndex(name, ".")
		className, name = name[:i], name[i+1:]
	}
	c := jenkinsCase{ClassName: className, Name: name, Skipped: e.element("skipped") != nil}
	// getError: the text of <error>, else of <failure>.
	c.ErrorStackTrace = e.elementText("error")
	if c.ErrorStackTrace == nil {
		c.ErrorStackTrace = e.elementText("failure")
	}
	// getErrorMessage: the message attribute of <error>, else <failure>.
	msg := e.element("error")
	if msg == nil {
		msg = e.element("failure")
	}
	if msg != nil {
		c.ErrorDetails = msg.attr("message")
	}
	return c
}

// gitlabJUnitCases reads a report as GitLab's JUnit parser does
// (lib/gitlab/ci/parsers/test/junit.rb): test cases of every <testsuite>
// below the root, at any depth (a <testcase> directly under the root
// <testsuites> is not read), each keyed by classname and name, a later one
// replacing an earlier one with the same key.
func gitlabJUnitCases(t *testing.T, doc []byte) (cases map[string]string, n int) {
	t.Helper()
	cases = map[string]string{}
	var walk func(n *xmlNode, top bool)
	walk = func(node *xmlNode, top bool) {
		if !top {
			for _, c := range node.elements("testcase") {
				status := "success"
				switch {
				case c.element("failure") != nil:
					status = "failed"
				case c.element("error") != nil:
					status = "error"
				case c.element("skipped") != nil:
					status = "skipped"
				}
				cases[str(c.attr("classname"))+"\x00"+str(c.attr("name"))] = status
				n++
			}
		}
		for _, s := range node.elements("testsuite") {
			walk(s, false)
		}
	}
	root := parseXML(t, doc)
	walk(root, root.XMLName.Local == "testsuites")
	return cases, n
}

func TestJUnitGolden(t *testing.T) {
	golden(t, "golden.junit.xml", render(t, junitWriter, []*lint.Result{fixtureResult(t)}, fixtureOptions()))
}

// TestJUnitSchema validates the reports against the JUnit schema of the
// Jenkins xUnit plugin (testdata/junit-10.xsd), with xmllint; a report
// that breaks it must fail, so the check cannot pass by not running.
func TestJUnitSchema(t *testing.T) {
	exampleResults, exampleOpts := example(t)
	for _, c := range []struct {
		name    string
		results []*lint.Result
		o       Options
	}{
		{"example", exampleResults, exampleOpts},
		{"fixture", []*lint.Result{fixtureResult(t)}, fixtureOptions()},
		{"hostile", []*lint.Result{hostileResult()}, Options{Cwd: "/work"}},
		{"clean", []*lint.Result{{Dir: "p"}}, Options{Cwd: "/work", Projects: exampleOpts.Projects}},
		{"failed", []*lint.Result{hostileResult()}, Options{Cwd: "/work", Failure: errors.New("p: rule x panicked\n<stack>")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := xmllint(t, "junit-10.xsd", render(t, junitWriter, c.results, c.o)); err != nil {
				t.Error(err)
			}
		})
	}
	broken := `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="a" tests="1" failures="1"><testcase classname="x"><failure message="m"/></testcase></testsuite></testsuites>`
	if err := xmllint(t, "junit-10.xsd", []byte(broken)); err == nil {
		t.Error("a report without errors= and a test case without a name validates: the schema check checks nothing")
	}
}

// TestJUnitJenkins reads the example's report as Jenkins' JUnit plugin
// does: one failed case per finding, in a suite per file, with the
// message as the error details and the place in the stack trace; and as
// GitLab does: every case read, none lost to a duplicate key.
func TestJUnitJenkins(t *testing.T) {
	results, o := example(t)
	out := render(t, junitWriter, results, o)
	suites := jenkinsParse(t, out)
	var cases []jenkinsCase
	for _, s := range suites {
		if len(s.Cases) == 0 {
			t.Errorf("suite %s has no case", s.Name)
		}
		for _, c := range s.Cases {
			if c.ClassName != s.Name {
				t.Errorf("case %s.%s is in suite %s: a file's findings belong together", c.ClassName, c.Name, s.Name)
			}
		}
		cases = append(cases, s.Cases...)
	}
	want := unsuppressed(results)
	if len(cases) != want {
		t.Fatalf("Jenkins reads %d cases, want one per finding (%d)", len(cases), want)
	}
	byName := map[string]bool{}
	i := 0
	for _, lf := range locatedFindings(results, o.Cwd) {
		c := cases[i]
		i++
		f := lf.f
		s := start(f)
		if c.passed() || c.Skipped {
			t.Errorf("%s.%s passed; a finding is a failed test", c.ClassName, c.Name)
		}
		if want := "testdata/example/" + strings.TrimPrefix(lf.f.Path, "./"); c.ClassName != want {
			t.Errorf("class %q, want the file %q", c.ClassName, want)
		}
		if !strings.HasPrefix(c.packageName(), "testdata/example/miniprogram") {
			t.Errorf("package %q: Jenkins should group by the file's folder and name", c.packageName())
		}
		if want := fmt.Sprintf("%s at %d:%d", f.Rule, s.Line, column(s)); !strings.HasPrefix(c.Name, want) {
			t.Errorf("name %q, want %q", c.Name, want)
		}
		if str(c.ErrorDetails) != oneLine(f.Message) {
			t.Errorf("error details %q, want the message %q", str(c.ErrorDetails), f.Message)
		}
		if place := fmt.Sprintf("%s:%d:%d: %s: ", c.ClassName, s.Line, column(s), f.Severity); !strings.HasPrefix(str(c.ErrorStackTrace), place) {
			t.Errorf("stack trace %q does not start with %q", str(c.ErrorStackTrace), place)
		}
		if byName[c.ClassName+"."+c.Name] {
			t.Errorf("two cases named %s.%s", c.ClassName, c.Name)
		}
		byName[c.ClassName+"."+c.Name] = true
	}
	gl, n := gitlabJUnitCases(t, out)
	if n != want || len(gl) != want {
		t.Errorf("GitLab reads %d cases, %d of them distinct; want %d", n, len(gl), want)
	}
	for k, status := range gl {
		if status != "failed" {
			t.Errorf("GitLab: %q is %s", k, status)
		}
	}
	// The counts in the attributes agree with the cases.
	root := parseXML(t, out)
	if got := str(root.attr("tests")); got != fmt.Sprint(want) || str(root.attr("failures")) != fmt.Sprint(want) || str(root.attr("errors")) != "0" {
		t.Errorf("testsuites tests=%s failures=%s errors=%s, want %d, %d, 0", got, str(root.attr("failures")), str(root.attr("errors")), want, want)
	}
	for _, s := range root.elements("testsuite") {
		if n := len(s.elements("testcase")); str(s.attr("tests")) != fmt.Sprint(n) || str(s.attr("failures")) != fmt.Sprint(n) {
			t.Errorf("suite %s: tests=%s failures=%s for %d failed cases", str(s.attr("name")), str(s.attr("tests")), str(s.attr("failures")), n)
		}
	}
}

// TestJUnitCleanAndFailed: a run without findings is one passing case (a
// report with no case fails Jenkins' junit step); a failed run is an error
// case, and no "no problems found".
func TestJUnitCleanAndFailed(t *testing.T) {
	_, o := example(t)
	clean := render(t, junitWriter, []*lint.Result{{Dir: "p"}}, o)
	suites := jenkinsParse(t, clean)
	if len(suites) != 1 || len(suites[0].Cases) != 1 || !suites[0].Cases[0].passed() {
		t.Fatalf("clean run: %+v, want one passing case\n%s", suites, clean)
	}
	if c := suites[0].Cases[0]; c.Name != "no problems found" || c.ClassName != ToolName {
		t.Errorf("clean run's case: %s.%s", c.ClassName, c.Name)
	}
	if !strings.Contains(string(clean), "<system-out>checked 1 mini program (testdata/example with chat tool packageChatTool)") {
		t.Errorf("clean run does not say what was checked:\n%s", clean)
	}

	o.Failure = errors.New("p: rule x panicked")
	failed := render(t, junitWriter, []*lint.Result{hostileResult()}, o)
	var tool *jenkinsCase
	n := 0
	for _, s := range jenkinsParse(t, failed) {
		for _, c := range s.Cases {
			n++
			if c.ClassName == ToolName {
				tool = &c
			}
		}
	}
	if tool == nil || tool.passed() || str(tool.ErrorDetails) != "p: rule x panicked" || strings.Contains(string(failed), "no problems found") {
		t.Errorf("failed run: tool case %+v\n%s", tool, failed)
	}
	if n != unsuppressed([]*lint.Result{hostileResult()})+1 {
		t.Errorf("failed run: %d cases, want the findings and the error", n)
	}
	if root := parseXML(t, failed); str(root.attr("errors")) != "1" {
		t.Errorf("failed run: errors=%s, want 1", str(root.attr("errors")))
	}
}

// TestJUnitHostile: markup, line breaks, control characters and invalid
// UTF-8 in messages and paths leave the report well-formed and valid;
// the message attribute is the message on one line, the text whole;
// characters XML cannot hold become U+FFFD; two findings of one rule at
// one place get distinct names.
func TestJUnitHostile(t *testing.T) {
	out := render(t, junitWriter, []*lint.Result{hostileResult()}, Options{Cwd: "/work"})
	if err := xmllint(t, "junit-10.xsd", out); err != nil {
		t.Error(err)
	}
	suites := jenkinsParse(t, out)
	names := map[string]bool{}
	var details []string
	for _, s := range suites {
		for _, c := range s.Cases {
			names[c.ClassName+"\x00"+c.Name] = true
			details = append(details, str(c.ErrorDetails))
		}
	}
	if len(names) != 5 {
		t.Errorf("%d distinct cases, want 5: %v", len(names), names)
	}
	if !names["p/a&b <c>.wxml\x00r-one at 1:3"] || !names["p/a&b <c>.wxml\x00r-one at 1:3 (2)"] {
		t.Errorf("the two r-one findings at 1:3: %v", names)
	}
	joined := strings.Join(details, "|")
	for _, want := range []string{`<b> & "c" 'd' are markup second line third`, "control \uFFFD\uFFFD and \x7f", "]]> end", "invalid \uFFFD\uFFFD", "r-three"} {
		if !strings.Contains(joined, want) {
			t.Errorf("error details %q lack %q", joined, want)
		}
	}
	if !strings.Contains(string(out), "../elsewhere/x.json") {
		t.Errorf("the file outside the current folder is not named relative to it:\n%s", out)
	}
}
