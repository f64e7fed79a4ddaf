package skylinesupport

import (
	"maps"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/views"
	"github.com/chattool-lint/chattool-lint/wxml"
)

// unsupportedComponents are the built-in components Skyline does not
// render (framework/runtime/skyline/component.html), with what to use
// instead.
var unsupportedComponents = map[string]string{
	"web-view":           `Skyline does not support it; give the web page its own page with "renderer": "webview"`,
	"editor":             "Skyline does not support it and has no rich-text editor; use <textarea> for plain text",
	"match-media":        "Skyline does not support it (its media queries are dark mode only); compute the condition from wx.getWindowInfo() in script and bind it with wx:if",
	"keyboard-accessory": "Skyline does not support it; place the toolbar yourself from the worklet:onkeyboardheightchange callback of <input> or <textarea>",
}

// scrollViewTypes are the modes Skyline's scroll-view has.
var scrollViewTypes = map[string]bool{"list": true, "custom": true, "nested": true}

// checkedTags are the tags checkTemplate looks at.
var checkedTags = append(slices.Collect(maps.Keys(unsupportedComponents)), "scroll-view")

func checkTemplate(pass *analysis.Pass, r *views.Result, f *wxml.File, where string) {
	if !f.Doc.Has(checkedTags...) {
		return
	}
	for _, e := range f.Doc.Elements() {
		why, unsupported := unsupportedComponents[e.Name]
		if !unsupported && e.Name != "scroll-view" {
			continue
		}
		if ref, _ := r.Tag(f.MP, e); ref != nil {
			continue // a custom component under a built-in's name
		}
		start, end := f.Pos(e.Start+1), f.Pos(e.NameEnd)
		if unsupported {
			lint.Report(pass, lint.Warning, start, end, "<%s> (%s): %s", e.Name, where, why)
			continue
		}
		a := e.Attr("type")
		if a == nil {
			lint.Report(pass, lint.Warning, start, end,
				`<scroll-view> without type (%s): Skyline's scroll-view needs its mode, type="list" (a long list of direct children), "custom" (with list-view, grid-view or sticky-section) or "nested"`,
				where)
			continue
		}
		if v, static := a.Static(); static && !scrollViewTypes[v] {
			lint.Report(pass, lint.Warning, f.Pos(a.Start), f.Pos(a.ValueEnd),
				`<scroll-view type=%q> (%s): Skyline's scroll-view modes are "list", "custom" and "nested"`,
				v, where)
		}
	}
}
