package skylineconfig

import (
	_ "embed"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the skyline-config rule.
var Rule = lint.NewRule(doc, "skylineconfig", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

// navigationBarKeys are the window settings of the native navigation bar.
var navigationBarKeys = []string{"navigationBarTitleText", "navigationBarBackgroundColor", "navigationBarTextStyle", "navigationStyle"}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil {
		return nil, nil
	}
	app := p.App
	var skyline []*project.Page
	for _, pg := range p.Pages {
		if pg.Renderer.Value == "skyline" {
			skyline = append(skyline, pg)
		}
	}
	at := func(jf *project.JSONFile, v *jsonc.Value, sev lint.Severity, format string, args ...any) {
		lint.Report(pass, sev, jf.Pos(v.Start), jf.Pos(v.Head()), format, args...)
	}

	if r := app.Root.Get("renderer"); r != nil {
		if s, _ := r.String(); s == "skyline" && app.Root.Get("rendererOptions").Get("skyline") == nil {
			at(app, r, lint.Error, "app-level \"renderer\": \"skyline\" needs \"rendererOptions\": {\"skyline\": {...}} in app.json")
		}
	}
	if len(skyline) == 0 {
		return nil, nil
	}
	first := skyline[0].Path

	switch lcl := app.Root.Get("lazyCodeLoading"); {
	case lcl == nil:
		at(app, app.Root, lint.Error, "app.json needs \"lazyCodeLoading\": \"requiredComponents\" because page %s renders with Skyline", first)
	case lcl.Kind == jsonc.String && lcl.Str != "requiredComponents":
		hint := ""
		if strings.EqualFold(lcl.Str, "requiredComponents") {
			hint = " (the value is case-sensitive)"
		}
		at(app, lcl, lint.Error, "\"lazyCodeLoading\" is %q; it must be exactly \"requiredComponents\"%s because page %s renders with Skyline", lcl.Str, hint, first)
	}

	for _, pg := range skyline {
		if pg.JSON == nil || pg.JSON.Root == nil {
			continue
		}
		if ns := pg.JSON.Root.Get("navigationStyle"); ns != nil && ns.Kind == jsonc.String && ns.Str == "default" {
			at(pg.JSON, ns, lint.Error, "Skyline page %s sets \"navigationStyle\": \"default\"; Skyline has no native navigation bar: use \"custom\" (or remove the key) and draw the bar in the page", pg.Path)
		}
	}
	checkWebviewComponents(pass, p, skyline)

	if len(skyline) == len(p.Pages) {
		if win := app.Root.Get("window"); win != nil && win.Kind == jsonc.Object {
			for _, key := range navigationBarKeys {
				if m := win.Member(key); m != nil {
					lint.Report(pass, lint.Warning, app.Pos(m.KeyStart), app.Pos(m.KeyEnd),
						"window %q has no effect: every page renders with Skyline, which has no native navigation bar", key)
				}
			}
		}
	}
	return nil, nil
}

// checkWebviewComponents reports each usingComponents entry through which a
// Skyline page reaches a component that declares "renderer": "webview".
// app.json's global usingComponents are left to the template checks: a
// global component matters only where a page's WXML uses its tag.
func checkWebviewComponents(pass *analysis.Pass, p *project.Project, skyline []*project.Page) {
	refsFrom := map[*project.JSONFile][]*project.ComponentRef{}
	for _, ref := range p.ComponentRefs() {
		refsFrom[ref.From] = append(refsFrom[ref.From], ref)
	}
	seen := map[*project.ComponentRef]bool{}
	var visit func(ref *project.ComponentRef, page *project.Page)
	visit = func(ref *project.ComponentRef, page *project.Page) {
		if seen[ref] || ref.Target == nil || ref.Target.JSON == nil || ref.Target.JSON.Root == nil {
			return
		}
		seen[ref] = true
		c := ref.Target
		if r := c.JSON.Root.Get("renderer"); r != nil && r.Kind == jsonc.String && r.Str == "webview" {
			m := ref.Member
			lint.Report(pass, lint.Error, ref.From.Pos(m.Value.Start), ref.From.Pos(m.Value.End),
				"component %s declares \"renderer\": \"webview\" but Skyline page %s uses it (as <%s>); remove the renderer from %s.json or make it \"skyline\"",
				c.Path, page.Path, m.Key, c.Path)
		}
		for _, next := range refsFrom[c.JSON] {
			visit(next, page)
		}
	}
	for _, pg := range skyline {
		if pg.JSON != nil {
			for _, ref := range refsFrom[pg.JSON] {
				visit(ref, pg)
			}
		}
	}
}
