package missingfile

import (
	"path"
	"strings"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxss"
)

// compiledStyle returns the LESS or SCSS file the compiler plugins build
// the .wxss file at mp from, when mp itself does not exist (a .wxss file
// wins over its sources), or "".
func (c *checker) compiledStyle(mp string) string {
	base, ok := strings.CutSuffix(mp, ".wxss")
	if !ok || c.p.Exists(c.p.MP(mp)) {
		return ""
	}
	for _, src := range []struct{ ext, plugin string }{{".less", "less"}, {".scss", "sass"}, {".sass", "sass"}} {
		if c.p.Compilers[src.plugin] && c.p.Exists(c.p.MP(base+src.ext)) {
			return base + src.ext
		}
	}
	return ""
}

// styleExists reports whether the .wxss file at mp exists, or is built from
// a LESS or SCSS source.
func (c *checker) styleExists(mp string) bool {
	return c.p.Exists(c.p.MP(mp)) || c.compiledStyle(mp) != ""
}

// preprocessed checks the imports of the LESS and SCSS files WeChat's
// compiler builds: those that stand for the style sheet of app, a page or a
// component (or for a .wxss file a compiled style sheet imports) and what
// they import, transitively. A file nothing reaches is not compiled.
func (c *checker) preprocessed(v *views.Result) {
	if !c.p.Compilers["less"] && !c.p.Compilers["sass"] {
		return
	}
	var queue []string
	seen := map[string]bool{}
	reach := func(mp string) {
		if f := v.WXSS.ByMP(mp); f != nil && f.Lang != wxss.WXSS && !seen[mp] {
			seen[mp] = true
			queue = append(queue, mp)
		}
	}
	bases := []string{"app"}
	for _, pg := range c.p.Pages {
		bases = append(bases, pg.Path)
	}
	for _, comp := range c.p.Components {
		bases = append(bases, comp.Path)
	}
	for _, b := range bases {
		reach(c.compiledStyle(b + ".wxss"))
	}
	// A .wxss file WeChat compiles may @import a style sheet that only a
	// LESS or SCSS source provides.
	for _, f := range v.WXSS.Files {
		if f.Lang != wxss.WXSS || !v.Reachable(f.MP) {
			continue
		}
		for _, im := range f.Sheet.Imports {
			if mp, ok := refStyle(f.MP, im.Path); ok {
				reach(c.compiledStyle(mp))
			}
		}
	}
	for len(queue) > 0 {
		f := v.WXSS.ByMP(queue[0])
		queue = queue[1:]
		for _, im := range f.Sheet.Imports {
			c.preImport(f, im, reach)
		}
	}
}

// preImport checks one import of a compiled LESS or SCSS file, and reaches
// the file it compiles in.
func (c *checker) preImport(f *wxss.File, im *wxss.Import, reach func(string)) {
	what := "@" + im.Rule
	start, end := f.Pos(im.Start), f.Pos(im.End)
	t := im.Target(f.Lang, f.MP)
	switch t.Kind {
	case wxss.PreFromFSRoot:
		c.reportAt(lint.Error, start, end,
			"%s %q: sass looks for a path starting with \"/\" from the file system's root, not the mini program's; write it without the \"/\" (sass also looks from the mini program root) or relative to this file",
			what, im.Path)
		return
	case wxss.PreRuntime:
		mp := t.Candidates[0]
		if above(mp) {
			c.reportAt(lint.Error, start, end, "%s %q points above the mini program root", what, im.Path)
		} else if !c.styleExists(mp) {
			c.reportAt(lint.Error, start, end, "%s %q: no such file (looked for %s); the %s plugin keeps it as an @import of the .wxss file, which WeChat loads at run time",
				what, im.Path, c.p.MP(mp), plugin(f.Lang))
		} else {
			reach(c.compiledStyle(mp))
		}
		return
	case wxss.PreInline, wxss.PreOptional:
	default:
		return
	}
	for _, cand := range t.Candidates {
		if !above(cand) && c.p.Exists(c.p.MP(cand)) {
			reach(cand)
			return
		}
	}
	if t.Kind == wxss.PreOptional {
		return
	}
	if above(t.Candidates[0]) && len(t.Candidates) == 1 {
		c.reportAt(lint.Error, start, end, "%s %q points above the mini program root", what, im.Path)
		return
	}
	var shown []string
	for _, cand := range t.Candidates {
		if !above(cand) {
			shown = append(shown, c.p.MP(cand))
		}
	}
	c.reportAt(lint.Error, start, end, "%s %q: no such file (looked for %s)", what, im.Path, strings.Join(shown, ", "))
}

// plugin names the compiler plugin of a language.
func plugin(l wxss.Lang) string {
	if l == wxss.LESS {
		return "less"
	}
	return "sass"
}

func above(mp string) bool { return mp == ".." || strings.HasPrefix(mp, "../") }

// refStyle resolves a WXSS @import path as WeChat does, with the .wxss
// extension it adds to a path without one.
func refStyle(from, src string) (string, bool) {
	s := strings.TrimSpace(src)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "//") {
		return "", false
	}
	if strings.HasPrefix(s, "/") {
		return views.StylePath(path.Clean(s)[1:]), true
	}
	return views.StylePath(path.Join(path.Dir(from), s)), true
}
