// Package lint holds what every part of chattool-lint shares: findings and
// their severities, rule documentation parsed from each rule's doc.go, and the
// driver that runs rules (analysis.Analyzers) over a loaded project.
package lint

import (
	"fmt"
	"strings"
)

// Severity is how serious a finding is. The zero value is Info.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// ParseSeverity parses "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Position is a resolved place in a file. Offsets are bytes; the columns are
// computed once, at the edge, for the reporters that need them.
type Position struct {
	Offset      int // byte offset from the start of the file
	Line        int // 1-based
	Column      int // 1-based, in characters (runes): what the text report shows
	ColumnUTF16 int // 1-based, in UTF-16 code units: what JSON, SARIF and LSP use
}

// Finding is one diagnostic, resolved to a file and positions.
type Finding struct {
	Rule     string
	Severity Severity
	// Path is the file, relative to the project directory given on the command
	// line (the PATH argument), with forward slashes.
	Path    string
	Start   Position
	End     Position
	Message string
}

// Result is what one run of the linter over one project produced.
type Result struct {
	// Dir is the project directory as given on the command line.
	Dir string
	// Findings are sorted by Path, Start line, Start column, Rule.
	Findings []Finding
	// Rules documents every rule that ran, in name order.
	Rules []*Doc
	// Source returns the content of a file by its Finding.Path, or nil.
	Source func(path string) []byte
}
