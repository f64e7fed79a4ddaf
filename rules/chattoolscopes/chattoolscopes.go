package chattoolscopes

import (
	_ "embed"
	"go/token"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
)

//go:embed doc.go
var doc string

// Rule is the chattool-scopes rule.
var Rule = lint.NewRule(doc, "chattoolscopes", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	Run:      run,
})

// needs maps an API to the scopes that allow it, the one to name first
// (authorize.html and the API pages).
var needs = map[string][]string{
	"getLocation":                   {"scope.userLocation"},
	"startLocationUpdate":           {"scope.userLocation"},
	"chooseLocation":                {"scope.userLocation"},
	"startLocationUpdateBackground": {"scope.userLocationBackground", "scope.userLocation"},
	"getFuzzyLocation":              {"scope.userFuzzyLocation"},
	"getRecorderManager":            {"scope.record"},
	"startRecord":                   {"scope.record"},
	"joinVoIPChat":                  {"scope.record"},
	"createVKSession":               {"scope.camera"},
	"openBluetoothAdapter":          {"scope.bluetooth"},
	"createBLEPeripheralServer":     {"scope.bluetooth"},
	"saveImageToPhotosAlbum":        {"scope.writePhotosAlbum"},
	"saveVideoToPhotosAlbum":        {"scope.writePhotosAlbum"},
	"addPhoneContact":               {"scope.addPhoneContact"},
	"addPhoneCalendar":              {"scope.addPhoneCalendar"},
	"addPhoneRepeatCalendar":        {"scope.addPhoneCalendar"},
	"getWeRunData":                  {"scope.werun"},
}

// componentNames are the names of componentNeeds, and map (with
// show-location): a template without them has nothing to check.
var componentNames = append(slices.Collect(maps.Keys(componentNeeds)), "map")

// componentNeeds are the built-in components that need scopes: each of
// its scopes is needed.
var componentNeeds = map[string][]string{
	"camera":      {"scope.camera"},
	"live-pusher": {"scope.camera", "scope.record"},
}

// mayUse are APIs that may lead to a scope's API (a MapContext's
// moveToLocation): a use of the scope, never a need.
var mayUse = map[string]string{
	"createMapContext":    "scope.userLocation",
	"createCameraContext": "scope.camera",
}

// known are the scopes the table names: only those are judged unused.
var known = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range needs {
		for _, s := range list {
			m[s] = true
		}
	}
	return m
}()

type checker struct {
	pass     *analysis.Pass
	p        *project.Project
	r        *views.Result
	declared map[string]bool
	used     map[string]bool
	// anyUsed is set when every scope may be used (wx.authorize with an
	// unknown scope, a script not parsed).
	anyUsed bool
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.IsGame() || p.ChatTool == nil {
		return nil, nil
	}
	var item *jsonc.Value
	for _, ct := range p.ChatTools {
		if ct.Package == p.ChatTool {
			item = ct.Item
			break
		}
	}
	if item == nil {
		return nil, nil
	}
	scopes := item.Get("scopes")
	c := &checker{pass: pass, p: p, r: views.Of(pass), declared: map[string]bool{}, used: map[string]bool{}}
	if scopes != nil {
		if scopes.Kind != jsonc.Array {
			return nil, nil // not a list: config-schema's finding
		}
		for _, v := range scopes.Elems {
			if s, ok := v.String(); ok {
				c.declared[strings.TrimSpace(s)] = true
			}
		}
	}
	c.scripts(jsparse.Of(pass))
	c.templates()
	if c.anyUsed || scopes == nil {
		return nil, nil
	}
	for _, v := range scopes.Elems {
		s, ok := v.String()
		s = strings.TrimSpace(s)
		if ok && known[s] && !c.used[s] {
			lint.Report(pass, lint.Warning, p.App.Pos(v.Start), p.App.Pos(v.End), "no chat-tool code uses %s", s)
		}
	}
	return nil, nil
}

// scripts checks the chat-tool scripts: those of the chat-tool subpackage
// and of the components its pages render.
func (c *checker) scripts(js *jsparse.Result) {
	comps := map[string]bool{}
	for _, comp := range c.p.Components {
		if !c.p.IsChatTool(comp.Path) && c.r.ChatTool(comp.Path) {
			comps[comp.Path+".js"], comps[comp.Path+".ts"] = true, true
		}
	}
	for _, f := range js.Files {
		if f.Lang == jsparse.WXS || !c.p.IsChatTool(f.MP) && !comps[f.MP] {
			continue
		}
		if f.ReadErr != nil {
			c.anyUsed = true
			continue
		}
		if f.Limited {
			for _, u := range f.Tokens() {
				if u.API == "authorize" {
					c.anyUsed = true // its scope is not known
				} else if u.Call {
					c.api(u.API, f.File.Pos(u.Start), f.File.Pos(u.End))
				}
			}
			continue
		}
		fx := f.Facts()
		if fx == nil {
			c.anyUsed = true // not parsed: anything may be used
			continue
		}
		for _, u := range fx.Uses {
			if u.Call == nil && !u.Passed {
				continue
			}
			start, end := f.Span(u.Node)
			if u.API == "authorize" {
				c.authorize(f, u, start, end)
				continue
			}
			c.api(u.API, start, end)
		}
	}
}

// api records a use of an API, and reports it when it needs a scope the
// chat tool does not declare.
func (c *checker) api(name string, start, end token.Pos) {
	if s, ok := mayUse[name]; ok {
		c.used[s] = true
	}
	list, ok := needs[name]
	if !ok {
		return
	}
	for _, s := range list {
		c.used[s] = true
	}
	for _, s := range list {
		if c.declared[s] {
			return
		}
	}
	lint.Report(c.pass, lint.Error, start, end, "wx.%s needs %s, not in chatTools scopes", name, list[0])
}

// authorize handles wx.authorize({ scope }): a scope written out is used
// and needed; any other may be any scope.
func (c *checker) authorize(f *jsparse.File, u *jsparse.Use, start, end token.Pos) {
	var scope string
	if len(u.Args) > 0 {
		if o, ok := f.Source.Object(u.Scope, u.Args[0]); ok {
			if pr := o.Get("scope"); pr != nil {
				if v, ok := f.Source.Value(o.Scope, pr.Value); ok && v.Kind == jsparse.String {
					scope = strings.TrimSpace(v.Str)
				}
			}
		}
	}
	if scope == "" {
		c.anyUsed = true
		return
	}
	c.used[scope] = true
	if known[scope] && !c.declared[scope] {
		lint.Report(c.pass, lint.Error, start, end, "wx.authorize asks for %s, not in chatTools scopes", scope)
	}
}

// templates checks the built-in components of the chat-tool templates.
func (c *checker) templates() {
	for _, f := range c.r.WXML.Files {
		if f.ReadErr != nil || !c.r.ChatTool(f.MP) || !f.Doc.Has(componentNames...) {
			continue
		}
		for _, e := range f.Doc.Elements() {
			list, ok := componentNeeds[e.Name]
			if !ok && !(e.Name == "map" && e.Attr("show-location") != nil) {
				continue
			}
			if ref, _ := c.r.Tag(f.MP, e); ref != nil {
				continue // a custom component under a built-in's name
			}
			if e.Name == "map" {
				c.used["scope.userLocation"] = true
				continue
			}
			c.component(f, e, list)
		}
	}
}

func (c *checker) component(f *wxml.File, e *wxml.Element, list []string) {
	for _, s := range list {
		c.used[s] = true
		if !c.declared[s] {
			lint.Report(c.pass, lint.Error, f.Pos(e.Start+1), f.Pos(e.NameEnd), "<%s> needs %s, not in chatTools scopes", e.Name, s)
		}
	}
}
