package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/chattool-lint/chattool-lint/lint"
)

func checkstyleWriter(b *bytes.Buffer, r []*lint.Result, o Options) error { return Checkstyle(b, r, o) }

// checkstyleRead is a Checkstyle report as its readers decode it
// (reviewdog's checkstyle parser and Jenkins' analysis-model read these
// elements and attributes).
type checkstyleRead struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   int    `xml:"column,attr"`
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
	Exceptions []string `xml:"exception"`
}

func TestCheckstyleGolden(t *testing.T) {
	golden(t, "golden.checkstyle.xml", render(t, checkstyleWriter, []*lint.Result{fixtureResult(t)}, fixtureOptions()))
}

// TestCheckstyleSchema validates the reports against Checkstyle's own
// schema of its XML report (testdata/checkstyle-report-1.0.0.xsd), with
// xmllint; a report that breaks it must fail.
func TestCheckstyleSchema(t *testing.T) {
	exampleResults, exampleOpts := example(t)
	for _, c := range []struct {
		name    string
		results []*lint.Result
		o       Options
	}{
		{"example", exampleResults, exampleOpts},
		{"fixture", []*lint.Result{fixtureResult(t)}, fixtureOptions()},
		{"hostile", []*lint.Result{hostileResult()}, Options{Cwd: "/work"}},
		{"clean", []*lint.Result{{Dir: "p"}}, Options{Cwd: "/work"}},
		{"failed", []*lint.Result{hostileResult()}, Options{Cwd: "/work", Failure: errors.New("p: rule x panicked")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := xmllint(t, "checkstyle-report-1.0.0.xsd", render(t, checkstyleWriter, c.results, c.o)); err != nil {
				t.Error(err)
			}
		})
	}
	broken := `<?xml version="1.0" encoding="UTF-8"?>
<checkstyle version="4.3"><file name="a.js"><error line="0" column="1" severity="fatal" message="m" source="s"/></file></checkstyle>`
	if err := xmllint(t, "checkstyle-report-1.0.0.xsd", []byte(broken)); err == nil {
		t.Error("line 0 and severity fatal validate: the schema check checks nothing")
	}
}

// TestCheckstyleExample decodes the example's report as its readers do:
// every finding is there, in its file, at its line and column, with its
// severity, message and source.
func TestCheckstyleExample(t *testing.T) {
	results, o := example(t)
	out := render(t, checkstyleWriter, results, o)
	var rep checkstyleRead
	if err := xml.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	type item struct {
		file, sev, msg, source string
		line, col              int
	}
	var got, want []item
	for _, f := range rep.Files {
		for _, e := range f.Errors {
			got = append(got, item{f.Name, e.Severity, e.Message, e.Source, e.Line, e.Column})
		}
	}
	for _, lf := range locatedFindings(results, o.Cwd) {
		s := start(lf.f)
		want = append(want, item{lf.l.rel, lf.f.Severity.String(), lf.f.Message, "chattool-lint." + lf.f.Rule, s.Line, column(s)})
	}
	if len(got) != len(want) || len(want) != unsuppressed(results) {
		t.Fatalf("%d errors, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(rep.Exceptions) != 0 || rep.Version == "" {
		t.Errorf("version %q, exceptions %q", rep.Version, rep.Exceptions)
	}
	seen := map[string]bool{}
	for _, f := range rep.Files {
		if seen[f.Name] {
			t.Errorf("file %s listed twice", f.Name)
		}
		seen[f.Name] = true
		if !strings.HasPrefix(f.Name, "testdata/example/miniprogram/") {
			t.Errorf("file %q is not relative to the current folder", f.Name)
		}
	}
}

// TestCheckstyleHostile: what XML must escape round-trips through the
// attributes (line breaks included); what it cannot hold becomes U+FFFD;
// a file outside the current folder is named by its absolute path; a
// failed run is an <exception>.
func TestCheckstyleHostile(t *testing.T) {
	out := render(t, checkstyleWriter, []*lint.Result{hostileResult()}, Options{Cwd: "/work/here", Failure: errors.New("boom <x>")})
	if err := xmllint(t, "checkstyle-report-1.0.0.xsd", out); err != nil {
		t.Error(err)
	}
	var rep checkstyleRead
	if err := xml.Unmarshal(out, &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var msgs, files []string
	for _, f := range rep.Files {
		files = append(files, f.Name)
		for _, e := range f.Errors {
			if f.Name == "p/a&b <c>.wxml" {
				msgs = append(msgs, e.Message)
			}
		}
	}
	if len(msgs) != 3 {
		t.Fatalf("%d errors in p/a&b <c>.wxml, want 3 (the suppressed one left out): %q", len(msgs), msgs)
	}
	if want := hostileResult().Findings[0].Message; msgs[0] != want {
		// Line breaks are written &#xA; and &#xD;, which attribute
		// normalization keeps.
		t.Errorf("message %q, want %q", msgs[0], want)
	}
	if !strings.Contains(msgs[2], "control \uFFFD\uFFFD and") || !strings.Contains(msgs[2], "invalid \uFFFD\uFFFD") {
		t.Errorf("message %q: control characters and invalid UTF-8 should be U+FFFD", msgs[2])
	}
	if want := []string{"/work/elsewhere/x.json", "p/a&b <c>.wxml", "p/broken.json"}; strings.Join(files, "|") != strings.Join(want, "|") {
		t.Errorf("files %q, want %q with the outside one absolute", files, want)
	}
	if len(rep.Exceptions) != 1 || rep.Exceptions[0] != "boom <x>" {
		t.Errorf("exceptions %q", rep.Exceptions)
	}
}
