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

	// Off turns a rule off (configuration only: no finding has it).
	Off Severity = -1
)

func (s Severity) String() string {
	switch s {
	case Off:
		return "off"
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
	case "off":
		return Off, nil
	}
	return Info, fmt.Errorf("unknown severity %q (want error, warning, info or off)", s)
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
	// Fixes are the safe fixes a rule offers, each complete on its own.
	Fixes []Fix
	// Suppressed is set when an inline directive or the configuration
	// suppresses the finding: reports leave it out, SARIF keeps it with a
	// suppression, and it never fails a run.
	Suppressed *Suppression
}

// Fix is a safe fix: edits that, applied together, remove a finding without
// changing what the program does otherwise.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes of a file from Start to End (a position at or
// after Start) with NewText.
type Edit struct {
	// Path is the file, as Finding.Path.
	Path       string
	Start, End Position
	NewText    string
}

// Suppression says why a finding is not reported.
type Suppression struct {
	// Kind is "inSource" (a comment in the file) or "external" (the
	// configuration file), as SARIF names them.
	Kind string
	// Justification is the reason the directive gives, if any.
	Justification string
	// Path and Line locate the directive (or the configuration entry).
	Path string
	Line int
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
