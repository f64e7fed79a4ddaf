package independentisolation

import (
	_ "embed"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

//go:embed doc.go
var doc string

// Rule is the independent-isolation rule.
var Rule = lint.NewRule(doc, "independentisolation", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	templates(pass, p)
	configs(pass, p)
	for _, f := range jsparse.Of(pass).Files {
		sp := p.PackageOf(f.MP)
		if sp == nil || !sp.Independent() {
			continue
		}
		fx := f.Facts()
		if fx == nil {
			continue
		}
		for _, im := range fx.Imports {
			target, ok := importTarget(p, f.MP, im.Spec)
			if !ok || inside(target, sp.Root) {
				continue
			}
			start, end := f.Pos(im.Start), f.Pos(im.End)
			if _, isPath := jsparse.PathOf(p, f.MP, im.Spec); isPath {
				lint.Report(pass, lint.Error, start, end,
					"%q resolves to %s, outside the independent subpackage %s: it cannot use code from other packages; copy the module under %s/",
					im.Spec, shown(target), sp.Root, sp.Root)
			} else {
				lint.Report(pass, lint.Error, start, end,
					"npm package %q resolves to %s, outside the independent subpackage %s: build npm into the subpackage (its own miniprogram_npm)",
					im.Spec, shown(target), sp.Root)
			}
		}
		for _, g := range fx.Globals {
			start, end := f.Span(g.Call.Callee)
			switch g.Name {
			case "App":
				lint.Report(pass, lint.Error, start, end,
					"App() in the independent subpackage %s: only the main package's app.js registers the app", sp.Root)
			case "getApp":
				if allowsDefault(f, g) {
					continue
				}
				lint.Report(pass, lint.Warning, start, end,
					"getApp() returns undefined when the independent subpackage %s opens before the main package; call getApp({ allowDefault: true })", sp.Root)
			}
		}
	}
	return nil, nil
}

// allowsDefault reports whether getApp is called with allowDefault: true,
// or with an argument that cannot be known (then it is not reported).
func allowsDefault(f *jsparse.File, g *jsparse.GlobalCall) bool {
	if len(g.Call.ArgumentList) == 0 {
		return false
	}
	o, ok := f.Source.Object(g.Scope, g.Call.ArgumentList[0])
	if !ok {
		return true
	}
	prop := o.Get("allowDefault")
	if prop == nil {
		return o.Open
	}
	v, ok := f.Source.Value(o.Scope, prop.Value)
	return !ok || (v.Kind == jsparse.Bool && v.Bool)
}

// importTarget returns the mini program path a specifier points to, and
// false when it cannot be told (an npm package not built, a URL).
func importTarget(p *project.Project, from, spec string) (string, bool) {
	if mp, ok := jsparse.PathOf(p, from, spec); ok {
		return mp, true
	}
	return jsparse.NpmModule(p, from, spec)
}

func inside(mp, root string) bool {
	return mp == root || strings.HasPrefix(mp, root+"/")
}

func shown(mp string) string {
	if mp == ".." || strings.HasPrefix(mp, "../") {
		return "a path above the mini program root"
	}
	return "/" + mp
}
