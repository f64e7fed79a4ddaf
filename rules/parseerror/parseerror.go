package parseerror

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the parse-error rule.
var Rule = lint.NewRule(doc, "parseerror", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
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
		switch {
		case f.Err != nil:
			pos := f.File.Pos(f.Err.Offset)
			lint.Report(pass, lint.Error, pos, pos, "invalid %s: %s", f.Lang, f.Err.Message)
		case f.Limited:
			pos := f.File.Pos(f.Limitation.Offset)
			lint.Report(pass, lint.Info, pos, pos,
				"the checker's %s parser stops here (%s) although the file is valid; only token-level checks ran on this file",
				f.Lang, f.Limitation.Message)
		}
	}
	return nil, nil
}
