package discover

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Search is what a search below a folder found.
type Search struct {
	// Found are the projects and source folders, in path order, each by
	// its path relative to the searched folder.
	Found []Found
	// LooseFiles counts the mini program files (.wxml, .wxss, .wxs; with
	// --assume-chat-tool scripts too) outside every project found, and
	// LooseExample names one of them.
	LooseFiles   int
	LooseExample string
}

// Found is a project or source folder a search found.
type Found struct {
	Rel  string // slash path relative to the searched folder ("." for itself)
	Kind Kind
}

func (s *Search) projects() bool {
	for _, f := range s.Found {
		if f.Kind.Checked() {
			return true
		}
	}
	return false
}

// skipped are folders a search never enters: installed packages (a copy
// of an app may sit in node_modules), built npm packages, and dot-folders
// (.git, editors' folders) by the rule in walk.
var skipped = map[string]bool{"node_modules": true, "miniprogram_npm": true}

// search walks the folder abs for projects: every project.config.json
// (following its miniprogramRoot), every app.json of a mini program and
// every game.json outside a project found already, and uni-app and Taro
// source folders. It skips node_modules, miniprogram_npm, dot-folders,
// symbolic links to folders, and what the repository's .gitignore files
// (and .git/info/exclude) ignore.
func search(abs string, assumeChatTool bool) (*Search, error) {
	w := &walker{top: abs, assume: assumeChatTool, s: &Search{}}
	repo, rel := repoRoot(abs)
	// The ignore files from the repository's root down to the folder
	// searched apply to it, as they do for git.
	if repo == "" {
		// No repository: the folder's own .gitignore still says what
		// is build output.
		w.addIgnore(filepath.Join(abs, ".gitignore"), nil)
	} else {
		w.addIgnore(filepath.Join(repo, ".git", "info", "exclude"), nil)
		d := repo
		w.addIgnore(filepath.Join(d, ".gitignore"), nil)
		var domain []string
		for _, part := range rel {
			d = filepath.Join(d, part)
			domain = append(domain, part)
			w.addIgnore(filepath.Join(d, ".gitignore"), domain)
		}
	}
	if err := w.dir(abs, rel, "."); err != nil {
		return nil, err
	}
	sort.Slice(w.s.Found, func(i, j int) bool { return w.s.Found[i].Rel < w.s.Found[j].Rel })
	return w.s, nil
}

type walker struct {
	top      string
	assume   bool
	patterns []gitignore.Pattern
	s        *Search
}

// dir searches the folder abs; domain is its path from the repository
// root (for the ignore patterns), rel its path from the searched folder.
func (w *walker) dir(abs string, domain []string, rel string) error {
	entries, err := os.ReadDir(abs)
	if err != nil {
		if rel == "." {
			return err
		}
		return nil // an unreadable folder below: nothing found there
	}
	names := map[string]os.DirEntry{}
	for _, e := range entries {
		names[e.Name()] = e
	}
	kept := len(w.patterns)
	defer func() { w.patterns = w.patterns[:kept] }()
	if rel != "." {
		w.addIgnore(filepath.Join(abs, ".gitignore"), domain)
	}
	if kind, ok := w.projectIn(abs, names); ok {
		w.s.Found = append(w.s.Found, Found{Rel: rel, Kind: kind})
		// The rest of the folder is the project's; a uni-app or Taro
		// source's build output is found with it (withBuilds).
		return nil
	}
	matcher := gitignore.NewMatcher(w.patterns)
	for _, e := range entries {
		name := e.Name()
		isDir := e.IsDir()
		if matcher.Match(append(domain[:len(domain):len(domain)], name), isDir) {
			continue
		}
		if !isDir {
			if e.Type().IsRegular() && w.looseFile(name) {
				w.s.LooseFiles++
				if w.s.LooseExample == "" {
					w.s.LooseExample = path.Join(rel, name)
				}
			}
			continue
		}
		if strings.HasPrefix(name, ".") || skipped[name] {
			continue
		}
		sub := append(domain[:len(domain):len(domain)], name)
		if err := w.dir(filepath.Join(abs, name), sub, path.Join(rel, name)); err != nil {
			return err
		}
	}
	return nil
}

// projectIn says what the folder with these entries is, if anything.
func (w *walker) projectIn(abs string, names map[string]os.DirEntry) (Kind, bool) {
	file := func(name string) bool {
		e, ok := names[name]
		return ok && e.Type().IsRegular()
	}
	if k, ok := sourceAt(abs); ok {
		return k, true
	}
	if file("project.config.json") {
		return configKind(abs), true
	}
	if file("app.json") && miniProgramApp(abs, file) {
		return MiniProgram, true
	}
	if file("game.json") && (file("game.js") || file("game.ts") || hasKey(filepath.Join(abs, "game.json"), gameKeys)) {
		return MiniGame, true
	}
	return 0, false
}

// appKeys are app.json keys only a mini program's app.json has: Expo's
// and other tools' app.json files have none of them.
var appKeys = []string{"pages", "subPackages", "subpackages", "tabBar", "window", "usingComponents",
	"chatTools", "plugins", "lazyCodeLoading", "renderer", "entryPagePath", "componentFramework"}

var gameKeys = []string{"deviceOrientation", "subpackages", "subPackages", "showStatusBar", "workers",
	"openDataContext", "networkTimeout", "plugins"}

// miniProgramApp reports whether the app.json in abs is a mini program's:
// an app script or style beside it, or a key only mini programs use.
func miniProgramApp(abs string, file func(string) bool) bool {
	for _, n := range []string{"app.js", "app.ts", "app.wxss", "app.less", "app.scss"} {
		if file(n) {
			return true
		}
	}
	return hasKey(filepath.Join(abs, "app.json"), appKeys)
}

func hasKey(name string, keys []string) bool {
	b, err := readSmall(name)
	if err != nil {
		return false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(b, &obj) != nil {
		// Not JSON (comments, a syntax error): no other tool's file,
		// and a broken one of ours is for the loader to report.
		return true
	}
	for _, k := range keys {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	return false
}

// looseFile reports whether a file outside every project is a mini
// program file, which a folder holding no project is linted for.
func (w *walker) looseFile(name string) bool {
	switch path.Ext(name) {
	case ".wxml", ".wxss", ".wxs":
		return true
	case ".js", ".ts":
		return w.assume && !strings.HasSuffix(name, ".d.ts")
	}
	return false
}

// addIgnore adds the patterns of an ignore file, relative to domain.
func (w *walker) addIgnore(name string, domain []string) {
	b, err := readSmall(name)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		w.patterns = append(w.patterns, gitignore.ParsePattern(line, domain))
	}
}

// repoRoot returns the root of the git work tree holding abs (the nearest
// folder above with .git) and abs's path from there, or "" when there is
// none.
func repoRoot(abs string) (string, []string) {
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			rel, err := filepath.Rel(d, abs)
			if err != nil || rel == "." {
				return d, nil
			}
			return d, strings.Split(filepath.ToSlash(rel), "/")
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}
