package skylineconfig

import (
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

// skylineEnd is the sdkVersionEnd Tencent's chat-tool sample sets: no base
// library to come falls outside Skyline's range.
const skylineEnd = "15.255.255"

// checkChatToolRendererOptions reports, in an app with a chat tool, the
// rendererOptions.skyline settings that leave some users on WebView: Skyline
// renders outside WeChat's A/B experiment only with "disableABTest": true, and
// only for base libraries up to "sdkVersionEnd"
// (framework/runtime/skyline/migration/release.html). Chat-tool pages must
// render with Skyline.
func checkChatToolRendererOptions(pass *analysis.Pass, p *project.Project) {
	ct := p.ChatTool
	if ct == nil {
		return
	}
	app := p.App
	report := func(start, end int, fix *analysis.SuggestedFix, format string, args ...any) {
		d := analysis.Diagnostic{Pos: app.Pos(start), End: app.Pos(end), Category: lint.Error.String(), Message: fmt.Sprintf(format, args...)}
		if fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		pass.Report(d)
	}
	const why = "Skyline renders only for the users of WeChat's A/B experiment, and the others get WebView, which chat-tool pages cannot use"

	ro := app.Root.Member("rendererOptions")
	var sky *jsonc.Member
	if ro != nil {
		sky = ro.Value.Member("skyline")
	}
	if sky == nil {
		at := app.Root.Member("chatTools")
		if ro != nil {
			at = ro
		}
		report(at.KeyStart, at.KeyEnd, nil,
			"chat tool %s renders with Skyline, but app.json has no \"rendererOptions\": {\"skyline\": {\"disableABTest\": true}}: without it %s", ct.Root, why)
		return
	}
	opts := sky.Value
	if opts.Kind != jsonc.Object {
		return // config-schema's finding
	}
	switch m := opts.Member("disableABTest"); {
	case m == nil:
		var fix *analysis.SuggestedFix
		if e, ok := jsonedit.AddMember(app.Src, opts, "disableABTest", "true"); ok {
			f := jsonedit.Fix(app.File, "Add \"disableABTest\": true", e)
			fix = &f
		}
		report(sky.KeyStart, sky.KeyEnd, fix,
			"rendererOptions.skyline has no \"disableABTest\": true, and app.json has chat tool %s: without it %s", ct.Root, why)
	case !m.Value.IsTrue():
		var fix *analysis.SuggestedFix
		if m.Value.Kind == jsonc.Bool {
			f := jsonedit.Fix(app.File, "Set \"disableABTest\" to true", jsonedit.Edit{Start: m.Value.Start, End: m.Value.End, Text: "true"})
			fix = &f
		}
		report(m.Value.Start, m.Value.End, fix,
			"rendererOptions.skyline \"disableABTest\" must be true in an app with chat tool %s: otherwise %s", ct.Root, why)
	}
	if v := opts.Get("sdkVersionEnd"); v != nil {
		s, ok := v.String()
		end, err := project.ParseVersion(s)
		limit, _ := project.ParseVersion(skylineEnd)
		if ok && err == nil && end.Less(limit) {
			f := jsonedit.Fix(app.File, "Set \"sdkVersionEnd\" to \""+skylineEnd+"\"", jsonedit.SetString(v, skylineEnd))
			report(v.Start, v.End, &f,
				"rendererOptions.skyline \"sdkVersionEnd\" is %q: base libraries after it render chat tool %s with WebView, which chat-tool pages cannot use; set it to %q", s, ct.Root, skylineEnd)
		}
	}
}
