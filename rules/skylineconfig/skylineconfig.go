package skylineconfig

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

//go:embed doc.go
var doc string

// Rule is the skyline-config rule.
var Rule = lint.NewRule(doc, "skylineconfig", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, views.Analyzer},
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
		d := analysis.Diagnostic{Pos: app.Pos(app.Root.Start), End: app.Pos(app.Root.Head()), Category: lint.Error.String(),
			Message: fmt.Sprintf("app.json needs \"lazyCodeLoading\": \"requiredComponents\" because page %s renders with Skyline", first)}
		// Safe: the only value WeChat accepts, and one Skyline requires.
		if e, ok := jsonedit.AddMember(app.Src, app.Root, "lazyCodeLoading", `"requiredComponents"`); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{jsonedit.Fix(app.File, "Add \"lazyCodeLoading\": \"requiredComponents\"", e)}
		}
		pass.Report(d)
	case lcl.Kind == jsonc.String && lcl.Str != "requiredComponents":
		hint := ""
		if strings.EqualFold(lcl.Str, "requiredComponents") {
			hint = " (the value is case-sensitive)"
		}
		pass.Report(analysis.Diagnostic{Pos: app.Pos(lcl.Start), End: app.Pos(lcl.End), Category: lint.Error.String(),
			Message: fmt.Sprintf("\"lazyCodeLoading\" is %q; it must be exactly \"requiredComponents\"%s because page %s renders with Skyline", lcl.Str, hint, first),
			SuggestedFixes: []analysis.SuggestedFix{jsonedit.Fix(app.File, "Set lazyCodeLoading to \"requiredComponents\"",
				jsonedit.SetString(lcl, "requiredComponents"))}})
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
	checkGlobalWebviewComponents(pass, p)

	checkChatToolRendererOptions(pass, p)

	// As Tencent's compiler does (checkRenderer in miniprogram-ci 2.1.42), the
	// window settings are left alone when the app itself sets
	// "navigationStyle": "custom": then the app knows there is no native bar,
	// and navigationBarTextStyle still colours the status bar.
	if len(skyline) == len(p.Pages) {
		if win := app.Root.Get("window"); win != nil && win.Kind == jsonc.Object && !customNavigation(win) {
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

// customNavigation reports whether a window object sets "navigationStyle":
// "custom".
func customNavigation(win *jsonc.Value) bool {
	s, ok := win.Get("navigationStyle").String()
	return ok && s == "custom"
}

// webviewChecker finds components that declare "renderer": "webview" among
// those a Skyline page reaches.
type webviewChecker struct {
	pass     *analysis.Pass
	refsFrom map[*project.JSONFile][]*project.ComponentRef
	seen     map[*project.ComponentRef]bool
}

func newWebviewChecker(pass *analysis.Pass, p *project.Project) *webviewChecker {
	w := &webviewChecker{pass: pass, refsFrom: map[*project.JSONFile][]*project.ComponentRef{}, seen: map[*project.ComponentRef]bool{}}
	for _, ref := range p.ComponentRefs() {
		w.refsFrom[ref.From] = append(w.refsFrom[ref.From], ref)
	}
	return w
}

// webview reports whether the target of ref declares "renderer": "webview".
func webview(ref *project.ComponentRef) bool {
	c := ref.Target
	if c == nil || c.JSON == nil || c.JSON.Root == nil {
		return false
	}
	r := c.JSON.Root.Get("renderer")
	return r != nil && r.Kind == jsonc.String && r.Str == "webview"
}

// visit reports ref, at its usingComponents entry, when its component
// declares the webview renderer, and goes on into that component's own
// usingComponents.
func (w *webviewChecker) visit(ref *project.ComponentRef, page *project.Page) {
	if w.seen[ref] || ref.Target == nil || ref.Target.JSON == nil || ref.Target.JSON.Root == nil {
		return
	}
	w.seen[ref] = true
	c := ref.Target
	if webview(ref) {
		m := ref.Member
		lint.Report(w.pass, lint.Error, ref.From.Pos(m.Value.Start), ref.From.Pos(m.Value.End),
			"component %s declares \"renderer\": \"webview\" but Skyline page %s uses it (as <%s>); remove the renderer from %s.json or make it \"skyline\"",
			c.Path, page.Path, m.Key, c.Path)
	}
	for _, next := range w.refsFrom[c.JSON] {
		w.visit(next, page)
	}
}

// checkWebviewComponents reports each usingComponents entry through which a
// Skyline page reaches a component that declares "renderer": "webview".
func checkWebviewComponents(pass *analysis.Pass, p *project.Project, skyline []*project.Page) {
	w := newWebviewChecker(pass, p)
	for _, pg := range skyline {
		if pg.JSON != nil {
			for _, ref := range w.refsFrom[pg.JSON] {
				w.visit(ref, pg)
			}
		}
	}
}

// checkGlobalWebviewComponents reports, in the templates Skyline pages
// render, each tag that app.json's global usingComponents maps to a
// component declaring "renderer": "webview" (a global component is used
// only where a template has its tag), and the webview components such a
// global component reaches through its own usingComponents.
func checkGlobalWebviewComponents(pass *analysis.Pass, p *project.Project) {
	v := views.Of(pass)
	w := newWebviewChecker(pass, p)
	for _, f := range v.WXML.Files {
		var page *project.Page
		for _, pg := range v.Pages(f.MP) {
			if pg.Renderer.Value == "skyline" {
				page = pg
				break
			}
		}
		if page == nil {
			continue
		}
		for _, e := range f.Doc.Elements() {
			ref, global := v.Tag(f.MP, e)
			if !global || ref.Target == nil {
				continue
			}
			if webview(ref) {
				lint.Report(pass, lint.Error, f.Pos(e.Start+1), f.Pos(e.NameEnd),
					"<%s> is component %s from app.json's global usingComponents, which declares \"renderer\": \"webview\", but Skyline page %s renders this template; remove the renderer from %s.json or make it \"skyline\"",
					e.Name, ref.Target.Path, page.Path, ref.Target.Path)
			}
			if ref.Target.JSON != nil {
				for _, next := range w.refsFrom[ref.Target.JSON] {
					w.visit(next, page)
				}
			}
		}
	}
}
