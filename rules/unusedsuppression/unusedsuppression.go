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

func run(pass *analysis.Pass) (any, error) {
	return lint.ScanDirectives(project.Of(pass)), nil
}
