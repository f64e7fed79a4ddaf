package skylinesupport

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

//go:embed doc.go
var doc string

// Rule is the skyline-support rule.
var Rule = lint.NewRule(doc, "skylinesupport", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{views.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	r := views.Of(pass)
	for _, f := range r.WXSS.Files {
		if f.ReadErr != nil {
			continue
		}
		if pg := r.Skyline(f.MP); pg != nil {
			checkStyles(pass, f, renderedBy(pg))
		}
	}
	for _, f := range r.WXML.Files {
		if f.ReadErr != nil {
			continue
		}
		if pg := r.Skyline(f.MP); pg != nil {
			checkTemplate(pass, r, f, renderedBy(pg))
		}
	}
	return nil, nil
}

// renderedBy names the reason a file is checked, for messages. With
// --assume-chat-tool the page Skyline returns may be a webview page, or a
// stand-in for a file no page renders: then the option is the reason.
func renderedBy(pg *project.Page) string {
	if pg.Renderer.Value == "skyline" {
		return fmt.Sprintf("rendered by Skyline page %s", pg.Path)
	}
	return "checked as Skyline code: --assume-chat-tool"
}
