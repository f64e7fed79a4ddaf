// Package views ties templates and styles to the pages that render them.
//
// A page renders its own .wxml and .wxss, the templates those import or
// include, the stylesheets they @import, and every custom component it uses,
// with that component's own templates, styles and components, transitively.
// Whether a template is chat-tool code, or must work under Skyline, depends on
// the pages that render it, not on the folder it lives in: a component in
// the main package used by the chat-tool page is chat-tool code.
//
// A page or component uses a component through its json's usingComponents,
// or through app.json's global usingComponents when its template (or a
// template it imports or includes) has the tag and its own json does not
// declare it. app.wxss is rendered by every page outside independent
// subpackages.
package views

import (
	"path"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// Result is what Analyzer provides.
type Result struct {
	p *project.Project
	// pages maps a mini program path (a .wxml or .wxss file, or the path of
	// a page or component without extension) to the pages rendering it.
	pages map[string][]*project.Page
	// owners maps a .wxml file to the pages and components whose json
	// resolves its tags (a template file has the views that include it).
	owners map[string][]string
	// templates maps a page or component path to the templates it owns.
	templates map[string][]string
	// jsons maps a page or component path to its json file.
	jsons map[string]*project.JSONFile
	// refs maps a json file to its usingComponents entries by tag.
	refs map[*project.JSONFile]map[string]*project.ComponentRef
	// declared lists a json file's usingComponents entries in order.
	declared map[*project.JSONFile][]*project.ComponentRef
	// reach holds the templates and styles WeChat compiles.
	reach map[string]bool
	// Templates and styles, parsed.
	WXML *wxml.Result
	WXSS *wxss.Result
}

// Analyzer computes which pages render each template, stylesheet and
// component of the project.
var Analyzer = &analysis.Analyzer{
	Name:       "views",
	Doc:        "ties templates, styles and components to the pages that render them",
	Requires:   []*analysis.Analyzer{project.Analyzer, wxml.Analyzer, wxss.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return Build(project.Of(pass), wxml.Of(pass), wxss.Of(pass)), nil
	},
}

// Of returns the views of a pass whose analyzer requires Analyzer.
func Of(pass *analysis.Pass) *Result { return pass.ResultOf[Analyzer].(*Result) }

// Build computes the views of p from its parsed templates and styles.
func Build(p *project.Project, wr *wxml.Result, sr *wxss.Result) *Result {
	r := &Result{
		p:         p,
		pages:     map[string][]*project.Page{},
		owners:    map[string][]string{},
		templates: map[string][]string{},
		jsons:     map[string]*project.JSONFile{},
		refs:      map[*project.JSONFile]map[string]*project.ComponentRef{},
		declared:  map[*project.JSONFile][]*project.ComponentRef{},
		reach:     map[string]bool{},
		WXML:      wr,
		WXSS:      sr,
	}
	for _, pg := range p.Pages {
		if pg.JSON != nil {
			r.jsons[pg.Path] = pg.JSON
		}
	}
	for _, c := range p.Components {
		if c.JSON != nil {
			r.jsons[c.Path] = c.JSON
		}
	}
	for _, ref := range p.ComponentRefs() {
		r.declared[ref.From] = append(r.declared[ref.From], ref)
		m := r.refs[ref.From]
		if m == nil {
			m = map[string]*project.ComponentRef{}
			r.refs[ref.From] = m
		}
		if _, dup := m[ref.Member.Key]; !dup {
			m[ref.Member.Key] = ref
		}
	}
	// Owners of templates: every page and component owns its .wxml, and the
	// templates it imports or includes, transitively.
	for _, pg := range p.Pages {
		r.own(pg.Path)
	}
	for _, c := range p.Components {
		r.own(c.Path)
	}
	for _, pg := range p.Pages {
		r.render(pg)
	}
	r.reachable()
	return r
}

// reachable marks the templates and styles WeChat compiles: those of pages
// and components, what they import or include, and app.wxss with its
// imports. In a folder without app.json every page and component (a json
// next to a .wxml) is a root.
func (r *Result) reachable() {
	var bases []string
	if r.p.App == nil {
		for _, jf := range r.p.JSONFiles {
			if jf.Schema == "page" || jf.Schema == "component" {
				mp, _ := r.p.InMP(jf.Path)
				bases = append(bases, strings.TrimSuffix(mp, ".json"))
			}
		}
		for _, b := range bases {
			r.own(b)
		}
	}
	for _, pg := range r.p.Pages {
		bases = append(bases, pg.Path)
	}
	for _, c := range r.p.Components {
		bases = append(bases, c.Path)
	}
	seen := map[string]bool{}
	reach := func(mp string) { r.reach[mp] = true }
	r.styles("app.wxss", seen, reach)
	for _, b := range bases {
		for _, t := range r.templates[b] {
			r.reach[t] = true
		}
		r.styles(b+".wxss", seen, reach)
	}
}

// Reachable reports whether WeChat compiles the .wxml or .wxss file at mp:
// it belongs to a page or component, app.wxss, or what those import or
// include. A template or style nothing reaches is not compiled (and not
// uploaded), so a broken reference in it breaks nothing.
func (r *Result) Reachable(mp string) bool { return r.reach[mp] }

// own records base as an owner of its template and the templates it
// imports or includes.
func (r *Result) own(base string) {
	seen := map[string]bool{}
	queue := []string{base + ".wxml"}
	for len(queue) > 0 {
		mp := queue[0]
		queue = queue[1:]
		if seen[mp] {
			continue
		}
		seen[mp] = true
		f := r.WXML.ByMP(mp)
		if f == nil {
			continue
		}
		mp = f.MP // (kept: the file's own string, not the one made for the look-up)
		if !slices.Contains(r.owners[mp], base) {
			r.owners[mp] = append(r.owners[mp], base)
			r.templates[base] = append(r.templates[base], mp)
		}
		if !f.Doc.Has("import", "include") {
			continue
		}
		for _, e := range f.Doc.Elements() {
			if e.Name != "import" && e.Name != "include" {
				continue
			}
			if a := e.Attr("src"); a != nil {
				if to, ok := wxml.Ref(mp, a.Value); ok {
					queue = append(queue, TemplatePath(to))
				}
			}
		}
	}
}

// TemplatePath adds the .wxml extension WeChat adds to an import or include
// src without one.
func TemplatePath(mp string) string {
	if path.Ext(mp) == "" {
		return mp + ".wxml"
	}
	return mp
}

// StylePath adds the .wxss extension WeChat adds to an @import without one.
func StylePath(mp string) string {
	if path.Ext(mp) == "" {
		return mp + ".wxss"
	}
	return mp
}

// ModulePath adds the .wxs extension WeChat adds to a <wxs src> without
// one.
func ModulePath(mp string) string {
	if path.Ext(mp) == "" {
		return mp + ".wxs"
	}
	return mp
}

// render marks everything page pg renders.
func (r *Result) render(pg *project.Page) {
	if pg.Package == nil || !pg.Package.Independent() {
		// app.wxss applies to every page but those of independent subpackages.
		r.styles("app.wxss", map[string]bool{}, func(mp string) { r.mark(mp, pg) })
	}
	seen := map[string]bool{}
	queue := []string{pg.Path}
	for len(queue) > 0 {
		base := queue[0]
		queue = queue[1:]
		if seen[base] {
			continue
		}
		seen[base] = true
		r.mark(base, pg)
		r.styles(base+".wxss", map[string]bool{}, func(mp string) { r.mark(mp, pg) })
		for _, tmpl := range r.templates[base] {
			r.mark(tmpl, pg)
			for _, e := range r.WXML.ByMP(tmpl).Doc.Elements() {
				if ref, _ := r.tag(base, e.Name); ref != nil && ref.Target != nil {
					queue = append(queue, ref.Target.Path)
				}
			}
		}
		if jf := r.jsons[base]; jf != nil {
			for _, ref := range r.declared[jf] {
				if ref.Target != nil {
					queue = append(queue, ref.Target.Path)
				}
			}
		}
	}
}

// styles calls visit for the stylesheet at mp and each one it imports,
// transitively, once each (seen holds those already visited).
func (r *Result) styles(mp string, seen map[string]bool, visit func(mp string)) {
	if seen[mp] {
		return
	}
	seen[mp] = true
	f := r.WXSS.ByMP(mp)
	if f == nil {
		return
	}
	visit(mp)
	for _, im := range f.Sheet.Imports {
		if to, ok := wxml.Ref(mp, im.Path); ok {
			r.styles(StylePath(to), seen, visit)
		}
	}
}

func (r *Result) mark(mp string, pg *project.Page) {
	if !slices.Contains(r.pages[mp], pg) {
		r.pages[mp] = append(r.pages[mp], pg)
	}
}

// Pages returns the pages that render the file at mini program path mp (a
// .wxml or .wxss file, or a page or component path without extension).
func (r *Result) Pages(mp string) []*project.Page { return r.pages[mp] }

// ChatTool reports whether the file at mp is chat-tool code: it lies in the
// chat-tool subpackage, or a chat-tool page renders it.
func (r *Result) ChatTool(mp string) bool {
	if r.p.IsChatTool(mp) {
		return true
	}
	for _, pg := range r.pages[mp] {
		if r.p.IsChatTool(pg.Path) {
			return true
		}
	}
	return false
}

// Skyline returns the first Skyline page that renders the file at mp, or
// nil. With --assume-chat-tool every file is chat-tool code, and chat tools
// render with Skyline: then a file no page renders yields a page with only
// a Path, the file's own.
func (r *Result) Skyline(mp string) *project.Page {
	for _, pg := range r.pages[mp] {
		if pg.Renderer.Value == "skyline" {
			return pg
		}
	}
	if r.p.Options.AssumeChatTool {
		if len(r.pages[mp]) > 0 {
			return r.pages[mp][0]
		}
		return &project.Page{Path: strings.TrimSuffix(mp, path.Ext(mp))}
	}
	return nil
}

// Tag returns the usingComponents entry that provides the tag of element e
// in the template at mp: from the json of the page or component that owns
// the template, else from app.json's global usingComponents (then global
// is true). It returns nil for built-in components and unknown tags.
func (r *Result) Tag(mp string, e *wxml.Element) (ref *project.ComponentRef, global bool) {
	for _, base := range r.owners[mp] {
		if ref, global := r.tag(base, e.Name); ref != nil {
			return ref, global
		}
	}
	if len(r.owners[mp]) == 0 && r.p.App != nil {
		if ref := r.refs[r.p.App][e.Name]; ref != nil {
			return ref, true
		}
	}
	return nil, false
}

func (r *Result) tag(base, name string) (*project.ComponentRef, bool) {
	if ref := r.refs[r.jsons[base]][name]; ref != nil {
		return ref, false
	}
	if r.p.App != nil {
		if ref := r.refs[r.p.App][name]; ref != nil {
			return ref, true
		}
	}
	return nil, false
}

// Owners returns the pages and components (paths without extension) whose
// json resolves the tags of the template at mp.
func (r *Result) Owners(mp string) []string { return r.owners[mp] }
