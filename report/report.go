// Package report writes lint results in the formats chattool-lint offers:
// text for people (Text), a small stable JSON document for scripts (JSON),
// SARIF 2.1.0 for GitHub code scanning and SARIF viewers (SARIF), workflow
// commands for GitHub (GitHub), and the reports CI servers read: GitLab Code
// Quality (GitLab), JUnit XML (JUnit) and Checkstyle XML (Checkstyle).
//
// Each function takes one *lint.Result per PATH argument of the command line
// (usually one) and writes the whole report; none of them decides the exit
// code.
//
// Positions: a finding's Start with Line 0 (a finding about a whole file) is
// reported at line 1, column 1, and a zero End means "same as Start", so that
// every format can always give a line and a column.
package report

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
)

// Options are what the reporters need to know besides the results.
type Options struct {
	Version string // tool version
	// Cwd is the absolute current directory; text paths and SARIF uris are
	// relative to it. Empty means os.Getwd().
	Cwd string
	// Failure, when non-nil, means the tool itself failed (exit 2): SARIF sets
	// invocations[0].executionSuccessful=false and adds a
	// toolExecutionNotification with the message, and Text doesn't claim
	// "no problems found".
	Failure error
	// Projects are what the run checked and found (see Project).
	Projects []Project
	// Color writes the text report with ANSI colours (a terminal).
	Color bool
	// JoinDir writes JSON file paths with their project's folder even for
	// one project: set when a project was found below or above a PATH, so
	// paths stay relative to the current directory.
	JoinDir bool
}

// ToolName is the name the reports give the tool.
const ToolName = "chattool-lint"

// InformationURI is the tool's home page, as SARIF's tool.driver.informationUri.
const InformationURI = "https://github.com/chattool-lint/chattool-lint"

func (o Options) cwd() string {
	if o.Cwd != "" {
		return filepath.Clean(o.Cwd)
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return ""
}

// location is where a finding is, resolved once for all formats.
type location struct {
	abs string // absolute OS path of the file ("" when cwd is unknown and the path relative)
	rel string // OS path relative to cwd; may start with ".." when outside it
	// inside reports whether rel stays inside cwd (no leading "..").
	inside bool
}

// locate resolves a finding's path: result.Dir joined with f.Path (which has
// forward slashes), against cwd when Dir is relative.
func locate(cwd, dir, path string) location {
	p := filepath.Join(dir, filepath.FromSlash(path))
	var l location
	switch {
	case filepath.IsAbs(p):
		l.abs = p
	case cwd != "":
		l.abs = filepath.Join(cwd, p)
	default:
		// No cwd to anchor it: the joined path is relative to the
		// current directory already.
		l.rel = p
		l.inside = p != ".." && !strings.HasPrefix(p, ".."+string(filepath.Separator))
		return l
	}
	l.rel = l.abs
	if cwd != "" {
		if r, err := filepath.Rel(cwd, l.abs); err == nil {
			l.rel = r
		}
	}
	l.inside = !filepath.IsAbs(l.rel) && l.rel != ".." &&
		!strings.HasPrefix(l.rel, ".."+string(filepath.Separator))
	return l
}

// start and end return a finding's positions with the defaults described in
// the package comment applied.
func start(f *lint.Finding) lint.Position {
	p := f.Start
	if p.Line < 1 {
		p = lint.Position{Offset: p.Offset, Line: 1, Column: 1, ColumnUTF16: 1}
	}
	return p
}

func end(f *lint.Finding) lint.Position {
	if f.End.Line < 1 {
		return start(f)
	}
	return f.End
}

// column is a position's column in characters, at least 1.
func column(p lint.Position) int {
	return max(p.Column, 1)
}

// columnUTF16 is a position's column in UTF-16 code units, at least 1. A
// position whose ColumnUTF16 was never computed falls back to Column, which
// is the same for text without characters outside the BMP.
func columnUTF16(p lint.Position) int {
	if p.ColumnUTF16 > 0 {
		return p.ColumnUTF16
	}
	return column(p)
}
