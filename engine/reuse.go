package engine

import (
	"go/token"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/size"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// A kind of file, by what reads it: the checks of a derived project (see
// project.Loaded.Derive) differ from the last check's only in the content
// of some files, and an analyzer that reads no file of their kinds gives
// what it gave.
type kind int

const (
	scripts   kind = iota // .js, .ts, .wxs
	templates             // .wxml
	styles                // .wxss, .less, .scss, .sass, .css
	others                // images, fonts, ...: read for their size only
	kinds
)

func kindOf(rel string) kind {
	switch path.Ext(rel) {
	case ".js", ".ts", ".wxs":
		return scripts
	case ".wxml":
		return templates
	case ".wxss", ".less", ".scss", ".sass", ".css":
		return styles
	}
	return others
}

// reads says which kinds of files each analyzer reads the content or the
// size of, beyond the project's model (its json) and what the analyzers it
// requires give it, for the analyzers that read less than everything.
// Whatever is not here reads everything: a rule that counts sizes
// (package-size, media-size...) reads every file, and so does a rule that
// reads what another may have added to the project before it (config-schema
// reports the syntax of every json read, some of them read by rules).
//
// An analyzer given here must read the files of no other kind: through the
// project (ReadFile, Upload...) or through the results it requires. When
// one starts to, TestDifferential fails (an edit of that kind changes its
// findings while the Engine gives the old ones) and it must be changed
// here.
var reads = map[*analysis.Analyzer][]kind{
	jsparse.Analyzer: {scripts},
	wxml.Analyzer:    {templates},
	wxss.Analyzer:    {styles},
	views.Analyzer:   {},
	// Reach reads scripts too, but what it read of them its result
	// checks (see agains).
	size.ReachAnalyzer: {templates, styles},
}

// An again is, for an analyzer whose last result can tell whether it
// holds again when only the files of a kind it reads changed content, how
// to ask it: the analyzer over whose result (and files) the last result
// is checked, and the check, which returns the result for this pass, or
// false when it must run. The analyzer's key leaves over's out, and its
// reads leave over's kind out.
type again struct {
	over  *analysis.Analyzer
	holds func(pass *analysis.Pass, last any) (any, bool)
}

var agains = map[*analysis.Analyzer]again{
	// The code WeChat loads changes only when an edit of a script changes
	// what Reach follows in it: its imports, require.async calls, computed
	// requires, strings that name code files.
	size.ReachAnalyzer: {over: jsparse.Analyzer, holds: func(pass *analysis.Pass, last any) (any, bool) {
		v := views.Of(pass)
		return last.(*size.Reach).Again(project.Of(pass), jsparse.Of(pass), v.WXML, v.WXSS)
	}},
}

// readsByName is reads for rules, by name (their analyzers live in
// packages of their own).
var readsByName = map[string][]kind{
	"chattool-declaration":        {},
	"chattool-renderer":           {},
	"minify-setting":              {},
	"skyline-config":              {},
	"skyline-support":             {},
	"open-data":                   {},
	"chattool-disabled-component": {},
	"unused-component":            {templates}, // (comments in templates)
	// media-size adds up the sizes of images and audio, which are others.
	"media-size": {others},
	// unused-file lists the files uploaded (which their content does not
	// change) that Reach does not reach, at their first byte.
	"unused-file": {},
	// config-schema reads every json read so far, some of them read by the
	// rules that ran before it (package.json, when a script names an npm
	// package): keyed by their list too.
	"config-schema": {},
}

// inJSON are the rules that report in json files only (app.json,
// project.config.json, game.json: what they report on is the project's
// packages and settings) in a mini program or game read as it is (no
// uni-app or Taro source, whose configuration may be a script). A check
// whose findings are kept for other files only (the language server
// keeps those of the open documents: a page's script, template or style
// sheet) gives the same findings without running them, nor the analyzers
// only they require (the size estimate): see lean. TestDifferential checks
// that they report in no other file.
var inJSON = map[string]bool{
	"package-size":        true,
	"package-source-size": true,
	"media-size":          true,
	"config-schema":       true,
}

// lean returns the rules of a check of p whose findings t keeps: rs, but
// that the rules of inJSON are stand-ins that do nothing when t keeps no
// json file's findings (and rs itself when it does).
func (e *Engine) lean(rs []*lint.Rule, p *project.Project, t *discover.Target) []*lint.Rule {
	if t.Whole() || len(t.Under) > 0 || p.Framework != nil {
		return rs
	}
	for rel := range t.Files {
		if strings.HasSuffix(rel, ".json") {
			return rs
		}
	}
	out := make([]*lint.Rule, len(rs))
	for i, r := range rs {
		out[i] = r
		if inJSON[r.Doc.Name] && r.Analyzer.ResultType == nil {
			out[i] = &lint.Rule{Analyzer: e.idle(r.Analyzer), Doc: r.Doc}
		}
	}
	return out
}

// idle returns a stand-in of a that requires nothing and reports nothing,
// made once per Engine.
func (e *Engine) idle(a *analysis.Analyzer) *analysis.Analyzer {
	if e.idles == nil {
		e.idles = map[*analysis.Analyzer]*analysis.Analyzer{}
	}
	if w := e.idles[a]; w != nil {
		return w
	}
	w := &analysis.Analyzer{Name: a.Name, Doc: a.Doc, URL: a.URL,
		Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	e.idles[a] = w
	return w
}

// extraKeys add to the key of a rule's inputs what it reads of the project
// besides its model and files: its key changes when that does.
var extraKeys = map[string]func(p *project.Project) string{
	"config-schema": func(p *project.Project) string {
		var b strings.Builder
		for _, jf := range p.JSONFiles {
			b.WriteString(jf.Path)
			b.WriteByte(0)
		}
		return b.String()
	},
}

// counters count the analyzers' runs of an Engine.
type counters struct {
	ran, reused atomic.Int64
}

// versions count the changes of the project since the Engine's start:
// model counts the loads (a load may change anything), and each kind the
// checks in which a file of that kind changed content.
type versions struct {
	model int
	kind  [kinds]int
}

// A cached analyzer stands for an analyzer in an Engine's checks: it runs
// the analyzer and keeps its result and diagnostics, and gives them again
// to a later check whose inputs for it are the same: the same model, no
// change to the files of the kinds it reads, and the same results of the
// analyzers it requires.
type cached struct {
	e    *Engine
	orig *analysis.Analyzer
	a    *analysis.Analyzer // the stand-in the driver runs
	// reads lists the kinds read (all kinds when nil); extra adds to the
	// key (see extraKeys).
	reads []kind
	extra func(p *project.Project) string
	reqs  []*cached // the analyzers required, but project.Analyzer
	// again asks the last result whether it holds again when over (one
	// of reqs) ran again (see agains); overAt is the over's run the last
	// result was checked against.
	again  *again
	over   *cached
	overAt int

	// last is the last run's outcome, key its inputs, and at the check
	// (Engine.checks) whose result it is: what depends on it keys on that.
	last *outcome
	key  string
	at   int
}

type outcome struct {
	result any
	diags  []analysis.Diagnostic
	// files are the files of each diagnostic's positions (its own, its
	// fixes' edits').
	files [][]*token.File
}

// rules returns rules whose analyzers are cached stand-ins of theirs.
func (e *Engine) rules(rs []*lint.Rule) []*lint.Rule {
	out := make([]*lint.Rule, len(rs))
	for i, r := range rs {
		c := e.cache(r.Analyzer)
		if c.reads == nil {
			if k, ok := readsByName[r.Doc.Name]; ok {
				c.reads = k
			}
			c.extra = extraKeys[r.Doc.Name]
		}
		out[i] = &lint.Rule{Analyzer: c.a, Doc: r.Doc}
	}
	return out
}

// cache returns the cached stand-in of a, made once per Engine.
func (e *Engine) cache(a *analysis.Analyzer) *cached {
	if c := e.cached[a]; c != nil {
		return c
	}
	c := &cached{e: e, orig: a, reads: reads[a]}
	w := *a
	w.Run = c.run
	w.Requires = nil
	for _, req := range a.Requires {
		if req == project.Analyzer {
			w.Requires = append(w.Requires, req)
			continue
		}
		rc := e.cache(req)
		c.reqs = append(c.reqs, rc)
		w.Requires = append(w.Requires, rc.a)
		if ag, ok := agains[a]; ok && ag.over == req {
			c.again, c.over = &ag, rc
		}
	}
	c.a = &w
	e.cached[a] = c
	return c
}

// inputs returns the key of what the analyzer reads in this check.
func (c *cached) inputs(pass *analysis.Pass) string {
	v := c.e.ver
	b := make([]byte, 0, 64)
	b = appendInt(b, v.model)
	if c.reads == nil {
		for k := range kinds {
			b = appendInt(b, v.kind[k])
		}
	} else {
		for _, k := range c.reads {
			b = appendInt(b, v.kind[k])
		}
	}
	for _, r := range c.reqs {
		if r != c.over {
			b = appendInt(b, r.at)
		}
	}
	if c.extra != nil {
		b = append(b, c.extra(project.Of(pass))...)
	}
	return string(b)
}

func appendInt(b []byte, n int) []byte {
	return append(b, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

// traceRun, when a test sets it, is told of every run of an analyzer.
var traceRun func(name string, reused bool, d time.Duration)

// run gives the last outcome again when the inputs are the same, and
// otherwise runs the analyzer, recording its outcome.
func (c *cached) run(pass *analysis.Pass) (any, error) {
	reused := false
	if traceRun != nil {
		begin := time.Now()
		defer func() { traceRun(c.orig.Name, reused, time.Since(begin)) }()
	}
	key := c.inputs(pass)
	inner := *pass
	inner.Analyzer = c.orig
	inner.ResultOf = make(map[*analysis.Analyzer]any, len(pass.ResultOf))
	for a, r := range pass.ResultOf {
		inner.ResultOf[a] = r
	}
	for _, rc := range c.reqs {
		inner.ResultOf[rc.orig] = pass.ResultOf[rc.a]
	}
	if c.last != nil && key == c.key {
		res, ok := c.last.result, true
		if c.over != nil && c.over.at != c.overAt {
			res, ok = c.again.holds(&inner, c.last.result)
		}
		if ok && c.replay(pass) {
			if c.over != nil && c.over.at != c.overAt {
				last := *c.last
				last.result = res
				c.last, c.overAt = &last, c.over.at
			}
			c.e.reused.Add(1)
			reused = true
			c.e.early.record(c.orig, pass, res)
			return res, nil
		}
	}
	c.e.ran.Add(1)
	var (
		mu  sync.Mutex
		out = &outcome{}
	)
	inner.Report = func(d analysis.Diagnostic) {
		mu.Lock()
		out.diags = append(out.diags, d)
		out.files = append(out.files, filesOf(pass.Fset, d))
		mu.Unlock()
		if c.e.passes(pass.Fset, d) {
			pass.Report(d)
		}
	}
	var (
		res any
		err error
	)
	if c.orig == size.ReachAnalyzer {
		res = c.e.early.take(&inner) // (a *size.Reach, or nil)
	}
	if r, _ := res.(*size.Reach); r == nil {
		res, err = c.orig.Run(&inner)
	}
	if err != nil {
		c.last, c.key = nil, ""
		return res, err
	}
	c.e.early.record(c.orig, pass, res)
	out.result = res
	c.last, c.key, c.at = out, key, c.e.checks
	if c.over != nil {
		c.overAt = c.over.at
	}
	return res, nil
}

// replay reports the last outcome's diagnostics again, when each is still
// in a file of this check's project; it reports nothing and returns false
// when one is not (a file changed that the analyzer does not read, but
// reports on: it must run).
func (c *cached) replay(pass *analysis.Pass) bool {
	for i, d := range c.last.diags {
		was := c.last.files[i]
		for j, tf := range filesOf(pass.Fset, d) {
			if tf == nil || tf != was[j] {
				return false
			}
		}
	}
	for _, d := range c.last.diags {
		if c.e.passes(pass.Fset, d) {
			pass.Report(d)
		}
	}
	return true
}

// passes reports whether the check's driver is given the diagnostic d,
// which the outcome keeps in any case: not when it lies in a file whose
// findings the check does not keep (check.Lint drops them once they are
// findings). A language server keeps those of its open documents, and the
// driver would resolve the positions of every diagnostic of the project,
// a thousand files of the official demo, each file's text and lines read
// again, after the last rule and before the first diagnostics. A finding
// of a kept file depends on no other file's (an inline directive covers
// the findings of its own file, the same findings of one file count
// once). A diagnostic without a file is the driver's to report.
func (e *Engine) passes(fset *token.FileSet, d analysis.Diagnostic) bool {
	t := e.target
	if t == nil || t.Whole() {
		return true
	}
	tf := fset.File(d.Pos)
	if tf == nil || t.Keeps(tf.Name()) {
		return true
	}
	e.dropped.Store(true)
	return false
}

// filesOf returns the files of a diagnostic's positions.
func filesOf(fset *token.FileSet, d analysis.Diagnostic) []*token.File {
	fs := []*token.File{fset.File(d.Pos)}
	for _, fx := range d.SuggestedFixes {
		for _, te := range fx.TextEdits {
			fs = append(fs, fset.File(te.Pos))
		}
	}
	return fs
}
