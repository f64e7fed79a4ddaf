package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
)

// Text writes one line per finding,
//
//	path:line:column: severity: message (rule)
//
// where path is the file relative to o.Cwd and column counts characters, as
// editors and terminals show them, followed by a summary line such as
// "2 errors, 1 warning in 2 files" (infos are counted only when there are
// some: "1 error, 0 warnings, 3 infos in 2 files"), or "no problems found".
// When o.Failure is set and nothing was found, no summary is written: the
// caller reports the failure, and "no problems found" would be a lie. A
// last line counts the findings a safe fix removes ("3 fixable with
// --fix"), when there are some.
func Text(w io.Writer, results []*lint.Result, o Options) error {
	bw := bufio.NewWriter(w)
	cwd := o.cwd()
	var errors, warnings, infos, fixable int
	files := map[string]bool{}
	for _, r := range results {
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Suppressed != nil {
				continue
			}
			l := locate(cwd, r.Dir, f.Path)
			s := start(f)
			if o.Color {
				// The shape stays the same, so editors and scripts that
				// read the lines still can: the file bold, the severity in
				// its colour, the rule dim (as Ruff and ESLint's stylish).
				fmt.Fprintf(bw, "%s%s%s:%d:%d: %s%s%s: %s %s(%s)%s\n", ansiBold, l.rel, ansiReset, s.Line, column(s),
					severityColor(f.Severity), f.Severity, ansiReset, oneLine(f.Message), ansiDim, f.Rule, ansiReset)
			} else {
				fmt.Fprintf(bw, "%s:%d:%d: %s: %s (%s)\n", l.rel, s.Line, column(s), f.Severity, oneLine(f.Message), f.Rule)
			}
			files[l.rel] = true
			if len(f.Fixes) > 0 {
				fixable++
			}
			switch f.Severity {
			case lint.Error:
				errors++
			case lint.Warning:
				warnings++
			default:
				infos++
			}
		}
	}
	switch {
	case len(files) > 0:
		summary := plural(errors, "error") + ", " + plural(warnings, "warning")
		if infos > 0 {
			summary += ", " + plural(infos, "info")
		}
		fmt.Fprintf(bw, "%s in %s\n", summary, plural(len(files), "file"))
		if fixable > 0 {
			fmt.Fprintf(bw, "%d fixable with --fix (--diff shows the changes)\n", fixable)
		}
	case o.Failure == nil:
		fmt.Fprintln(bw, "no problems found")
	}
	bw.WriteString(Summary(o.Projects))
	return bw.Flush()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// oneLine keeps a finding on its line: a message with line breaks would read
// as several findings, and break tools that parse the output line by line.
func oneLine(s string) string {
	return lineBreaks.Replace(s)
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ")

// ANSI SGR sequences for Options.Color.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiBlue   = "\x1b[1;34m"
)

func severityColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ansiRed
	case lint.Warning:
		return ansiYellow
	}
	return ansiBlue
}
