package chattooldisabledcomponent

import (
	_ "embed"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
)

//go:embed doc.go
var doc string

// Rule is the chattool-disabled-component rule.
var Rule = lint.NewRule(doc, "chattooldisabledcomponent", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, views.Analyzer},
	Run:      run,
})

const (
	shareFix = "send to the chat with wx.shareAppMessageToGroup, or post a dynamic message with wx.updateShareMenu({ useForChatTool: true, ... }), from an ordinary button's bindtap"
	jumpFix  = "keep the user inside the chat tool, or open the other mini program outside chat-tool mode"
)

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	r := views.Of(pass)
	for _, f := range r.WXML.Files {
		if f.ReadErr != nil || !r.ChatTool(f.MP) || !f.Doc.Has("ad", "ad-custom", "button", "navigator") {
			continue
		}
		via := renderedBy(p, r, f.MP)
		for _, e := range f.Doc.Named("ad", "ad-custom", "button", "navigator") {
			if ref, _ := r.Tag(f.MP, e); ref != nil {
				continue // a custom component under a built-in's name
			}
			switch e.Name {
			case "ad", "ad-custom":
				lint.Report(pass, lint.Error, f.Pos(e.Start+1), f.Pos(e.NameEnd),
					"<%s> is disabled in chat-tool mode: a chat tool shows no ads%s; remove it from the chat-tool pages and the components they use",
					e.Name, via)
			case "button", "navigator":
				for _, d := range disabledValues {
					if d.elem != e.Name {
						continue
					}
					a := e.Attr(d.attr)
					switch can(a, d.value) {
					case always:
						lint.Report(pass, d.sev, f.Pos(a.Start), f.Pos(a.ValueEnd), d.always, via, d.fix)
					case maybe:
						lint.Report(pass, lint.Warning, f.Pos(a.Start), f.Pos(a.ValueEnd), d.maybe, via, d.fix)
					}
				}
			}
		}
	}
	return nil, nil
}

// disabledValues are the attribute values that make a built-in component
// do what chat-tool mode disables. A value that is certain is reported with
// sev, one a data binding may take as a warning. The messages take the
// page that makes the template chat-tool code, then the fix.
var disabledValues = []struct {
	elem, attr, value string
	sev               lint.Severity
	always, maybe     string
	fix               string
}{
	{"button", "open-type", "share", lint.Error,
		"the share button (open-type=\"share\") is disabled in chat-tool mode%s: tapping it does nothing; %s",
		"open-type can be \"share\" here, and the share button is disabled in chat-tool mode%s; %s",
		shareFix},
	{"navigator", "target", "miniProgram", lint.Warning,
		"<navigator target=\"miniProgram\"> jumps to another mini program, and chat-tool mode disables such jumps (as it does wx.navigateToMiniProgram)%s; %s",
		"target can be \"miniProgram\" here: a jump to another mini program, which chat-tool mode disables (as it does wx.navigateToMiniProgram)%s; %s",
		jumpFix},
}

type certainty int

const (
	never certainty = iota
	maybe
	always
)

// can tells whether attribute a (possibly nil) holds value v. A value may
// list several abilities separated by "|" (open-type="share|..."). A data
// binding can hold v when one of its string literals does; one without
// literals ("{{openType}}") cannot be known and counts as never.
func can(a *wxml.Attr, v string) certainty {
	if a == nil {
		return never
	}
	if s, ok := a.Static(); ok {
		if hasPart(s, v) {
			return always
		}
		return never
	}
	for _, lit := range a.Literals() {
		if hasPart(lit, v) {
			return maybe
		}
	}
	return never
}

func hasPart(s, v string) bool {
	for _, part := range strings.Split(s, "|") {
		if strings.TrimSpace(part) == v {
			return true
		}
	}
	return false
}

// renderedBy names the chat-tool page that makes a template outside the
// chat-tool subpackage chat-tool code, so the user sees why it is reported.
func renderedBy(p *project.Project, r *views.Result, mp string) string {
	if p.IsChatTool(mp) {
		return ""
	}
	for _, pg := range r.Pages(mp) {
		if p.IsChatTool(pg.Path) {
			return " (this template is rendered by the chat-tool page " + pg.Path + ")"
		}
	}
	return ""
}
