package minbaselibrary

import (
	_ "embed"
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/internal/wxapi"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the min-base-library rule.
var Rule = lint.NewRule(doc, "minbaselibrary", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
	Run:      run,
})

// optionArg is the index of the option object for the APIs whose option
// object is not the first argument (see wxapi.API.Fields).
var optionArg = map[string]int{
	"createIntersectionObserver": 1, // (component, options)
	"createWorker":               1, // (scriptPath, options)
}

// minimum is the effective minimum base library of a file, and where it
// comes from.
type minimum struct {
	v    project.Version
	from string
}

func (m minimum) String() string { return fmt.Sprintf("the minimum %s (%s)", m.v, m.from) }

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	tb := wxapi.For(p.IsGame())
	for _, f := range jsparse.Of(pass).Files {
		if f.Lang == jsparse.WXS || f.Limited {
			continue // WXS has no wx object; Limited files have no AST
		}
		fx := f.Facts()
		if fx == nil {
			continue
		}
		m, ok := effectiveMinimum(p, f.MP)
		if !ok {
			continue
		}
		for _, u := range fx.Uses {
			checkUse(pass, f, tb, m, u)
		}
	}
	return nil, nil
}

// gameChatToolBaseLibrary is the oldest base library that runs a mini
// game's chat-tool mode: «从基础库 3.7.12 开始支持» (the mini-game chat-tool
// guide, minigame/dev/guide/open-ability/chat-tool.html).
var gameChatToolBaseLibrary = project.Version{3, 7, 12}

// effectiveMinimum returns the oldest base library code at mp runs on, and
// false when it is unknown (no --min-base-library, outside the chat tool).
func effectiveMinimum(p *project.Project, mp string) (minimum, bool) {
	given := p.Options.MinBaseLibrary
	if p.IsGame() {
		// A mini game declares no chat-tool code: the same code runs in
		// chat-tool mode and out of it. Only --assume-chat-tool says that
		// it runs in chat-tool mode, hence on 3.7.12 and up.
		switch {
		case p.Options.AssumeChatTool && given.Less(gameChatToolBaseLibrary):
			return minimum{gameChatToolBaseLibrary, "the oldest base library that runs a mini game's chat-tool mode, as --assume-chat-tool says this code runs in it"}, true
		case given == project.Version{}:
			return minimum{}, false
		}
		return minimum{given, "--min-base-library"}, true
	}
	v := p.MinBaseLibrary(mp)
	switch {
	case p.IsChatTool(mp) && given.Less(v):
		return minimum{v, "the oldest base library that runs chat tools"}, true
	case given == project.Version{}:
		return minimum{}, false
	}
	return minimum{v, "--min-base-library"}, true
}

// newer reports whether version since (x.y.z, from the typings or a guard)
// is newer than v. An empty or unreadable version is not.
func newer(since string, v project.Version) bool {
	if since == "" {
		return false
	}
	s, err := project.ParseVersion(since)
	return err == nil && v.Less(s)
}

// covered reports whether the guard establishes base library since: by a
// version check, or by a feature test of an API of the table tb that
// appeared in since or later: where wx.isChatTool exists, the base library
// is 3.7.12 or newer, and so every API of 3.7.12 is there. (A test of one
// option field, wx.canIUse('api.object.field'), establishes the API's
// version, not that of the other fields.)
func covered(g *jsparse.Guard, tb *wxapi.Table, since string) bool {
	s, err := project.ParseVersion(since)
	if err != nil {
		return false
	}
	if !g.MinVersion().Less(s) {
		return true
	}
	if g == nil {
		return false
	}
	for _, a := range tb.All() {
		if v, err := project.ParseVersion(a.Since); a.Since != "" && err == nil && !v.Less(s) && g.Has(a.Name) {
			return true
		}
	}
	return false
}

func checkUse(pass *analysis.Pass, f *jsparse.File, tb *wxapi.Table, m minimum, u *jsparse.Use) {
	if u.Call == nil && !u.Passed {
		return // a feature test or a plain reference: nothing is called
	}
	api, ok := tb.Lookup(u.API)
	if !ok {
		return
	}
	if !u.Optional && newer(api.Since, m.v) && !u.Guard.Has(u.API) && !covered(u.Guard, tb, api.Since) {
		how := ""
		if u.Passed {
			how = " (passed to a wrapper that calls it)"
		}
		start, end := f.Span(u.Node)
		lint.Report(pass, lint.Error, start, end,
			"wx.%s%s needs base library %s, newer than %s; on older ones it is undefined and calling it throws: guard it with wx.canIUse('%s') or raise --min-base-library",
			u.API, how, api.Since, m, u.API)
	}
	if u.Call == nil || !u.ArgsKnown || len(api.Fields) == 0 {
		return
	}
	i := optionArg[u.API]
	if i >= len(u.Args) {
		return
	}
	o, ok := f.Source.Object(u.Scope, u.Args[i])
	if !ok {
		return
	}
	checkFields(pass, f, tb, m, u, api, o, "")
}

// checkFields reports the properties of the option object o (at the dotted
// prefix, "" for the top level) whose field needs a newer base library.
func checkFields(pass *analysis.Pass, f *jsparse.File, tb *wxapi.Table, m minimum, u *jsparse.Use, api *wxapi.API, o *jsparse.Object, prefix string) {
	for _, prop := range o.Props {
		name := prefix + prop.Key
		if fd, ok := api.Field(name); ok && newer(fd.Since, m.v) && !u.Guard.HasField(u.API, name) && !covered(u.Guard, tb, fd.Since) {
			start, end := f.Span(prop.KeyNode)
			lint.Report(pass, lint.Warning, start, end,
				"option %q of wx.%s needs base library %s, newer than %s; older ones ignore it silently: guard the call with wx.canIUse('%s.object.%s') or raise --min-base-library",
				name, u.API, fd.Since, m, u.API, name)
		}
		if prefix != "" || !hasNested(api, name) {
			continue
		}
		if sub, ok := f.Source.Object(o.Scope, prop.Value); ok {
			checkFields(pass, f, tb, m, u, api, sub, name+".")
		}
	}
}

// hasNested reports whether the API has versioned fields below name.
func hasNested(api *wxapi.API, name string) bool {
	for _, fd := range api.Fields {
		if strings.HasPrefix(fd.Name, name+".") {
			return true
		}
	}
	return false
}
