package lint

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
)

// DirectivePrefix starts every inline directive.
const DirectivePrefix = "chattool-lint-"

// Directive kinds, as written after DirectivePrefix.
const (
	DisableNextLine = "disable-next-line"
	DisableLine     = "disable-line"
	Disable         = "disable"
	Enable          = "enable"
)

// Directive is an inline suppression comment:
//
//	// chattool-lint-disable-next-line RULE[, RULE...] -- reason
//	// chattool-lint-disable-line RULE -- reason
//	/* chattool-lint-disable RULE -- reason */ ... /* chattool-lint-enable RULE */
//	<!-- chattool-lint-disable-next-line RULE -- reason -->   (WXML)
//	/* chattool-lint-disable-next-line RULE -- reason */      (WXSS)
//
// With no RULE a directive covers every rule.
type Directive struct {
	Kind string // DisableNextLine, DisableLine, Disable or Enable
	// Rules are the rules named; empty: all.
	Rules  []string
	Reason string
	// Path is the file, Start and End the comment.
	Path       string
	Start, End Position
	// Err is set for a comment that starts with DirectivePrefix but is
	// not a directive (unknown kind): it is reported, never applied.
	Err string
}

// Directives is the result of the analyzer that reads a project's inline
// directives: the driver applies every analyzer result of this type.
type Directives []*Directive

// DirectivesType is the ResultType of an analyzer that returns Directives.
var DirectivesType = reflect.TypeOf(Directives(nil))

// ParseDirective returns the directive a comment of f holds (the comment
// with its delimiters or without, from start to end), or nil when it holds
// none.
func ParseDirective(f *project.File, text string, start, end int) *Directive {
	body := strings.TrimSpace(commentBody(text))
	if !strings.HasPrefix(body, DirectivePrefix) {
		return nil
	}
	d := parseDirective(strings.TrimPrefix(body, DirectivePrefix))
	d.Path = f.Path
	tf := f.Lines()
	d.Start = position(tf, f.Src, start)
	d.End = position(tf, f.Src, end)
	return d
}

// HasDirectives reports whether src may hold a directive: only such files
// need their comments read.
func HasDirectives(src []byte) bool { return bytes.Contains(src, []byte(DirectivePrefix)) }

// commentBody strips a comment's delimiters.
func commentBody(c string) string {
	switch {
	case strings.HasPrefix(c, "//"):
		return c[2:]
	case strings.HasPrefix(c, "/*"):
		return strings.TrimSuffix(c[2:], "*/")
	case strings.HasPrefix(c, "<!--"):
		return strings.TrimSuffix(c[4:], "-->")
	}
	return c
}

// parseDirective parses what follows DirectivePrefix.
func parseDirective(s string) *Directive {
	d := &Directive{}
	s, d.Reason, _ = strings.Cut(s, "--")
	d.Reason = strings.TrimSpace(d.Reason)
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' || r == '\n' })
	if len(fields) == 0 {
		d.Err = "an empty directive"
		return d
	}
	d.Kind, d.Rules = fields[0], fields[1:]
	switch d.Kind {
	case DisableNextLine, DisableLine, Disable, Enable:
	default:
		d.Err = fmt.Sprintf("unknown directive %s%s (want %s%s, %s%s, %s%s or %s%s)", DirectivePrefix, d.Kind,
			DirectivePrefix, DisableNextLine, DirectivePrefix, DisableLine, DirectivePrefix, Disable, DirectivePrefix, Enable)
	}
	return d
}

// suppress applies the directives ds to the findings fs (of every file),
// marking those they cover Suppressed, and returns a finding under rule for
// each directive, or rule a directive names, that suppressed nothing, and
// for each malformed one. ran are the rules of the run: a directive for a
// rule that did not run cannot be judged, and a name no rule has (Known)
// is reported.
func suppress(fs []Finding, ds Directives, rule string, sev Severity, ran map[string]bool) []Finding {
	byPath := map[string][]*Directive{}
	for _, d := range ds {
		if d.Err == "" {
			byPath[d.Path] = append(byPath[d.Path], d)
		}
	}
	type use struct {
		d    *Directive
		rule string
	}
	used := map[use]bool{}
	covers := func(d *Directive, r string) (string, bool) {
		if len(d.Rules) == 0 {
			return "", true
		}
		for _, n := range d.Rules {
			if n == r {
				return n, true
			}
		}
		return "", false
	}
	for i := range fs {
		f := &fs[i]
		if f.Rule == rule {
			continue // an unused directive cannot be suppressed by another
		}
		var by *Directive
		var name string
		// Blocks: the last disable or enable before the finding that
		// covers its rule decides.
		for _, d := range byPath[f.Path] {
			if d.Start.Offset > f.Start.Offset {
				break
			}
			n, ok := covers(d, f.Rule)
			if !ok {
				continue
			}
			switch d.Kind {
			case Disable:
				by, name = d, n
			case Enable:
				by = nil
			}
		}
		for _, d := range byPath[f.Path] {
			if by != nil {
				break
			}
			n, ok := covers(d, f.Rule)
			if !ok {
				continue
			}
			if d.Kind == DisableLine && d.Start.Line <= f.Start.Line && f.Start.Line <= d.End.Line ||
				d.Kind == DisableNextLine && f.Start.Line == d.End.Line+1 {
				by, name = d, n
			}
		}
		if by == nil {
			continue
		}
		used[use{by, name}] = true
		f.Suppressed = &Suppression{Kind: "inSource", Justification: by.Reason, Path: by.Path, Line: by.Start.Line}
	}
	var out []Finding
	report := func(d *Directive, msg string) {
		out = append(out, Finding{Rule: rule, Severity: sev, Path: d.Path, Start: d.Start, End: d.End, Message: msg})
	}
	for _, d := range ds {
		text := DirectivePrefix + d.Kind
		switch {
		case d.Err != "":
			report(d, d.Err+": it suppresses nothing")
		case d.Kind == Enable:
			// An enable ends a block; it suppresses nothing itself.
		case len(d.Rules) == 0:
			if !used[use{d, ""}] {
				report(d, fmt.Sprintf("%s suppresses nothing here: remove it", text))
			}
		default:
			for _, r := range d.Rules {
				switch {
				case !Known(r) && !ran[r]:
					report(d, fmt.Sprintf("%s names %q, which is not a rule (chattool-lint rules lists them)", text, r))
				case ran[r] && !used[use{d, r}]:
					report(d, fmt.Sprintf("%s %s suppresses nothing here: remove it", text, r))
				}
			}
		}
	}
	return out
}
