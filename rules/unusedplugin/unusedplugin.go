package unusedplugin

import (
	_ "embed"
	"regexp"
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

// Rule is the unused-plugin rule.
var Rule = lint.NewRule(doc, "unusedplugin", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	Run:      run,
})

// plugin is one declared plugin.
type plugin struct {
	member   *jsonc.Member
	provider string
	// root is the subpackage that declares it ("" for app.json's).
	root string
	// inside and outside are set by a use inside its subpackage (anywhere,
	// for app.json's) and outside it.
	inside, outside bool
}

// mention is a use of a plugin found in a file: by alias or AppID, or of
// any plugin (name "").
type mention struct {
	mp, name string
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil || p.IsGame() {
		return nil, nil
	}
	plugins := declared(p)
	if len(plugins) == 0 {
		return nil, nil
	}
	// The cheap sources first: the json files and templates; the scripts
	// are read again only for the plugins still unused.
	for _, jf := range p.JSONFiles {
		if jf == p.App {
			continue // its plugins sections name every plugin
		}
		mark(p, plugins, jf.Path, jf.Src)
	}
	if src := p.App.Src; src != nil {
		mark(p, plugins, p.App.Path, src)
	}
	r := views.Of(pass)
	for _, f := range r.WXML.Files {
		if !f.Doc.Mentions("plugin") {
			continue
		}
		for _, e := range f.Doc.Elements() {
			for _, a := range e.Attrs {
				if strings.Contains(a.Value, "plugin") {
					mark(p, plugins, f.Path, []byte(a.Value))
				}
			}
		}
	}
	for _, f := range jsparse.Of(pass).Files {
		if settled(plugins) {
			break
		}
		if f.ReadErr != nil {
			continue
		}
		if pf, err := p.ReadFile(f.File.Path); err == nil {
			mark(p, plugins, f.File.Path, pf.Src)
		}
	}
	for _, pl := range plugins {
		start, end := p.App.Pos(pl.member.KeyStart), p.App.Pos(pl.member.KeyEnd)
		switch {
		case pl.inside:
		case pl.outside:
			lint.Report(pass, lint.Error, start, end, "plugin %q of subpackage %s is used only outside it", pl.member.Key, pl.root)
		case pl.root != "":
			lint.Report(pass, lint.Error, start, end, "plugin %q of subpackage %s is not used", pl.member.Key, pl.root)
		default:
			lint.Report(pass, lint.Error, start, end, "plugin %q is not used", pl.member.Key)
		}
	}
	return nil, nil
}

// declared returns the plugins of app.json and of its subpackages.
func declared(p *project.Project) []*plugin {
	var out []*plugin
	add := func(obj *jsonc.Value, root string) {
		if obj == nil || obj.Kind != jsonc.Object {
			return
		}
		for _, m := range obj.Members {
			prov, _ := m.Value.Get("provider").String()
			out = append(out, &plugin{member: m, provider: strings.TrimSpace(prov), root: root})
		}
	}
	add(p.App.Root.Get("plugins"), "")
	for _, sp := range p.Subpackages {
		add(sp.Item.Get("plugins"), sp.Root)
	}
	return out
}

// settled reports whether every plugin is used inside its package.
func settled(plugins []*plugin) bool {
	for _, pl := range plugins {
		if !pl.inside {
			return false
		}
	}
	return true
}

var (
	// require finds requirePlugin and what follows it: a string literal
	// argument names the plugin; anything else may name any.
	require = regexp.MustCompile("\\brequirePlugin\\b(\\s*\\(\\s*(?:'([^'\\\\\\n]*)'|\"([^\"\\\\\\n]*)\"|`([^`\\\\$]*)`)\\s*\\))?")
	// url finds plugin://NAME and plugin-private://APPID; a name that is
	// not written out ('plugin://' + name) may be any.
	url = regexp.MustCompile(`\bplugin(?:-private)?://([A-Za-z0-9_.\-]*)`)
)

// mark records the plugins that the text of the file at rel mentions.
func mark(p *project.Project, plugins []*plugin, rel string, src []byte) {
	if len(src) == 0 {
		return
	}
	mp, _ := p.InMP(rel)
	var ms []mention
	if strings.Contains(string(src), "requirePlugin") {
		for _, m := range require.FindAllSubmatch(src, -1) {
			ms = append(ms, mention{mp, string(m[2]) + string(m[3]) + string(m[4])})
		}
	}
	for _, m := range url.FindAllSubmatch(src, -1) {
		ms = append(ms, mention{mp, string(m[1])})
	}
	for _, m := range ms {
		name := strings.TrimSpace(m.name)
		for _, pl := range plugins {
			if name != "" && name != pl.member.Key && (pl.provider == "" || name != pl.provider) {
				continue
			}
			if pl.root == "" || m.mp == pl.root || strings.HasPrefix(m.mp, pl.root+"/") {
				pl.inside = true
			} else {
				pl.outside = true
			}
		}
	}
}
