package project

import (
	"go/token"
	"maps"
	"path"
	"reflect"
	"slices"
	"strings"
)

// A Loaded is what Load found of a project before any check read more of
// it: the model (configuration, packages, pages, components) and the files
// the loader read to build it. A server that checks the same project again
// and again (package engine) keeps it, and derives from it the project of
// the next check when only the content of files the loader did not read
// changed: the model is the same, and nothing needs to be asked of the
// disk again.
type Loaded struct {
	p          *Project // the project Load returned
	snap       Project  // a copy of it then
	files      map[string]*File
	order      []*File
	jsonFiles  map[string]*JSONFile
	json       []*JSONFile
	loadErrors []LoadError
	exists     map[string]bool
}

// Keep records what Load found of p. Call it on the project Load returned,
// before any check reads more of it.
func Keep(p *Project) *Loaded {
	return &Loaded{
		p:          p,
		snap:       *p,
		files:      maps.Clone(p.files),
		order:      slices.Clone(p.Files),
		jsonFiles:  maps.Clone(p.jsonFiles),
		json:       slices.Clone(p.JSONFiles),
		loadErrors: slices.Clone(p.LoadErrors),
		exists:     maps.Clone(p.exists),
	}
}

// Derive returns the project a fresh Load with opts would return, once
// the files at changed (paths relative to the project directory, with
// forward slashes) changed content, and nothing else changed on disk
// since prev, a project derived from l (or l's own), was loaded and
// checked: no file or folder was made, removed or renamed, no other file
// written. The caller vouches for that (a file watcher does); Derive
// vouches for the rest, and returns false when it cannot derive:
//
//   - a changed file is one the loader read (a json), or is not a plain
//     file the walk of prev met (a new file, a symbolic link);
//   - the walk of prev has not run, or met a folder it could not read;
//   - opts differ from prev's other than in Overlay and Memo, or the
//     overlay names another set of files that are not on disk.
//
// The project returned shares with prev the model, the walk and the files
// prev read that did not change (their token.File and bytes): the checks
// read them as if they had read them again, and nothing is read twice
// from disk. prev must not be used any more (its files are shared).
func (l *Loaded) Derive(prev *Project, changed []string, opts Options) (*Project, bool) {
	if prev == nil || prev.root != l.p.root || prev.walked == nil || prev.met == nil || len(prev.unreadable) > 0 {
		return nil, false
	}
	if prev.Framework != nil {
		// A uni-app or Taro source: a .vue, .tsx or .jsx file is read
		// as a script, a template and a style sheet at once, which the
		// kinds of a derived check's files do not tell.
		return nil, false
	}
	if !sameOptions(prev.Options, opts) {
		return nil, false
	}
	ch := map[string]bool{}
	for _, rel := range changed {
		rel = path.Clean(rel)
		if _, read := l.files[rel]; read || strings.HasSuffix(rel, ".json") || !prev.met.file(rel) {
			return nil, false
		}
		ch[rel] = true
	}
	// Overlay files in the mini program root that the walk did not meet
	// on disk are in the walk: they must be the same ones.
	walked := func(rel string) bool {
		rel = path.Clean(rel)
		inRoot := l.p.MiniRoot == "" || strings.HasPrefix(rel, l.p.MiniRoot+"/")
		return !inRoot || prev.met.file(rel)
	}
	for rel := range opts.Overlay {
		if _, ok := prev.Options.Overlay[rel]; !ok && !walked(rel) {
			return nil, false
		}
	}
	for rel := range prev.Options.Overlay {
		if _, ok := opts.Overlay[rel]; !ok && !walked(rel) {
			return nil, false
		}
	}
	// A copy of the project as Load left it (the model, and whatever a
	// later field of Project holds then), with its own maps and lists.
	p := new(Project)
	*p = l.snap
	p.Fset = token.NewFileSet()
	p.Options = opts
	p.JSONFiles = slices.Clone(l.json)
	p.LoadErrors = slices.Clone(l.loadErrors)
	p.files = maps.Clone(l.files)
	p.jsonFiles = maps.Clone(l.jsonFiles)
	// What the walk of prev found, and the existence of files it asked the
	// disk about: no file was made or removed since.
	p.exists = maps.Clone(prev.exists)
	p.walked, p.met, p.unreadable = slices.Clone(prev.walked), prev.met, nil
	p.upload = nil
	p.locks = &locks{}
	p.Files = slices.Clone(l.order)
	tfs := make([]*token.File, 0, len(prev.Files))
	for _, f := range l.order {
		tfs = append(tfs, f.TF())
	}
	// The files prev's checks read that did not change are read already:
	// as if the base analyzers, which read every script, template and
	// style sheet before any rule runs, had run.
	for _, f := range prev.Files {
		if _, ok := p.files[f.Path]; ok || ch[f.Path] || !f.Readable() {
			continue
		}
		p.files[f.Path] = f
		p.Files = append(p.Files, f)
		tfs = append(tfs, f.TF())
	}
	p.Fset.AddExistingFiles(tfs...)
	p.nextBase = p.Fset.Base() // (after every file it took over)
	for i := range p.walked {
		e := &p.walked[i]
		if !ch[e.rel] {
			continue
		}
		e.size = -1
		if src, ok := opts.Overlay[e.rel]; ok {
			e.size = int64(len(src))
		}
	}
	return p, true
}

// WalkedFile reports whether the walk of p (when it ran) met a plain file
// at rel, a path relative to the project folder.
func (p *Project) WalkedFile(rel string) bool { return p.met != nil && p.met.file(path.Clean(rel)) }

// sameOptions reports whether two loads with a and b read a project the
// same way, overlays and memos aside (whatever other fields Options has or
// gets: a field that cannot be compared, a func, is never the same).
func sameOptions(a, b Options) bool {
	a.Overlay, a.Memo, b.Overlay, b.Memo = nil, nil, nil, nil
	if len(a.Exclude) == 0 && len(b.Exclude) == 0 {
		a.Exclude, b.Exclude = nil, nil
	}
	return reflect.DeepEqual(a, b)
}
