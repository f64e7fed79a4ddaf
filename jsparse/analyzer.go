package jsparse

import (
	"go/token"
	"path"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"github.com/grafana/sobek/ast"
	"github.com/grafana/sobek/file"
	"golang.org/x/tools/go/analysis"

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

// Load reads and parses the script files of p. Files are read in order
// (reading registers them in the FileSet) and parsed in parallel.
func Load(p *project.Project) *Result {
	r := &Result{byMP: map[string]*File{}}
	tree := p.Tree()
	have := make(map[string]bool, len(tree))
	for _, rel := range tree {
		have[rel] = true
	}
	for _, rel := range tree {
		lang, ok := LangOf(rel)
		if !ok {
			continue
		}
		if lang == JS && have[strings.TrimSuffix(rel, ".js")+".ts"] {
			continue
		}
		mp, _ := p.InMP(rel)
		f := &File{MP: mp, Source: &Source{Lang: lang}}
		pf, err := p.ReadFile(rel)
		if err != nil {
			f.ReadErr = err
			pf = p.Unreadable(rel, err)
		}
		f.File = pf
		r.Files = append(r.Files, f)
		r.byMP[mp] = f
	}
	jobs := make(chan *File)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(r.Files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				f.Source = Parse(f.File.Src, f.Source.Lang)
				f.Source.Facts()
			}
		}()
	}
	for _, f := range r.Files {
		if f.ReadErr == nil {
			jobs <- f
		}
	}
	close(jobs)
	wg.Wait()
	return r
}

// Resolve resolves a module specifier of a script at mini program path
// from, the way WeChat's require does: relative to the file, or from the
// mini program root for "/x"; the target may omit .js (or .ts) and may be a
// folder with index.js. From TypeScript, a .d.ts file satisfies an import. It returns the mini program path found, the paths
// tried, and whether the specifier is a path at all (bare names are npm
// packages, looked up elsewhere).
func Resolve(p *project.Project, from, spec string) (found string, tried []string, isPath bool) {
	var base string
	switch {
	case strings.HasPrefix(spec, "/"):
		base = path.Clean(spec)[1:]
	case strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == "..":
		base = path.Join(path.Dir(from), spec)
	default:
		return "", nil, false
	}
	var cands []string
	switch path.Ext(base) {
	case ".js":
		cands = []string{base, strings.TrimSuffix(base, ".js") + ".ts"}
	case ".ts", ".json", ".wxs":
		cands = []string{base}
	default:
		cands = []string{base + ".js", base + ".ts", base, base + "/index.js", base + "/index.ts", base + ".json"}
		if strings.HasSuffix(from, ".ts") {
			// A module of types only: the compiler erases the import.
			cands = append(cands, base+".d.ts", base+"/index.d.ts")
		}
	}
	for _, c := range cands {
		if c == ".." || strings.HasPrefix(c, "../") {
			return "", cands, true
		}
		if p.Exists(p.MP(c)) {
			return c, cands, true
		}
	}
	return "", cands, true
}
