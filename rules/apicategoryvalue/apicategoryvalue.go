package apicategoryvalue

import (
	_ "embed"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/internal/suggest"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the api-category-value rule.
var Rule = lint.NewRule(doc, "apicategoryvalue", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
	Run:      run,
})

// values are the documented results of wx.getApiCategory().
var values = []string{"default", "nativeFunctionalized", "browseOnly", "embedded", "chatTool"}

func run(pass *analysis.Pass) (any, error) {
	for _, f := range jsparse.Of(pass).Files {
		fx := f.Facts()
		if fx == nil {
			continue
		}
		for _, c := range fx.Compares {
			if slices.Contains(values, c.Value.Str) {
				continue
			}
			hint := ""
			if s := suggest.Closest(c.Value.Str, values); s != "" {
				hint = " (did you mean \"" + s + "\"?)"
			}
			start, end := f.Span(c.Node)
			lint.Report(pass, lint.Error, start, end,
				"%q is not an apiCategory: it is one of default, nativeFunctionalized, browseOnly, embedded or chatTool, so this comparison never matches%s",
				c.Value.Str, hint)
		}
	}
	return nil, nil
}
