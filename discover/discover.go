// Package discover finds what a PATH on the command line asks to check: the
// project it is, the project it lies in, or the projects below it.
//
// Real repositories rarely hold the mini program at their root: it sits
// beside a backend and a web front end, in a monorepo of apps, next to a
// mini game, or is written in uni-app or Taro and compiled to one. A PATH
// is resolved in this order:
//
//  1. a folder with project.config.json, app.json or game.json of its own
//     is that project;
//  2. a folder inside a project (below the folder of a project.config.json
//     whose miniprogramRoot holds it, or of an app.json or game.json) is
//     checked in that project, and only its files are reported;
//  3. any other folder is searched for projects (Search).
package discover

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/chattool-lint/chattool-lint/project"
)

// Kind is what a target is.
type Kind int

const (
	// MiniProgram is a mini program project (app.json).
	MiniProgram Kind = iota
	// MiniGame is a mini game (game.json, compileType "game").
	MiniGame
	// Loose is a folder of mini program files in no project.
	Loose
	// UniApp is a uni-app source folder (pages.json and manifest.json),
	// read as the mini program it compiles to.
	UniApp
	// Taro is a Taro source folder (config/index.* and src/app.config.*),
	// read as the mini program it compiles to.
	Taro
)

func (k Kind) String() string {
	switch k {
	case MiniProgram:
		return "mini program"
	case MiniGame:
		return "mini game"
	case Loose:
		return "loose files"
	case UniApp:
		return "uni-app source"
	case Taro:
		return "Taro source"
	}
	return "unknown"
}

// Checked reports whether targets of this kind are loaded and linted:
// every kind is, since uni-app and Taro sources are read too.
func (k Kind) Checked() bool { return k <= Taro }

// Target is one project to check, or one source folder found and named.
type Target struct {
	// Dir is the project folder: the PATH as given, or a folder below or
	// above it, written relative to the current folder when it lies below
	// it, as a user would type it.
	Dir  string
	Kind Kind
	// Under and Files, when either is set, keep only the findings of
	// files below these folders (PATHs inside a project) and of these
	// files (PATHs that are files), as slash paths relative to Dir.
	Under []string
	Files map[string]bool
	// Overlay holds file contents that replace those on disk (standard
	// input with --stdin-filename).
	Overlay map[string][]byte
	// Exclude are folders below Dir (slash paths) a Loose target leaves
	// to the projects found there.
	Exclude []string
	// Built, for the mini program a uni-app or Taro source was built into,
	// is that source's target: a finding both report is reported once,
	// in the source (see Built).
	Built *Target
}

// Keeps reports whether a finding in the file at rel (a slash path
// relative to Dir) is reported for this target.
func (t *Target) Keeps(rel string) bool {
	if t.Whole() || t.Files[rel] {
		return true
	}
	for _, u := range t.Under {
		if rel == u || strings.HasPrefix(rel, u+"/") {
			return true
		}
	}
	return false
}

// Whole reports whether every finding of the project is reported.
func (t *Target) Whole() bool { return t.Files == nil && t.Under == nil }

// Merge widens t to report what u reports too (u names the same project).
func (t *Target) Merge(u *Target) {
	switch {
	case t.Whole():
	case u.Whole():
		t.Files, t.Under = nil, nil
	default:
		for f := range u.Files {
			if t.Files == nil {
				t.Files = map[string]bool{}
			}
			t.Files[f] = true
		}
		t.Under = append(t.Under, u.Under...)
	}
	for k, v := range u.Overlay {
		if t.Overlay == nil {
			t.Overlay = map[string][]byte{}
		}
		t.Overlay[k] = v
	}
}

// ErrNothing is returned for a folder with nothing to check.
var ErrNothing = errors.New("nothing to check")

// Folder resolves a PATH that is a folder (see the package comment).
// assumeChatTool widens what counts as loose mini program files to
// scripts, for folders holding no project at all.
func Folder(dir string, assumeChatTool bool) ([]*Target, *Search, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	if kind, ok := sourceAt(abs); ok {
		return withBuilds(&Target{Dir: dir, Kind: kind}), nil, nil
	}
	top, kind, ok := enclosing(abs)
	if !ok && func() bool { kind, ok = projectAt(abs); return ok }() {
		top = abs
	}
	if ok && top == abs {
		return []*Target{{Dir: dir, Kind: kind}}, nil, nil
	}
	if ok {
		rel, err := filepath.Rel(top, abs)
		if err != nil {
			return nil, nil, err
		}
		t := &Target{Dir: local(top), Kind: kind}
		if mr := miniRoot(top); mr == "" || mr != filepath.ToSlash(rel) {
			// (the mini program root is the whole project)
			t.Under = []string{filepath.ToSlash(rel)}
		}
		return []*Target{t}, nil, nil
	}
	s, err := search(abs, assumeChatTool)
	if err != nil {
		return nil, nil, err
	}
	var out []*Target
	for _, f := range s.Found {
		t := &Target{Dir: filepath.Join(dir, filepath.FromSlash(f.Rel)), Kind: f.Kind}
		if f.Rel == "." {
			t.Dir = dir
		}
		out = append(out, withBuilds(t)...)
	}
	if s.projects() && s.LooseFiles > 0 {
		// Mini program files in none of the projects found (a component
		// library beside its demo app): checked too, as loose files.
		loose := &Target{Dir: dir, Kind: Loose}
		for _, f := range s.Found {
			loose.Exclude = append(loose.Exclude, f.Rel)
		}
		out = append(out, loose)
	}
	if !s.projects() {
		if s.LooseFiles == 0 {
			return out, s, fmt.Errorf("%s: %w: no mini program, mini game or mini program file", dir, ErrNothing)
		}
		out = append([]*Target{{Dir: dir, Kind: Loose}}, out...)
	}
	return out, s, nil
}

// File resolves a PATH that is a file (it need not exist: an editor's
// unsaved buffer): the folder of the project it belongs to (see
// project.FindDir; mini games too), absolute, its kind (Loose for a file
// in no project: its own folder), and its path there.
func File(file string) (dir, rel string, kind Kind, err error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", "", 0, err
	}
	top, kind, ok := enclosing(filepath.Dir(abs))
	if !ok {
		top, kind = filepath.Dir(abs), Loose
	}
	r, err := filepath.Rel(top, abs)
	if err != nil {
		return "", "", 0, err
	}
	return top, filepath.ToSlash(r), kind, nil
}

// projectAt reports whether dir holds a project of its own, and its kind.
func projectAt(dir string) (Kind, bool) {
	if isFile(filepath.Join(dir, "project.config.json")) {
		return configKind(dir), true
	}
	if isFile(filepath.Join(dir, "app.json")) {
		return MiniProgram, true
	}
	if isFile(filepath.Join(dir, "game.json")) {
		return MiniGame, true
	}
	return 0, false
}

// enclosing finds the project a folder is or lies in, as project.FindDir
// does for files, with mini games: the nearest folder from abs up with a
// project.config.json whose mini program root holds abs, else the nearest
// with an app.json, else with a game.json.
func enclosing(abs string) (string, Kind, bool) {
	src, skind, sok := enclosingSource(abs)
	if sok {
		for _, out := range builds(src, skind) {
			if within(out, abs) {
				return out, MiniProgram, true // the build output of a source
			}
		}
	}
	top, err := project.FindDir(filepath.Join(abs, "x"))
	if err == nil {
		// A project nearer than the source (a mini program inside its
		// folder), not the source's own folder (Taro's keeps a
		// project.config.json for its build output).
		if k, ok := projectAt(top); ok && !(sok && within(top, src)) {
			return top, k, true
		}
	}
	if sok {
		return src, skind, true
	}
	for d := abs; ; d = filepath.Dir(d) {
		if isFile(filepath.Join(d, "game.json")) {
			return d, MiniGame, true
		}
		if filepath.Dir(d) == d {
			return "", 0, false
		}
	}
}

// configKind is the kind of the project whose project.config.json is in
// dir: a mini game when compileType is "game" or its mini program root
// holds game.json and no app.json.
func configKind(dir string) Kind {
	cfg := readConfig(dir)
	if cfg.CompileType == "game" {
		return MiniGame
	}
	root := filepath.Join(dir, filepath.FromSlash(cfg.root()))
	if isFile(filepath.Join(root, "game.json")) && !isFile(filepath.Join(root, "app.json")) {
		return MiniGame
	}
	return MiniProgram
}

type projectConfig struct {
	CompileType     string `json:"compileType"`
	MiniprogramRoot string `json:"miniprogramRoot"`
}

// root is the mini program root, cleaned ("" for the project folder, or
// when it leaves it: the loader reports that).
func (c projectConfig) root() string {
	r := path.Clean(strings.ReplaceAll(strings.TrimSpace(c.MiniprogramRoot), "\\", "/"))
	if r == "." || path.IsAbs(r) || r == ".." || strings.HasPrefix(r, "../") {
		return ""
	}
	return r
}

func readConfig(dir string) projectConfig {
	var cfg projectConfig
	if b, err := readSmall(filepath.Join(dir, "project.config.json")); err == nil {
		_ = json.Unmarshal(b, &cfg) // a broken file is the loader's to report
	}
	return cfg
}

func miniRoot(dir string) string {
	if k, ok := sourceAt(dir); ok {
		return sourceRoot(dir, k)
	}
	if !isFile(filepath.Join(dir, "project.config.json")) {
		return ""
	}
	return readConfig(dir).root()
}

// readSmall reads a configuration file that discovery looks into, up to
// 1 MB: more is no configuration, and the loader reports it. It opens only
// regular files (a named pipe there must not hang the search).
func readSmall(name string) ([]byte, error) {
	if !isFile(name) {
		return nil, errors.New("not a regular file")
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 1<<20))
}

func isFile(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}

// local returns path relative to the current folder when it lies below it,
// as a user would type it, else path.
func local(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(r) {
			return r
		}
		if path == wd {
			return "."
		}
	}
	return path
}
