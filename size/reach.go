package size

import (
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// Reach is the code of a mini program that WeChat loads, followed as its
// code analysis follows it (miniprogram-ci's code analyser, the engine of
// DevTools' «代码依赖分析» and of the code-quality panel): from app.json,
// app.js and app.wxss, every page (the chat tool's entry page included),
// the custom tab bar and app bar when app.json asks for them, through
// usingComponents (and componentGenerics defaults), templates imported or
// included, <wxs src>, style @imports (LESS and Sass ones too), and the
// modules scripts require or import (require.async included), plus
// sitemap, theme and ext.json, subpackage entry scripts and app.json's
// workers and functional-pages folders.
//
// It errs on the side of reaching: a file named by a string in a reached
// script, template or json ("/assets/anim.json" in a src attribute, a
// path in a script) is reached; a script that builds a module name at run
// time (require(name), import(`./${x}`)) or cannot be parsed reaches every
// script and json of its package (of its npm package, inside
// miniprogram_npm), or of the whole app for require.async(name); a LESS or
// Sass @import with interpolation reaches every style sheet.
type Reach struct {
	p       *project.Project
	scripts *jsparse.Result
	wxml    *wxml.Result
	wxss    *wxss.Result
	// all is set when nothing can be said: no app.json to start from.
	all bool

	files map[string]bool // reached files, by mini program path of the source
	queue []string        // reached files not yet followed
	// Every script and json under the folders openDirs, in the packages
	// openPkgs ("" the main package) or anywhere (openAll) counts as
	// reached; every style sheet too with openStyles.
	openDirs   []string
	openPkgs   map[string]bool
	openAll    bool
	openStyles bool
	// named are the files named by strings or under open folders: loaded
	// in ways the analysis cannot follow.
	named map[string]bool

	// followed are the scripts followed, in order, with what was read of
	// them (see Again).
	followed []*followed

	units     map[string]*unit // pages and components, by path without extension
	roots     []root           // units and scripts WeChat loads by itself
	imports   map[string][]string
	rootOnce  sync.Once
	scriptPkg map[string]map[string]bool
	unitPkg   map[string]map[string]bool
}

// unit is a page, a component, or the app ("app").
type unit struct {
	base    string
	comps   []string // the components it uses, by base
	scripts []string // its own scripts
}

// root is a unit or a script WeChat loads by itself, with the package
// ("" for the main package, else a subpackage root) it is loaded for.
type root struct {
	unit, script string
	pkg          string
}

// codeExts are the extensions of the code files the analysis follows.
var codeExts = []string{".json", ".wxml", ".wxss", ".less", ".scss", ".sass", ".js", ".ts", ".wxs"}

// IsCodeFile reports whether the file at mp is a code file: .js, .ts,
// .json, .wxml, .wxss, .wxs, .less, .scss or .sass.
func IsCodeFile(mp string) bool { return slices.Contains(codeExts, path.Ext(mp)) }

// ReachAnalyzer computes the Reach of the project for the rules.
var ReachAnalyzer = &analysis.Analyzer{
	Name:       "reach",
	Doc:        "follows the code WeChat loads, from app.json and every page",
	Requires:   []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	ResultType: reflect.TypeOf((*Reach)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		v := views.Of(pass)
		return NewReach(project.Of(pass), jsparse.Of(pass), v.WXML, v.WXSS), nil
	},
}

// listUpload has p's upload list made beside the follow of its code. The
// rules that go through the files uploaded asking the Reach of each
// (unused-file) would otherwise make it once the Reach is done: a system
// call for each file whose size no check has read, at the end of a check,
// while the follow, which runs alone there, leaves the other cores idle.
// (Upload makes the list once, for whoever asks first. A panic making it,
// a bug, is dropped here; Upload then keeps no list, and the rule that asks
// next makes it again and fails, reported as the rule's failure.)
func listUpload(p *project.Project) {
	go func() {
		defer func() { _ = recover() }()
		p.Upload()
	}()
}

// ReachOf returns the Reach of a pass whose analyzer requires ReachAnalyzer.
func ReachOf(pass *analysis.Pass) *Reach { return pass.ResultOf[ReachAnalyzer].(*Reach) }

// NewReach follows the code of p from its app.json. Without an app.json
// (a mini game, a folder of loose files, a broken app.json) every file
// counts as reached.
func NewReach(p *project.Project, scripts *jsparse.Result, wr *wxml.Result, sr *wxss.Result) *Reach {
	r := &Reach{p: p, scripts: scripts, wxml: wr, wxss: sr,
		files: map[string]bool{}, named: map[string]bool{}, openPkgs: map[string]bool{}, units: map[string]*unit{}, imports: map[string][]string{}}
	if p.App == nil || p.App.Root == nil || p.IsGame() {
		r.all = true
		return r
	}
	listUpload(p)
	app := p.App.Root
	// (project.private.config.json is uploaded, and DevTools lists it
	// when nothing names it.)
	for _, f := range []string{"app.json", "ext.json", "project.config.json"} {
		r.reach(f)
	}
	if loc, ok := app.Get("sitemapLocation").String(); ok {
		r.reach(cleanMP(loc))
	} else {
		r.reach("sitemap.json")
	}
	if loc, ok := app.Get("themeLocation").String(); ok {
		r.reach(cleanMP(loc))
	}
	r.follow("app", "")
	for _, pg := range p.Pages {
		r.follow(pg.Path, pkgRoot(pg.Package))
	}
	for _, ct := range p.ChatTools {
		if page, ok := ct.Item.Get("entryPagePath").String(); ok && ct.Package != nil {
			r.follow(path.Join(ct.Package.Root, cleanMP(page)), ct.Package.Root)
		}
	}
	// WeChat loads these components by their folder's name.
	if app.Get("tabBar").Get("custom").IsTrue() {
		r.follow("custom-tab-bar/index", "")
	}
	if app.Get("appBar") != nil {
		r.follow("app-bar/index", "")
	}
	for _, sp := range p.Subpackages {
		if entry, ok := sp.Item.Get("entry").String(); ok {
			r.rootScript(path.Join(sp.Root, cleanMP(entry)), sp.Root)
		}
	}
	// Paths app.json names (plugin export files, an agent's metadata, a
	// subpackage's entry), from the root (addUnit("app") reads those) and
	// from their subpackage's.
	for _, sp := range p.Subpackages {
		r.namedIn(sp.Root, sp.Item)
	}
	if w := app.Get("workers"); w != nil {
		dir, ok := w.String()
		if !ok {
			dir, _ = w.Get("path").String()
		}
		r.openFolder(cleanMP(dir))
	}
	if fp := app.Get("functionalPages"); fp != nil && !(fp.Kind == jsonc.Bool && !fp.Bool) {
		r.openFolder("functional-pages")
	}
	if agent := app.Get("agent"); agent != nil {
		r.agentPaths(agent)
	}
	// Babel's helpers, where the compiler writes them (DevTools keeps
	// them whatever reaches them).
	babel := "@babel/runtime"
	if p.Config != nil {
		if out, ok := p.Config.Root.Get("setting").Get("babelSetting").Get("outputPath").String(); ok && cleanMP(out) != "" {
			babel = cleanMP(out)
		}
	}
	r.openFolder(babel)
	r.drain()
	scansDone(p)
	return r
}

// Again returns the Reach of p, whose scripts are scripts, when it is r's
// but for the content of scripts: when p's model, walk, templates and
// style sheets are those of the project r followed (a project derived
// from it, project.Loaded.Derive, in which no template or style sheet
// changed: wr and sr are r's), and each script r followed gives what r
// read of it (its imports, the require.async calls, computed requires and
// code file names in its bytes), the files reached and everything else
// are the same, and only the project and scripts they are of change. It
// returns false when r cannot tell. A language server (package engine)
// thus follows the code again only when an edit changes what it follows.
func (r *Reach) Again(p *project.Project, scripts *jsparse.Result, wr *wxml.Result, sr *wxss.Result) (*Reach, bool) {
	if r.all || wr != r.wxml || sr != r.wxss || len(scripts.Files) != len(r.scripts.Files) {
		return nil, false
	}
	for i, f := range scripts.Files {
		if f.MP != r.scripts.Files[i].MP {
			return nil, false
		}
	}
	fws := make([]*followed, len(r.followed))
	for i, fw := range r.followed {
		g := scripts.ByMP(fw.mp)
		n := &followed{mp: fw.mp, f: g, facts: fw.facts}
		var ok bool
		if n.scan, ok = fw.same(&Reach{p: p}, g); !ok {
			return nil, false
		}
		fws[i] = n
	}
	r.computeUsers()
	n := &Reach{p: p, scripts: scripts, wxml: wr, wxss: sr,
		files: r.files, named: r.named, openDirs: r.openDirs, openPkgs: r.openPkgs, openAll: r.openAll, openStyles: r.openStyles,
		followed: fws, units: r.units, roots: r.roots, imports: r.imports, scriptPkg: r.scriptPkg, unitPkg: r.unitPkg}
	n.rootOnce.Do(func() {})
	return n, true
}

// Reached reports whether the file at mini program path mp (a source:
// ".ts", ".less" as well as ".js", ".wxss") is reached. A .js file and the
// .ts file of the same name count as one.
func (r *Reach) Reached(mp string) bool {
	if r.all || r.files[mp] || r.files[twin(mp)] {
		return true
	}
	return r.underOpen(mp)
}

// Named reports whether the file at mp may be loaded in ways the analysis
// cannot follow: a string names it, or it lies where a module name built at
// run time may point.
func (r *Reach) Named(mp string) bool {
	return r.all || r.named[mp] || r.named[twin(mp)] || r.underOpen(mp)
}

func (r *Reach) underOpen(mp string) bool {
	switch path.Ext(mp) {
	case ".js", ".ts", ".json", ".wxs":
		if r.openAll || r.openPkgs[pkgRoot(r.p.PackageOf(mp))] {
			return true
		}
		for _, dir := range r.openDirs {
			if strings.HasPrefix(mp, dir+"/") {
				return true
			}
		}
	case ".wxss", ".less", ".scss", ".sass":
		return r.openStyles
	}
	return false
}

// twin is the .ts of a .js and the .js of a .ts.
func twin(mp string) string {
	if s, ok := strings.CutSuffix(mp, ".js"); ok {
		return s + ".ts"
	}
	if s, ok := strings.CutSuffix(mp, ".ts"); ok {
		return s + ".js"
	}
	return mp
}

func cleanMP(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\\", "/"))
	if s == "" {
		return ""
	}
	return strings.TrimPrefix(path.Clean("/"+s), "/")
}

func pkgRoot(sp *project.Subpackage) string {
	if sp == nil {
		return ""
	}
	return sp.Root
}

// exists reports whether the mini program has a file at mp.
func (r *Reach) exists(mp string) bool {
	return mp != "" && mp != ".." && !strings.HasPrefix(mp, "../") && r.p.Exists(r.p.MP(mp))
}

// reach marks the file at mp reached, when it exists.
func (r *Reach) reach(mp string) bool {
	if r.files[mp] {
		return true
	}
	if !r.exists(mp) {
		return false
	}
	r.files[mp] = true
	r.queue = append(r.queue, mp)
	return true
}
