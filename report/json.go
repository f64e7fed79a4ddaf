package report

import (
	"cmp"
	"encoding/json"
	"io"
	"path"
	"path/filepath"
	"slices"

	"github.com/chattool-lint/chattool-lint/lint"
)

// jsonReport is the document JSON writes. Its shape is an interface: scripts
// and tests depend on it, so fields may be added but never renamed, removed
// or retyped.
type jsonReport struct {
	Tool        jsonTool         `json:"tool"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"` // never null
	// Projects are what the run checked and found.
	Projects []Project `json:"projects,omitempty"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonDiagnostic struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // "error", "warning" or "info"
	// File has forward slashes. With one Result it is Finding.Path, relative
	// to the PATH argument; with several it is path.Join(Result.Dir, Path)
	// (so relative to the current directory when the PATH arguments were
	// relative, absolute when they were absolute), which keeps files of
	// different PATHs apart.
	File string `json:"file"`
	// Lines are 1-based; columns are 1-based UTF-16 code units, like LSP and
	// JavaScript string indexes. endColumn is exclusive.
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Message   string `json:"message"`
}

// JSON writes
//
//	{"tool": {"name": "chattool-lint", "version": "..."},
//	 "diagnostics": [{"rule": "...", "severity": "error", "file": "miniprogram/app.json",
//	                  "line": 15, "column": 7, "endLine": 15, "endColumn": 32, "message": "..."}]}
//
// indented, with a trailing newline. Diagnostics are sorted by file, line,
// column and rule; see jsonDiagnostic for what file and the columns are.
func JSON(w io.Writer, results []*lint.Result, o Options) error {
	rep := jsonReport{
		Tool:        jsonTool{Name: ToolName, Version: o.Version},
		Diagnostics: []jsonDiagnostic{},
		Projects:    o.Projects,
	}
	for _, r := range results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Suppressed != nil {
				continue
			}
			file := f.Path
			if len(results) > 1 || o.JoinDir {
				file = path.Join(filepath.ToSlash(r.Dir), f.Path)
			}
			s, e := start(f), end(f)
			rep.Diagnostics = append(rep.Diagnostics, jsonDiagnostic{
				Rule:      f.Rule,
				Severity:  f.Severity.String(),
				File:      file,
				Line:      s.Line,
				Column:    columnUTF16(s),
				EndLine:   e.Line,
				EndColumn: columnUTF16(e),
				Message:   f.Message,
			})
		}
	}
	slices.SortStableFunc(rep.Diagnostics, func(a, b jsonDiagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
		)
	})
	return writeJSON(w, rep)
}

// writeJSON writes v indented by two spaces, with a trailing newline, and
// without escaping <, > and & (messages quote code).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
