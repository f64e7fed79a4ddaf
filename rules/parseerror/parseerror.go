package parseerror

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

//go:embed doc.go
var doc string

// Rule is the parse-error rule.
var Rule = lint.NewRule(doc, "parseerror", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, wxml.Analyzer, wxss.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	for _, jf := range p.JSONFiles {
		if jf.Err != nil {
			pos := jf.Pos(jf.Err.Offset)
			lint.Report(pass, lint.Error, pos, pos, "invalid JSON: %s", jf.Err.Message)
		}
	}
	for _, le := range p.LoadErrors {
		pos := le.File.Pos(0)
		lint.Report(pass, lint.Error, pos, pos, "cannot read %s: %v", le.File.Path, le.Err)
	}
	for _, f := range jsparse.Of(pass).Files {
		script(pass, f.File, 0, f.Source, "")
	}
	for _, f := range wxml.Of(pass).Files {
		for _, e := range f.Doc.Errors {
			pos := f.Pos(e.Offset)
			lint.Report(pass, lint.Error, pos, pos, "invalid WXML: %s", e.Msg)
		}
		for _, w := range f.Doc.WXS {
			script(pass, f.File, w.Start, w.Source, " in inline <wxs>")
		}
	}
	for _, f := range wxss.Of(pass).Files {
		for _, e := range f.Sheet.Errors {
			pos := f.Pos(e.Offset)
			lint.Report(pass, lint.Error, pos, pos, "invalid %s: %s", f.Lang, e.Msg)
		}
	}
	return nil, nil
}

// script reports the syntax error or parser limitation of a script that
// starts at byte base of file f (an inline <wxs> starts inside a .wxml).
func script(pass *analysis.Pass, f *project.File, base int, s *jsparse.Source, where string) {
	switch {
	case s.Err != nil:
		pos := f.Pos(base + s.Err.Offset)
		lint.Report(pass, lint.Error, pos, pos, "invalid %s%s: %s", s.Lang, where, s.Err.Message)
	case s.Limited:
		pos := f.Pos(base + s.Limitation.Offset)
		lint.Report(pass, lint.Info, pos, pos,
			"the checker's %s parser stops here (%s) although the file is valid; only token-level checks ran on this file",
			s.Lang, s.Limitation.Message)
	}
}
