package wxss

import (
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// File is a style sheet of the project: WXSS, or LESS or SCSS that a
// compiler plugin turns into WXSS.
type File struct {
	*project.File
	// MP is the path inside the mini program ("pages/index/index.wxss").
	MP string
	// Lang is the file's language. Only WXSS is parsed into rules and
	// declarations; the Sheet of a LESS or SCSS file holds its comments and
	// syntax errors (see ParseLang).
	Lang  Lang
	Sheet *Sheet
	// ReadErr is set when the file could not be read; Sheet is then empty.
	ReadErr error
}

// Pos returns the position in the project's FileSet of a byte offset.
func (f *File) Pos(off int) token.Pos { return f.File.Pos(off) }

// Result is what Analyzer provides: every WXSS file of the project (and
// every LESS and SCSS file, with Lang set).
type Result struct {
	Files []*File
	byMP  map[string]*File
}

// ByMP returns the file at a mini program path, or nil.
func (r *Result) ByMP(mp string) *File { return r.byMP[mp] }

// Analyzer parses every .wxss file under the mini program root
// (node_modules and dot-folders excepted), and checks the syntax of every
// .less and .scss file there.
var Analyzer = &analysis.Analyzer{
	Name:       "wxss",
	Doc:        "parses the project's WXSS files",
	Requires:   []*analysis.Analyzer{project.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        func(pass *analysis.Pass) (any, error) { return Load(project.Of(pass)), nil },
}

// Of returns the parsed style sheets of a pass whose analyzer requires
// Analyzer.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

// Load reads and parses the WXSS files of p, in parallel, registering them
// in the FileSet in order (project.ReadEach). A loaded Sheet keeps what the
// rules read of it (see KeptProperties), and no Src; the file's bytes are
// released (project.File.Release) unless it holds a directive, whose
// comment unused-suppression reads from them.
func Load(p *project.Project) *Result {
	r := &Result{byMP: map[string]*File{}}
	var rels []string
	var langs []Lang
	for rel := range p.Tree() {
		if lang, ok := LangOf(rel); ok {
			rels, langs = append(rels, rel), append(langs, lang)
		} else if sourceStyle(p, rel) {
			rels, langs = append(rels, rel), append(langs, WXSS) // a .vue file
		}
	}
	r.Files = make([]*File, len(rels))
	k := &blocks{} // what the sheets keep
	p.ReadEach(rels, func(i int, pf *project.File, err error) {
		mp, _ := p.InMP(rels[i])
		lang, kind, parse := langs[i], "wxss."+langs[i].String(), parseFile
		if err == nil && p.Framework != nil {
			pf, mp, lang, kind, parse = source(p, pf, mp, lang) // a .vue file
		}
		if err != nil {
			r.Files[i] = &File{File: pf, MP: mp, Lang: lang, Sheet: &Sheet{}, ReadErr: err}
			return
		}
		f := k.files.New(File{File: pf, MP: mp, Lang: lang})
		r.Files[i] = f
		directives := lint.HasDirectives(pf.Src)
		f.Sheet = project.Derive(p, kind, pf.Src, func() *Sheet {
			return parse(pf.Src, f.Lang).keep(directives, k)
		})
		pf.Release(directives)
	})
	for _, f := range r.Files {
		r.byMP[f.MP] = f
	}
	return r
}
