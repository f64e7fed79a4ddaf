// Package project loads a mini program project into the model every rule
// works on: which configuration files exist and what they say, the packages
// (main, subpackages, the chat tool), the pages with their effective renderer
// and component framework, and the custom components they reach.
//
// Every file the loader reads goes into one token.FileSet, so that every
// finding, whatever file it is about, is a token.Pos. Nothing outside the
// project root is read: paths that leave it, and symlinks that point out of
// it, are treated as absent.
package project

import (
	"fmt"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/chattool-lint/chattool-lint/jsonc"
)

// Options tune how a project is interpreted.
type Options struct {
	// AssumeChatTool treats every file as chat-tool code.
	AssumeChatTool bool
	// MinBaseLibrary is the oldest base library the app supports (zero: any).
	MinBaseLibrary Version
	// Budgets are the package size limits (zero: WeChat's).
	Budgets Budgets
	// Overlay holds file contents that replace those on disk, by path
	// relative to the project directory with forward slashes: an editor's
	// unsaved buffer (--stdin-filename, the language server). A file in
	// Overlay is read from there even when it is not on disk yet.
	Overlay map[string][]byte
	// CacheDir is where checks may keep results between runs ("": they
	// keep none). Only the size check does: see size.DefaultCacheDir.
	CacheDir string
	// Memo, when set, keeps the parsed files of this load for the next
	// loads that share it (a language server's): see Memo.
	Memo *Memo
	// Exclude are folders (slash paths relative to the project directory)
	// the loader never enters: the projects found inside a folder of loose
	// files, which are checked on their own.
	Exclude []string
}

// Budgets are package size limits in bytes; zero means WeChat's limit.
type Budgets struct {
	// ChatTool is the chat-tool subpackage's limit (WeChat: 500 KB).
	ChatTool int64
	// Package is the main package's and every other subpackage's (2 MB).
	Package int64
	// Total is all packages together's (30 MB; 20 MB for service providers).
	Total int64
}

// Root is the project directory, absolute, symlinks resolved.
func (p *Project) Root() string { return p.root }

// Project is a loaded mini program.
type Project struct {
	// Dir is the project directory as given on the command line.
	Dir  string
	root string // absolute, symlinks resolved

	// Fset holds the token.Files made so far (see place.go): resolve a
	// position with TokenFile, which makes its file's.
	Fset  *token.FileSet
	Files []*File // every file read, in reading order

	Options Options

	// Config is project.config.json, or nil.
	Config *JSONFile
	// MiniRoot is the mini program root relative to Dir ("" for Dir itself),
	// from project.config.json's miniprogramRoot.
	MiniRoot string
	// MiniRootErr says why miniprogramRoot was not followed, if it was not.
	MiniRootErr string

	// App is app.json, or nil for a folder of loose mini program files
	// or a mini game.
	App *JSONFile
	// Game is game.json for a mini game, or nil: a project whose
	// project.config.json says compileType "game", or whose mini program
	// root holds game.json and no app.json.
	Game *JSONFile
	// Subpackages in app.json order.
	Subpackages []*Subpackage
	// ChatTools are the items of app.json chatTools.
	ChatTools []*ChatTool
	// ChatTool is the subpackage the first chatTools item names, or nil.
	ChatTool *Subpackage
	// Pages: main package pages first, then each subpackage's, in app.json order.
	Pages []*Page
	// Components reached through usingComponents, sorted by path.
	Components []*Component
	// Compilers are the project's useCompilerPlugins ("typescript", "less", "sass").
	Compilers map[string]bool

	// JSONFiles are all parsed JSON files, in reading order.
	JSONFiles []*JSONFile
	// LoadErrors are files the loader needed but could not read.
	LoadErrors []LoadError

	files     map[string]*File
	jsonFiles map[string]*JSONFile
	exists    map[string]bool
	comps     map[string]*Component
	refs      []*ComponentRef
	walked    []treeEntry // the walk of the mini program root, with sizes
	// unreadable are the folders the walk could not list.
	unreadable []string
	// met is what the walk met at each path (see metAt): resolve, Exists
	// and IsDir need not ask the disk about those.
	met    *walkMet
	upload *Upload
	// nextBase is the base of the next file's place (reserveLocked).
	nextBase int

	// Framework is set for a uni-app or Taro source, read as the mini
	// program it compiles to (framework.go).
	Framework *Framework

	// The locks of what analyzers change as they run side by side (lint's
	// driver): see locks.
	*locks
}

// locks are a project's. mu guards files, Files, exists and LoadErrors
// once the project is loaded, as analyzers read and register files; the
// loader's own state is not changed then, nor the walk, which Prepare
// does first. uploadMu guards Upload. (A pointer: a project derived from
// another, a copy of it, shares them, which does no harm.)
type locks struct {
	mu       sync.Mutex
	uploadMu sync.Mutex
	// dirsMu guards plainDirs, the folders below the root known to be
	// folders and no symbolic links (see plain).
	dirsMu    sync.Mutex
	plainDirs map[string]bool
	// walking gives the walk Load started (startWalk), until walkDone
	// takes it into walked (no lock: both run before the analyzers).
	walking <-chan *walked
	walked  *walked
	// listed gives what the walk met once it has listed the folders,
	// until walkMet takes it.
	listed <-chan *walkMet
	// loadMet is what the walk met, for the loader's questions once it
	// has waited for the walk (it answers them as walk's would, and asks
	// the disk nothing); nil once Load returns (the project's is met, from
	// the first call of walk).
	loadMet *walkMet
}

// Subpackage is an item of app.json subPackages (or subpackages).
type Subpackage struct {
	// Root is the root folder inside the mini program, cleaned, without slashes
	// around it ("packageChatTool").
	Root  string
	Item  *jsonc.Value // the item object in app.json
	Pages []*Page
}

// Independent reports whether the item says "independent": true.
func (s *Subpackage) Independent() bool { return s.Item.Get("independent").IsTrue() }

// ChatTool is an item of app.json chatTools.
type ChatTool struct {
	Item *jsonc.Value
	// Package is the subpackage its root names, or nil.
	Package *Subpackage
}

// Page is a page listed in app.json.
type Page struct {
	// Path is the page path inside the mini program, without extension
	// ("packageChatTool/pages/entry/index").
	Path string
	// Value is the string in app.json that lists the page.
	Value *jsonc.Value
	// Package is the subpackage, or nil for the main package.
	Package *Subpackage
	// JSON is the page's .json file, or nil when it has none.
	JSON *JSONFile

	Renderer, ComponentFramework Setting
}

// Setting is a configuration value resolved through page json > subpackage
// item > app.json > WeChat's default.
type Setting struct {
	Value string
	// Level is "page", "subpackage", "app" or "default".
	Level string
	// File and Node are where the value was set (nil for the default).
	File *JSONFile
	Node *jsonc.Value
}

// Component is a custom component reached through usingComponents.
type Component struct {
	// Path is the component path inside the mini program, without extension.
	Path string
	JSON *JSONFile
	// Package is the package its files live in (nil for the main package).
	Package *Subpackage
}

// Load loads the project in dir.
func Load(dir string, opts Options) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", dir, unwrapPathError(err))
	}
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", dir, unwrapPathError(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	if _, err := os.ReadDir(root); err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", dir, unwrapPathError(err))
	}
	p := &Project{
		locks:     &locks{},
		Dir:       dir,
		root:      root,
		Fset:      token.NewFileSet(),
		Options:   opts,
		Compilers: map[string]bool{},
		files:     map[string]*File{},
		jsonFiles: map[string]*JSONFile{},
		exists:    map[string]bool{},
		comps:     map[string]*Component{},
	}
	if p.loadSource() {
		return p, nil
	}
	p.loadConfig()
	// The walk of the mini program root, which the checks need, runs
	// beside the loader, which does not wait for it: what it finds is the
	// project's when it is first asked for (walk).
	p.startWalk()
	if p.isGame() {
		// A mini game has no pages, templates or components: its
		// scripts are found by the walk of its root.
		p.Game = p.readJSON(p.MP("game.json"), "")
		p.loadGame()
		return p, nil
	}
	p.App = p.readJSON(p.MP("app.json"), "app")
	if p.App == nil {
		p.loadLoose()
		return p, nil
	}
	if p.App.Root != nil {
		p.loadApp()
	} else {
		// app.json is broken: the pages it lists are unknown, so check every
		// page and component json as loose files rather than none.
		p.loadLoose()
	}
	return p, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// MP converts a path inside the mini program root to a path relative to the
// project directory.
func (p *Project) MP(mpPath string) string {
	mpPath = strings.TrimPrefix(mpPath, "/")
	if p.MiniRoot == "" {
		// (Clean returns a clean path itself: no copy is made, and none
		// kept, of the paths the rules ask for again and again.)
		return path.Clean(mpPath)
	}
	return path.Join(p.MiniRoot, mpPath)
}

// InMP is the inverse of MP: the mini program path of a project path, and
// whether the file lies inside the mini program root.
func (p *Project) InMP(rel string) (string, bool) {
	if p.MiniRoot == "" {
		return rel, true
	}
	s, ok := strings.CutPrefix(rel, p.MiniRoot+"/")
	return s, ok
}

// Source returns the content of a file read by the loader, by its path.
func (p *Project) Source(rel string) []byte {
	if f := p.file(rel); f != nil {
		fileMu.Lock()
		defer fileMu.Unlock()
		return f.Src
	}
	return nil
}

// PackageOf returns the subpackage a mini program path belongs to, or nil for
// the main package.
func (p *Project) PackageOf(mpPath string) *Subpackage {
	var best *Subpackage
	for _, s := range p.Subpackages {
		if s.Root != "" && (mpPath == s.Root || strings.HasPrefix(mpPath, s.Root+"/")) {
			if best == nil || len(s.Root) > len(best.Root) {
				best = s
			}
		}
	}
	return best
}

// IsChatTool reports whether a mini program path is chat-tool code.
func (p *Project) IsChatTool(mpPath string) bool {
	if p.Options.AssumeChatTool {
		return true
	}
	return p.ChatTool != nil && p.PackageOf(mpPath) == p.ChatTool
}

// loadGame reads a mini game's subpackages from game.json (subpackages or
// subPackages: items {name, root, independent}, where root is a folder or
// a single script).
func (p *Project) loadGame() {
	if p.Game == nil || p.Game.Root == nil {
		return
	}
	for _, key := range []string{"subpackages", "subPackages"} {
		subs := p.Game.Root.Get(key)
		if subs == nil || subs.Kind != jsonc.Array {
			continue
		}
		for _, item := range subs.Elems {
			if root, ok := item.Get("root").String(); ok && item.Kind == jsonc.Object {
				p.Subpackages = append(p.Subpackages, &Subpackage{Root: cleanRoot(root), Item: item})
			}
		}
	}
}

// IsGame reports whether the project is a mini game.
func (p *Project) IsGame() bool { return p.Game != nil || p.isGame() }

func (p *Project) isGame() bool {
	if p.Config != nil && p.Config.Root != nil {
		if ct, _ := p.Config.Root.Get("compileType").String(); ct == "game" {
			return true
		}
	}
	return !p.Exists(p.MP("app.json")) && p.Exists(p.MP("game.json"))
}

func (p *Project) loadConfig() {
	p.Config = p.readJSON("project.config.json", "project.config")
	if p.Config == nil || p.Config.Root == nil {
		return
	}
	cfg := p.Config.Root
	if mr, ok := cfg.Get("miniprogramRoot").String(); ok && strings.TrimSpace(mr) != "" {
		clean := path.Clean(strings.ReplaceAll(strings.TrimSpace(mr), "\\", "/"))
		switch {
		case path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../"):
			p.MiniRootErr = fmt.Sprintf("miniprogramRoot %q leaves the project directory; it is not followed", mr)
		case clean == ".":
		case !p.IsDir(clean):
			p.MiniRootErr = fmt.Sprintf("miniprogramRoot %q is not a folder of the project", mr)
		default:
			p.MiniRoot = clean
		}
	}
	if setting := cfg.Get("setting"); setting != nil {
		if plugins := setting.Get("useCompilerPlugins"); plugins != nil && plugins.Kind == jsonc.Array {
			for _, e := range plugins.Elems {
				// An item is a name, or a [name, options] pair.
				if e.Kind == jsonc.Array && len(e.Elems) > 0 {
					e = e.Elems[0]
				}
				if s, ok := e.String(); ok {
					p.Compilers[s] = true
				}
			}
		}
	}
}

func (p *Project) loadApp() {
	app := p.App.Root
	appRenderer := p.appSetting("renderer", "webview")
	appFramework := p.appSetting("componentFramework", "exparser")

	for _, key := range []string{"subPackages", "subpackages"} {
		subs := app.Get(key)
		if subs == nil || subs.Kind != jsonc.Array {
			continue
		}
		for _, item := range subs.Elems {
			root, ok := item.Get("root").String()
			if !ok || item.Kind != jsonc.Object {
				continue
			}
			sp := &Subpackage{Root: cleanRoot(root), Item: item}
			p.Subpackages = append(p.Subpackages, sp)
		}
	}
	// The pages: the main package's, then each subpackage's.
	eachPage := func(do func(mpPath string, v *jsonc.Value, sp *Subpackage)) {
		if pages := app.Get("pages"); pages != nil && pages.Kind == jsonc.Array {
			for _, v := range pages.Elems {
				if s, ok := v.String(); ok {
					do(cleanPagePath(s), v, nil)
				}
			}
		}
		for _, sp := range p.Subpackages {
			if pages := sp.Item.Get("pages"); pages != nil && pages.Kind == jsonc.Array {
				for _, v := range pages.Elems {
					if s, ok := v.String(); ok {
						do(path.Join(sp.Root, cleanPagePath(s)), v, sp)
					}
				}
			}
		}
	}
	// Their json, read and parsed in parallel, registered in the order
	// addPage asks for them, which finds them read.
	var pageJSON []string
	eachPage(func(mpPath string, _ *jsonc.Value, _ *Subpackage) { pageJSON = append(pageJSON, p.MP(mpPath+".json")) })
	p.readJSONs(pageJSON, "page")
	settings := map[*Subpackage][2]Setting{}
	for _, sp := range p.Subpackages {
		settings[sp] = [2]Setting{p.subSetting(sp, "renderer", appRenderer), p.subSetting(sp, "componentFramework", appFramework)}
	}
	eachPage(func(mpPath string, v *jsonc.Value, sp *Subpackage) {
		if sp == nil {
			p.addPage(mpPath, v, nil, appRenderer, appFramework)
			return
		}
		set := settings[sp]
		sp.Pages = append(sp.Pages, p.addPage(mpPath, v, sp, set[0], set[1]))
	})
	if cts := app.Get("chatTools"); cts != nil && cts.Kind == jsonc.Array {
		for _, item := range cts.Elems {
			ct := &ChatTool{Item: item}
			if root, ok := item.Get("root").String(); ok {
				for _, sp := range p.Subpackages {
					if sp.Root == cleanRoot(root) {
						ct.Package = sp
						break
					}
				}
			}
			p.ChatTools = append(p.ChatTools, ct)
		}
		if len(p.ChatTools) > 0 {
			p.ChatTool = p.ChatTools[0].Package
		}
	}

	// Components: app-level usingComponents first, then each page's.
	// Where their files are the walk says (it has met the folders while
	// the pages' json was read): the loader waits for it, and asks the
	// disk nothing for the candidates it tries.
	if met := p.walkMet(); met != nil {
		p.locks.loadMet = met
		defer func() { p.locks.loadMet = nil }()
	}
	p.loadComponents(p.App, "")
	for _, pg := range p.Pages {
		if pg.JSON != nil {
			p.loadComponents(pg.JSON, path.Dir(pg.Path))
		}
	}
	sort.Slice(p.Components, func(i, j int) bool { return p.Components[i].Path < p.Components[j].Path })

	if loc, ok := app.Get("sitemapLocation").String(); ok {
		p.readJSON(p.MP(loc), "sitemap")
	} else {
		p.readJSON(p.MP("sitemap.json"), "sitemap")
	}
	if loc, ok := app.Get("themeLocation").String(); ok {
		p.readJSON(p.MP(loc), "")
	}
}

func (p *Project) appSetting(key, def string) Setting {
	if v := p.App.Root.Get(key); v != nil {
		if s, ok := v.String(); ok {
			return Setting{Value: s, Level: "app", File: p.App, Node: v}
		}
	}
	return Setting{Value: def, Level: "default"}
}

func (p *Project) subSetting(sp *Subpackage, key string, inherited Setting) Setting {
	if v := sp.Item.Get(key); v != nil {
		if s, ok := v.String(); ok {
			return Setting{Value: s, Level: "subpackage", File: p.App, Node: v}
		}
	}
	return inherited
}

func (p *Project) addPage(mpPath string, v *jsonc.Value, sp *Subpackage, r, cf Setting) *Page {
	pg := &Page{Path: mpPath, Value: v, Package: sp, Renderer: r, ComponentFramework: cf}
	pg.JSON = p.readJSON(p.MP(mpPath+".json"), "page")
	if pg.JSON != nil && pg.JSON.Root != nil {
		if pg.JSON.Root.Get("component").IsTrue() {
			pg.JSON.Schema = "component"
		}
		for _, s := range []struct {
			key string
			set *Setting
		}{{"renderer", &pg.Renderer}, {"componentFramework", &pg.ComponentFramework}} {
			if n := pg.JSON.Root.Get(s.key); n != nil {
				if val, ok := n.String(); ok {
					*s.set = Setting{Value: val, Level: "page", File: pg.JSON, Node: n}
				}
			}
		}
	}
	p.Pages = append(p.Pages, pg)
	return pg
}

// cleanPagePath normalizes a page path as WeChat does: no leading slash.
func cleanPagePath(s string) string {
	return strings.TrimPrefix(path.Clean("/"+strings.TrimSpace(s)), "/")
}

func cleanRoot(s string) string {
	return strings.Trim(path.Clean("/"+strings.TrimSpace(s)), "/")
}

// loadLoose loads a folder without app.json: every page or component json
// (a .json file next to a .wxml file of the same name) is parsed.
func (p *Project) loadLoose() {
	var rels []string
	if p.MiniRoot == "" {
		// The walk of the mini program root is the walk of the project:
		// take its plain files (no symlinks) outside dot-folders.
		for _, e := range p.walk() {
			if !e.hidden && p.met.file(e.rel) && strings.HasSuffix(e.rel, ".json") &&
				p.Exists(strings.TrimSuffix(e.rel, ".json")+".wxml") {
				rels = append(rels, e.rel)
			}
		}
	} else {
		rels = p.looseJSON()
	}
	p.readJSONs(rels, "page")
	for _, rel := range rels {
		jf := p.readJSON(rel, "page")
		if jf != nil && jf.Root != nil && jf.Root.Get("component").IsTrue() {
			jf.Schema = "component"
		}
	}
}

// looseJSON lists the page and component json files of the project folder
// (a .json next to a .wxml of the same name), sorted, outside node_modules
// and dot-folders.
func (p *Project) looseJSON() []string {
	var rels []string
	_ = filepath.WalkDir(p.root, func(abs string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if abs != p.root && (name == "node_modules" || strings.HasPrefix(name, ".") || p.excluded(abs)) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&os.ModeSymlink != 0 || !strings.HasSuffix(name, ".json") {
			return nil
		}
		rel, err := filepath.Rel(p.root, abs)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if p.Exists(strings.TrimSuffix(rel, ".json") + ".wxml") {
			rels = append(rels, rel)
		}
		return nil
	})
	sort.Strings(rels)
	return rels
}
