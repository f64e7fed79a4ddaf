package report

// Checkstyle's XML report is read by Jenkins' Warnings Next Generation
// plugin, reviewdog (-f=checkstyle), Danger, SonarQube importers, Bitbucket
// and Azure DevOps extensions. Its shape is Checkstyle's XMLLogger output,
// which Checkstyle now publishes a schema for (checkstyle-report-1.0.0.xsd,
// https://checkstyle.org/result_reports.html; vendored in report/testdata/):
//
//	<checkstyle version="...">
//	  <file name="...">
//	    <error line="1" column="1" severity="error|warning|info" message="..." source="..."/>
//	  </file>
//	</checkstyle>
//
// line and column are positive integers (Checkstyle leaves column out when
// it has none; ours always has one), source names the check that found the
// problem (Checkstyle: the check's class), and a failure of the tool is an
// <exception> element, as Checkstyle writes one.

import (
	"encoding/xml"
	"io"

	"github.com/chattool-lint/chattool-lint/lint"
)

// checkstyleVersion is the version attribute: the Checkstyle format
// version whose output this follows, as ESLint's checkstyle formatter and
// ShellCheck write it (consumers do not read it).
const checkstyleVersion = "4.3"

type checkstyleReport struct {
	XMLName    xml.Name         `xml:"checkstyle"`
	Version    string           `xml:"version,attr"`
	Files      []checkstyleFile `xml:"file"`
	Exceptions []string         `xml:"exception"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Checkstyle writes a Checkstyle XML report: a <file> per file with
// findings, sorted by path, with an <error> per finding (sorted by line,
// column and rule) whose severity is the finding's (error, warning or info),
// column counts characters (as the text report's), and source is
// "chattool-lint.RULE". File names are relative to o.Cwd, as the text
// report writes them, or absolute for a file outside it. A failure of the
// tool (o.Failure) is an <exception>.
func Checkstyle(w io.Writer, results []*lint.Result, o Options) error {
	rep := checkstyleReport{Version: checkstyleVersion}
	index := map[string]int{}
	for _, lf := range locatedFindings(results, o.cwd()) {
		f := lf.f
		name := lf.l.rel
		if !lf.l.inside && lf.l.abs != "" {
			name = lf.l.abs
		}
		i, ok := index[name]
		if !ok {
			i = len(rep.Files)
			index[name] = i
			rep.Files = append(rep.Files, checkstyleFile{Name: name})
		}
		s := start(f)
		rep.Files[i].Errors = append(rep.Files[i].Errors, checkstyleError{
			Line:     s.Line,
			Column:   column(s),
			Severity: f.Severity.String(),
			Message:  nonEmpty(f.Message, f.Rule),
			Source:   ToolName + "." + f.Rule,
		})
	}
	if o.Failure != nil {
		rep.Exceptions = append(rep.Exceptions, nonEmpty(o.Failure.Error(), "the tool failed"))
	}
	return writeXML(w, rep)
}
