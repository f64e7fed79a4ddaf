package minifysetting

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

// Rule is the minify-setting rule.
var Rule = lint.NewRule(doc, "minifysetting", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

// keys are the settings the check requires, with what each one minifies.
var keys = []struct{ key, what string }{
	{"minified", "JavaScript"},
	{"minifyWXSS", "WXSS"},
	{"minifyWXML", "WXML"},
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	cfg := p.Config
	if cfg == nil || cfg.Root == nil || cfg.Root.Kind != jsonc.Object || p.App == nil || p.IsGame() {
		return nil, nil
	}
	m := cfg.Root.Member("setting")
	if m == nil {
		// One fix for the three findings: the same edit, made once.
		var all []string
		for _, k := range keys {
			all = append(all, fmt.Sprintf("%q: true", k.key))
		}
		e, ok := jsonedit.AddMember(cfg.Src, cfg.Root, "setting", "{ "+strings.Join(all, ", ")+" }")
		for _, k := range keys {
			d := diag(cfg, cfg.Root.Start, cfg.Root.Head(), "project.config.json has no \"setting\": the %s is not minified (%q)", k.what, k.key)
			if ok {
				d.SuggestedFixes = []analysis.SuggestedFix{jsonedit.Fix(cfg.File, "Add \"setting\" with minified, minifyWXSS and minifyWXML on", e)}
			}
			pass.Report(d)
		}
		return nil, nil
	}
	setting := m.Value
	if setting.Kind != jsonc.Object {
		return nil, nil // config-schema reports it
	}
	var missing []string
	for _, k := range keys {
		if setting.Get(k.key) == nil {
			missing = append(missing, k.key)
		}
	}
	// One fix adds every missing key: the same edit for each finding,
	// made once (two additions to an empty object would need a comma
	// between them).
	add, addOK := addMembers(cfg.Src, missing)
	for _, k := range keys {
		v := setting.Get(k.key)
		switch {
		case v == nil:
			d := diag(cfg, m.KeyStart, m.KeyEnd, "setting has no %q: the %s is not minified", k.key, k.what)
			if addOK {
				d.SuggestedFixes = []analysis.SuggestedFix{jsonedit.Fix(cfg.File, "Add "+strings.Join(quoted(missing), " and ")+" to setting", add)}
			}
			pass.Report(d)
		case !truthy(v):
			d := diag(cfg, v.Start, v.End, "%q is %s in setting: the %s is not minified", k.key, cfg.Src[v.Start:v.End], k.what)
			d.SuggestedFixes = []analysis.SuggestedFix{jsonedit.Fix(cfg.File, fmt.Sprintf("Set %q to true", k.key),
				jsonedit.Edit{Start: v.Start, End: v.End, Text: "true"})}
			pass.Report(d)
		}
	}
	return nil, nil
}

// addMembers returns the edit that adds each key, set to true, to the
// "setting" object of the project.config.json in src, one after the other
// as jsonedit.AddMember adds one.
func addMembers(src []byte, keys []string) (jsonedit.Edit, bool) {
	cur := src
	var start, end int
	for i, key := range keys {
		root, _, err := jsonc.Parse(cur)
		setting := root.Get("setting")
		if err != nil || setting == nil {
			return jsonedit.Edit{}, false
		}
		if i == 0 {
			start, end = setting.Start, setting.End
		}
		e, ok := jsonedit.AddMember(cur, setting, key, "true")
		if !ok {
			return jsonedit.Edit{}, false
		}
		next := make([]byte, 0, len(cur)+len(e.Text))
		next = append(append(append(next, cur[:e.Start]...), e.Text...), cur[e.End:]...)
		cur = next
	}
	// The edit is what changed: an insertion, as AddMember's own.
	grown := len(cur) - len(src)
	text := string(cur[start : end+grown])
	for start < end && text != "" && src[start] == text[0] {
		start, text = start+1, text[1:]
	}
	for end > start && text != "" && src[end-1] == text[len(text)-1] {
		end, text = end-1, text[:len(text)-1]
	}
	return jsonedit.Edit{Start: start, End: end, Text: text}, len(keys) > 0
}

// quoted returns each key as "key": true.
func quoted(keys []string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%q: true", k))
	}
	return out
}

func diag(cfg *project.JSONFile, start, end int, format string, args ...any) analysis.Diagnostic {
	return analysis.Diagnostic{Pos: cfg.Pos(start), End: cfg.Pos(end), Category: lint.Error.String(), Message: fmt.Sprintf(format, args...)}
}

// truthy is JavaScript's !!v for a JSON value: false for false, null, zero
// and "".
func truthy(v *jsonc.Value) bool {
	switch v.Kind {
	case jsonc.Null:
		return false
	case jsonc.Bool:
		return v.Bool
	case jsonc.Number:
		f, err := v.Num.Float64()
		return err != nil || f != 0
	case jsonc.String:
		return v.Str != ""
	}
	return true
}
