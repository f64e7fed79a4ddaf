package chattoolrenderer

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the chattool-renderer rule.
var Rule = lint.NewRule(doc, "chattoolrenderer", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.Options.AssumeChatTool {
		checkDeclared(pass, p)
		return nil, nil
	}
	sp := p.ChatTool
	if sp == nil {
		return nil, nil
	}
	check(pass, p, sp, "renderer", "skyline", func(pg *project.Page) project.Setting { return pg.Renderer })
	check(pass, p, sp, "componentFramework", "glass-easel", func(pg *project.Page) project.Setting { return pg.ComponentFramework })
	return nil, nil
}

func check(pass *analysis.Pass, p *project.Project, sp *project.Subpackage, key, want string, get func(*project.Page) project.Setting) {
	var inherited []string
	var cause project.Setting
	for _, pg := range sp.Pages {
		s := get(pg)
		if s.Value == want {
			continue
		}
		if s.Level == "page" {
			report(pass, s.File, s.Node, setFix(s.File, s.Node, key, want),
				"chat-tool page %s sets %q to %q; chat-tool pages must use %q: set it here or remove it to inherit the subpackage's",
				pg.Path, key, s.Value, want)
			continue
		}
		inherited = append(inherited, strings.TrimPrefix(pg.Path, sp.Root+"/"))
		cause = s
	}
	if len(inherited) == 0 {
		return
	}
	pages := "its pages " + strings.Join(inherited, ", ")
	if len(inherited) == 1 {
		pages = "its page " + inherited[0]
	}
	if len(inherited) == len(sp.Pages) {
		pages = "all its pages"
	}
	var where string
	switch cause.Level {
	case "subpackage":
		report(pass, p.App, cause.Node, setFix(p.App, cause.Node, key, want),
			"chat-tool subpackage %q sets %q to %q (%s); chat tools must use %q", sp.Root, key, cause.Value, pages, want)
		return
	case "app":
		where = "app.json sets " + `"` + key + `": "` + cause.Value + `"`
	default:
		where = "WeChat's default is " + `"` + cause.Value + `"`
	}
	root := sp.Item.Get("root")
	var fix *analysis.SuggestedFix
	if v := sp.Item.Get(key); v != nil {
		// Not a string (the loader ignores it): replace it.
		fix = setFix(p.App, v, key, want)
	} else if e, ok := jsonedit.AddMember(p.App.Src, sp.Item, key, jsonedit.Quote(want)); ok {
		f := jsonedit.Fix(p.App.File, fmt.Sprintf("Add %q: %q to the chat-tool subpackage", key, want), e)
		fix = &f
	}
	report(pass, p.App, root, fix,
		"chat-tool subpackage %q resolves %q to %q for %s (%s); add \"%s\": %q to its subPackages item",
		sp.Root, key, cause.Value, pages, where, key, want)
}

// setFix sets the value v of key to want. Safe: a chat tool renders with
// Skyline and glass-easel only, so no other value can work.
func setFix(jf *project.JSONFile, v *jsonc.Value, key, want string) *analysis.SuggestedFix {
	f := jsonedit.Fix(jf.File, fmt.Sprintf("Set %s to %q", key, want), jsonedit.SetString(v, want))
	return &f
}

// report reports an error on v, with fix when it is not nil.
func report(pass *analysis.Pass, jf *project.JSONFile, v *jsonc.Value, fix *analysis.SuggestedFix, format string, args ...any) {
	d := analysis.Diagnostic{Pos: jf.Pos(v.Start), End: jf.Pos(v.End), Category: lint.Error.String(), Message: fmt.Sprintf(format, args...)}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	pass.Report(d)
}

// checkDeclared serves --assume-chat-tool: every page and component json is
// chat-tool code, so a renderer or componentFramework it declares must be the
// chat tool's.
func checkDeclared(pass *analysis.Pass, p *project.Project) {
	for _, jf := range p.JSONFiles {
		if jf.Root == nil || (jf.Schema != "page" && jf.Schema != "component") {
			continue
		}
		for _, kv := range [][2]string{{"renderer", "skyline"}, {"componentFramework", "glass-easel"}} {
			if v := jf.Root.Get(kv[0]); v != nil && v.Str != kv[1] {
				if s, ok := v.String(); ok {
					lint.Report(pass, lint.Error, jf.Pos(v.Start), jf.Pos(v.End),
						"%s sets %q to %q, but chat-tool code must use %q (--assume-chat-tool)", jf.Path, kv[0], s, kv[1])
				}
			}
		}
	}
}
