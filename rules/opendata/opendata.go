package opendata

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
)

//go:embed doc.go
var doc string

// Rule is the open-data rule.
var Rule = lint.NewRule(doc, "opendata", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, views.Analyzer},
	Run:      run,
})

var (
	listTypes = []string{"groupMembers"}
	itemTypes = []string{"userNickName", "userAvatar"}
)

// submitToGroupBindings are the attributes that bind a form's submitToGroup
// event.
var submitToGroupBindings = []string{
	"bind:submitToGroup", "bindsubmitToGroup",
	"catch:submitToGroup", "catchsubmitToGroup",
	"capture-bind:submitToGroup", "capture-catch:submitToGroup",
	"mut-bind:submitToGroup",
}

type checker struct {
	pass *analysis.Pass
	r    *views.Result
	f    *wxml.File
	// els are the elements of f, with their tree, once one is wanted.
	els []*wxml.Element
}

// inTree returns the element of f's tree that e (one of Named's, which
// has no parent) is.
func (c *checker) inTree(e *wxml.Element) *wxml.Element {
	if c.els == nil {
		c.els = c.f.Doc.Elements()
	}
	i, _ := slices.BinarySearchFunc(c.els, e.Start, func(x *wxml.Element, start int) int { return x.Start - start })
	return c.els[i]
}

func run(pass *analysis.Pass) (any, error) {
	r := views.Of(pass)
	for _, f := range r.WXML.Files {
		if f.ReadErr != nil {
			continue
		}
		c := &checker{pass: pass, r: r, f: f}
		for _, e := range f.Doc.Named("open-data-list", "open-data-item", "button") {
			if ref, _ := r.Tag(f.MP, e); ref != nil {
				continue // a custom component under a built-in's name
			}
			switch e.Name {
			case "open-data-list":
				c.enum(e, "type", listTypes, "群成员信息, the chat's members")
				if e.Attr("members") == nil {
					c.report(lint.Warning, e.Start+1, e.NameEnd,
						"<open-data-list> has no members attribute: without the group_openid list (from wx.selectGroupMembers or your server) it has no member to render; add members=\"{{members}}\"")
				}
				c.skyline(e)
			case "open-data-item":
				c.enum(e, "type", itemTypes, "the member's nickname or avatar")
				if e.Attr("index") == nil {
					c.report(lint.Error, e.Start+1, e.NameEnd,
						"<open-data-item> has no index attribute: it is required and says which member of the enclosing <open-data-list> to show; add index=\"{{index}}\"")
				}
				c.skyline(e)
			case "button":
				c.submitToGroup(e)
			}
		}
	}
	return nil, nil
}

func (c *checker) report(sev lint.Severity, start, end int, format string, args ...any) {
	lint.Report(c.pass, sev, c.f.Pos(start), c.f.Pos(end), format, args...)
}

// enum checks that attribute name of e is present and can hold one of want.
func (c *checker) enum(e *wxml.Element, name string, want []string, what string) {
	a := e.Attr(name)
	valid := quoteAll(want)
	if a == nil {
		c.report(lint.Error, e.Start+1, e.NameEnd,
			"<%s> has no %s attribute: it is required, and must be %s (%s)", e.Name, name, valid, what)
		return
	}
	if s, ok := a.Static(); ok {
		if !contains(want, strings.TrimSpace(s)) {
			d := analysis.Diagnostic{Pos: c.f.Pos(a.Start), End: c.f.Pos(a.ValueEnd), Category: lint.Error.String(),
				Message: fmt.Sprintf("<%s> %s=%q is not a valid type: it must be %s (%s)%s", e.Name, name, s, valid, what, hint(s))}
			if w := caseOf(want, s); w != "" && a.HasValue && a.ValueEnd-a.ValueStart == len(s) {
				// Safe: the one valid type it spells, in another case.
				d.SuggestedFixes = []analysis.SuggestedFix{{
					Message:   fmt.Sprintf("Set %s to %q", name, w),
					TextEdits: []analysis.TextEdit{{Pos: c.f.Pos(a.ValueStart), End: c.f.Pos(a.ValueEnd), NewText: []byte(w)}},
				}}
			}
			c.pass.Report(d)
		}
		return
	}
	lits := a.Literals()
	for _, l := range lits {
		if contains(want, l) {
			return
		}
	}
	if len(lits) > 0 {
		c.report(lint.Warning, a.Start, a.ValueEnd,
			"<%s> %s can only be %s here, none of them a valid type: it must be %s (%s)", e.Name, name, quoteAll(lits), valid, what)
	}
}

// caseOf returns the one item of want that s spells in another case, or "".
func caseOf(want []string, s string) string {
	found := ""
	for _, w := range want {
		if w != s && strings.EqualFold(w, s) {
			if found != "" {
				return ""
			}
			found = w
		}
	}
	return found
}

// hint points from the types of the old <open-data> component to the new.
func hint(s string) string {
	switch s {
	case "userAvatarUrl":
		return `; "userAvatarUrl" is a type of the old <open-data>, here it is "userAvatar"`
	case "groupMember":
		return `; did you mean "groupMembers"?`
	}
	return ""
}

// skyline warns when only WebView pages render the template: the component
// pages list Skyline alone as the framework that supports them.
func (c *checker) skyline(e *wxml.Element) {
	pages := c.r.Pages(c.f.MP)
	if len(pages) == 0 || c.r.Skyline(c.f.MP) != nil {
		return
	}
	c.report(lint.Warning, e.Start+1, e.NameEnd,
		"<%s> renders only under Skyline, and the pages rendering this template (%s) use WebView; render it from a Skyline page, such as the chat tool's", e.Name, pageList(pages))
}

func (c *checker) submitToGroup(e *wxml.Element) {
	a := e.Attr("form-type")
	if a == nil {
		return
	}
	sev := lint.Error
	if s, ok := a.Static(); ok {
		if strings.TrimSpace(s) != "submitToGroup" {
			return
		}
	} else {
		if !contains(a.Literals(), "submitToGroup") {
			return
		}
		sev = lint.Warning
	}
	e = c.inTree(e)
	form := e.Ancestor("form")
	if form == nil {
		if e.Ancestor("template") != nil || !c.ownTemplate() {
			return // its form may be where the template is used
		}
		c.report(sev, a.Start, a.ValueEnd,
			"<button form-type=\"submitToGroup\"> is not inside a <form> of this template: a form-type button acts only on a form of its own component, so it sends nothing to the chat; put it with the <textarea> inside <form bind:submitToGroup=\"...\">")
		return
	}
	if form.AttrAny(submitToGroupBindings...) != nil {
		return
	}
	p := project.Of(c.pass)
	line := p.Lines(c.f.TF(), p.Text(c.f.Path)).Line(c.f.Pos(form.Start))
	c.report(lint.Warning, a.Start, a.ValueEnd,
		"the <form> on line %d has no bind:submitToGroup handler: the text is sent, but the page never learns it was; add bind:submitToGroup=\"onSubmitToGroup\" to the form", line)
}

// ownTemplate reports whether the file is the template of a page or
// component, rather than one that other templates import or include.
func (c *checker) ownTemplate() bool {
	base := strings.TrimSuffix(c.f.MP, ".wxml")
	return contains(c.r.Owners(c.f.MP), base)
}

func pageList(pages []*project.Page) string {
	var names []string
	for i, pg := range pages {
		if i == 3 {
			names = append(names, fmt.Sprintf("and %d more", len(pages)-3))
			break
		}
		names = append(names, pg.Path)
	}
	return strings.Join(names, ", ")
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, " or ")
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
