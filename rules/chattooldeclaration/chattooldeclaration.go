package chattooldeclaration

import (
	_ "embed"
	"fmt"
	"path"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/fix/jsonedit"
	"github.com/chattool-lint/chattool-lint/internal/suggest"
	"github.com/chattool-lint/chattool-lint/jsonc"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the chattool-declaration rule.
var Rule = lint.NewRule(doc, "chattooldeclaration", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer},
	Run:      run,
})

// knownScopes are the scope.* permissions of WeChat's authorization guide
// (framework/open-ability/authorize.html, "scope 列表").
var knownScopes = map[string]bool{
	"scope.userInfo":               true,
	"scope.userLocation":           true,
	"scope.userFuzzyLocation":      true,
	"scope.userLocationBackground": true,
	"scope.werun":                  true,
	"scope.record":                 true,
	"scope.writePhotosAlbum":       true,
	"scope.camera":                 true,
	"scope.bluetooth":              true,
	"scope.addPhoneContact":        true,
	"scope.addPhoneCalendar":       true,
	"scope.invoiceTitle":           true,
	"scope.invoice":                true,
	"scope.address":                true,
}

func run(pass *analysis.Pass) (any, error) {
	p := project.Of(pass)
	if p.App == nil || p.App.Root == nil {
		return nil, nil
	}
	app := p.App
	cts := app.Root.Get("chatTools")
	if cts == nil || cts.Kind != jsonc.Array {
		return nil, nil
	}
	report := func(v *jsonc.Value, sev lint.Severity, format string, args ...any) {
		lint.Report(pass, sev, app.Pos(v.Start), app.Pos(v.Head()), format, args...)
	}
	// fixed reports an error on the string v with a safe fix: setting it to
	// to, the only value that can be meant.
	fixed := func(v *jsonc.Value, to, format string, args ...any) {
		pass.Report(analysis.Diagnostic{Pos: app.Pos(v.Start), End: app.Pos(v.End), Category: lint.Error.String(),
			Message:        fmt.Sprintf(format, args...),
			SuggestedFixes: []analysis.SuggestedFix{jsonedit.Fix(app.File, fmt.Sprintf("Replace with %q", to), jsonedit.SetString(v, to))}})
	}
	if len(cts.Elems) == 0 {
		report(cts, lint.Error, "chatTools is empty; declare the chat tool as one item {root, entryPagePath, desc}, or remove the key")
		return nil, nil
	}
	for i, extra := range cts.Elems[1:] {
		report(extra, lint.Error, "chatTools item %d: a mini program can declare only one chat tool; chatTools has %d items", i+2, len(cts.Elems))
	}
	// Extra items are reported above as a whole; only the chat tool WeChat
	// would take, the first, is checked in detail.
	checkItem(p, p.ChatTools[0], report, fixed)
	return nil, nil
}

type (
	reporter func(v *jsonc.Value, sev lint.Severity, format string, args ...any)
	fixer    func(v *jsonc.Value, to, format string, args ...any)
)

func checkItem(p *project.Project, ct *project.ChatTool, report reporter, fixed fixer) {
	item := ct.Item
	if item.Kind != jsonc.Object {
		return // config-schema reports the type
	}
	rootV := item.Get("root")
	root, ok := rootV.String()
	switch {
	case rootV == nil:
		report(item, lint.Error, "chatTools item has no \"root\"; set it to the root of the chat-tool subpackage")
	case ok && ct.Package == nil:
		if sp := sameBut(root, p.Subpackages); sp != nil {
			fixed(rootV, sp.Root, "chatTools root %q names no subpackage%s; the chat tool must be a subpackage listed in subPackages", root, closest(p, root))
		} else {
			report(rootV, lint.Error, "chatTools root %q names no subpackage%s; the chat tool must be a subpackage listed in subPackages", root, closest(p, root))
		}
	}
	if desc := item.Get("desc"); desc == nil {
		report(item, lint.Error, "chatTools item has no \"desc\"; describe the chat tool's feature (WeChat shows it to users and reviews it)")
	} else if s, ok := desc.String(); ok && strings.TrimSpace(s) == "" {
		report(desc, lint.Error, "chatTools desc is empty; describe the chat tool's feature (WeChat shows it to users and reviews it)")
	}
	if scopes := item.Get("scopes"); scopes != nil && scopes.Kind == jsonc.Array {
		for _, sv := range scopes.Elems {
			if s, ok := sv.String(); ok && !knownScopes[s] {
				if k := knownScope(s); k != "" {
					fixed(sv, k, "unknown scope %q in chatTools scopes%s", s, suggestScope(s))
				} else {
					report(sv, lint.Error, "unknown scope %q in chatTools scopes%s", s, suggestScope(s))
				}
			}
		}
	}
	sp := ct.Package
	entryV := item.Get("entryPagePath")
	if entryV == nil {
		report(item, lint.Error, "chatTools item has no \"entryPagePath\"; set it to the chat tool's first page")
	}
	if sp == nil {
		return
	}
	if !sp.Independent() {
		at := sp.Item.Get("root")
		if ind := sp.Item.Get("independent"); ind != nil {
			at = ind
		}
		report(at, lint.Error, "chat-tool subpackage %q must be independent: set \"independent\": true in its subPackages item", sp.Root)
	}
	if entry, ok := entryV.String(); ok {
		checkEntryPage(sp, entry, entryV, report, fixed)
	}
	if sp.Item.Get("entry") == nil {
		report(sp.Item.Get("root"), lint.Info, "chat-tool subpackage %q has no \"entry\" file; an entry (e.g. \"entry.js\") runs before any chat-tool page, the place for chat-tool setup", sp.Root)
	}
}

func checkEntryPage(sp *project.Subpackage, entry string, v *jsonc.Value, report reporter, fixed fixer) {
	clean := strings.TrimPrefix(path.Clean("/"+strings.TrimSpace(entry)), "/")
	var pages []string
	for _, pg := range sp.Pages {
		rel := strings.TrimPrefix(pg.Path, sp.Root+"/")
		if rel == clean {
			return
		}
		pages = append(pages, rel)
	}
	if inner, ok := strings.CutPrefix(clean, sp.Root+"/"); ok {
		for _, pg := range pages {
			if pg == inner {
				fixed(v, inner, "entryPagePath %q includes the subpackage root; write it relative to the root, as in subPackages: %q", entry, inner)
				return
			}
		}
	}
	list := strings.Join(pages, ", ")
	if len(pages) == 0 {
		list = "none"
	}
	report(v, lint.Error, "entryPagePath %q is not a page of chat-tool subpackage %q (its pages: %s)", entry, sp.Root, list)
}

// sameBut returns the one subpackage whose root differs from root only in
// case, or nil.
func sameBut(root string, sps []*project.Subpackage) *project.Subpackage {
	var found *project.Subpackage
	for _, sp := range sps {
		if strings.EqualFold(sp.Root, cleanRoot(root)) {
			if found != nil {
				return nil
			}
			found = sp
		}
	}
	return found
}

// cleanRoot is root as the loader cleans a subpackage root.
func cleanRoot(root string) string {
	return strings.Trim(path.Clean("/"+strings.TrimSpace(root)), "/")
}

// knownScope returns the known scope that s spells in another case, or "".
func knownScope(s string) string {
	for k := range knownScopes {
		if strings.EqualFold(k, s) {
			return k
		}
	}
	return ""
}

func closest(p *project.Project, root string) string {
	var roots []string
	for _, sp := range p.Subpackages {
		roots = append(roots, sp.Root)
	}
	if best := suggest.Closest(root, roots); best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

func suggestScope(s string) string {
	var scopes []string
	for k := range knownScopes {
		scopes = append(scopes, k)
	}
	best := suggest.Closest(s, scopes)
	if best == "" {
		return "; see the scope list in WeChat's authorization guide"
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
