package chattoolnavigation

import (
	_ "embed"
	"go/token"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
)

//go:embed doc.go
var doc string

// Rule is the chattool-navigation rule.
var Rule = lint.NewRule(doc, "chattoolnavigation", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer, views.Analyzer},
	Run:      run,
})

// checker holds what one run knows of the chat tool's navigation.
type checker struct {
	pass  *analysis.Pass
	ct    *project.Subpackage
	pages map[string]bool // the chat tool's pages
	stack *stack
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	ct := p.ChatTool
	if ct == nil || ct.Root == "" {
		return nil, nil
	}
	c := &checker{pass: pass, ct: ct, pages: map[string]bool{}}
	for _, pg := range ct.Pages {
		c.pages[pg.Path] = true
	}
	c.stack = newStack(c.pages)
	for _, f := range jsparse.Of(pass).Files {
		if fx := f.Facts(); fx != nil && p.IsChatTool(f.MP) {
			c.script(f, fx)
		}
	}
	c.templates(views.Of(pass))
	c.stack.report(c)
	return nil, nil
}

// nav is one navigation: what it calls (the wx API, or a navigator's
// open-type as the API it stands for), from where, and its url.
type nav struct {
	api      string
	what     string // as messages name it: wx.navigateTo, <navigator>
	from     string // the page it runs in, "" when not known
	start    token.Pos
	end      token.Pos
	url      string // the static start of the url
	complete bool   // url is the whole url
	known    bool   // the url is known at all
}

func (c *checker) script(f *jsparse.File, fx *jsparse.Facts) {
	self := strings.TrimSuffix(f.MP, path.Ext(f.MP))
	from := ""
	if c.pages[self] {
		from = self
	}
	for _, u := range fx.Uses {
		switch u.API {
		case "navigateTo", "redirectTo", "reLaunch", "switchTab", "navigateBack":
		default:
			continue
		}
		if u.Call == nil {
			if u.Passed && (u.API == "navigateTo" || u.API == "redirectTo") {
				c.stack.unknown = true // promisify(wx.navigateTo): its urls are not seen
			}
			continue
		}
		n := nav{api: u.API, what: "wx." + u.API, from: from}
		n.start, n.end = f.Span(u.Call)
		if u.API == "navigateBack" {
			c.navigateBack(f, u, n)
			continue
		}
		if u.ArgsKnown && len(u.Args) > 0 {
			if o, ok := f.Source.Object(u.Scope, u.Args[0]); ok {
				if prop := o.Get("url"); prop != nil {
					n.url, n.complete, n.known = f.Source.Prefix(o.Scope, prop.Value)
					// Point at the url, or at the argument when the url comes
					// from a const object declared elsewhere.
					at := prop.Value
					if at.Idx0() < u.Call.Idx0() || at.Idx0() > u.Call.Idx1() {
						at = u.Args[0]
					}
					n.start, n.end = f.Span(at)
				}
			}
		}
		c.navigate(n)
	}
	for _, r := range fx.Routes {
		if r.Method == "navigateTo" || r.Method == "redirectTo" {
			c.stack.unknown = true // this.pageRouter.navigateTo, a wrapper...: not followed
		}
	}
}

// navigateBack records a wx.navigateBack of a chat-tool page whose delta is
// known (1 when not given).
func (c *checker) navigateBack(f *jsparse.File, u *jsparse.Use, n nav) {
	if n.from == "" || !u.ArgsKnown {
		return
	}
	delta := 1
	if len(u.Args) > 0 {
		o, ok := f.Source.Object(u.Scope, u.Args[0])
		if !ok {
			return
		}
		if pr := o.Get("delta"); pr != nil {
			v, ok := f.Source.Value(o.Scope, pr.Value)
			if !ok || v.Kind != jsparse.Number || v.Num != float64(int(v.Num)) {
				return
			}
			delta = max(int(v.Num), 1) // (WeChat reads a delta below 1 as 1)
		} else if o.Open {
			return
		}
	}
	c.stack.backs = append(c.stack.backs, back{page: n.from, delta: delta, start: n.start, end: n.end, what: n.what})
}

// navigate checks a navigation to a url, and records where it leads.
func (c *checker) navigate(n nav) {
	if n.api == "switchTab" {
		lint.Report(c.pass, lint.Warning, n.start, n.end,
			"%s leaves chat-tool mode: tabBar pages are never in the chat-tool subpackage %s (an independent subpackage), so switching tabs closes the chat tool", n.what, c.ct.Root)
		return
	}
	target, complete, ok := c.resolve(n)
	if !ok {
		if n.api != "reLaunch" {
			c.stack.unknown = true
		}
		return
	}
	shown := target
	if !complete {
		shown += "/…"
	}
	if outside(target, complete, c.ct.Root) {
		if n.api == "reLaunch" {
			lint.Report(c.pass, lint.Warning, n.start, n.end,
				"%s to /%s leaves chat-tool mode: it closes every page of the chat tool %s and opens one outside it", n.what, shown, c.ct.Root)
			return
		}
		lint.Report(c.pass, lint.Error, n.start, n.end,
			"%s to /%s leaves the chat tool: chat-tool pages can only open pages under /%s/", n.what, shown, c.ct.Root)
		return
	}
	if !complete {
		if n.api != "reLaunch" {
			c.stack.unknown = true // some chat-tool page, which one is not known
		}
		return
	}
	if !c.pages[target] {
		lint.Report(c.pass, lint.Warning, n.start, n.end,
			"%s to /%s: no such page in the chat-tool subpackage %s (its pages are listed in app.json)", n.what, target, c.ct.Root)
		return
	}
	switch n.api {
	case "navigateTo":
		c.stack.edge(n.from, target, 1)
	case "redirectTo":
		c.stack.edge(n.from, target, 0)
	}
}

// resolve returns the page path (complete) or the known leading folders
// (not complete) a navigation's url names, and false when nothing is known
// of it.
func (c *checker) resolve(n nav) (target string, complete, ok bool) {
	if !n.known {
		return "", false, false
	}
	prefix, complete := n.url, n.complete
	if i := strings.IndexAny(prefix, "?#"); i >= 0 {
		prefix, complete = prefix[:i], true
	}
	// Keep only what is known: the whole path, or its complete folders.
	known := prefix
	if !complete {
		i := strings.LastIndex(known, "/")
		if i < 0 {
			return "", false, false
		}
		known = known[:i]
	}
	if strings.HasPrefix(prefix, "/") {
		target = strings.TrimPrefix(path.Clean(known), "/")
	} else {
		if n.from == "" {
			return "", false, false // relative to whichever page runs this code
		}
		target = path.Join(path.Dir(n.from), known)
	}
	if target == "" || target == "." {
		return "", false, false
	}
	return target, complete, true
}

// outside reports whether a page path (complete) or its known leading
// folders (not complete) lie outside root.
func outside(target string, complete bool, root string) bool {
	if target == ".." || strings.HasPrefix(target, "../") {
		return true
	}
	t, r := strings.Split(target, "/"), strings.Split(root, "/")
	if len(t) < len(r) {
		if complete {
			return true
		}
		// Only the first folders are known: outside when they differ.
		for i := range t {
			if t[i] != r[i] {
				return true
			}
		}
		return false
	}
	for i := range r {
		if t[i] != r[i] {
			return true
		}
	}
	return false
}
