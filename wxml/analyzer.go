package wxml

import (
	"go/token"
	"path"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// File is a WXML file of the project.
type File struct {
	*project.File
	// MP is the path inside the mini program ("pages/index/index.wxml").
	MP  string
	Doc *Document
	// ReadErr is set when the file could not be read; Doc is then empty.
	ReadErr error
}

// Pos returns the position in the project's FileSet of a byte offset.
func (f *File) Pos(off int) token.Pos { return f.File.Pos(off) }

// Result is what Analyzer provides: every WXML file of the project.
type Result struct {
	Files []*File
	byMP  map[string]*File
}

// ByMP returns the file at a mini program path, or nil.
func (r *Result) ByMP(mp string) *File { return r.byMP[mp] }

// Analyzer parses every .wxml file under the mini program root
// (node_modules and dot-folders excepted).
var Analyzer = &analysis.Analyzer{
	Name:       "wxml",
	Doc:        "parses the project's WXML files",
	Requires:   []*analysis.Analyzer{project.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        func(pass *analysis.Pass) (any, error) { return Load(project.Of(pass)), nil },
}

// Of returns the parsed templates of a pass whose analyzer requires Analyzer.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

// Load reads and parses the WXML files of p, in parallel, registering them
// in the FileSet in order (project.ReadEach). A loaded Document holds no
// Src, nor Comments unless one holds a directive, and its inline scripts
// are compacted (jsparse.Source.Compact); the file's bytes are released
// (project.File.Release) unless it holds a directive, whose comment
// unused-suppression reads from them.
func Load(p *project.Project) *Result {
	r := &Result{byMP: map[string]*File{}}
	var rels []string
	for rel := range p.Tree() {
		if strings.HasSuffix(rel, ".wxml") || sourceTemplate(p, rel) {
			rels = append(rels, rel)
		}
	}
	r.Files = make([]*File, len(rels))
	k := &blocks{} // what the documents keep
	p.ReadEach(rels, func(i int, pf *project.File, err error) {
		mp, _ := p.InMP(rels[i])
		kind, parse := "wxml", parseFile
		if err == nil && p.Framework != nil {
			pf, mp, kind, parse = source(p, pf, mp) // a .vue, .tsx or .jsx file
		}
		if err != nil {
			r.Files[i] = &File{File: pf, MP: mp, Doc: &Document{}, ReadErr: err}
			return
		}
		f := k.files.New(File{File: pf, MP: mp})
		r.Files[i] = f
		directives := lint.HasDirectives(pf.Src)
		f.Doc = project.Derive(p, kind, pf.Src, func() *Document {
			d := parse(pf.Src)
			d.compact(directives)
			return d.moved(k)
		})
		pf.Release(directives)
	})
	for _, f := range r.Files {
		r.byMP[f.MP] = f
	}
	return r
}

// compact drops what a loaded document needs no more: its Src, its
// comments unless one holds a directive (unused-suppression reads them; no
// one else does), and the syntax trees of its inline scripts (see Load).
func (d *Document) compact(directives bool) {
	d.Src = nil
	if !directives {
		d.Comments = nil
	}
	for _, w := range d.WXS {
		w.Source.Compact()
	}
	d.Comments, d.WXS, d.Errors = exact(d.Comments), exact(d.WXS), exact(d.Errors)
}

// exact returns s in an array of its length.
func exact[S ~[]E, E any](s S) S {
	if cap(s) == len(s) {
		return s
	}
	return append(S(nil), s...)
}

// Ref returns the mini program path a src attribute names, from the file
// at mini program path from: "/x" counts from the mini program root, any
// other path from the file's folder ("item.wxml", "./item.wxml",
// "../item.wxml"). The path starts with ".." when it leaves the root. It
// returns false for values that are not local paths: data bindings, URLs
// (http:, https:, data:, cloud:, wxfile:, ...) and empty values.
func Ref(from, src string) (string, bool) {
	s := strings.TrimSpace(src)
	if s == "" || strings.Contains(s, "{{") || strings.HasPrefix(s, "//") || strings.Contains(s, "\\") {
		return "", false
	}
	if i := strings.IndexByte(s, ':'); i > 0 && !strings.ContainsAny(s[:i], "/.") {
		return "", false // a URL scheme
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	if strings.HasPrefix(s, "/") {
		return path.Clean(s)[1:], true
	}
	return path.Join(path.Dir(from), s), true
}
