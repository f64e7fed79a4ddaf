package missingfile

import (
	_ "embed"
	"go/token"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

//go:embed doc.go
var doc string

// Rule is the missing-file rule.
var Rule = lint.NewRule(doc, "missingfile", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	Run:      run,
})

type checker struct {
	pass *analysis.Pass
	p    *project.Project
}

func (c *checker) report(jf *project.JSONFile, v *jsonc.Value, sev lint.Severity, format string, args ...any) {
	c.reportAt(sev, jf.Pos(v.Start), jf.Pos(v.Head()), format, args...)
}

// reportAt reports a file that is not there, unless a path the message
// names lies in a folder that cannot be read: whether it exists cannot be
// known, and parse-error reports the folder ("cannot read").
func (c *checker) reportAt(sev lint.Severity, start, end token.Pos, format string, args ...any) {
	for _, a := range args {
		if s, ok := a.(string); ok && c.unreadable(s) {
			return
		}
	}
	lint.Report(c.pass, sev, start, end, format, args...)
}

// unreadable reports whether s, a path relative to the project or a list
// of them, names something inside a folder the loader could not read.
func (c *checker) unreadable(s string) bool {
	for _, part := range strings.Split(s, ", ") {
		if c.p.InUnreadable(part) != "" {
			return true
		}
	}
	return false
}

func run(pass *analysis.Pass) (any, error) {
	c := &checker{pass: pass, p: project.Of(pass)}
	c.miniprogramRoot()
	c.scripts()
	c.templates()
	if c.p.App == nil || c.p.App.Root == nil {
		return nil, nil
	}
	c.pages()
	c.entries()
	c.components()
	c.locations()
	c.tabBar()
	return nil, nil
}

func (c *checker) miniprogramRoot() {
	cfg := c.p.Config
	if c.p.MiniRootErr == "" || cfg == nil || cfg.Root == nil {
		return
	}
	c.report(cfg, cfg.Root.Get("miniprogramRoot"), lint.Error, "%s", c.p.MiniRootErr)
}

// script reports whether the JS of mp (a path without extension) exists, and
// the .ts that would stand for it when the project does not compile
// TypeScript.
func (c *checker) script(mp string) (ok bool, tsOnly bool) {
	if c.p.Exists(c.p.MP(mp + ".js")) {
		return true, false
	}
	if c.p.Exists(c.p.MP(mp + ".ts")) {
		return c.p.Compilers["typescript"], !c.p.Compilers["typescript"]
	}
	return false, false
}

const tsHint = "; the project does not compile TypeScript: add \"typescript\" to setting.useCompilerPlugins in project.config.json"

func (c *checker) pages() {
	for _, pg := range c.p.Pages {
		var missing []string
		if !c.p.Exists(c.p.MP(pg.Path + ".wxml")) {
			missing = append(missing, ".wxml")
		}
		ok, tsOnly := c.script(pg.Path)
		hint := ""
		switch {
		case tsOnly:
			missing = append(missing, ".js")
			hint = tsHint
		case !ok:
			missing = append(missing, ".js")
		}
		if len(missing) > 0 {
			c.report(c.p.App, pg.Value, lint.Error, "page %s has no %s file (%s)%s",
				pg.Path, strings.Join(missing, " or "), describe(c.p, pg.Path, missing), hint)
		}
	}
}

func describe(p *project.Project, mp string, exts []string) string {
	var files []string
	for _, e := range exts {
		files = append(files, p.MP(mp+e))
	}
	return "looked for " + strings.Join(files, ", ")
}

func (c *checker) entries() {
	for _, sp := range c.p.Subpackages {
		v := sp.Item.Get("entry")
		entry, ok := v.String()
		if !ok {
			continue
		}
		mp := path.Join(sp.Root, strings.TrimPrefix(path.Clean("/"+entry), "/"))
		if c.p.Exists(c.p.MP(mp)) {
			continue
		}
		if base, isJS := strings.CutSuffix(mp, ".js"); isJS && c.p.Exists(c.p.MP(base+".ts")) {
			if !c.p.Compilers["typescript"] {
				c.report(c.p.App, v, lint.Error, "entry %q of subpackage %q exists only as %s%s", entry, sp.Root, c.p.MP(base+".ts"), tsHint)
			}
			continue
		}
		c.report(c.p.App, v, lint.Error, "entry %q of subpackage %q does not exist (looked for %s); the entry is relative to the subpackage root", entry, sp.Root, c.p.MP(mp))
	}
}

func (c *checker) components() {
	for _, ref := range c.p.ComponentRefs() {
		v := ref.Member.Value
		switch ref.Kind {
		case project.RefMissing:
			c.report(ref.From, v, lint.Error, "component <%s>: %q does not exist (looked for %s.json or %s/index.json)",
				ref.Member.Key, v.Str, c.p.MP(ref.Tried), c.p.MP(ref.Tried))
		case project.RefOutside:
			c.report(ref.From, v, lint.Error, "component <%s>: %q leaves the mini program root", ref.Member.Key, v.Str)
		case project.RefNpmUnbuilt:
			c.report(ref.From, v, lint.Info, "component <%s>: npm package of %q is declared but not built into miniprogram_npm; run Tools > Build npm before preview", ref.Member.Key, v.Str)
		}
	}
}

// locations checks sitemapLocation and themeLocation. A missing sitemap is
// a warning: Tencent's compiler does not check it and builds the app
// (miniprogram-ci 2.1.42 defines checkSitemapLocation but never calls it;
// wechat-miniprogram/awesome-skyline's refresher-two-level example builds
// without its sitemap.json). A missing theme file stops the build.
func (c *checker) locations() {
	for _, key := range []string{"sitemapLocation", "themeLocation"} {
		v := c.p.App.Root.Get(key)
		loc, ok := v.String()
		if !ok || c.p.Exists(c.p.MP(loc)) {
			continue
		}
		if key == "sitemapLocation" {
			c.report(c.p.App, v, lint.Warning, "%s %q does not exist (looked for %s); the app builds without it, with none of the indexing rules it would hold", key, loc, c.p.MP(loc))
			continue
		}
		c.report(c.p.App, v, lint.Error, "%s %q does not exist (looked for %s)", key, loc, c.p.MP(loc))
	}
}

// tabBar checks icon paths. A value "@name" is a variable of the theme file
// (themeLocation), with a value for light and for dark mode: both are checked.
func (c *checker) tabBar() {
	list := c.p.App.Root.Get("tabBar").Get("list")
	if list == nil || list.Kind != jsonc.Array {
		return
	}
	var theme *jsonc.Value
	if loc, ok := c.p.App.Root.Get("themeLocation").String(); ok {
		if f := c.p.JSON(c.p.MP(loc)); f != nil {
			theme = f.Root
		}
	}
	for _, item := range list.Elems {
		for _, key := range []string{"iconPath", "selectedIconPath"} {
			v := item.Get(key)
			s, ok := v.String()
			if !ok || s == "" {
				continue
			}
			if name, isVar := strings.CutPrefix(s, "@"); isVar {
				for _, mode := range []string{"light", "dark"} {
					if p, ok := theme.Get(mode).Get(name).String(); ok && !c.p.Exists(c.p.MP(p)) {
						c.report(c.p.App, v, lint.Error, "tabBar %s %q (%s mode: %q) does not exist (looked for %s)", key, s, mode, p, c.p.MP(p))
					}
				}
				continue
			}
			if !c.p.Exists(c.p.MP(s)) {
				c.report(c.p.App, v, lint.Error, "tabBar %s %q does not exist (looked for %s)", key, s, c.p.MP(s))
			}
		}
	}
}
