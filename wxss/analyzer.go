package wxss

import (
	"go/token"
	"reflect"

	"golang.org/x/tools/go/analysis"

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

// Load reads and parses the WXSS files of p: read in order (reading
// registers them in the FileSet), parsed in parallel.
func Load(p *project.Project) *Result {
	r := &Result{byMP: map[string]*File{}}
	var rels []string
	var langs []Lang
	for _, rel := range p.Tree() {
		if lang, ok := LangOf(rel); ok {
			rels, langs = append(rels, rel), append(langs, lang)
		}
	}
	files, errs := p.ReadAll(rels)
	for i, pf := range files {
		mp, _ := p.InMP(rels[i])
		f := &File{File: pf, MP: mp, Lang: langs[i], Sheet: &Sheet{}, ReadErr: errs[i]}
		r.Files = append(r.Files, f)
		r.byMP[mp] = f
	}
	project.Parallel(len(r.Files), func(i int) {
		if f := r.Files[i]; f.ReadErr == nil {
			f.Sheet = project.Derive(p, "wxss."+f.Lang.String(), f.File.Src, func() *Sheet { return parseFile(f.File.Src, f.Lang) })
		}
	})
	return r
}
