package apicategoryvalue

import (
	_ "embed"
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chattool-lint/chattool-lint/internal/suggest"
	"github.com/chattool-lint/chattool-lint/jsparse"
	"github.com/chattool-lint/chattool-lint/lint"
	"github.com/chattool-lint/chattool-lint/project"
)

//go:embed doc.go
var doc string

// Rule is the api-category-value rule.
var Rule = lint.NewRule(doc, "apicategoryvalue", &analysis.Analyzer{
	Requires: []*analysis.Analyzer{project.Analyzer, jsparse.Analyzer},
	Run:      run,
})

// values are the documented results of wx.getApiCategory().
var values = []string{"default", "nativeFunctionalized", "browseOnly", "embedded", "chatTool"}

func run(pass *analysis.Pass) (any, error) {
	for _, f := range jsparse.Of(pass).Files {
		fx := f.Facts()
		if fx == nil {
			continue
		}
		for _, c := range fx.Compares {
			if slices.Contains(values, c.Value.Str) {
				continue
			}
			hint := ""
			if s := suggest.Closest(c.Value.Str, values); s != "" {
				hint = " (did you mean \"" + s + "\"?)"
			}
			start, end := f.Span(c.Node)
			d := analysis.Diagnostic{Pos: start, End: end, Category: lint.Error.String(), Message: fmt.Sprintf(
				"%q is not an apiCategory: it is one of default, nativeFunctionalized, browseOnly, embedded or chatTool, so this comparison never matches%s",
				c.Value.Str, hint)}
			if fix, ok := caseFix(f, start, end, c.Value.Str); ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			pass.Report(d)
		}
	}
	return nil, nil
}

// caseFix corrects a string literal at start in f that spells a documented
// value in another case ('chattool' for 'chatTool'): the one value it can
// mean. A constant's name, a literal with escapes or anything else gets no
// fix. The literal is read from the source at start (in TypeScript, the end
// mapped back from the compiled code may fall short of the literal's).
func caseFix(f *jsparse.File, start, end token.Pos, s string) (analysis.SuggestedFix, bool) {
	var want string
	for _, v := range values {
		if strings.EqualFold(v, s) {
			want = v
		}
	}
	pf, src := f.File, f.File.Src
	if want == "" || !start.IsValid() || !pf.Contains(start) {
		return analysis.SuggestedFix{}, false
	}
	so := pf.Offset(start)
	if so >= len(src) || (src[so] != '\'' && src[so] != '"') {
		return analysis.SuggestedFix{}, false
	}
	q := src[so]
	n := len(s) + 1
	if so+n >= len(src) || string(src[so+1:so+n]) != s || src[so+n] != q {
		return analysis.SuggestedFix{}, false
	}
	if end.IsValid() && end > start && pf.Offset(end) != so+n+1 {
		return analysis.SuggestedFix{}, false // the node is more than the literal
	}
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Replace with %c%s%c", q, want, q),
		TextEdits: []analysis.TextEdit{{Pos: f.File.Pos(so + 1), End: f.File.Pos(so + n), NewText: []byte(want)}},
	}, true
}
