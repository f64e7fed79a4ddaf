package unusedsuppression

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

// Rule is the unused-suppression rule. Its analyzer reads the directives of
// every script, template and style (the front ends have read them) and
// returns them, as lint.Directives; the driver applies them to the findings
// of every rule and reports, under this rule, those that cover none.
var Rule = lint.NewRule(doc, "unusedsuppression", &analysis.Analyzer{
	Requires:   []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, wxml.Analyzer, wxss.Analyzer},
	Run:        run,
	ResultType: lint.DirectivesType,
})

// run reads the directives in the comments the front ends found: those of
// templates and style sheets from their parsers, those of scripts by a lex
// of the files that hold the directive prefix at all.
func run(pass *analysis.Pass) (any, error) {
	var ds lint.Directives
	add := func(f *project.File) func(text string, start, end int) {
		return func(text string, start, end int) {
			if d := lint.ParseDirective(f, text, start, end); d != nil {
				ds = append(ds, d)
			}
		}
	}
	for _, f := range jsparse.Of(pass).Files {
		if f.ReadErr == nil && lint.HasDirectives(f.File.Src) {
			yield := add(f.File)
			jsparse.Comments(f.File.Src, func(text []byte, start, end int) { yield(string(text), start, end) })
		}
	}
	for _, f := range wxml.Of(pass).Files {
		if f.ReadErr == nil && lint.HasDirectives(f.File.Src) {
			yield := add(f.File)
			for _, c := range f.Doc.Comments {
				yield(c.Text, c.Start, c.End)
			}
		}
	}
	for _, f := range wxss.Of(pass).Files {
		if f.ReadErr == nil && lint.HasDirectives(f.File.Src) {
			yield := add(f.File)
			for _, c := range f.Sheet.Comments {
				yield(c.Text, c.Start, c.End)
			}
		}
	}
	return ds, nil
}
