package chattoolnavigation

import (
	"strconv"
	"strings"

	"github.com/chattool-lint/chattool-lint/views"
)

// openTypes maps a <navigator open-type> to the API it calls.
var openTypes = map[string]string{
	"": "navigateTo", "navigate": "navigateTo", "redirect": "redirectTo",
	"reLaunch": "reLaunch", "switchTab": "switchTab", "navigateBack": "navigateBack",
}

// templates checks the <navigator> elements of the templates chat-tool
// pages render, as the calls they stand for. A url relative to the
// template is resolved only in a page's own template (a component's
// template runs in whichever page uses it).
func (c *checker) templates(v *views.Result) {
	for _, f := range v.WXML.Files {
		if !v.Reachable(f.MP) || !v.ChatTool(f.MP) || !f.Doc.Has("navigator") {
			continue
		}
		self := strings.TrimSuffix(f.MP, ".wxml")
		from := ""
		if c.pages[self] {
			from = self
		}
		for _, e := range f.Doc.Elements() {
			if e.Name != "navigator" {
				continue
			}
			if t := e.Attr("target"); t != nil && t.Value != "self" && t.Value != "" {
				continue // another mini program: chattool-disabled-component's
			}
			kind := ""
			if a := e.Attr("open-type"); a != nil {
				kind = a.Value
			}
			api, ok := openTypes[kind]
			if !ok {
				if strings.Contains(kind, "{{") && kind != "" {
					c.stack.unknown = true
				}
				continue
			}
			what := "<navigator>"
			if kind != "" {
				what = `<navigator open-type="` + kind + `">`
			}
			n := nav{api: api, what: what, from: from, start: f.Pos(e.Start + 1), end: f.Pos(e.NameEnd)}
			if api == "navigateBack" {
				delta := 1
				if a := e.Attr("delta"); a != nil {
					d, err := strconv.Atoi(strings.TrimSpace(a.Value))
					if err != nil {
						continue
					}
					delta = max(d, 1)
				}
				if from != "" {
					c.stack.backs = append(c.stack.backs, back{page: from, delta: delta, start: n.start, end: n.end, what: what})
				}
				continue
			}
			if a := e.Attr("url"); a != nil && a.HasValue {
				n.start, n.end = f.Pos(a.ValueStart), f.Pos(a.ValueEnd)
				n.url, n.complete, n.known = a.Value, true, true
				if i := strings.Index(a.Value, "{{"); i >= 0 {
					n.url, n.complete = a.Value[:i], false
				}
			}
			c.navigate(n)
		}
	}
}
