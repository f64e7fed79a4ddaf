package chattoolnavigation

import (
	_ "embed"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the chattool-navigation rule.
var Rule = lint.NewRule(doc, "chattoolnavigation", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	ct := p.ChatTool
	if ct == nil || ct.Root == "" {
		return nil, nil
	}
	pages := map[string]bool{}
	for _, pg := range ct.Pages {
		pages[pg.Path] = true
	}
	for _, f := range jsparse.Of(pass).Files {
		fx := f.Facts()
		if fx == nil || !p.IsChatTool(f.MP) {
			continue
		}
		self := strings.TrimSuffix(f.MP, path.Ext(f.MP))
		isPage := pages[self]
		for _, u := range fx.Uses {
			if u.Call == nil || (u.API != "navigateTo" && u.API != "redirectTo") || len(u.Args) == 0 {
				continue
			}
			o, ok := f.Source.Object(u.Scope, u.Args[0])
			if !ok {
				continue
			}
			prop := o.Get("url")
			if prop == nil {
				continue
			}
			prefix, complete, ok := f.Source.Prefix(o.Scope, prop.Value)
			if !ok {
				continue
			}
			if i := strings.IndexAny(prefix, "?#"); i >= 0 {
				prefix, complete = prefix[:i], true
			}
			// Keep only what is known: the whole path, or its complete folders.
			known := prefix
			if !complete {
				i := strings.LastIndex(known, "/")
				if i < 0 {
					continue
				}
				known = known[:i]
			}
			var target string
			if strings.HasPrefix(prefix, "/") {
				target = strings.TrimPrefix(path.Clean(known), "/")
			} else {
				if !isPage {
					continue // relative to whichever page runs this module
				}
				target = path.Join(path.Dir(self), known)
			}
			if target == "" || target == "." {
				continue
			}
			// Point at the url, or at the argument when the url comes from a
			// const object declared elsewhere.
			at := prop.Value
			if at.Idx0() < u.Call.Idx0() || at.Idx0() > u.Call.Idx1() {
				at = u.Args[0]
			}
			start, end := f.Span(at)
			if outside(target, complete, ct.Root) {
				shown := target
				if !complete {
					shown += "/…"
				}
				lint.Report(pass, lint.Error, start, end,
					"wx.%s to /%s leaves the chat tool: chat-tool pages can only open pages under /%s/",
					u.API, shown, ct.Root)
				continue
			}
			if complete && !pages[target] {
				lint.Report(pass, lint.Warning, start, end,
					"wx.%s to /%s: no such page in the chat-tool subpackage %s (its pages are listed in app.json)",
					u.API, target, ct.Root)
			}
		}
	}
	return nil, nil
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
