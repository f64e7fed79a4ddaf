package lint

import (
	"fmt"
	"go/token"
	"runtime/debug"
	"sort"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/project"
)

// Rule is a rule: its analyzer and its documentation.
type Rule struct {
	Analyzer *analysis.Analyzer
	Doc      *Doc
}

// Diagnostic severities travel in analysis.Diagnostic.Category, the one free
// string field go/analysis gives a diagnostic; an empty Category means the
// rule's default severity. Use Report rather than setting it by hand.
const (
	CategoryError   = "error"
	CategoryWarning = "warning"
	CategoryInfo    = "info"
)

// Report reports a diagnostic from start to end (end may be token.NoPos) with
// an explicit severity.
func Report(pass *analysis.Pass, sev Severity, start, end token.Pos, format string, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: start, End: end, Category: sev.String(), Message: fmt.Sprintf(format, args...)})
}

// Run runs rules (and the analyzers they require) over a loaded project and
// resolves their diagnostics to findings. A rule that fails or panics does not
// stop the others: its failure is returned in the error, after the findings
// of every rule that ran.
func Run(p *project.Project, rules []*Rule) (*Result, error) {
	d := &driver{
		p:       p,
		results: map[*analysis.Analyzer]any{project.Analyzer: p},
		done:    map[*analysis.Analyzer]bool{project.Analyzer: true},
		docs:    map[*analysis.Analyzer]*Doc{},
	}
	res := &Result{Dir: p.Dir, Source: p.Source}
	for _, r := range rules {
		d.docs[r.Analyzer] = r.Doc
		res.Rules = append(res.Rules, r.Doc)
	}
	sort.Slice(res.Rules, func(i, j int) bool { return res.Rules[i].Name < res.Rules[j].Name })
	for _, r := range rules {
		d.run(r.Analyzer)
	}
	res.Findings = d.findings
	sortFindings(res.Findings)
	res.Findings = dedupe(res.Findings)
	if len(d.errs) > 0 {
		return res, fmt.Errorf("%v", joinErrs(d.errs))
	}
	return res, nil
}

type driver struct {
	p        *project.Project
	results  map[*analysis.Analyzer]any
	done     map[*analysis.Analyzer]bool
	docs     map[*analysis.Analyzer]*Doc
	findings []Finding
	errs     []error
	// last is the last position resolved in each file.
	last map[*token.File]Position
}

func (d *driver) run(a *analysis.Analyzer) {
	if d.done[a] {
		return
	}
	d.done[a] = true
	for _, req := range a.Requires {
		d.run(req)
		if _, ok := d.results[req]; !ok {
			d.errs = append(d.errs, fmt.Errorf("%s: skipped, its prerequisite %s failed", a.Name, req.Name))
			return
		}
	}
	resultOf := make(map[*analysis.Analyzer]any, len(a.Requires))
	for _, req := range a.Requires {
		resultOf[req] = d.results[req]
	}
	pass := &analysis.Pass{
		Analyzer: a,
		Fset:     d.p.Fset,
		ResultOf: resultOf,
		ReadFile: func(name string) ([]byte, error) {
			f, err := d.p.ReadFile(name)
			if err != nil {
				return nil, err
			}
			return f.Src, nil
		},
		Report: func(diag analysis.Diagnostic) { d.report(a, diag) },
	}
	result, err := d.safeRun(a, pass)
	if err != nil {
		d.errs = append(d.errs, fmt.Errorf("%s: %w", a.Name, err))
		return
	}
	d.results[a] = result
}

func (d *driver) safeRun(a *analysis.Analyzer, pass *analysis.Pass) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report it): %v\n%s", r, debug.Stack())
		}
	}()
	return a.Run(pass)
}

func (d *driver) report(a *analysis.Analyzer, diag analysis.Diagnostic) {
	doc := d.docs[a]
	sev := Error
	if doc != nil {
		sev = doc.Severity
	}
	if diag.Category != "" {
		if s, err := ParseSeverity(diag.Category); err == nil {
			sev = s
		}
	}
	tf := d.p.Fset.File(diag.Pos)
	if tf == nil {
		d.errs = append(d.errs, fmt.Errorf("%s reported a diagnostic without a file: %s", a.Name, diag.Message))
		return
	}
	src := d.p.Source(tf.Name())
	end := diag.End
	if !end.IsValid() || d.p.Fset.File(end) != tf || end < diag.Pos {
		end = diag.Pos
	}
	d.findings = append(d.findings, Finding{
		Rule:     a.Name,
		Severity: sev,
		Path:     tf.Name(),
		Start:    d.position(tf, src, tf.Offset(diag.Pos)),
		End:      d.position(tf, src, tf.Offset(end)),
		Message:  diag.Message,
	})
}

// position resolves a byte offset, as the function position does, going on
// from the last position resolved in the same line of the same file when it
// can: minified files are one long line holding many findings, and counting
// each column from the start of the line would be quadratic.
func (d *driver) position(tf *token.File, src []byte, off int) Position {
	last, ok := d.last[tf]
	// (Offsets inside a byte order mark start over: it is no column.)
	if !ok || off < last.Offset || last.Offset < 3 || off >= len(src) || tf.Line(tf.Pos(off)) != last.Line {
		pos := position(tf, src, off)
		if d.last == nil {
			d.last = map[*token.File]Position{}
		}
		d.last[tf] = pos
		return pos
	}
	pos := last
	for i := last.Offset; i < off; {
		r, n := utf8.DecodeRune(src[i:off])
		i += n
		pos.Column++
		if r >= 0x10000 && n == 4 {
			pos.ColumnUTF16 += 2
		} else {
			pos.ColumnUTF16++
		}
	}
	pos.Offset = off
	d.last[tf] = pos
	return pos
}

// position resolves a byte offset to a line and both column measures. A byte
// order mark is not a column: editors do not show it.
func position(tf *token.File, src []byte, off int) Position {
	if off > len(src) {
		off = len(src)
	}
	line := tf.Line(tf.Pos(off))
	start := tf.Offset(tf.LineStart(line))
	if off == len(src) && off > 0 && src[off-1] == '\n' {
		// token.File knows no line after a final newline; the end of the
		// file is the start of that line.
		return Position{Offset: off, Line: line + 1, Column: 1, ColumnUTF16: 1}
	}
	if line == 1 && len(src) >= 3 && string(src[:3]) == "\uFEFF" && off >= 3 {
		start = 3
	}
	col, col16 := 1, 1
	for i := start; i < off; {
		r, n := utf8.DecodeRune(src[i:off])
		i += n
		col++
		if r >= 0x10000 && n == 4 {
			col16 += 2
		} else {
			col16++
		}
	}
	return Position{Offset: off, Line: line, Column: col, ColumnUTF16: col16}
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		if a.Start.Column != b.Start.Column {
			return a.Start.Column < b.Start.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

func dedupe(fs []Finding) []Finding {
	out := fs[:0]
	for i, f := range fs {
		if i > 0 && f == fs[i-1] {
			continue
		}
		out = append(out, f)
	}
	return out
}

func joinErrs(errs []error) string {
	s := ""
	for i, e := range errs {
		if i > 0 {
			s += "\n"
		}
		s += e.Error()
	}
	return s
}
