// Package engine keeps a project loaded between its checks, for the
// language server and --watch, which check the same project again at every
// save: what a check can take from the one before it, it takes, and the
// result is the one a check from scratch would give, byte for byte
// (TestDifferential holds that, after every step of random edits).
//
// An Engine keeps, for its project:
//
//   - the parsed scripts, templates and style sheets, keyed by their bytes
//     (project.Memo), so that a check parses only what changed;
//   - the bytes of every file it read, for as long as a file watcher (see
//     Watch) vouches that the file has not changed on disk: a check then
//     asks the disk nothing about the files that did not change;
//   - the model of the project (project.Loaded: the configuration, the
//     packages, pages and components, the walk of its folders): when only
//     the content of scripts, templates, style sheets or other files that
//     are no json changed, the next check's project is derived from the
//     last one (project.Loaded.Derive) rather than loaded again;
//   - each analyzer's result and diagnostics (reuse.go): in a derived
//     check, an analyzer that reads no file of the kinds that changed
//     (scripts, templates, style sheets, others), and whose requirements
//     gave what they gave, is not run again (the templates' parse, the
//     views and the rules on them, when a script changed); an analyzer
//     whose last result can tell whether it holds again (agains: Reach,
//     when an edit of a script changed nothing it follows) is asked
//     rather than run.
//
// A check whose findings are kept for no json file (the language
// server's, of a page's open script, template or style sheet) runs none
// of the rules that report in json files only (inJSON: the package sizes,
// media-size, config-schema), nor the size estimate only they require.
//
// Without a watcher, every check loads the project again (with the
// memo): only a watcher can say that a file did not change.
package engine

import (
	"bytes"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/check"
	"github.com/chattool-lint/chattool-lint/discover"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/rules"
)

// Engine keeps one project between its checks. Its methods are safe for
// concurrent use; checks run one at a time.
type Engine struct {
	mu   sync.Mutex // held by a check
	memo *project.Memo
	// loaded is the model of the last load, last the project of the last
	// check (derived from loaded, or loaded's own).
	loaded *project.Loaded
	last   *project.Project
	root   string // the project's folder, absolute, symlinks resolved
	// editor is the overlay of the last check (the editor's buffers).
	editor map[string][]byte
	// content holds the bytes of the files on disk, by path relative to
	// the project folder, while the watcher vouches for them.
	content map[string][]byte

	cmu     sync.Mutex // guards what the watcher reports
	trusted bool       // a watcher reports every change on disk
	changes changes
	// stats counts the checks by how they got their project.
	stats Stats
	// watcher is the Watcher of the project's folder, or nil.
	watcher *Watcher

	// cached are the stand-ins of the analyzers (see reuse.go), checks
	// counts the checks, and ver is what changed up to this one.
	cached map[*analysis.Analyzer]*cached
	idles  map[*analysis.Analyzer]*analysis.Analyzer // see lean
	// target is what the running check reports on, and dropped is set
	// when a diagnostic was not passed on (see passes).
	target  *discover.Target
	dropped atomic.Bool
	early   earlyState // see early.go
	checks  int
	ver     versions
	counters
}

// changes are what changed on disk since the last check.
type changes struct {
	written map[string]bool // files written (content only), relative paths
	// moved are paths made, removed or renamed: the walk changes.
	moved map[string]bool
	// all: anything may have changed (the watcher lost events).
	all bool
}

// Stats counts the checks of an Engine by how they got their project,
// and the runs of analyzers by whether they ran or gave their last
// outcome again.
type Stats struct {
	Loads, Derived int
	Ran, Reused    int
}

// New returns an Engine with nothing kept yet.
func New() *Engine {
	return &Engine{memo: project.NewMemo(), changes: changes{written: map[string]bool{}, moved: map[string]bool{}},
		cached: map[*analysis.Analyzer]*cached{}}
}

// Stats returns how the checks so far got their project.
func (e *Engine) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.stats
	st.Ran, st.Reused = int(e.ran.Load()), int(e.reused.Load())
	return st
}

// Check checks j as check.Lint does, taking from the last check what it
// can. The result's Source holds only the files its findings name
// (check.Keep): the project stays with the Engine.
func (e *Engine) Check(j *check.Job) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.watcher != nil && !e.watcher.sync() {
		e.Changed("", Move)
	}
	e.memo.Next()
	e.checks++
	rs := j.Rules
	if rs == nil {
		rs = rules.All()
	}
	// (load may make the rules leaner, once it knows the project: see
	// lean.)
	j.Rules = e.rules(rs)
	j.Loader = e.load
	e.target = j.Target
	e.dropped.Store(false)
	e.early.reset(rs, j.Options.Lint.Disabled)
	check.Lint(j)
	e.target = nil
	if j.Result != nil && j.Result.Findings == nil && e.dropped.Load() {
		// The findings of a check that found something, though in none of
		// the files it keeps, are none, not nil (check.Lint's filter).
		j.Result.Findings = []lint.Finding{}
	}
	j.Loader, j.Rules = nil, rs
	if j.LoadErr != nil {
		e.loaded, e.last = nil, nil
	}
	if j.Result != nil {
		j.Result.Source = check.Keep(j.Result)
	}
	if e.last != nil {
		e.keepReads()
	}
}

// keepReads keeps the bytes the check read from disk, when a watcher
// vouches for them.
func (e *Engine) keepReads() {
	reads := e.memo.TakeReads()
	e.cmu.Lock()
	trusted := e.trusted
	e.cmu.Unlock()
	if !trusted {
		return
	}
	for abs, b := range reads {
		rel, err := filepath.Rel(e.root, abs)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		e.content[filepath.ToSlash(rel)] = b
	}
}

// load loads the project of j, or derives it from the last one.
func (e *Engine) load(j *check.Job) (*project.Project, error) {
	opts := j.Options.Project
	opts.Memo = e.memo
	opts.Exclude = j.Target.Exclude
	editor := j.Target.Overlay

	e.cmu.Lock()
	ch, trusted := e.changes, e.trusted
	e.changes = changes{written: map[string]bool{}, moved: map[string]bool{}}
	e.cmu.Unlock()
	for rel := range ch.moved {
		// A file made again where the walk met one (an editor that saves
		// by writing a new file and renaming it over the old one): its
		// content changed, nothing else.
		if e.last != nil && e.last.WalkedFile(rel) && regular(filepath.Join(e.root, filepath.FromSlash(rel))) {
			delete(ch.moved, rel)
			ch.written[rel] = true
		}
	}
	if !trusted || ch.all || e.content == nil {
		e.content = map[string][]byte{}
	}
	changed := e.changed(editor, ch.written)
	for rel := range ch.written {
		delete(e.content, rel)
	}
	for rel := range ch.moved {
		delete(e.content, rel)
		for k := range e.content {
			if strings.HasPrefix(k, rel+"/") {
				delete(e.content, k)
			}
		}
	}
	overlay := maps.Clone(e.content)
	maps.Copy(overlay, editor)
	opts.Overlay = overlay
	e.memo.OwnAll(e.content)
	e.editor = maps.Clone(editor)

	if trusted && !ch.all && len(ch.moved) == 0 && e.loaded != nil {
		if p, ok := e.loaded.Derive(e.last, changed, opts); ok {
			e.early.loaded(false)
			j.Rules = e.lean(j.Rules, p, j.Target)
			e.last = p
			e.stats.Derived++
			var bumped [kinds]bool
			for _, rel := range changed {
				if k := kindOf(rel); !bumped[k] {
					bumped[k] = true
					e.ver.kind[k]++
				}
			}
			return p, nil
		}
	}
	e.ver.model++
	e.early.loaded(true)
	p, err := project.Load(j.Target.Dir, opts)
	if err != nil {
		e.loaded, e.last = nil, nil
		return nil, err
	}
	e.loaded, e.last, e.root = project.Keep(p), p, p.Root()
	e.stats.Loads++
	j.Rules = e.lean(j.Rules, p, j.Target)
	return p, nil
}

func regular(abs string) bool {
	st, err := os.Lstat(abs)
	return err == nil && st.Mode().IsRegular()
}

// changed returns the files whose bytes this check reads otherwise than
// the last one: a buffer changed, opened or closed on other bytes, a file
// written on disk that no buffer stands for. A file saved from its buffer,
// already checked, did not change. e.content must still hold what the
// last check read from disk.
func (e *Engine) changed(editor map[string][]byte, written map[string]bool) []string {
	// What the last check read of rel: its buffer, or the bytes on disk.
	last := func(rel string) ([]byte, bool) {
		if b, ok := e.editor[rel]; ok {
			return b, true
		}
		b, ok := e.content[rel]
		return b, ok
	}
	// What this check reads of rel, when known.
	now := func(rel string) ([]byte, bool) {
		if b, ok := editor[rel]; ok {
			return b, true
		}
		if written[rel] {
			return nil, false
		}
		b, ok := e.content[rel]
		return b, ok
	}
	var out []string
	seen := map[string]bool{}
	check := func(rel string) {
		if seen[rel] {
			return
		}
		seen[rel] = true
		a, okA := last(rel)
		b, okB := now(rel)
		if !okA || !okB || !bytes.Equal(a, b) {
			out = append(out, rel)
		}
	}
	for rel := range editor {
		check(rel)
	}
	for rel := range e.editor {
		check(rel)
	}
	for rel := range written {
		check(rel)
	}
	return out
}

// Root returns the folder of the project last loaded (absolute, symbolic
// links resolved), or "" before the first check.
func (e *Engine) Root() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.root
}

// Trust tells the Engine whether a watcher reports every change on disk
// from now on. Without one, every check loads the project again.
func (e *Engine) Trust(on bool) {
	e.cmu.Lock()
	defer e.cmu.Unlock()
	e.trusted = on
	e.changes.all = true
}

// Op is what happened to a path on disk.
type Op int

const (
	// Write: the content of a file changed (its mode too, maybe).
	Write Op = iota
	// Move: a file or folder was made, removed or renamed.
	Move
)

// Changed tells the Engine that rel (relative to the project folder, with
// forward slashes; "" for anything) changed on disk, as op says.
func (e *Engine) Changed(rel string, op Op) {
	e.cmu.Lock()
	defer e.cmu.Unlock()
	rel = path.Clean(rel)
	switch {
	case rel == "" || rel == ".":
		e.changes.all = true
	case op == Write:
		e.changes.written[rel] = true
	default:
		e.changes.moved[rel] = true
	}
}
