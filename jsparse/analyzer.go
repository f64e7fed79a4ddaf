package jsparse

import (
	"go/token"
	"path"
	"reflect"
	"strings"
	"sync"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/file"
	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// File is a script file of the project.
type File struct {
	*project.File
	// MP is the path inside the mini program ("pages/index/index.ts").
	MP string
	*Source
	// ReadErr is set when the file could not be read; Source is then empty.
	ReadErr error
}

// Pos returns the position in the project's FileSet of an AST position.
func (f *File) Pos(idx file.Idx) token.Pos { return f.File.Pos(f.Source.Offset(idx)) }

// Span returns the start and end positions of a node.
func (f *File) Span(n ast.Node) (token.Pos, token.Pos) {
	return f.Pos(n.Idx0()), f.Pos(n.Idx1())
}

// Result is what Analyzer provides: every script file of the project.
type Result struct {
	Files []*File
	byMP  map[string]*File

	reachOnce sync.Once
	reach     map[string]bool
}

// ByMP returns the file at a mini program path, or nil.
func (r *Result) ByMP(mp string) *File { return r.byMP[mp] }

// Analyzer parses every .js, .ts and .wxs file under the mini program root
// (node_modules and dot-folders excepted). A .js file next to a .ts file of
// the same name is the compiled output of that .ts file and is not parsed
// on its own: findings point into the .ts file.
var Analyzer = &analysis.Analyzer{
	Name:       "jsparse",
	Doc:        "parses the project's JavaScript, TypeScript and WXS files",
	Requires:   []*analysis.Analyzer{project.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        run,
}

// Of returns the parsed scripts of a pass whose analyzer requires Analyzer.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

func run(pass *analysis.Pass) (any, error) {
	return Load(project.Of(pass)), nil
}

// Load reads and parses the script files of p, in parallel, registering
// them in the FileSet in order (project.ReadEach). Each file keeps its
// facts, not its syntax tree nor its bytes (Source.Compact, File.Release),
// so that what a project holds does not grow with the size of its scripts;
// the bytes stay for a file whose bytes a rule reads: one with a
// directive (unused-suppression lexes its comments), or one that compares
// an apiCategory with a constant (apicategory-value's fix reads the
// literal).
func Load(p *project.Project) *Result {
	r := &Result{byMP: map[string]*File{}}
	ts := map[string]bool{} // the .ts files
	for rel := range p.Tree() {
		if strings.HasSuffix(rel, ".ts") {
			ts[rel] = true
		}
	}
	var rels []string
	var langs []Lang
	for rel := range p.Tree() {
		lang, ok := LangOf(rel)
		if !ok {
			lang, ok = sourceLang(p, rel) // .vue, .tsx, .jsx
		}
		if !ok || lang == JS && ts[strings.TrimSuffix(rel, ".js")+".ts"] {
			continue
		}
		rels, langs = append(rels, rel), append(langs, lang)
	}
	r.Files = make([]*File, len(rels))
	k := &blocks{} // what the files keep (see mover)
	p.ReadEach(rels, func(i int, pf *project.File, err error) {
		mp, _ := p.InMP(rels[i])
		lang := langs[i]
		if err == nil {
			pf, mp, lang = source(p, pf, mp, lang) // a framework's source
		}
		if err != nil {
			r.Files[i] = &File{File: pf, MP: mp, Source: &Source{Lang: lang}, ReadErr: err}
			return
		}
		f := k.file.New(File{File: pf, MP: mp})
		r.Files[i] = f
		f.Source = project.Derive(p, "jsparse."+lang.String(), pf.Src, func() *Source {
			s := Parse(pf.Src, lang)
			s.compactIn(k) // (now: a Source in a Memo is not changed)
			return k.source.New(*s)
		})
		fx := f.Source.Facts()
		pf.Release(fx != nil && len(fx.Compares) > 0 || lint.HasDirectives(pf.Src))
	})
	for _, f := range r.Files {
		r.byMP[f.MP] = f
	}
	return r
}

// Resolve resolves a module specifier of a script at mini program path
// from, the way WeChat's require does: relative to the file, or from the
// mini program root for "/x", or through app.json's resolveAlias (longest
// matching key; keys and values end in /*, values count from the mini
// program root); the target may omit .js (or .ts) and may be a folder with
// index.js. From TypeScript, a .d.ts file satisfies an import. It returns
// the mini program path found, or, when none is, the paths tried, and
// whether the specifier is a path at all (bare names are npm packages,
// looked up elsewhere).
func Resolve(p *project.Project, from, spec string) (found string, tried []string, isPath bool) {
	base, isPath := PathOf(p, from, spec)
	if !isPath {
		return "", nil, false
	}
	// (Each candidate is made when its turn comes: the first is found
	// most of the time, and the rules resolve every import.)
	for i := 0; ; i++ {
		c, ok := candidate(base, from, i)
		if !ok || c == ".." || strings.HasPrefix(c, "../") {
			break
		}
		if p.Exists(p.MP(c)) {
			return c, nil, true
		}
	}
	for i := 0; ; i++ {
		c, ok := candidate(base, from, i)
		if !ok {
			return "", tried, true
		}
		tried = append(tried, c)
	}
}

// resolveSuffixes are what Resolve puts after a path without a known
// extension, in order; the last two only from TypeScript (a module of
// types only: the compiler erases the import).
var resolveSuffixes = []string{".js", ".ts", "", "/index.js", "/index.ts", ".json", ".d.ts", "/index.d.ts"}

// candidate returns the i-th path Resolve tries for base, the path of a
// specifier of the script at from, and false past the last.
func candidate(base, from string, i int) (string, bool) {
	switch path.Ext(base) {
	case ".js":
		if i == 1 {
			return strings.TrimSuffix(base, ".js") + ".ts", true
		}
		return base, i == 0
	case ".ts", ".json", ".wxs":
		return base, i == 0
	}
	n := len(resolveSuffixes)
	if !strings.HasSuffix(from, ".ts") {
		n -= 2
	}
	if i >= n {
		return "", false
	}
	return base + resolveSuffixes[i], true
}

// Reachable returns the mini program paths of the scripts WeChat loads:
// app.js, the scripts of pages and components, subpackage entry files and
// .wxs modules, and every module they require or import, transitively. A
// script nothing loads is not run (and by default not even uploaded). For a
// folder without app.json, the scripts of its pages and components (a json
// next to a .wxml) are the roots: build scripts and templates are not.
func (r *Result) Reachable(p *project.Project) map[string]bool {
	r.reachOnce.Do(func() { r.reach = r.reachable(p) })
	return r.reach
}

func (r *Result) reachable(p *project.Project) map[string]bool {
	seen := map[string]bool{}
	var queue []string
	add := func(mp string) {
		if f := r.byMP[mp]; f != nil && !seen[mp] {
			seen[f.MP] = true // (the file's string: mp may be one made to look it up)
			queue = append(queue, f.MP)
		}
	}
	script := func(base string) {
		add(base + ".js")
		add(base + ".ts")
	}
	if p.App == nil {
		// A folder of loose pages and components (a component library):
		// the scripts next to their json files are the roots.
		for _, jf := range p.JSONFiles {
			if jf.Schema == "page" || jf.Schema == "component" {
				mp, _ := p.InMP(strings.TrimSuffix(jf.Path, ".json"))
				script(mp)
			}
		}
	}
	script("app")
	for _, pg := range p.Pages {
		script(pg.Path)
	}
	for _, c := range p.Components {
		script(c.Path)
	}
	for _, sp := range p.Subpackages {
		if entry, ok := sp.Item.Get("entry").String(); ok {
			mp := path.Join(sp.Root, strings.TrimPrefix(path.Clean("/"+entry), "/"))
			add(mp)
			add(strings.TrimSuffix(mp, ".js") + ".ts")
		}
	}
	for _, f := range r.Files {
		if f.Lang == WXS {
			add(f.MP) // loaded from templates
		}
	}
	for len(queue) > 0 {
		mp := queue[0]
		queue = queue[1:]
		fx := r.byMP[mp].Facts()
		if fx == nil {
			continue
		}
		for _, im := range fx.Imports {
			if found, _, isPath := Resolve(p, mp, im.Spec); isPath {
				add(found)
				continue
			}
			if base, ok := NpmModule(p, mp, im.Spec); ok {
				for _, c := range []string{base, base + ".js", base + "/index.js"} {
					add(c)
				}
			}
		}
	}
	return seen
}

// PathOf returns the mini program path a specifier names, before any
// extension is tried: relative to the file at from, from the mini program
// root for "/x", or through resolveAlias. It returns false for bare names
// (npm packages) and URLs. The path may start with ".." when it leaves the
// mini program root.
func PathOf(p *project.Project, from, spec string) (string, bool) {
	if to, ok := Alias(p, spec); ok {
		spec = "/" + strings.TrimPrefix(to, "/")
	}
	switch {
	case strings.HasPrefix(spec, "/"):
		return path.Clean(spec)[1:], true
	case strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == "..":
		return path.Join(path.Dir(from), spec), true
	}
	return "", false
}

// NpmModule returns the mini program path a bare specifier ("pkg" or
// "pkg/sub") names when loaded from the file at from, before any extension
// is tried: inside the nearest miniprogram_npm folder above it that holds
// the package, as WeChat looks it up. It returns false when no built package
// is found.
func NpmModule(p *project.Project, from, spec string) (string, bool) {
	if strings.Contains(spec, ":") {
		return "", false
	}
	parts := strings.SplitN(spec, "/", 3)
	name := parts[0]
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		name = parts[0] + "/" + parts[1]
	}
	for dir := path.Dir(from); ; dir = path.Dir(dir) {
		npm := path.Join(dir, "miniprogram_npm")
		if cand := path.Join(npm, name); p.IsDir(p.MP(cand)) || p.Exists(p.MP(cand+".js")) {
			return path.Join(npm, spec), true
		}
		if dir == "." || dir == "/" || dir == "" {
			return "", false
		}
	}
}

// Alias maps a specifier through app.json's resolveAlias.
func Alias(p *project.Project, spec string) (string, bool) {
	if p.App == nil || p.App.Root == nil {
		return "", false
	}
	ra := p.App.Root.Get("resolveAlias")
	if ra == nil {
		return "", false
	}
	best, to := "", ""
	for _, m := range ra.Members {
		key, ok1 := strings.CutSuffix(m.Key, "*")
		val, ok2 := m.Value.String()
		if !ok1 || !ok2 || !strings.HasPrefix(spec, key) || len(key) <= len(best) {
			continue
		}
		best, to = key, strings.TrimSuffix(val, "*")+spec[len(key):]
	}
	return to, best != ""
}
