package lint

import (
	"context"
	"fmt"
	"go/token"
	"runtime/debug"
	"sort"
	"sync"
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

// Options tune a run.
type Options struct {
	// Severity returns the severity configured for a rule in a file (a
	// path as Finding.Path), and whether one is: Off drops the finding.
	// nil: every rule at its own severity.
	Severity func(rule, path string) (Severity, bool)
	// Disabled rules do not run: they are off in every file. (A rule
	// whose result is Directives still runs, so that suppressions hold;
	// its own findings are dropped.)
	Disabled map[string]bool
	// Only keeps the findings of these files (paths as Finding.Path);
	// nil keeps every file's. The rules still see the whole project.
	Only map[string]bool
	// Context, when set, cancels the run: RunWith checks it before each
	// analyzer and while it resolves diagnostics, and once it is done
	// returns no result and its error. An analyzer already running is not
	// interrupted (go/analysis passes carry no context).
	Context context.Context
}

// Run runs rules (and the analyzers they require) over a loaded project and
// resolves their diagnostics to findings. A rule that fails or panics does not
// stop the others: its failure is returned in the error, after the findings
// of every rule that ran.
func Run(p *project.Project, rules []*Rule) (*Result, error) {
	return RunWith(p, rules, Options{})
}

// RunWith runs as Run does, then applies the configured severities, the
// inline directives (the results of type Directives: a finding they cover
// is kept, Suppressed, and a directive that covers nothing becomes a
// finding of the rule that read it) and the Only filter, in that order.
// A run cancelled through o.Context returns no result and the context's
// error.
func RunWith(p *project.Project, rules []*Rule, o Options) (*Result, error) {
	d := &driver{
		p:     p,
		nodes: map[*analysis.Analyzer]*node{},
		docs:  map[*analysis.Analyzer]*Doc{},
		ctx:   o.Context,
	}
	res := &Result{Dir: p.Dir, Source: p.Text}
	for _, r := range rules {
		d.docs[r.Analyzer] = r.Doc
		res.Rules = append(res.Rules, r.Doc)
	}
	sort.Slice(res.Rules, func(i, j int) bool { return res.Rules[i].Name < res.Rules[j].Name })
	known := map[string]bool{}
	for _, r := range rules {
		known[r.Doc.Name] = true
		if !o.Disabled[r.Doc.Name] || r.Analyzer.ResultType == DirectivesType {
			d.plan(r.Analyzer)
		}
	}
	d.runAll()
	if d.stopped() {
		return nil, d.ctx.Err()
	}
	// The diagnostics and failures of the analyzers in the order they
	// would have run one after the other: the output does not depend on
	// which finished first. From here on only the directives are read of
	// the analyzers' results: the others (every file's facts, templates,
	// sheets, the views) are left to the collector before the findings are
	// made, which read the files again (bench/gen-big.sh's folder: 185 MB
	// live at the end of the findings with them, 93 without).
	n := 0
	for _, nd := range d.order {
		n += len(nd.diags)
	}
	d.pending = make([]pending, 0, n)
	for _, nd := range d.order {
		for _, diag := range nd.diags {
			d.pending = append(d.pending, pending{nd.a, diag})
		}
		d.errs = append(d.errs, nd.errs...)
		nd.diags = nil
		if _, ok := nd.result.(Directives); !ok {
			nd.result = nil
		}
	}
	// Resolve positions in FileSet order, so that each file's are resolved
	// front to back: many findings on one long line cost a walk of the line
	// once, whatever order the rules reported them in.
	sort.SliceStable(d.pending, func(i, j int) bool { return d.pending[i].diag.Pos < d.pending[j].diag.Pos })
	for i, pd := range d.pending {
		if i%1024 == 1023 && d.stopped() {
			return nil, d.ctx.Err()
		}
		d.report(pd.a, pd.diag)
	}
	fs := d.findings[:0]
	for _, f := range d.findings {
		if o.Severity != nil {
			if sev, ok := o.Severity(f.Rule, f.Path); ok {
				f.Severity = sev
			}
		}
		if f.Severity != Off && !o.Disabled[f.Rule] {
			fs = append(fs, f)
		}
	}
	sortFindings(fs)
	fs = dedupe(fs)
	for _, r := range rules {
		n := d.nodes[r.Analyzer]
		if n == nil {
			continue
		}
		ds, ok := n.result.(Directives)
		if !ok {
			continue
		}
		for _, u := range suppress(fs, ds, r.Doc.Name, r.Doc.Severity, known) {
			if o.Severity != nil {
				if sev, ok := o.Severity(u.Rule, u.Path); ok {
					u.Severity = sev
				}
			}
			if u.Severity != Off && !o.Disabled[u.Rule] {
				fs = append(fs, u)
			}
		}
		sortFindings(fs)
	}
	if d.stopped() {
		return nil, d.ctx.Err()
	}
	if o.Only != nil {
		kept := fs[:0]
		for _, f := range fs {
			if o.Only[f.Path] {
				kept = append(kept, f)
			}
		}
		fs = kept
	}
	res.Findings = fs
	if len(d.errs) > 0 {
		return res, fmt.Errorf("%v", joinErrs(d.errs))
	}
	return res, nil
}

// pending is a diagnostic not yet resolved to a finding.
type pending struct {
	a    *analysis.Analyzer
	diag analysis.Diagnostic
}

type driver struct {
	p     *project.Project
	nodes map[*analysis.Analyzer]*node
	// order holds the analyzers to run, each after those it requires, in
	// the order the rules ask for them: the order they would run in one
	// after the other.
	order []*node
	docs  map[*analysis.Analyzer]*Doc

	pending  []pending
	findings []Finding
	errs     []error
	// last is the last position resolved in each file.
	last map[*token.File]Position
	ctx  context.Context // nil: the run cannot be cancelled
}

// node is an analyzer of a run, and what came of it.
type node struct {
	a    *analysis.Analyzer
	done chan struct{} // closed when it has run, failed or been skipped
	// ok is set when it ran without failing: result is its result.
	ok     bool
	result any
	mu     sync.Mutex // guards diags and messages
	diags  []analysis.Diagnostic
	// messages holds one copy of each message reported while the
	// analyzer runs: a rule that reports one thing in many places makes
	// the same message each time (20,000 times on bench/gen-big.sh's
	// folder, 5.8 MB).
	messages map[string]string
	errs     []error
	// after is the analyzer others require that runs before this one, when
	// this one is required too (see runAll).
	after *node
}

// stopped reports whether the run was cancelled.
func (d *driver) stopped() bool {
	return d.ctx != nil && d.ctx.Err() != nil
}

// plan adds a, after what it requires, to the analyzers to run.
func (d *driver) plan(a *analysis.Analyzer) {
	if d.nodes[a] != nil {
		return
	}
	n := &node{a: a, done: make(chan struct{})}
	d.nodes[a] = n
	if a == project.Analyzer {
		n.ok, n.result = true, d.p
		close(n.done)
		return
	}
	for _, req := range a.Requires {
		d.plan(req)
	}
	d.order = append(d.order, n)
}

// runAll runs the planned analyzers, each as soon as those it requires
// have run, so that the cores one analyzer leaves idle (its serial steps,
// its slowest file) go to others: the rules side by side, with the size
// pass. The analyzers that others require (the parsers of scripts,
// templates and styles, views, the size pass) still run one after the
// other, in the order the rules ask for them: each parser spreads its
// files over every core already, and what each keeps would otherwise be
// live at once, while the others parse, which costs the collector more
// than the cores it fills. Each analyzer's diagnostics and failures are
// kept apart, for RunWith to put in order.
func (d *driver) runAll() {
	required := map[*analysis.Analyzer]bool{}
	for _, n := range d.order {
		for _, req := range n.a.Requires {
			required[req] = true
		}
	}
	var prev *node
	for _, n := range d.order {
		if required[n.a] {
			n.after, prev = prev, n
		}
	}
	d.p.Prepare() // (what analyzers would race to compute first)
	var wg sync.WaitGroup
	for _, n := range d.order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(n.done)
			if n.after != nil {
				<-n.after.done
			}
			d.run(n)
		}()
	}
	wg.Wait()
}

func (d *driver) run(n *node) {
	a := n.a
	resultOf := make(map[*analysis.Analyzer]any, len(a.Requires))
	for _, req := range a.Requires {
		rn := d.nodes[req]
		<-rn.done
		if !rn.ok {
			n.errs = append(n.errs, fmt.Errorf("%s: skipped, its prerequisite %s failed", a.Name, req.Name))
			return
		}
		resultOf[req] = rn.result
	}
	if d.stopped() {
		return // (RunWith returns no result)
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
		Report: func(diag analysis.Diagnostic) {
			n.mu.Lock()
			diag.Message = n.message(diag.Message)
			n.diags = append(n.diags, diag)
			n.mu.Unlock()
		},
	}
	result, err := d.safeRun(a, pass)
	n.mu.Lock()
	n.messages = nil
	n.mu.Unlock()
	if err != nil {
		n.errs = append(n.errs, fmt.Errorf("%s: %w", a.Name, err))
		return
	}
	n.ok, n.result = true, result
}

// message returns the copy of m reported before, or m.
func (n *node) message(m string) string {
	if c, ok := n.messages[m]; ok {
		return c
	}
	if n.messages == nil {
		n.messages = map[string]string{}
	}
	n.messages[m] = m
	return m
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
	tf := d.p.TokenFile(diag.Pos)
	if tf == nil {
		d.errs = append(d.errs, fmt.Errorf("%s reported a diagnostic without a file: %s", a.Name, diag.Message))
		return
	}
	src := d.p.Text(tf.Name())
	d.p.Lines(tf, src)
	end := diag.End
	if !end.IsValid() || d.p.TokenFile(end) != tf || end < diag.Pos {
		end = diag.Pos
	}
	f := Finding{
		Rule:     a.Name,
		Severity: sev,
		Path:     tf.Name(),
		Start:    d.position(tf, src, tf.Offset(diag.Pos)),
		End:      d.position(tf, src, tf.Offset(end)),
		Message:  diag.Message,
	}
	for _, sf := range diag.SuggestedFixes {
		fix := Fix{Message: sf.Message}
		for _, te := range sf.TextEdits {
			etf := d.p.TokenFile(te.Pos)
			end := te.End
			if !end.IsValid() {
				end = te.Pos
			}
			if etf == nil || d.p.TokenFile(end) != etf || end < te.Pos {
				d.errs = append(d.errs, fmt.Errorf("%s suggested a fix with a bad edit: %s", a.Name, sf.Message))
				fix.Edits = nil
				break
			}
			esrc := d.p.Text(etf.Name())
			d.p.Lines(etf, esrc)
			fix.Edits = append(fix.Edits, Edit{
				Path:    etf.Name(),
				Start:   position(etf, esrc, etf.Offset(te.Pos)),
				End:     position(etf, esrc, etf.Offset(end)),
				NewText: string(te.NewText),
			})
		}
		if len(fix.Edits) > 0 {
			f.Fixes = append(f.Fixes, fix)
		}
	}
	d.findings = append(d.findings, f)
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
		if i > 0 && same(&f, &fs[i-1]) {
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

// same reports whether two findings say the same thing at the same place.
func same(a, b *Finding) bool {
	return a.Rule == b.Rule && a.Severity == b.Severity && a.Path == b.Path &&
		a.Start == b.Start && a.End == b.End && a.Message == b.Message
}
