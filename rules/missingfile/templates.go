package missingfile

import (
	"go/token"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// templates reports, in the templates and styles WeChat compiles, the
// <import>, <include> and <wxs> sources and WXSS @imports that name no
// file (errors: the compiler cannot resolve them), and <image> sources with
// a static local path that names no file (warnings: the build goes on, the
// image stays blank).
func (c *checker) templates() {
	v := views.Of(c.pass)
	for _, f := range v.WXML.Files {
		if !v.Reachable(f.MP) {
			continue
		}
		for _, e := range f.Doc.Named("import", "include", "wxs", "image", "cover-image") {
			a := e.Attr("src")
			if a == nil {
				continue
			}
			start, end := f.Pos(a.ValueStart), f.Pos(a.ValueEnd)
			switch e.Name {
			case "import", "include":
				c.reference(start, end, lint.Error, f.MP, "<"+e.Name+" src>", a.Value, views.TemplatePath)
			case "wxs":
				c.reference(start, end, lint.Error, f.MP, "<wxs src>", a.Value, views.ModulePath)
			case "image", "cover-image":
				c.reference(start, end, lint.Warning, f.MP, "<"+e.Name+" src>", a.Value, nil)
			}
		}
	}
	for _, f := range v.WXSS.Files {
		if f.Lang != wxss.WXSS || !v.Reachable(f.MP) {
			continue
		}
		for _, im := range f.Sheet.Imports {
			c.reference(f.Pos(im.Start), f.Pos(im.End), lint.Error, f.MP, "@import", im.Path, views.StylePath)
		}
	}
	c.preprocessed(v)
}

// reference reports src, written in the file at mini program path from, when
// it is a local path that names no file. ext adds the extension WeChat adds
// to a path without one.
func (c *checker) reference(start, end token.Pos, sev lint.Severity, from, what, src string, ext func(string) string) {
	mp, ok := wxml.Ref(from, src)
	if !ok {
		return
	}
	if mp == ".." || strings.HasPrefix(mp, "../") {
		c.reportAt(sev, start, end, "%s %q points above the mini program root", what, src)
		return
	}
	if ext != nil {
		mp = ext(mp)
	}
	if !c.p.Exists(c.p.MP(mp)) && c.compiledStyle(mp) == "" {
		c.reportAt(sev, start, end, "%s %q: no such file (looked for %s)", what, src, c.p.MP(mp))
	}
}
