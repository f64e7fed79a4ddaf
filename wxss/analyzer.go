package wxss

import (
	"go/token"
	"reflect"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/project"
)

// File is a WXSS file of the project.
type File struct {
	*project.File
	// MP is the path inside the mini program ("pages/index/index.wxss").
	MP    string
	Sheet *Sheet
	// ReadErr is set when the file could not be read; Sheet is then empty.
	ReadErr error
}

// Pos returns the position in the project's FileSet of a byte offset.
func (f *File) Pos(off int) token.Pos { return f.File.Pos(off) }

// Result is what Analyzer provides: every WXSS file of the project.
type Result struct {
	Files []*File
	byMP  map[string]*File
}

// ByMP returns the file at a mini program path, or nil.
func (r *Result) ByMP(mp string) *File { return r.byMP[mp] }

// Analyzer parses every .wxss file under the mini program root
// (node_modules and dot-folders excepted).
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
	for _, rel := range p.Tree() {
		if !strings.HasSuffix(rel, ".wxss") {
			continue
		}
		mp, _ := p.InMP(rel)
		f := &File{MP: mp, Sheet: &Sheet{}}
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
				f.Sheet = Parse(f.File.Src)
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
