package report

// Notes on what the consumers do with the JUnit XML written here.
//
// JUnit XML has no specification of its own; the format is what Ant's
// XMLJUnitResultFormatter and Maven Surefire write and what CI servers read.
// The report is valid against the schema the Jenkins xUnit plugin validates
// JUnit reports with (junit-10.xsd, vendored in report/testdata/), and is
// read the way these two consumers read it:
//
// Jenkins' JUnit plugin (jenkinsci/junit-plugin, SuiteResult.java and
// CaseResult.java):
//
//   - <testsuite> elements are taken from the root (<testsuites> or a lone
//     <testsuite>) and from inside each other, recursively; a suite counts
//     only when it has a <testcase> child. A report without any test case
//     fails the junit step ("None of the test reports contained any
//     result"), which is why a clean run writes one passing test case.
//   - A case's class is its classname attribute (the suite's name when it
//     has none), split at its last dot into package and class for the
//     report's tree; its name is the name attribute. A case fails when it
//     has a <failure> or <error> child: the child's message attribute is
//     the "error details" shown first, its text the "stack trace" below.
//     time is parsed leniently; we write 0 (lint has no per-test time).
//
// GitLab (lib/gitlab/ci/parsers/test/junit.rb, artifacts:reports:junit):
//
//   - Test cases are read from <testsuite> elements at any depth below the
//     root; each keeps its suite's name, classname, name, and the text of
//     its <failure> (status failed), <error> (error) or <skipped> element.
//   - Within a job, test cases are keyed by classname and name, so two
//     cases with the same pair are one: names are made unique.
//
// The layout: one <testsuite> per file with findings (named by its path,
// relative to the current folder, with forward slashes), one <testcase>
// per finding, whose classname is the file's path (so Jenkins shows each
// page or component, the path without its extension, as a package, and
// each of its files as a class named by the extension) and whose name is
// "RULE at LINE:COLUMN". One test case per finding rather than per file,
// as golangci-lint, ESLint's junit formatter and markdownlint-cli2 do: the
// failure count is the finding count, each finding has its own message and
// place, and a finding that is fixed passes from one build to the next
// while the rest of its file still fails. Every finding is a <failure>
// whose type is its severity (what JUnit calls an error is a test that
// could not run, which is what a failed run of chattool-lint is: it is
// reported as an <error> in a "chattool-lint" suite).

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/chattool-lint/chattool-lint/lint"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
	// SystemOut is what was checked (Summary), on the chattool-lint suite.
	SystemOut string `xml:"system-out,omitempty"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	// Text is written as CDATA, so that it reads as it is in the XML
	// (encoding/xml splits a "]]>" in it); xmlText keeps it to characters
	// XML can hold.
	Text string `xml:",cdata"`
}

// junitToolSuite is the suite of the run itself: its one passing test case
// when nothing was found, its error when the tool failed.
const junitToolSuite = ToolName

// JUnit writes a JUnit XML report that Jenkins' JUnit plugin and GitLab's
// unit test reports read: one test suite per file with findings, one
// failed test case per finding (see the notes at the top of this file);
// a run that found nothing is one passing test case, "no problems found",
// so that the report is never empty; a run that failed (o.Failure) has an
// <error> test case in the "chattool-lint" suite.
func JUnit(w io.Writer, results []*lint.Result, o Options) error {
	docs := ruleDocs(results)
	rep := junitSuites{Name: ToolName, Time: "0"}
	index := map[string]int{} // file → its suite in rep.Suites
	names := map[string]int{} // classname + name → how many so far
	for _, lf := range locatedFindings(results, o.cwd()) {
		f := lf.f
		path := filepath.ToSlash(lf.l.rel)
		i, ok := index[path]
		if !ok {
			i = len(rep.Suites)
			index[path] = i
			rep.Suites = append(rep.Suites, junitSuite{Name: path, Time: "0"})
		}
		s := start(f)
		name := fmt.Sprintf("%s at %d:%d", f.Rule, s.Line, column(s))
		key := path + "\x00" + name
		if names[key]++; names[key] > 1 {
			name += fmt.Sprintf(" (%d)", names[key])
		}
		text := fmt.Sprintf("%s:%d:%d: %s: %s (%s)", path, s.Line, column(s), f.Severity, f.Message, f.Rule)
		if d := docs[f.Rule]; d != nil {
			if d.Summary != "" {
				text += "\n\n" + f.Rule + ": " + d.Summary
			}
			if d.URL != "" {
				text += "\n" + d.URL
			}
		}
		suite := &rep.Suites[i]
		suite.Tests++
		suite.Failures++
		suite.Cases = append(suite.Cases, junitCase{
			Name:      name,
			ClassName: path,
			Time:      "0",
			Failure: &junitProblem{
				Message: nonEmpty(oneLine(f.Message), f.Rule),
				Type:    f.Severity.String(),
				Text:    xmlText(text),
			},
		})
	}
	if o.Failure != nil || len(rep.Suites) == 0 {
		tool := junitSuite{Name: junitToolSuite, Tests: 1, Time: "0", SystemOut: strings.TrimSpace(Summary(o.Projects))}
		c := junitCase{Name: "no problems found", ClassName: ToolName, Time: "0"}
		if o.Failure != nil {
			msg := nonEmpty(o.Failure.Error(), "the tool failed")
			c.Name = "run"
			c.Error = &junitProblem{Message: oneLine(msg), Type: "failure", Text: xmlText(msg)}
			tool.Errors = 1
		}
		tool.Cases = []junitCase{c}
		rep.Suites = append(rep.Suites, tool)
	}
	for _, s := range rep.Suites {
		rep.Tests += s.Tests
		rep.Failures += s.Failures
		rep.Errors += s.Errors
	}
	return writeXML(w, rep)
}

// ruleDocs are the documented rules of the results, by name.
func ruleDocs(results []*lint.Result) map[string]*lint.Doc {
	docs := map[string]*lint.Doc{}
	for _, r := range results {
		for _, d := range r.Rules {
			if d != nil && docs[d.Name] == nil {
				docs[d.Name] = d
			}
		}
	}
	return docs
}

// xmlText replaces what XML 1.0 cannot hold (control characters other than
// tab and line breaks, U+FFFE and U+FFFF, surrogates, invalid UTF-8) with
// U+FFFD, as encoding/xml does in character data and attributes but not
// in CDATA.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			0x20 <= r && r <= 0xD7FF,
			0xE000 <= r && r <= 0xFFFD && r != utf8.RuneError,
			0x10000 <= r && r <= utf8.MaxRune:
			return r
		}
		return utf8.RuneError
	}, s)
}

// writeXML writes v as an XML document in UTF-8: the declaration, v
// indented by two spaces, a trailing newline. encoding/xml escapes what
// must be escaped (line breaks in attributes as &#xA;, so that they
// survive attribute normalization) and writes U+FFFD for characters XML
// cannot hold (control characters, invalid UTF-8 quoted from a file), so
// the document is always well-formed.
func writeXML(w io.Writer, v any) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	enc := xml.NewEncoder(bw)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	bw.WriteString("\n")
	return bw.Flush()
}
