package independentisolation

import (
	"go/token"
	"path"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// independent returns the independent subpackage a mini program path lies
// in, or nil.
func independent(p *project.Project, mp string) *project.Subpackage {
	if sp := p.PackageOf(mp); sp != nil && sp.Independent() {
		return sp
	}
	return nil
}

// templates reports what the templates and styles of independent
// subpackages take from outside their root: <import>, <include> and <wxs>
// sources, WXSS @imports, and tags only app.json's global usingComponents
// provides.
func templates(pass *analysis.Pass, p *project.Project) {
	v := views.Of(pass)
	for _, f := range v.WXML.Files {
		sp := independent(p, f.MP)
		if sp == nil {
			continue
		}
		for _, e := range f.Doc.Elements() {
			if _, global := v.Tag(f.MP, e); global {
				lint.Report(pass, lint.Error, f.Pos(e.Start+1), f.Pos(e.NameEnd),
					"<%s> comes from app.json's global usingComponents, which the independent subpackage %s does not get; declare it in the usingComponents of the page or component, with a component under %s/",
					e.Name, sp.Root, sp.Root)
				continue
			}
			var fix func(string) string
			switch e.Name {
			case "import", "include":
				fix = views.TemplatePath
			case "wxs":
				fix = views.ModulePath
			default:
				continue
			}
			if a := e.Attr("src"); a != nil {
				leaves(pass, sp, f.MP, "<"+e.Name+" src>", a.Value, f.Pos(a.ValueStart), f.Pos(a.ValueEnd), fix)
			}
		}
	}
	for _, f := range v.WXSS.Files {
		sp := independent(p, f.MP)
		if sp == nil || !compiled(p, f) {
			continue
		}
		for _, im := range f.Sheet.Imports {
			// LESS and SCSS compile the files they import into their own
			// output: only an @import of a .wxss file is left for WeChat to
			// load at run time.
			if f.Lang == wxss.WXSS || im.Target(f.Lang, f.MP).Kind == wxss.PreRuntime {
				leaves(pass, sp, f.MP, "@import", im.Path, f.Pos(im.Start), f.Pos(im.End), views.StylePath)
			}
		}
	}
}

// compiled reports whether the style sheet f becomes part of the app: WXSS
// always, LESS and SCSS when project.config.json names their compiler
// plugin.
func compiled(p *project.Project, f *wxss.File) bool {
	switch f.Lang {
	case wxss.LESS:
		return p.Compilers["less"]
	case wxss.SCSS:
		return p.Compilers["sass"]
	}
	return true
}

// leaves reports a reference from the file at from, in subpackage sp, to a
// file outside sp's root.
func leaves(pass *analysis.Pass, sp *project.Subpackage, from, what, src string, start, end token.Pos, ext func(string) string) {
	mp, ok := wxml.Ref(from, src)
	if !ok || inside(mp, sp.Root) {
		return
	}
	lint.Report(pass, lint.Error, start, end,
		"%s %q resolves to %s, outside the independent subpackage %s: it cannot use templates, scripts or styles of other packages; copy the file under %s/",
		what, src, shown(ext(mp)), sp.Root, sp.Root)
}

// configs reports the usingComponents of pages and components in
// independent subpackages that reach outside their root or into plugins,
// and a plugins field on an independent subpackage.
func configs(pass *analysis.Pass, p *project.Project) {
	dists := npmDists(p)
	for _, ref := range p.ComponentRefs() {
		mp, _ := p.InMP(ref.From.Path)
		sp := independent(p, mp)
		if sp == nil {
			continue
		}
		v := ref.Member.Value
		start, end := ref.From.Pos(v.Start), ref.From.Pos(v.End)
		switch {
		case ref.Kind == project.RefPlugin:
			lint.Report(pass, lint.Error, start, end,
				"component <%s> is a plugin component (%s); independent subpackages cannot use plugins", ref.Member.Key, v.Str)
		case ref.Target != nil && !inside(ref.Target.Path, sp.Root):
			lint.Report(pass, lint.Error, start, end,
				"component <%s> resolves to %s, outside the independent subpackage %s: it cannot use components of other packages; copy the component under %s/",
				ref.Member.Key, shown(ref.Target.Path), sp.Root, sp.Root)
		case ref.Kind == project.RefNpmUnbuilt:
			if dist, how, ok := npmBuildOutside(p, dists, mp, sp); ok {
				lint.Report(pass, lint.Error, start, end,
					"component <%s>: npm package %q is not built yet, and \"Build npm\" will put it in %s (%s), outside the independent subpackage %s, which cannot use it there; build npm into the subpackage (a packNpmRelationList item whose miniprogramNpmDistDir is %q) or copy the component under %s/",
					ref.Member.Key, v.Str, shown(path.Join(dist, "miniprogram_npm")), how, sp.Root, "./"+p.MP(sp.Root)+"/", sp.Root)
			}
		}
	}
	for _, sp := range p.Subpackages {
		if !sp.Independent() {
			continue
		}
		if m := sp.Item.Member("plugins"); m != nil {
			lint.Report(pass, lint.Error, p.App.Pos(m.KeyStart), p.App.Pos(m.KeyEnd),
				"the independent subpackage %s declares plugins; independent subpackages cannot use plugins", sp.Root)
		}
	}
}
